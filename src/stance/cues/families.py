"""The cue families: each reads a batch of pairs and returns its columns by name, and a
function that puts into words what fired for one pair, from the arrays that computed them."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import bilingual, quantities
from ..text import guess_lang
from .batch import (
    _WORD,
    STOPWORDS,
    Why,
    _Batch,
    _binary,
    _dense,
    _fold,
    _is_ne,
    _log1p,
    _low_high,
    _one_side,
    _ratio,
    _read_phrases,
    _shared,
    _shared_between,
    _sizes,
    _stem,
    _tokens,
    _unelided,
)

if TYPE_CHECKING:
    from . import CueFeaturizer


@dataclass
class _Pairs:
    """The pairs of a batch: statement numbers of each side, and the batch."""

    batch: _Batch
    a: np.ndarray
    b: np.ndarray

    @cached_property
    def related(self) -> np.ndarray:
        return self.batch.related(self.a, self.b)

    def side_texts(self, i: int) -> tuple[str, str]:
        return self.batch.texts[self.a[i]], self.batch.texts[self.b[i]]

    def words_of(self, statement: int, labels: Iterable[int], lexicon: dict) -> list[str]:
        """The forms of a lexicon a statement says with one of ``labels`` (for explanations)."""
        wanted = set(labels)
        found = _read_phrases(self.batch.tokens(statement), lexicon)
        return list(dict.fromkeys(form for form, hits in found if wanted.intersection(hits)))


def _negation_family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
    lexicon = cues.lexicons_["negation"]
    kinds = {kind: k for k, kind in enumerate(lexicon["values"])}
    counts = pairs.batch.labels(lexicon, len(kinds)).toarray()

    def kind(name: str) -> np.ndarray:
        return counts[:, kinds[name]] if name in kinds else np.zeros(len(counts))

    # "n't" ends a negated English word ("didn't"); a French "ne" (or "n'") licenses one of the
    # words that negate only with it ("il n'y a plus de travail", "personne n'est venu").
    negations = (
        kind("negation")
        + pairs.batch.count(lambda w: w.endswith("n't"))
        + np.minimum(kind("needs_ne"), pairs.batch.count(_is_ne))
    )
    denials = kind("denial")
    a, b, cap = pairs.a, pairs.b, cues.cap
    neg_low, neg_high = _low_high(negations, a, b)
    den_low, den_high = _low_high(denials, a, b)
    neg_one, den_one = (
        _one_side(negations[a] > 0, negations[b] > 0),
        _one_side(denials[a] > 0, denials[b] > 0),
    )
    negative = (negations > 0) | (denials > 0)
    polarity_differs = _one_side(negative[a], negative[b])
    related = pairs.related
    columns = {
        "neg_min": np.minimum(neg_low, cap),
        "neg_max": np.minimum(neg_high, cap),
        "neg_only_one": neg_one,
        "denial_min": np.minimum(den_low, cap),
        "denial_max": np.minimum(den_high, cap),
        "denial_only_one": den_one,
        "neg_only_one_related": neg_one * related,
        "denial_only_one_related": den_one * related,
        # A statement is negative when it negates or denies. What two statements on one
        # subject share points to agreement when both are positive or both negative ("denied
        # it" / "rejected it"), and to a contradiction when one is negative: with these two
        # columns, a linear model can weigh the two apart.
        "polarity_differs_related": polarity_differs * related,
        "same_polarity_related": ~polarity_differs * related,
    }

    def why(i: int) -> list[str]:
        notes = []
        for name, values, only_one in (
            ("negation", negations, neg_one),
            ("denial", denials, den_one),
        ):
            if only_one[i]:
                side, statement = ("A", a[i]) if values[a[i]] > 0 else ("B", b[i])
                labels = [kinds.get(name, -1), kinds.get("needs_ne", -1)]
                words = pairs.words_of(statement, labels, lexicon)
                said = f": {', '.join(words)}" if words else ""
                notes.append(f"{name} on one side only (in {side}{said})")
        return notes

    return columns, why


def _opposed_sides(present: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    """For a (statements x 2 * groups) 0/1 array of sides: per pair and group, whether one
    statement holds only one side and the other only the other (opposed), and whether both hold
    the same side only (same)."""
    one, two = present[:, 0::2], present[:, 1::2]
    a1, a2, b1, b2 = one[a], two[a], one[b], two[b]
    opposed = (a1 & ~a2 & b2 & ~b1) | (a2 & ~a1 & b1 & ~b2)
    same = (a1 & b1 & ~(a2 | b2)) | (a2 & b2 & ~(a1 | b1))
    return opposed, same


def _paired_family(name: str) -> Callable[[CueFeaturizer, _Pairs], tuple[dict, Why]]:
    """The family of a lexicon of opposed pairs: opposites (one group per row) or directions
    (one axis, up and down)."""

    def family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
        lexicon = cues.lexicons_[name]
        groups = lexicon["groups"]
        present = _dense(pairs.batch.labels(lexicon, 2 * len(groups)))
        opposed, same = _opposed_sides(present, pairs.a, pairs.b)
        count = opposed.sum(axis=1)
        one_side = _one_side(present[pairs.a].any(axis=1), present[pairs.b].any(axis=1))
        columns = {
            "opposed": np.minimum(count, cues.cap),
            "any_opposed": count > 0,
            "same": np.minimum(same.sum(axis=1), cues.cap),
            "one_side_only": one_side,
            "opposed_related": (count > 0) * pairs.related,
        }

        def why(i: int) -> list[str]:
            notes = []
            for g in np.flatnonzero(opposed[i]).tolist():
                said = [
                    "|".join(pairs.words_of(s, [2 * g, 2 * g + 1], lexicon))
                    for s in (pairs.a[i], pairs.b[i])
                ]
                notes.append(f"{name}: {said[0]} / {said[1]}")
            return notes

        return columns, why

    return family


QUANTIFIER_CLASHES = frozenset(
    {("all", "none"), ("all", "few"), ("most", "few"), ("most", "none"), ("some", "none")}
)

"""Quantifier values (the ``value`` column of quantifiers.tsv) that cannot both be true of one
group: "all" / "none", "most" / "few", ..."""


def _quantifier_family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
    lexicon = cues.lexicons_["quantifiers"]
    values = lexicon["values"]
    present = _dense(pairs.batch.labels(lexicon, len(values)))
    pa, pb = present[pairs.a], present[pairs.b]
    clash = np.zeros((len(pairs.a), 0), dtype=bool)
    clashing = []
    for one, two in sorted(QUANTIFIER_CLASHES):
        if one in values and two in values:
            i, j = values.index(one), values.index(two)
            hit = (pa[:, i] & pb[:, j] & ~pa[:, j] & ~pb[:, i]) | (
                pb[:, i] & pa[:, j] & ~pb[:, j] & ~pa[:, i]
            )
            clash = np.column_stack([clash, hit])
            clashing.append((i, j))
    count = clash.sum(axis=1)
    shared = (pa & pb).any(axis=1)
    both = pa.any(axis=1) & pb.any(axis=1)
    columns = {
        "clash": np.minimum(count, cues.cap),
        "same": shared,
        "differ": both & ~shared & (count == 0),
        "clash_related": (count > 0) * pairs.related,
    }

    def why(i: int) -> list[str]:
        return [
            f"quantifiers: {'|'.join(pairs.words_of(pairs.a[i], [k, m], lexicon))} / "
            f"{'|'.join(pairs.words_of(pairs.b[i], [k, m], lexicon))}"
            for c, (k, m) in enumerate(clashing)
            if clash[i, c]
        ]

    return columns, why


# Four digits from 1800 to 2099 that are not part of a longer number ("12.2019", "2019,5"); the
# digits come first in the pattern and what may not precede them is checked behind, so that the
# search skips other characters in C.
_YEAR = re.compile(r"((?:1[89]|20)\d\d)(?<![\w.,]\d{4})(?![.,]?\d|\w)")

_CLOCK = re.compile(
    r"\b([01]?\d|2[0-3])(?: ?h ?([0-5]\d)?|:([0-5]\d))\b"  # 14 h, 14h30, 14:30
    r"|\b(1[0-2]|0?[1-9])(?::([0-5]\d))? ?([ap])\.?m\b",  # 2 pm, 10:30 a.m.
    re.IGNORECASE,
)

TIME_KINDS = ("weekday", "month", "year", "clock", "part_of_day", "compass", "season")

"""The kinds of time and place the time family compares; time.tsv gives the words of all but
years and clock times, which are read from digits."""


def _clock_minutes(match: re.Match[str]) -> int:
    """A clock time as minutes after midnight ("2 pm" -> 840)."""
    if match.group(1) is not None:
        return int(match.group(1)) * 60 + int(match.group(2) or match.group(3) or 0)
    hour = int(match.group(4)) % 12 + (12 if match.group(6).lower() == "p" else 0)
    return hour * 60 + int(match.group(5) or 0)


def _time_family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
    lexicon = cues.lexicons_["time"]
    values = list(lexicon["values"])  # "kind=value"
    counts = pairs.batch.labels(lexicon, len(values)).tocoo()
    rows, cols = counts.row.tolist(), counts.col.tolist()
    # Years and clock times, read from digits: one search over the batch's texts end to end,
    # each match then given to the statement it falls in.
    column = {value: k for k, value in enumerate(values)}
    found = [(m.start(), f"year={m.group(1)}") for m in _YEAR.finditer(pairs.batch.joined)]
    found += [
        (m.start(), f"clock={_clock_minutes(m)}") for m in _CLOCK.finditer(pairs.batch.joined)
    ]
    at = np.array([position for position, _ in found], dtype=np.int64)
    rows += (np.searchsorted(pairs.batch.offsets, at, side="right") - 1).tolist()
    cols += [column.setdefault(label, len(column)) for _, label in found]
    values = list(column)
    present = (
        _binary(
            np.array(rows, dtype=np.int64),
            np.array(cols, dtype=np.int64),
            (len(pairs.batch.texts), len(values)),
        ).toarray()
        > 0
    )
    kind_of = np.array([value.split("=", 1)[0] for value in values])
    pa, pb = present[pairs.a], present[pairs.b]
    columns: dict[str, np.ndarray] = {}
    differs_any = np.zeros(len(pairs.a), dtype=bool)
    same_any = np.zeros(len(pairs.a), dtype=bool)
    for kind in TIME_KINDS:
        of_kind = kind_of == kind
        shared = (pa[:, of_kind] & pb[:, of_kind]).any(axis=1)
        both = pa[:, of_kind].any(axis=1) & pb[:, of_kind].any(axis=1)
        columns[f"{kind}_differs"] = both & ~shared
        differs_any |= both & ~shared
        same_any |= shared
    columns["same"] = same_any
    columns["differs_related"] = differs_any * pairs.related

    def said(statement: int, kind: str) -> str:
        """What a statement says of one kind: its words, or the value read from digits."""
        of_kind = [k for k in np.flatnonzero(kind_of == kind).tolist() if present[statement, k]]
        if kind == "clock":
            minutes = [int(values[k].split("=", 1)[1]) for k in of_kind]
            return ", ".join(f"{m // 60}:{m % 60:02d}" for m in minutes)
        if kind == "year":
            return ", ".join(values[k].split("=", 1)[1] for k in of_kind)
        return "|".join(pairs.words_of(statement, of_kind, lexicon))

    def why(i: int) -> list[str]:
        return [
            f"{kind.replace('_', ' ')}: {said(pairs.a[i], kind)} / {said(pairs.b[i], kind)}"
            for kind in TIME_KINDS
            if columns[f"{kind}_differs"][i]
        ]

    return columns, why


def _quantity_family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
    batch, a, b = pairs.batch, pairs.a, pairs.b
    found = [qs for qs, _ in batch.quantities]  # changes only as a sign
    direction = np.sign(
        np.array([_net(changes) for _, changes in batch.quantities], dtype=np.float64)
    )
    has = batch.counts
    matched, overlapping = np.zeros(len(a), dtype=bool), np.zeros(len(a), dtype=bool)
    named_disjoint = np.zeros(len(a), dtype=bool)
    other_subject = np.zeros(len(a), dtype=bool)
    gap = np.zeros(len(a))
    examples: dict[int, list] = {}
    for i in np.flatnonzero(has[a] & has[b]).tolist():  # no match unless both have one
        first, second = _in_order(batch.texts, int(a[i]), int(b[i]))
        matches = _matched(found[first], found[second])
        if matches:
            # Figures of two different things in one story ("54 % des voix" / "la participation
            # a atteint 61 %") do not clash: only those whose words around them meet are kept.
            same = [
                (x, y)
                for x, y in matches
                if _one_thing(x, y) or _same_subject(batch.texts[first], x, batch.texts[second], y)
            ]
            other_subject[i] = not same
            matches = same
        if matches:
            # Shown in the order of the pair's sides.
            examples[i] = matches if first == a[i] else [(y, x) for x, y in matches]
            matched[i] = True
            overlapping[i] = any(quantities.overlap(x, y) for x, y in matches)
            named = [(x, y) for x, y in matches if _one_thing(x, y)]
            named_disjoint[i] = bool(named) and not any(quantities.overlap(x, y) for x, y in named)
            gap[i] = min(quantities.gap(x, y) for x, y in matches)
    da, db = direction[a], direction[b]
    opposed = da * db < 0
    related = pairs.related
    columns = {
        "both_have": has[a] & has[b],
        "one_has": _one_side(has[a], has[b]),
        "matched": matched,
        "matched_overlap": overlapping,
        "matched_disjoint": matched & ~overlapping,
        "gap": np.minimum(gap, float(cues.cap)),
        "disjoint_related": (matched & ~overlapping) * related,
        # Both name what they count, and it is one thing ("combattants" / "jihadistes"): that
        # says the two statements are about the same thing, whatever words they share.
        "named_disjoint": named_disjoint,
        # Both give figures of the same unit, but the words around them name different things:
        # two facts of one story, not a clash.
        "other_subject": other_subject,
        # "doubled" on one side against "reduced to" on the other clashes even when only one
        # side gives a figure.
        "changes_same": da * db > 0,
        "changes_opposed": opposed,
        "change_one_side": _one_side(da != 0, db != 0),
        "changes_opposed_related": opposed * related,
    }

    def why(i: int) -> list[str]:
        notes = []
        # The figures that agree when some do (as matched_overlap says), else those that clash.
        agreeing = [(x, y) for x, y in examples.get(i, []) if quantities.overlap(x, y)]
        for x, y in agreeing[:1] or examples.get(i, [])[:2]:
            verdict = "overlap" if agreeing else "do not overlap"
            notes.append(f"figures: {_fmt(x)} vs {_fmt(y)} {verdict} ({x.text!r} / {y.text!r})")
        if opposed[i]:
            ca, cb = (batch.quantities[s][1] for s in (a[i], b[i]))
            notes.append(f"changes point opposite ways: {ca[0].text!r} vs {cb[0].text!r}")
        return notes

    return columns, why


def _in_order(texts: list[str], first: int, second: int) -> tuple[int, int]:
    """Two statements in the order of their texts: a comparison of two statements' readings
    made in this order is the same whichever side each came from, to the last bit."""
    return (first, second) if texts[first] <= texts[second] else (second, first)


def _roles_family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
    batch, a, b = pairs.batch, pairs.a, pairs.b
    reciprocal = cues.lexicons_["reciprocal"]
    # A model saved before the passive lexicon existed reads no agent: every swap is a role swap.
    agents = set(cues.lexicons_.get("passive", {"words": {}})["words"])
    shared_words = _shared(batch.content, a, b)
    sizes = _sizes(batch.content)
    union = sizes[a] + sizes[b] - shared_words
    jaccard = _ratio(shared_words, union, 0.0)
    kinds = np.zeros(len(a), dtype=np.int8)  # 0 none, 1 roles, 2 reciprocal, 3 voice
    found: dict[int, tuple[str, str]] = {}
    # Only statements sharing most of their words (or, across languages, of their stems and
    # translations) can be one sentence with two names swapped.
    candidates = (shared_words >= 2) & ((jaccard >= 0.5) | (pairs.related >= 0.6))
    for i in np.flatnonzero(candidates).tolist():
        swaps = _reversed_names(batch.texts[a[i]], batch.texts[b[i]])
        # Two languages: told by their function words, or, in a statement too short and
        # full of names to tell ("FC Lorvan a battu FC Siran"), by translations reaching much
        # more of the pair than shared words do.
        across = (
            guess_lang(batch.texts[a[i]]) != guess_lang(batch.texts[b[i]])
            or pairs.related[i] >= jaccard[i] + ACROSS_MARGIN
        )
        readings = {
            pair: _swap_kind(between_a, between_b, reciprocal, agents, across)
            for pair, (between_a, between_b) in swaps.items()
        }
        readings = {pair: kind for pair, kind in readings.items() if kind}
        if readings:
            # A role swap outweighs a reading of the same words both ways ("Dupont et Martin
            # ont battu Roux" / "Roux a battu Dupont et Martin"), which outweighs a voice.
            kinds[i] = min(readings.values(), key=_SWAP_ORDER.index)
            found[i] = next(p for p, kind in readings.items() if kind == kinds[i])
    swapped, mutual, voice = kinds == 1, kinds == 2, kinds == 3
    columns = {
        "names_swapped": swapped,
        "names_swapped_overlap": swapped * jaccard,
        "reciprocal_swapped": mutual * jaccard,
        # "X defeated Y" / "Y was defeated by X": the names trade places and the meaning stays.
        "voice_swapped": voice * jaccard,
    }

    def why(i: int) -> list[str]:
        if i not in found:
            return []
        one, two = found[i]
        said = {1: "roles swapped", 2: "reciprocal words, same meaning", 3: "active and passive"}
        return [f"roles: {one} … {two} / {two} … {one} ({said[int(kinds[i])]})"]

    return columns, why


ONE_VERB = 3
"""The most content words (with their synonyms) that may stand between two names for them to
be one action's roles: a verb with its particle or object ("a porté plainte contre")."""

