"""Contradiction cues: small, readable features of a pair that n-grams cannot see.

TF-IDF sees that two statements share words; it does not see that "quelques centaines" and
"entre 4.000 et 6.000" cannot both count the same fighters, that only one side is negated, or
that one says "hausse" where the other says "baisse". Each family here is a stateless
scikit-learn transformer from pairs to a few dense columns, so it slots into the Pipeline's
``FeatureUnion`` beside the TF-IDF featurizer, can be switched off for an ablation
(``set_params(features__negation="drop")``), and explains itself in words (:meth:`explain`).

The lexicons are deliberately small and bilingual (French, English); they are matched on
accent-folded, lower-cased word prefixes so that inflections ("augmenté", "augmentation") match.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from . import numbers
from .features import Pairs, split_pairs

_WORD = re.compile(r"\w+(?:['’]\w+)?", re.UNICODE)


# Per-statement caches are kept small: statements recur within a batch or a scan, and a
# stream of millions of distinct statements must not grow memory (about 10 MB at this size).
STATEMENT_CACHE = 4096


@lru_cache(maxsize=STATEMENT_CACHE)
def _fold(text: str) -> str:
    """Lower-case and strip accents, so that lexicon prefixes match every spelling."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=STATEMENT_CACHE)
def _words(text: str) -> list[str]:
    """The folded words of a statement; cached, since statements recur across pairs (callers
    must not modify the list)."""
    return _WORD.findall(_fold(text))


class _Cues(TransformerMixin, BaseEstimator):
    """Shared plumbing: stateless, one row of ``len(names)`` floats per pair."""

    prefix = ""
    names: tuple[str, ...] = ()

    def fit(self, X: Pairs, y: Any = None) -> _Cues:
        """Nothing to learn; records the output width, as fitted transformers do."""
        self.n_features_out_ = len(self.names)
        return self

    def transform(self, X: Pairs) -> np.ndarray:
        a, b = split_pairs(X)
        out = np.zeros((len(a), len(self.names)), dtype=np.float32)
        for i, (x, y) in enumerate(zip(a, b)):
            out[i] = self._pair(x, y)
        return out

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray([f"{self.prefix}:{n}" for n in self.names], dtype=object)

    def _pair(self, a: str, b: str) -> list[float]:
        raise NotImplementedError

    def explain(self, a: str, b: str) -> list[str]:
        """What this family sees in the pair, in words (empty when nothing)."""
        raise NotImplementedError

    def __sklearn_tags__(self):  # stateless: usable without fit, as FunctionTransformer is
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        return tags


# --- negation and denial ----------------------------------------------------------------------

# French "ne ... pas" is caught by its second half; "n'" alone is too ambiguous ("n'a que").
NEGATION = frozenset(
    "pas plus jamais rien aucun aucune personne guere nul nulle sans non "
    "not no never none nobody nothing neither nor without cannot n't".split()
)
DENIAL_PREFIXES = (
    "dement",
    "dementi",
    "nie",
    "nier",
    "niant",
    "rejet",
    "rejett",
    "refut",
    "contest",
    "faux",
    "fausse",
    "infond",
    "deny",
    "denie",
    "denial",
    "reject",
    "refut",
    "disput",
    "false",
    "untrue",
    "baseless",
    "unfounded",
    "dismiss",
)


def _matches(word: str, entries: tuple[str, ...]) -> bool:
    """Prefix match for entries of four letters or more, exact match for shorter ones, so that
    "up" does not match "update" nor "nie" "niece"."""
    return any(word.startswith(e) if len(e) >= 4 else word == e for e in entries)


@lru_cache(maxsize=65536)
def _is_denial(word: str) -> bool:
    return _matches(word, DENIAL_PREFIXES)


def _negations(words: list[str]) -> int:
    count = sum(w in NEGATION for w in words)
    return count + sum(w.endswith("n't") for w in words)


def _denials(words: list[str]) -> int:
    return sum(_is_denial(w) for w in words)


class NegationCues(_Cues):
    """Negation and denial on one side only: "a été signé" against "n'a pas été signé"."""

    prefix = "negation"
    names = ("neg_a", "neg_b", "neg_only_one", "denial_a", "denial_b", "denial_only_one")

    def _pair(self, a: str, b: str) -> list[float]:
        wa, wb = _words(a), _words(b)
        na, nb = _negations(wa), _negations(wb)
        da, db = _denials(wa), _denials(wb)
        return [
            min(na, 3),
            min(nb, 3),
            float((na > 0) != (nb > 0)),
            min(da, 3),
            min(db, 3),
            float((da > 0) != (db > 0)),
        ]

    def explain(self, a: str, b: str) -> list[str]:
        wa, wb = _words(a), _words(b)
        notes = []
        if (_negations(wa) > 0) != (_negations(wb) > 0):
            notes.append(f"negation only in {'A' if _negations(wa) else 'B'}")
        if (_denials(wa) > 0) != (_denials(wb) > 0):
            notes.append(f"denial only in {'A' if _denials(wa) else 'B'}")
        return notes


