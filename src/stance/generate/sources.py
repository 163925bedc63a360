"""Real sentences to derive training pairs from: which corpora, which splits, which sentences.

Every sentence comes from a split that may be trained on (FNC-1 train bodies, SNLI dev, SICK
and SICK-FR train, RTE3-FR dev, XNLI dev, FraCaS-FR, and the repository's own news pairs and
scan-train articles), is cut by pysbd, and is dropped when it speaks of armed groups, their
fighters or the Libya story (``excluded.txt``), so that the Libya showcase stays unseen.

Each sentence keeps its *document* (a news body, an RTE paragraph, an NLI premise, an article):
generated pairs are split by document, so that no sentence, nor another sentence of its story,
is on both sides of a held-out split. A sentence of a parallel corpus (XNLI dev, SICK / SICK-FR)
keeps its translation as ``twin``: pairs across French and English are made from those.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..data import CORPORA, fnc1_bodies, load, resolve_data_dir
from ..errors import StanceError
from ..text import folded

HERE = Path(__file__).resolve().parent
SPLITS = ("train", "calibration", "test")
"""Where a document's sentences go: training, fitting the temperature, or measuring."""

# Sentences outside this length say too little (a headline fragment) or too much (a
# paragraph pysbd could not cut) to be read as one statement.
MIN_WORDS, MAX_WORDS = 5, 45
# A document's first characters give it enough sentences; pysbd's time grows with the rest.
MAX_CHARS = 3000


@dataclass(frozen=True)
class Sentence:
    """One real sentence: its text, language, document, corpus and translation if known."""

    id: str
    text: str
    lang: str
    doc: str
    source: str
    twin: str | None = None

    @property
    def split(self) -> str:
        """The split of the sentence's document: 80 % train, 10 % calibration, 10 % test."""
        return document_split(self.doc)


def document_split(doc: str) -> str:
    """80 / 10 / 10 by a hash of the document, stable across runs and machines."""
    bucket = int(hashlib.sha1(doc.encode()).hexdigest()[:8], 16) % 10
    return SPLITS[0] if bucket < 8 else SPLITS[1] if bucket == 8 else SPLITS[2]


@cache
def _excluded() -> re.Pattern[str]:
    words = [
        line.strip()
        for line in (HERE / "excluded.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    # A word of three letters or fewer ("ei") is matched whole; a longer one as a prefix.
    alternatives = (re.escape(w) + (r"\b" if len(w) <= 3 else "") for w in words)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")")


def is_excluded(text: str) -> bool:
    """True for a sentence about armed groups, fighters or the Libya story (``excluded.txt``)."""
    return bool(_excluded().search(folded(text)))


def _usable(text: str) -> bool:
    n = len(text.split())
    return MIN_WORDS <= n <= MAX_WORDS and not is_excluded(text) and "?" not in text


@cache
def _segmenter(lang: str):  # pysbd is imported lazily: only training needs it
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False)


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of a text (pysbd), stripped, with line breaks read as spaces."""
    text = " ".join(text.split())
    return [s.strip() for s in _segmenter(lang).segment(text) if s.strip()]


def _document(
    source: str, doc: str, text: str, lang: str, *, cut: bool = True
) -> Iterator[Sentence]:
    if is_excluded(text):
        return  # one sentence of a story about fighters keeps the whole story out
    parts = split_sentences(text[:MAX_CHARS], lang) if cut else [" ".join(text.split())]
    for i, part in enumerate(parts):
        if _usable(part):
            yield Sentence(f"{doc}#{i}", part, lang, doc, source)


def _distinct(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _nli_premises(spec: str, data_dir: str | os.PathLike[str] | None) -> Iterator[Sentence]:
    ds = load(spec, data_dir)
    lang = ds["lang"][0]
    for premise in _distinct(ds["a"]):
        doc = f"{spec}/{hashlib.sha1(premise.encode()).hexdigest()[:12]}"
        yield from _document(spec, doc, premise, lang)


def _parallel(
    fr_spec: str,
    en_spec: str,
    data_dir: str | os.PathLike[str] | None,
    key: Callable[[str], str] = lambda id_: id_,
) -> Iterator[Sentence]:
    """Premises of two parallel corpora (same ids), each with the other as its twin."""
    fr, en = load(fr_spec, data_dir), load(en_spec, data_dir)
    english = {key(i): a for i, a in zip(en["id"], en["a"])}
    seen: set[str] = set()
    for id_, premise in zip(fr["id"], fr["a"]):
        other = english.get(key(id_))
        if other is None or premise in seen:
            continue
        seen.add(premise)
        if not (_usable(premise) and _usable(other)):
            continue
        doc = f"{fr_spec}+{en_spec}/{key(id_)}"
        yield Sentence(f"{doc}#fr", premise, "fr", doc, fr_spec, twin=other)
        yield Sentence(f"{doc}#en", other, "en", doc, en_spec, twin=premise)


def _fnc1_bodies(data_dir: str | os.PathLike[str] | None) -> Iterator[Sentence]:
    for body_id, body in fnc1_bodies("train", data_dir).items():
        yield from _document("fnc1:train", f"fnc1:train/{body_id}", body, "en")


def _rte_premises(data_dir: str | os.PathLike[str] | None) -> Iterator[Sentence]:
    yield from _nli_premises("rte3-fr:dev", data_dir)


ROOT = HERE.parents[2]
OWN_PAIR_FILES = (
    "data/pairs.fr.jsonl",
    "data/pairs.en.jsonl",
    "data/pairs.cross.jsonl",
    "data/pairs.news.jsonl",
)
"""The project's hand-written pair files, trained on whole (the coverage pairs are split)."""
SCAN_TRAIN = "data/scan-train"
COVERAGE = "data/pairs.coverage.jsonl"