ACROSS_MARGIN = 0.3
"""How much more of a pair its stems and translations reach than its shared words cover, for
the two statements to be read as two languages."""

_SWAP_ORDER = (1, 2, 3)
"""Swap readings, strongest first: roles swapped, reciprocal words, another voice."""


def _swap_kind(
    between_a: list[str],
    between_b: list[str],
    reciprocal: dict[str, Any],
    agents: set[str],
    across: bool = False,
) -> int:
    """How two words (names or nouns) that trade places read, from the words between them in
    each statement: 0 not one action (nothing to compare between them: a clause moved, "À Lyon,
    Dupont a démissionné"), 1 roles swapped ("Lyon beat Nantes" / "Nantes beat Lyon"), 2 the
    same meaning with reciprocal words ("Macron met Merkel" / "Merkel met Macron"), 3 the same
    meaning in the other voice ("X defeated Y" / "Y was defeated by X": an agent word, "by" or
    "par", between them on one side only). Words between meet as stems, synonyms or
    translations; ``across`` two languages, where the lexicon misses many inflected verbs ("a
    battu" / "beat"), words on both sides are taken for one verb."""
    own_a, own_b = _stems_reaching(between_a, False), _stems_reaching(between_b, False)
    if max(len(own_a), len(own_b)) > ONE_VERB:
        return 0  # a clause between, not a verb ("after two days of talks, the union ...")
    # Translations only across languages: within one they reach too far ("talks" and "deal"
    # meet in French "négociation").
    stems_a = _stems_reaching(between_a) if across else own_a
    stems_b = _stems_reaching(between_b) if across else own_b
    if not stems_a and not stems_b:
        # Only function words between: the same meaning when one of them reads both ways
        # ("Dupont et Martin" / "Martin et Dupont"), else nothing to read ("À Lyon, Dupont a
        # démissionné" / "Dupont a démissionné à Lyon").
        both_ways = any(w in reciprocal["words"] for w in between_a)
        return 2 if both_ways and between_a == between_b else 0
    if not stems_a & stems_b and not (across and stems_a and stems_b):
        return 0
    if (agents.isdisjoint(between_a)) != (agents.isdisjoint(between_b)):
        return 3
    if _only_reciprocal(between_a + between_b, reciprocal):
        return 2
    return 1


