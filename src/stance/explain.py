"""Why a verdict: the features that pushed a pair toward its label, and what the cues saw.

The classifier is linear, so each feature's share of the verdict is exact: its value times its
weight for the predicted label, minus its average weight over the labels (softmax ignores what
all labels share). The strongest shares, read back as n-grams and cue values, and the cue
families' own sentences ("quantities 200–900 vs 4,000–6,000 do not overlap") are the explanation.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from .data import LABELS
from .errors import StanceError
from .model import verdict

PARTS = {
    "sum": "in the pair",
    "a": "in A",
    "b": "in B",
    "diff": "in one side only",
    "both": "in both",
}


def _linear(clf: Any) -> tuple[LogisticRegression, float]:
    """The logistic regression inside ``clf`` (itself, or the one a calibration wraps) and the
    factor a temperature puts on its scores (1 without one), which scales every share alike."""
    if isinstance(clf, CalibratedClassifierCV):
        calibrated = clf.calibrated_classifiers_[0]
        inner = calibrated.estimator
        if isinstance(inner, FrozenEstimator):  # calibrated after fitting, as the shipped model
            inner = inner.estimator
        return inner, float(getattr(calibrated.calibrators[0], "beta_", 1.0))
    return clf, 1.0


def _weights(clf: Any, label: str) -> tuple[np.ndarray, str | None]:
    """What each feature adds to the score of ``label``, relative to the other labels it is
    weighed against, and a note on which model inside ``clf`` that comes from.

    A plain or calibrated logistic regression: its weights for ``label`` minus their mean
    over the labels. A :class:`~stance.model.GatedClassifier`: for the gate's own label, the
    binary model's weights (its log-odds of the gate); for another label, the full model's
    weights against the mean of the labels other than the gate, which is how the full model
    shares out what the gate leaves. Any other classifier raises :class:`StanceError` naming
    it, since only a linear model's shares are exact.
    """
    from .model import GatedClassifier

    if isinstance(clf, GatedClassifier):
        if label == clf.gate:
            gate = clf.gate_model_
            sign = 1.0 if bool(gate.classes_[-1]) else -1.0
            return sign * gate.coef_[0], f"from the binary model that decides {clf.gate}"
        full = clf.full_model_
        others = [i for i, c in enumerate(full.classes_) if c != clf.gate]
        k = list(full.classes_).index(label)
        relative = full.coef_[k] - full.coef_[others].mean(axis=0)
        return relative, f"from the model that shares out the labels other than {clf.gate}"
    lr, scale = _linear(clf)
    if not isinstance(lr, LogisticRegression):
        raise StanceError(
            f"this model's classifier ({type(lr).__name__}) is not a logistic regression, whose "
            "feature shares are the only ones stance can compute; the verdict stands unexplained"
        )
    classes = list(lr.classes_)  # inside a calibration, the label numbers
    k = classes.index(label) if label in classes else LABELS.index(label)
    return scale * (lr.coef_[k] - lr.coef_.mean(axis=0)), None


def describe_feature(name: str) -> str:
    """``word:b:pas`` -> ``word "pas" in B``; cue and cosine names stay as they are."""
    view, _, rest = name.partition(":")
    part, _, term = rest.partition(":")
    if view in {"word", "char"} and part in PARTS:
        return f'{view} "{term}" {PARTS[part]}'
    return name


def explain(pipeline: Pipeline, a: str, b: str, top: int = 8) -> dict[str, Any]:
    """The verdict on ``(a, b)`` with its ``explanation``: top features and cue notes."""
    features = pipeline.named_steps["features"]
    clf = pipeline.named_steps["clf"]
    x = features.transform([(a, b)]).tocsr()  # once, for the verdict and for the shares
    proba = clf.predict_proba(x)[0]
    k = int(np.argmax(proba))
    relative, note = _weights(clf, LABELS[k])
    shares = x.data * relative[x.indices]
    order = np.argsort(-shares)[:top]
    names = features.get_feature_names_out()
    cues = [
        note
        for _, step in getattr(features, "transformer_list", [])  # cue families, if any
        if hasattr(step, "explain")
        for note in step.explain(a, b)
    ]
    return {
        **verdict(proba),
        "explanation": {
            "toward": LABELS[k],
            "features": [
                {
                    "feature": describe_feature(str(names[x.indices[i]])),
                    "value": round(float(x.data[i]), 4),
                    "share": round(float(shares[i]), 4),
                }
                for i in order
                if shares[i] > 0
            ],
            "cues": cues,
            **({"model": note} if note else {}),
        },
    }
