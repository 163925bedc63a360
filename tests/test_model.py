"""The Pipeline works with scikit-learn's tools, and saving / loading is checked."""

from __future__ import annotations

import json
import pickle

import numpy as np
import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.model_selection import GridSearchCV, cross_val_score

import stance
from stance.errors import StanceError
from stance.model import card_path, load_model, read_card, save_model

from .conftest import SMALL


def test_pipeline_works_in_cross_val_score_grid_search_and_calibration(own_pairs):
    pairs, labels = own_pairs
    pipeline = stance.make_pipeline(**SMALL)
    scores = cross_val_score(pipeline, pairs, labels, cv=3)
    assert scores.shape == (3,) and scores.mean() > 0.34  # better than a majority guess

    grid = GridSearchCV(pipeline, {"clf__C": [0.5, 4.0], "features__sides": [True, False]}, cv=2)
    grid.fit(pairs, labels)
    assert set(grid.best_params_) == {"clf__C", "features__sides"}

    calibrated = CalibratedClassifierCV(pipeline, cv=3).fit(pairs, labels)
    proba = calibrated.predict_proba(pairs[:5])
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert list(calibrated.classes_) == list(stance.LABELS)


def test_predict_proba_columns_are_in_label_order(small_model, own_pairs):
    pairs, labels = own_pairs
    assert list(small_model.classes_) == list(stance.LABELS)
    proba = small_model.predict_proba(pairs)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    # Trained on these very pairs, the model must reproduce most of them.
    assert np.mean(small_model.predict(pairs) == np.array(labels)) > 0.9


def test_save_load_round_trip_keeps_predictions_and_writes_a_card(small_model, tmp_path, own_pairs):
    path = tmp_path / "m.joblib"
    card = save_model(small_model, path, {"note": "test"})
    assert card_path(path).name == "m.card.json"
    assert read_card(path) == card
    assert card["labels"] == list(stance.LABELS)
    assert set(card["versions"]) >= {"scikit-learn", "joblib", "numpy", "stance"}
    loaded = load_model(path)
    pairs = own_pairs[0][:20]
    np.testing.assert_array_equal(loaded.predict_proba(pairs), small_model.predict_proba(pairs))


def test_an_existing_model_is_not_overwritten_without_force(small_model, tmp_path):
    path = tmp_path / "m.joblib"
    save_model(small_model, path, {})
    before = path.read_bytes()
    with pytest.raises(StanceError, match="already exists; pass --force"):
        save_model(small_model, path, {})
    assert path.read_bytes() == before
    save_model(small_model, path, {}, force=True)


def test_a_changed_or_truncated_model_file_is_refused(small_model, tmp_path):
    path = tmp_path / "m.joblib"
    save_model(small_model, path, {})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(StanceError, match="sha256 does not match its model card"):
        load_model(path)


def test_a_foreign_pickle_is_refused_before_it_runs(tmp_path, small_model):
    marker = tmp_path / "pwned"

    class Hostile:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    path = tmp_path / "m.joblib"
    save_model(small_model, path, {})
    path.write_bytes(pickle.dumps(Hostile()))
    with pytest.raises(StanceError, match="sha256 does not match"):
        load_model(path)
    assert not marker.exists()


def test_a_model_from_another_scikit_learn_version_is_refused(small_model, tmp_path):
    path = tmp_path / "m.joblib"
    save_model(small_model, path, {})
    card = json.loads(card_path(path).read_text())
    card["versions"]["scikit-learn"] = "0.24.2"
    card_path(path).write_text(json.dumps(card))
    with pytest.raises(StanceError, match=r"written with scikit-learn 0\.24\.2, this is"):
        load_model(path)


@pytest.mark.parametrize("kind", ["directory", "text", "no card", "bad card"])
def test_things_that_are_not_models_are_refused(tmp_path, small_model, kind):
    path = tmp_path / "m.joblib"
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
