"""The model shipped in models/ loads offline and answers, and its card tells the truth."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sklearn.calibration import CalibratedClassifierCV
from sklearn.frozen import FrozenEstimator

import stance
from stance.cli import cli
from stance.model import DEFAULT_MODEL_FILE, default_model_path, read_card

from .conftest import ROOT, SHARED_DATA
from .test_cli import LIBYA


def test_shipped_model_loads_and_scores_the_libya_pair():
    result = CliRunner().invoke(cli, ["score", "--json", *LIBYA])
    assert result.exit_code == 0, result.output
    verdict = json.loads(result.stdout)
    assert verdict["label"] in stance.LABELS
    assert sum(verdict["probabilities"].values()) == pytest.approx(1.0, abs=1e-5)


def test_there_is_one_shipped_model():
    assert sorted(p.name for p in (ROOT / "models").glob("*.skops")) == [DEFAULT_MODEL_FILE]


def test_the_shipped_model_is_small_and_its_card_is_complete():
    path = default_model_path()
    assert path.stat().st_size <= 25e6
    card = read_card(path)
    assert card["labels"] == list(stance.LABELS)
    names = [d["name"] for d in card["training_data"]]
    assert any(n.startswith("data/pairs.") for n in names), "trained on the project's own pairs"
    assert "data/scan-train/pairs.jsonl" in names
    assert not any(n.endswith(":test") for n in names), "never on a test split"
    assert not any("articles" in n for n in names), "never the annotated articles"
    # Every generator is recorded with its seed and the corpora its sentences came from.
    generated = card["generated"]
    assert {"figure_change", "negation", "other_story", "identity"} <= set(generated["generators"])
    assert isinstance(generated["seed"], int) and generated["sources"]
    assert not any(s.endswith(":test") for s in generated["sources"])
    assert card["licence_terms"] and card["heldout_metrics"]["n"] > 1000
    # Calibrated by a temperature fitted on held-out news pairs, after the classifier.
    clf = stance.load_model(path).named_steps["clf"]
    assert isinstance(clf, CalibratedClassifierCV) and isinstance(clf.estimator, FrozenEstimator)


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="no ../shared/data on this machine")
def test_shipped_model_heldout_rows_are_found_again(monkeypatch):
    monkeypatch.chdir(default_model_path().parents[1])  # card paths are relative to the repo
    report = stance.evaluate(data_dir=SHARED_DATA)
    card = read_card(default_model_path())
    assert report["n"] == card["heldout_metrics"]["n"]
    assert report["accuracy"] == pytest.approx(card["heldout_metrics"]["accuracy"])


# The two showcase pairs, in the project's own wording (no sentence of the article, nor a
# near copy, is in any training data).
SHOWCASE_PAIRS = [
    (
        "Le général a déclaré que l'EI ne compte plus que quelques centaines de combattants à "
        "Syrte.",
        "Selon d'autres responsables, les jihadistes seraient entre 4.000 et 6.000, un nombre qui "
        "a doublé en un an.",
    ),
    (
        "ISIS has been reduced to a few hundred fighters in Sirte, the general said.",
        "Officials said the number of ISIS fighters in Libya has doubled in a year, to between "
        "4,000 and 6,000.",
    ),
]
LIBYA_ARTICLE = ROOT.parent / "shared" / "coverage" / "libya-coalition.fr.txt"


def test_the_shipped_model_calls_both_showcase_pairs_contradictions_with_p_at_least_0_6(
    shipped_model,
):
    model = shipped_model()
    assert list(model.predict(SHOWCASE_PAIRS)) == ["contradict", "contradict"]
    proba = model.predict_proba(SHOWCASE_PAIRS)
    assert (proba[:, stance.LABELS.index("contradict")] >= 0.6).all(), proba


@pytest.mark.skipif(not LIBYA_ARTICLE.is_file(), reason="no ../shared/coverage on this machine")
@pytest.mark.xfail(
    reason="the one shipped model ranks the Libya estimates 5th of 72 (9th by probability): the "
    "retired scan model put them 1st; docs/models.md",
    strict=True,
)
def test_the_shipped_model_ranks_the_libya_estimates_in_the_top_3_of_the_scan(shipped_model):
    ranking = stance.api.scan(shipped_model(), [str(LIBYA_ARTICLE)])
    top = [r["a"]["claim"] + " | " + r["b"]["claim"] for r in ranking.rows(limit=3)]
    assert any("quelques centaines" in t and "4.000 et 6.000" in t for t in top), top


def test_the_shipped_model_reads_identity_as_agree_and_another_story_as_neutral(shipped_model):
    model = shipped_model()
    same = "Le pont de Tours a rouvert lundi après trois semaines de travaux."
    other = "The central bank left its main interest rate unchanged at 4.5%."
    proba = model.predict_proba([(same, same), (same, other)])
    assert proba[0, stance.LABELS.index("agree")] >= 0.9, proba
    assert model.predict([(same, other)])[0] == "neutral", proba


def test_the_shipped_model_explains_its_verdict_through_its_calibration():
    # Calibrated after it was fitted: the logistic regression is frozen inside the calibration.
    a = "Le chômage a reculé de 2 % au troisième trimestre, selon l'Insee."
    b = "Selon l'Insee, le chômage a augmenté au troisième trimestre."
    result = CliRunner().invoke(cli, ["score", "--explain", "--json", a, b])
    assert result.exit_code == 0, result.output
    verdict = json.loads(result.stdout)
    assert verdict["label"] == "contradict"
    features = [f["feature"] for f in verdict["explanation"]["features"]]
    assert verdict["explanation"]["toward"] == "contradict"
    assert any(f.startswith("directions:") for f in features), features
