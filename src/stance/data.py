"""Loaders: the project's own pair files and every public corpus stance knows by name.

Everything that reads labelled pairs goes through :func:`load`, which takes either a file path
(CSV, TSV or JSON Lines with columns ``a``, ``b``, ``label``), a corpus name such as
``xnli-fr:dev`` (read from the shared data folder), or ``hub:NAME[:SPLIT]`` (a Hugging Face hub
dataset), and returns a :class:`datasets.Dataset` with at least the columns ``a``, ``b`` and
``label``. Labels are always one of :data:`LABELS`; a corpus's own label is kept in
``orig_label``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import StanceError
from .fileio import (
    STDIO,
    check_input_file,
    sha256_file,
)
from .pairfiles import read_pairs, rows_to_dataset
from .settings import DEFAULT_DATA_DIR as DEFAULT_DATA_DIR
from .settings import LABELS as LABELS
from .settings import resolve_data_dir

if TYPE_CHECKING:  # datasets (and pyarrow, pandas) load only when a table is built
    import datasets


NLI_LABELS = {"entailment": "agree", "contradiction": "contradict", "neutral": "neutral"}


# ---------------------------------------------------------------------------------------------
# Public corpora in the shared data folder
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """How to read one named corpus split from the data folder."""

    files: tuple[str, ...]
    read: Callable[[Path], list[dict[str, Any]]]
    licence: str
    origin: str = ""
    """Where the public corpus comes from, for a person who fetches it."""
    layout: str = ""
    """What the files must hold: format and the columns read."""


def _table(path: Path, delimiter: str = "\t") -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, delimiter=delimiter))
    except FileNotFoundError:
        raise StanceError(f"{path}: corpus file not found (is the data folder complete?)") from None


def _pair(
    a: str, b: str, orig: str, label: str, id_: Any, lang: str, source: str
) -> dict[str, Any]:
    return {
        "a": a,
        "b": b,
        "label": label,
        "orig_label": orig,
        "id": str(id_),
        "lang": lang,
        "source": source,
    }


def _nli(
    file: str,
    source: str,
    lang: str,
    *,
    label: str = "label",
    orig: str | None = None,
    a: str = "premise",
    b: str = "hypothesis",
    id_: str | None = "id",
    keep: Callable[[dict[str, str]], bool] = lambda row: True,
) -> Callable[[Path], list[dict]]:
    """A reader for an NLI table: columns ``a``/``b``, NLI label in ``label`` (any case), the
    corpus's own label in ``orig`` (default: the same column), rows filtered by ``keep``."""

    def read(root: Path) -> list[dict]:
        return [
            _pair(
                r[a],
                r[b],
                r[orig or label],
                NLI_LABELS[r[label].lower()],
                r[id_] if id_ else i,
                lang,
                source,
            )
            for i, r in enumerate(_table(root / file))
            if keep(r)
        ]

    return read


def _xnli(lang: str, split: str) -> Callable[[Path], list[dict]]:
    return _nli(
        f"xnli/xnli.{split}.fr_en.tsv",
        f"xnli-{lang}:{split}",
        lang,
        id_="pairID",
        keep=lambda r: r["language"] == lang,
    )


def _rte3(split: str) -> Callable[[Path], list[dict]]:
    name = {"dev": "dev-set", "test": "test-gold"}[split]
    return _nli(f"rte3_fr/RTE3-FR-{name}-3class.tsv", f"rte3-fr:{split}", "fr", label="label_text")


def _sick_fr(split: str) -> Callable[[Path], list[dict]]:
    return _nli(
        "sick_fr/sick_fr.tsv",
        f"sick-fr:{split}",
        "fr",
        id_="pair_ID",
        keep=lambda r: r["split"] == split,
    )


def _sick(split: str) -> Callable[[Path], list[dict]]:
    return _nli(
        "sick/SICK.txt",
        f"sick:{split}",
        "en",
        label="entailment_label",
        a="sentence_A",
        b="sentence_B",
        id_="pair_ID",
        keep=lambda r: r["SemEval_set"] == split.upper(),
    )


