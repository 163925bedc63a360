"""Dated archives: JSON Lines of articles with their outlet and date, read by ``stance scan``,
and the earlier / later mark of a pair whose figures moved between two dates.

The example archive (data/archive-example.jsonl) and every line below are written for this
project.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from stance.archive import read_archive
from stance.errors import StanceError
from stance.rank import Ranking
from stance.report import render_html

from .test_cli import run

ARCHIVE = Path(__file__).resolve().parents[1] / "data" / "archive-example.jsonl"
GOOD = {"id": "a1", "outlet": "Le Courrier", "date": "2026-03-02", "text": "Il pleut à Brest."}


def test_the_example_archive_reads_as_three_dated_articles():
    articles = read_archive(str(ARCHIVE))
    assert [a.id for a in articles] == [
        "courrier-2026-03-02-eau",
        "daily-2026-03-04-water",
        "voix-2026-03-04-calvane",
    ]
    assert {a.outlet for a in articles} == {
        "Le Courrier de Vernolles",
        "Vernolles Daily",
        "La Voix du Val",
    }
    assert [a.line for a in articles] == [1, 2, 3]


@pytest.mark.parametrize(
    ("second_line", "message"),
    [
        (
            json.dumps({k: v for k, v in GOOD.items() if k != "date"}),
            "line 2: missing field 'date'",
        ),
        (json.dumps({**GOOD, "id": "a2", "date": "2 mars 2026"}), "line 2: bad date '2 mars 2026'"),
        (json.dumps({**GOOD, "id": "a2", "date": "2026-02-30"}), "line 2: bad date"),
        ('{"id": "a2", "outlet": "X", ', "line 2: not JSON"),
        ("[1, 2]", "line 2: expected a JSON object"),
        (json.dumps({**GOOD, "text": "  "}), "line 2: field 'text' is empty"),
        (json.dumps({**GOOD, "id": 7}), "line 2: field 'id' must be a string"),
        (json.dumps({**GOOD, "id": "a2", "lang": "de"}), "line 2: lang must be one of fr, en"),
        (json.dumps(GOOD), "line 2: id 'a1' already given on line 1"),
    ],
)
def test_a_bad_line_is_a_one_line_error_naming_file_and_line(tmp_path, second_line, message):
    archive = tmp_path / "mars.jsonl"
    archive.write_text(json.dumps(GOOD) + "\n" + second_line + "\n", encoding="utf-8")
    with pytest.raises(StanceError, match="mars.jsonl: " + message.split(":")[0]) as err:
        read_archive(str(archive))
    assert message in str(err.value) and "\n" not in str(err.value)
    result = run("scan", str(archive))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_article_given_twice_across_inputs_is_refused(tmp_path):
    archive = tmp_path / "mars.jsonl"
    archive.write_text(json.dumps({**GOOD, "id": "pont.txt"}) + "\n", encoding="utf-8")
    text = tmp_path / "pont.txt"
    text.write_text("Le pont reste fermé, selon la mairie.", encoding="utf-8")
    with pytest.raises(StanceError, match="given twice"):
        from stance.api import extract_files

        extract_files([str(text), str(archive)])


def test_scan_reads_a_jsonl_file_as_an_archive_with_outlet_date_and_timeline(model_path):
    result = run("scan", "-m", str(model_path), "--json", str(ARCHIVE))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    articles = {s["article"] for r in rows for s in (r["a"], r["b"])}
    assert articles == {a.id for a in read_archive(str(ARCHIVE))}
    for r in rows:
        for s in (r["a"], r["b"]):
            assert s["outlet"] and s["date"] and s["paragraph"] >= 1
    toll = [
        r for r in rows if "12 personnes" in r["a"]["claim"] and "19 personnes" in r["b"]["claim"]
    ]
    assert len(toll) == 1
    assert toll[0]["timeline"] == {"earlier": "a", "later": "b", "days": 2}
    # The préfète's two statements give no figure: no timeline, whatever their dates.
    assert not any("timeline" in r for r in rows if "potable" in r["a"]["claim"] + r["b"]["claim"])
    table = run("scan", "-m", str(model_path), "--top", "20", str(ARCHIVE))
    flat = " ".join(table.stdout.split())
    assert "Le Courrier de Vernolles, 2026-03-02" in flat and "[earlier / later]" in flat
    assert "A was published 2 days before B" in flat


def _dated(n: int, claim: str, date: str | None, article: str = "x") -> dict:
    statement = {"id": f"{article}#{n}", "article": article, "start": n, "claim": claim}
    return {**statement, "lang": "fr", **({"date": date} if date else {})}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            ("12 blessés", "2026-03-02"),
            ("19 blessés", "2026-03-05"),
            {"earlier": "a", "later": "b", "days": 3},
        ),
        (
            ("12 blessés", "2026-03-05"),
            ("19 blessés", "2026-03-02T18:00:00"),
            {"earlier": "b", "later": "a", "days": 3},
        ),
        (("12 blessés", "2026-03-02"), ("19 blessés", "2026-03-02T23:00:00"), None),  # one day
        (("12 blessés", "2026-03-02"), ("12 blessés", "2026-03-05"), None),  # the same figure
        (("12 blessés", "2026-03-02"), ("3 000 euros", "2026-03-05"), None),  # not one kind
        (("Le pont est fermé", "2026-03-02"), ("Le pont est ouvert", "2026-03-05"), None),
        (("12 blessés", None), ("19 blessés", "2026-03-05"), None),  # undated
    ],
)
def test_timeline_marks_figures_that_differ_between_two_days(a, b, expected):
    statements = [_dated(0, *a), _dated(1, *b, article="y")]
    ranking = Ranking(
        statements,
        {"x": "", "y": ""},
        np.array([0]),
        np.array([1]),
        np.zeros(1),
        np.array([[0.2, 0.7, 0.1]]),
    )
    assert ranking.timeline(0, 1) == expected
    (row,) = ranking.rows()
    assert row.get("timeline") == expected


def test_the_report_shows_claim_paragraph_outlet_date_label_and_timeline():
    text = "Titre.\n\nSelon la préfecture, 12 blessés ont été recensés."
    quote = "Selon la préfecture, 12 blessés ont été recensés."
    a = {
        "id": "x#1",
        "article": "x",
        "start": text.index(quote),
        "end": len(text),
        "quote": quote,
        "speaker": "la préfecture",
        "cue": "Selon",
        "claim": "12 blessés ont été recensés",
        "lang": "fr",
        "paragraph": 2,
        "outlet": "Le Courrier",
        "date": "2026-03-02",
    }
    b = {
        **a,
        "id": "y#1",
        "article": "y",
        "claim": "19 blessés ont été recensés",
        "date": "2026-03-05",
        "outlet": "La Voix",
        "quote": quote.replace("12", "19"),
    }
    row = {
        "rank": 4,
        "a": a,
        "b": b,
        "label": "contradict",
        "probabilities": {"agree": 0.1, "contradict": 0.8, "neutral": 0.1},
        "timeline": {"earlier": "a", "later": "b", "days": 3},
    }
    html = render_html(
        [row],
        {"x": text, "y": text.replace("12", "19")},
        counts={"articles": 2, "statements": 9, "pairs": 30, "others": 29},
    )
    assert 'id="pair-4"' in html and "#4" in html
    assert "12 blessés ont été recensés" in html and "paragraph 2" in html
    assert "Le Courrier" in html and "2026-03-05" in html and "labelled <strong>contradict" in html
    assert "Earlier / later:" in html and "3 days before" in html
    assert "2 articles · 9 statements · 30 pairs scanned" in html