# --- opposites --------------------------------------------------------------------------------

# Each entry: (one direction, the other), as accent-folded word prefixes, French and English.
OPPOSITES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        (
            "hausse",
            "augment",
            "progress",
            "monte",
            "grimp",
            "accru",
            "croiss",
            "rise",
            "rose",
            "risen",
            "increas",
            "grow",
            "grew",
            "climb",
            "jump",
            "surg",
            "up",
        ),
        (
            "baisse",
            "diminu",
            "recul",
            "chute",
            "declin",
            "reduit",
            "reduct",
            "fall",
            "fell",
            "drop",
            "decreas",
            "shrank",
            "shrink",
            "plung",
            "down",
            "cut",
        ),
    ),
    (
        ("victoire", "gagn", "remport", "vainq", "win", "wins", "winning", "won", "victor"),
        ("defaite", "perd", "battu", "vaincu", "lose", "lost", "defeat", "beaten"),
    ),
    (
        ("ouvert", "ouvr", "rouvert", "reouvert", "open", "reopen"),
        ("ferme", "clos", "clotur", "close", "shut"),
    ),
    (
        ("accept", "approuv", "adopt", "valid", "approv", "agree"),
        ("refus", "rejet", "censur", "declin", "veto"),
    ),
    (
        ("autoris", "permi", "allow", "legalis", "permit"),
        ("interdi", "prohib", "ban", "forbid", "forbade"),
    ),
    (("confirm", "reconn", "admit", "acknowledg"), ("dement", "nie", "deni", "deny")),
    (("coupable", "condamn", "guilty", "convict"), ("innocent", "acquitt", "relax", "cleared")),
    (("vivant", "survecu", "alive", "surviv"), ("mort", "decede", "dead", "died", "killed")),
    (
        ("reprise", "repris", "redemarr", "resum", "restart"),
        ("suspendu", "arret", "interromp", "halt", "suspend", "stopp", "paralys"),
    ),
    (("benefice", "excedent", "profit", "surplus"), ("perte", "deficit", "loss")),
    (("majorit", "majority"), ("minorit", "minority")),
    (("succes", "reussi", "success"), ("echec", "echou", "fail")),
)


@lru_cache(maxsize=65536)
def _word_sides(word: str) -> tuple[tuple[int, int], ...]:
    """The (group, side) entries of ``OPPOSITES`` that a word matches; words repeat, so cached."""
    return tuple(
        (g, side)
        for g, group in enumerate(OPPOSITES)
        for side, entries in enumerate(group)
        if _matches(word, entries)
    )


def _sides(words: list[str]) -> list[tuple[bool, bool]]:
    """For each opposite group: (side one present, side two present)."""
    found = {hit for w in set(words) for hit in _word_sides(w)}
    return [((g, 0) in found, (g, 1) in found) for g in range(len(OPPOSITES))]


def _opposed(wa: list[str], wb: list[str]) -> list[int]:
    """Indices of groups where A holds one direction and B only the other (or vice versa)."""
    return [
        g
        for g, ((a1, a2), (b1, b2)) in enumerate(zip(_sides(wa), _sides(wb)))
        if (a1 and not a2 and b2 and not b1) or (a2 and not a1 and b1 and not b2)
    ]


class OppositeCues(_Cues):
    """Opposite directions across the pair, from a small bilingual lexicon (``OPPOSITES``)."""

    prefix = "opposites"
    names = ("opposed_groups", "any_opposed", "same_direction")

    def _pair(self, a: str, b: str) -> list[float]:
        wa, wb = _words(a), _words(b)
        opposed = len(_opposed(wa, wb))
        same = sum(
            (a1 and b1 and not (a2 or b2)) or (a2 and b2 and not (a1 or b1))
            for (a1, a2), (b1, b2) in zip(_sides(wa), _sides(wb))
        )
        return [min(opposed, 3), float(opposed > 0), min(same, 3)]

    def explain(self, a: str, b: str) -> list[str]:
        groups = _opposed(_words(a), _words(b))
        return [f"opposite directions: {OPPOSITES[g][0][0]} / {OPPOSITES[g][1][0]}" for g in groups]


# --- alignment --------------------------------------------------------------------------------

STOPWORDS = frozenset(
    "le la les l un une des du de d au aux a et ou en dans sur pour par avec que qui quoi "
    "ce cet cette ces se sa son ses leur leurs il elle ils elles on nous vous je est sont "
    "ete etait etre avoir ont avait selon y ne pas plus "
    "the a an of to in on for by with and or is are was were be been has have had it its "
    "that this these those at from as he she they we i said says according".split()
)


def _content(words: Iterable[str]) -> set[str]:
    return {w for w in words if w not in STOPWORDS and not w.isdigit() and len(w) > 1}