_gqnli = _nli("gqnli_fr/gqnli.test.fr.tsv", "gqnli-fr", "fr", label="label_text", id_="uid")

# FraCaS "undef" problems have no single answer (and some no hypothesis): dropped.
_fracas = _nli(
    "fracas_fr/fracas_fr.tsv",
    "fracas-fr",
    "fr",
    orig="label_fracas",
    id_="problem_id",
    keep=lambda r: r["label"] != "undef",
)


def _snli(split: str) -> Callable[[Path], list[dict]]:
    return _nli(f"snli/snli_1.0_{split}.tsv", f"snli:{split}", "en", id_=None)


XSTANCE_LABELS = {"FAVOR": "agree", "AGAINST": "contradict"}


def _xstance(lang: str) -> Callable[[Path], list[dict]]:
    # a = the yes/no question, b = the comment; the stance is relative to the question.
    def read(root: Path) -> list[dict]:
        path = root / "xstance/valid.jsonl"
        if not path.is_file():
            raise StanceError(f"{path}: corpus file not found (is the data folder complete?)")
        with open(path, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        return [
            _pair(
                r["question"],
                r["comment"],
                r["label"],
                XSTANCE_LABELS[r["label"]],
                r["id"],
                lang,
                f"xstance-{lang}",
            )
            for r in rows
            if r["language"] == lang
        ]

    return read


FNC1_LABELS = {
    "agree": "agree",
    "disagree": "contradict",
    "discuss": "neutral",
    "unrelated": "neutral",
}


FNC1_PREFIX = {"train": "train", "test": "competition_test"}


def fnc1_bodies(split: str, data_dir: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """FNC-1's article bodies of a split by body id (the news text its headlines are paired
    with; sentences for generated pairs are drawn from the train bodies)."""
    path = resolve_data_dir(data_dir) / f"fnc1/{FNC1_PREFIX[split]}_bodies.csv"
    return {r["Body ID"]: r["articleBody"] for r in _table(path, ",")}


def _fnc1(split: str) -> Callable[[Path], list[dict]]:
    prefix = FNC1_PREFIX[split]

    def read(root: Path) -> list[dict]:
        bodies = fnc1_bodies(split, root)
        return [
            _pair(
                r["Headline"],
                bodies[r["Body ID"]],
                r["Stance"],
                FNC1_LABELS[r["Stance"]],
                i,
                "en",
                f"fnc1:{split}",
            )
            for i, r in enumerate(_table(root / f"fnc1/{prefix}_stances.csv", ","))
        ]

    return read


NC = "CC BY-NC 4.0 (non-commercial)"
NC_SA = "CC BY-NC-SA 3.0 (non-commercial, share-alike)"
NLI_VALUES = "entailment / neutral / contradiction"
SOURCES = {
    "xnli": (
        "XNLI 1.0 dev and test, French and English rows: github.com/facebookresearch/XNLI",
        "TSV with a header; columns language (fr, en), pairID, premise, hypothesis, "
        f"label ({NLI_VALUES})",
    ),
    "rte3_fr": (
        "RTE-3 in French (3-class files): github.com/mskandalis/rte3-french",
        "TSV with a header, CSV quoting; columns id, premise, hypothesis, label_text "
        f"({NLI_VALUES})",
    ),
    "sick_fr": (
        "SICK in French: github.com/mskandalis/hybrid_nli_fr, as one table",
        f"TSV with a header; columns pair_ID, split (train / validation / test), premise, "
        f"hypothesis, label ({NLI_VALUES})",
    ),
    "sick": (
        "SICK.txt, the full SICK distribution: github.com/kkalouli/SICK-processing",
        "TSV with a header; columns pair_ID, sentence_A, sentence_B, entailment_label, "
        "SemEval_set (TRAIN / TRIAL / TEST)",
    ),
    "gqnli_fr": (
        "GQNLI in French: github.com/mskandalis/gqnli-french",
        f"TSV with a header; columns uid, premise, hypothesis, label_text ({NLI_VALUES})",
    ),
    "fracas_fr": (
        "FraCaS in French: github.com/mskandalis/hybrid_nli_fr (text) and "
        "github.com/mskandalis/follie-dataset (labels), joined by problem",
        "TSV with a header; columns problem_id, premise, hypothesis, label (entailment / neutral "
        "/ contradiction / undef), label_fracas",
    ),
    "snli": (
        "SNLI 1.0 dev and test: nlp.stanford.edu/projects/snli",
        f"TSV with a header; columns premise, hypothesis, label ({NLI_VALUES})",
    ),
    "xstance": (
        "x-stance validation set: github.com/ZurichNLP/xstance",
        "JSON Lines; fields id, language (de, fr), question, comment, label (FAVOR / AGAINST)",
    ),
    "fnc1": (
        "Fake News Challenge FNC-1: github.com/FakeNewsChallenge/fnc-1",
        "CSV with a header: the stances file (Headline, Body ID, Stance) and the bodies file "
        "(Body ID, articleBody)",
    ),
}
"""Each corpus folder's public origin and the layout its reader expects, for ``stance
corpora``."""


def _corpus(
    files: tuple[str, ...], read: Callable[[Path], list[dict[str, Any]]], licence: str
) -> Corpus:
    """A Corpus with the origin and layout of its folder (the first part of its files)."""
    origin, layout = SOURCES[files[0].split("/")[0]]
    return Corpus(files, read, licence, origin, layout)


CORPORA: dict[str, Corpus] = {
    **{
        f"xnli-{lang}:{split}": _corpus((f"xnli/xnli.{split}.fr_en.tsv",), _xnli(lang, split), NC)
        for lang in ("fr", "en")
        for split in ("dev", "test")
    },
    **{
        f"rte3-fr:{split}": _corpus(
            (f"rte3_fr/RTE3-FR-{'dev-set' if split == 'dev' else 'test-gold'}-3class.tsv",),
            _rte3(split),
            "BSD-2-Clause (translation); RTE-3 licence unstated",
        )
        for split in ("dev", "test")
    },
    **{
        f"sick-fr:{split}": _corpus(("sick_fr/sick_fr.tsv",), _sick_fr(split), NC_SA)
        for split in ("train", "validation", "test")
    },
    **{
        f"sick:{split}": _corpus(("sick/SICK.txt",), _sick(split), NC_SA)
        for split in ("train", "trial", "test")
    },
    "gqnli-fr": _corpus(("gqnli_fr/gqnli.test.fr.tsv",), _gqnli, "BSD-2-Clause"),
    "fracas-fr": _corpus(
        ("fracas_fr/fracas_fr.tsv",),
        _fracas,
        "BSD-2-Clause (repositories); translation licence unstated",
    ),
    **{
        f"snli:{split}": _corpus((f"snli/snli_1.0_{split}.tsv",), _snli(split), "CC BY-SA 4.0")
        for split in ("dev", "test")
    },
    **{
        f"xstance-{lang}": _corpus(
            ("xstance/valid.jsonl",),
            _xstance(lang),
            "CC BY-NC 4.0 (non-commercial, (c) smartvote.ch)",
        )
        for lang in ("fr", "de")
    },
    **{
        f"fnc1:{split}": _corpus(
            (f"fnc1/{p}_stances.csv", f"fnc1/{p}_bodies.csv"),
            _fnc1(split),
            "none stated (research use)",
        )
        for split, p in (("train", "train"), ("test", "competition_test"))
    },
}
"""Every corpus name accepted wherever a data file is, with its files and licence."""


def _load_corpus(name: str, data_dir: str | os.PathLike[str] | None) -> datasets.Dataset:
    root = resolve_data_dir(data_dir)
    if not root.is_dir():
        raise StanceError(f"{root}: data folder does not exist", param="data_dir")
    return rows_to_dataset(CORPORA[name].read(root))


HUB_A = ("a", "premise", "sentence1", "sentence_A", "text_a", "question", "headline")
HUB_B = ("b", "hypothesis", "sentence2", "sentence_B", "text_b", "comment", "body")


def _load_hub(spec: str) -> datasets.Dataset:
    """``hub:NAME[:SPLIT]`` through :func:`datasets.load_dataset`, mapped to a / b / label.

    NAME may also be a local folder of data files, which ``load_dataset`` reads the same way.
    """
    import datasets

    name, _, split = spec[len("hub:") :].partition(":")
    try:
        ds = datasets.load_dataset(name, split=split or "train")
    except Exception as err:  # network, unknown name, bad split: all one line for the user
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise StanceError(f"{spec}: cannot load from the Hugging Face hub ({first})") from err
    a = next((c for c in HUB_A if c in ds.column_names), None)
    b = next((c for c in HUB_B if c in ds.column_names), None)
    if a is None or b is None or "label" not in ds.column_names:
        raise StanceError(f"{spec}: needs text-pair columns and a label, has {ds.column_names}")
    feature = ds.features["label"]
    names = feature.names if isinstance(feature, datasets.ClassLabel) else None
    mapping = {
        **NLI_LABELS,
        **{k.lower(): v for k, v in FNC1_LABELS.items()},
        **{k.lower(): v for k, v in XSTANCE_LABELS.items()},
        **{x: x for x in LABELS},
    }
    rows = []
    for i, r in enumerate(ds):
        orig = names[r["label"]] if names and isinstance(r["label"], int) else r["label"]
        if isinstance(orig, int) and orig < 0:  # unlabelled rows (e.g. SNLI's -1)
            continue
        label = mapping.get(str(orig).strip().lower())
        if label is None:
            raise StanceError(f"{spec}: row {i}: unknown label {orig!r}")
        rows.append(_pair(r[a], r[b], str(orig), label, i, "", spec))
    return rows_to_dataset(rows)


def load(
    spec: str, data_dir: str | os.PathLike[str] | None = None, encoding: str = "utf-8"
) -> datasets.Dataset:
    """Load labelled pairs from a file, a corpus name or ``hub:NAME[:SPLIT]``.

    A path that exists is always read as a file, so a file may be named like a corpus.
    """
    if spec != STDIO and not Path(spec).exists():
        if spec in CORPORA:
            return _load_corpus(spec, data_dir)
        if spec.startswith("hub:"):
            return _load_hub(spec)
        if ":" in spec or spec in {n.split(":")[0] for n in CORPORA}:
            raise StanceError(
                f"{spec}: unknown corpus (known: {', '.join(CORPORA)}, or hub:NAME[:SPLIT])"
            )
    return read_pairs(spec, encoding)


def corpus_present(name: str, data_dir: str | os.PathLike[str] | None = None) -> bool:
    """Whether every file of the corpus ``name`` is in the data folder."""
    root = resolve_data_dir(data_dir)
    return all((root / f).is_file() for f in CORPORA[name].files)


def check_spec(spec: str, data_dir: str | os.PathLike[str] | None = None) -> None:
    """Refuse, without reading it, a data spec that cannot load: a missing file, an unknown
    corpus name, a corpus whose files are not in the data folder. Called on every spec before
    the first is loaded, so that a typo in the last one does not wait for the others."""
    if spec == STDIO or spec.startswith("hub:") or Path(spec).exists():
        if spec != STDIO and not spec.startswith("hub:"):
            check_input_file(spec)
        return
    if spec in CORPORA:
        root = resolve_data_dir(data_dir)
        if not root.is_dir():
            raise StanceError(f"{root}: data folder does not exist", param="data_dir")
        missing = [f for f in CORPORA[spec].files if not (root / f).is_file()]
        if missing:
            raise StanceError(f"{spec}: {root / missing[0]} is missing from the data folder")
        return
    if ":" in spec or spec in {n.split(":")[0] for n in CORPORA}:
        raise StanceError(
            f"{spec}: unknown corpus (known: {', '.join(CORPORA)}, or hub:NAME[:SPLIT])"
        )
    check_input_file(spec)


def source_files(spec: str, data_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """The files a spec reads, for recording their sha256 in a model card."""
    if spec in CORPORA and not Path(spec).exists():
        root = resolve_data_dir(data_dir)
        return [root / f for f in CORPORA[spec].files]
    if spec == STDIO or spec.startswith("hub:"):
        return []
    return [Path(spec)]


def fingerprint(ds: datasets.Dataset) -> str:
    """sha256 of the pairs' content (a, b, label in order): changes iff the training data does."""
    digest = hashlib.sha256()
    for a, b, label in zip(ds["a"], ds["b"], ds["label"]):
        digest.update(f"{a}\x1f{b}\x1f{label}\x1e".encode())
    return digest.hexdigest()


def describe(spec: str, ds: datasets.Dataset, data_dir: str | os.PathLike[str] | None) -> dict:
    """What a model card records about one source of training data."""
    files = {str(p): sha256_file(p) for p in source_files(spec, data_dir)}
    licence = CORPORA[spec].licence if spec in CORPORA and not Path(spec).exists() else None
    return {
        "name": spec,
        "rows": len(ds),
        "sha256": fingerprint(ds),
        "files": files,
        "licence": licence,
    }


def locate(
    spec: str, data_dir: str | os.PathLike[str] | None, card_dir: str | os.PathLike[str]
) -> dict[str, str]:
    """Where a model card says one source can be found again, from any folder: a file's
    absolute path and its path relative to the card's folder; a corpus's name and the absolute
    data folder it was read from. (Only the first row of the card's ``training_data`` entry,
    ``name``, is what was typed.)"""
    if spec in CORPORA and not Path(spec).exists():
        return {"corpus": spec, "data_dir": str(resolve_data_dir(data_dir).resolve())}
    if spec == STDIO or spec.startswith("hub:"):
        return {}
    path = Path(spec).resolve()
    return {"path": str(path), "card_relative": os.path.relpath(path, Path(card_dir).resolve())}


def find_recorded(
    entry: dict[str, Any],
    card_file: str | os.PathLike[str],
    data_dir: str | os.PathLike[str] | None,
) -> tuple[str, str | os.PathLike[str] | None]:
    """The spec and data folder to load a card's recorded source from, wherever the command
    runs: a corpus by its name in the data folder in use, else in the one it was trained from;
    a file at its recorded absolute path, beside the card, or as named (the working folder of
    the training). A card written before locations were recorded names its files relative to
    the folder training ran in: beside the card, or one folder up for the shipped models
    (``models/``). Raises StanceError naming the card when the source is nowhere."""
    name = entry["name"]
    card_dir = Path(card_file).resolve().parent
    corpus = entry.get("corpus") or (name if name in CORPORA else None)
    if corpus:
        folders = [resolve_data_dir(data_dir)]
        if entry.get("data_dir"):
            folders.append(Path(entry["data_dir"]))
        for folder in folders:
            if all((folder / f).is_file() for f in CORPORA[corpus].files):
                return corpus, folder
        for recorded in entry.get("files", {}):  # old cards: the data folder beside the training
            for base in (card_dir, card_dir.parent):
                root = _data_root(base / recorded, CORPORA[corpus].files)
                if root is not None:
                    return corpus, root
        raise StanceError(
            f"{card_file}: trained on the corpus {corpus}, which is not in the data folder "
            f"{resolve_data_dir(data_dir)} (stance corpora says where it goes); name another "
            "data folder, or the data to evaluate on",
            param="data_dir",
        )
    candidates = [
        entry.get("path"),
        entry.get("card_relative") and card_dir / entry["card_relative"],
    ]
    candidates += [name, card_dir / name, card_dir.parent / name]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return str(candidate), data_dir
    raise StanceError(
        f"{card_file}: trained on {name}, which is found neither where the card recorded it "
        "nor beside the card; name the data to evaluate on"
    )


def _data_root(recorded: Path, files: tuple[str, ...]) -> Path | None:
    """The data folder that holds ``recorded`` as one of ``files``, if it is there."""
    for f in files:
        if recorded.as_posix().endswith(f) and recorded.is_file():
            root = Path(recorded.as_posix()[: -len(f)] or ".")
            if all((root / g).is_file() for g in files):
                return root
    return None


def pairs_of(ds: Any) -> list[tuple[str, str]]:
    """The (a, b) pairs of a Dataset, DataFrame or any table with ``a`` and ``b`` columns."""
    return list(zip(ds["a"], ds["b"]))
