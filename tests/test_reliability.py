"""Nothing is lost and nothing crashes: interrupted runs, odd encodings, huge lines, bad models."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import stance.api
import stance.model
from stance.cli import cli
from stance.features import MAX_CHARS

from .test_cli import run


def test_latin1_input_scores_when_named(model_path, tmp_path):
    src = tmp_path / "latin.csv"
    src.write_bytes("a,b\nLe député a été élu.,Il a été battu.\n".encode("latin-1"))
    refused = run("score", "-m", str(model_path), "-i", str(src))
    assert refused.exit_code == 2 and "--encoding" in refused.stderr
    result = run("score", "-m", str(model_path), "-i", str(src), "--encoding", "latin-1")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["a"] == "Le député a été élu."


def test_a_ten_megabyte_statement_scores_in_bounded_work(model_path, tmp_path):
    src = tmp_path / "big.jsonl"
    src.write_text(json.dumps({"a": "chiffre " * 1_300_000, "b": "court"}) + "\n", encoding="utf-8")
    assert src.stat().st_size > 10_000_000
    result = run("score", "-m", str(model_path), "-i", str(src))
    assert result.exit_code == 0, result.output
    assert sum(json.loads(result.stdout)["probabilities"].values()) == pytest.approx(1, abs=1e-5)


def test_a_truncated_model_is_refused_by_the_cli(model_path, tmp_path):
    broken = tmp_path / "m.skops"
    broken.write_bytes(model_path.read_bytes()[:1000])
    (tmp_path / "m.card.json").write_text(
        model_path.with_name("m.card.json").read_text(), encoding="utf-8"
    )
    result = run("score", "-m", str(broken), "x", "y")
    assert result.exit_code == 2
    assert "sha256 does not match" in result.stderr


def test_an_interrupted_scoring_run_keeps_the_old_output_whole(model_path, tmp_path, monkeypatch):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps({"a": f"Il y a {i} blessés.", "b": "Personne n'est blessé."}) + "\n"
            for i in range(5000)
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    out.write_text("old results\n", encoding="utf-8")
    real = stance.model.load_model(model_path)
    calls = {"n": 0}

    class Interrupted:
        def predict_proba(self, pairs):
            calls["n"] += 1
            if calls["n"] == 2:  # after one batch has been written
                raise KeyboardInterrupt
            return real.predict_proba(pairs)

    monkeypatch.setattr(stance.model, "load_model", lambda path: Interrupted())
    result = run("score", "-i", str(src), "-o", str(out), "--force")
    assert result.exit_code == 130
    assert out.read_text(encoding="utf-8") == "old results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_output_to_a_device_is_written_in_place(model_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("a,b\nx,y\n", encoding="utf-8")
    result = run("score", "-m", str(model_path), "-i", str(src), "-o", os.devnull)
    assert result.exit_code == 0, result.output
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_output_under_a_file_is_a_clean_error(model_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("a,b\nx,y\n", encoding="utf-8")
    result = run("score", "-m", str(model_path), "-i", str(src), "-o", str(src / "out.jsonl"))
    assert result.exit_code == 2
    assert result.stderr.startswith("stance: error: ") and "Traceback" not in result.stderr


def test_an_unwritable_output_folder_is_a_clean_error(model_path, tmp_path, monkeypatch):
    src = tmp_path / "in.csv"
    src.write_text("a,b\nx,y\n", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.geteuid() == 0:  # root may write anywhere: let the folder refuse as it would others
        real_access = os.access
        monkeypatch.setattr(
            os, "access", lambda p, mode: False if Path(p) == locked else real_access(p, mode)
        )
    result = run("score", "-m", str(model_path), "-i", str(src), "-o", str(locked / "o.jsonl"))
    assert result.exit_code == 2 and "not writable" in result.stderr
    assert list(locked.iterdir()) == []


def test_os_errors_become_one_line(model_path, tmp_path, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device", str(tmp_path / "o.jsonl"))

    monkeypatch.setattr(stance.api, "atomic_write", disk_full)
    src = tmp_path / "in.csv"
    src.write_text("a,b\nx,y\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["score", "-m", str(model_path), "-i", str(src), "-o", str(tmp_path / "o.jsonl")]
    )
    assert result.exit_code == 2
    assert (
        result.stderr.strip() == f"stance: error: {tmp_path / 'o.jsonl'}: No space left on device"
    )


def test_every_featurizer_reads_at_most_max_chars(small_model):
    long = "mot " * 10_000
    np.testing.assert_array_equal(
        small_model.named_steps["features"].transform([(long, "x")]).toarray(),
        small_model.named_steps["features"].transform([(long[:MAX_CHARS], "x")]).toarray(),
    )
