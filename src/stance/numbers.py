"""Quantities and changes in French and English news statements.

News contradictions very often turn on numbers: one source says a group is "down to a few hundred
fighters", another counts "between 4,000 and 6,000, a number that has doubled in a year". This
module finds the quantities and the changes a statement states, so that a feature transformer can
compare two statements: do they count the same thing (:func:`comparable`), do their intervals
meet (:func:`overlap`), how far apart are they (:func:`gap`), do their changes point in opposite
directions (:attr:`Change.direction`).

Every quantity is an interval ``[low, high]``, whatever its wording: an exact number is
``[x, x]``, "between 4,000 and 6,000" is ``[4000, 6000]``, "a few hundred" is ``[200, 900]`` (see
``VAGUE``), "more than 5,000" is ``[5000, inf)``. Offsets always refer to the caller's text, so
``text[q.start:q.end] == q.text``; the span covers the number with its range opener, comparative,
scale word and unit, not the counted noun (given apart, in :attr:`Quantity.noun`). A share of a
group is a percentage: "fewer than one in five care staff" is ``[0, 20]`` %, "un soignant sur
cinq" and "la moitié des postes" 20 and 50 %.

What is deliberately *not* a quantity, because it says when or which rather than how many:

- years: a bare four-digit number from 1900 to 2100 with no unit, noun or comparative ("en 2015,
  ...", "2014-2016"), or any such number after "en", "in", "since", "depuis" and the like (so "in
  2000 cases" is lost: a rare price for a frequent error);
- clock times ("14h30", "14 h", "10:30", "9 a.m.") and days of the month next to a month name
  ("le 3 juin", "June 3", "3 March"), numeric dates ("03/06/2015", "2015-06-03") and fractions;
- ordinals ("premier", "first", "3e", "21st", "1er"): ordinal words are not in the lexicon, and a
  digit glued to letters is never read;
- numbers inside identifiers ("COVID-19", "A320", "F-16", "G7", "n° 5", "3.11.7");
- a lone "un", "une", "one": in news they are articles or pronouns far more often than counts
  ("un nombre qui a doublé en un an");
- periods: a span of time after "en", "in", "over the past", "within", "d'ici" and the like
  ("a doublé en deux ans", "in 24 hours", "d'ici trois ans"), which frames a claim rather than
  states an amount: "orders doubled over the past two years" and "les commandes ont chuté de
  moitié en deux ans" do not agree on a figure. A span that is the claim stays ("les patients
  attendent neuf heures", "burned for nine hours").

Changes are verbs and nouns of increase or decrease ("a doublé", "en baisse", "halved", "rose
by 20%") with the factor they state, or a before-and-after ("est passé de 10 % à 9 %"), whose
direction and factor come from its two values; a negated change ("n'a pas doublé") is none.

Digit groups are read by their pattern first and by the language only when it is ambiguous: "4 000"
(plain, no-break or narrow no-break space), "4.000.000" and "4,000,000" are thousands in both
languages, "4,5" and "4.5" are decimals in both, while a single "." or "," followed by exactly
three digits is a thousands separator in the language that uses it so ("4.000" in French,
"4,000" in English) and a decimal point otherwise.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from decimal import Decimal
from functools import lru_cache

from text_to_num import text2num

from .fold import folded

__all__ = [
    "VAGUE",
    "Change",
    "Quantity",
    "changes",
    "comparable",
    "gap",
    "guess_lang",
    "kinds",
    "overlap",
    "quantities",
    "read",
]

_LANGS = ("fr", "en")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity stated in a text, as an interval.

    ``kind`` says how the interval was obtained: ``"exact"`` (one number), ``"range"`` (two),
    ``"vague"`` (a word such as "quelques centaines", see ``VAGUE``), ``"comparative"`` (one open
    or zero-based side: "plus de", "up to") or ``"approx"`` ("environ", "nearly").
    """

    low: float
    high: float
    kind: str
    unit: str | None
    noun: str | None
    text: str
    start: int
    end: int
    fate: str | None = None
    """For a count of people, what happened to them when the text says it ("seven people were
    killed": ``"dead"``; also ``"injured"``, ``"missing"``), else None."""


_QUANTITY_SLOTS = tuple(getattr(Quantity, f.name).__set__ for f in fields(Quantity))


def _quantity(
    low: float,
    high: float,
    kind: str,
    unit: str | None,
    noun: str | None,
    text: str,
    start: int,
    end: int,
    fate: str | None = None,
) -> Quantity:
    """``Quantity(...)``, built without the frozen dataclass's ``__init__``: it sets each field
    through ``object.__setattr__``, which costs as much as a good part of reading the number.
    The slots are filled directly instead (Quantity has no ``__post_init__`` to skip)."""
    quantity = object.__new__(Quantity)
    values = (low, high, kind, unit, noun, text, start, end, fate)
    for fill, value in zip(_QUANTITY_SLOTS, values):
        fill(quantity, value)
    return quantity


@dataclass(frozen=True, slots=True)
class Change:
    """A stated change: its direction (+1 up, -1 down) and, when said, its factor."""

    direction: int
    factor: float | None
    text: str
    start: int
    end: int


# --------------------------------------------------------------------------------------------
# Vague quantities.
#
# The bounds are what a reader would still accept as true for the phrase. "Quelques/plusieurs
# <N-aines>" is a small multiple of the unit (2 to 9 of them). "Des <N-aines>" / "<N>s" (bare
# plural) reaches just below the next unit, where a writer would switch to the next word
# ("des centaines" stops at 999: past that one writes "un millier", "des milliers"). "Une
# <N-aine>" is N give or take a writer's rounding, wider above than below because people round
# down what they estimate ("une centaine" for 120 is common, for 75 rare). The small-number words
# ("quelques", "a few", "plusieurs", "several") share [2, 9]: writers do not use them consistently
# enough to tell them apart, and one interval keeps them comparable. Those four are quantities
# only before a noun ("quelques combattants"); alone they are too often pronouns.
# --------------------------------------------------------------------------------------------
VAGUE: dict[str, tuple[float, float]] = {
    # French
    "quelques dizaines": (20, 90),
    "plusieurs dizaines": (20, 90),
    "des dizaines": (20, 99),
    "quelques centaines": (200, 900),
    "plusieurs centaines": (200, 900),
    "des centaines": (200, 999),
    "quelques milliers": (2_000, 9_000),
    "plusieurs milliers": (2_000, 9_000),
    "des milliers": (2_000, 9_999),
    "quelques millions": (2e6, 9e6),
    "plusieurs millions": (2e6, 9e6),
    "des millions": (2e6, 9_999_999),
    "quelques milliards": (2e9, 9e9),
    "plusieurs milliards": (2e9, 9e9),
    "des milliards": (2e9, 9_999_999_999),
    "une dizaine": (8, 14),
    "une douzaine": (10, 14),
    "une quinzaine": (13, 18),
    "une vingtaine": (17, 25),
    "une trentaine": (26, 35),
    "une quarantaine": (36, 45),
    "une cinquantaine": (45, 58),
    "une soixantaine": (55, 68),
    "une centaine": (80, 130),
    "un millier": (800, 1_300),
    "quelques": (2, 9),
    "plusieurs": (2, 9),
    # English
    "a few dozen": (24, 60),
    "several dozen": (24, 60),
    "dozens": (24, 99),
    "a dozen": (10, 14),
    "tens": (20, 99),
    "a few hundred": (200, 900),
    "several hundred": (200, 900),
    "hundreds": (200, 999),
    "a few thousand": (2_000, 9_000),
    "several thousand": (2_000, 9_000),
    "thousands": (2_000, 9_999),
    "a few million": (2e6, 9e6),
    "several million": (2e6, 9e6),
    "millions": (2e6, 9_999_999),
    "a few billion": (2e9, 9e9),
    "several billion": (2e9, 9e9),
    "billions": (2e9, 9_999_999_999),
    "a handful": (2, 6),
    "a few": (2, 9),
    "several": (2, 9),
}
_NEEDS_NOUN = frozenset({"quelques", "plusieurs", "a few", "several"})


