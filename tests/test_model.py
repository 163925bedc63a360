"""The Pipeline works with scikit-learn's tools, and saving / loading is checked."""

from __future__ import annotations

import copy
import hashlib
import json
import pickle
from pathlib import Path

import numpy as np
import pytest
import skops.io
from sklearn.calibration import CalibratedClassifierCV
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.utils.estimator_checks import parametrize_with_checks

import stance
from stance.errors import StanceError
from stance.model import GatedClassifier, card_path, load_model, read_card, save_model

from .conftest import SMALL


@pytest.mark.slow
def test_pipeline_works_in_cross_val_score_grid_search_and_calibration(own_pairs):
    pairs, labels = own_pairs[0][::2], own_pairs[1][::2]  # half: a dozen fits stay quick
    pipeline = stance.build_pipeline(**SMALL)
    scores = cross_val_score(pipeline, pairs, labels, cv=3)
    assert scores.shape == (3,) and scores.mean() > 0.34  # better than a majority guess

    grid = GridSearchCV(  # a nested parameter of each step; two settings are a search
        pipeline,
        {
            "clf__C": [0.5, 4.0],
            "features__cues__cap": [1],
            "features__cues__families": [("negation",)],
        },
        cv=2,
    )
    grid.fit(pairs, labels)
    assert set(grid.best_params_) == {
        "clf__C",
        "features__cues__cap",
        "features__cues__families",
    }

    calibrated = CalibratedClassifierCV(pipeline, cv=2).fit(pairs, labels)
    proba = calibrated.predict_proba(pairs[:5])
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert list(calibrated.classes_) == list(stance.LABELS)


def test_a_gated_classifier_takes_one_class_from_its_binary_model(own_pairs):
    pairs, labels = own_pairs
    X = stance.build_pipeline(**SMALL).named_steps["features"].fit_transform(pairs)
    gated = GatedClassifier(LogisticRegression(max_iter=500), gate="neutral").fit(X, labels)
    assert list(gated.classes_) == list(stance.LABELS)
    proba = gated.predict_proba(X)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    neutral = list(gated.classes_).index("neutral")
    binary = gated.gate_model_.predict_proba(X)[:, list(gated.gate_model_.classes_).index(True)]
    np.testing.assert_allclose(proba[:, neutral], binary)
    # Between the other two classes, the full model's odds are kept.
    full = gated.full_model_.predict_proba(X)
    agree, contradict = (list(gated.classes_).index(c) for c in ("agree", "contradict"))
    np.testing.assert_allclose(
        proba[:, agree] / proba[:, contradict], full[:, agree] / full[:, contradict], rtol=1e-6
    )
    assert np.array_equal(gated.predict(X), gated.classes_[proba.argmax(axis=1)])
    with pytest.raises(ValueError, match="gate 'unrelated' is not among the labels"):
        GatedClassifier(LogisticRegression(), gate="unrelated").fit(X, labels)
    with pytest.raises(StanceError, match="a gate cannot be calibrated"):
        stance.build_pipeline(gate="neutral", calibrate=True)


GATED_EXPECTED_FAILURES = {
    # A gate is one named label: the check refits the same instance (gate=1) on string labels
    # ("one", "two"), which hold no 1, and a classifier told to decide a label it never sees
    # has nothing to decide, so it refuses the data (test above) rather than guess.
    "check_classifiers_classes": "the gate label (1) is not among the string labels",
}


@parametrize_with_checks(
    [GatedClassifier(LogisticRegression(), gate=1)],
    expected_failed_checks=lambda estimator: GATED_EXPECTED_FAILURES,
)
def test_a_gated_classifier_follows_scikit_learn_conventions(estimator, check):
    check(estimator)


def test_an_unfitted_gated_classifier_says_so():
    with pytest.raises(NotFittedError):
        GatedClassifier(LogisticRegression(), gate="neutral").predict([[0.0, 1.0]])


@pytest.mark.slow
def test_a_gated_pipeline_tunes_saves_and_loads(own_pairs, tmp_path):
    pairs, labels = own_pairs[0][::2], own_pairs[1][::2]  # half: ten fits of two models each
    pipeline = stance.build_pipeline(gate="neutral", **SMALL)
    grid = GridSearchCV(pipeline, {"clf__estimator__C": [0.5, 4.0]}, cv=2).fit(pairs, labels)
    assert grid.best_params_["clf__estimator__C"] in {0.5, 4.0}
    path = tmp_path / "gated.skops"
    save_model(grid.best_estimator_, path, {})
    np.testing.assert_array_equal(
        load_model(path).predict_proba(pairs[:20]), grid.best_estimator_.predict_proba(pairs[:20])
    )


def test_predict_proba_columns_are_in_label_order(small_model, own_pairs):
    pairs, labels = own_pairs
    assert list(small_model.classes_) == list(stance.LABELS)
    proba = small_model.predict_proba(pairs)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    # Trained on these very pairs, the model must reproduce most of them.
    assert np.mean(small_model.predict(pairs) == np.array(labels)) > 0.9


