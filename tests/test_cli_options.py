"""Every option checked before work, no traceback from any verb, outputs as asked, a fast
start, cards that travel, and the commands that say where things are."""

from __future__ import annotations

import copy
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stance.api
from stance.cli import cli
from stance.errors import StanceError
from stance.model import card_path
from stance.params import FALSE, NONE, TRUE, parse_params, recipe_defaults

from .conftest import OWN_DATA
from .test_cli import PARAMS, run

TINY = (
    "a,b,label\n"
    "Il pleut.,Il fait sec.,contradict\n"
    "Le pont a rouvert.,Le pont est ouvert.,agree\n"
    "Le maire parle.,Il neige à Brest.,neutral\n"
    "Les prix montent.,Les prix baissent.,contradict\n"
    "Le club a gagné.,Le club a remporté le match.,agree\n"
    "Le train part.,La mer est calme.,neutral\n"
)


def one_line_error(result, status: int = 2) -> str:
    """The single stderr line of a failed run (and no traceback anywhere)."""
    assert result.exit_code == status, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("stance: error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


# --- --param: read by type, checked before training -------------------------------------------


def test_param_values_are_read_by_the_type_of_the_parameter():
    assert parse_params(["calibrate=false"]) == {"calibrate": False}
    assert parse_params(["calibrate=yes"]) == {"calibrate": True}
    assert parse_params(["cues=quantities"]) == {"cues": ("quantities",)}
    assert parse_params(["cues=quantities, negation"])["cues"] == ("quantities", "negation")
    assert parse_params(["word_ngram_range=1,3"])["word_ngram_range"] == (1, 3)
    assert parse_params(["max_word_features=none"])["max_word_features"] is None
    assert parse_params(["min_df=0.5"])["min_df"] == 0.5
    assert parse_params(["C=2"])["C"] == 2.0
    assert parse_params(["gate=neutral", "clf__estimator__C=3"])["clf__estimator__C"] == 3.0
    assert parse_params(["clf__class_weight=balanced"])["clf__class_weight"] == "balanced"
    assert parse_params(["features__cues=drop"])["features__cues"] == "drop"


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("foo=1", "unknown parameter 'foo'; known: C, max_iter, cues"),
        ("C=abc", "parameter C='abc': expected float"),
        ("C=-1", "The 'C' parameter of LogisticRegression must be a float in the range"),
        ("cue_weight=x", "parameter cue_weight='x': expected float"),
        ("calibrate=maybe", "expected true or false"),
        ("cues=letters", "unknown cue families ['letters']"),
        ("gate=unrelated", "expected one of agree, contradict, neutral or none"),
        ("max_iter=0.5", "'max_iter' parameter of LogisticRegression must be an int"),
        ("word_ngram_range=3,1", "lower boundary larger than the upper boundary"),
        ("clf__nope=1", "clf takes clf__C, clf__class_weight"),
        ("clf__solver=fast", "'solver' parameter of LogisticRegression must be a str among"),
        ("features__cues=off", "expected drop or passthrough"),
        ("C", "expected KEY=VALUE"),
    ],
)
def test_bad_params_are_one_line_errors(item, message):
    with pytest.raises(StanceError, match=None) as err:
        parse_params([item])
    assert message in str(err.value) and "\n" not in str(err.value)


def test_a_bad_param_is_refused_before_any_data_is_read(tmp_path, monkeypatch):
    def no_loading(*args, **kwargs):
        raise AssertionError("data was read before the parameters were checked")

    monkeypatch.setattr(stance.api, "load", no_loading)
    data = tmp_path / "d.csv"
    data.write_text(TINY, encoding="utf-8")
    result = run("train", str(data), "-o", str(tmp_path / "m.skops"), "--param", "C=-1")
    assert "LogisticRegression" in one_line_error(result)


