"""The CLI end to end: train -> evaluate -> score, and a clean one-line error for bad input."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import stance
from stance import __version__
from stance.cli import cli
from stance.model import card_path

from .conftest import OWN_DATA, SMALL

PARAMS = [arg for key, value in SMALL.items() for arg in ("--param", f"{key}={value}")]
LIBYA = (
    "Selon le général Thomas Waldhausser, l'EI ne compte plus que quelques centaines de "
    "combattants à Syrte.",
    "Selon des responsables américains, l'EI compte entre 4.000 et 6.000 combattants en Libye, "
    "un nombre qui a doublé en un an.",
)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    """A model trained through the CLI on the project's own pairs, holding out 20 %."""
    model = tmp_path_factory.mktemp("cli") / "m.skops"
    result = run("train", *map(str, OWN_DATA), "-o", str(model), *PARAMS)
    assert result.exit_code == 0, result.output
    return model


def test_train_prints_heldout_figures_and_records_the_heldout_rows(trained):
    card = json.loads(card_path(trained).read_text())
    held = card["split"]["rows"]
    n_held = sum(len(rows) for rows in held.values())
    total = sum(d["rows"] for d in card["training_data"])
    assert abs(n_held - 0.2 * total) <= 0.05 * total
    assert card["train_rows"] + n_held == total
    assert card["heldout_metrics"]["n"] == n_held


def test_evaluate_without_data_reports_on_exactly_the_heldout_rows(trained):
    result = run("evaluate", "-m", str(trained), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) >= {"accuracy", "macro_f1", "per_class", "confusion"}
    card = json.loads(card_path(trained).read_text())
    assert report["n"] == card["heldout_metrics"]["n"]
    assert report["accuracy"] == pytest.approx(card["heldout_metrics"]["accuracy"])
    assert sum(map(sum, report["confusion"]["matrix"])) == report["n"]
    assert set(report["per_class"]["agree"]) == {"precision", "recall", "f1", "support"}


def test_evaluate_table_on_named_data(trained):
    result = run("evaluate", "-m", str(trained), str(OWN_DATA[0]))
    assert result.exit_code == 0, result.output
    assert "macro-F1" in result.stdout and "confusion" in result.stdout


def test_evaluate_refuses_when_the_training_data_changed(tmp_path):
    data = tmp_path / "pairs.jsonl"
    data.write_text(OWN_DATA[0].read_text(encoding="utf-8"), encoding="utf-8")
    model = tmp_path / "m.skops"
    assert run("train", str(data), "-o", str(model), *PARAMS).exit_code == 0
    lines = data.read_text(encoding="utf-8").splitlines(keepends=True)
    data.write_text("".join(lines[:-1]), encoding="utf-8")
    result = run("evaluate", "-m", str(model))
    assert result.exit_code == 2
    assert "the data changed since the model was trained" in result.stderr


def test_score_one_pair_as_table_and_json(trained):
    table = run("score", "-m", str(trained), *LIBYA)
    assert table.exit_code == 0, table.output
    assert table.stdout.split()[0] in {"agree", "contradict", "neutral"}
    verdict = json.loads(run("score", "-m", str(trained), "--json", *LIBYA).stdout)
    assert set(verdict["probabilities"]) == {"agree", "contradict", "neutral"}
    assert sum(verdict["probabilities"].values()) == pytest.approx(1.0, abs=1e-5)
    assert verdict["label"] == max(verdict["probabilities"], key=verdict["probabilities"].get)