# --------------------------------------------------------------------------------------------
# Lexicons.
# --------------------------------------------------------------------------------------------
def _wordset(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string, which is easier to read."""
    return frozenset(words.split())


_FR_NUMBER_WORDS = _wordset(
    "zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize vingt vingts trente quarante cinquante soixante septante huitante octante nonante cent "
    "cents mille"
)
_EN_NUMBER_WORDS = _wordset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand"
)
_ARTICLES = frozenset({"un", "une", "one", "a", "an"})
_EN_ANCHORS = ("hundred", "thousand", "million", "billion", "trillion")

# Powers of ten of the scale words; "billion" is 10^12 in French and 10^9 in English.
_SCALE_EXP = {
    "mille": 3,
    "thousand": 3,
    "thousands": 3,
    "milliers": 3,
    "k": 3,
    "million": 6,
    "millions": 6,
    "mln": 6,
    "mn": 6,
    "milliard": 9,
    "milliards": 9,
    "md": 9,
    "mds": 9,
    "mrd": 9,
    "mrds": 9,
    "bn": 9,
    "trillion": 12,
    "trillions": 12,
}
_BILLION_EXP = {"fr": 12, "en": 9}
_THOUSANDS_MARK = {"fr": ".", "en": ","}

_FR_FUNCTION_WORDS = _wordset(
    "le la les l de des du d et est dans pour par sur au aux ne pas plus que qu qui une un selon "
    "ont sont été cette ces avec il elle ils se s son sa ses leur était aussi mais ou où"
)
_EN_FUNCTION_WORDS = _wordset(
    "the of and to in is was that for on with by has have had been are were from as at this "
    "it its an be which who their they he she not but or than after said says"
)

_NOUN_STOPWORDS = (
    _FR_FUNCTION_WORDS
    | _EN_FUNCTION_WORDS
    | _FR_NUMBER_WORDS
    | _EN_NUMBER_WORDS
    | _wordset(
        "à en dont quoi cet on nous vous y n très tout tous toutes toute soit fut sera seront "
        "serait avait avaient aura auront ait comme donc ni si environ seulement près déjà encore "
        "lui entre depuis pendant avant après chez vers contre sans moins "
        "a them his her we you i no more less over under about before since during per each into "
        "through out up down off only just nearly almost around some roughly then there here so if "
        "when while will would could should may might being these those whom whose what"
    )
)
# Words between a number and its noun that do not name what is counted ("3,400 care staff").
_MODIFIERS = _wordset(
    "autres nouveaux nouvelles nouveau anciens anciennes more other new additional extra further "
    "former armed foreign care nursing"
)
# What may join two such modifiers ("180 nursing and care posts").
_MODIFIER_JOINS = _wordset("and or et ou")


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, factored as a trie ("d(?:eux|ix)").

    Python's regex engine tries the branches of an alternation one by one; a trie fails on the
    first character instead of once per word, which makes scanning every statement several times
    cheaper. Longer words are tried first, so that no word hides a longer one.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(tree)


def _trie_regex(node: dict[str, dict]) -> str:
    """The regex of one trie node; the key "" marks the end of a word."""
    branches = [
        re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


class _WordStarts:
    r"""Where words start that begin with one of ``stems``, in any case: the positions at which
    ``(?<![\w-])(?:stems)<after>`` with ``re.IGNORECASE`` matches, found more cheaply.

    Every statement is searched so, and a lookbehind tried at each character, then a trie of
    case-insensitive letters, is slow. The search instead reads the character before the word
    ("[^\w-]stem", in " " + text, so that a word at the very start has one too), which lets it
    skip in C every character that cannot precede a word; and it runs on the lower-cased text
    without ``re.IGNORECASE``, so that each letter is one comparison. The positions are the same
    (no stem ends with the character that the next match reads before its word), and so is case
    folding, except for the few letters whose lower case the regex engine treats otherwise ("İ",
    "ı", "ſ"): a text with one of those is searched with ``re.IGNORECASE``.
    """

    def __init__(self, stems: Iterable[str], after: str = "") -> None:
        body = rf"[^\w-](?:{_alternation(stem.lower() for stem in stems)}){after}"
        self._lower = re.compile(body)
        self._any_case = re.compile(body, re.IGNORECASE)

    def starts(self, doc: _Doc) -> list[int]:
        """The positions in ``doc.text``, in order."""
        padded, lowered = doc.padded
        return [m.start() for m in (self._lower if lowered else self._any_case).finditer(padded)]

    def found(self, doc: _Doc) -> bool:
        """Whether there is any."""
        padded, lowered = doc.padded
        return (self._lower if lowered else self._any_case).search(padded) is not None


# --------------------------------------------------------------------------------------------
# Atoms: the numbers themselves (digits, number words, vague phrases).
#
# They are looked for only where a token could start one (a digit, a number word, the first word
# of a vague phrase), with anchored matches: one big alternation tried at every character costs
# several times more, and this runs on every statement.
# --------------------------------------------------------------------------------------------

_SPACE_SEP = "\u00a0\u202f\u2009 "
_NO_SPACE_SEP = str.maketrans("", "", _SPACE_SEP)
_DIGITS = (
    # not glued to a letter, a digit, a decimal mark, a slash or a colon, nor after "X-" (COVID-19)
    r"(?<![\w.,/:])(?<![^\W\d_][-\u2011])"
    r"(?P<digits>"
    rf"\d{{1,3}}(?P<sep>[.,{_SPACE_SEP}])\d{{3}}(?:(?P=sep)\d{{3}})*(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?"
    r")"
    # ... and not glued to letters after (3e, 21st, 14h30, 3G), except a scale suffix (4bn)
    r"(?:(?P<suffix>bn|mds?|mrds?|mln|mn|k)(?!\w)|(?![\w/:]|[.,]\d))"
)
_NUMBER_WORD = _alternation(_FR_NUMBER_WORDS | _EN_NUMBER_WORDS)
_WORD = (
    rf"(?<![\w-])(?:(?:{_NUMBER_WORD})(?:-(?:et-)?(?:{_NUMBER_WORD}))*"
    rf"|an?(?=\s+(?:{'|'.join(_EN_ANCHORS)})\b))(?![\w-])"
)
_VAGUE_RE = (
    r"(?<![\w-])(?:"
    + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(VAGUE, key=len, reverse=True))
    + r")(?![\w-])"
)
_DIGITS_AT = re.compile(_DIGITS, re.IGNORECASE)
_VAGUE_AT = re.compile(_VAGUE_RE, re.IGNORECASE)
_WORD_AT = re.compile(_WORD, re.IGNORECASE)
# Where a number can start: a digit not glued to a word, a decimal mark, a slash or a colon (the
# lookbehind comes after the digit, so that the search skips other characters in C); a number
# word or the first word of a vague phrase at the start of a word.
_STARTERS = _FR_NUMBER_WORDS | _EN_NUMBER_WORDS | {"a", "an"} | {k.split()[0] for k in VAGUE}
_DIGIT_START = re.compile(r"\d(?<![\w.,/:]\d)")
_NUMBER_WORD_START = _WordStarts(_STARTERS, after=r"(?!\w)")

_WORD_SPLIT = re.compile(r"[\s-]+")
_MAX_RUN = 16  # "nine hundred ninety-nine thousand nine hundred ninety-nine" is 8
# Between two number words of one number: spaces, or "et"/"and" where numbers use them.
_WORD_JOIN = re.compile(r"\s+|\s+(?:et|and)\s+", re.IGNORECASE)

# Dates, times, identifiers and factors are recognised by the word just before or after the
# number; comparing the last words before it with sets is cheaper than a regex ending in "$".
_MONTHS_FR = _wordset(
    "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre "
    "décembre decembre janv févr fevr avr juil sept déc dec"
)
_MONTHS_EN = _wordset(  # capitalised: "may" is a verb, "march" a noun
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
_MONTH_AFTER = re.compile(
    rf"\s*(?:er\s+)?(?:of\s+)?(?:(?i:{_alternation(_MONTHS_FR)})|{_alternation(_MONTHS_EN)})"
    r"(?!\w)"
)
_TIME_AFTER = re.compile(
    r"\s?(?:h(?:\s?\d\d)?(?!\w)|[ap]\.m\.|[ap]m(?!\w)|o['\u2019]clock)", re.IGNORECASE
)
_CLOCK_HOUR = re.compile(r"\d{1,2}h", re.IGNORECASE)  # "14h 30", seen from the "30"
# Words after which a number names something rather than counts it ("n° 5", "article 49",
# "vol 370"), and the "pour" of "pour cent".
_ID_WORDS = _wordset(
    "n° nº no. num. # numéro article résolution resolution page chapitre chapter flight vol pour"
)
_FACTOR_VERBS = ("multipli", "divis", "multiplied", "divided")  # "multiplié par trois"
_YEAR_WORDS = _wordset(
    "en in since depuis dès until till année year fin début mi jusqu'en l'an d'ici"
)
_EDGE_PUNCTUATION = "([{«\"'\u2019\u201c,;:"
_NUMERIC_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}-\d{1,2}-\d{2,4}\b")

# --------------------------------------------------------------------------------------------
# What surrounds a number: scale, unit, range, comparative, noun.
# --------------------------------------------------------------------------------------------
_SCALE = re.compile(
    r"\s*(?P<scale>millions?|milliards?|billions?|trillions?|mille|thousand|mds?|mrds?|mln|bn)"
    r"(?!\w)",
    re.IGNORECASE,
)
_VAGUE_TIMES = re.compile(
    r"\s+(?:de|d['\u2019]|of)\s*(?P<scale>milliers|millions|milliards|thousands|billions)(?!\w)",
    re.IGNORECASE,
)
_PERCENT = r"%|pour\s?cents?(?!\w)|pourcents?(?!\w)|percent(?!\w)|per\s+cent(?!\w)"
_UNIT_AFTER = re.compile(
    rf"\s*(?:(?P<pct>{_PERCENT})"
    r"|(?P<eur>€|(?:d['\u2019]\s*|de\s+)?euros?(?!\w)|EUR(?!\w))"
    r"|(?P<usd>\$|(?:de\s+|of\s+)?dollars?(?!\w)|USD(?!\w))"
    r"|(?P<gbp>£|(?:de\s+)?livres\s+sterling(?!\w)|GBP(?!\w)))",
    re.IGNORECASE,
)
_UNIT_BEFORE = re.compile(
    r"(?:(?P<usd>US\s?\$|\$|USD\s)|(?P<eur>€|EUR\s)|(?P<gbp>£|GBP\s))\s*$",
)
_CURRENCY = {"eur": "EUR", "usd": "USD", "gbp": "GBP"}
_CURRENCY_SIGN = re.compile(r"(?:US\s?\$|\$|€|£)?\s*")  # repeated in a range: "$4 to $6"

_RANGE_SEP = re.compile(
    r"\s*(?P<dash>[-\u2011\u2013\u2014])\s*|\s+(?P<to>à|to|ou|or)\s+|\s+(?P<and>et|and)\s+",
    re.IGNORECASE,
)
_RANGE_OPEN = re.compile(
    r"\b(?:(?P<between>entre|between)\s+|(?P<from>de\s+|d['\u2019]\s*|from\s+))$", re.IGNORECASE
)
# "est passé de 10 % à 9 %", "rose from 4,000 to 6,000": two values at two times, not a range.
_EVOLUTION_BEFORE = re.compile(
    r"\b(?:pass[ée]\w*|passer|went|gone|going|rose|risen|fell|fallen|grew|grown|increased"
    r"|decreased|dropped|declined|climbed|jumped|augmenté\w*|baissé\w*|diminué\w*|chuté\w*"
    r"|grimpé\w*|reculé\w*|progressé\w*)\s+$",
    re.IGNORECASE,
)

# Before a number: (low bound) | (high bound) | (just below) | (around).
_PREFIX = re.compile(
    r"(?<![\w'\u2019])(?:"
    r"(?P<lo>pas\s+moins\s+d(?:e\s|['\u2019])|no\s+(?:fewer|less)\s+than|not\s+less\s+than"
    r"|plus\s+d(?:e\s|['\u2019])|au\s+moins|more\s+than|at\s+least|over|upwards\s+of)"
    r"|(?P<hi>pas\s+plus\s+d(?:e\s|['\u2019])|no\s+more\s+than|not\s+more\s+than"
    r"|moins\s+d(?:e\s|['\u2019])|jusqu['\u2019]\s?à|fewer\s+than|less\s+than|up\s+to|at\s+most"
    r"|au\s+plus|tout\s+au\s+plus)"
    r"|(?P<near>près\s+d(?:e\s|['\u2019])|presque|quasiment|nearly|almost)"
    r"|(?P<about>environ|quelques?|autour\s+d(?:e\s|['\u2019])|approximativement|about|around"
    r"|some|roughly|approximately|an\s+estimated|estimated)"
    r")\s*$",
    re.IGNORECASE,
)
_PREFIX_WINDOW = 30
# The last character, lower-cased, that each phrase of _PREFIX and _UNIT_BEFORE can end with,
# trailing spaces aside ("ſ" is an "s" to re.IGNORECASE, but "ſ".lower() is itself).
_PREFIX_ENDS = frozenset("e'\u2019nstrfàoydſ")
_UNIT_BEFORE_ENDS = frozenset("$€£drp")
_BEFORE_WINDOW = 24

_CONNECTOR = re.compile(r"\s*(?:(?:des|du|de|of\s+the|of)\s+|d['\u2019]\s*)", re.IGNORECASE)
_NOUN_WORD = re.compile(r"\s*([^\W\d_]+(?:-[^\W\d_]+)*)(['\u2019])?")
_NOUN_LOOKAHEAD = 4

# --------------------------------------------------------------------------------------------
# Changes.
# --------------------------------------------------------------------------------------------
_FACTOR_WORDS = {
    "deux": 2.0,
    "two": 2.0,
    "trois": 3.0,
    "three": 3.0,
    "quatre": 4.0,
    "four": 4.0,
    "cinq": 5.0,
    "five": 5.0,
    "six": 6.0,
    "dix": 10.0,
    "ten": 10.0,
    "cent": 100.0,
    "hundred": 100.0,
}
# Auxiliaries and adverbs that belong to a change's text ("a été multiplié", "has more than
# doubled", "est en forte hausse"); they are looked for just before the verb.
_FR_AUX = (
    r"(?:(?:(?:a|ont|avait|avaient|aura|auront|aurait|auraient)(?:\s+été)?|est|sont|était"
    r"|étaient|sera|seront|s['\u2019](?:est|était)|se\s+sont)\s+)?(?:(?:presque|quasiment"
    r"|pratiquement|déjà|encore|plus\s+que|fortement|nettement|légèrement)\s+)?"
    r"(?:en\s+(?:(?:forte|légère|nette)\s+)?)?"
)
_EN_AUX = (
    r"(?:(?:has|have|had|was|were|is|are|will|would)\s+(?:been\s+|be\s+)?)?(?:(?:almost|nearly"
    r"|more\s+than|already|roughly|sharply|steadily|more)\s+)?"
)
_AUX_WINDOW = 40

# (stems, rest of the pattern, direction, factor): a change is one of the literal stems followed
# by the rest. A factor of None is read from the "f" group when there is one. Direction 0 marks
# a before-and-after ("est passé de 10 % à 9 %"), whose direction and factor come from its two
# values. Where two entries match at one place the first wins, so specific entries come first.
_ChangeEntry = tuple[tuple[str, ...], str, int, float | None]
_FR_CHANGES: tuple[_ChangeEntry, ...] = (
    (("augment",), r"\w*\s+de\s+moitié", +1, 1.5),
    (("diminu", "rédui", "réduc", "baiss", "chut", "recul", "coup", "amput"),
     r"\w*\s+de\s+moitié", -1, 0.5),
    (("doubl",), r"(?:é|ée|és|ées|er|era|eront|erait|ait|aient|ent|ement)", +1, 2.0),
    (("tripl",), r"(?:é|ée|és|ées|er|era|eront|erait|ait|aient|ent|ement)", +1, 3.0),
    (("quadrupl",), r"(?:é|ée|és|ées|er|era|ait|ent|ement)", +1, 4.0),
    (("multipli",), r"(?:é|ée|és|ées)\s+par\s+(?P<f>\w+)", +1, None),
    (("divis",), r"(?:é|ée|és|ées)\s+par\s+(?P<f>\w+)", -1, None),
    (("augment",), r"(?:é|ée|és|ées|er|e|ent|era|ait|aient|ation|ations)", +1, None),
    (("hausse",), r"s?", +1, None),
    (("progress",), r"(?:é|ée|és|ées|er|e|ent|ait|aient|ion)", +1, None),
    (("grimp",), r"(?:é|ée|és|ées|er|e|ent|ait)", +1, None),
    (("bondi", "accroissement"), r"", +1, None),
    (("envol",), r"(?:é|ée|és|ées|er|e|ent)", +1, None),
    (("accru",), r"(?:e|s|es)?", +1, None),
    (("diminu",), r"(?:é|ée|és|ées|er|e|ent|ait|aient|tion)", -1, None),
    (("baiss",), r"(?:é|ée|és|ées|er|e|es|ent|ait|aient)", -1, None),
    (("recul",), r"(?:é|ée|és|ées|er|e|ent|ait|aient)?", -1, None),
    (("rédui",), r"(?:t|te|ts|tes|re|sent|sait|saient)", -1, None),
    (("réduction", "fondu"), r"", -1, None),
    (("chut",), r"(?:é|ée|és|ées|er|e|ent|ait|aient)", -1, None),
    (("effondr",), r"(?:é|ée|és|ées|er|e|ent|ait|ement)", -1, None),
    (("dégringol",), r"\w*", -1, None),
    (("pass",), r"(?:é|ée|és|ées|er|e|ent|era|eront)\s+(?:de|d['\u2019])", 0, None),
    # "ne ... plus que" and a number ("l'EI ne compte plus que quelques centaines", "ils ne
    # sont plus que 40"): only so many now, which says there were more, as "reduced to" does.
    # Not "ne ... pas plus que" (no more than), "a plus que doublé" (no "ne"), nor "ne compte
    # plus que sur lui-même" (no number).
    (("ne", "n'", "n\u2019"),
     r"(?:(?<=e)\s+|(?<=['\u2019]))(?:(?!pas\b|jamais\b)[^\W\d_]+['\u2019]?\s*){1,3}?"
     rf"plus\s+qu(?:e|['\u2019])(?=\s*(?:environ\s+|à\s+)?(?:\d|{_VAGUE_RE}|{_WORD}))",
     -1, None),
)  # fmt: skip
_EN_CHANGES: tuple[_ChangeEntry, ...] = (
    (("doubl",), r"(?:ed|es|ing)", +1, 2.0),
    (("tripl",), r"(?:ed|es|ing)", +1, 3.0),
    (("quadrupl",), r"(?:ed|es|ing)", +1, 4.0),
    (("twofold", "two-fold"), r"", +1, 2.0),
    (("threefold", "three-fold"), r"", +1, 3.0),
    (("fourfold", "four-fold"), r"", +1, 4.0),
    (("tenfold", "ten-fold"), r"", +1, 10.0),
    (("multiplied",), r"\s+by\s+(?P<f>\w+)", +1, None),
    (("halv",), r"(?:ed|es|ing)", -1, 0.5),
    (("cut", "reduced", "slashed", "fell", "dropped"), r"\s+(?:in|by)\s+half", -1, 0.5),
    (("divided",), r"\s+by\s+(?P<f>\w+)", -1, None),
    (("rose",), r"(?-i:(?<=rose))", +1, None),  # lower case only: not the name "Rose"
    (("risen", "rising", "rises", "grew", "grown", "growing", "grows"), r"", +1, None),
    (("increas",), r"(?:ed|es|ing|e)", +1, None),
    (("surg",), r"(?:ed|es|ing)", +1, None),
    (("soar", "jump", "climb"), r"(?:ed|ing|s)", +1, None),
    (("swelled", "swollen", "swells"), r"", +1, None),
    (("fell", "fallen", "falling"), r"", -1, None),
    (("falls",), r"(?-i:(?<=falls))", -1, None),  # lower case only: not "Niagara Falls"
    (("dropped", "dropping", "drops"), r"", -1, None),
    (("declin",), r"(?:ed|es|ing|e)(?!\s+to\s+(?:comment|say|give|answer|discuss|elaborate"
                  r"|confirm|provide|be|speak|reveal|identify|name|disclose)\b)", -1, None),
    (("decreas",), r"(?:ed|es|ing|e)", -1, None),
    (("reduc",), r"(?:ed|es|ing|tion)", -1, None),
    (("plung", "plummet", "slump", "tumbl", "dwindl"), r"\w*", -1, None),
    (("shrank", "shrunk", "shrinking", "shrinks"), r"", -1, None),
    (("went", "gone", "going", "goes"), r"\s+(?:(?:up|down)\s+)?from", 0, None),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _ChangeRules:
    """One language's change rules, compiled.

    ``candidates`` finds where a stem starts (a trie: cheap on every statement); ``verbs`` is
    then matched there, its group ``c<i>`` telling which entry of ``table`` matched.
    """

    candidates: _WordStarts
    verbs: re.Pattern[str]
    aux_before: re.Pattern[str]
    table: tuple[tuple[int, float | None], ...]


def _compile_changes(aux: str, table: tuple[_ChangeEntry, ...]) -> _ChangeRules:
    """Compile one language's change table.

    Inner "f" groups are renamed per entry (f0, f1, ...) since a name may occur only once.
    """
    alternatives = "|".join(
        f"(?P<c{i}>(?:{'|'.join(map(re.escape, stems))}){rest.replace('(?P<f>', f'(?P<f{i}>')})"
        for i, (stems, rest, _, _) in enumerate(table)
    )
    stems = {stem for entry in table for stem in entry[0]}
    return _ChangeRules(
        candidates=_WordStarts(stems),
        verbs=re.compile(rf"(?:{alternatives})(?:(?!\w)|(?<=['\u2019]))", re.IGNORECASE),
        aux_before=re.compile(rf"(?<![\w-]){aux}$", re.IGNORECASE),
        table=tuple((direction, factor) for _, _, direction, factor in table),
    )


_CHANGE_RULES = {
    "fr": _compile_changes(_FR_AUX, _FR_CHANGES),
    "en": _compile_changes(_EN_AUX, _EN_CHANGES),
}
# Where a change verb of either language starts: a statement with none has no change, whatever
# its language.
_CHANGE_STEMS = frozenset(
    stem for table in (_FR_CHANGES, _EN_CHANGES) for e in table for stem in e[0]
)
_ANY_CHANGE = _WordStarts(_CHANGE_STEMS)
# "a augmenté de 50 %", "fell by 20%", "rose 3%": the factor is stated as a percentage.
_PERCENT_AFTER = re.compile(
    r"(?:\s+(?:de|by)\s+|\s+)(?:(?:plus\s+de|près\s+de|about|nearly|more\s+than|some)\s+)?"
    rf"(?P<pct>\d+(?:[.,]\d+)?)\s?(?:{_PERCENT})",
    re.IGNORECASE,
)
# The "à"/"to" between the two values of a before-and-after.
_EVOLUTION_TO = re.compile(r"\s+(?:à|a|to)\s+", re.IGNORECASE)
_EVOLUTION_WINDOW = 80
# A negated change ("n'a pas doublé", "has not risen") states no change: it is dropped.
_NEGATION_BEFORE = re.compile(
    r"(?:\b(?:pas|jamais|guère|not|never)|n['\u2019]t)\s+(?:(?:encore|vraiment|yet|really|been)\s+)?$",
    re.IGNORECASE,
)
_LANG_TOKEN = re.compile(r"[^\W\d_]+")
_FR_MARKS = re.compile(r"[àâçéèêëîïôûùœ]|\b[ldjqs]['\u2019]\w", re.IGNORECASE)


# --------------------------------------------------------------------------------------------
# Public functions.
# --------------------------------------------------------------------------------------------
def guess_lang(text: str) -> str:
    """``"fr"`` or ``"en"``, by counting each language's commonest function words.

    Cheap enough to call on every statement; a tie is broken by French accents and elisions,
    then goes to English.
    """
    words = _LANG_TOKEN.findall(text.lower())
    fr = sum(map(_FR_FUNCTION_WORDS.__contains__, words))
    en = sum(map(_EN_FUNCTION_WORDS.__contains__, words))
    if fr != en:
        return "fr" if fr > en else "en"
    return "fr" if _FR_MARKS.search(text) else "en"


def quantities(text: str, lang: str | None = None) -> list[Quantity]:
    """The quantities stated in ``text``, in order of appearance.

    ``lang`` ("fr" or "en") settles ambiguous digit groups ("4.000", "4,000"), "billion" and
    English noun phrases; when it is None it is guessed from the text, and only if one of those
    needs it. A statement with no digit and no number or vague word costs one regex scan. See
    the module docstring for what is not reported.
    """
    _check_lang(lang)
    return _quantities(_Doc(text, lang))


def changes(text: str, lang: str | None = None) -> list[Change]:
    """The changes (increase or decrease, with a factor when stated) that ``text`` reports.

    A change stated with a percentage ("a augmenté de 50 %", "fell by 20%") gets the factor it
    implies (1.5, 0.8); a before-and-after ("est passé de 4 000 à 6 000") gets its direction and
    factor from its two values. A negated change ("n'a pas doublé", "has not risen") is left out:
    it states no change, and reporting its verb would state the opposite. ``lang`` picks the
    language's verbs; when it is None it is guessed, unless no verb of either language occurs.
    """
    _check_lang(lang)
    return _changes(_Doc(text, lang))


def read(text: str, lang: str | None = None) -> tuple[list[Quantity], list[Change]]:
    """``(quantities(text, lang), changes(text, lang))``, with the language guessed at most once,
    and only if one of them needs it."""
    _check_lang(lang)
    doc = _Doc(text, lang)
    return _quantities(doc), _changes(doc)


def _quantities(doc: _Doc) -> list[Quantity]:
    shares = _shares(doc)
    atoms = _atoms(doc)
    if shares:  # the numbers of a share are read with it
        atoms = [a for a in atoms if not any(q.start <= a.start < q.end for q in shares)]
    if not atoms:
        return shares
    found: list[Quantity] = []
    consumed = 0
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        i += 1
        if atom.start < consumed:
            continue
        if atom.vague:
            quantity = _vague_quantity(doc, atom)
        else:
            quantity, i = _number_quantity(doc, atoms, i - 1)
        if quantity is not None:
            consumed = quantity.end
            if not _is_period(doc.text, quantity):
                found.append(quantity)
    return sorted(found + shares, key=lambda q: q.start) if shares else found


_TIME_UNITS = frozenset(
    "an ans annee annees mois semaine semaines jour jours heure heures minute minutes decennie "
    "decennies year years month months week weeks day days hour hours decade decades".split()
)
_PERIOD_BEFORE = re.compile(
    # Not "for", "pendant", "depuis", "since": "burned for nine hours", "en grève depuis trois
    # jours" state how long, which is the claim.
    r"(?:\b(?:en|in|over|within|sur|dans|after|après)"
    r"|\bd['\u2019]ici|\bil\s+y\s+a|\bau\s+cours\s+des?|\bthe\s+(?:past|last|next)"
    r"|\bles\s+(?:derniers|dernières|prochains|prochaines))\s+$",
    re.IGNORECASE,
)


def _is_period(text: str, quantity: Quantity) -> bool:
    """Whether a quantity is a span of time that frames a claim ("en deux ans", "over the past
    two years"), which is not a quantity (see the module docstring)."""
    if quantity.noun is None or folded(quantity.noun) not in _TIME_UNITS:
        return False
    start = quantity.start
    return _PERIOD_BEFORE.search(text, max(0, start - 20), start) is not None


# Shares of a group, read as percentages: "one in five care staff", "one teacher in four", "un
# soignant sur cinq", "two out of three" (a ratio), and "two-thirds of the teachers", "a third
# of", "deux tiers des", "la moitié des postes" (a fraction followed by "of" / "de"). Read as
# two counts ("one", "five"), "fewer than one in five care staff" clashed with "180 soignants".
_SMALL_NUMBERS = {
    **dict.fromkeys(("a", "an", "one", "un", "une", "la"), 1),
    **dict.fromkeys(("two", "deux"), 2),
    **dict.fromkeys(("three", "trois"), 3),
    **dict.fromkeys(("four", "quatre"), 4),
    **dict.fromkeys(("five", "cinq"), 5),
    "six": 6,
    **dict.fromkeys(("seven", "sept"), 7),
    **dict.fromkeys(("eight", "huit"), 8),
    **dict.fromkeys(("nine", "neuf"), 9),
    **dict.fromkeys(("ten", "dix"), 10),
    **dict.fromkeys(("twenty", "vingt"), 20),
    **dict.fromkeys(("hundred", "cent"), 100),
}
_SMALL = (
    r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|une?|deux|trois|quatre|cinq|sept|huit|neuf|dix"
)
# A ratio is found from its connector, which is rare, rather than by trying the whole pattern
# at every position of every statement: the connector and the number after it first, then the
# number (and noun) before it.
_RATIO_CONNECTOR = re.compile(r"\s(?:in|out\s+of|sur)\s", re.IGNORECASE)
_RATIO_TAIL = re.compile(
    rf"\s+(?:in|out\s+of|sur)\s+(?P<m>{_SMALL}|twenty|hundred|vingt|cent)(?![\w.,]\d)\b"
    # "two people in ten days" is no share
    r"(?!\s+(?:days?|jours?|weeks?|semaines?|months?|mois|years?|ans?|années?|hours?|heures?"
    r"|minutes?)\b)",
    re.IGNORECASE,
)
_RATIO_HEAD = re.compile(
    rf"(?<![\w.,])(?P<n>{_SMALL})(?:\s+(?P<between>[^\W\d_]+))?$", re.IGNORECASE
)
_RATIO_HEAD_WINDOW = 40
_FRACTIONS = {
    "half": 2,
    "moitié": 2,
    "third": 3,
    "thirds": 3,
    "tiers": 3,
    "quarter": 4,
    "quarters": 4,
    "quart": 4,
    "quarts": 4,
    "fifth": 5,
    "fifths": 5,
    "cinquième": 5,
    "cinquièmes": 5,
}
_FRACTION = re.compile(
    r"(?<![\w-])(?:(?P<n>an?|one|two|three|four|une?|deux|trois|quatre|la)[\s-]+)?"
    r"(?P<d>half|moitié|thirds?|tiers|quarters?|quarts?|fifths?|cinquièmes?)"
    r"(?=\s+(?:of|des?|du)\b|\s*d['\u2019])",
    re.IGNORECASE,
)


_FRACTION_HINTS = ("half", "moiti", "third", "tiers", "quart", "fifth", "cinqui")


def _shares(doc: _Doc) -> list[Quantity]:
    """The ratios and fractions of a group in the text, as percentages (see ``_RATIO_TAIL``)."""
    text = doc.text
    found = []
    for connector in _RATIO_CONNECTOR.finditer(text):
        tail = _RATIO_TAIL.match(text, connector.start())
        head = tail and _RATIO_HEAD.search(
            text, max(0, connector.start() - _RATIO_HEAD_WINDOW), connector.start()
        )
        if not head:
            continue
        n, d = _small_number(head.group("n")), _small_number(tail.group("m"))
        between = head.group("between")
        if not 0 < n < d or (between is not None and between.lower() in _NOUN_STOPWORDS):
            continue
        noun = between.lower() if between else _noun_after(doc, tail.end())
        found.append(_share(doc, 100 * n / d, noun, head.start(), tail.end()))
    lowered, _ = doc.padded
    if any(hint in lowered for hint in _FRACTION_HINTS):
        for m in _FRACTION.finditer(text):
            n = _small_number(m.group("n") or "one")
            d = _FRACTIONS[m.group("d").lower()]
            if n < d:
                noun = _noun_after(doc, m.end())
                found.append(_share(doc, 100 * n / d, noun, m.start(), m.end()))
    return sorted(found, key=lambda q: q.start)


def _small_number(word: str) -> int:
    return int(word) if word.isdigit() else _SMALL_NUMBERS[word.lower()]


def _share(doc: _Doc, value: float, noun: str | None, start: int, end: int) -> Quantity:
    """A share of ``value`` percent, with the comparative before it ("fewer than one in five")."""
    low = high = value
    kind = "exact"
    prefix = _prefix(doc.text, start)
    if prefix is not None:
        start = prefix.start()
        kind, low, high = _bounded(prefix, value)
    return _quantity(low, high, kind, "%", noun, doc.text[start:end], start, end)


def _changes(doc: _Doc) -> list[Change]:
    text = doc.text
    if not _ANY_CHANGE.found(doc):  # no verb of either language: no need for the language
        return []
    lang = doc.lang
    rules = _CHANGE_RULES[lang]
    found = []
    pos = 0
    for start in rules.candidates.starts(doc):
        if start < pos:
            continue
        m = rules.verbs.match(text, start)
        if m is None:
            continue
        pos = m.end()
        change = _change(text, lang, rules, m)
        if change is None:
            continue
        if found and _completes(text, found[-1], change):
            change = _merged(text, found.pop(), change)
        found.append(change)
    return found


def overlap(a: Quantity, b: Quantity) -> bool:
    """Whether the two intervals share at least one value."""
    return a.low <= b.high and b.low <= a.high


def gap(a: Quantity, b: Quantity) -> float:
    """How far apart two quantities are, in orders of magnitude: 0.0 when they overlap.

    The distance is log10 of the ratio of the nearer bounds ([200, 900] vs [4000, 6000]:
    log10(4000 / 900)), so a factor of ten is 1.0 whatever the scale. It is ``math.inf`` when the
    lower interval ends at zero or below, where no ratio is meaningful.
    """
    if overlap(a, b):
        return 0.0
    lower, upper = (a, b) if a.high < b.low else (b, a)
    if lower.high <= 0:
        return math.inf
    return math.log10(upper.low / lower.high)


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities can count the same thing: same unit, and, when both have a noun,
    the same noun (singular and plural taken as the same noun) or nouns of one concept in either
    language ("firefighters" / "pompiers", "people" / "morts": see ``_CONCEPTS``)."""
    if a.unit != b.unit:
        return False
    if a.fate and b.fate:  # "six people killed" / "twenty people injured": two counts
        return a.fate == b.fate
    if a.noun is None or b.noun is None or _lemma(a.noun) == _lemma(b.noun):
        return True
    names_a, reach_a = _senses(a.fate or a.noun)
    names_b, reach_b = _senses(b.fate or b.noun)
    return not names_a.isdisjoint(reach_b) or not names_b.isdisjoint(reach_a)


# --------------------------------------------------------------------------------------------
# Helpers.
# --------------------------------------------------------------------------------------------
def _check_lang(lang: str | None) -> None:
    if lang is not None and lang not in _LANGS:
        raise ValueError(f"lang must be one of {_LANGS} or None, not {lang!r}")


class _Doc:
    """The text being read, with its language guessed only when something needs it."""

    __slots__ = ("_lang", "_padded", "text")

    def __init__(self, text: str, lang: str | None) -> None:
        self.text = text
        self._lang = lang
        self._padded: tuple[str, bool] | None = None

    @property
    def padded(self) -> tuple[str, bool]:
        """The text after one space, lower-cased unless that would change what a
        case-insensitive regex matches (see :class:`_WordStarts`), and whether it is."""
        if self._padded is None:
            lowered = self.text.lower()
            if len(lowered) == len(self.text) and "ı" not in lowered and "ſ" not in lowered:
                self._padded = (" " + lowered, True)
            else:
                self._padded = (" " + self.text, False)
        return self._padded

    @property
    def lang(self) -> str:
        if self._lang is None:
            self._lang = guess_lang(self.text)
        return self._lang


@dataclass(slots=True)
class _Atom:
    """A number as found, before its surroundings (scale, unit, range, comparative) are read."""

    start: int
    end: int
    low: float
    high: float
    vague: bool = False
    year_like: bool = False
    phrase: str = ""  # the VAGUE key, for vague atoms


def _atoms(doc: _Doc) -> list[_Atom]:
    """Every number in the text: digit groups, runs of number words, vague phrases.

    Numbers that are dates, times or parts of identifiers are dropped here.
    """
    text = doc.text
    atoms: list[_Atom] = []
    words: list[re.Match[str]] = []  # number words of the run being read
    pos = 0
    for start in _candidates(doc):
        if start < pos:
            continue
        m, kind = _atom_at(text, start)
        if m is None:
            continue
        pos = m.end()
        if words and (kind != "word" or not _joins(text, words[-1], m)):
            atoms.extend(_word_atoms(doc, words))
            words = []
        if kind == "word":
            words.append(m)
        elif kind == "vague":
            phrase = " ".join(_lexicon_key(m.group()).split())
            low, high = (float(x) for x in VAGUE[phrase])
            atoms.append(_Atom(m.start(), m.end(), low, high, vague=True, phrase=phrase))
        else:
            atom = _digit_atom(doc, m)
            if atom is not None and not _in_numeric_date(text, atom):
                atoms.append(atom)
    if words:
        atoms.extend(_word_atoms(doc, words))
    return [a for a in atoms if a.vague or _is_count(text, a)]


def _candidates(doc: _Doc) -> list[int]:
    """Where a number may start, in order: digits and words are looked for apart, each with a
    search that skips most characters in C, and never start at the same place."""
    digits = [m.start() for m in _DIGIT_START.finditer(doc.text)]
    words = _NUMBER_WORD_START.starts(doc)
    return sorted(digits + words) if digits and words else digits or words


def _atom_at(text: str, start: int) -> tuple[re.Match[str] | None, str]:
    """The number starting at ``start``, if any, and its kind: "digits", "vague" or "word"."""
    if text[start].isdigit():
        return _DIGITS_AT.match(text, start), "digits"
    m = _VAGUE_AT.match(text, start)
    if m is not None:
        return m, "vague"
    return _WORD_AT.match(text, start), "word"


def _in_numeric_date(text: str, atom: _Atom) -> bool:
    """Whether a number is part of a hyphenated date ("2015-06-03", "3-6-2015")."""
    if "-" not in text[max(0, atom.start - 6) : atom.end + 6]:
        return False
    window_start = max(0, atom.start - 11)
    for m in _NUMERIC_DATE.finditer(text, window_start, atom.end + 11):
        if m.start() <= atom.start < m.end():
            return True
    return False


def _digit_atom(doc: _Doc, m: re.Match[str]) -> _Atom | None:
    """An atom for a digit group, or None when its separators make no number (1.2.3)."""
    raw = m.group("digits")
    value = _digits_value(raw, m.group("sep"), doc)
    if value is None or not math.isfinite(value):  # "1.2.3"; hundreds of digits
        return None
    suffix = m.group("suffix")
    if suffix:
        value = _scaled(value, _SCALE_EXP[_lexicon_key(suffix)])
    year_like = not suffix and len(raw) == 4 and raw.isdigit() and 1900 <= value <= 2100
    return _Atom(m.start(), m.end(), value, value, year_like=year_like)


def _digits_value(raw: str, sep: str | None, doc: _Doc) -> float | None:
    """The value of a digit group whose thousands separator (if the regex saw groups of three
    digits) is ``sep``; the language is asked only when that is a lone "." or ","."""
    digits = raw.translate(_NO_SPACE_SEP)
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        if (dots if decimal == "." else commas) > 1:
            return None
        thousands = "," if decimal == "." else "."
        return float(digits.replace(thousands, "").replace(decimal, "."))
    mark = "." if dots else "," if commas else ""
    if not mark:
        return float(digits)
    if dots + commas > 1:
        return float(digits.replace(mark, ""))
    head, tail = digits.split(mark)
    if sep == mark and mark == _THOUSANDS_MARK[doc.lang]:  # "4.000" in French, "4,000" in English
        return float(head + tail)
    return float(f"{head}.{tail}")


def _joins(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Whether two number words belong to one number ("deux cents", "one hundred and five",
    "vingt et un") rather than two ("quatre et six", "four and six")."""
    between = text[left.end() : right.start()]
    if not _WORD_JOIN.fullmatch(between):
        return False
    if between.strip():
        joiner = between.strip().lower()
        if joiner == "et":
            return right.group().lower() in {"un", "une", "onze"}
        return left.group().lower().split("-")[-1] in _EN_ANCHORS
    return True


def _word_atoms(doc: _Doc, words: list[re.Match[str]]) -> list[_Atom]:
    """Atoms for a run of number words, split where text2num refuses the whole run.

    The longest run that text2num accepts is taken first; no number is longer than
    ``_MAX_RUN`` words, which keeps a long list of number words linear.
    """
    atoms = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + _MAX_RUN), i, -1):
            value = _words_value(doc, words[i:j])
            if value is not None:
                atoms.append(_Atom(words[i].start(), words[j - 1].end(), value, value))
                i = j
                break
        else:
            i += 1
    return atoms