def _names_in_order(text: str) -> tuple[list[str], list[str]]:
    """A statement's folded words, and for each one the name it is (a capitalised word that is
    not a function word, sentence starts included: "Germany beat France") or ""."""
    words, names = [], []
    for match in _WORD.finditer(text):
        word = match.group()
        bare = _unelided(_fold(word))
        if bare is not None:
            word = word[len(word) - len(bare) :]
        low = _fold(word)
        words.append(low)
        is_name = word[:1].isupper() and low not in STOPWORDS and not low.isdigit() and len(low) > 1
        names.append(low if is_name else "")
    return words, names


SWAP_WORDS = 40
"""Statements longer than this (in words) are not searched for two nouns that trade places:
the search is quadratic, and a news statement that long is rarely one action."""


def _reversed_names(text_a: str, text_b: str) -> dict[tuple[str, str], tuple[list[str], list[str]]]:
    """The pairs of words both statements hold once each, names or other content words, in one
    order in one and in the other order in the other, with the words between them (names aside)
    in each: {(first in the statement whose text sorts first, second): (words between in that
    statement, words between in the other)}."""
    text_a, text_b = sorted((text_a, text_b))
    (words_a, names_a), (words_b, names_b) = _names_in_order(text_a), _names_in_order(text_b)
    short = max(len(words_a), len(words_b)) <= SWAP_WORDS

    def places(words: list[str], names: list[str]) -> dict[str, int]:
        keys = [name or (word if short and _stem(word) else "") for word, name in zip(words, names)]
        return {k: i for i, k in enumerate(keys) if k and not k.isdigit() and keys.count(k) == 1}

    at_a, at_b = places(words_a, names_a), places(words_b, names_b)
    shared = sorted(set(at_a) & set(at_b), key=at_a.__getitem__)
    found = {}
    for k, one in enumerate(shared):
        for two in shared[k + 1 :]:
            if at_b[two] < at_b[one]:
                # The words between, names aside ("Nadia Belkacem a rencontré Julien Marchetti").
                found[(one, two)] = tuple(
                    [
                        word
                        for word, name in zip(words[start + 1 : end], names[start + 1 : end])
                        if not name
                    ]
                    for words, names, start, end in (
                        (words_a, names_a, at_a[one], at_a[two]),
                        (words_b, names_b, at_b[two], at_b[one]),
                    )
                )
    return found


