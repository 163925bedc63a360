"""Hand labelling: driven key by key through label_pairs, as a person at the terminal would."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import stance
from stance.errors import StanceError
from stance.extract import Statement
from stance.fileio import json_line, sha256_file
from stance.label import KEY_HELP, label_pairs, pair_id, skipped_path
from stance.pairfiles import read_pairs

from .conftest import SMALL


def statement(sid: str, speaker: str | None, cue: str | None, claim: str, lang: str) -> dict:
    """A statement as `stance pairs` writes it; the quote is the claim with its frame."""
    quote = f"{claim} ({cue} {speaker})" if speaker else claim
    article = sid.split("#")[0]
    return Statement(sid, article, 0, len(quote), quote, speaker, cue, claim, lang).to_dict()


def pair(pid: str | None, a: dict, b: dict, similarity: float) -> dict:
    row = {"a": a["claim"], "b": b["claim"], "statement_a": a, "statement_b": b}
    row["similarity"] = similarity
    return row if pid is None else {"id": pid, **row}


PAIRS = [
    pair(
        "p1",
        statement("tours-1.txt#1", "la préfecture", "selon", "Le pont de Tours a rouvert.", "fr"),
        statement("tours-2.txt#3", "le maire", "a affirmé", "Le pont reste fermé.", "fr"),
        0.61,
    ),
    pair(
        "p2",
        statement("jobs.txt#2", "the ministry", "said", "Unemployment fell in March.", "en"),
        statement("jobs-2.txt#1", None, None, "Joblessness dropped in March.", "en"),
        0.48,
    ),
    pair(
        "p3",
        statement("greve.txt#4", "Marie Dupin", "a déclaré", "La grève sera reconduite.", "fr"),
        statement("strike.txt#2", "the union", "said", "Talks resume next week.", "en"),
        0.22,
    ),
    pair(  # no id: label_pairs derives a stable one from the two texts
        None,
        statement("match.txt#1", "the coach", "said", "The club plays on Sunday.", "en"),
        statement("match-fr.txt#2", "l'entraîneur", "a indiqué", "Le match est annulé.", "fr"),
        0.35,
    ),
]
IDS = ["p1", "p2", "p3", pair_id(PAIRS[3])]


@pytest.fixture
def pairs_file(tmp_path: Path) -> str:
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json_line(row) + "\n" for row in PAIRS), encoding="utf-8")
    return str(path)


@pytest.fixture
def out(tmp_path: Path) -> str:
    return str(tmp_path / "labelled.jsonl")


def keys(*script: str | type[BaseException]):
    """A getchar that plays a script of keys (or raises an exception), then reports EOF ("")."""
    pending = list(script)

    def getchar() -> str:
        if not pending:
            return ""
        key = pending.pop(0)
        if isinstance(key, type):
            raise key()
        return key

    return getchar


def run(pairs: str, output: str, *script: str | type[BaseException], **kwargs):
    """label_pairs with scripted keys; returns (result, everything it printed as one text)."""
    printed: list[str] = []
    result = label_pairs(pairs, output, getchar=keys(*script), echo=printed.append, **kwargs)
    return result, "\n".join(printed)


def records(path: str) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def shown(text: str) -> list[str]:
    """The claim texts of A shown, in order: which pairs the person saw."""
    claims = {row["a"]: pid for pid, row in zip(IDS, PAIRS)}
    return [claims[line.strip()] for line in text.splitlines() if line.strip() in claims]


def test_labels_are_written_in_order_with_all_columns_and_the_output_trains(pairs_file, out):
    before = sha256_file(pairs_file)
    result, text = run(pairs_file, out, "c", "a", "n", "c")

    assert result == {"labelled": 4, "skipped": 0, "remaining": 0, "total": 4}
    assert [r["label"] for r in records(out)] == ["contradict", "agree", "neutral", "contradict"]
    for record, row, pid in zip(records(out), PAIRS, IDS):
        assert record == {"id": pid, **row, "label": record["label"]}
    assert "pair 1 / 4 (0 labelled)" in text and "pair 4 / 4 (3 labelled)" in text
    assert "all pairs done: 4 labelled, 0 skipped" in text
    assert sha256_file(pairs_file) == before

    ds = read_pairs(out)  # validates a, b and every label
    assert ds["label"] == ["contradict", "agree", "neutral", "contradict"]
    model = stance.build_pipeline(**SMALL).fit(list(zip(ds["a"], ds["b"])), ds["label"])
    assert len(model.predict([("Le pont a rouvert.", "Le pont reste fermé.")])) == 1


def test_each_side_shows_speaker_article_cue_and_claim_then_the_keys(pairs_file, out):
    _, text = run(pairs_file, out, "a", "q")
    assert "A  la préfecture | tours-1.txt | cue: selon" in text
    assert "B  le maire | tours-2.txt | cue: a affirmé" in text
    assert "B  (narrative) | jobs-2.txt" in text
    assert "   Le pont reste fermé." in text
    assert KEY_HELP in text


def test_claims_wrap_to_the_terminal_width(tmp_path, out, monkeypatch):
    long = "Selon le préfet, " + "la circulation restera coupée sur le pont de Tours " * 4
    path = tmp_path / "long.csv"
    path.write_text(f'a,b\n"{long}",Le pont a rouvert.\n', encoding="utf-8")
    monkeypatch.setattr("shutil.get_terminal_size", lambda *a: os.terminal_size((50, 24)))
    _, text = run(str(path), out, "q")
    lines = text.splitlines()
    side_a = lines[lines.index("pair 1 / 1 (0 labelled)") + 1 : -3]  # up to B, keys, summary
    assert len(side_a) > 4 and max(map(len, side_a)) < 50
    assert " ".join(line[3:] for line in side_a) == long.strip()  # every word, in order


def test_skip_is_remembered_and_not_shown_again_unless_asked(pairs_file, out):
    result, _ = run(pairs_file, out, "s", "a", "q")
    assert result == {"labelled": 1, "skipped": 1, "remaining": 2, "total": 1}
    assert Path(skipped_path(out)).read_text() == "p1\n"
    assert [r["id"] for r in records(out)] == ["p2"]  # a skip writes no label

    _, text = run(pairs_file, out, "q")
    assert shown(text) == ["p3"]
    assert "1 labelled, 1 skipped, 2 to go: run the same command to resume" in text

    _, text = run(pairs_file, out, "n", "q", retry_skipped=True)
    assert shown(text) == ["p1", "p3"]
    assert [r["id"] for r in records(out)] == ["p2", "p1"]


def test_undo_removes_the_last_label_and_shows_its_pair_again(pairs_file, out):
    result, text = run(pairs_file, out, "a", "c", "u", "n", "q")
    assert [(r["id"], r["label"]) for r in records(out)] == [("p1", "agree"), ("p2", "neutral")]
    assert shown(text) == ["p1", "p2", "p3", "p2", "p3"]  # u pressed on p3
    assert "undone: contradict for pair p2" in text
    assert result["labelled"] == 2


def test_undo_reaches_labels_of_an_earlier_session(pairs_file, out):
    run(pairs_file, out, "a", "c", "q")
    result, text = run(pairs_file, out, "u", "u", "n", "q")
    assert shown(text) == ["p3", "p2", "p1", "p2"]
    assert [(r["id"], r["label"]) for r in records(out)] == [("p1", "neutral")]
    assert result == {"labelled": 1, "skipped": 0, "remaining": 3, "total": 1}


def test_undo_with_nothing_to_undo_says_so(pairs_file, out):
    _, text = run(pairs_file, out, "u", "a", "q")
    assert "nothing to undo" in text
    assert [r["id"] for r in records(out)] == ["p1"]


def test_ctrl_c_mid_session_keeps_every_label_and_resume_shows_only_the_rest(pairs_file, out):
    result, text = run(pairs_file, out, "a", "c", KeyboardInterrupt)
    assert result == {"labelled": 2, "skipped": 0, "remaining": 2, "total": 2}
    assert text.endswith("2 labelled, 0 skipped, 2 to go: run the same command to resume")
    assert [r["id"] for r in records(out)] == ["p1", "p2"]

    result, text = run(pairs_file, out, "n", "a")
    assert shown(text) == ["p3", IDS[3]]
    assert "pair 3 / 4 (2 labelled)" in text
    assert [r["label"] for r in records(out)] == ["agree", "contradict", "neutral", "agree"]


@pytest.mark.parametrize("ending", [None, EOFError])
def test_end_of_input_ends_like_quit(pairs_file, out, ending):
    script = ("a",) if ending is None else ("a", ending)
    result, text = run(pairs_file, out, *script)
    assert result == {"labelled": 1, "skipped": 0, "remaining": 3, "total": 1}
    assert "to go: run the same command to resume" in text


def test_unknown_keys_ask_again_and_lose_nothing(pairs_file, out):
    _, text = run(pairs_file, out, "x", "\r", "\x1b[A", "C", "q")
    assert text.count("unknown key") == 3
    assert shown(text) == ["p1", "p2"]
    assert [(r["id"], r["label"]) for r in records(out)] == [("p1", "contradict")]


def test_everything_labelled_says_so(pairs_file, out):
    run(pairs_file, out, "a", "a", "s", "a")
    result, text = run(pairs_file, out, "a")
    assert shown(text) == []
    assert "all pairs done: 3 labelled, 1 skipped" in text
    assert "--" not in text  # the library names no command-line option
    assert result == {"labelled": 0, "skipped": 1, "remaining": 0, "total": 3}


@pytest.mark.parametrize("cut", [25, "é"])
def test_a_record_cut_short_by_a_kill_is_dropped_with_a_notice(pairs_file, out, cut):
    run(pairs_file, out, "a", "c", "q")
    line = (json_line({**PAIRS[2], "label": "neutral"}) + "\n").encode()
    end = 25 if cut == 25 else line.index("é".encode()) + 1  # inside a two-byte character
    with open(out, "ab") as fh:
        fh.write(line[:end])

    _, text = run(pairs_file, out, "n", "q")
    notices = [t for t in text.splitlines() if "dropped an incomplete last line" in t]
    assert len(notices) == 1 and notices[0].startswith(out)
    assert shown(text)[0] == "p3"
    assert [r["id"] for r in records(out)] == ["p1", "p2", "p3"]
    assert read_pairs(out)["label"] == ["agree", "contradict", "neutral"]


def test_a_whole_last_record_without_its_newline_is_kept(pairs_file, out):
    run(pairs_file, out, "a", "q")
    Path(out).write_bytes(Path(out).read_bytes().rstrip(b"\n"))
    _, text = run(pairs_file, out, "c", "q")
    assert "incomplete" not in text
    assert [r["id"] for r in records(out)] == ["p1", "p2"]


def test_a_corrupt_line_inside_the_labels_file_is_an_error_and_the_file_is_kept(pairs_file, out):
    run(pairs_file, out, "a", "c", "n", "q")
    lines = Path(out).read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1][:20] + "\n"
    Path(out).write_text("".join(lines), encoding="utf-8")
    before = sha256_file(out)
    with pytest.raises(StanceError, match=r"labelled\.jsonl: line 2: not a JSON object"):
        run(pairs_file, out, "a")
    assert sha256_file(out) == before


def test_an_output_with_other_labels_is_resumed(pairs_file, out):
    other = {"id": "x9", "a": "Il pleut.", "b": "Il fait beau.", "label": "contradict"}
    Path(out).write_text(json_line(other) + "\n" + json_line({**PAIRS[0], "label": "agree"}) + "\n")
    result, text = run(pairs_file, out, "n", "q")
    assert shown(text) == ["p2", "p3"]
    assert result["total"] == 3
    assert records(out)[0] == other


@pytest.mark.parametrize("output", ["-", "labelled.csv", "pairs.jsonl"])
def test_outputs_that_cannot_hold_resumable_trainable_labels_are_refused(
    pairs_file, tmp_path, output
):
    target = output if output == "-" else str(tmp_path / output)
    before = sha256_file(pairs_file)
    with pytest.raises(StanceError):
        run(pairs_file, target, "a")
    assert sha256_file(pairs_file) == before


def test_plain_csv_pairs_show_just_the_texts_and_get_stable_ids(tmp_path, out):
    path = tmp_path / "plain.csv"
    path.write_text(
        'a,b\n"Selon la mairie, le pont a rouvert.","The bridge is still closed, the mayor said."\n'
        "Le budget augmente.,The budget was cut.\n",
        encoding="utf-8",
    )
    _, text = run(str(path), out, "c", "q")
    assert "A  Selon la mairie, le pont a rouvert." in text
    assert "B  The bridge is still closed, the mayor said." in text
    (record,) = records(out)
    a, b = "Selon la mairie, le pont a rouvert.", "The bridge is still closed, the mayor said."
    assert record == {"id": pair_id({"a": a, "b": b}), "a": a, "b": b, "label": "contradict"}

    _, text = run(str(path), out, "q")
    assert "A  Le budget augmente." in text and "Selon la mairie" not in text


def test_an_input_label_is_kept_as_input_label(tmp_path, out):
    path = tmp_path / "scored.jsonl"
    path.write_text(json_line({"id": 1, "a": "Il pleut.", "b": "Il fait sec.", "label": "agree"}))
    run(str(path), out, "c")
    assert records(out) == [
        {
            "id": 1,
            "a": "Il pleut.",
            "b": "Il fait sec.",
            "input_label": "agree",
            "label": "contradict",
        }
    ]


def test_two_pairs_under_one_id_are_an_error_and_a_repeated_pair_shows_once(tmp_path, out):
    row = {"id": "p1", "a": "Il pleut.", "b": "Il fait sec."}
    path = tmp_path / "dup.jsonl"
    path.write_text(json_line(row) + "\n" + json_line(row) + "\n")
    result, _ = run(str(path), out, "a")
    assert result == {"labelled": 1, "skipped": 0, "remaining": 0, "total": 1}

    path.write_text(json_line(row) + "\n" + json_line({**row, "b": "Il neige."}) + "\n")
    with pytest.raises(StanceError, match="pairs 1 and 2 share the id 'p1'"):
        run(str(path), out, "a")