def _words_value(doc: _Doc, run: list[re.Match[str]]) -> float | None:
    """The value of consecutive number words, or None when they make no number.

    A lone article ("un", "one", "a") counts only when a scale word follows ("un million").
    """
    text = doc.text
    if len(run) == 1 and run[0].group().lower() in _ARTICLES:
        return 1.0 if _SCALE.match(text, run[0].end()) else None
    phrase = " ".join(text[run[0].start() : run[-1].end()].lower().split())
    if phrase.startswith(("a ", "an ")):
        phrase = "one " + phrase.split(" ", 1)[1]
    names = set(_WORD_SPLIT.split(phrase)) - {"et", "and"}
    if names <= _EN_NUMBER_WORDS and not names <= _FR_NUMBER_WORDS:
        lang = "en"
    elif names <= _FR_NUMBER_WORDS and not names <= _EN_NUMBER_WORDS:
        lang = "fr"
    else:
        lang = doc.lang
    try:
        return float(text2num(phrase, lang))
    except ValueError:
        return None


def _is_count(text: str, atom: _Atom) -> bool:
    """Whether a number counts something, rather than being a day of the month, part of a clock
    time, an identifier's number or a multiplication factor."""
    before = _words_before(text, atom.start)
    last = before[-1] if before else ""
    if _TIME_AFTER.match(text, atom.end) or _CLOCK_HOUR.fullmatch(last):
        return False
    if last.lower() == "h" and len(before) == 2 and before[0].isdigit():
        return False
    if last.lower() in _ID_WORDS:
        return False
    if (
        len(before) == 2
        and last.lower() in ("par", "by")
        and before[0].lower().startswith(_FACTOR_VERBS)
    ):
        return False
    if (atom.low == int(atom.low) and 1 <= atom.low <= 31) or atom.year_like:
        return not (_MONTH_AFTER.match(text, atom.end) or _is_month(last))
    return True


