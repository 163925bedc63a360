"""Changes: verbs and nouns of increase or decrease, and before-and-after values."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import _BEFORE_WINDOW, _FACTOR_WORDS, _PERCENT, _VAGUE_RE, _WORD, _WordStarts
from .parse import Quantity, _check_lang, _Doc, _quantities, quantities


@dataclass(frozen=True, slots=True)
class Change:
    """A stated change: its direction (+1 up, -1 down) and, when said, its factor."""

    direction: int
    factor: float | None
    text: str
    start: int
    end: int


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
