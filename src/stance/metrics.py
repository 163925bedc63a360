"""Evaluation figures, in one plain dict that prints as a table and serialises as JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
)

from .data import LABELS


def reliability(y_true: Sequence[str], proba: np.ndarray, n_bins: int = 15) -> list[dict[str, Any]]:
    """The reliability table: predictions binned by the confidence of their predicted label
    into ``n_bins`` equal-width bins; for each non-empty bin its bounds, size, mean confidence
    and accuracy. A calibrated model has accuracy close to confidence in every bin."""
    proba = np.asarray(proba)
    confidence = proba.max(axis=1)
    correct = np.asarray(LABELS)[proba.argmax(axis=1)] == np.asarray(y_true)
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    return [
        {
            "low": round(b / n_bins, 4),
            "high": round((b + 1) / n_bins, 4),
            "n": int((bins == b).sum()),
            "confidence": float(confidence[bins == b].mean()),
            "accuracy": float(correct[bins == b].mean()),
        }
        for b in np.unique(bins).tolist()
    ]


def expected_calibration_error(y_true: Sequence[str], proba: np.ndarray, n_bins: int = 15) -> float:
    """Top-label ECE: how far the confidence of the predicted label is from its accuracy.

    The average |accuracy - confidence| of the :func:`reliability` bins, weighted by their
    size. 0.05 means that, on average, a stated 80 % is right between 75 % and 85 % of the time.
    """
    table = reliability(y_true, proba, n_bins)
    total = sum(row["n"] for row in table)
    return float(sum(row["n"] / total * abs(row["accuracy"] - row["confidence"]) for row in table))


def classification_report(
    y_true: Sequence[str], y_pred: Sequence[str], proba: np.ndarray | None = None
) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class precision / recall / F1 / support and the confusion matrix.

    Always over all three labels, in :data:`LABELS` order, so that reports of different data sets
    line up; a class absent from the data has support 0 and scores 0. With ``proba`` (columns in
    :data:`LABELS` order) the report also has ``ece``, the expected calibration error, and
    ``reliability``, its table by confidence bin (what a reliability diagram draws).
    """
    labels = list(LABELS)
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=labels, zero_division=0
    )
    report: dict[str, Any] = {
        "n": len(y_true),
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "macro_f1": float(
            f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)
        ),
        "per_class": {
            label: {
                "precision": float(precision[i]),
                "recall": float(recall[i]),
                "f1": float(f1[i]),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
        "confusion": {
            "labels": labels,
            "matrix": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
        },
    }
    if proba is not None and len(y_true):
        report["ece"] = expected_calibration_error(y_true, proba)
        report["reliability"] = reliability(y_true, proba)
    return report
