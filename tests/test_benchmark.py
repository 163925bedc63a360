"""training/benchmark.py: the FNC-1 score, the hypothesis-only transformation, the grouped
splits and the command group, all without training on the shared corpora."""

from __future__ import annotations

import importlib.util
import json
import sys

import numpy as np
import pytest
from click.testing import CliRunner

import stance

from .conftest import ROOT, SHARED_DATA, SMALL

sys.path.insert(0, str(ROOT / "training"))  # as when run: it imports train_default beside it
_spec = importlib.util.spec_from_file_location("benchmark", ROOT / "training" / "benchmark.py")
assert _spec is not None and _spec.loader is not None
benchmark = importlib.util.module_from_spec(_spec)
sys.modules["benchmark"] = benchmark  # dataclasses look their module up by name
_spec.loader.exec_module(benchmark)


# --- the FNC-1 score --------------------------------------------------------------------------


def test_fnc_points_follow_the_official_weights():
    gold = ["agree", "unrelated", "discuss", "disagree", "unrelated", "agree"]
    pred = ["agree", "unrelated", "disagree", "unrelated", "discuss", "discuss"]
    # exact related 1.0; unrelated right 0.25; related but wrong stance 0.25;
    # related called unrelated 0; unrelated called related 0; related, wrong stance 0.25
    assert benchmark.fnc_points(gold, pred) == pytest.approx(1.0 + 0.25 + 0.25 + 0 + 0 + 0.25)


def test_the_gold_labels_score_the_maximum_and_100_percent():
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
    assert benchmark.fnc_points(gold, gold) == pytest.approx(3 * 1.0 + 2 * 0.25)
    assert benchmark.fnc_score(gold, gold) == pytest.approx(100.0)
    assert benchmark.fnc_score(gold, ["unrelated"] * 5) == pytest.approx(100 * 0.5 / 3.5)


def test_fnc_score_refuses_lists_of_different_lengths():
    with pytest.raises(ValueError):
        benchmark.fnc_points(["agree", "agree"], ["agree"])


@pytest.mark.skipif(not (SHARED_DATA / "fnc1").is_dir(), reason="no shared FNC-1 data")
def test_the_competition_test_maximum_is_the_published_one():
    gold = stance.load("fnc1:test", SHARED_DATA)["orig_label"]
    assert len(gold) == 25_413
    assert benchmark.fnc_points(gold, gold) == 11_651.25


# --- splits and the hypothesis-only model -----------------------------------------------------


def test_hypothesis_only_blanks_a_and_keeps_b_labels_and_groups():
    split = benchmark.Split(
        [("Il pleut.", "Il fait sec."), ("Le pont est ouvert.", "Le pont est fermé.")],
        ["contradict", "contradict"],
        ["g1", "g2"],
    )
    blank = benchmark.hypothesis_only(split)
    assert blank.pairs == [("", "Il fait sec."), ("", "Le pont est fermé.")]
    assert (blank.labels, blank.groups) == (split.labels, split.groups)


def test_a_hypothesis_only_model_sees_nothing_of_statement_a(own_pairs):
    pairs, labels = own_pairs
    blank = benchmark.hypothesis_only(benchmark.Split(pairs, labels, [""] * len(pairs)))
    # what the classifier of the hypothesis-only model is given: the features, fitted as in
    # training on the blanked pairs
    features = stance.build_pipeline(**SMALL).named_steps["features"].fit(blank.pairs)
    X = features.transform(blank.pairs).tocsc()
    names = list(features.get_feature_names_out())
    # what needs both sides is zero: the product, the cosines, the smaller side's counts
    both_sides = [
        i
        for i, name in enumerate(names)
        if ":both:" in name
        or name.startswith("cosine:")
        or name in {"negation:neg_min", "negation:denial_min", "quantities:both_have"}
    ]
    assert len(both_sides) > 1000 and X[:, both_sides].nnz == 0
    # what is left of the pair is b itself: a + b and |a - b| are both b's vector
    total = [i for i, name in enumerate(names) if ":sum:" in name]
    column = {name: i for i, name in enumerate(names)}
    diff = [column[names[i].replace(":sum:", ":diff:")] for i in total]
    assert X[:, total].nnz > 0
    assert (X[:, total] != X[:, diff]).nnz == 0


def test_grouped_folds_never_put_one_group_on_both_sides():
    rng = np.random.default_rng(0)
    groups = [f"body{rng.integers(30)}" for _ in range(300)]
    labels = [("agree", "disagree", "discuss", "unrelated")[i % 4] for i in range(300)]
    split = benchmark.Split([("h", g) for g in groups], labels, groups)
    seen_test = []
    for train_idx, test_idx in benchmark.grouped_folds(split, 5):
        assert not {groups[i] for i in train_idx} & {groups[i] for i in test_idx}
        seen_test += list(test_idx)
    assert sorted(seen_test) == list(range(300))  # every pair is tested exactly once


