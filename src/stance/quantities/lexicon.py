"""Number words, scale words, units and the patterns around a number, in French and English."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..text import (
    EN_FUNCTION_WORDS,
    FR_FUNCTION_WORDS,
    MONTH_ABBREVIATIONS_EN,
    MONTH_ABBREVIATIONS_FR,
    MONTHS_EN,
    MONTHS_FR,
    alternation,
    folded,
    word_set,
)

if TYPE_CHECKING:
    from .parse import _Doc


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

_FR_NUMBER_WORDS = word_set(
    "zéro un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize vingt vingts trente quarante cinquante soixante septante huitante octante nonante cent "
    "cents mille"
)

_EN_NUMBER_WORDS = word_set(
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

_NOUN_STOPWORDS = (
    FR_FUNCTION_WORDS
    | EN_FUNCTION_WORDS
    | _FR_NUMBER_WORDS
    | _EN_NUMBER_WORDS
    | word_set(
        "à en dont quoi cet on nous vous y n très tout tous toutes toute soit fut sera seront "
        "serait avait avaient aura auront ait comme donc ni si environ seulement près déjà encore "
        "lui entre depuis pendant avant après chez vers contre sans moins "
        "a them his her we you i no more less over under about before since during per each into "
        "through out up down off only just nearly almost around some roughly then there here so if "
        "when while will would could should may might being these those whom whose what"
    )
)

# Words between a number and its noun that do not name what is counted ("3,400 care staff").
_MODIFIERS = word_set(
    "autres nouveaux nouvelles nouveau anciens anciennes more other new additional extra further "
    "former armed foreign care nursing"
)

# What may join two such modifiers ("180 nursing and care posts").
_MODIFIER_JOINS = word_set("and or et ou")


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
        body = rf"[^\w-](?:{alternation(stem.lower() for stem in stems)}){after}"
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

_NUMBER_WORD = alternation(_FR_NUMBER_WORDS | _EN_NUMBER_WORDS)

_WORD = (
    rf"(?<![\w-])(?:(?:{_NUMBER_WORD})(?:-(?:et-)?(?:{_NUMBER_WORD}))*"
    rf"|an?(?=\s+(?:{'|'.join(_EN_ANCHORS)})\b))(?![\w-])"
)

_VAGUE_RE = rf"(?<![\w-])(?:{alternation(VAGUE)})(?![\w-])"

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
_MONTHS_FR = frozenset(
    form
    for month in MONTHS_FR | MONTH_ABBREVIATIONS_FR
    for form in (month, folded(month))  # "aout", "fevr": headlines drop accents
)

_MONTHS_EN = MONTHS_EN | MONTH_ABBREVIATIONS_EN  # capitalised: "may" is a verb, "march" a noun

_MONTH_AFTER = re.compile(
    rf"\s*(?:er\s+)?(?:of\s+)?(?:(?i:{alternation(_MONTHS_FR)})|{alternation(_MONTHS_EN)})"
    r"(?!\w)"
)

_TIME_AFTER = re.compile(
    r"\s?(?:h(?:\s?\d\d)?(?!\w)|[ap]\.m\.|[ap]m(?!\w)|o['\u2019]clock)", re.IGNORECASE
)

_CLOCK_HOUR = re.compile(r"\d{1,2}h", re.IGNORECASE)  # "14h 30", seen from the "30"

# Words after which a number names something rather than counts it ("n° 5", "article 49",
# "vol 370"), and the "pour" of "pour cent".
_ID_WORDS = word_set(
    "n° nº no. num. # numéro article résolution resolution page chapitre chapter flight vol pour"
)

_FACTOR_VERBS = ("multipli", "divis", "multiplied", "divided")  # "multiplié par trois"

_YEAR_WORDS = word_set(
    "en in since depuis dès until till année year fin début mi jusqu'en l'an d'ici"
)

_EDGE_PUNCTUATION = "([{«\"'\u2019\u201c,;:"

_NUMERIC_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}-\d{1,2}-\d{2,4}\b")

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