def test_a_param_that_does_not_fit_the_data_is_one_line(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text(TINY, encoding="utf-8")
    result = run(
        "train", str(data), "-o", str(tmp_path / "m.skops"), "--test-size", "0",
        "--param", "min_df=1000",
    )  # fmt: skip
    assert result.exit_code == 2 and "Traceback" not in result.output
    last = result.stderr.strip().splitlines()[-1]  # after the progress lines of loading
    assert last.startswith("stance: error: cannot train with these parameters on this data")


def test_list_params_shows_every_name_with_its_default():
    result = run("train", "--list-params")
    assert result.exit_code == 0, result.output
    rows = dict(line.split(None, 1) for line in result.stdout.splitlines())
    assert set(recipe_defaults()) <= set(rows)
    assert rows["calibrate"] == "False" and rows["cues"].startswith("quantities,")
    assert "clf__class_weight" in rows


# --- outputs checked before the work --------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("exists.skops", "already exists; pass --force"),
        ("missing/dir/m.skops", "output folder does not exist"),
        ("folder", "is a folder, expected a file name"),
    ],
)
def test_train_refuses_its_output_before_reading_the_data(tmp_path, target, message):
    data = tmp_path / "d.csv"
    data.write_text(TINY, encoding="utf-8")
    (tmp_path / "exists.skops").write_bytes(b"old")
    (tmp_path / "folder").mkdir()
    result = run("train", str(data), "-o", str(tmp_path / target))
    assert message in one_line_error(result)
    assert "loaded" not in result.stderr


def test_every_verb_refuses_a_missing_output_folder_with_the_same_line(model_path, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Le maire a déclaré que le pont restait fermé.", encoding="utf-8")
    statements = tmp_path / "s.jsonl"
    statements.write_text('{"id": "1", "claim": "x"}\n', encoding="utf-8")
    pairs = tmp_path / "p.csv"
    pairs.write_text("a,b\nx,y\n", encoding="utf-8")
    missing = tmp_path / "missing"
    runs = {
        "score": ["score", "-m", str(model_path), "-i", str(pairs), "-o", f"{missing}/o.csv"],
        "shards": ["score", "-m", str(model_path), "-i", str(tmp_path), "-o", f"{missing}/out"],
        "extract": ["extract", str(article), "-o", f"{missing}/o.jsonl"],
        "pairs": ["pairs", str(statements), "-o", f"{missing}/o.jsonl"],
        "plot": ["evaluate", "-m", str(model_path), str(OWN_DATA[0]), "--plot", f"{missing}/p"],
        "scan": ["scan", "-m", str(model_path), str(article), "--html", f"{missing}/r.html"],
    }
    for args in runs.values():
        line = one_line_error(run(*args))
        assert line == f"stance: error: {missing}: output folder does not exist", args


# --- no traceback from any verb ---------------------------------------------------------------

_SPECIAL = TRUE | FALSE | NONE | {"drop", "passthrough", "agree", "contradict", "neutral"}
_SPECIAL |= {"jsonl", "csv", "tsv", "json", "probability", "contrast"}
garbage = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=10,
).filter(lambda s: s.strip().lower() not in _SPECIAL and not _is_number(s))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


PARAM_NAMES = [*recipe_defaults(), "clf__class_weight", "clf__solver", "features__cues"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """A folder with a tiny data file, an article, statements and a model, reused by every
    generated example (hypothesis runs many examples per test function)."""
    root = tmp_path_factory.mktemp("fuzz")
    (root / "d.csv").write_text(TINY, encoding="utf-8")
    (root / "a.txt").write_text("Le maire a déclaré que le pont restait fermé.", "utf-8")
    (root / "s.jsonl").write_text('{"id": "1", "claim": "Le pont est fermé."}\n', "utf-8")
    model = root / "m.skops"
    trained = run("train", str(root / "d.csv"), "-o", str(model), *PARAMS, "--test-size", "0")
    assert trained.exit_code == 0, trained.output
    return root


def _invalid_runs(root: Path, value: str) -> list[list[str]]:
    """Each verb with one invalid option value (``value`` is text that is no number)."""
    m = ["-m", str(root / "m.skops")]
    missing = str(root / "missing" / value.replace("/", "_"))
    return [
        ["train", str(root / "d.csv"), "-o", str(root / "new.skops"), "--test-size", value],
        ["train", str(root / "d.csv"), "-o", str(root / "new.skops"), "--seed", value],
        ["train", str(root / "d.csv"), "-o", str(root / "new.skops"), "--weight", f"x={value}"],
        ["train", str(root / "d.csv"), "-o", f"{missing}/m.skops"],
        ["train", str(root / "d.csv"), "-o", str(root / "n.skops"), "--encoding", value + "-enc"],
        ["evaluate", *m, str(root / "d.csv"), "--plot", f"{missing}/plots"],
        ["evaluate", "-m", missing, str(root / "d.csv")],
        ["score", *m, "--format", value, "-i", str(root / "d.csv")],
        ["score", *m, "-i", missing],
        ["score", "-m", missing, "x", "y"],
        ["score", *m, "-i", str(root / "d.csv"), "-o", f"{missing}/o.csv"],
        ["extract", str(root / "a.txt"), "--format", value],
        ["extract", missing],
        ["pairs", str(root / "s.jsonl"), "--threshold", value],
        ["pairs", str(root / "s.jsonl"), "--neighbours", value],
        ["scan", *m, str(root / "a.txt"), "--rank", value],
        ["scan", *m, str(root / "a.txt"), "--threshold", value],
        ["label", str(root / "d.csv"), "-o", "-"],
        ["corpora", "--data-dir", str(root / "d.csv")],
        ["info", "--json", "--bogus", value],
    ]


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=garbage)
def test_invalid_option_values_are_one_line_with_exit_2(workspace, value):
    for args in _invalid_runs(workspace, value):
        one_line_error(run(*args))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(PARAM_NAMES), value=garbage)