def _only_reciprocal(between: list[str], lexicon: dict[str, Any]) -> bool:
    """Whether the words between two names read the same both ways: reciprocal words ("met",
    "et", "a rencontré") and function words only, and not nothing at all."""
    said = [w for w in between if not (w in STOPWORDS or w.isdigit())]
    return bool(between) and all(w in lexicon["words"] for w in said)


def _alignment_family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
    batch, a, b = pairs.batch, pairs.a, pairs.b
    content, digits = batch.content, batch.has(str.isdigit)
    words, sizes = _shared(content, a, b), _sizes(content)
    ca, cb = sizes[a], sizes[b]
    union = ca + cb - words
    names, name_sizes = _shared(batch.names, a, b), _sizes(batch.names)
    na, nb = name_sizes[a], name_sizes[b]
    name_union = na + nb - names
    same_digits, digit_sizes = _shared(digits, a, b), _sizes(digits)
    da, db = digit_sizes[a], digit_sizes[b]
    # A number is digits or a quantity in words ("quelques centaines", "a dozen").
    numbered = (digit_sizes > 0) | batch.counts
    covered_a, covered_b = _ratio(words, ca, 1.0), _ratio(words, cb, 1.0)
    new_a, new_b = _log1p(ca - words), _log1p(cb - words)
    new_names_a, new_names_b = _log1p(na - names), _log1p(nb - names)
    related = pairs.related
    same_words = (words == ca) & (words == cb)
    identical = np.zeros(len(a), dtype=bool)
    for i in np.flatnonzero(same_words).tolist():  # only those can be one text
        identical[i] = _fold(batch.texts[a[i]]).split() == _fold(batch.texts[b[i]]).split()
    jaccard = _ratio(words, union, 0.0)
    # The same measures across languages: stems a side has that the other reaches, itself or
    # through a translation ("a nommé ... directrice générale" / "has appointed ... chief
    # executive"), where shared words see nothing but the names.
    stems, reached = batch.stems
    stem_sizes = _sizes(stems)
    sa, sb = stem_sizes[a], stem_sizes[b]
    a_in_b, b_in_a = _shared_between(stems, a, reached, b), _shared_between(stems, b, reached, a)
    reach_a, reach_b = _ratio(a_in_b, sa, 1.0), _ratio(b_in_a, sb, 1.0)
    unreached_a, unreached_b = _log1p(sa - a_in_b), _log1p(sb - b_in_a)
    columns = {
        "jaccard": jaccard,
        "related": related,
        "covered_min": np.minimum(covered_a, covered_b),
        "covered_max": np.maximum(covered_a, covered_b),
        "new_words_min": np.minimum(new_a, new_b),
        "new_words_max": np.maximum(new_a, new_b),
        "names_jaccard": _ratio(names, name_union, 1.0),
        "new_names_min": np.minimum(new_names_a, new_names_b),
        "new_names_max": np.maximum(new_names_a, new_names_b),
        "numbers_only_one_side": _one_side(numbered[a], numbered[b]),
        "digits_differ": (da > 0) & (db > 0) & ~((same_digits == da) & (same_digits == db)),
        # Two statements that are one text say the same thing; two that share nothing are two
        # stories. Both are the ends of a scale a linear model reads as straight lines.
        "identical": identical,
        "same_words": same_words & (ca > 0),
        "nothing_shared": (related == 0) & (words == 0),
        "related_low": related < 0.25,
        "related_high": related >= 0.75,
        "reach_min": np.minimum(reach_a, reach_b),
        "reach_max": np.maximum(reach_a, reach_b),
        "unreached_min": np.minimum(unreached_a, unreached_b),
        "unreached_max": np.maximum(unreached_a, unreached_b),
        # Each side reaches all of the other: one statement, in one language or two.
        "all_reached": (reach_a == 1) & (reach_b == 1) & (sa > 0) & (sb > 0),
    }

    def why(i: int) -> list[str]:
        if identical[i]:
            return ["overlap: the same statement"]
        if columns["nothing_shared"][i]:
            return ["overlap: nothing in common (two different stories?)"]
        sets = [set(np.array(batch.words[0])[content[s].indices]) for s in (a[i], b[i])]
        only = [sorted(sets[0] - sets[1]), sorted(sets[1] - sets[0])]
        said = [
            f"{', '.join(words[:6])}{'…' if len(words) > 6 else ''} ({side})"
            for side, words in zip("AB", only)
            if words
        ]
        return [f"one side only: {'; '.join(said)}"] if said else []

    return columns, why


