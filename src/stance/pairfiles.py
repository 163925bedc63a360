"""The project's own pair and statement files: CSV, TSV or JSON Lines with columns ``a``, ``b``
and (for training and evaluation) ``label``, read row by row or in blocks of lines (what worker
processes score), checked as they are read: a missing column, an unknown label, an empty
statement or undecodable bytes is one clear error naming the file and the line."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import StanceError
from .fileio import (
    STDIO,
    decode_error,
    display_name,
    input_ready,
    open_text,
)
from .settings import LABELS

if TYPE_CHECKING:  # datasets (and pyarrow, pandas) load only when a table is built
    import datasets

# A 10 MB statement on one line is valid input; the csv module's default cap is 128 KB.
csv.field_size_limit(2**31 - 1)


def _detect_format(path: str, first_line: str) -> str:
    suffix = Path(path).suffix.lower() if path != STDIO else ""
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return "jsonl"
    if suffix in {".tsv", ".tab"}:
        return "tsv"
    if suffix == ".csv":
        return "csv"
    stripped = first_line.lstrip()
    if stripped.startswith("{"):
        return "jsonl"
    return "tsv" if "\t" in first_line else "csv"


def _check_row(
    row: dict[str, Any], where: str, columns: Iterable[str], require_label: bool
) -> dict[str, Any]:
    """Validate one pair row in place: statements present and non-empty, label known."""
    _check_columns(columns, where, require_label)
    for side in ("a", "b"):
        value = row[side]
        if not isinstance(value, str):
            raise StanceError(f"{where}: column {side} must be text, got {type(value).__name__}")
        if not value.strip():
            raise StanceError(f"{where}: empty statement in column {side}")
    if require_label:
        label = row["label"]
        norm = label.strip().lower() if isinstance(label, str) else label
        if norm not in LABELS:
            raise StanceError(
                f"{where}: unknown label {label!r} (expected one of {', '.join(LABELS)})"
            )
        row["label"] = norm
    return row


def iter_pairs(
    path: str, encoding: str = "utf-8", require_label: bool = True
) -> Iterator[dict[str, Any]]:
    """Yield the rows of a pair file one by one, validated, with all their columns.

    Streaming keeps memory flat however large the file is. ``path`` may be ``-`` for stdin. The
    format comes from the extension (``.csv``, ``.tsv``, ``.jsonl``) or, for stdin and other names,
    from the first line. Every problem raises :class:`StanceError` naming the file and line.
    """
    for block in pair_blocks(path, encoding, require_label):
        yield from block.rows(require_label)


@dataclass(frozen=True)
class PairBlock:
    """Consecutive whole records of a pair file, as the raw lines that hold them.

    Cutting a file into blocks costs little (lines are split; CSV is cut where its reader ends a
    record, so a quoted newline never splits a record); reading the records (JSON, checks) is
    the costly part and happens in :meth:`rows`, which a worker process can run on its own
    block. A block that ends the file early carries the ``error`` that stopped the reading, to be
    raised after its rows, in the place one pass over the file would raise it.
    """

    name: str
    fmt: str
    """``jsonl``, ``csv`` or ``tsv``."""
    start: int
    """The line number of the first line, from 1."""
    lines: list[str]
    header: list[str] | None = None
    """A table's column names (from its first line, which no block holds)."""
    error: StanceError | None = None

    def __len__(self) -> int:
        return len(self.lines)

    def rows(self, require_label: bool = True) -> Iterator[dict[str, Any]]:
        """The block's rows, validated as :func:`iter_pairs` validates them."""
        if self.fmt == "jsonl":
            check = partial(_check_row, require_label=require_label)
            yield from _iter_jsonl(self.lines, self.name, check, start=self.start, some=False)
        elif self.lines:
            assert self.header is not None
            reader = csv.reader(self.lines, delimiter=_DELIMITERS[self.fmt])
            for row in reader:
                if _blank(row):
                    continue
                where = f"{self.name}: line {self.start - 1 + reader.line_num}"
                yield _check_fields(row, self.header, where, require_label)
        if self.error is not None:
            raise self.error


_DELIMITERS = {"csv": ",", "tsv": "\t"}
BLOCK_LINES = 2048
"""Lines of a :class:`PairBlock` unless asked otherwise."""


def pair_blocks(
    path: str, encoding: str = "utf-8", require_label: bool = True, size: int = BLOCK_LINES
) -> Iterator[PairBlock]:
    """The pair file at ``path`` (or ``-``) as :class:`PairBlock`\\ s of about ``size`` lines, in
    order; from stdin, a block is cut short where the next line has not arrived yet, so that what
    has arrived can be answered. Raises what the file's first line or its end shows (empty,
    binary, no records); any other problem is raised by the rows of the block where it lies.
    """
    name = display_name(path)
    try:
        with open_text(path, encoding) as fh:
            first = fh.readline()
            if not first.strip():
                raise StanceError(f"{name}: empty file, expected pairs with columns a, b, label")
            if "\x00" in first:
                raise StanceError(f"{name}: binary file, expected CSV, TSV or JSON Lines text")
            fmt = _detect_format(path, first)
            if fmt == "jsonl":
                seen = yield from _jsonl_blocks(_chain(first, fh), name, size, path, encoding)
                if not seen:
                    raise StanceError(f"{name}: no records in file")
            else:
                lines = _chain(first, fh)
                yield from _delimited_blocks(lines, name, fmt, size, path, encoding, require_label)
    except UnicodeDecodeError as err:
        raise decode_error(path, err, encoding) from err