def test_save_load_round_trip_keeps_predictions_and_writes_a_card(small_model, tmp_path, own_pairs):
    path = tmp_path / "m.skops"
    card = save_model(small_model, path, {"note": "test"})
    assert card_path(path).name == "m.card.json"
    assert read_card(path) == card
    assert card["labels"] == list(stance.LABELS)
    assert set(card["versions"]) >= {"scikit-learn", "skops", "numpy", "stance"}
    loaded = load_model(path)
    pairs = own_pairs[0][:20]
    np.testing.assert_array_equal(loaded.predict_proba(pairs), small_model.predict_proba(pairs))


def test_an_existing_model_is_not_overwritten_without_force(small_model, tmp_path):
    path = tmp_path / "m.skops"
    save_model(small_model, path, {})
    before = path.read_bytes()
    with pytest.raises(StanceError, match="already exists") as refused:
        save_model(small_model, path, {})
    assert refused.value.param == "force" and "--" not in str(refused.value)
    assert path.read_bytes() == before
    save_model(small_model, path, {}, force=True)


def test_a_changed_or_truncated_model_file_is_refused(small_model, tmp_path):
    path = tmp_path / "m.skops"
    save_model(small_model, path, {})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(StanceError, match="sha256 does not match its model card"):
        load_model(path)


class Hostile:
    """An object that runs code as soon as it is unpickled or rebuilt."""

    marker: Path

    def __reduce__(self):
        return (Path.touch, (self.marker,))

    def __setstate__(self, state):
        Path(state["marker"]).touch()


def _forge(path: Path, payload: bytes) -> None:
    """Replace a model file and rewrite its card to match, as an attacker shipping both would."""
    path.write_bytes(payload)
    card = json.loads(card_path(path).read_text())
    card["model_sha256"] = hashlib.sha256(payload).hexdigest()
    card_path(path).write_text(json.dumps(card))


def test_a_hostile_pickle_with_a_matching_card_is_refused_before_it_runs(tmp_path, small_model):
    marker = tmp_path / "pwned"
    hostile = Hostile()
    hostile.marker = marker
    path = tmp_path / "m.skops"
    save_model(small_model, path, {})
    _forge(path, pickle.dumps(hostile))
    pickle.loads(pickle.dumps(hostile))  # the payload really does run code when unpickled ...
    assert marker.exists()
    marker.unlink()
    with pytest.raises(StanceError, match="not a skops model file"):  # ... but stance refuses it
        load_model(path)
    assert not marker.exists()


def test_a_skops_file_with_an_untrusted_type_is_refused_before_it_is_built(tmp_path, small_model):
    marker = tmp_path / "pwned"
    hostile = Hostile()
    hostile.marker = str(marker)
    path = tmp_path / "m.skops"
    save_model(small_model, path, {})
    _forge(path, skops.io.dumps(hostile))
    with pytest.raises(StanceError, match=r"contains types stance does not trust \(tests\."):
        load_model(path)
    assert not marker.exists()


def test_a_corrupt_archive_with_a_matching_card_is_one_clear_error(tmp_path, small_model):
    path = tmp_path / "m.skops"
    save_model(small_model, path, {})
    _forge(path, path.read_bytes()[:2000])
    with pytest.raises(StanceError, match="cannot read model"):
        load_model(path)


def test_a_model_from_another_scikit_learn_version_is_refused(small_model, tmp_path):
    path = tmp_path / "m.skops"
    save_model(small_model, path, {})
    card = json.loads(card_path(path).read_text())
    card["versions"]["scikit-learn"] = "0.24.2"
    card_path(path).write_text(json.dumps(card))
    with pytest.raises(StanceError, match=r"written with scikit-learn 0\.24\.2, this is"):
        load_model(path)


def test_a_model_trained_with_other_features_is_refused_in_one_line(small_model, tmp_path):
    # A model from a stance version without cue columns: its classifier expects more columns
    # than this version's featurizers give.
    older = copy.deepcopy(small_model).set_params(features__cues="drop")
    path = tmp_path / "m.skops"
    save_model(older, path, {})
    with pytest.raises(StanceError, match=r"another version of stance's features \(\d+ columns"):
        load_model(path)


@pytest.mark.parametrize("kind", ["directory", "text", "no card", "bad card"])
def test_things_that_are_not_models_are_refused(tmp_path, small_model, kind):
    path = tmp_path / "m.skops"
    if kind == "directory":
        path.mkdir()
        message = "is a directory"
    elif kind == "text":
        path.write_text("hello")
        message = "no model card"
    else:
        save_model(small_model, path, {})
        if kind == "no card":
            card_path(path).unlink()
            message = "no model card"
        else:
            card_path(path).write_text("{not json")
            message = "not a stance model card"
    with pytest.raises(StanceError, match=message):
        load_model(path)


def test_the_old_name_of_build_pipeline_still_works_and_warns():
    with pytest.warns(FutureWarning, match="build_pipeline"):
        old = stance.make_pipeline(C=2.0, cues=("negation",))
    assert (
        old.get_params().keys()
        == stance.build_pipeline(C=2.0, cues=("negation",)).get_params().keys()
    )


def test_the_retired_scan_model_name_warns_and_names_the_shipped_model():
    import stance.model

    with pytest.warns(FutureWarning, match="scan model"):
        assert stance.model.SCAN_MODEL_FILE == stance.model.DEFAULT_MODEL_FILE