_FAMILIES: dict[str, Callable[[CueFeaturizer, _Pairs], tuple[dict[str, np.ndarray], Why]]] = {
    "quantities": _quantity_family,
    "negation": _negation_family,
    "opposites": _paired_family("opposites"),
    "directions": _paired_family("directions"),
    "quantifiers": _quantifier_family,
    "time": _time_family,
    "roles": _roles_family,
    "alignment": _alignment_family,
}

CUE_FAMILIES: tuple[str, ...] = tuple(_FAMILIES)

"""The cue families, in the order of their columns."""


FAMILY_COLUMNS: dict[str, tuple[str, ...]] = {
    "quantities": (
        "both_have", "one_has", "matched", "matched_overlap", "matched_disjoint", "gap",
        "disjoint_related", "named_disjoint", "other_subject", "changes_same", "changes_opposed",
        "change_one_side", "changes_opposed_related",
    ),
    "negation": (
        "neg_min", "neg_max", "neg_only_one", "denial_min", "denial_max", "denial_only_one",
        "neg_only_one_related", "denial_only_one_related", "polarity_differs_related",
        "same_polarity_related",
    ),
    "opposites": ("opposed", "any_opposed", "same", "one_side_only", "opposed_related"),
    "directions": ("opposed", "any_opposed", "same", "one_side_only", "opposed_related"),
    "quantifiers": ("clash", "same", "differ", "clash_related"),
    "time": (*(f"{kind}_differs" for kind in TIME_KINDS), "same", "differs_related"),
    "roles": ("names_swapped", "names_swapped_overlap", "reciprocal_swapped", "voice_swapped"),
    "alignment": (
        "jaccard", "related", "covered_min", "covered_max", "new_words_min", "new_words_max",
        "names_jaccard", "new_names_min", "new_names_max", "numbers_only_one_side",
        "digits_differ", "identical", "same_words", "nothing_shared", "related_low",
        "related_high", "reach_min", "reach_max", "unreached_min", "unreached_max",
        "all_reached",
    ),
}  # fmt: skip

