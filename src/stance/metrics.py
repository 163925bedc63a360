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


def expected_calibration_error(y_true: Sequence[str], proba: np.ndarray, n_bins: int = 15) -> float:
    """Top-label ECE: how far the confidence of the predicted label is from its accuracy.

    Predictions are binned by confidence into ``n_bins`` equal-width bins; the ECE is the
    average |accuracy - confidence| of the bins, weighted by their size. 0.05 means that, on
    average, a stated 80 % is right between 75 % and 85 % of the time.
    """
    proba = np.asarray(proba)
    confidence = proba.max(axis=1)
    correct = np.asarray(LABELS)[proba.argmax(axis=1)] == np.asarray(y_true)
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    error = 0.0
    for b in np.unique(bins):
        in_bin = bins == b
        error += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(error)


def classification_report(
    y_true: Sequence[str], y_pred: Sequence[str], proba: np.ndarray | None = None
) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class precision / recall / F1 / support and the confusion matrix.

    Always over all three labels, in :data:`LABELS` order, so that reports of different data sets
    line up; a class absent from the data has support 0 and scores 0. With ``proba`` (columns in
    :data:`LABELS` order) the report also has ``ece``, the expected calibration error.
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
    return report