def test_a_topic_split_shares_no_headline_or_body_and_drops_straddling_pairs():
    rng = np.random.default_rng(1)
    pairs, labels = [], []
    for topic in range(20):  # each topic: 3 headlines x 2 bodies, related
        for h in range(3):
            for b in range(2):
                pairs.append((f"headline {topic}.{h}", f"body {topic}.{b}"))
                labels.append(["agree", "disagree", "discuss"][(h + b) % 3])
    for _ in range(200):  # unrelated pairs across topics
        t1, t2 = rng.integers(20, size=2)
        pairs.append((f"headline {t1}.{rng.integers(3)}", f"body {t2}.{rng.integers(2)}"))
        labels.append("unrelated")
    split = benchmark.Split(pairs, labels, [b for _, b in pairs])
    train_idx, val_idx = benchmark.topic_split(split)
    topic = lambda text: text.split()[1].split(".")[0]  # noqa: E731
    train_topics = {topic(t) for i in train_idx for t in pairs[i]}
    val_topics = {topic(t) for i in val_idx for t in pairs[i]}
    assert len(val_topics) == 4 and not train_topics & val_topics  # a fifth of 20, apart
    kept = set(train_idx) | set(val_idx)
    straddling = [i for i in range(len(pairs)) if i not in kept]
    assert straddling and all(labels[i] == "unrelated" for i in straddling)
    assert all(
        (topic(pairs[i][0]) in val_topics) != (topic(pairs[i][1]) in val_topics) for i in straddling
    )


def test_the_fnc1_recipe_gates_unrelated_with_balanced_weights():
    pipeline = benchmark.pipeline_from_params(benchmark.FNC_PARAMS)
    clf = pipeline.named_steps["clf"]
    assert clf.gate == "unrelated" and clf.estimator.class_weight == "balanced"
    assert clf.estimator.C == 3


def test_fnc1_groups_by_body_and_keeps_the_four_labels(mini_corpora):
    data = benchmark.load_fnc1("train", str(mini_corpora), body_chars=8)
    assert data.labels == ["disagree", "unrelated"]
    assert [b for _, b in data.pairs] == ["No storm", "Text."]
    assert data.groups == ["No storm hit the coast.\nOfficials said so.", "Text."]


def test_params_are_literals_where_they_can_be_and_reach_nested_steps():
    params = benchmark.collect_params(
        {"C": 1.0},
        [("C", "3"), ("cues", "('negation',)"), ("clf__class_weight", "balanced")],
    )
    assert params == {"C": 3, "cues": ("negation",), "clf__class_weight": "balanced"}
    pipeline = benchmark.pipeline_from_params({**params, "features__cues__cap": 5})
    assert pipeline.named_steps["clf"].C == 3
    assert pipeline.named_steps["clf"].class_weight == "balanced"
    cues = dict(pipeline.named_steps["features"].transformer_list)["cues"]
    assert cues.cap == 5 and cues.families == ("negation",)


def test_ablation_rows_drop_or_keep_each_family_once():
    rows = benchmark.ablation_rows({"C": 2.0})
    families = list(stance.model.CUE_FAMILIES)
    assert rows["all cues"] == {"C": 2.0}
    assert rows["no cues (tfidf only)"] == {"C": 2.0, "cues": ()}
    for family in families:
        rest = tuple(f for f in families if f != family)
        assert rows[f"- {family}"] == {"C": 2.0, "cues": rest}
        assert rows[f"tfidf + {family} only"] == {"C": 2.0, "cues": (family,)}
    assert len(rows) == 2 + 2 * len(families)


# --- the command group ------------------------------------------------------------------------


def test_the_group_lists_every_benchmark():
    result = CliRunner().invoke(benchmark.main, ["--help"])
    assert result.exit_code == 0, result.output
    for name in ("accuracy", "speed", "stream", "fnc1", "french", "ablation"):
        assert f"  {name} " in result.output


def test_speed_json_is_one_object_on_the_last_line(own_pairs, tmp_path):
    pairs, labels = own_pairs
    tiny = stance.build_pipeline(**SMALL, cues=()).fit(pairs[:150], labels[:150])
    path = tmp_path / "tiny.skops"
    stance.save_model(tiny, path, {"note": "test"})
    result = CliRunner().invoke(
        benchmark.main, ["speed", "-m", str(path), "--pairs", "200", "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["model"] == "tiny.skops"
    assert figures["pairs_per_s"] > 0 and figures["load_s"] > 0
    assert figures["model_mb"] == round(path.stat().st_size / 1e6, 2)
    assert "pairs_per_s" in result.stderr  # the table went to stderr
