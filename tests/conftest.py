"""Shared fixtures: the repo's own pairs, a miniature corpus folder, a small fitted model."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sklearn.pipeline import Pipeline

import stance
from stance.api import one_blas_thread
from stance.model import DEFAULT_MODEL_FILE
from stance.pairfiles import read_pairs

ROOT = Path(__file__).resolve().parents[1]
OWN_DATA = sorted((ROOT / "data").glob("pairs.*.jsonl"))
SHARED_DATA = Path(os.environ.get("STANCE_DATA_DIR", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session", autouse=True)
def _one_blas_thread():
    """Every fit in the suite (cross-validation, grid search, calibration) with single-threaded
    BLAS, as ``stance.train`` does: ten times faster here (see ``stance.api.one_blas_thread``)."""
    with one_blas_thread():
        yield


# Small vocabularies keep every fit in the suite well under a second.
SMALL = {"max_word_features": 3000, "max_char_features": 3000, "min_df": 1}


@pytest.fixture(scope="session")
def own_pairs() -> tuple[list[tuple[str, str]], list[str]]:
    """All labelled pairs the project wrote in data/, as (pairs, labels)."""
    rows = [row for path in OWN_DATA for row in read_pairs(str(path))]
    return [(r["a"], r["b"]) for r in rows], [r["label"] for r in rows]


@pytest.fixture(scope="session")
def small_model(own_pairs):
    """A Pipeline fitted on the project's pairs with small vocabularies."""
    pairs, labels = own_pairs
    return stance.build_pipeline(**SMALL).fit(pairs, labels)


@pytest.fixture(scope="session")
def shipped_model() -> Callable[[str], Pipeline]:
    """``shipped_model(file)``: a shipped model (models/), loaded once per test run."""
    loaded: dict[str, Pipeline] = {}

    def load(file: str = DEFAULT_MODEL_FILE) -> Pipeline:
        if file not in loaded:
            loaded[file] = stance.load_model(default=file)
        return loaded[file]

    return load


@pytest.fixture(scope="session")
def model_path(small_model, tmp_path_factory) -> Path:
    """The small model saved as a file, for the command line."""
    path = tmp_path_factory.mktemp("model") / "m.skops"
    stance.save_model(small_model, path, {})
    return path


@pytest.fixture
def write(tmp_path):
    """write(name, text or bytes) -> path of a new file in tmp_path."""

    def _write(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    return _write


def jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


@pytest.fixture
def mini_corpora(tmp_path) -> Path:
    """A data folder laid out like ../shared/data, a few rows per corpus, in the real formats."""
    root = tmp_path / "shared-data"
    files = {
        "xnli/xnli.dev.fr_en.tsv": (
            "language\tsplit\tpromptID\tpairID\tgenre\tlabel\tpremise\thypothesis\n"
            "fr\tdev\t1\t1\tnews\tneutral\tIl pleut.\tIl fait froid.\n"
            "fr\tdev\t1\t2\tnews\tcontradiction\tIl pleut.\tIl fait sec.\n"
            "en\tdev\t1\t1\tnews\tentailment\tIt rains.\tIt is wet.\n"
        ),
        "rte3_fr/RTE3-FR-test-gold-3class.tsv": (
            "id\tlanguage\tpremise\thypothesis\tlabel\tlabel_text\ttask\tlength\n"
            '7\tfr\t"Un texte, avec\tune tabulation."\tUn texte.\t0\tentailment\tIE\tshort\n'
        ),
        "sick_fr/sick_fr.tsv": (
            "pair_ID\tsplit\tSemEval_set\tlabel\tpremise\thypothesis\n"
            "1\ttrain\tTRAIN\tneutral\tUn chien court\tUn chat dort\n"
            "2\ttest\tTEST\tcontradiction\tUn homme chante\tPersonne ne chante\n"
        ),
        "sick/SICK.txt": (
            "pair_ID\tsentence_A\tsentence_B\tentailment_label\trelatedness_score\tentailment_AB"
            "\tentailment_BA\tsentence_A_original\tsentence_B_original\tsentence_A_dataset"
            "\tsentence_B_dataset\tSemEval_set\r\n"
            "1\tA dog runs\tAn animal runs\tENTAILMENT\t4.5\tA_entails_B\tB_neutral_A\tx\ty\tF\tF"
            "\tTRIAL\r\n"
        ),
        "gqnli_fr/gqnli.test.fr.tsv": (
            "uid\tpremise\thypothesis\tlabel\tlabel_text\tpremise_original\thypothesis_original\n"
            "0\tIl y a six chiens.\tIl y a un chien.\t0\tentailment\tSix dogs.\tA dog.\n"
        ),
        "fracas_fr/fracas_fr.tsv": (
            "problem_id\tlabel_fracas\tlabel\tpremise\thypothesis\n"
            "1\tyes\tentailment\tUn Italien chante.\tQuelqu'un chante.\n"
            "2\tno\tcontradiction\tTout le monde dort.\tPersonne ne dort.\n"
            "3\tundef\tundef\tLe ténor chante.\tNone\n"
        ),
        "snli/snli_1.0_test.tsv": (
            "split\tlabel\tpremise\thypothesis\ntest\tcontradiction\tA man sleeps.\tA man runs.\n"
        ),
        "xstance/valid.jsonl": jsonl(
            [
                {
                    "id": 1,
                    "language": "fr",
                    "question": "Faut-il taxer ?",
                    "comment": "Oui.",
                    "label": "FAVOR",
                },
                {
                    "id": 2,
                    "language": "de",
                    "question": "Steuern?",
                    "comment": "Nein.",
                    "label": "AGAINST",
                },
            ]
        ),
        "fnc1/train_stances.csv": (
            "Headline,Body ID,Stance\n"
            "Storm hits coast,5,disagree\n"
            '"Mayor, 54, resigns",6,unrelated\n'
        ),
        "fnc1/train_bodies.csv": (
            'Body ID,articleBody\n5,"No storm hit the coast.\nOfficials said so."\n6,Text.\n'
        ),
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return root