def _words_before(text: str, pos: int) -> list[str]:
    """The two words just before ``pos``, stripped of quotes, brackets and commas."""
    words = text[max(0, pos - _BEFORE_WINDOW) : pos].split()[-2:]
    return [w.strip(_EDGE_PUNCTUATION).replace("\u2019", "'") for w in words]


_REGEX_CASE = str.maketrans({"ſ": "s", "ı": "i", "İ": "i"})


def _lexicon_key(matched: str) -> str:
    """A word that a case-insensitive regex matched, as its lexicon spells it: lower-cased, and
    with "ſ", "ı" and "İ" read as the regex engine reads them ("s", "i", "i"), where
    ``str.lower`` keeps the first two and makes two characters of the third."""
    return matched.translate(_REGEX_CASE).lower()


def _is_month(word: str) -> bool:
    word = word.rstrip(".")
    return word in _MONTHS_EN or word.lower() in _MONTHS_FR


def _scaled(value: float, exp: int) -> float:
    """``value * 10**exp`` without binary noise (1.2 milliard is 1200000000.0, not ...0002)."""
    return float(Decimal(repr(value)).scaleb(exp))


def _scale_exp(word: str, doc: _Doc) -> int:
    word = _lexicon_key(word)
    if word.startswith("billion"):
        return _BILLION_EXP[doc.lang]
    return _SCALE_EXP[word]