def _jsonl_blocks(
    lines: Iterator[str], name: str, size: int, path: str, encoding: str
) -> Generator[PairBlock, None, bool]:
    """JSON Lines cut every ``size`` lines; returns whether any line held a record."""
    seen = False
    start, block = 1, []
    try:
        for line in lines:
            block.append(line)
            if len(block) >= size or not input_ready(path):
                seen = seen or any(not x.isspace() for x in block)
                yield PairBlock(name, "jsonl", start, block)
                start, block = start + len(block), []
    except UnicodeDecodeError as err:
        yield PairBlock(name, "jsonl", start, block, error=decode_error(path, err, encoding))
        return True
    seen = seen or any(not x.isspace() for x in block)
    if block:
        yield PairBlock(name, "jsonl", start, block)
    return seen


def _delimited_blocks(
    lines: Iterator[str],
    name: str,
    fmt: str,
    size: int,
    path: str,
    encoding: str,
    require_label: bool,
) -> Generator[PairBlock, None, None]:
    """CSV or TSV cut after the record that reaches ``size`` lines: the csv reader pulls the
    lines of one record at a time, so the lines pulled once it gives a record end that record."""
    pulled: list[str] = []

    def pull() -> Iterator[str]:
        for line in lines:
            pulled.append(line)
            yield line

    reader = csv.reader(pull(), delimiter=_DELIMITERS[fmt])
    start, seen, header, whole = 1, False, None, 0
    try:
        header = [h.strip() for h in next(reader)]
        start += len(pulled)  # a quoted newline can spread the header over several lines
        pulled.clear()
        for row in reader:
            seen = seen or not _blank(row)
            whole = len(pulled)
            if whole >= size or not input_ready(path):
                yield PairBlock(name, fmt, start, pulled[:], header)
                start, whole = start + whole, 0
                pulled.clear()
    except (csv.Error, UnicodeDecodeError) as err:
        if isinstance(err, UnicodeDecodeError):
            error = decode_error(path, err, encoding)
        else:
            error = StanceError(f"{name}: line {reader.line_num}: malformed CSV ({err})")
        # The lines of the records read before the error, without those of the one it broke.
        yield PairBlock(name, fmt, start, pulled[:whole], header or [], error=error)
        return
    if pulled:
        yield PairBlock(name, fmt, start, pulled[:], header)
    if not seen:
        # Still check the header, so that a header-only file with wrong columns says so.
        _check_columns(header, name, require_label)
        raise StanceError(f"{name}: header only, no pairs in file")


def _chain(first: str, rest: Iterable[str]) -> Iterator[str]:
    yield first
    yield from rest


def _iter_jsonl(
    lines: Iterable[str],
    name: str,
    check: Callable[[dict, str, Iterable[str]], dict],
    start: int = 1,
    some: bool = True,
) -> Iterator[dict]:
    """Records of JSON Lines whose first is line ``start``; with ``some``, none is an error."""
    seen = 0
    for lineno, line in enumerate(lines, start):
        if not line.strip():
            continue
        where = f"{name}: line {lineno}"
        if "\x00" in line:
            raise StanceError(f"{where}: binary data, expected JSON Lines text")
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise StanceError(f"{where}: not valid JSON ({err.msg})") from None
        if not isinstance(row, dict):
            raise StanceError(f"{where}: expected a JSON object, got {type(row).__name__}")
        seen += 1
        yield check(row, where, row.keys())
    if some and not seen:
        raise StanceError(f"{name}: no records in file")


def _check_statement(row: dict[str, Any], where: str, columns: Iterable[str]) -> dict[str, Any]:
    text = row.get("claim") or row.get("quote")
    if not isinstance(text, str) or not text.strip():
        raise StanceError(f"{where}: a statement needs a non-empty claim or quote")
    if "id" not in columns:
        raise StanceError(f"{where}: a statement needs an id")
    return row


def iter_statements(path: str, encoding: str = "utf-8") -> Iterator[dict[str, Any]]:
    """Yield the statements of a JSON Lines file written by ``stance extract``, validated."""
    name = display_name(path)
    try:
        with open_text(path, encoding) as fh:
            yield from _iter_jsonl(fh, name, _check_statement)
    except UnicodeDecodeError as err:
        raise decode_error(path, err, encoding) from err


def _blank(row: list[str]) -> bool:
    """A table line with nothing on it (skipped, as a blank JSON line is)."""
    return not row or (len(row) == 1 and not row[0].strip())


def _check_fields(
    row: list[str], header: list[str], where: str, require_label: bool
) -> dict[str, Any]:
    """One table record as a validated row of its columns."""
    if any("\x00" in field for field in row):
        raise StanceError(f"{where}: binary data, expected text")
    if len(row) != len(header):
        raise StanceError(f"{where}: {len(row)} fields, but the header has {len(header)}")
    return _check_row(dict(zip(header, row)), where, header, require_label)


def _check_columns(columns: Iterable[str], where: str, require_label: bool) -> None:
    needed = ("a", "b", "label") if require_label else ("a", "b")
    missing = [c for c in needed if c not in columns]
    if missing:
        raise StanceError(
            f"{where}: missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
        )


def rows_to_dataset(rows: list[dict[str, Any]]) -> datasets.Dataset:
    """Build a Dataset, turning extra non-text values into JSON text so Arrow accepts any mix."""
    import datasets

    columns: dict[str, list] = {}
    for row in rows:
        for key in row:
            columns.setdefault(key, [])
    for key, values in columns.items():
        for row in rows:
            value = row.get(key)
            if value is not None and not isinstance(value, str):
                value = json.dumps(value, ensure_ascii=False)
            values.append(value)
    return datasets.Dataset.from_dict(columns)


def read_pairs(path: str, encoding: str = "utf-8", require_label: bool = True) -> datasets.Dataset:
    """Read a whole pair file into a Dataset (see :func:`iter_pairs` for the format)."""
    return rows_to_dataset(list(iter_pairs(path, encoding, require_label)))