"""The columns of each family, in order (named ``family:column``)."""


def _matched(qa: list[quantities.Quantity], qb: list[quantities.Quantity]):
    """Quantity pairs that plausibly count the same thing: comparable ones, else same unit."""
    pairs = [(x, y) for x in qa for y in qb if quantities.comparable(x, y)]
    if pairs:
        return pairs
    return [
        (x, y) for x in qa for y in qb if x.unit == y.unit and (x.noun is None or y.noun is None)
    ]


def _one_thing(x: quantities.Quantity, y: quantities.Quantity) -> bool:
    """Whether both quantities name what they count and it is one thing: the same noun, or one
    concept in two words ("combattants" / "jihadistes"), not a broader and a narrower one
    ("personnes" / "pompiers": 4 dead and 120 firefighters are both counts of people)."""
    return (
        x.noun is not None
        and y.noun is not None
        and bool(quantities.kinds(x) & quantities.kinds(y))
    )


CONTEXT_BEFORE, CONTEXT_AFTER = 4, 3
"""How many words before and after a figure say what it counts ("la participation a atteint
61 %", "54 % des voix")."""


def _stems_reaching(words: Iterable[str], translated: bool = True) -> frozenset[str]:
    """The stems of content words, with their synonyms and (``translated``) their translations
    either way (:mod:`stance.bilingual`)."""
    own = {s for s in map(_stem, words) if s and not s.isdigit()}
    to = bilingual.stem_translations(_stem) if translated else {}
    synonyms = bilingual.stem_synonyms(_stem)
    return frozenset(
        own.union(*(to[lang].get(s, ()) for s in own for lang in to)).union(
            *(synonyms.get(s, ()) for s in own)
        )
    )


