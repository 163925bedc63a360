"""Reading and writing files without surprises: strict decoding, atomic writes, hashes.

Every file stance writes goes through :func:`atomic_write`, so an interrupted run leaves either the
complete old file or the complete new one, never half of either, and never replaces a file the user
did not ask to replace.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .errors import StanceError

STDIO = "-"


_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_LINE_BREAKS_RE = re.compile("[\x85\u2028\u2029]")


def json_line(obj: Any) -> str:
    """One JSON Lines record: readable UTF-8, but with every character that some line readers
    take for a line break (U+0085, U+2028, U+2029; JSON escapes the others) escaped, so that a
    record is always exactly one line."""
    text = json.dumps(obj, ensure_ascii=False)
    return _LINE_BREAKS_RE.sub(lambda m: _LINE_BREAKS[m.group()], text)


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
    file and suggests ``--encoding``.
    """
    if encoding.lower().replace("_", "-") in {"utf-8", "utf8"}:
        encoding = "utf-8-sig"
    if path == STDIO:
        stream = io.TextIOWrapper(sys.stdin.buffer, encoding=encoding, newline="")
        try:
            yield stream
        finally:
            stream.detach()  # leave the process's stdin open
        return
    checked = check_input_file(path)
    with open(checked, "rb") as raw:
        if b"\x00" in raw.read(8192):
            raise StanceError(f"{path}: binary file, expected text")
    with open(checked, encoding=encoding, newline="") as fh:
        yield fh


def decode_error(path: str, err: UnicodeDecodeError, encoding: str) -> StanceError:
    """A one-line error for a file that is not text in the expected encoding."""
    name = display_name(path)
    return StanceError(
        f"{name}: not valid {encoding} text (byte {err.start}: "
        f"{err.object[err.start : err.start + 1]!r}); "
        "if it is text in another encoding, name it with --encoding (for example latin-1)"
    )


def _is_stream(path: Path) -> bool:
    """An existing output that is neither a regular file nor a folder (a device, a pipe)."""
    return path.exists() and not path.is_file() and not path.is_dir()


def check_output_path(path: str | os.PathLike[str], force: bool) -> Path:
    """Refuse to clobber an existing file unless ``force``, and check the folder is writable."""
    p = Path(path)
    if p.is_dir():
        raise StanceError(f"{p}: is a directory, expected a file name")
    if _is_stream(p):
        return p
    if p.exists() and not force:
        raise StanceError(f"{p}: already exists; pass --force to overwrite it")
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