def proper_names(text: str) -> set[str]:
    """Names: capitalised words not at a sentence start, accent-folded."""
    return {_fold(m.group()) for m in re.finditer(r"(?<![.!?«\"]\s)(?<!^)\b[A-ZÀ-Ý][\w-]+", text)}


class AlignmentCues(_Cues):
    """How much of each side the other covers: new words, new names and new numbers in B."""

    prefix = "alignment"
    names = (
        "jaccard",
        "b_covered",
        "a_covered",
        "b_new_words",
        "names_jaccard",
        "b_new_names",
        "digits_only_one_side",
        "digits_differ",
    )

    def _pair(self, a: str, b: str) -> list[float]:
        wa, wb = _words(a), _words(b)
        ca, cb = _content(wa), _content(wb)
        union = ca | cb
        na, nb = proper_names(a), proper_names(b)
        da = {w for w in wa if w.isdigit()}
        db = {w for w in wb if w.isdigit()}
        return [
            len(ca & cb) / len(union) if union else 0.0,
            len(cb & ca) / len(cb) if cb else 1.0,
            len(ca & cb) / len(ca) if ca else 1.0,
            math.log1p(len(cb - ca)),
            len(na & nb) / len(na | nb) if na | nb else 1.0,
            math.log1p(len(nb - na)),
            float(bool(da) != bool(db)),
            float(bool(da) and bool(db) and da != db),
        ]

    def explain(self, a: str, b: str) -> list[str]:
        wa, wb = _words(a), _words(b)
        new = sorted(_content(wb) - _content(wa))
        return [f"B adds {', '.join(new[:6])}{'…' if len(new) > 6 else ''}"] if new else []


# --- quantities -------------------------------------------------------------------------------


def _read_quantities(text: str) -> tuple[list[numbers.Quantity], list[numbers.Change]]:
    lang = numbers.guess_lang(text)
    return numbers.quantities(text, lang), numbers.changes(text, lang)


def _matched(qa: list[numbers.Quantity], qb: list[numbers.Quantity]):
    """Quantity pairs that plausibly count the same thing: comparable ones, else same unit."""
    pairs = [(x, y) for x in qa for y in qb if numbers.comparable(x, y)]
    if pairs:
        return pairs
    return [
        (x, y) for x in qa for y in qb if x.unit == y.unit and (x.noun is None or y.noun is None)
    ]


def _fmt(q: numbers.Quantity) -> str:
    def num(v: float) -> str:
        return f"{v:,.0f}" if v >= 10 else f"{v:g}"

    if math.isinf(q.high):
        return f"≥{num(q.low)}"
    return num(q.low) if q.low == q.high else f"{num(q.low)}–{num(q.high)}"


class QuantityCues(_Cues):
    """Do both sides count the same thing, and do their intervals and changes agree?

    Built on :mod:`stance.numbers`: intervals for exact figures, ranges, vague quantities
    ("quelques centaines" = 200–900) and comparatives, plus changes ("a doublé", "halved").
    """

    prefix = "quantities"
    names = (
        "a_has",
        "b_has",
        "matched",
        "matched_overlap",
        "matched_disjoint",
        "gap",
        "change_a",
        "change_b",
        "changes_opposed",
    )

    _read = staticmethod(lru_cache(maxsize=STATEMENT_CACHE)(_read_quantities))

    def _pair(self, a: str, b: str) -> list[float]:
        (qa, ca), (qb, cb) = self._read(a), self._read(b)
        matched = _matched(qa, qb)
        overlapping = any(numbers.overlap(x, y) for x, y in matched)
        gap = min((numbers.gap(x, y) for x, y in matched), default=0.0)
        da = _direction(ca)
        db = _direction(cb)
        return [
            float(bool(qa)),
            float(bool(qb)),
            float(bool(matched)),
            float(overlapping),
            float(bool(matched) and not overlapping),
            min(gap, 3.0),
            # "doubled" on one side against "reduced to" on the other clashes even when only one
            # side gives a figure.
            da,
            db,
            float(da * db < 0),
        ]

    def explain(self, a: str, b: str) -> list[str]:
        (qa, ca), (qb, cb) = self._read(a), self._read(b)
        notes = []
        for x, y in _matched(qa, qb)[:2]:
            verdict = "overlap" if numbers.overlap(x, y) else "do not overlap"
            notes.append(f"quantities {_fmt(x)} vs {_fmt(y)} {verdict}")
        da, db = _direction(ca), _direction(cb)
        if da * db < 0:
            notes.append(f"changes point opposite ways: {ca[0].text!r} vs {cb[0].text!r}")
        return notes


def _direction(changes: list[numbers.Change]) -> float:
    """+1 if the statement reports an increase, -1 a decrease, 0 neither or both."""
    total = sum(c.direction for c in changes)
    return float(np.sign(total))


CUE_FAMILIES: dict[str, type[_Cues]] = {
    "quantities": QuantityCues,
    "negation": NegationCues,
    "opposites": OppositeCues,
    "alignment": AlignmentCues,
}
"""The cue families, by the step name they take in the Pipeline's FeatureUnion."""
