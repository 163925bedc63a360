"""Counted-noun concepts: what a quantity counts, in either language."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..text import folded

if TYPE_CHECKING:
    from .parse import Quantity


def _is_name_modifier(word: str) -> bool:
    """A capitalised word that modifies the noun after it ("ISIS", "Kurdish", "US"), as opposed
    to a capitalised plural head noun ("Syrians")."""
    return word[0].isupper() and (word.isupper() or not word.endswith("s"))


@lru_cache(
    maxsize=4096
)  # nouns recur ("people", "emplois"), and pairs compare them again and again
def _lemma(noun: str) -> str:
    """A crude singular: enough to match "combattants"/"combattant", "fighters"/"fighter",
    "families"/"family", "journaux"/"journal"."""
    if len(noun) <= 3 or noun.endswith("ss"):
        return noun
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith("aux"):
        return noun[:-3] + "al"
    if noun.endswith(("s", "x")):
        return noun[:-1]
    return noun


# --------------------------------------------------------------------------------------------
# Counted-noun concepts.
#
# The scan compares French and English coverage of the same story, where one side counts "1,200
# firefighters" and the other "quelque 650 pompiers": one thing in two words, which equal lemmas
# never match. This lexicon gives the things news counts most often their French and English
# words, so that such counts are compared. It is a short list of staples, not a dictionary: a
# noun it does not know still matches its own lemma, and nothing else.
#
# Each concept may name a broader one, and a noun is comparable with the nouns of its own
# concepts and of their broader ones, never with those of a sibling. "people" is broader than
# every human concept, because news counts the same victims as "seven people were killed" and
# "quatre morts", the same evacuees as "5,000 people" and "3 000 habitants"; "staff" is broader
# than the trades a site employs ("3,400 care staff" / "3 400 soignants"). So firefighters are
# not residents, nurses not doctors, ships not jobs, hours not days. Money and percentages are
# units, not nouns: they are compared by ``Quantity.unit``. Acres are not hectares: the same
# area is a different number in each.
#
# The words are written as news writes them, mostly plural, and looked up as the nouns are:
# lower-cased, made singular by ``_lemma`` and stripped of accents; a French feminine
# ("blessées", "infirmières") is read as its masculine when only that is listed.
# --------------------------------------------------------------------------------------------
_CONCEPTS: tuple[tuple[str, str | None, str], ...] = (
    # (concept, broader concept, its words)
    ("people", None, "people persons personnes gens individus"),
    (
        "resident",
        "people",
        "residents inhabitants civilians locals villagers householders habitants civils "
        "riverains villageois",
    ),
    (
        "dead",
        "people",
        "dead killed died deaths fatalities casualties victims morts tués décès décédés victimes",
    ),
    ("injured", "people", "injured wounded casualties blessés"),
    ("missing", "people", "missing disparus"),
    ("evacuee", "people", "evacuees evacuated évacués"),
    ("refugee", "people", "refugees migrants displaced asylum-seekers réfugiés déplacés"),
    ("protester", "people", "protesters demonstrators marchers manifestants"),
    ("striker", "people", "strikers grévistes"),
    ("child", "people", "children kids infants babies enfants bébés nourrissons"),
    ("patient", "people", "patients malades"),
    ("student", "people", "students pupils schoolchildren étudiants élèves écoliers lycéens"),
    ("passenger", "people", "passengers travellers travelers commuters passagers voyageurs"),
    ("visitor", "people", "visitors tourists spectators fans visiteurs touristes spectateurs"),
    ("voter", "people", "voters electors électeurs"),
    ("prisoner", "people", "prisoners inmates detainees prisonniers détenus"),
    ("suspect", "people", "suspects arrested arrests suspects interpellés interpellations"),
    ("member", "people", "members adherents membres adhérents"),
    ("firefighter", "people", "firefighters fire-fighters pompiers sapeurs sapeurs-pompiers"),
    ("rescuer", "people", "rescuers rescue-workers secouristes sauveteurs"),
    ("police", "people", "police policemen officers policiers gendarmes"),
    ("soldier", "people", "soldiers troops servicemen soldats militaires"),
    (
        "fighter",
        "people",
        "fighters militants jihadists terrorists rebels "
        "combattants jihadistes djihadistes terroristes rebelles",
    ),
    (
        "staff",
        "people",
        "staff personnel employees workers workforce jobs posts "
        "employés salariés ouvriers agents emplois postes travailleurs collaborateurs",
    ),
    ("nurse", "staff", "nurses carers caregivers infirmiers soignants aides-soignants"),
    ("doctor", "staff", "doctors physicians surgeons médecins chirurgiens"),
    ("teacher", "staff", "teachers lecturers enseignants professeurs instituteurs"),
    ("miner", "staff", "miners mineurs"),
    ("docker", "staff", "dockers dockworkers"),
    ("farmer", "people", "farmers breeders growers agriculteurs éleveurs"),
    (
        "customer",
        "people",
        "customers clients subscribers account-holders users abonnés usagers",
    ),
    ("vote", None, "votes ballots voix suffrages bulletins"),
    ("vessel", None, "vessels ships boats cargo navires bateaux cargos"),
    ("aircraft", None, "aircraft planes jets avions"),
    # "14 bureaux de vote" / "three polling stations", "20 agences" / "20 branches".
    ("office", None, "offices branches polling bureaux agences"),
    ("flight", None, "flights vols"),
    ("bed", None, "beds lits"),
    ("case", None, "cases infections cas"),
    ("cash machine", None, "atms distributeurs"),
    ("sheep", None, "sheep ewes lambs brebis moutons agneaux"),
    ("vehicle", None, "vehicles cars lorries trucks véhicules voitures camions"),
    ("home", None, "homes houses households dwellings maisons logements foyers ménages"),
    ("minute", None, "minutes"),
    ("hour", None, "hours heures"),
    ("day", None, "days jours journées"),
    ("week", None, "weeks semaines"),
    ("month", None, "months mois"),
    ("year", None, "years an ans années"),
)


def _concept_key(noun: str) -> str:
    """How a noun, or a lexicon word, is looked up in ``_CONCEPT_NAMES``."""
    return folded(_lemma(noun))


def _concept_tables() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """``_CONCEPTS`` as two lookups: each word's key to the concepts it names, and each concept
    to itself and its broader concepts."""
    broader = {concept: parent for concept, parent, _ in _CONCEPTS}
    names: dict[str, set[str]] = {}
    reach: dict[str, frozenset[str]] = {}
    for concept, _, words in _CONCEPTS:
        for word in words.split():
            names.setdefault(_concept_key(word), set()).add(concept)
        chain, up = [concept], broader[concept]
        while up is not None:
            chain.append(up)
            up = broader[up]
        reach[concept] = frozenset(chain)
    return {key: frozenset(found) for key, found in names.items()}, reach


_CONCEPT_NAMES, _CONCEPT_REACH = _concept_tables()

_NO_CONCEPT: frozenset[str] = frozenset()


def _counts_people(noun: str) -> bool:
    """Whether a noun counts people, in general ("personnes") or by role ("salariés",
    "passengers"), but not by what happened to them ("morts", "injured"): only such a count
    can say its fate in the words after it ("30 salariés ont perdu la vie")."""
    names, reach = _senses(noun)
    return "people" in reach and not names & _FATES


_FATES = frozenset(("dead", "injured", "missing"))


@lru_cache(maxsize=4096)  # like _lemma: every pair of quantities asks again for the same nouns
def _senses(noun: str) -> tuple[frozenset[str], frozenset[str]]:
    """The concepts that ``noun`` names, and those it can be compared with: the same and their
    broader ones. Both are empty for a noun that ``_CONCEPTS`` does not list."""
    key = _concept_key(noun)
    names = _CONCEPT_NAMES.get(key)
    if names is None and key.endswith("e") and len(key) > 3:
        names = _CONCEPT_NAMES.get(key[:-1])  # a French feminine: "blessée", "infirmière"
    if not names:
        return _NO_CONCEPT, _NO_CONCEPT
    return names, frozenset().union(*(_CONCEPT_REACH[concept] for concept in names))


def kinds(q: Quantity) -> set[str]:
    """What a quantity counts, as keys that two comparable quantities in either language tend to
    share: ``"unit|lemma"``, plus ``"unit|concept"`` for each concept of ``_CONCEPTS`` its noun
    names ("pompiers" and "firefighters" both give ``"|firefighter"``). Broader concepts are
    left out, so that every count of people does not share ``"|people"``."""
    unit = q.unit or ""
    if q.noun is None:
        return {f"{unit}|"}
    names, _ = _senses(q.noun)
    found = {f"{unit}|{_lemma(q.noun.lower())}"} | {f"{unit}|{name}" for name in names}
    return found | {f"{unit}|{q.fate}"} if q.fate else found