@dataclass(slots=True)
class _Reading:
    """A number read together with what follows it."""

    value: float  # scaled by the scale word, if any
    end: int  # where the reading stops (after the unit, if any)
    unit: str | None
    exp: int  # the scale word's power of ten, 0 without one


def _right_side(doc: _Doc, atom: _Atom) -> _Reading:
    """Read what follows a number: a scale word ("millions") then a unit ("%", "d'euros")."""
    value, end, exp = atom.low, atom.end, 0
    m = _SCALE.match(doc.text, end)
    if m:
        exp = _scale_exp(m.group("scale"), doc)
        value, end = _scaled(value, exp), m.end()
    unit, end = _unit_after(doc.text, end)
    return _Reading(value, end, unit, exp)


def _unit_after(text: str, pos: int) -> tuple[str | None, int]:
    m = _UNIT_AFTER.match(text, pos)
    if not m:
        return None, pos
    if m.group("pct"):
        return "%", m.end()
    return _CURRENCY[m.lastgroup or ""], m.end()


def _unit_before(text: str, pos: int) -> tuple[str | None, int]:
    """A currency sign or code just before a number ("$4 billion", "€300")."""
    start = max(0, pos - 5)
    if not _ends_with(text, start, pos, _UNIT_BEFORE_ENDS):
        return None, pos
    m = _UNIT_BEFORE.search(text, start, pos)
    if not m:
        return None, pos
    return _CURRENCY[m.lastgroup or ""], m.start()


