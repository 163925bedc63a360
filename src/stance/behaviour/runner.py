"""Scoring a model on behavioural cases: pass rates per capability and language, with failures.

Every distinct pair (a case's pair, and an invariance case's original pair) is scored once, in
one ``predict_proba`` call, so that a suite of thousands of cases costs one batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from ..data import LABELS
from ..errors import StanceError
from .generate import CAPABILITIES, LANGS, Case

CONFIDENT = 0.9
"""The probability of agree an exact identity must reach (the ``identity_confident`` check):
a model that calls "X" and "X" agree at 0.5 would not be trusted on anything harder."""


class Model(Protocol):
    def predict_proba(self, pairs: list[tuple[str, str]]) -> Any: ...


@dataclass(frozen=True)
class Failure:
    """A case the model failed: what was expected, what it said, and its probabilities."""

    case: Case
    expected: str
    predicted: str
    probabilities: dict[str, float]


@dataclass
class Row:
    """The cases of one capability in one language."""

    n: int = 0
    passed: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        """Share of cases passed; None when there are no cases (no fr-en exact identity)."""
        return self.passed / self.n if self.n else None


@dataclass
class Report:
    """Pass rates per capability and per language (``rows[capability][lang]``)."""

    rows: dict[str, dict[str, Row]]

    def rate(self, capability: str, lang: str) -> float | None:
        return self.rows[capability][lang].rate

    def failures(self) -> list[Failure]:
        return [
            f for by_lang in self.rows.values() for row in by_lang.values() for f in row.failures
        ]

    def to_dict(self) -> dict[str, dict[str, dict[str, float | int | None]]]:
        """``{capability: {lang: {"n", "passed", "rate"}}}``, rates to four places."""
        return {
            capability: {
                lang: {
                    "n": row.n,
                    "passed": row.passed,
                    "rate": None if row.rate is None else round(row.rate, 4),
                }
                for lang, row in by_lang.items()
            }
            for capability, by_lang in self.rows.items()
        }


def _probabilities(model: Model, pairs: list[tuple[str, str]]) -> np.ndarray:
    """``predict_proba`` with its columns in :data:`LABELS` order (a model that names its
    classes in another order is reordered)."""
    proba = np.asarray(model.predict_proba(pairs), dtype=np.float64)
    classes = [str(c) for c in getattr(model, "classes_", LABELS)]
    if sorted(classes) != sorted(LABELS):
        raise StanceError(f"the model's classes are {classes}, not {list(LABELS)}")
    return proba[:, [classes.index(label) for label in LABELS]]


def run(model: Model, cases: Sequence[Case]) -> Report:
    """Score ``model`` on ``cases``.

    An MFT case passes when the predicted label is its label (``identity_confident``: and
    P(agree) ≥ :data:`CONFIDENT`). An INV case passes when the label predicted for its pair is
    the one predicted for its original pair; ``swap`` asks for more, the very same
    probabilities, because a symmetric model computes the same features either way round. A
    DIR case passes when the probability of its label is higher than for its original pair.
    """
    index: dict[tuple[str, str], int] = {}
    for case in cases:
        for pair in [(case.a, case.b), *([case.original] if case.original else [])]:
            index.setdefault(pair, len(index))
    proba = _probabilities(model, list(index)) if index else np.zeros((0, len(LABELS)))
    rows = {c: {lang: Row() for lang in LANGS} for c in CAPABILITIES}
    for case in cases:
        p = proba[index[(case.a, case.b)]]
        predicted = LABELS[int(np.argmax(p))]
        if case.original is None:
            expected = str(case.label)
            ok = predicted == expected
            if case.capability == "identity_confident":
                expected = f"agree at P ≥ {CONFIDENT}"
                ok = ok and p[LABELS.index("agree")] >= CONFIDENT
        elif case.test_type == "DIR":
            column = LABELS.index(str(case.label))
            before = proba[index[case.original]][column]
            expected = f"P({case.label}) above {before:.4f}, that of the original pair"
            ok = p[column] > before
        else:
            before = proba[index[case.original]]
            expected = f"as the original pair: {LABELS[int(np.argmax(before))]}"
            if case.capability == "swap":
                expected += " with the same probabilities"
                ok = bool(np.array_equal(p, before))
            else:
                ok = predicted == LABELS[int(np.argmax(before))]
        row = rows.setdefault(case.capability, {lang: Row() for lang in LANGS})[case.lang]
        row.n += 1
        if ok:
            row.passed += 1
        else:
            probabilities = {label: round(float(v), 4) for label, v in zip(LABELS, p)}
            row.failures.append(Failure(case, expected, predicted, probabilities))
    return Report(rows)