def test_invalid_params_are_one_line_with_exit_2(workspace, name, value):
    result = run(
        "train",
        str(workspace / "d.csv"),
        "-o",
        str(workspace / "never.skops"),
        "--param",
        f"{name}={value}",
    )
    one_line_error(result)
    assert not (workspace / "never.skops").exists()


def test_an_unexpected_error_is_one_line_and_says_it_is_a_bug(model_path, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("oops")

    monkeypatch.setattr(stance.api, "score", broken)
    result = run("score", "-m", str(model_path), "x", "y")
    assert "this is a bug in stance" in one_line_error(result, status=1)


def test_debug_works_anywhere_on_the_line(tmp_path):
    result = run("train", str(tmp_path / "none.csv"), "-o", str(tmp_path / "m"), "--debug")
    assert result.exit_code == 2 and "Traceback" in result.stderr
    after_dashes = run("score", "--", "--debug", "x")  # a statement, not the option
    assert "Traceback" not in after_dashes.output


# --- --explain for every classifier stance saves ----------------------------------------------


@pytest.mark.parametrize("recipe", [[], ["--param", "calibrate=true"], ["--param", "gate=neutral"]])
def test_explain_works_for_plain_calibrated_and_gated_models(tmp_path, recipe):
    model = tmp_path / "m.skops"
    trained = run("train", *map(str, OWN_DATA), "-o", str(model), *PARAMS, *recipe)
    assert trained.exit_code == 0, trained.output
    a, b = "Le chômage a baissé de 2 %.", "Le chômage a augmenté."
    result = run("score", "-m", str(model), "--explain", "--json", a, b)
    assert result.exit_code == 0, result.output
    why = json.loads(result.stdout)["explanation"]
    assert why["features"] and all(f["share"] > 0 for f in why["features"])
    table = run("score", "-m", str(model), "--explain", a, b)
    assert "toward " in table.stdout


# --- output formats ------------------------------------------------------------------------


def test_score_writes_the_format_its_output_is_named(model_path, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,a,b,label\n7,Il pleut.,Il fait sec.,contradict\n", encoding="utf-8")
    out = tmp_path / "scored.csv"
    result = run("score", "-m", str(model_path), "-i", str(src), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "scored 1 pair into" in result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    probabilities = ["p_agree", "p_contradict", "p_neutral"]
    assert list(rows[0]) == ["id", "a", "b", "input_label", "label", *probabilities]
    assert abs(sum(float(rows[0][f"p_{k}"]) for k in ("agree", "contradict", "neutral")) - 1) < 1e-4
    tsv = run("score", "-m", str(model_path), "-i", str(src), "--format", "tsv")
    assert tsv.stdout.splitlines()[0].split("\t")[-1] == "p_neutral"
    whole = run("score", "-m", str(model_path), "-i", str(src), "--format", "json")
    assert json.loads(whole.stdout)[0]["id"] == "7"


def test_extract_and_pairs_write_csv_and_json(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Le maire a déclaré que le pont restait fermé. Selon la préfecture, le pont a rouvert.",
        encoding="utf-8",
    )
    st_csv = tmp_path / "st.csv"
    assert run("extract", str(article), "-o", str(st_csv)).exit_code == 0
    assert "claim" in next(csv.reader(st_csv.open(encoding="utf-8")))
    st_jsonl = tmp_path / "st.jsonl"
    assert run("extract", str(article), "-o", str(st_jsonl)).exit_code == 0
    result = run("pairs", str(st_jsonl), "--threshold", "0", "--format", "json")
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.stdout)
    assert pairs and "relatedness" in pairs[0] and "similarity" not in pairs[0]


# --- cards that travel --------------------------------------------------------------------------


def test_evaluate_finds_the_heldout_rows_from_any_folder(tmp_path, monkeypatch):
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    (here / "pairs.jsonl").write_text(OWN_DATA[0].read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(here)
    assert run("train", "pairs.jsonl", "-o", "m.skops", *PARAMS).exit_code == 0
    monkeypatch.chdir(there)
    result = run("evaluate", "-m", "../here/m.skops", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["n"] > 0
    moved = tmp_path / "moved"
    (here).rename(moved)  # the model and its data move together: found beside the card
    assert run("evaluate", "-m", str(moved / "m.skops")).exit_code == 0
    (moved / "pairs.jsonl").unlink()
    line = one_line_error(run("evaluate", "-m", str(moved / "m.skops")))
    assert str(card_path(moved / "m.skops")) in line and "pairs.jsonl" in line


def test_a_corpus_is_found_in_the_data_folder_in_use(tmp_path, mini_corpora, monkeypatch):
    monkeypatch.delenv("STANCE_DATA_DIR", raising=False)
    model = tmp_path / "m.skops"
    result = run(
        "train", "fracas-fr", "xnli-fr:dev", "--data-dir", str(mini_corpora), "-o", str(model),
        "--test", "fracas-fr", *PARAMS,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    card = json.loads(card_path(model).read_text())
    assert card["training_data"][0]["corpus"] == "fracas-fr"
    moved = tmp_path / "elsewhere"
    mini_corpora.rename(moved)
    monkeypatch.chdir(tmp_path)
    gone = one_line_error(run("evaluate", "-m", str(model)))
    assert "trained on the corpus fracas-fr" in gone and "stance corpora" in gone
    assert run("evaluate", "-m", str(model), "--data-dir", str(moved)).exit_code == 0


# --- info and corpora -----------------------------------------------------------------------


def test_info_reports_models_data_folder_and_extras(model_path, mini_corpora):
    result = run("info", "--json", "-m", str(model_path), "--data-dir", str(mini_corpora))
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["stance"] == stance.__version__
    assert info["models"]["default"]["path"] == str(model_path.resolve())
    assert info["data_dir"]["exists"] and "fracas-fr" in info["data_dir"]["corpora_present"]
    assert "xnli-fr:test" not in info["data_dir"]["corpora_present"]
    assert set(info["extras"]) == {"dask", "plot"}
    table = run("info", "-m", str(model_path), "--data-dir", str(mini_corpora))
    assert "data folder" in table.stdout and "fracas-fr" in table.stdout


def test_info_gives_the_licence_the_shipped_card_records_for_its_own_files():
    info = json.loads(run("info", "--json").stdout)
    licences = {d["name"]: d["licence"] for d in info["models"]["default"]["training_data"]}
    assert licences["data/pairs.fr.jsonl"].startswith("MIT")
    assert all(licences.values()), licences


def test_corpora_lists_every_name_with_its_files_and_presence(mini_corpora):
    result = run("corpora", "--json", "--data-dir", str(mini_corpora))
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["name"] for r in rows] == list(stance.CORPORA)
    by_name = {r["name"]: r for r in rows}
    assert by_name["fracas-fr"]["present"] and not by_name["xnli-fr:test"]["present"]
    assert by_name["fnc1:train"]["files"] == [
        str(mini_corpora / "fnc1/train_stances.csv"),
        str(mini_corpora / "fnc1/train_bodies.csv"),
    ]
    table = run("corpora", "--data-dir", str(mini_corpora)).stdout
    assert "xnli/xnli.test.fr_en.tsv" in table and "[missing]" in table and "licence" in table


# --- smaller things -------------------------------------------------------------------------


def test_statements_in_neither_french_nor_english_get_one_warning(model_path, tmp_path):
    spanish = "El gobierno ha dicho que la economía crece más de lo previsto."
    result = run("score", "-m", str(model_path), spanish, "La economía no crece, según el banco.")
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("stance: warning: the pair has a statement in neither French nor")
    src = tmp_path / "in.jsonl"
    rows = [{"a": spanish, "b": "Il pleut."}, {"a": "Il pleut.", "b": "Il fait sec."}] * 2
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    many = run("score", "-m", str(model_path), "-i", str(src))
    (line,) = many.stderr.strip().splitlines()
    assert "2 of 4 pairs have a statement in neither French nor English (es 2)" in line
    french = run("score", "-m", str(model_path), "Il pleut.", "Il fait sec.")
    assert french.stderr == ""
    article = tmp_path / "es.txt"
    article.write_text(spanish + " El ministro dijo que no hay crisis.", encoding="utf-8")
    extracted = run("extract", str(article))
    assert extracted.exit_code == 0, extracted.output
    assert extracted.stderr.startswith("stance: warning: the article is in neither French nor")


def test_every_verb_help_has_examples():
    for name in cli.commands:
        text = run(name, "--help").stdout
        assert f"stance {name}" in text.split("Options:")[0], name


def test_label_without_a_terminal_fails_before_printing_anything(tmp_path):
    pairs = tmp_path / "p.jsonl"
    pairs.write_text('{"a": "Il pleut.", "b": "Il fait sec."}\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "stance", "label", str(pairs), "-o", str(tmp_path / "l.jsonl")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        start_new_session=True,  # no controlling terminal to open
        timeout=60,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("stance: error: stance label reads keys from a terminal")


# --- a fast start ---------------------------------------------------------------------------

HEAVY = ("sklearn", "datasets", "pandas", "skops", "scipy", "pyarrow")


def test_importing_the_command_line_loads_no_heavy_library():
    code = f"import sys, stance.cli, stance\nprint([m for m in {HEAVY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_score_from_stdin_answers_each_line_before_the_next_is_written(model_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "stance", "score", "-m", str(model_path), "-i", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for a, b in [("Il pleut.", "Il fait sec."), ("Le pont a rouvert.", "Le pont est fermé.")]:
            proc.stdin.write(json.dumps({"a": a, "b": b}) + "\n")
            proc.stdin.flush()
            answer = json.loads(proc.stdout.readline())  # stdin is still open
            assert answer["a"] == a and answer["label"] in {"agree", "contradict", "neutral"}
    finally:
        proc.stdin.close()
    assert proc.wait(timeout=60) == 0
    assert proc.stdout.read() == ""


def test_the_command_line_loads_models_through_a_lean_skops_with_the_same_check(
    small_model, own_pairs, tmp_path
):
    from sklearn.linear_model import SGDClassifier

    from stance.model import save_model

    pairs, labels = own_pairs
    other = copy.deepcopy(small_model)  # its fitted features, with another classifier below
    features = other.named_steps["features"].transform(pairs)
    other.steps[-1] = ("clf", SGDClassifier(loss="log_loss", random_state=0).fit(features, labels))
    save_model(other, tmp_path / "sgd.skops", {})
    save_model(small_model, tmp_path / "ok.skops", {})
    code = (
        "import sys\n"
        "from stance import settings\n"
        "settings.LEAN_MODEL_LOADING = True\n"
        "from stance.model import load_model\n"
        "from stance.errors import StanceError\n"
        f"load_model({str(tmp_path / 'ok.skops')!r})\n"
        "try:\n"
        f"    load_model({str(tmp_path / 'sgd.skops')!r})\n"
        "except StanceError as err:\n"
        "    print(err)\n"
        "print(any(m in sys.modules for m in ('sklearn.gaussian_process', 'sklearn.mixture')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    refused, catalogued = out.stdout.strip().splitlines()
    assert "contains types stance does not trust (sklearn.linear_model" in refused
    assert "SGDClassifier" in refused
    assert catalogued == "False"  # skops' catalogue of every estimator was not built
