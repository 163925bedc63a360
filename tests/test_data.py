"""Loaders: the project's pair format, its errors, and every named corpus."""

from __future__ import annotations

import importlib.util
import json

import pytest

from stance.data import CORPORA, LABELS, fingerprint, load
from stance.errors import StanceError
from stance.pairfiles import iter_pairs, read_pairs

from .conftest import OWN_DATA, ROOT, SHARED_DATA

CSV = (
    "id,a,b,label,lang\n"
    "1,Il pleut.,Il fait beau.,contradict,fr\n"
    '2,"Oui, dit-il.",Il a dit oui.,Agree ,fr\n'
)


def test_csv_tsv_jsonl_give_the_same_pairs_and_keep_extra_columns(write):
    csv_rows = read_pairs(write("p.csv", CSV))
    tsv = CSV.replace(",", "\t").replace('"Oui\t dit-il."', "Oui, dit-il.")
    tsv_rows = read_pairs(write("p.tsv", tsv))
    jsonl_rows = read_pairs(
        write(
            "p.jsonl",
            '{"id": 1, "a": "Il pleut.", "b": "Il fait beau.", "label": "contradict",'
            ' "lang": "fr"}\n'
            '{"id": 2, "a": "Oui, dit-il.", "b": "Il a dit oui.", "label": "agree",'
            ' "lang": "fr"}\n',
        )
    )
    for ds in (csv_rows, tsv_rows, jsonl_rows):
        assert ds["a"] == ["Il pleut.", "Oui, dit-il."]
        assert ds["label"] == ["contradict", "agree"]  # case and spaces normalised
        assert ds["lang"] == ["fr", "fr"]
        assert "id" in ds.column_names


def test_format_is_sniffed_without_a_known_extension(write):
    assert len(read_pairs(write("pairs.txt", CSV))) == 2
    assert len(read_pairs(write("pairs.dat", '{"a": "x", "b": "y", "label": "neutral"}\n'))) == 1


def test_utf8_byte_order_mark_is_accepted(write):
    ds = read_pairs(write("bom.csv", b"\xef\xbb\xbf" + CSV.encode()))
    assert ds.column_names[0] == "id"