def _context(text: str, q: quantities.Quantity) -> frozenset[str]:
    """The stems of the content words around a figure, and their translations."""
    before = _tokens(_fold(text[: q.start]))[-CONTEXT_BEFORE:]
    after = _tokens(_fold(text[q.end :]))[:CONTEXT_AFTER]
    return _stems_reaching([*before, *after])


def _same_subject(text_x: str, x: quantities.Quantity, text_y: str, y: quantities.Quantity) -> bool:
    """Whether two figures of one unit may count one thing. Where one names what it counts
    ("54 % des voix") and the other does not ("la participation a atteint 61 %"), the other
    statement must name it too, in those words or their translations; where neither does, the
    words around the two figures must meet (or one side has none to tell)."""
    if x.noun is not None and y.noun is not None:
        return True  # two nouns: quantities.comparable has judged them
    if x.noun is not None or y.noun is not None:
        noun, other = (x.noun, text_y) if x.noun is not None else (y.noun, text_x)
        # Translations only across languages: within one, they reach too far ("vote" is
        # "élection" in French, whose stem is English "election"'s).
        across = guess_lang(text_x) != guess_lang(text_y)
        named = _stems_reaching(_tokens(_fold(noun)), translated=across)
        said = {s for s in map(_stem, _tokens(_fold(other))) if s}
        return not named or bool(named & said)
    cx, cy = _context(text_x, x), _context(text_y, y)
    return not cx or not cy or bool(cx & cy)


def _fmt(q: quantities.Quantity) -> str:
    def num(v: float) -> str:
        return f"{v:,.0f}" if v >= 10 else f"{v:g}"

    if math.isinf(q.high):
        return f"≥{num(q.low)}"
    return num(q.low) if q.low == q.high else f"{num(q.low)}–{num(q.high)}"


def _net(changes: list[quantities.Change]) -> int:
    """Increases less decreases: its sign is the statement's direction."""
    return sum(c.direction for c in changes)
