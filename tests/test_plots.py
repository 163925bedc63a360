"""`stance evaluate --plot`: the confusion matrix and reliability diagram, and the reliability
table they are drawn from."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from stance.metrics import classification_report, expected_calibration_error, reliability

from .test_cli import run

PNG = b"\x89PNG\r\n\x1a\n"
DATA = str(Path(__file__).resolve().parents[1] / "data" / "pairs.cross.jsonl")


def test_reliability_table_is_what_the_ece_averages():
    y = ["agree", "contradict", "neutral", "agree"]
    proba = np.array([[0.9, 0.05, 0.05], [0.6, 0.3, 0.1], [0.2, 0.2, 0.6], [0.55, 0.25, 0.2]])
    table = reliability(y, proba, n_bins=10)
    assert [(r["low"], r["n"]) for r in table] == [(0.5, 1), (0.6, 2), (0.9, 1)]
    # bin 0.6-0.7: confidences 0.6 (wrong: predicted agree, true contradict) and 0.6 (right)
    assert table[1]["accuracy"] == 0.5 and table[1]["confidence"] == pytest.approx(0.6)
    expected = (abs(1 - 0.55) + 2 * abs(0.5 - 0.6) + abs(1 - 0.9)) / 4
    assert expected_calibration_error(y, proba, n_bins=10) == pytest.approx(expected)
    report = classification_report(y, ["agree", "agree", "neutral", "agree"], proba)
    assert sum(r["n"] for r in report["reliability"]) == 4


def test_evaluate_plot_writes_two_pngs_and_keeps_them(model_path, tmp_path):
    data = DATA
    folder = tmp_path / "plots"
    result = run("evaluate", "-m", str(model_path), data, "--plot", str(folder))
    assert result.exit_code == 0, result.output
    assert "ECE" in result.stdout
    for name in ("confusion.png", "reliability.png"):
        content = (folder / name).read_bytes()
        assert content.startswith(PNG) and len(content) > 5000
    before = (folder / "confusion.png").read_bytes()
    again = run("evaluate", "-m", str(model_path), data, "--plot", str(folder))
    assert again.exit_code == 2 and "--force" in again.stderr
    assert (folder / "confusion.png").read_bytes() == before
    forced = run("evaluate", "-m", str(model_path), data, "--plot", str(folder), "--force")
    assert forced.exit_code == 0, forced.output


def test_plot_without_matplotlib_says_how_to_install(model_path, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    result = run("evaluate", "-m", str(model_path), DATA, "--plot", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "stance: error: --plot: plots need matplotlib: pip install 'stance[plot]'"
    )
