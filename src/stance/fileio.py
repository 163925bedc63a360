"""Reading and writing files without surprises: strict decoding, atomic writes, hashes.

Every file stance writes goes through :func:`atomic_write`, so an interrupted run leaves either the
complete old file or the complete new one, never half of either, and never replaces a file the user
did not ask to replace.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import hashlib
import io
import json
import os
import re
import select
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .errors import StanceError

STDIO = "-"
GLOB_CHARS = frozenset("*?[")
"""Characters that make an input name a glob of shards (``'shards/*.jsonl'``)."""


_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_LINE_BREAKS_RE = re.compile("[\x85\u2028\u2029]")


def json_line(obj: Any) -> str:
    """One JSON Lines record: readable UTF-8, but with every character that some line readers
    take for a line break (U+0085, U+2028, U+2029; JSON escapes the others) escaped, so that a
    record is always exactly one line."""
    text = json.dumps(obj, ensure_ascii=False)
    return _LINE_BREAKS_RE.sub(lambda m: _LINE_BREAKS[m.group()], text)


def count_lines(path: str | os.PathLike[str], up_to: int | None = None) -> int:
    """Lines of a file (about its pairs), counted without decoding it; with ``up_to``, the
    counting stops once that many are found (enough to know a file is large)."""
    lines = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            lines += block.count(b"\n")
            if up_to is not None and lines >= up_to:
                break
    return lines


def sha256_file(path: str | os.PathLike[str]) -> str:
    """Hex sha256 of a file's bytes, read in blocks so large files need little memory."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def display_name(path: str | os.PathLike[str]) -> str:
    """How a file is named in messages and results: ``-`` is ``<stdin>``."""
    return "<stdin>" if str(path) == STDIO else str(path)


def check_input_file(path: str | os.PathLike[str]) -> Path:
    """Return ``path`` as a Path if it is a readable regular file, else raise a one-line error."""
    p = Path(path)
    if not p.exists():
        raise StanceError(f"{p}: no such file")
    if p.is_dir():
        raise StanceError(f"{p}: is a directory, expected a file")
    if not os.access(p, os.R_OK):
        raise StanceError(f"{p}: permission denied")
    return p


