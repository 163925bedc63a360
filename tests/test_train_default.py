"""training/train_default.py: the shift towards news labels keeps the model symmetric, leaves
pairs with nothing in common alone and moves related ones by the fitted amount."""

from __future__ import annotations

import importlib.util
import sys

import numpy as np
import pytest

from stance.cues import CueFeaturizer

from .conftest import ROOT, SMALL

sys.path.insert(0, str(ROOT / "training"))
_spec = importlib.util.spec_from_file_location(
    "train_default", ROOT / "training" / "train_default.py"
)
assert _spec is not None and _spec.loader is not None
train_default = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(train_default)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_news_offsets_shift_related_pairs_only_and_keep_the_model_symmetric(own_pairs):
    pairs, labels = own_pairs
    rows = [
        {"a": a, "b": b, "label": y, "weight": 1.0, "kind": "coverage"}
        | {"split": "calibration" if i % 4 == 0 else "train"}
        for i, ((a, b), y) in enumerate(zip(pairs, labels))
    ]
    model = train_default.fit(rows, {**SMALL, "max_iter": 100}, lambda _: None)
    unrelated = ("Le tunnel de Vernay rouvrira jeudi.", "Stock markets fell sharply in Tokyo.")
    related = ("The Vernay tunnel will reopen on Thursday.", "The Vernay tunnel reopens Thursday.")
    alignment = CueFeaturizer(families=("alignment",)).fit()
    share = dict(zip(alignment.get_feature_names_out(), alignment.transform([related])[0]))
    assert (
        dict(zip(alignment.get_feature_names_out(), alignment.transform([unrelated])[0]))[
            "alignment:related"
        ]
        == 0
    )
    assert share["alignment:related"] > 0.5
    before = np.log(model.predict_proba([unrelated, related]))
    delta = train_default.news_offsets(model, rows, lambda _: None)
    after = np.log(model.predict_proba([unrelated, related]))
    assert delta[2] == 0 and np.abs(delta).sum() > 0  # neutral is the reference
    np.testing.assert_allclose(after[0], before[0], atol=1e-9)
    moved = (after[1] - after[1][2]) - (before[1] - before[1][2])
    np.testing.assert_allclose(moved, delta * share["alignment:related"], atol=1e-6)
    swapped = [(b, a) for a, b in pairs[:50]]
    assert (model.predict_proba(pairs[:50]) == model.predict_proba(swapped)).all()