def _own_pairs(root: Path, files: Iterable[str]) -> Iterator[Sentence]:
    """Both statements of the project's pair files, each pair a document of its own."""
    for name in files:
        for line in (root / name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            langs = (row.get("lang") or "fr").split("-")
            for side, lang in zip(("a", "b"), (langs[0], langs[-1])):
                text = " ".join(row[side].split())
                if _usable(text):
                    doc = f"{name}/{row['id']}"
                    yield Sentence(f"{doc}#{side}", text, lang, doc, name)


def _scan_articles(root: Path) -> Iterator[Sentence]:
    """The sentences of the scan-train articles; one story (both languages) is one document."""
    for path in sorted((root / SCAN_TRAIN).glob("*.txt")):
        story, lang = path.name.split(".")[:2]
        yield from _document(
            SCAN_TRAIN, f"{SCAN_TRAIN}/{story}", path.read_text(encoding="utf-8"), lang
        )


PUBLIC_SOURCES: dict[str, Callable[[str | os.PathLike[str] | None], Iterator[Sentence]]] = {
    "fnc1:train": _fnc1_bodies,
    "rte3-fr:dev": _rte_premises,
    "xnli-fr:dev+xnli-en:dev": lambda d: _parallel("xnli-fr:dev", "xnli-en:dev", d),
    "sick-fr:train+sick:train": lambda d: _parallel("sick-fr:train", "sick:train", d),
    "snli:dev": lambda d: _nli_premises("snli:dev", d),
    "fracas-fr": lambda d: _nli_premises("fracas-fr", d),
}
"""Public corpora sentences are drawn from, by name (train or dev splits only)."""

OWN_SOURCES = ("own-pairs", "scan-train")
"""The repository's own sentences (MIT, like the code)."""


def sentences(
    sources: Iterable[str] = (*PUBLIC_SOURCES, *OWN_SOURCES),
    data_dir: str | os.PathLike[str] | None = None,
    root: Path = ROOT,
) -> list[Sentence]:
    """Every usable sentence of the named sources, in a fixed order, without repeats."""
    out: dict[str, Sentence] = {}
    for name in sources:
        if name in PUBLIC_SOURCES:
            if not resolve_data_dir(data_dir).is_dir():
                raise StanceError(f"{resolve_data_dir(data_dir)}: data folder does not exist")
            found: Iterable[Sentence] = PUBLIC_SOURCES[name](data_dir)
        elif name == "own-pairs":
            found = _own_pairs(root, OWN_PAIR_FILES)
        elif name == "scan-train":
            found = _scan_articles(root)
        else:
            raise StanceError(f"{name}: unknown sentence source (known: {list(PUBLIC_SOURCES)})")
        for s in found:
            out.setdefault(f"{s.lang}:{s.text}", s)
    return list(out.values())


def licence(source: str) -> str:
    """The licence a sentence source carries into pairs made from it."""
    if source in (*OWN_PAIR_FILES, SCAN_TRAIN, COVERAGE, *OWN_SOURCES):
        return "MIT (the repository's own text)"
    names = source.split("+")
    return "; ".join(f"{n}: {CORPORA[n].licence}" for n in names if n in CORPORA)