def _prefix(text: str, pos: int) -> re.Match[str] | None:
    """A comparative or approximation ending right before ``pos``."""
    start = max(0, pos - _PREFIX_WINDOW)
    if not _ends_with(text, start, pos, _PREFIX_ENDS):
        return None
    return _PREFIX.search(text, start, pos)


def _ends_with(text: str, start: int, end: int, last: frozenset[str]) -> bool:
    """Whether ``text[start:end]``, trailing spaces aside, ends with a character of ``last``
    (lower-cased). A regex search that must end there tries every position of the window, so
    this test of its last character first spares most searches."""
    before = text[start:end].rstrip()
    return bool(before) and before[-1].lower() in last


def _number_quantity(doc: _Doc, atoms: list[_Atom], index: int) -> tuple[Quantity | None, int]:
    """The quantity starting with the exact number ``atoms[index]``: a range when the next atom
    completes one, else a single number with its comparative, if any.

    Returns the quantity (None when it is a year) and the index of the next atom to read.
    """
    text = doc.text
    first = atoms[index]
    reading = _right_side(doc, first)
    currency, start = _unit_before(text, first.start)
    reading.unit = reading.unit or currency
    if index + 1 < len(atoms) and not atoms[index + 1].vague:
        ranged, taken = _range(doc, first, reading, start, atoms[index + 1])
        if taken:
            return ranged, index + 2
    value, end, unit = reading.value, reading.end, reading.unit
    noun = _counted(doc, unit, end)
    if first.year_like and not reading.exp and unit is None and _is_year(text, start, noun):
        return None, index + 1
    low = high = value
    kind = "exact"
    prefix = _prefix(text, start)
    if prefix is not None:
        start = prefix.start()
        kind, low, high = _bounded(prefix, value)
    fate = _fate(text, noun, end)
    noun = noun or _noun_before(doc, unit, start)
    return _quantity(low, high, kind, unit, noun, text[start:end], start, end, fate), index + 1


