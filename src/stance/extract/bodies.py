"""Speakers named through something else: a company by what it is ("the company",
"l'établissement"), a management without its company, a possession ("its annual report", "son
cabinet"), and a body by the first word of its full name ("l'agence" after "l'agence régionale
de santé"). A person named by title alone ("la préfète") is resolved by the title rule of
:mod:`.speakers`, not here.

Wire copy names a company once ("Catering company Cantimel said ...") and then calls it "the
company", "the firm", "l'établissement"; it names a minister and then quotes "her office". Left
as written, such speakers are the same words in every story, which tells a reader nothing and lets
two bodies of one article look like one speaker (or one body look like two). Each is resolved
here to the name the article gave before it, and written so that the name shows: "Cantimel",
"la direction d'Hestria", "Corinne Delaunay's office", "le cabinet de Frédéric Castagnet".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..text import alternation, folded, word_set
from .clauses import _Found, _Ref, _Sentence, _squash
from .lexicon import (
    _DE,
    _LOOKBACK,
    _MONTHS,
    _PRONOUNS,
    _RELATIVES,
    _TIME_WORDS,
    _TITLES,
    _TOKEN,
    _table,
)
from .speakers import (
    _compatible,
    _gender_number,
    _is_person,
    _main_subject,
    _name_part,
    _speaker_runs,
)

_WORDS = re.compile(r"\w+")

# What a company is called by what it is: "the company", "le fabricant", "l'établissement".
_ORG_WORDS = frozenset(word for _, word in _table("organisations.tsv"))

# Another role for a person named before: folded mention -> the word sets, one of which the
# person's earlier mention must hold ("chef du pentagone" -> {"secretaire", "defense"}).
_ROLES: dict[str, list[frozenset[str]]] = {}
for _, _mention, _stands_for in _table("roles.tsv"):
    _ROLES.setdefault(" ".join(_WORDS.findall(folded(_mention))), []).extend(
        frozenset(_WORDS.findall(folded(option))) for option in _stands_for.split("|")
    )

# A company's management, named without the company ("la direction a assuré").
_MANAGEMENT = word_set("direction management")

_INDEFINITE_OPENINGS = word_set("a an un une")

_DEFINITE_OPENINGS = word_set("the le la l' l’ les")

_OPENINGS = (
    _INDEFINITE_OPENINGS
    | _DEFINITE_OPENINGS
    | frozenset(("its", "his", "her", "their", "son", "sa", "ses", "leur", "leurs"))
)

# Possessive determiners opening a speaker, with the pronoun that stands for their possessor.
_POSSESSIVES = {
    "its": "it",
    "his": "he",
    "her": "she",
    "their": "they",
    "son": None,
    "sa": None,
    "ses": None,
    "leur": None,
    "leurs": None,
}

# The French article a possession takes once its possessive is replaced by "de X".
_ARTICLES = {"son": "le", "sa": "la", "ses": "les", "leur": "le", "leurs": "les"}

# A name: capitalised words, with French particles between them.
_NAME = r"[A-ZÀ-Ý][\w'’-]*(?:\s+(?:de|du|des|d['’])?\s*[A-ZÀ-Ý][\w'’-]*)*"
_ORG = rf"(?i:{alternation(_ORG_WORDS)})"

# "Catering company Cantimel", "le fabricant d'électroménager Hestria", "la société
# gestionnaire du réseau, Aquelis": the noun, a few lower-case words, then the name.
_NOUN_THEN_NAME = re.compile(
    rf"(?<![\w'’-]){_ORG}(?P<between>(?:\s+[a-zà-ÿ][\w'’-]*){{0,3}}?),?\s+(?P<name>{_NAME})"
)
# "Solvane, the country's sixth-largest retail bank", "Aquelis, the company that runs ...": an
# apposition, followed by a comma or a relative ("central Europe, the company added" is a
# claim and its frame).
_NAME_THEN_NOUN = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:the|a|an|la|le|l['’]|une|un)\s*(?:[\w'’-]+\s+){{0,4}}?"
    rf"{_ORG}(?=\s*(?:[,(]|(?:that|which|who|qui|que|dont)\s))"
)
# "la Banque Solvane", "Groupe Arvel": the noun is the name's first word.
_NAMED_BY_NOUN = re.compile(
    rf"(?<![\w'’-])(?P<name>(?:{alternation(w.capitalize() for w in _ORG_WORDS)})"
    rf"\s+[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)*)"
)

# Words between a company noun and a name that show the name is not the company's: "the
# company in Paris", "le groupe à Lyon".
# Words before a company noun that make it someone else's complement ("le directeur du
# groupe, X", "a spokesman for the company, X": X is the director, the spokesman).
_OWNED = _DE | word_set("for pour at chez with avec")

_NOT_BETWEEN = word_set("in at on to from with for à en dans sur avec pour chez par vers au aux")


@dataclass(frozen=True)
class Bodies:
    """The companies an article names, in text order: where each is named and its name (the
    fullest form the article gave before: "Solvane" after "Banque Solvane" is "Banque
    Solvane")."""

    starts: list[int]
    names: list[str]

    def latest(self, pos: int) -> str | None:
        """The company named last before ``pos``, or None."""
        at = bisect_left(self.starts, pos)
        return self.names[at - 1] if at else None


def bodies(text: str) -> Bodies:
    """The companies named in ``text`` (see :class:`Bodies`)."""
    found: dict[int, str] = {}
    for m in _NOUN_THEN_NAME.finditer(text):
        between = m.group("between").lower().split()
        before = [w.lower() for w in _TOKEN.findall(text, max(0, m.start() - 16), m.start())]
        cut = re.match(r"\s+(?:de|du|des|d['’]|of)\s*[a-zà-ÿ]", text[m.end() :])
        if cut is not None:
            continue  # "the drivers' group Ligue des automobilistes": the name is longer
        if any(w in _NOT_BETWEEN for w in between) or (
            "," in text[m.end("between") : m.start("name")] and set(before[-3:]) & _OWNED
        ):
            continue  # "le directeur du groupe, Laurent Maubert": the director's name
        found.setdefault(m.start("name"), _squash(m.group("name")))
    for pattern in (_NAME_THEN_NOUN, _NAMED_BY_NOUN):
        for m in pattern.finditer(text):
            found.setdefault(m.start("name"), _squash(m.group("name")))
    for start, name in list(found.items()):
        if all(w.lower() in _TIME_WORDS | _MONTHS for w in name.split()):
            del found[start]  # "on Thursday, the company added"
    starts = sorted(found)
    names: list[str] = []
    for start in starts:
        name = found[start]
        fuller = next(
            (n for n in reversed(names) if " " not in name and n.endswith(" " + name)), None
        )
        names.append(fuller or name)
    return Bodies(starts, names)


def rename(
    found: _Found, text: str, known: Bodies, history: list[_Ref], sentence: int, lang: str
) -> str | None:
    """The speaker of ``found`` named through what the article said before it, or None when it
    is named well enough as written (see the module docstring)."""
    speaker = found.speaker
    if not speaker or found.pronoun is not None or _speaker_runs(speaker):
        return None
    words = [w.lower() for w in _TOKEN.findall(speaker)]
    normal = " ".join(w for w in words[1:] if w[0].isalnum()) if words[0] in _OPENINGS else ""
    at = found.cue[0] if found.cue is not None else found.start
    company = known.latest(at)
    role = _ROLES.get(" ".join(_WORDS.findall(folded(normal))))
    if role is not None and words[0] in _DEFINITE_OPENINGS:
        # "D'après la magistrate" after "La procureure de X, Hélène Y": that person.
        return next(
            (
                r.name
                for r in reversed(history)
                if r.person and any(option <= _folded_words(r.written) for option in role)
            ),
            None,
        )
    if words[0] in _POSSESSIVES and len(words) > 1:
        owner = _possessor(found, text, words[0], company, history, sentence, lang)
        return None if owner is None else _possession(speaker, words[0], owner, lang)
    if normal in _ORG_WORDS and words[0] in _DEFINITE_OPENINGS:
        return company  # "the company added", "a reconnu l'établissement"
    if normal in _MANAGEMENT and words[0] in _DEFINITE_OPENINGS and company:
        return f"{speaker} {_of(company, lang)}" if lang == "fr" else f"{company}'s management"
    if words[0] not in _DEFINITE_OPENINGS:
        return None
    if " " not in normal and normal not in _TITLES:
        # "l'agence" after "l'agence régionale de santé (ARS)": the body named in full before.
        return _named_in_full(normal, history, lang)
    owner = _POSSESSIVE_END.sub("", words[1]) if lang == "en" and len(words) > 2 else ""
    if (
        owner != words[1]
        and owner not in _TITLES
        and (full := _named_in_full(owner, history, lang))
    ):
        # "the agency's figures" after "the regional health agency": that agency's figures.
        return f"{full}'s {speaker.split(None, 2)[2]}"
    return None


_POSSESSIVE_END = re.compile(r"['’]s$")


def _named_in_full(noun: str, history: list[_Ref], lang: str) -> str | None:
    """The latest body whose mention is a determiner, ``noun`` and more words: not a person,
    unless ``noun`` is written there as part of a name ("the Lorvane Airline Operators'
    Committee", whose capitals make it look like a person's name; not "the director of the
    agency, X")."""
    return next(
        (
            r.written
            for r in reversed(history)
            if _longer(r.written, noun, lang)
            and (not r.person or noun.capitalize() in r.written.split(",")[0].split())
        ),
        None,
    )


def _folded_words(text: str) -> frozenset[str]:
    return frozenset(_WORDS.findall(folded(text)))


def _longer(written: str, noun: str, lang: str) -> bool:
    """Whether ``written`` is a determiner and more words whose head is ``noun``: the first
    in French ("l'agence régionale de santé" for "agence"), the last before a comma or a
    relative clause in English ("the regional health agency" for "agency")."""
    words = [w.lower() for w in _TOKEN.findall(written.split(",")[0])]
    if len(words) < 3 or words[0] not in _DEFINITE_OPENINGS:
        return False
    if lang == "en":
        relative = next((i for i, w in enumerate(words) if w in _RELATIVES), len(words))
        return relative > 2 and words[relative - 1] == noun
    return words[1] == noun


def _possessor(
    found: _Found,
    text: str,
    possessive: str,
    company: str | None,
    history: list[_Ref],
    sentence: int,
    lang: str,
) -> str | None:
    """Whom "its"/"her"/"son" stands for in a speaker: the named subject of the claim before
    the frame ("Minister X is due to visit on Friday, her office said"), else for "its" the
    company named last, else the nearest earlier speaker the pronoun can stand for."""
    pronoun = _POSSESSIVES[possessive]
    if found.claim_left:
        claim = _Sentence(text, found.claim[0], found.claim[1], lang)
        subject = _main_subject(claim, found.claim[1])
        if subject is not None:
            spoken = _squash(text[subject[0] : subject[1]])
            if _speaker_runs(spoken) and _fits(spoken, pronoun, lang):
                return _name_part(spoken) or spoken
    if pronoun == "it":
        return company
    gender = _PRONOUNS[pronoun][0] if pronoun else None
    for ref in reversed(history):
        if sentence - ref.sentence > _LOOKBACK:
            break
        if _compatible(ref.gender, gender) and (ref.person or pronoun not in {"he", "she"}):
            return ref.name
    return None


def _fits(mention: str, pronoun: str | None, lang: str) -> bool:
    """Whether a possessive of ``pronoun`` can stand for ``mention``."""
    if pronoun in {"he", "she"}:
        return _is_person(mention) and _compatible(
            _gender_number(mention, lang)[0], _PRONOUNS[pronoun][0]
        )
    return pronoun != "it" or not _is_person(mention)


def _possession(speaker: str, possessive: str, owner: str, lang: str) -> str:
    """ "its annual report" of Solvane -> "Solvane's annual report"; "son cabinet" of X -> "le
    cabinet de X"."""
    rest = speaker.split(None, 1)[1]
    if lang == "en":
        return f"{owner}'s {rest}"
    article = _ARTICLES.get(possessive, "le")
    if article != "les" and rest[:1].lower() in _VOWELS:
        return f"l'{rest} {_of(owner, lang)}"
    return f"{article} {rest} {_of(owner, lang)}"


_VOWELS = frozenset("aeiouyhàâéèêëîïôöûü")


def _of(name: str, lang: str) -> str:
    """ "de X", "d'Hestria"."""
    if lang == "en":
        return f"of {name}"
    first = name.split()[0].lower()
    if first in _DE or first in {"le", "la", "les", "l'", "l’"}:
        return f"de {name}"
    return f"d'{name}" if name[:1].lower() in _VOWELS else f"de {name}"
