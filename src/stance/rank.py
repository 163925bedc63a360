"""How ``stance scan`` orders the pairs it scored.

``probability`` ranks by the model's probability of contradiction. In a scan, that ranking
suffers from *hubs*: a statement with a figure and a change word ("les prix de gros ont baissé
d'environ 30 %") looks a little like a contradiction of every statement of its story, and fills
the top of the list with its pairs. ``contrast`` (the default) ranks instead by how much more
likely a pair is to contradict than its two statements' pairs are on average:

    contrast(a, b) = P(a, b) - HUB_WEIGHT * (mean P of a's pairs + mean P of b's pairs) / 2

the correction that cross-domain similarity local scaling (CSLS; Conneau et al., 2018, "Word
translation without parallel data") applies to nearest neighbours in bilingual lexicon
induction, with the mean over all of a statement's pairs where CSLS takes its k nearest. A real
clash stands out against its statements' other pairs; a hub's pairs do not.

With every model measured (three split seeds of an earlier recipe, each earlier version, and
the shipped model), ``contrast`` found as many or more of the key contradictions of each
annotated article set in its top 2k as ``probability`` did, never fewer
(``training/bench_extract.py``); it is therefore the default.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .archive import day
from .data import LABELS
from .errors import StanceError
from .pairs import statement_text
from .quantities import Quantity, comparable, overlap, quantities
from .settings import DEFAULT_RANK as DEFAULT_RANK
from .settings import RANKS as RANKS

HUB_WEIGHT = 1.0
"""CSLS's own weight (its score, 2 cos(x, y) - r(x) - r(y), halved). Checked on the first six
of the project's labelled scan stories (data/scan-train) with the default model, which was not
trained on them: 17 of their 93 contradictions in the top 2k with 0 (plain probability), 16
with 0.5, 20 with 1.0, 20 with 1.5. The differences are a few pairs, so CSLS's weight stays
rather than one tuned on them."""


def ranked_by_contrast(results: list[dict[str, Any]]) -> bool:
    """Whether scan results were ranked by contrast (their rows then carry it), so that a table
    or a report shows the figure the order comes from."""
    return bool(results) and "contrast" in results[0]


def contrast(i: np.ndarray, j: np.ndarray, p: np.ndarray, n_statements: int) -> np.ndarray:
    """Per pair ``(i[k], j[k])`` with probability of contradiction ``p[k]``, how far ``p[k]``
    stands above the mean probability of the two statements' pairs (see the module docstring)."""
    sums = np.bincount(i, p, n_statements) + np.bincount(j, p, n_statements)
    counts = np.bincount(i, minlength=n_statements) + np.bincount(j, minlength=n_statements)
    mean = sums / np.maximum(counts, 1)
    return p - HUB_WEIGHT * (mean[i] + mean[j]) / 2


RANK_DECIMALS = {"probability": 6, "contrast": 4}
"""Decimals a ranking figure is shown with; pairs equal at that precision are tied, and ties go
in the order of their statements (article name, then offset), so that a ranking reads the same
whatever the order in which the articles were given."""