@contextlib.contextmanager
def open_text(path: str, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open ``path`` (or ``-`` for stdin) for reading text with strict decoding.

    UTF-8 input may start with a byte-order mark, which is dropped. A file whose first block holds
    a NUL byte is refused as binary. Bytes that are not valid in ``encoding`` raise
    :class:`UnicodeDecodeError` when read; callers turn it into a one-line error that names the
    file (:func:`decode_error`).
    """
    if encoding.lower().replace("_", "-") in {"utf-8", "utf8"}:
        encoding = "utf-8-sig"
    if path == STDIO:
        global _STDIN
        _STDIN = StdinLines(encoding)
        try:
            yield _STDIN  # type: ignore[misc]
        finally:
            _STDIN = None
        return
    checked = check_input_file(path)
    with open(checked, "rb") as raw:
        if b"\x00" in raw.read(8192):
            raise StanceError(f"{path}: binary file, expected text")
    with open(checked, encoding=encoding, newline="") as fh:
        yield fh


class StdinLines:
    """stdin as lines of text, each given as soon as it has arrived, and able to say whether
    another line is already waiting (:meth:`ready`).

    A text wrapper over stdin reads ahead in blocks and hides what it holds; reading the file
    descriptor directly lets a reader of ``stance score -i -`` answer a line while its writer
    waits for the answer (one process for a whole interactive run), and still take
    everything a fast writer has sent in one batch.
    """

    BLOCK = 1 << 16

    def __init__(self, encoding: str) -> None:
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        self._raw = getattr(sys.stdin, "buffer", sys.stdin)
        try:
            self._fd: int | None = self._raw.fileno()
        except (AttributeError, OSError, io.UnsupportedOperation):
            self._fd = None  # an in-memory stdin (tests): everything is already there
        self._pending = ""
        self._eof = False

    def _fill(self) -> bool:
        """Read what has arrived (waiting for at least one byte); False at the end of input."""
        if self._eof:
            return False
        if self._fd is not None:
            data = os.read(self._fd, self.BLOCK)
        else:
            read1 = getattr(self._raw, "read1", self._raw.read)
            data = read1(self.BLOCK)
        if isinstance(data, str):
            data = data.encode()
        if not data:
            self._eof = True
            self._pending += self._decoder.decode(b"", final=True)
            return False
        self._pending += self._decoder.decode(data)
        return True

    def readline(self) -> str:
        while "\n" not in self._pending and self._fill():
            pass
        cut = self._pending.find("\n") + 1 or len(self._pending)
        line, self._pending = self._pending[:cut], self._pending[cut:]
        return line

    def __iter__(self) -> Iterator[str]:
        while line := self.readline():
            yield line

    def read(self) -> str:
        while self._fill():
            pass
        text, self._pending = self._pending, ""
        return text

    def ready(self) -> bool:
        """Whether another line can be read without waiting for the writer."""
        if "\n" in self._pending or self._fd is None or self._eof:
            return True
        readable, _, _ = select.select([self._fd], [], [], 0)
        return bool(readable)


_STDIN: StdinLines | None = None


def input_ready(path: str) -> bool:
    """Whether reading more of ``path`` would not wait: always for a file; for stdin, whether
    a line has already arrived (see :class:`StdinLines`)."""
    return path != STDIO or _STDIN is None or _STDIN.ready()


def decode_error(path: str, err: UnicodeDecodeError, encoding: str) -> StanceError:
    """A one-line error for a file that is not text in the expected encoding."""
    name = display_name(path)
    return StanceError(
        f"{name}: not valid {encoding} text (byte {err.start}: "
        f"{err.object[err.start : err.start + 1]!r})",
        param="encoding",
    )


def _is_stream(path: Path) -> bool:
    """An existing output that is neither a regular file nor a folder (a device, a pipe)."""
    return path.exists() and not path.is_file() and not path.is_dir()


def check_output_path(path: str | os.PathLike[str], force: bool, folder: bool = False) -> Path:
    """Check, before any work, that an output can be written where it is named.

    The one rule for every output stance writes: a file is not a folder (nor, with ``folder``,
    a folder a file), an existing file is replaced only with ``force``, and the folder the
    output goes into must exist and be writable: stance creates an output, never the folders
    above it, so that a mistyped path is refused at once instead of after the work. With
    ``folder``, ``path`` is an output folder (created inside its existing parent if missing).
    ``-`` (stdout) and devices always pass.
    """
    p = Path(path)
    if str(path) == STDIO:
        return p
    if folder:
        if p.exists() and not p.is_dir():
            raise StanceError(f"{p}: is a file, expected a folder")
        if p.is_dir():
            if not os.access(p, os.W_OK):
                raise StanceError(f"{p}: output folder is not writable")
            return p
    elif p.is_dir():
        raise StanceError(f"{p}: is a folder, expected a file name")
    if _is_stream(p):
        return p
    if p.exists() and not force:
        raise StanceError(f"{p}: already exists", param="force")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise StanceError(f"{parent}: output folder does not exist")
    if not os.access(parent, os.W_OK):
        raise StanceError(f"{parent}: output folder is not writable")
    return p


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str], mode: str = "w", force: bool = False, encoding: str = "utf-8"
) -> Iterator[IO]:
    """Write to a temporary file beside ``path`` and rename it into place only on success.

    On any exception (including KeyboardInterrupt) the temporary file is removed and ``path`` is
    left as it was. ``path == "-"`` writes to stdout directly.
    """
    if str(path) == STDIO:
        yield sys.stdout.buffer if "b" in mode else sys.stdout
        sys.stdout.flush()
        return
    if _is_stream(Path(path)):  # /dev/null, /dev/stdout, a named pipe: nothing to replace
        with open(path, mode, **({} if "b" in mode else {"encoding": encoding})) as fh:
            yield fh
        return
    target = check_output_path(path, force)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


FORMATS = ("jsonl", "csv", "tsv", "json")
"""What tables of records can be written as: JSON Lines (the default), CSV, TSV, or one JSON
array."""
_SUFFIX_FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json"}


def output_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The format to write ``path`` in: ``fmt`` if given, else by the file name (``.csv``,
    ``.tsv``, ``.json``), else JSON Lines (also for stdout)."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise StanceError(f"unknown output format {fmt!r}; known: {', '.join(FORMATS)}")
        return fmt
    if str(path) == STDIO:
        return "jsonl"
    return _SUFFIX_FORMATS.get(Path(path).suffix.lower(), "jsonl")


def flat_record(row: dict[str, Any]) -> dict[str, Any]:
    """A record as table cells: the ``probabilities`` of a verdict as one column per label
    (``p_agree``, ...), other nested values as JSON text, None as an empty cell."""
    cells: dict[str, Any] = {}
    for key, value in row.items():
        if key == "probabilities" and isinstance(value, dict):
            cells.update({f"p_{label}": p for label, p in value.items()})
        elif isinstance(value, dict | list):
            cells[key] = json.dumps(value, ensure_ascii=False)
        else:
            cells[key] = "" if value is None else value
    return cells


class RecordWriter:
    """Writes records, one at a time, to an open text stream as JSON Lines, CSV, TSV or one
    JSON array (see :func:`output_format`).

    A table's columns are those of the first record; a later record with a column the first
    lacks is refused (its value would have no column), one that lacks a column gets an empty
    cell. :meth:`close` ends a JSON array.
    """

    def __init__(self, out: IO[str], kind: str) -> None:
        self.out = out
        self.kind = kind
        self.count = 0
        self._table: csv.DictWriter | None = None

    def write(self, row: dict[str, Any]) -> None:
        if self.kind == "jsonl":
            self.out.write(json_line(row) + "\n")
        elif self.kind == "json":
            self.out.write(("," if self.count else "[") + "\n" + json_line(row))
        else:
            cells = flat_record(row)
            if self._table is None:
                self._table = csv.DictWriter(
                    self.out,
                    fieldnames=list(cells),
                    delimiter="," if self.kind == "csv" else "\t",
                    lineterminator="\n",
                )
                self._table.writeheader()
            extra = [k for k in cells if k not in self._table.fieldnames]
            if extra:
                raise StanceError(
                    f"record {self.count + 1} has a column the first lacks ({extra[0]}); "
                    "write JSON Lines for records of different columns"
                )
            self._table.writerow(cells)
        self.count += 1

    def close(self) -> None:
        if self.kind == "json":
            self.out.write("\n]\n" if self.count else "[]\n")


def write_records(
    rows: Iterable[dict[str, Any]],
    output: str | os.PathLike[str],
    *,
    force: bool = False,
    fmt: str | None = None,
) -> int:
    """Write records atomically (or to stdout for ``-``) as JSON Lines, CSV, TSV or one JSON
    array (see :func:`output_format` and :class:`RecordWriter`); return how many. Records are
    streamed, so memory stays flat."""
    with atomic_write(output, force=force) as out:
        writer = RecordWriter(out, output_format(output, fmt))
        for row in rows:
            writer.write(row)
        writer.close()
    return writer.count
