"""The verbs of stance as Python functions: train, evaluate, score.

The CLI is a thin layer over these; anything the CLI does, a notebook can do by calling them.
"""

from __future__ import annotations

import glob
import os
import sys
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from datetime import datetime, timezone
from itertools import chain, islice
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from sklearn.pipeline import Pipeline
from tqdm import tqdm

from .archive import ARCHIVE_SUFFIX, read_archive
from .data import (
    LABELS,
    check_spec,
    describe,
    find_recorded,
    fingerprint,
    load,
    locate,
    pairs_of,
)
from .errors import StanceError
from .extract import extract, read_article
from .features import Pairs, split_pairs
from .fileio import (
    GLOB_CHARS,
    STDIO,
    RecordWriter,
    atomic_write,
    check_input_file,
    check_output_path,
    count_lines,
    display_name,
    json_line,
    output_format,
    write_records,
)
from .metrics import classification_report
from .model import (
    MODEL_SUFFIX,
    card_path,
    default_model_path,
    fit_pipeline,
    heldout_split,
    load_model,
    one_blas_thread,
    read_card,
    save_model,
    verdict,
)
from .pairfiles import PairBlock, pair_blocks
from .pairs import THRESHOLD, candidate_index, statement_text
from .parallel import (
    MIN_ARTICLES,
    MIN_PAIRS,
    jobs_for,
    on_cluster,
    run_pieces,
    runs_in_parallel,
)
from .params import check_params
from .rank import DEFAULT_RANK, RANKS, Ranking
from .report import paragraph_starts
from .text import count_unsupported

Log = Callable[[str], None]


def _quiet(message: str) -> None:
    """The default logger of the Python API: silent."""


def load_sources(
    specs: Sequence[str], data_dir: str | os.PathLike[str] | None, encoding: str = "utf-8"
) -> list[tuple[str, Any]]:
    """Load each data spec once, in order: ``[(spec, Dataset), ...]``."""
    if not specs:
        raise StanceError("no data given")
    duplicates = sorted({s for s in specs if list(specs).count(s) > 1})
    if duplicates:
        raise StanceError(f"{duplicates[0]}: given twice")
    for spec in specs:
        check_spec(spec, data_dir)
    return [(spec, load(spec, data_dir, encoding)) for spec in specs]


def _columns(sources: Sequence[tuple[str, Any]]) -> tuple[list[tuple[str, str]], list[str]]:
    pairs: list[tuple[str, str]] = []
    labels: list[str] = []
    for _, ds in sources:
        pairs += pairs_of(ds)
        labels += list(ds["label"])
    return pairs, labels


BATCH = 2048


def article_paths(paths: Sequence[str]) -> list[str]:
    """The article files named by ``paths``: files as given (``.jsonl`` ones are archives, see
    :mod:`stance.archive`), folders as their ``*.txt`` files (searched recursively, in name
    order), ``-`` for stdin. Archives in a folder are not read: a folder of articles often
    holds the statements or pairs written from them, also as ``.jsonl``."""
    found: list[str] = []
    for path in paths:
        if path != STDIO and Path(path).is_dir():
            inside = sorted(str(p) for p in Path(path).rglob("*.txt") if p.is_file())
            if not inside:
                raise StanceError(f"{path}: folder holds no .txt article")
            found += inside
        else:
            found.append(path)
    return found


Source = tuple[str, str, str | None, dict[str, str]]
"""Where an article comes from: ``(path, name, text, fields)``. A file's text is None (its
reader reads it); an archived article carries its text, and ``fields`` its ``outlet``, ``date``
and ``lang``."""


def _read_and_extract(
    sources: Sequence[Source], encoding: str, narrative: bool
) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """One piece of extraction work: ``[(name, text, statements), ...]`` for its sources. An
    archived article's statements carry its outlet and date."""
    out = []
    for path, name, text, fields in sources:
        text = read_article(path, encoding) if text is None else text
        lang = fields.get("lang")
        dated = {k: fields[k] for k in ("outlet", "date") if k in fields}
        found = extract(text, name, lang=lang, narrative=narrative)
        out.append((name, text, [{**s.to_dict(), **dated} for s in found]))
    return out


ARTICLES_PER_TASK = 64
PAIRS_PER_TASK = BATCH


