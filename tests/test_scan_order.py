"""What a journalist reads from ``stance scan``: the same ranking whatever the order of the
files, a table with both claims, and filters that say when nothing is left.

The articles are the example archive's (data/archive-example.jsonl), written for this project.
"""

from __future__ import annotations

import json
from itertools import permutations
from pathlib import Path

import numpy as np
import pytest

from stance.archive import read_archive
from stance.data import LABELS
from stance.rank import Ranking

from .test_cli import run

ARCHIVE = Path(__file__).resolve().parents[1] / "data" / "archive-example.jsonl"


@pytest.fixture
def articles(tmp_path) -> list[str]:
    """The example archive's three articles as .txt files in a folder of their own."""
    folder = tmp_path / "articles"
    folder.mkdir()
    paths = []
    for article in read_archive(str(ARCHIVE)):
        path = folder / f"{article.id}.txt"
        path.write_text(article.text, encoding="utf-8")
        paths.append(str(path))
    return paths


def _outputs(model_path: Path, inputs: list[str], report: Path) -> tuple[str, str, str]:
    table = run("scan", "-m", str(model_path), "--top", "50", "--html", str(report), *inputs)
    assert table.exit_code == 0, table.output
    as_json = run("scan", "-m", str(model_path), "--json", *inputs)
    assert as_json.exit_code == 0, as_json.output
    return table.stdout, as_json.stdout, report.read_text(encoding="utf-8")


def test_every_order_of_the_files_and_the_folder_give_the_same_bytes(
    model_path, articles, tmp_path
):
    orders = [list(order) for order in permutations(articles)] + [[str(Path(articles[0]).parent)]]
    seen = {
        _outputs(model_path, order, tmp_path / f"report-{n}.html") for n, order in enumerate(orders)
    }
    assert len(seen) == 1
    ((table, lines, html),) = seen
    rows = [json.loads(line) for line in lines.splitlines()]
    assert len(rows) > 3 and "#1 " in table and "<!doctype html>" in html
    assert f"3 articles · 8 statements · {len(rows)} pairs scanned" in html
    assert 'courrier-2026-03-02-eau.txt</cite> <span class="muted">' in html
    for row in rows:  # each pair oriented by (article, offset)
        assert (row["a"]["article"], row["a"]["start"]) < (row["b"]["article"], row["b"]["start"])


def test_ties_are_ranked_by_article_then_offset():
    statements = [{"id": f"x#{n}", "article": "x", "start": n} for n in range(4)]
    i, j = np.array([2, 0, 1, 0]), np.array([3, 1, 2, 3])
    proba = np.tile([0.2, 0.5, 0.3], (4, 1))
    proba[3] = [0.1, 0.7, 0.2]
    ranking = Ranking(statements, {"x": ""}, i, j, np.zeros(4), proba, rank="probability")
    order = [(r["a"]["id"], r["b"]["id"]) for r in ranking.rows()]
    assert order == [("x#0", "x#3"), ("x#0", "x#1"), ("x#1", "x#2"), ("x#2", "x#3")]
    assert [r["rank"] for r in ranking.rows(limit=2)] == [1, 2]


def test_the_table_shows_speakers_claims_label_and_paragraph_wrapped_not_cut(
    model_path, articles, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "60")
    result = run("scan", "-m", str(model_path), "--top", "50", *articles)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("3 articles (8 statements, ")
    assert all(len(line) <= 60 for line in lines), [line for line in lines if len(line) > 60]
    flat = " ".join(line.strip() for line in lines)
    assert "12 personnes ont été hospitalisées après avoir bu l'eau du robinet" in flat
    assert "la préfète, Claire Ombredane" in flat and "courrier-2026-03-02-eau.txt ¶3" in flat
    assert "…" not in flat
    heads = [line for line in lines if line.startswith("#")]
    assert heads and all(any(f" {label} " in h for label in LABELS) for h in heads)


def test_a_denied_claim_is_shown_with_its_denial(model_path, tmp_path):
    article = tmp_path / "offre.txt"
    article.write_text(
        "Le groupe Halvane a démenti qu'une offre de rachat lui ait été faite. "
        "Selon le journal Le Matin, une offre de rachat a été faite au groupe Halvane.",
        encoding="utf-8",
    )
    result = run("scan", "-m", str(model_path), "--threshold", "0", str(article))
    assert result.exit_code == 0, result.output
    assert "a démenti une offre de rachat lui ait été faite" in " ".join(result.stdout.split())


@pytest.mark.parametrize("top", ["0", "-1", "-5"])
def test_top_must_be_at_least_one(model_path, articles, top):
    result = run("scan", "-m", str(model_path), "--top", top, *articles)
    assert result.exit_code == 2 and "--top" in result.output


def test_filters_keep_only_the_asked_label_and_probability(model_path, articles):
    every = run("scan", "-m", str(model_path), "--json", *articles)
    rows = [json.loads(line) for line in every.stdout.splitlines()]
    p = sorted(r["probabilities"]["contradict"] for r in rows)
    cut = p[len(p) // 2]
    kept = run("scan", "-m", str(model_path), "--json", "--min-prob", str(cut), *articles)
    kept_rows = [json.loads(line) for line in kept.stdout.splitlines()]
    assert kept_rows == [r for r in rows if r["probabilities"]["contradict"] >= cut]
    neutral = run("scan", "-m", str(model_path), "--json", "--only", "neutral", *articles)
    assert [json.loads(line) for line in neutral.stdout.splitlines()] == [
        r for r in rows if r["label"] == "neutral"
    ]
    table = run("scan", "-m", str(model_path), "--only", "neutral", "--top", "2", *articles)
    n = sum(r["label"] == "neutral" for r in rows)
    assert f"{n} pairs match; top 2 shown" in " ".join(table.stdout.split())


def test_nothing_left_says_so_in_words(model_path, articles, tmp_path):
    none = run("scan", "-m", str(model_path), "--min-prob", "1", *articles)
    assert none.exit_code == 0
    assert none.stdout.startswith("no contradictions found at P(contradict) >= 1 in 3 articles")
    alone = tmp_path / "seul.txt"
    alone.write_text("« Le pont restera fermé », a déclaré le maire.", encoding="utf-8")
    single = run("scan", "-m", str(model_path), str(alone))
    assert single.stdout.strip() == "no contradictions found in 1 article (1 statement, 0 pairs)"
