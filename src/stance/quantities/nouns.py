"""What a number counts: the noun after it ("4 000 combattants") or in a frame before it ("the
number of nurses had fallen to 40"), and what happened to the people counted ("seven people were
killed"). :mod:`stance.quantities.parse` reads the numbers; this module, the nouns around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..text import word_set
from .concepts import _counts_people, _is_name_modifier
from .lexicon import (
    _CONNECTOR,
    _MODIFIER_JOINS,
    _MODIFIERS,
    _NOUN_LOOKAHEAD,
    _NOUN_STOPWORDS,
    _NOUN_WORD,
)

if TYPE_CHECKING:
    from .parse import _Doc


# "le nombre de terroristes ... s'est réduit à quelques centaines", "the number of agency nurses
# had fallen to 40", "a workforce of 480", "les jihadistes seraient entre 4.000 et 6.000": the
# counted noun comes before the number. Only these
# frames are read, and only within the clause before the number (no sentence or clause end
# between), so that a number is not given a noun it does not count.
_NOUN_BEFORE = re.compile(
    # The greedy start makes a match take the frame nearest the number ("le nombre de morts et
    # le nombre de blessés a atteint 40": blessés).
    r"(?s:.*)(?:"
    r"(?i:\b(?:nombre|number|total|effectif)\s+(?:de\s+(?:la\s+|l['\u2019]|des\s+)?|d['\u2019]|"
    r"of\s+(?:the\s+)?))(?:[A-Z]\w*\s+)*(?P<noun>[^\W\d_]+)"
    r"(?:[^.;:!?]*?)$"
    r"|\b(?P<head>(?i:workforce|effectif))\s+(?i:of|de)\s*$"
    # "les jihadistes seraient entre 4.000 et 6.000", "the strikers were about 300".
    r"|\b(?P<subject>[^\W\d_]{3,})\s+(?i:sont|seraient|étaient|serait|seront|restent|are|were|"
    r"number|numbered|totalled|totaled)\s+(?i:(?:environ|près\s+de|about|around|some|nearly)\s+)?$"
    r")"
)

_LOOKBEHIND = 120

# Subjects that do not name what they count ("ils sont 6 000").
_PRONOUNS = word_set("ils elles nous vous they we you there these those which who qui")


def _noun_before(doc: _Doc, unit: str | None, start: int) -> str | None:
    """The noun a number without one after it counts, from a frame before it (see
    ``_NOUN_BEFORE``); None for money and percentages, and when there is no such frame."""
    if unit is not None:
        return None
    m = _NOUN_BEFORE.match(doc.text, max(0, start - _LOOKBEHIND), start)
    if m is None:
        return None
    noun = (m.group("noun") or m.group("head") or m.group("subject")).lower()
    return None if noun in _NOUN_STOPWORDS or noun in _PRONOUNS else noun


def _counted(doc: _Doc, unit: str | None, pos: int) -> str | None:
    """The noun a quantity counts: none for money (the currency is what is counted), and for a
    percentage only a noun introduced by "de"/"of" ("3 % des emplois", not "3% last year")."""
    if unit is None:
        return _noun_after(doc, pos)
    if unit == "%" and _CONNECTOR.match(doc.text, pos):
        return _noun_after(doc, pos)
    return None


# What happened to the people counted, said right after them: "seven people were killed",
# "sept personnes ont été tuées", "quatre personnes ont perdu la vie", "two remained missing".
_FATE = re.compile(
    r"\s+(?:(?:have|has|had|were|was|are|is|remain|remained|ont|avaient|auraient|sont|étaient"
    r"|seraient|restent)\s+(?:been\s+|été\s+)?)?"
    r"(?:(?P<dead>killed|dead|died|perished|lost\s+their\s+lives|tu[ée]e?s|mort(?:e|s|es)?"
    r"|décédée?s?|péri|perdu\s+la\s+vie)"
    r"|(?P<injured>injured|wounded|hurt|blessée?s?)"
    r"|(?P<missing>missing|(?:portée?s?\s+)?disparue?s?))(?!\w)",
    re.IGNORECASE,
)

_FATE_WINDOW = 60


def _fate(text: str, noun: str | None, pos: int) -> str | None:
    """For a count of people (a noun that means people, in general or by role, found after the
    number at ``pos``), what happened to them when the words after the noun say it: "dead",
    "injured" or "missing", else None ("30 salariés ont perdu la vie" counts the dead).

    News counts the same victims as "seven people were killed" and "quatre morts": the fate
    is what makes them one thing, where "people" alone is also every crowd, evacuee and
    resident. "5,000 people have been evacuated" keeps no fate, and stays comparable with "3 000
    habitants" as a count of people.
    """
    if noun is None or not _counts_people(noun):
        return None
    at = text[pos : pos + _FATE_WINDOW].lower().find(noun)
    if at < 0:
        return None
    m = _FATE.match(text, pos + at + len(noun))
    return None if m is None else m.lastgroup


def _noun_after(doc: _Doc, pos: int) -> str | None:
    """The head noun of what a number counts, when it follows ("4 000 combattants", "a few
    hundred ISIS fighters", "3 % des emplois"), lower-cased; None when a function word comes first.

    English puts proper-name and adjective modifiers first ("4,000 Islamic State fighters"), so
    there capitalised words are skipped unless they look like the plural head ("4,000 Syrians");
    French puts its adjectives after the noun, so the first word is taken.
    """
    text = doc.text
    connector = _CONNECTOR.match(text, pos)
    if connector:
        pos = connector.end()
    # The words are read one by one, as needed: most often the first is the noun.
    words = _noun_words(text, pos)
    word = next(words, None)
    while word is not None:
        lower = word.lower()
        if lower in _MODIFIERS:
            word = next(words, None)
            if word is not None and word.lower() in _MODIFIER_JOINS:
                word = next(words, None)
                if word is None or word.lower() not in _MODIFIERS:
                    return None  # "3 more and injured": no modifier after "and", no noun
            continue
        if lower in _NOUN_STOPWORDS:
            return None
        if _is_name_modifier(word):
            following = next(words, None)
            if following is not None and doc.lang == "en":
                word = following
                continue
        return lower
    return None


def _noun_words(text: str, pos: int) -> Iterator[str]:
    """The words from ``pos`` on that may name what a number counts: at most
    ``_NOUN_LOOKAHEAD``, up to an elided article or preposition ("l'", "d'"), which ends the
    noun phrase."""
    for _ in range(_NOUN_LOOKAHEAD):
        m = _NOUN_WORD.match(text, pos)
        if m is None or m.group(2):
            return
        yield m.group(1)
        pos = m.end()