def test_latin1_is_an_error_unless_named(write):
    path = write(
        "latin.csv", "a,b,label\nLe député a été élu.,Il a perdu.,contradict\n".encode("latin-1")
    )
    with pytest.raises(StanceError, match=r"latin\.csv: not valid utf-8") as refused:
        read_pairs(path)
    assert refused.value.param == "encoding"  # the CLI names --encoding
    assert read_pairs(path, encoding="latin-1")["a"] == ["Le député a été élu."]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", "", r"empty\.csv: empty file"),
        ("blank.jsonl", "\n\n", r"blank\.jsonl: empty file"),
        ("header.csv", "a,b,label\n", r"header\.csv: header only"),
        ("header.tsv", "a\tlabel\n", r"header\.tsv: missing column b"),
        ("nolabel.csv", "a,b\nx,y\n", r"nolabel\.csv: line 2: missing column label"),
        (
            "unknown.csv",
            "a,b,label\nx,y,entailment\n",
            r"unknown\.csv: line 2: unknown label 'entailment'",
        ),
        (
            "emptya.csv",
            "a,b,label\nx,y,agree\n  ,y,agree\n",
            r"emptya\.csv: line 3: empty statement in column a",
        ),
        (
            "ragged.csv",
            "a,b,label\nx,y,agree\nx,y,agree,extra\n",
            r"ragged\.csv: line 3: 4 fields, but the header has 3",
        ),
        (
            "array.jsonl",
            '{"a":"x","b":"y","label":"agree"}\n["x","y"]\n',
            r"array\.jsonl: line 2: expected a JSON object",
        ),
        ("broken.jsonl", '{"a":"x","b":\n', r"broken\.jsonl: line 1: not valid JSON"),
        (
            "number.jsonl",
            '{"a": 3, "b": "y", "label": "agree"}\n',
            r"number\.jsonl: line 1: column a must be text",
        ),
        ("binary.csv", b"\x00\x01\x02binary\x00", r"binary\.csv: binary file"),
    ],
)
def test_bad_pair_files_give_one_line_errors(write, name, content, message):
    with pytest.raises(StanceError, match=message) as err:
        read_pairs(write(name, content))
    assert "\n" not in str(err.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(StanceError, match="no such file"):
        read_pairs(str(tmp_path / "nope.csv"))
    with pytest.raises(StanceError, match="is a directory"):
        read_pairs(str(tmp_path))


def test_a_ten_megabyte_statement_on_one_line_is_read(write):
    big = "mot " * 2_500_000
    ds = read_pairs(write("big.csv", f"a,b,label\n{big},court,neutral\n"))
    assert len(ds["a"][0]) == len(big)


def test_scoring_input_needs_no_label(write):
    rows = list(iter_pairs(write("s.csv", "a,b\nx,y\n"), require_label=False))
    assert rows == [{"a": "x", "b": "y"}]


def test_own_data_is_valid_balanced_and_large_enough():
    rows = [r for path in OWN_DATA for r in iter_pairs(str(path))]
    assert len(rows) >= 300
    counts = {label: sum(r["label"] == label for r in rows) for label in LABELS}
    assert min(counts.values()) >= 0.2 * len(rows), counts
    assert {r["lang"] for r in rows} >= {"fr", "en"}
    assert len({(r["a"], r["b"]) for r in rows}) == len(rows), "duplicate pairs"


def _scan_pairs_script():
    """training/scan_pairs.py, imported as the script runs it."""
    spec = importlib.util.spec_from_file_location("scan_pairs", ROOT / "training" / "scan_pairs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _candidate(sid: str, claim: str, other: str, other_claim: str) -> dict:
    """A candidate pair as stance.pairs gives it, with just what the mapping reads."""
    a = {"id": sid, "article": sid.split("#")[0], "claim": claim}
    b = {"id": other, "article": other.split("#")[0], "claim": other_claim}
    return {"a": claim, "b": other_claim, "statement_a": a, "statement_b": b}


def test_scan_pair_labels_follow_the_texts_not_the_statement_ids():
    scan_pairs = _scan_pairs_script()
    labelled = [
        {
            "id": "flood-001",
            "story": "flood",
            "a": "the dyke held",
            "b": "the dyke gave way",
            "label": "contradict",
            "a_id": "flood.fr.txt#2",
            "b_id": "flood.en.txt#4",
            "a_claim": "the dyke held",
            "b_claim": "the dyke gave way",
        },
        {
            "id": "flood-002",
            "story": "flood",
            "a": "water fell overnight",
            "b": "schools are closed",
            "label": "neutral",
            "a_id": "flood.fr.txt#3",
            "b_id": "flood.en.txt#5",
            "a_claim": "water fell overnight",
            "b_claim": "schools are closed",
        },
    ]
    # The extractor now finds one more statement early in each article (every id shifts), gives
    # the first pair in the other order, cuts a frame off the second pair's claim, and pairs a
    # statement it did not find before.
    candidates = [
        _candidate("flood.en.txt#5", "the dyke gave way", "flood.fr.txt#3", "the dyke held"),
        _candidate(
            "flood.fr.txt#4", "water fell overnight", "flood.en.txt#6", "schools are closed"
        ),
        _candidate("flood.fr.txt#1", "a new statement", "flood.en.txt#6", "schools are closed"),
    ]
    rows, new, dropped = scan_pairs.carry_labels("flood", labelled, candidates)
    assert [(r["id"], r["label"]) for r in rows] == [
        ("flood-001", "contradict"),
        ("flood-002", "neutral"),
        ("flood-003", None),
    ]
    assert rows[0]["a_id"] == "flood.en.txt#5"  # the ids are the current extractor's
    assert [r["id"] for r in new] == ["flood-003"] and dropped == []

    # The same two statements listed the other way round keep the file's order.
    flipped = [_candidate("flood.en.txt#4", "the dyke gave way", "flood.fr.txt#2", "the dyke held")]
    (row,), _, _ = scan_pairs.carry_labels("flood", labelled[:1], flipped)
    assert (row["a_id"], row["b"], row["label"]) == (
        "flood.fr.txt#2",
        "the dyke gave way",
        "contradict",
    )

    # A claim that changed in substance is a new pair; the old one is reported dropped.
    changed = [
        _candidate("flood.fr.txt#2", "the dyke did not hold", "flood.en.txt#4", "the dyke gave way")
    ]
    rows, new, dropped = scan_pairs.carry_labels("flood", labelled[:1], changed)
    assert [r["label"] for r in rows] == [None] and len(new) == 1
    assert [r["id"] for r in dropped] == ["flood-001"]


def test_a_claim_trimmed_of_its_frame_keeps_its_label():
    scan_pairs = _scan_pairs_script()
    old = {("a.fr.txt", "pour sa part que les salaires des agents stagnent depuis deux ans")}
    trimmed = ("a.fr.txt", "les salaires des agents stagnent depuis deux ans")
    now = {trimmed, ("a.fr.txt", "les salaires"), ("b.fr.txt", trimmed[1])}
    # The short piece is another statement; the same words in another article are another's.
    assert scan_pairs.trimmed_claims(old, now) == {trimmed: next(iter(old))}


def test_labelled_scan_pairs_are_keyed_by_text_and_labelled():
    """data/scan-train/pairs.jsonl: every row carries the two claims its label is keyed by,
    one label per pair of texts, and ids unique; training/scan_pairs.py regenerates it."""
    scan_pairs = _scan_pairs_script()
    rows = scan_pairs.read_rows(ROOT / "data" / "scan-train" / "pairs.jsonl")
    assert len({r["story"] for r in rows}) == 24 and {r["label"] for r in rows} == set(LABELS)
    keys = [scan_pairs.row_key(r) for r in rows]
    assert len(set(keys)) == len(rows) and len({r["id"] for r in rows}) == len(rows)
    assert all(len(key) == 2 and all(claim for _, claim in key) for key in keys)


# --- named corpora, on a miniature copy of the shared folder's formats --------------------------


def test_corpus_loaders_map_labels_and_keep_the_original(mini_corpora):
    xnli = load("xnli-fr:dev", mini_corpora)
    assert xnli["label"] == ["neutral", "contradict"]
    assert xnli["orig_label"] == ["neutral", "contradiction"]
    assert load("xnli-en:dev", mini_corpora)["label"] == ["agree"]

    rte = load("rte3-fr:test", mini_corpora)
    assert rte["a"] == ["Un texte, avec\tune tabulation."]  # standard CSV quoting honoured
    assert rte["label"] == ["agree"]

    assert load("sick-fr:test", mini_corpora)["label"] == ["contradict"]
    assert load("sick:trial", mini_corpora)["label"] == ["agree"]
    assert load("gqnli-fr", mini_corpora)["label"] == ["agree"]
    fracas = load("fracas-fr", mini_corpora)
    assert fracas["label"] == ["agree", "contradict"]  # undef dropped
    assert fracas["orig_label"] == ["yes", "no"]
    assert load("snli:test", mini_corpora)["label"] == ["contradict"]
    xfr = load("xstance-fr", mini_corpora)
    assert (xfr["a"], xfr["b"], xfr["label"]) == (["Faut-il taxer ?"], ["Oui."], ["agree"])
    assert load("xstance-de", mini_corpora)["label"] == ["contradict"]
    fnc = load("fnc1:train", mini_corpora)
    assert fnc["a"] == ["Storm hits coast", "Mayor, 54, resigns"]
    assert fnc["b"][0] == "No storm hit the coast.\nOfficials said so."
    assert fnc["label"] == ["contradict", "neutral"]
    assert fnc["orig_label"] == ["disagree", "unrelated"]


def test_data_dir_comes_from_the_environment(mini_corpora, monkeypatch):
    monkeypatch.setenv("STANCE_DATA_DIR", str(mini_corpora))
    assert len(load("gqnli-fr")) == 1


def test_unknown_corpus_and_missing_data_dir(tmp_path, mini_corpora):
    with pytest.raises(StanceError, match="xnli-fr:train: unknown corpus"):
        load("xnli-fr:train", mini_corpora)
    with pytest.raises(StanceError, match="data folder does not exist"):
        load("gqnli-fr", tmp_path / "nowhere")
    with pytest.raises(StanceError, match="corpus file not found"):
        load("sick-fr:train", tmp_path)


def test_hub_path_is_real_and_reads_a_local_dataset_folder(tmp_path):
    folder = tmp_path / "hubdata"
    folder.mkdir()
    (folder / "train.jsonl").write_text(
        '{"premise": "Il pleut.", "hypothesis": "Il fait sec.", "label": "contradiction"}\n',
        encoding="utf-8",
    )
    ds = load(f"hub:{folder}")
    assert ds["a"] == ["Il pleut."]
    assert ds["label"] == ["contradict"]


def test_hub_failure_is_one_line(monkeypatch):
    import datasets

    def offline(*args, **kwargs):
        raise ConnectionError("Couldn't reach the Hub\nsecond line")

    monkeypatch.setattr(datasets, "load_dataset", offline)
    with pytest.raises(
        StanceError, match=r"^hub:someone/nli: cannot load .*Couldn't reach the Hub\)$"
    ):
        load("hub:someone/nli")


def test_fingerprint_changes_with_content(write):
    one = read_pairs(write("one.csv", "a,b,label\nx,y,agree\n"))
    two = read_pairs(write("two.csv", "a,b,label\nx,y,neutral\n"))
    assert fingerprint(one) != fingerprint(two)
    assert fingerprint(one) == fingerprint(read_pairs(write("three.csv", "a,b,label\nx,y,agree\n")))


# --- the real shared corpora, where this machine has them ---------------------------------------

EXPECTED_ROWS = {
    "xnli-fr:dev": 2490,
    "xnli-fr:test": 5010,
    "xnli-en:dev": 2490,
    "xnli-en:test": 5010,
    "rte3-fr:dev": 800,
    "rte3-fr:test": 800,
    "sick-fr:train": 4439,
    "sick-fr:validation": 495,
    "sick-fr:test": 4906,
    "sick:train": 4439,
    "sick:trial": 495,
    "sick:test": 4906,
    "gqnli-fr": 300,
    "snli:dev": 9842,
    "snli:test": 9824,
    "xstance-fr": 1055,
    "xstance-de": 2871,
    "fnc1:train": 49972,
    "fnc1:test": 25413,
}


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="no ../shared/data on this machine")
@pytest.mark.parametrize("name", sorted(CORPORA))
def test_every_shared_corpus_loads_with_its_published_size(name):
    ds = load(name, SHARED_DATA)
    if name == "fracas-fr":
        assert 300 < len(ds) < 335  # 335 problems less the undef ones
    else:
        assert len(ds) == EXPECTED_ROWS[name]
    assert set(ds["label"]) <= set(LABELS)
    assert all(a.strip() and b.strip() for a, b in zip(ds["a"], ds["b"]))


@pytest.mark.parametrize("folder", ["articles", "articles-heldout", "articles-heldout-2"])
def test_annotated_keys_quote_their_articles_and_pair_known_statements(folder):
    key = json.loads((ROOT / "data" / folder / "key.json").read_text(encoding="utf-8"))
    texts = {}
    for s in key["statements"]:
        if s["article"] not in texts:
            texts[s["article"]] = (ROOT / "data" / folder / s["article"]).read_text("utf-8")
        assert s["quote"] in texts[s["article"]], s["id"]
        assert s["claim"] in s["quote"], s["id"]
    ids = [s["id"] for s in key["statements"]]
    assert len(set(ids)) == len(ids)
    assert all(p["a"] in ids and p["b"] in ids and p["label"] in LABELS for p in key["pairs"])
    assert {p["label"] for p in key["pairs"]} == set(LABELS)