@dataclass(eq=False)
class Ranking:
    """The scored pairs of a scan, ranked, kept as arrays rather than as rows.

    At 100,000 statements a scan scores two million pairs; a dict per pair held them all in
    gigabytes when a table prints ten. A ranking keeps the pairs' statement indices and
    probabilities, orders them once, and makes a row only when it is read (:meth:`rows`), so
    that ``--json`` streams every pair in ranked order and a table reads the first few.

    ``statements`` are in canonical order (article name, then offset) and each pair has
    ``i < j``: statement ``a`` of a row is the earlier one in that order.
    """

    statements: list[dict[str, Any]]
    texts: dict[str, str]
    i: np.ndarray
    j: np.ndarray
    similarity: np.ndarray
    proba: np.ndarray
    rank: str = DEFAULT_RANK
    contrast: np.ndarray | None = field(default=None, init=False)
    order: np.ndarray = field(init=False)
    _figures: dict[int, list[Quantity]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.rank not in RANKS:
            raise StanceError(f"unknown ranking {self.rank!r}; known: {', '.join(RANKS)}")
        p = self.proba[:, LABELS.index("contradict")] if len(self.i) else np.zeros(0)
        key = p
        if self.rank == "contrast":
            self.contrast = contrast(self.i, self.j, p, len(self.statements))
            key = self.contrast
        key = np.round(key, RANK_DECIMALS[self.rank])
        self.order = np.lexsort((self.j, self.i, -key))

    def __len__(self) -> int:
        """The number of pairs scored."""
        return len(self.i)

    @property
    def articles(self) -> int:
        """The number of articles scanned."""
        return len(self.texts)

    def selected(self, min_prob: float | None = None, only: str | None = None) -> np.ndarray:
        """Ranks (from 0) of the pairs with P(contradict) at least ``min_prob`` and labelled
        ``only``, in ranked order."""
        keep = np.ones(len(self.i), dtype=bool)
        if min_prob is not None:
            p = np.round(self.proba[:, LABELS.index("contradict")], RANK_DECIMALS["probability"])
            keep &= p >= min_prob  # as shown: a row printed 0.5 passes 0.5
        if only is not None:
            if only not in LABELS:
                raise StanceError(f"unknown label {only!r}; known: {', '.join(LABELS)}")
            keep &= self.proba.argmax(axis=1) == LABELS.index(only)
        return np.flatnonzero(keep[self.order])

    def rows(
        self,
        min_prob: float | None = None,
        only: str | None = None,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """The pairs as result rows, most contradictory first (by the ranking), made one at a
        time: ``{"rank", "a", "b", "label", "probabilities", "similarity"}``, with
        ``contrast`` when ranked by it and ``timeline`` when the two statements' figures differ
        between two dates (:meth:`timeline`). ``rank`` is the pair's place among all pairs
        scanned, filtered or not."""
        for position in self.selected(min_prob, only)[:limit].tolist():
            yield self.row(position)

    def row(self, position: int) -> dict[str, Any]:
        """The pair ranked ``position`` (from 0) as a result row."""
        k = int(self.order[position])
        a, b = int(self.i[k]), int(self.j[k])
        proba = self.proba[k]
        row: dict[str, Any] = {
            "rank": position + 1,
            "a": self.statements[a],
            "b": self.statements[b],
            "label": LABELS[int(np.argmax(proba))],
            "probabilities": {label: round(float(p), 6) for label, p in zip(LABELS, proba)},
            "similarity": round(float(self.similarity[k]), 4),
        }
        if self.contrast is not None:
            row["contrast"] = round(float(self.contrast[k]), 4)
        moved = self.timeline(a, b)
        if moved:
            row["timeline"] = moved
        return row

    def timeline(self, a: int, b: int) -> dict[str, Any] | None:
        """``{"earlier": "a", "later": "b", "days": n}`` when statements ``a`` and ``b`` were
        published on two different days and state figures of one kind that differ: a toll
        that rose between two reports reads like a contradiction, and a reader must be able to
        tell the two apart. None otherwise (undated, same day, or no differing figures)."""
        sa, sb = self.statements[a], self.statements[b]
        if not (sa.get("date") and sb.get("date")):
            return None
        days = (day(sb["date"]) - day(sa["date"])).days
        if days == 0:
            return None
        if not any(
            comparable(x, y) and not overlap(x, y)
            for x in self._figures_of(a)
            for y in self._figures_of(b)
        ):
            return None
        earlier, later = ("a", "b") if days > 0 else ("b", "a")
        return {"earlier": earlier, "later": later, "days": abs(days)}

    def _figures_of(self, index: int) -> list[Quantity]:
        if index not in self._figures:
            statement = self.statements[index]
            self._figures[index] = quantities(
                statement_text(statement), statement.get("lang") or None
            )
        return self._figures[index]