def _article_pieces(named: list[Source], jobs: int | None) -> list[list[Source]]:
    """Articles cut into pieces of work: at most :data:`ARTICLES_PER_TASK`, and small enough
    that each local worker gets a few."""
    size = ARTICLES_PER_TASK
    if not on_cluster():
        size = max(1, min(size, -(-len(named) // (4 * jobs_for(jobs)))))
    return list(_batches(named, size))


def _sources(files: Sequence[str], encoding: str) -> list[Source]:
    """Every article of ``files``, in name order, each named once: a file by its file name (by
    its path where two files share a name), an archived article by its ``id``. Name order makes
    a run's output independent of the order in which files were given."""
    basenames = [Path(p).name for p in files]
    sources: list[Source] = []
    where: dict[str, str] = {}
    for path, base in zip(files, basenames):
        if path != STDIO and Path(path).suffix == ARCHIVE_SUFFIX:
            named = [
                (
                    path,
                    article.id,
                    article.text,
                    {"outlet": article.outlet, "date": article.date}
                    | ({"lang": article.lang} if article.lang else {}),
                    f"{path}: line {article.line}",
                )
                for article in read_archive(path, encoding)
            ]
        else:
            name = display_name(path) if path == STDIO or basenames.count(base) > 1 else base
            named = [(path, name, None, {}, path)]
        for source_path, name, text, fields, place in named:
            if name in where:
                raise StanceError(f"{place}: article {name!r} given twice (also {where[name]})")
            where[name] = place
            sources.append((source_path, name, text, fields))
    return sorted(sources, key=lambda source: source[1])


def extract_files(
    paths: Sequence[str],
    encoding: str = "utf-8",
    narrative: bool = False,
    *,
    jobs: int | None = None,
    progress: bool | None = False,
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Statements (as dicts) of every article, and each article's text by name, in name order.

    ``paths`` are article files, JSON Lines archives (``.jsonl``, see :mod:`stance.archive`) or
    folders of ``*.txt`` files. An article is named by its file name, or by its path where two
    files share a name, or by its ``id`` in an archive; ``-`` reads one article from stdin,
    named ``<stdin>``. Statements of archived articles also carry the article's ``outlet`` and
    ``date``. From :data:`~stance.parallel.MIN_ARTICLES` articles on, they are extracted in
    ``jobs`` processes (None: one per core); inside :func:`stance.parallel.cluster`, on
    the cluster's workers (which must see the same files). The result is the same either way.
    """
    files = article_paths(paths)
    if not files:
        raise StanceError("no article given")
    if STDIO in files and on_cluster():
        raise StanceError("dask workers cannot read stdin; give article files")
    named = _sources(files, encoding)
    parallel = STDIO not in files and runs_in_parallel(jobs, len(named), MIN_ARTICLES)
    texts: dict[str, str] = {}
    statements: list[dict[str, Any]] = []
    with _progress(progress, "extracting", len(named), unit=" articles") as bar:
        for piece in run_pieces(
            _read_and_extract,
            _article_pieces(named, jobs),
            parallel=parallel,
            jobs=jobs,
            encoding=encoding,
            narrative=narrative,
        ):
            for name, text, found in piece:
                texts[name] = text
                statements += found
            bar.update(len(piece))
    return statements, texts


def scan(
    pipeline: Pipeline,
    paths: Sequence[str],
    *,
    threshold: float = THRESHOLD,
    neighbours: int | None = None,
    encoding: str = "utf-8",
    narrative: bool = False,
    progress: bool | None = False,
    jobs: int | None = None,
    rank: str = DEFAULT_RANK,
    same_speaker: bool = False,
) -> Ranking:
    """Extract, pair and score: the pairs ranked by probability of contradiction (the default),
    or with ``rank="contrast"`` by how far that probability stands above the two statements'
    other pairs, so that a statement that looks a little like a clash with everything does not
    crowd the top (:mod:`stance.rank`).

    Returns a :class:`stance.rank.Ranking`: ``ranking.rows()`` gives the results, ``{"rank",
    "a": statement, "b": statement, "label", "probabilities", "similarity"}`` most
    contradictory first (``similarity`` is the pair's relatedness, see :mod:`stance.pairs`;
    ``neighbours`` as in :func:`stance.pairs.candidate_index`; with ``rank="contrast"`` each
    result also has its ``contrast``, and a pair of dated statements whose figures differ its
    ``timeline``), made one at a time so that memory holds the pairs' numbers, not their rows;
    ``ranking.texts`` has the articles' texts (for reports). Each statement also has its
    ``paragraph`` (from 1) in its article. ``same_speaker`` keeps pairs of one speaker's
    statements, as in :func:`stance.pairs.candidate_index`.

    The result does not depend on the order of ``paths``: articles are read in name order,
    statements in (article, offset) order, each pair is scored as (earlier statement, later
    statement) in that order, and pairs tied at the precision shown are ranked in that order.
    Extraction and scoring of large inputs run in ``jobs`` processes (None: one per
    core), or inside :func:`stance.parallel.cluster` on a dask cluster; the results are the
    same.
    """
    if rank not in RANKS:
        raise StanceError(f"unknown ranking {rank!r}; known: {', '.join(RANKS)}")
    statements, texts = extract_files(paths, encoding, narrative, jobs=jobs, progress=progress)
    statements.sort(key=lambda s: (s["article"], s["start"], s["end"], s["id"]))
    _number_paragraphs(statements, texts)
    i, j, similarity = candidate_index(
        statements, threshold, neighbours=neighbours, same_speaker=same_speaker
    )
    i, j = np.minimum(i, j), np.maximum(i, j)
    claims = [statement_text(s) for s in statements]
    proba = predict_proba(pipeline, _ClaimPairs(claims, i, j), progress, jobs=jobs)
    return Ranking(statements, texts, i, j, similarity, proba, rank)


class _ClaimPairs(Sequence[tuple[str, str]]):
    """The texts of the pairs ``(claims[i[k]], claims[j[k]])``, made as they are read: a scan's
    millions of candidate pairs go to scoring a piece at a time instead of existing all at once
    as tuples of texts (about 150 MB at two million pairs)."""

    def __init__(self, claims: Sequence[str], i: np.ndarray, j: np.ndarray) -> None:
        self.claims, self.i, self.j = claims, i, j

    def __len__(self) -> int:
        return len(self.i)

    def __getitem__(self, k: int) -> tuple[str, str]:  # type: ignore[override]
        return self.claims[int(self.i[k])], self.claims[int(self.j[k])]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        for start in range(0, len(self.i), BATCH):
            ends = zip(
                self.i[start : start + BATCH].tolist(), self.j[start : start + BATCH].tolist()
            )
            for a, b in ends:
                yield self.claims[a], self.claims[b]


def _number_paragraphs(statements: list[dict[str, Any]], texts: Mapping[str, str]) -> None:
    """Give each statement the number (from 1) of the paragraph of its article it starts in,
    so that a reader finds it in the printed article."""
    starts: dict[str, list[int]] = {}
    for statement in statements:
        name = statement["article"]
        if name not in starts:
            starts[name] = paragraph_starts(texts.get(name, ""))
        statement["paragraph"] = max(1, bisect_right(starts[name], statement["start"]))


def write_jsonl(rows: Iterable[dict[str, Any]], output: str, force: bool = False) -> int:
    """Write records as JSON Lines, atomically (or to stdout for ``-``); return the count."""
    return write_records(rows, output, force=force, fmt="jsonl")


def _batches(rows: Iterable[Any], size: int = BATCH) -> Iterator[list[Any]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def _progress(
    progress: bool | None, desc: str, total: int | None = None, unit: str = " pairs"
) -> tqdm:
    """A progress bar on stderr; ``progress=None`` shows it only on a terminal."""
    disable = None if progress is None else not progress
    return tqdm(total=total, unit=unit, desc=desc, disable=disable, dynamic_ncols=True)


def predict_proba(
    pipeline: Pipeline,
    pairs: Sequence[tuple[str, str]],
    progress: bool | None = False,
    *,
    jobs: int | None = None,
) -> np.ndarray:
    """``pipeline.predict_proba`` in batches, with a progress bar on long inputs.

    From :data:`~stance.parallel.MIN_PAIRS` pairs on, chunks of pairs are scored in ``jobs``
    processes (None: one per core), or inside :func:`stance.parallel.cluster` on a dask
    cluster; the probabilities are the same as in one process.
    """
    blocks = [np.zeros((0, len(LABELS)))]
    parallel = runs_in_parallel(jobs, len(pairs), MIN_PAIRS)
    size = PAIRS_PER_TASK if parallel else BATCH
    with _progress(progress, "scoring", len(pairs)) as bar:
        for block in run_pieces(
            _score_batches, _batches(pairs, size), parallel=parallel, jobs=jobs, pipeline=pipeline
        ):
            blocks.append(block)
            bar.update(len(block))
    return np.vstack(blocks)


def _score_batches(
    pairs: Sequence[tuple[str, str]], pipeline: Pipeline, batch_size: int = BATCH
) -> np.ndarray:
    """One piece of scoring work: the probabilities of a chunk of pairs, ``batch_size`` at a
    time (the featurizer's memory grows with its input)."""
    return np.vstack(
        [np.zeros((0, len(LABELS)))]
        + [pipeline.predict_proba(b) for b in _batches(pairs, batch_size)]
    )


def _report(
    pipeline: Pipeline,
    pairs: Sequence[tuple[str, str]],
    labels: Sequence[str],
    progress: bool | None,
) -> dict[str, Any]:
    proba = predict_proba(pipeline, pairs, progress)
    return classification_report(labels, np.asarray(LABELS)[proba.argmax(axis=1)], proba)


def train(
    data: Sequence[str],
    output: str | os.PathLike[str],
    *,
    test: Sequence[str] | None = None,
    test_size: float = 0.2,
    seed: int = 0,
    data_dir: str | os.PathLike[str] | None = None,
    encoding: str = "utf-8",
    force: bool = False,
    params: dict[str, Any] | None = None,
    weights: dict[str, float] | None = None,
    log: Log = _quiet,
    progress: bool | None = False,
) -> dict[str, Any]:
    """Train a model on ``data``, hold out a test split, save model + card; return the card.

    With ``test``, those data sets are the held-out evaluation and all of ``data`` is used for
    training. Without it, a stratified ``test_size`` share of ``data`` (drawn with ``seed``) is
    held out, and the card records exactly which rows, so ``evaluate`` can find them again.
    ``weights`` gives a training weight per data spec (default 1): a few hundred in-domain news
    pairs would otherwise count for little beside tens of thousands of NLI pairs.
    """
    if not 0 <= test_size < 1:
        raise StanceError(f"the test size must be in [0, 1), got {test_size}", param="test_size")
    # Everything that can be refused without the data is refused before it is read.
    check_output_path(output, force)
    check_output_path(card_path(output), force)
    pipeline = check_params(params or {})
    for spec in [*data, *(test or [])]:
        check_spec(spec, data_dir)
    weights = weights or {}
    unknown = set(weights) - set(data)
    if unknown:
        raise StanceError(
            f"a weight is given to {sorted(unknown)[0]}, which is not in the training data",
            param="weights",
        )
    if Path(output).suffix != MODEL_SUFFIX:
        log(f"note: {output} will be a skops archive, stance's only model format")
    sources = load_sources(data, data_dir, encoding)
    for spec, ds in sources:
        log(f"loaded {spec}: {len(ds):,} pairs")
    pairs, labels = _columns(sources)
    missing = [label for label in LABELS if label not in set(labels)]
    if missing:
        raise StanceError(
            f"the training data has no {' or '.join(missing)} pairs; a model needs all of "
            f"{', '.join(LABELS)}"
        )
    offsets = np.cumsum([0] + [len(ds) for _, ds in sources])
    sample_weight = np.concatenate(
        [np.full(len(ds), float(weights.get(spec, 1.0))) for spec, ds in sources]
    )

    split: dict[str, Any]
    if test:
        train_idx = np.arange(len(pairs))
        test_sources = load_sources(test, data_dir, encoding)
        test_pairs, test_labels = _columns(test_sources)
        split = {
            "kind": "test",
            "test": [_recorded(s, ds, data_dir, output) for s, ds in test_sources],
        }
    elif test_size > 0:
        train_idx, test_idx = heldout_split(pairs, labels, test_size, seed)
        test_pairs = [pairs[i] for i in test_idx]
        test_labels = [labels[i] for i in test_idx]
        rows = {
            spec: (test_idx[(test_idx >= lo) & (test_idx < hi)] - lo).tolist()
            for (spec, _), lo, hi in zip(sources, offsets[:-1], offsets[1:])
        }
        split = {"kind": "holdout", "test_size": test_size, "seed": seed, "rows": rows}
    else:
        train_idx = np.arange(len(pairs))
        test_pairs, test_labels = [], []
        split = {"kind": "none"}

    log(f"training on {len(train_idx):,} pairs, holding out {len(test_pairs):,}")
    started = time.perf_counter()
    try:
        with one_blas_thread():
            fit_pipeline(
                pipeline,
                [pairs[i] for i in train_idx],
                [labels[i] for i in train_idx],
                sample_weight[train_idx],
            )
    except ValueError as err:  # a value valid alone but not on this data (min_df above its size)
        message = " ".join(str(err).split())
        raise StanceError(f"cannot train with these parameters on this data: {message}") from None
    log(f"trained in {time.perf_counter() - started:.1f} s")
    metrics = _report(pipeline, test_pairs, test_labels, progress) if test_pairs else None
    card = {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "training_data": [_recorded(s, ds, data_dir, output) for s, ds in sources],
        "train_rows": len(train_idx),
        "weights": weights,
        "split": split,
        "heldout_metrics": metrics,
        "params": {k: repr(v) for k, v in pipeline.get_params(deep=True).items() if "__" in k},
    }
    return save_model(pipeline, output, card, force=force)


def _recorded(
    spec: str, ds: Any, data_dir: str | os.PathLike[str] | None, output: str | os.PathLike[str]
) -> dict[str, Any]:
    """What a card records of one source: its description and where to find it again."""
    return {**describe(spec, ds, data_dir), **locate(spec, data_dir, Path(output).parent)}


def evaluate(
    model: str | os.PathLike[str] | None = None,
    data: Sequence[str] | None = None,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    encoding: str = "utf-8",
    progress: bool | None = False,
) -> dict[str, Any]:
    """Evaluate a model on ``data``, or, with none given, on the rows it held out in training.

    Refuses to evaluate held-out rows when the training data has changed since (its content
    hash differs from the card's), since the rows would no longer be the ones held out.
    """
    path = Path(model) if model is not None else default_model_path()
    pipeline = load_model(path)
    card = read_card(path)
    if data:
        sources = load_sources(data, data_dir, encoding)
        pairs, labels = _columns(sources)
        what = ", ".join(spec for spec, _ in sources)
    else:
        pairs, labels, what = _heldout(card, card_path(path), data_dir, encoding)
    report = _report(pipeline, pairs, labels, progress)
    report["data"] = what
    return report


def _heldout(
    card: dict[str, Any],
    card_file: str | os.PathLike[str],
    data_dir: str | os.PathLike[str] | None,
    encoding: str,
) -> tuple[list[tuple[str, str]], list[str], str]:
    split = card.get("split", {})
    kind = split.get("kind")
    if kind == "test":
        recorded = split["test"]
    elif kind == "holdout":
        recorded = card["training_data"]
    else:
        raise StanceError("this model held out no test data; name the data to evaluate on")
    pairs: list[tuple[str, str]] = []
    labels: list[str] = []
    for entry in recorded:
        spec, folder = find_recorded(entry, card_file, data_dir)
        ds = load(spec, folder, encoding)
        if fingerprint(ds) != entry["sha256"]:
            raise StanceError(
                f"{entry['name']}: the data changed since the model was trained, so its held-out "
                "rows cannot be found again; name the data to evaluate on"
            )
        if kind == "holdout":
            ds = ds.select(split["rows"][entry["name"]])
        pairs += pairs_of(ds)
        labels += list(ds["label"])
    what = ("held-out rows of " if kind == "holdout" else "test data ") + ", ".join(
        e["name"] for e in recorded
    )
    return pairs, labels, what


def _check_statements(pairs: Pairs) -> list[tuple[str, str]]:
    a, b = split_pairs(pairs)
    for i, (x, y) in enumerate(zip(a, b)):
        if not x.strip() or not y.strip():
            raise StanceError(f"pair {i}: empty statement")
    return list(zip(a, b))


def score(pipeline: Pipeline, pairs: Pairs) -> list[dict[str, Any]]:
    """Verdicts for pairs: ``[{"label": ..., "probabilities": {label: p, ...}}, ...]``."""
    checked = _check_statements(pairs)
    if not checked:
        return []
    proba = pipeline.predict_proba(checked)
    return [verdict(row) for row in proba]


def _free_key(row: dict[str, Any], key: str) -> None:
    """Move an input column named like an output column to ``input_KEY`` so nothing is lost."""
    if key in row:
        new = f"input_{key}"
        while new in row:
            new = f"input_{new}"
        row[new] = row.pop(key)


def score_file(
    pipeline: Pipeline,
    input: str,
    output: str,
    *,
    encoding: str = "utf-8",
    force: bool = False,
    batch_size: int = BATCH,
    progress: bool | None = False,
    jobs: int | None = None,
    fmt: str | None = None,
    on_languages: Callable[[int, Mapping[str, int]], None] | None = None,
) -> int:
    """Score every pair of a CSV / TSV / JSONL file (or ``-``) into JSON Lines (or the format
    ``fmt`` names or the output's name implies, see :func:`stance.fileio.output_format`);
    return the count.

    The input is streamed in blocks, so memory stays flat whatever its size; the output is
    written to a temporary file and renamed into place only when every row is scored.
    Input columns are kept; an input ``label`` (or ``probabilities``) column is renamed
    ``input_label`` rather than overwritten. ``progress=None`` shows a bar only on a terminal.
    Once the stream holds :data:`~stance.parallel.MIN_PAIRS` pairs, blocks of its lines are
    read, scored and written out as text in ``jobs`` processes (None: one per core; this one
    and ``jobs - 1`` workers, see :mod:`stance.parallel`); beyond its share, this process only
    cuts the input into blocks and writes their text. The output is byte for byte that of one
    process.

    From stdin, a block is whatever has arrived (up to ``batch_size`` lines), and each block is
    answered (and stdout flushed) before more is read: a program can write a pair, read its
    verdict, then write the next, all through one process. ``on_languages(n, counts)`` is told,
    block by block, how many rows were read and how many of them are in each language stance
    does not read (see :func:`stance.text.count_unsupported`; the command line warns with it).
    """
    kind = output_format(output, fmt)
    check_output_path(output, force)  # before the first pair is read
    may_spread = jobs_for(jobs) > 1 or on_cluster()
    size = PAIRS_PER_TASK if may_spread else batch_size
    blocks = pair_blocks(input, encoding, require_label=False, size=size)
    ahead: list[PairBlock] = []  # enough to know whether workers pay off
    if may_spread:
        for block in blocks:
            ahead.append(block)
            if len(block) < size or sum(map(len, ahead)) >= MIN_PAIRS:
                break  # the end of the input, or of what has arrived on stdin, or enough
    parallel = runs_in_parallel(jobs, sum(map(len, ahead)), MIN_PAIRS)
    count = 0
    with atomic_write(output, force=force) as out, _progress(progress, "scoring") as bar:
        writer = RecordWriter(out, kind)
        scoring = run_pieces(
            _scored_block,
            chain(ahead, blocks),
            parallel=parallel,
            jobs=jobs,
            pipeline=pipeline,
            batch_size=batch_size,
            as_text=kind == "jsonl",
            languages=on_languages is not None,
        )
        with closing(scoring) as pieces:  # an error in the input stops the workers at once
            for scored in pieces:
                if scored.error is not None:
                    raise scored.error
                if on_languages is not None:
                    on_languages(scored.count, scored.languages)
                if isinstance(scored.output, str):
                    out.write(scored.output)
                else:
                    for row in scored.output:
                        writer.write(row)
                count += scored.count
                bar.update(scored.count)
                if output == STDIO:  # answer what was asked before waiting for more
                    sys.stdout.flush()
        writer.close()
    return count


class _Scored(NamedTuple):
    """What a piece of file scoring gives back to the process that writes the output."""

    count: int
    output: str | list[dict[str, Any]]
    """The rows as JSON Lines text, or as records for another format."""
    languages: dict[str, int]
    error: StanceError | None = None
    """What made the block unreadable, raised by the writer in the block's place."""


def _scored_block(
    block: PairBlock,
    pipeline: Pipeline,
    batch_size: int = BATCH,
    as_text: bool = True,
    languages: bool = False,
) -> _Scored:
    """One piece of file scoring: a block of input lines read, scored and, for JSON Lines,
    turned into output text, with the count of its rows (and, with ``languages``, of those in
    a language stance does not read).

    All of it happens here, in the worker, because the process that reads and writes the file
    is the part that cannot be spread: with two cores, reading JSON, checking rows or
    formatting there would hold back the workers. A reading error is returned, not raised, so
    that it reaches the user in its place in the file, however the workers' pieces finish."""
    try:
        rows = list(block.rows(require_label=False))
    except StanceError as err:
        return _Scored(0, "", {}, err)
    found = count_unsupported((row["a"], row["b"]) for row in rows) if languages else {}
    proba = _score_batches([(row["a"], row["b"]) for row in rows], pipeline, batch_size)
    records = []
    for row, p in zip(rows, proba):
        _free_key(row, "label")
        _free_key(row, "probabilities")
        records.append({**row, **verdict(p)})
    if not as_text:
        return _Scored(len(rows), records, found)
    return _Scored(len(rows), "".join(json_line(record) + "\n" for record in records), found)


def shard_paths(pattern: str) -> list[str]:
    """The input shards named by ``pattern``: a glob (``'shards/*.jsonl'``), a folder (its
    ``.jsonl``, ``.csv`` and ``.tsv`` files) or one file; in name order."""
    if GLOB_CHARS & set(pattern) and not Path(pattern).is_file():
        found = sorted(p for p in glob.glob(pattern, recursive=True) if Path(p).is_file())
        if not found:
            raise StanceError(f"{pattern}: matches no file")
        return found
    if Path(pattern).is_dir():
        found = sorted(
            str(p) for p in Path(pattern).iterdir() if p.suffix in {".jsonl", ".csv", ".tsv"}
        )
        if not found:
            raise StanceError(f"{pattern}: folder holds no .jsonl, .csv or .tsv file")
        return found
    return [pattern]


def _score_piece(job: tuple[str, str], pipeline: Pipeline, encoding: str) -> int:
    """One piece of sharded scoring: one input shard into its output file, in the worker's
    own process.

    Run twice (its worker died after writing), it writes the same file again: the output is
    replaced atomically, so nothing is lost or duplicated.
    """
    source, target = job
    return score_file(pipeline, source, target, encoding=encoding, force=True, jobs=1)


def score_shards(
    pipeline: Pipeline,
    inputs: Sequence[str],
    outdir: str | os.PathLike[str],
    *,
    encoding: str = "utf-8",
    force: bool = False,
    jobs: int | None = None,
    progress: bool | None = False,
) -> dict[str, int]:
    """Score every shard into ``outdir/NAME.jsonl`` (one output per input); return the counts.

    Each shard is scored exactly as :func:`score_file` would score it alone, whether shards
    are scored one by one, side by side in ``jobs`` processes (from
    :data:`~stance.parallel.MIN_PAIRS` lines in all; None: one per core), or on a dask cluster
    (inside :func:`stance.parallel.cluster`), so the outputs are the same byte for byte.
    Existing outputs are refused unless ``force``; a shard's output appears only once it is
    complete.
    """
    out = check_output_path(outdir, force, folder=True)
    work: list[tuple[str, str]] = []
    for source in inputs:
        target = out / f"{Path(source).stem}.jsonl"
        if any(str(target) == t for _, t in work):
            raise StanceError(f"{source}: another shard also writes {target}; rename one")
        if target.exists() and target.resolve() == Path(source).resolve():
            raise StanceError(
                f"{source}: its output would overwrite it; choose another output folder"
            )
        if target.exists() and not force:
            raise StanceError(f"{target}: already exists", param="force")
        check_input_file(source)
        work.append((source, str(target)))
    out.mkdir(exist_ok=True)
    parallel = len(work) > 1 and runs_in_parallel(
        jobs, sum(count_lines(source) for source, _ in work), MIN_PAIRS
    )
    counts = []
    with _progress(progress, "shards", len(work), unit=" shards") as bar:
        for count in run_pieces(
            _score_piece, work, parallel=parallel, jobs=jobs, pipeline=pipeline, encoding=encoding
        ):
            counts.append(count)
            bar.update(1)
    for _, target in work:  # temporary files of pieces whose worker died mid-write
        for stale in out.glob(f".{Path(target).name}.*.tmp"):
            stale.unlink(missing_ok=True)
    return {target: count for (_, target), count in zip(work, counts)}