def _is_year(text: str, start: int, noun: str | None) -> bool:
    """Whether a bare 1900-2100 number is a year: after "en", "in", "since"..., or alone."""
    before = _words_before(text, start)
    if before and before[-1].lower() in _YEAR_WORDS:
        return True
    return noun is None and _prefix(text, start) is None


def _bounded(prefix: re.Match[str], value: float) -> tuple[str, float, float]:
    """The kind and interval that a comparative or approximation gives ``value``."""
    if prefix.group("lo"):
        return "comparative", value, math.inf
    if prefix.group("hi"):
        return "comparative", 0.0, value
    if prefix.group("near"):
        return "approx", 0.85 * value, value
    return "approx", 0.9 * value, 1.1 * value


def _range(
    doc: _Doc, first: _Atom, reading: _Reading, start: int, second: _Atom
) -> tuple[Quantity | None, bool]:
    """A range from ``first`` (read as ``reading``, its text starting at ``start``) to
    ``second``.

    Returns the range and whether ``second`` was taken: not when the text between the two is no
    range separator or they make no range ("3-2", "passé de 10 % à 9 %"); taken but no quantity
    when the range is one of years ("2014-2016", "entre 2014 et 2016").
    """
    text = doc.text
    sep = _RANGE_SEP.match(text, reading.end)
    if sep is None:
        return None, False
    sign = _CURRENCY_SIGN.match(text, sep.end())
    if sign is None or sign.end() != second.start:
        return None, False
    opener = _RANGE_OPEN.search(text, max(0, start - 10), start)
    if sep.group("and") and (opener is None or not opener.group("between")):
        return None, False
    if opener is not None and opener.group("from") and _is_evolution(text, opener.start()):
        return None, False
    upper = _right_side(doc, second)
    low = reading.value
    if upper.exp and not reading.exp and first.low < second.low:
        low = _scaled(first.low, upper.exp)  # "4 à 6 millions": the scale is said once
    if not low < upper.value:
        return None, False
    unit = reading.unit or upper.unit
    noun = _counted(doc, unit, upper.end)
    if first.year_like and second.year_like and unit is None and (noun is None or sep["dash"]):
        return None, True
    if opener is not None:
        start = opener.start()
    fate = _fate(text, noun, upper.end)
    noun = noun or _noun_before(doc, unit, start)
    quantity = _quantity(
        low, upper.value, "range", unit, noun, text[start : upper.end], start, upper.end, fate
    )
    return quantity, True


