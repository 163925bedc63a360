"""Contrast ranking demotes a statement that seems to clash with everything."""

from __future__ import annotations

import json

import numpy as np
import pytest

from stance import api
from stance.errors import StanceError
from stance.rank import HUB_WEIGHT, contrast

from .test_cli import run
from .test_scan import ARTICLES


def test_a_hub_statement_falls_below_a_clash_that_stands_out():
    # Statement 0 scores 0.85 against each of 1 to 5; the pair (1, 2) scores 0.8, and the other
    # pairs among 1 to 5 score 0.05.
    i, j = np.triu_indices(6, 1)
    p = np.where(i == 0, 0.85, 0.05)
    clash = np.flatnonzero((i == 1) & (j == 2))[0]
    p[clash] = 0.8
    scores = contrast(i, j, p, 6)
    assert p[clash] < p.max() and np.argmax(scores) == clash
    mean_1 = (0.85 + 0.8 + 3 * 0.05) / 5
    assert scores[clash] == pytest.approx(0.8 - HUB_WEIGHT * mean_1)


def test_scan_ranks_by_contrast_unless_asked_for_probability(model_path):
    result = run("scan", "-m", str(model_path), "--json", *map(str, ARTICLES[:2]))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    values = [r["contrast"] for r in rows]
    assert values == sorted(values, reverse=True)
    table = run("scan", "-m", str(model_path), *map(str, ARTICLES[:2]))
    assert "by contrast" in table.stdout.splitlines()[0]
    assert f"contrast {rows[0]['contrast']:+.3f}" in table.stdout.splitlines()[2]
    args = ("--rank", "probability", "--json", *map(str, ARTICLES[:2]))
    plain = run("scan", "-m", str(model_path), *args)
    plain_rows = [json.loads(line) for line in plain.stdout.splitlines()]
    assert "contrast" not in plain_rows[0]
    p = [r["probabilities"]["contradict"] for r in plain_rows]
    assert p == sorted(p, reverse=True) and len(plain_rows) == len(rows)
    # The same pairs, the same probabilities: only the order differs.
    assert sorted(map(_pair_and_p, plain_rows)) == sorted(map(_pair_and_p, rows))


def _pair_and_p(row: dict) -> tuple[str, str, float]:
    return row["a"]["id"], row["b"]["id"], row["probabilities"]["contradict"]


def test_an_unknown_ranking_is_refused(small_model):
    with pytest.raises(StanceError, match="unknown ranking"):
        api.scan(small_model, [str(ARTICLES[0])], rank="loudest")
