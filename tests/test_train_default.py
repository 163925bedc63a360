"""training/train_default.py: what an ablation leaves out of the generated training pairs, and
the held-out news pairs kept out of every training source."""

from __future__ import annotations

import json
import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "training"))
import train_default


def test_without_leaves_a_rules_pairs_out_of_the_rows_and_the_card():
    sources = ["scan-train"]
    rows, info = train_default.generated_rows(None, sources, 0, None)
    left, left_info = train_default.generated_rows(
        None, sources, 0, None, without=frozenset({"negation"})
    )
    assert any(r["generator"] == "negation" for r in rows), "the rule makes pairs here"
    assert not any(r["generator"] == "negation" for r in left)
    assert [r for r in rows if r["generator"] != "negation"] == left
    assert "negation" in info["generators"] and "negation" not in left_info["generators"]


def test_no_training_source_holds_a_statement_of_the_held_out_news_pairs():
    def sides(path):
        rows = [json.loads(line) for line in (ROOT / path).read_text("utf-8").splitlines()]
        return {r[k] for r in rows for k in ("a", "b")}

    held = sides("data/heldout-news/pairs.jsonl")
    assert len(held) > 1000
    training = [
        *train_default.OWN_PAIRS,
        train_default.COVERAGE,
        train_default.SCAN_PAIRS,
        train_default.CROSS_STORY,
    ]
    for path in training:
        assert not held & sides(path), path