def _is_evolution(text: str, pos: int) -> bool:
    """Whether "de"/"from" at ``pos`` opens a before-and-after ("est passé de 10 % à 9 %")."""
    return _EVOLUTION_BEFORE.search(text, max(0, pos - 20), pos) is not None


def _vague_quantity(doc: _Doc, atom: _Atom) -> Quantity | None:
    """The quantity of a vague phrase ("quelques centaines de milliers d'euros")."""
    text = doc.text
    low, high, end = atom.low, atom.high, atom.end
    times = _VAGUE_TIMES.match(text, end)
    if times:
        exp = _scale_exp(times.group("scale"), doc)
        low, high, end = _scaled(low, exp), _scaled(high, exp), times.end()
    unit, end = _unit_after(text, end)
    noun = _counted(doc, unit, end)
    if atom.phrase in _NEEDS_NOUN and noun is None:
        return None
    start, kind = atom.start, "vague"
    prefix = _prefix(text, start)
    if prefix is not None:
        start = prefix.start()
        if prefix.group("lo"):
            kind, high = "comparative", math.inf
        elif prefix.group("hi"):
            kind, low = "comparative", 0.0
    fate = _fate(text, noun, end)
    noun = noun or _noun_before(doc, unit, start)
    return _quantity(low, high, kind, unit, noun, text[start:end], start, end, fate)


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
_PRONOUNS = _wordset("ils elles nous vous they we you there these those which who qui")


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
    """For a count of people (a noun that means people and nothing narrower, found after the
    number at ``pos``), what happened to them when the words after the noun say it: "dead",
    "injured" or "missing", else None.

    News counts the same victims as "seven people were killed" and "quatre morts": the fate
    is what makes them one thing, where "people" alone is also every crowd, evacuee and
    resident. "5,000 people have been evacuated" keeps no fate, and stays comparable with "3 000
    habitants" as a count of people.
    """
    if noun is None or _senses(noun)[0] != _PEOPLE:
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
    ("resident", "people", "residents inhabitants civilians locals habitants civils riverains"),
    (
        "dead",
        "people",
        "dead killed died deaths fatalities casualties victims morts tués décès décédés victimes",
    ),
    ("injured", "people", "injured wounded casualties blessés"),
    ("missing", "people", "missing disparus"),
    ("evacuee", "people", "evacuees evacuated évacués"),
    ("refugee", "people", "refugees migrants displaced réfugiés déplacés"),
    ("protester", "people", "protesters demonstrators manifestants"),
    ("child", "people", "children kids enfants"),
    ("patient", "people", "patients malades"),
    ("student", "people", "students pupils étudiants élèves"),
    ("firefighter", "people", "firefighters fire-fighters pompiers sapeurs sapeurs-pompiers"),
    ("police", "people", "police policemen officers policiers gendarmes"),
    ("soldier", "people", "soldiers troops soldats militaires"),
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
        "employés salariés ouvriers agents emplois postes",
    ),
    ("nurse", "staff", "nurses carers caregivers infirmiers soignants aides-soignants"),
    ("doctor", "staff", "doctors physicians médecins"),
    ("docker", "staff", "dockers dockworkers"),
    ("vessel", None, "vessels ships boats cargo navires bateaux cargos"),
    ("aircraft", None, "aircraft planes jets avions"),
    ("home", None, "homes houses households dwellings maisons logements foyers ménages"),
    ("minute", None, "minutes"),
    ("hour", None, "hours heures"),
    ("day", None, "days jours journées"),
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
_PEOPLE = frozenset(("people",))


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


def _change(text: str, lang: str, rules: _ChangeRules, m: re.Match[str]) -> Change | None:
    """The change whose verb ``m`` matched, with its auxiliary and stated factor; None when it
    is negated or is a before-and-after without two values."""
    start, end = m.start(), m.end()
    aux = rules.aux_before.search(text, max(0, start - _AUX_WINDOW), start)
    if aux is not None:
        start = aux.start()
    if _NEGATION_BEFORE.search(text, max(0, start - _BEFORE_WINDOW), start):
        return None
    index = _change_index(m, len(rules.table))
    direction, factor = rules.table[index]
    if direction == 0:
        return _evolution(text, lang, start, end)
    if factor is None and f"f{index}" in rules.verbs.groupindex:
        factor = _factor(m.group(f"f{index}"))
        if factor is not None and direction < 0:
            factor = 1.0 / factor
    percent = _PERCENT_AFTER.match(text, end)
    if percent is not None:
        factor, end = _percent_factor(percent.group("pct"), direction), percent.end()
    return Change(direction, factor, text[start:end], start, end)


def _evolution(text: str, lang: str, start: int, end: int) -> Change | None:
    """A change stated as a value before and after ("est passé de 4 000 à 6 000": +1, 1.5),
    where ``text[start:end]`` is "est passé de"; None unless two exact values follow."""
    window = text[start : end + _EVOLUTION_WINDOW]
    numbers = quantities(window, lang)[:2]
    if len(numbers) < 2 or window[end - start : numbers[0].start].strip():
        return None
    before, after = numbers
    if before.kind != "exact" or after.kind != "exact" or before.low == after.low:
        return None
    if not _EVOLUTION_TO.fullmatch(window, before.end, after.start):
        return None
    factor = after.low / before.low if before.low > 0 else None
    direction = 1 if after.low > before.low else -1
    return Change(direction, factor, window[: after.end], start, start + after.end)


def _completes(text: str, verb: Change, adverb: Change) -> bool:
    """Whether ``adverb`` gives the factor of the ``verb`` just before it ("grew tenfold")."""
    return (
        verb.factor is None
        and adverb.factor is not None
        and verb.direction == adverb.direction
        and not text[verb.end : adverb.start].strip()
    )


def _merged(text: str, verb: Change, adverb: Change) -> Change:
    return Change(
        verb.direction, adverb.factor, text[verb.start : adverb.end], verb.start, adverb.end
    )


def _change_index(m: re.Match[str], size: int) -> int:
    """Which alternative of a change regex matched."""
    return next(i for i in range(size) if m.start(f"c{i}") >= 0)


def _factor(word: str | None) -> float | None:
    """The multiplier that "multiplié par <word>" / "<word>fold" names, if it is a number."""
    if word is None:
        return None
    word = word.lower()
    if word.isdigit():
        return float(word) or None
    return _FACTOR_WORDS.get(word)


def _percent_factor(percent: str, direction: int) -> float | None:
    """The factor that a change of ``percent`` % implies; None for a fall of 100 % or more."""
    factor = 1.0 + direction * float(percent.replace(",", ".")) / 100.0
    return factor if factor > 0 else None
