"""Counted-noun concepts: what a quantity counts, in either language."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..text import folded, tsv_rows

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
def _read_concepts() -> tuple[tuple[str, str | None, list[str]], ...]:
    """``concepts.tsv`` (beside this module) as (concept, broader concept or None, its words in
    both languages)."""
    rows = tsv_rows(Path(__file__).resolve().parent / "concepts.tsv")[1:]
    return tuple(
        (concept, broader or None, [w for cell in (en, fr) for w in cell.split("|") if w])
        for concept, broader, en, fr in rows
    )


_CONCEPTS = _read_concepts()


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
        for word in words:
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
