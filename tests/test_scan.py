"""From coverage to contradictions: extract -> pairs -> score, and scan, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stance.model import DEFAULT_MODEL_FILE
from stance.pairfiles import iter_pairs
from stance.pairs import candidate_pairs, statement_text

from .test_cli import run

ARTICLES = sorted((Path(__file__).resolve().parents[1] / "data" / "articles").glob("*.txt"))
FIELDS = {"id", "article", "start", "end", "quote", "speaker", "cue", "claim", "lang", "referent"}

STRIKE_FR = (
    "La grève des éboueurs de Valmont est entrée lundi dans sa deuxième semaine. "
    "Selon le syndicat CGT-Propreté, plus de 900 agents ont cessé le travail. "
    "« Nous irons jusqu'au bout », a déclaré son secrétaire, Hugo Marchal."
)
STRIKE_EN = (
    "The refuse collectors' strike in Valmont entered its second week on Monday. "
    "Only about 150 workers have walked out, the Valmont city council said. "
    "Mayor Claire Duval said talks with the union would resume on Thursday."
)


@pytest.fixture
def strike(tmp_path):
    fr = tmp_path / "greve.fr.txt"
    fr.write_text(STRIKE_FR, encoding="utf-8")
    en = tmp_path / "strike.en.txt"
    en.write_text(STRIKE_EN, encoding="utf-8")
    return [str(fr), str(en)]


def test_extract_writes_statements_with_offsets(strike, tmp_path):
    out = tmp_path / "statements.jsonl"
    result = run("extract", *strike, "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["speaker"] for r in rows} >= {"le syndicat CGT-Propreté", "the Valmont city council"}
    texts = {"greve.fr.txt": STRIKE_FR, "strike.en.txt": STRIKE_EN}
    for r in rows:
        assert set(r) == FIELDS
        assert texts[r["article"]][r["start"] : r["end"]] == r["quote"]


def test_pairs_are_related_statements_never_self_pairs(strike, tmp_path):
    statements = tmp_path / "s.jsonl"
    assert run("extract", *strike, "-o", str(statements)).exit_code == 0
    pairs_file = tmp_path / "p.jsonl"
    result = run("pairs", str(statements), "-o", str(pairs_file), "--threshold", "0")
    assert result.exit_code == 0, result.output
    pairs = [json.loads(line) for line in pairs_file.read_text(encoding="utf-8").splitlines()]
    n = len(statements.read_text(encoding="utf-8").splitlines())
    assert len(pairs) == n * (n - 1) // 2  # threshold 0: every pair once, none with itself
    assert all(p["statement_a"]["id"] != p["statement_b"]["id"] for p in pairs)
    similarities = [p["relatedness"] for p in pairs]
    assert similarities == sorted(similarities, reverse=True)
    # The pairs file goes straight into scoring: a and b are the two claims.
    assert [r["a"] for r in iter_pairs(str(pairs_file), require_label=False)] == [
        p["statement_a"]["claim"] for p in pairs
    ]


def test_candidate_pairs_drop_near_duplicates_and_unrelated_statements():
    def statement(i, claim, article="x.txt"):
        return {"id": f"{article}#{i}", "article": article, "claim": claim, "quote": claim}

    statements = [
        statement(1, "Le pont de Tours a rouvert lundi à la circulation."),
        statement(2, "Le pont de Tours a rouvert lundi à la circulation.", "y.txt"),
        statement(3, "Le pont de Tours reste fermé à la circulation."),
        statement(4, "La récolte de blé s'annonce abondante en Beauce.", "z.txt"),
    ]
    kept = {(p["statement_a"]["id"], p["statement_b"]["id"]) for p in candidate_pairs(statements)}
    assert ("x.txt#1", "y.txt#2") not in kept  # the same sentence twice
    assert ("x.txt#1", "x.txt#3") in kept
    assert not any("z.txt#4" in pair for pair in kept)


def test_a_french_and_an_english_claim_meet_through_the_lexicon():
    def statement(claim, article, lang):
        return {"id": f"{article}#1", "article": article, "claim": claim, "lang": lang}

    # No cognate, no name, no number: only the lexicon sees commandes / orders, usine / plant,
    # chuté / plunged, moitié / half.
    fr = statement("Les commandes de l'usine ont chuté de moitié", "a.fr.txt", "fr")
    en = statement("Orders at the plant plunged by half", "b.en.txt", "en")
    assert len(candidate_pairs([fr, en])) == 1
    # Between two claims of one language, character n-grams say it, not the lexicon.
    assert candidate_pairs([fr, {**en, "lang": "fr"}]) == []


def test_scan_json_is_ranked_by_contradiction_with_full_statements(model_path):
    args = ("--rank", "probability", "--json", *map(str, ARTICLES[:2]))
    result = run("scan", "-m", str(model_path), *args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    p = [r["probabilities"]["contradict"] for r in rows]
    assert p == sorted(p, reverse=True)
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    for r in rows:
        assert set(r["a"]) == FIELDS | {"paragraph"} and set(r["b"]) == FIELDS | {"paragraph"}
        assert r["label"] in {"agree", "contradict", "neutral"}
        assert (r["a"]["article"], r["a"]["start"]) < (r["b"]["article"], r["b"]["start"])


def test_scan_defaults_to_the_shipped_model(monkeypatch, model_path):
    import stance.model

    asked = []
    real = stance.model.load_model

    def recording(path, default=DEFAULT_MODEL_FILE):
        asked.append((path, default))
        return real(model_path)

    monkeypatch.delenv("STANCE_MODEL", raising=False)
    monkeypatch.setattr(stance.model, "load_model", recording)
    assert run("scan", "--json", str(ARTICLES[0])).exit_code == 0
    assert run("scan", "-m", str(model_path), "--json", str(ARTICLES[0])).exit_code == 0
    assert asked == [(None, DEFAULT_MODEL_FILE), (str(model_path), DEFAULT_MODEL_FILE)]


def test_scan_table_and_html_report(model_path, strike, tmp_path):
    report = tmp_path / "report.html"
    args = ("--rank", "probability", "--html", str(report), "--top", "3")
    result = run("scan", "-m", str(model_path), *strike, *args)
    assert result.exit_code == 0, result.output
    assert "most contradictory first" in result.stdout and "contrast" not in result.stdout
    html = report.read_text(encoding="utf-8")
    assert html.lower().startswith("<!doctype html>") and "strike.en.txt" in html
    assert "ranked by\nP(contradict), its probability" in html
    by_contrast = tmp_path / "contrast.html"
    args = ("--rank", "contrast", "--html", str(by_contrast), "--top", "3")
    ranked = run("scan", "-m", str(model_path), *strike, *args)
    assert "by contrast" in ranked.stdout
    assert "stands above the mean of the two statements' other pairs" in by_contrast.read_text(
        encoding="utf-8"
    )
    again = run("scan", "-m", str(model_path), *strike, "--html", str(report))
    assert again.exit_code == 2 and "--force" in again.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"\x00\x01binary", "binary file"),
        ("été".encode("latin-1"), "--encoding"),
    ],
)
def test_bad_articles_are_one_line_errors(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("extract", str(bad))
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_pairs_rejects_files_that_are_not_statements(tmp_path):
    bad = tmp_path / "s.jsonl"
    bad.write_text('{"id": "x#1", "claim": ""}\n', encoding="utf-8")
    result = run("pairs", str(bad))
    assert result.exit_code == 2 and "non-empty claim or quote" in result.stderr


def test_label_through_the_cli_then_train_on_the_labels(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        '{"id": "p1", "a": "Le pont a rouvert.", "b": "Le pont reste fermé."}\n'
        '{"id": "p2", "a": "Les prix montent.", "b": "Les prix augmentent."}\n'
        '{"id": "p3", "a": "Il pleut à Brest.", "b": "Le maire de Brest démissionne."}\n',
        encoding="utf-8",
    )
    labels = tmp_path / "labels.jsonl"
    first = run("label", str(pairs), "-o", str(labels), input="cq")
    assert first.exit_code == 0, first.output
    resumed = run("label", str(pairs), "-o", str(labels), input="an")
    assert resumed.exit_code == 0, resumed.output
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["label"]) for r in rows] == [
        ("p1", "contradict"),
        ("p2", "agree"),
        ("p3", "neutral"),
    ]
    model = tmp_path / "m.skops"
    trained = run("train", str(labels), "-o", str(model), "--test-size", "0", "--param", "min_df=1")
    assert trained.exit_code == 0, trained.output


@pytest.mark.parametrize(
    ("cue", "text"),
    [
        ("denied", "denied it had received any takeover offer"),
        ("a démenti", "a démenti it had received any takeover offer"),
        ("a-t-il nié", "a-t-il nié it had received any takeover offer"),
        ("said", "it had received any takeover offer"),
        ("a reconnu", "it had received any takeover offer"),
    ],
)
def test_a_denied_claim_is_scored_with_its_denial(cue, text):
    """The claim of "X denied that it had received any offer" asserts what X denies; the pair
    text keeps the frame so the model sees the denial."""
    statement = {"id": "x#1", "claim": "it had received any takeover offer", "cue": cue}
    assert statement_text(statement) == text
    other = {"id": "y#1", "claim": "Halvorsen had received a takeover offer", "cue": "said"}
    (pair,) = candidate_pairs([statement, other], threshold=0)
    assert pair["a"] == text


@pytest.mark.parametrize(
    ("sentence", "claim", "text"),
    [
        (  # the speaker's own words: a denial already, scored as they are
            "« Aucune prime n'a été versée. », a démenti le PDG.",
            "Aucune prime n'a été versée",
            "Aucune prime n'a été versée",
        ),
        (
            'The chief executive denied: "No bonus was ever paid."',
            "No bonus was ever paid",
            "No bonus was ever paid",
        ),
        (  # reported, or quoted only in part: the frame says it is denied
            "Le PDG a démenti qu'une prime ait été « versée » aux fondateurs.",
            "une prime ait été « versée » aux fondateurs",
            "a démenti une prime ait été « versée » aux fondateurs",
        ),
    ],
)
def test_a_denial_in_quoted_words_is_not_negated_twice(sentence, claim, text):
    statement = {"id": "x#1", "quote": sentence, "claim": claim, "cue": "a démenti"}
    assert statement_text(statement) == text
