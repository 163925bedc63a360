"""Contradiction cues: small, readable features of a pair that n-grams cannot see.

TF-IDF sees that two statements share words; it does not see that "quelques centaines" and
"entre 4.000 et 6.000" cannot both count the same fighters, that only one side is negated, that
one says "hausse" where the other says "baisse", "tous" where the other says "aucun", "lundi"
where the other says "mardi", or that the same two names trade places around "beat".
:class:`CueFeaturizer` turns pairs into a few dense columns, one family of columns per kind of
clue, and slots into the Pipeline's ``FeatureUnion`` beside the TF-IDF featurizer.

Every column is the same for ``(a, b)`` and ``(b, a)``: what one side holds and the other does
not is counted as "on one side only", a count per side becomes the smaller and the larger of the
two, so that a verdict never depends on which statement came first.

The word lists are data, not code: the TSV files of ``lexicons/`` (opposites, directions,
quantifiers, time, negation, reciprocal verbs), matched on accent-folded, lower-cased words, each
form listed explicitly. :meth:`CueFeaturizer.fit` reads them and keeps them in the fitted object,
so that a saved model carries the lexicons it was trained with, and a reader can add a line to a
file and retrain. :meth:`CueFeaturizer.explain` puts into words the columns that fired for a pair,
from the very arrays that computed them.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..features import Pairs, distinct_texts, split_pairs
from .batch import Why, _Batch, proper_names, shorter_share, stems_and_reach
from .families import _FAMILIES, CUE_FAMILIES, FAMILY_COLUMNS, _Pairs
from .lexicons import LEXICON_COLUMNS, LEXICON_FILES, load_lexicons, read_lexicon


class CueFeaturizer(TransformerMixin, BaseEstimator):
    """Turn ``(a, b)`` statement pairs into the dense columns of the cue families.

    Parameters
    ----------
    families:
        the families to compute, among :data:`CUE_FAMILIES` (their columns come in that
        order): ``quantities`` (figures that cannot count the same thing, changes pointing
        opposite ways), ``negation`` (negation or denial on one side only), ``opposites``
        (support / oppose, win / lose ...), ``directions`` (up on one side, down on the other),
        ``quantifiers`` (all / none, most / few), ``time`` (two weekdays, months, years, clock
        times, compass points for one event), ``roles`` (the same names in swapped order around
        the same words) and ``alignment`` (how much the two statements share, from identical to
        nothing).
    cap:
        the largest count a count column gives (a fourth negation says no more than a third).
    lexicon_dir:
        the folder of the lexicon files (:data:`LEXICON_FILES`); None is the package's own
        ``lexicons/``. They are read by :meth:`fit`: add a line to a file and fit again.

    Attributes
    ----------
    lexicons_:
        the parsed lexicons, plain dicts, lists and tuples of strings and numbers, so that a
        saved model is self-contained.
    families_:
        the families computed, as a tuple.
    n_features_out_:
        the number of columns.
    """

    def __init__(
        self,
        families: Sequence[str] = CUE_FAMILIES,
        cap: int = 3,
        lexicon_dir: str | Path | None = None,
    ) -> None:
        self.families = families
        self.cap = cap
        self.lexicon_dir = lexicon_dir

    def fit(self, X: Pairs = None, y: Any = None) -> CueFeaturizer:
        """Read the lexicons; nothing is learned from the pairs ``X`` (checked to be pairs when
        given), so that the columns of a pair do not depend on what else was in training."""
        if X is not None:
            split_pairs(X)
        unknown = [f for f in self.families if f not in _FAMILIES]
        if unknown:
            raise ValueError(f"unknown cue families {unknown}; known: {list(CUE_FAMILIES)}")
        if not (isinstance(self.cap, (int, float)) and self.cap >= 1):
            raise ValueError(f"cap must be a number of at least 1, not {self.cap!r}")
        self.families_ = tuple(f for f in CUE_FAMILIES if f in set(self.families))
        self.lexicons_ = load_lexicons(self.lexicon_dir)
        self.n_features_out_ = sum(len(FAMILY_COLUMNS[f]) for f in self.families_)
        return self

    def transform(self, X: Pairs) -> np.ndarray:
        """The cue columns of each pair, one row per pair, in the order of
        ``get_feature_names_out``."""
        columns, _ = self._read(X)
        return columns

    def _read(self, X: Pairs) -> tuple[np.ndarray, list[Why]]:
        """The columns of every pair, and each family's words for what fired."""
        check_is_fitted(self, "lexicons_")
        a, b = split_pairs(X)
        texts, rows = distinct_texts(a + b)
        pairs = _Pairs(_Batch(texts), rows[: len(a)], rows[len(a) :])
        blocks, whys = [], []
        for family in self.families_:
            columns, why = _FAMILIES[family](self, pairs)
            blocks += [
                np.asarray(columns[name], dtype=np.float64) for name in FAMILY_COLUMNS[family]
            ]
            whys.append(why)
        if not blocks:
            return np.zeros((len(a), 0), dtype=np.float32), whys
        return np.column_stack(blocks).astype(np.float32).reshape(len(a), len(blocks)), whys

    def explain(self, a: str, b: str) -> list[str]:
        """What the cue columns saw in the pair, in words: one line per finding ("directions:
        hausse / baisse", "figures: 200–900 vs 4,000–6,000 do not overlap"), read from the
        computation of the pair's own columns."""
        _, whys = self._read([(a, b)])
        return [note for why in whys for note in why(0)]

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """``family:column`` names: ``negation:neg_only_one``, ``time:weekday_differs``, ..."""
        check_is_fitted(self, "families_")
        return np.asarray(
            [f"{family}:{name}" for family in self.families_ for name in FAMILY_COLUMNS[family]],
            dtype=object,
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True  # pairs of statements: an (n, 2) array of text
        return tags

    def __getstate__(self) -> dict[str, Any]:
        """The lexicons are saved as one JSON string: skops stores a string at once, where it
        builds a dict of thousands of forms one node at a time (seconds to load a model)."""
        state = dict(super().__getstate__())  # a copy: object.__getstate__ returns __dict__
        if "lexicons_" in state:
            state["lexicons_"] = json.dumps(state["lexicons_"], ensure_ascii=False)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Read the lexicons back from their JSON, and a model saved by an earlier stance too:
        its families had no parameters and no lexicons, so they take the defaults and the
        packaged lexicons (its classifier then refuses the new columns with a message, see
        stance.model)."""
        state = dict(state)
        if isinstance(state.get("lexicons_"), str):
            state["lexicons_"] = _thawed(json.loads(state["lexicons_"]))
        for name, parameter in inspect.signature(type(self).__init__).parameters.items():
            if name != "self":
                state.setdefault(name, parameter.default)
        super().__setstate__(state)
        if not hasattr(self, "lexicons_"):
            self.fit()


def _thawed(lexicons: dict[str, dict]) -> dict[str, dict]:
    """Lexicons read back from JSON with their tuples again (JSON has lists only)."""
    for lexicon in lexicons.values():
        lexicon["phrases"] = {
            head: [(tuple(rest), label) for rest, label in found]
            for head, found in lexicon["phrases"].items()
        }
        if "groups" in lexicon:
            lexicon["groups"] = [tuple(group) for group in lexicon["groups"]]
    return lexicons


def _one_family(name: str, family: str) -> type[CueFeaturizer]:
    """A :class:`CueFeaturizer` of one family by default, under the name a Pipeline of earlier
    stance versions gave its step (saved models name these classes)."""

    def __init__(
        self: CueFeaturizer,
        families: Sequence[str] = (family,),
        cap: int = 3,
        lexicon_dir: str | Path | None = None,
    ) -> None:
        CueFeaturizer.__init__(self, families=families, cap=cap, lexicon_dir=lexicon_dir)

    doc = f"The {family} cue family alone (see :class:`CueFeaturizer`)."
    return type(
        name, (CueFeaturizer,), {"__init__": __init__, "__module__": __name__, "__doc__": doc}
    )


QuantityCues = _one_family("QuantityCues", "quantities")

NegationCues = _one_family("NegationCues", "negation")

OppositeCues = _one_family("OppositeCues", "opposites")

AlignmentCues = _one_family("AlignmentCues", "alignment")

CUE_TYPES: tuple[type[CueFeaturizer], ...] = (
    CueFeaturizer,
    QuantityCues,
    NegationCues,
    OppositeCues,
    AlignmentCues,
)

"""Every cue featurizer type a saved model may hold."""


__all__ = [
    "CUE_FAMILIES",
    "CUE_TYPES",
    "FAMILY_COLUMNS",
    "LEXICON_COLUMNS",
    "LEXICON_FILES",
    "AlignmentCues",
    "CueFeaturizer",
    "NegationCues",
    "OppositeCues",
    "QuantityCues",
    "load_lexicons",
    "proper_names",
    "read_lexicon",
    "shorter_share",
    "stems_and_reach",
]