def test_score_file_keeps_columns_and_renames_an_input_label(trained, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,a,b,label\n7,Il pleut.,Il fait sec.,contradict\n8,x,y,\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run("score", "-m", str(trained), "-i", str(src), "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["7", "8"]
    assert rows[0]["input_label"] == "contradict"
    assert rows[0]["label"] in {"agree", "contradict", "neutral"}
    assert set(rows[1]["probabilities"]) == {"agree", "contradict", "neutral"}


def test_score_reads_stdin_and_writes_stdout(trained):
    pairs = '{"a": "The bridge reopened.", "b": "The bridge is still closed."}\n' * 3
    result = run("score", "-m", str(trained), "-i", "-", input=pairs)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 3


def test_score_does_not_overwrite_an_existing_output(trained, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("a,b\nx,y\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n", encoding="utf-8")
    result = run("score", "-m", str(trained), "-i", str(src), "-o", str(out))
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "precious\n"
    assert (
        run("score", "-m", str(trained), "-i", str(src), "-o", str(out), "--force").exit_code == 0
    )
    assert out.read_text(encoding="utf-8") != "precious\n"


def test_a_failed_scoring_run_leaves_no_partial_output(trained, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("a,b\nx,y\nz,\n", encoding="utf-8")  # second row is bad
    out = tmp_path / "out.jsonl"
    result = run("score", "-m", str(trained), "-i", str(src), "-o", str(out))
    assert result.exit_code == 2
    assert not out.exists()
    assert list(tmp_path.glob(".out.jsonl.*")) == []


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (["score", "-i", "{f}"], "", "empty file"),
        (["score", "-i", "{f}"], "a,b\n", "header only"),
        (["score", "-i", "{f}"], "a,c\nx,y\n", "missing column b"),
        (["score", "-i", "{f}"], b"\x00\x01\xff\xfe", "binary file"),
        (["score", "-i", "{f}"], "a,b\nx,y,z\n", "line 2: 3 fields"),
        (["score", "-i", "{f}"], "a,b\ncafé,été\n".encode("latin-1"), "--encoding"),
        (["score", "-i", "{f}"], '{"a": "x", "b": "y"}\n42\n', "line 2: expected a JSON object"),
        (["train", "{f}", "-o", "{out}"], "a,b,label\nx,y,maybe\n", "unknown label 'maybe'"),
        (["train", "{f}", "-o", "{out}"], "a,b\nx,y\n", "missing column label"),
        (["train", "{f}", "-o", "{out}"], "a,b,label\n ,y,agree\n", "empty statement"),
        (["train", "nosuch:corpus", "-o", "{out}"], None, "unknown corpus"),
        (
            ["train", "gqnli-fr", "--data-dir", "{missing}", "-o", "{out}"],
            None,
            "data folder does not exist",
        ),
        (["evaluate", "-m", "{dir}"], None, "is a directory"),
        (["evaluate", "-m", "{f}"], "not a model", "no model card"),
        (["score", "-m", "{missing}", "x", "y"], None, "no such file"),
        (
            ["score", "-i", "{f}", "-o", "{missing}/out.jsonl"],
            "a,b\nx,y\n",
            "output folder does not exist",
        ),
        (["score", "x", " "], None, "empty statement"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(trained, tmp_path, args, content, message):
    f = tmp_path / ("input.jsonl" if str(content).startswith("{") else "input.csv")
    if isinstance(content, bytes):
        f.write_bytes(content)
    elif content is not None:
        f.write_text(content, encoding="utf-8")
    values = {
        "f": f,
        "out": tmp_path / "o.skops",
        "missing": tmp_path / "missing",
        "dir": tmp_path,
    }
    argv = [a.format(**values) for a in args]
    if argv[0] == "score" and "-m" not in argv:
        argv[1:1] = ["-m", str(trained)]
    result = run(*argv)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("stance: error: "), result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(tmp_path):
    result = run("--debug", "train", str(tmp_path / "none.csv"), "-o", str(tmp_path / "m"))
    assert result.exit_code == 2
    assert "Traceback" in result.stderr


def test_version():
    assert run("--version").stdout.strip() == f"stance, version {__version__}"


@pytest.mark.slow
def test_a_reader_that_stops_early_is_not_an_error(model_path, tmp_path):
    # `stance score -i pairs.jsonl | head`: the pipe closes while stance still writes.
    pairs = tmp_path / "pairs.jsonl"
    row = {"a": "Les prix ont augmenté de 5 %.", "b": "Les prix ont baissé."}
    pairs.write_text((json.dumps(row) + "\n") * 20_000, encoding="utf-8")
    command = [sys.executable, "-m", "stance", "score", "-m", str(model_path), "-i", str(pairs)]
    command += ["--jobs", "1"]  # what it tests is the pipe, not the workers
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert json.loads(proc.stdout.readline())["label"]
    proc.stdout.close()
    assert proc.wait(timeout=120) == 1  # click's status for a closed pipe; not 2, an error
    assert proc.stderr.read() == b""


def test_library_messages_name_no_option():
    """Only the CLI knows its options: a StanceError raised outside stance.cli names none (the
    CLI adds the option from the error's ``param``)."""
    package = Path(stance.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        if "cli" in path.relative_to(package).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "StanceError":
                for part in ast.walk(node):
                    text = part.value if isinstance(part, ast.Constant) else None
                    if isinstance(text, str) and re.search(r"(^|\s)--?[a-z]", text):
                        found.append(f"{path.name}:{node.lineno}: {text}")
    assert not found
