"""Quantities: numbers read as intervals, with their units and counted nouns."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from decimal import Decimal

from text_to_num import text2num

from ..text import folded, guess_lang
from .concepts import _lemma, _senses
from .lexicon import (
    _ARTICLES,
    _BEFORE_WINDOW,
    _BILLION_EXP,
    _CLOCK_HOUR,
    _CURRENCY,
    _CURRENCY_SIGN,
    _DIGIT_START,
    _DIGITS_AT,
    _EDGE_PUNCTUATION,
    _EN_ANCHORS,
    _EN_NUMBER_WORDS,
    _EVOLUTION_BEFORE,
    _FACTOR_VERBS,
    _FR_NUMBER_WORDS,
    _ID_WORDS,
    _MAX_RUN,
    _MONTH_AFTER,
    _MONTHS_EN,
    _MONTHS_FR,
    _NEEDS_NOUN,
    _NO_SPACE_SEP,
    _NOUN_STOPWORDS,
    _NUMBER_WORD_START,
    _NUMERIC_DATE,
    _PREFIX,
    _PREFIX_ENDS,
    _PREFIX_WINDOW,
    _RANGE_OPEN,
    _RANGE_SEP,
    _SCALE,
    _SCALE_EXP,
    _THOUSANDS_MARK,
    _TIME_AFTER,
    _UNIT_AFTER,
    _UNIT_BEFORE,
    _UNIT_BEFORE_ENDS,
    _VAGUE_AT,
    _VAGUE_TIMES,
    _WORD_AT,
    _WORD_JOIN,
    _WORD_SPLIT,
    _YEAR_WORDS,
    VAGUE,
)
from .nouns import _counted, _fate, _noun_after, _noun_before

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


def quantities(text: str, lang: str | None = None) -> list[Quantity]:
    """The quantities stated in ``text``, in order of appearance.

    ``lang`` ("fr" or "en") settles ambiguous digit groups ("4.000", "4,000"), "billion" and
    English noun phrases; when it is None it is guessed from the text, and only if one of those
    needs it. A statement with no digit and no number or vague word costs one regex scan. See
    the module docstring for what is not reported.
    """
    _check_lang(lang)
    return _quantities(_Doc(text, lang))


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
