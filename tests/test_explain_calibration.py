"""Explanations name what drove a verdict; calibration and ECE mean what they say."""

from __future__ import annotations

import json

import numpy as np
import pytest

import stance
from stance.explain import describe_feature, explain
from stance.metrics import expected_calibration_error
from stance.model import StatementFolds, fit_pipeline, save_model

from .conftest import SMALL
from .test_cli import run


def test_ece_is_zero_when_confidence_matches_accuracy_and_large_when_it_does_not():
    proba = np.array([[0.8, 0.1, 0.1]] * 5)
    right = ["agree"] * 4 + ["neutral"]  # 80 % right at 80 % confidence
    assert expected_calibration_error(right, proba) == pytest.approx(0.0)
    assert expected_calibration_error(["neutral"] * 5, proba) == pytest.approx(0.8)


@pytest.fixture(scope="module")
def calibrated(own_pairs):
    """A calibrated pipeline fitted on the project's pairs (the fit takes seconds: once here)."""
    pairs, labels = own_pairs
    return stance.build_pipeline(calibrate=True, **SMALL).fit(pairs, labels)


def test_calibrated_pipeline_is_still_one_pipeline_with_label_order(calibrated, own_pairs):
    pairs, model = own_pairs[0], calibrated
    assert list(model.classes_) == list(stance.LABELS)
    # Each row sums to one, up to the rounding of the calibration's arithmetic (about 1e-7).
    np.testing.assert_allclose(model.predict_proba(pairs[:10]).sum(axis=1), 1.0, rtol=1e-6)
    # Explained through the calibration: the shares are on the scale of the calibrated scores.
    verdict = explain(model, *pairs[0], top=5)
    proba = model.predict_proba(pairs[:1])[0]
    assert verdict["probabilities"] == pytest.approx(dict(zip(stance.LABELS, proba)), abs=1e-5)
    assert verdict["explanation"]["features"]


def test_calibrated_model_saves_and_loads_safely(calibrated, own_pairs, tmp_path):
    pairs, model = own_pairs[0], calibrated
    save_model(model, tmp_path / "c.skops", {})
    loaded = stance.load_model(tmp_path / "c.skops")
    np.testing.assert_allclose(loaded.predict_proba(pairs[:5]), model.predict_proba(pairs[:5]))


def test_statement_folds_keep_a_statements_pairs_together_and_fall_back_to_stratified():
    labels = ["agree", "contradict", "neutral"] * 20
    groups = [i // 3 for i in range(60)]  # three pairs of each statement, one per label
    folds = StatementFolds(n_splits=3, shuffle=True, random_state=0)
    for train, test in folds.split(np.zeros(60), labels, groups):
        assert not {groups[i] for i in train} & {groups[i] for i in test}
    plain = list(folds.split(np.zeros(60), labels))
    assert len(plain) == 3
    assert any({groups[i] for i in train} & {groups[i] for i in test} for train, test in plain)


def test_calibration_folds_group_siblings_so_memorised_statements_do_not_sharpen():
    # Each statement comes with three pairs of one random label: a model can learn the statement
    # but not the label of an unseen one. In plain folds a row's siblings are trained on, its
    # prediction looks right and the temperature sharpens; grouped, it is seen as a guess.
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(2000)]
    pairs, labels = [], []
    for _ in range(120):
        a = " ".join(rng.choice(words, 8))
        label = str(rng.choice(stance.LABELS))
        for _ in range(3):
            pairs.append((a, " ".join(rng.choice(words, 8))))
            labels.append(label)

    def temperature_scale(fit) -> float:
        model = fit(stance.build_pipeline(calibrate=True, cues=(), **SMALL))
        assert isinstance(model.named_steps["clf"].cv, StatementFolds)  # the parameter, kept
        return float(model.named_steps["clf"].calibrated_classifiers_[0].calibrators[0].beta_)

    grouped = temperature_scale(lambda p: fit_pipeline(p, pairs, labels))
    plain = temperature_scale(lambda p: p.fit(pairs, labels))
    assert grouped < 0.5 < plain  # beta multiplies the logits: grouped flattens them


def test_explanation_lists_positive_shares_and_cue_notes(small_model):
    a = "Selon la police, quelques centaines de personnes ont manifesté."
    b = "Selon les syndicats, entre 4.000 et 6.000 personnes ont manifesté."
    verdict = explain(small_model, a, b)
    why = verdict["explanation"]
    assert why["toward"] == verdict["label"]
    assert why["features"] and all(f["share"] > 0 for f in why["features"])
    shares = [f["share"] for f in why["features"]]
    assert shares == sorted(shares, reverse=True)
    assert any(
        note.startswith("figures: 200–900 vs 4,000–6,000 do not overlap") for note in why["cues"]
    )


def test_feature_names_read_as_words():
    assert describe_feature("word:b:pas") == 'word "pas" in B'
    assert describe_feature("char:diff:oub") == 'char "oub" in one side only'
    assert describe_feature("word:sum:grève") == 'word "grève" in the pair'
    assert describe_feature("quantities:gap") == "quantities:gap"


def test_cli_explain_as_table_and_json(small_model, tmp_path):
    path = tmp_path / "m.skops"
    save_model(small_model, path, {})
    args = ["score", "-m", str(path), "Les prix ont augmenté.", "Les prix ont baissé."]
    table = run(*args, "--explain")
    assert table.exit_code == 0, table.output
    assert "toward" in table.stdout and "directions: augmente / baisse" in table.stdout
    data = json.loads(run(*args, "--explain", "--json").stdout)
    assert set(data) == {"label", "probabilities", "explanation"}
    assert run("score", "-m", str(path), "-i", "x.csv", "--explain").exit_code == 2


def test_training_needs_all_three_labels_and_known_weights(tmp_path):
    data = tmp_path / "two.csv"
    data.write_text("a,b,label\nx,y,agree\nz,w,contradict\n", encoding="utf-8")
    three = tmp_path / "three.csv"
    three.write_text("a,b,label\nx,y,agree\nz,w,contradict\nu,v,neutral\n", encoding="utf-8")
    result = run("train", str(data), "-o", str(tmp_path / "m.skops"), "--test-size", "0")
    assert result.exit_code == 2 and "has no neutral pairs" in result.stderr
    result = run("train", str(data), "-o", str(tmp_path / "m.skops"), "--weight", "other.csv=2")
    assert result.exit_code == 2 and "not in the training data" in result.stderr
    result = run("train", str(three), "-o", str(tmp_path / "m.skops"), "--weight", f"{three}=x")
    assert result.exit_code == 2 and "must be a number" in result.stderr


def test_weights_are_applied_and_recorded(tmp_path):
    from .conftest import OWN_DATA

    out = tmp_path / "w.skops"
    params = [a for k, v in SMALL.items() for a in ("--param", f"{k}={v}")]
    result = run(
        "train", *map(str, OWN_DATA), "-o", str(out), "--weight", f"{OWN_DATA[0]}=3", *params
    )
    assert result.exit_code == 0, result.output
    card = stance.read_card(out)
    assert card["weights"] == {str(OWN_DATA[0]): 3.0}
    assert "ece" in card["heldout_metrics"]
