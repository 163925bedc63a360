"""Label candidate pairs by hand, one key per pair, into a file that trains directly.

``stance pairs`` proposes pairs of statements; a person decides whether each pair agrees,
contradicts or is neutral. :func:`label_pairs` shows one pair at a time and reads a single key,
so a few hundred pairs take minutes, not an afternoon in a spreadsheet.

The labels file is an **append-only log**, the one file stance appends to instead of writing it
atomically: each label is written, flushed and fsynced the moment its key is pressed, so Ctrl-C, a
killed process or a closed laptop loses at most the pair on screen, never a label already given.
Only two things rewrite it (atomically, with :func:`~stance.fileio.atomic_write`): undo, and the
repair of a record cut short by a kill mid-write. Each record is the input row (all its columns)
plus ``label``, always one of :data:`~stance.data.LABELS`, so ``stance train LABELLED.jsonl``
reads it as it is. Running the same command again resumes: pairs whose id is in the labels file,
or in the ``<output>.skipped`` side file, are not shown again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import textwrap
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .data import LABELS
from .errors import StanceError
from .fileio import STDIO, atomic_write, check_output_path, json_line
from .pairfiles import iter_pairs

__all__ = ["KEY_HELP", "label_pairs", "pair_id", "skipped_path"]

LABEL_KEYS = {label[0]: label for label in LABELS}  # a, c, n
SKIP, UNDO, QUIT = "s", "u", "q"
KEY_HELP = "[a]gree  [c]ontradict  [n]eutral  [s]kip  [u]ndo  [q]uit"
_UNTRAINABLE_SUFFIXES = {".csv", ".tsv", ".tab"}  # stance would read JSON Lines there as a table
_MIN_WIDTH = 40  # below this, wrapping helps nobody (and textwrap needs a positive width)


def pair_id(row: dict[str, Any]) -> str:
    """The pair's ``id`` as text or, for a pair without one, a stable id from its two texts.

    Resuming matches pairs by id, so the id of an id-less pair must not depend on its position
    (a pairs file may be regenerated or re-sorted): the first 16 hex characters of the sha256 of
    ``a + "\\x1f" + b``.
    """
    raw = row.get("id")
    if raw is not None and raw != "":
        return str(raw)
    return hashlib.sha256(f"{row['a']}\x1f{row['b']}".encode()).hexdigest()[:16]


def skipped_path(output: str) -> str:
    """The side file that remembers skipped pairs: kept apart so the labels file trains as is."""
    return f"{output}.skipped"


def _append(path: str, data: bytes) -> None:
    """Append and fsync, so the bytes survive the process being killed the next instant.

    The file is opened for each write rather than once per run: undo replaces the labels file
    with a new one, and a handle kept open would go on writing to the replaced one.
    """
    with open(path, "ab") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


# ---------------------------------------------------------------------------------------------
# The labels file
# ---------------------------------------------------------------------------------------------


def _parse_record(line: bytes) -> dict[str, Any] | None:
    """A line as a JSON object, or None if it is not one (bad UTF-8, bad JSON, not an object)."""
    try:
        obj = json.loads(line.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return obj if isinstance(obj, dict) else None


def _record_id(record: dict[str, Any]) -> str | None:
    """The id a record labels; None for an object that is no pair at all (it matches nothing)."""
    if "id" in record or (isinstance(record.get("a"), str) and isinstance(record.get("b"), str)):
        return pair_id(record)
    return None


class _LabelLog:
    """The labels file, mirrored in memory as its raw lines so undo can rewrite it byte for byte.

    Opening it checks every existing line. A last line that starts like a record but does not
    parse is what a kill mid-write leaves: it is dropped (after saying so). Any other bad line is
    an error, because the file holds a person's work and guessing could throw some of it away.
    """

    def __init__(self, path: str, echo: Callable[[str], None]) -> None:
        self.path = path
        self.lines: list[bytes] = []  # non-blank lines, each ending in b"\n"
        self.records: list[dict[str, Any]] = []
        if os.path.exists(path):
            self._load(echo)
        self.ids = self._ids()

    def _ids(self) -> set[str]:
        """The pair ids already labelled: what resuming does not show again."""
        return {i for i in map(_record_id, self.records) if i is not None}

    def _load(self, echo: Callable[[str], None]) -> None:
        with open(self.path, "rb") as fh:
            data = fh.read()
        if b"\x00" in data:
            raise StanceError(f"{self.path}: binary file, expected a JSON Lines labels file")
        lines = [(n, line) for n, line in enumerate(data.split(b"\n"), 1) if line.strip()]
        for position, (lineno, line) in enumerate(lines, 1):
            record = _parse_record(line)
            if record is None and position == len(lines) and line.startswith(b"{"):
                self._drop_fragment(line, echo)
                return
            if record is None:
                raise StanceError(
                    f"{self.path}: line {lineno}: not a JSON object; this file holds labels "
                    "already given, so stance will not drop it: fix or remove that line"
                )
            self.lines.append(line + b"\n")
            self.records.append(record)
        if data.strip() and not data.endswith(b"\n"):  # a whole record, just no newline yet
            _append(self.path, b"\n")

    def _drop_fragment(self, fragment: bytes, echo: Callable[[str], None]) -> None:
        self._rewrite()
        shown = fragment.decode("utf-8", "replace")
        echo(
            f"{self.path}: dropped an incomplete last line (a run was stopped while writing it): "
            f"{shown[:60]!r}{'...' if len(shown) > 60 else ''}"
        )

    def _rewrite(self) -> None:
        with atomic_write(self.path, "wb", force=True) as fh:
            fh.writelines(self.lines)

    def append(self, record: dict[str, Any]) -> None:
        """Write one record durably, then remember it."""
        line = (json_line(record) + "\n").encode("utf-8")
        _append(self.path, line)
        self.lines.append(line)
        self.records.append(record)
        self.ids.add(pair_id(record))

    def undo(self) -> dict[str, Any] | None:
        """Remove the last record from the file (atomically) and return it; None if none."""
        if not self.records:
            return None
        kept = self.lines.pop()
        try:
            self._rewrite()
        except BaseException:  # the file is unchanged, so the memory must be too
            self.lines.append(kept)
            raise
        record = self.records.pop()
        self.ids = self._ids()  # rebuilt, not discarded from: the id may be labelled twice
        return record


class _SkipList:
    """Ids of skipped pairs, one per line in a side file, appended as they are skipped."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.ids: set[str] = set()
        if os.path.exists(path):
            with open(path, "rb") as fh:
                data = fh.read()
            self.ids = set(data.decode("utf-8", "replace").splitlines())
            if data and not data.endswith(b"\n"):  # the next id must start on a line of its own
                _append(path, b"\n")

    def add(self, pid: str) -> None:
        """Remember a skipped pair durably."""
        _append(self.path, (pid + "\n").encode("utf-8"))
        self.ids.add(pid)


# ---------------------------------------------------------------------------------------------
# Input and output checks
# ---------------------------------------------------------------------------------------------


def _check_output(pairs_path: str, output: str) -> None:
    """Refuse outputs that could not hold labels for resuming, or would not train, or are the
    input itself (appending labels to the pairs file would destroy it as input)."""
    if output == STDIO:
        raise StanceError(
            "labels must go to a file, where they are kept as you give them and resumed",
            param="output",
        )
    if Path(output).suffix.lower() in _UNTRAINABLE_SUFFIXES:
        raise StanceError(
            f"{output}: labels are written as JSON Lines; name the file .jsonl so that "
            "stance train reads it as such"
        )
    target = check_output_path(output, force=True)
    if target.exists() and not target.is_file():
        raise StanceError(f"{output}: not a regular file; labels must persist in a file")
    if pairs_path != STDIO and _same_file(output, pairs_path):
        raise StanceError(f"{output}: is the pairs file itself; write labels to another file")


def _same_file(a: str, b: str) -> bool:
    """Whether two names are one file, also through a symbolic or hard link."""
    if os.path.exists(a) and os.path.exists(b):
        return os.path.samefile(a, b)
    return Path(a).resolve() == Path(b).resolve()


def _read_pairs(path: str, encoding: str) -> list[tuple[str, dict[str, Any]]]:
    """The pairs as (id, row), each id once.

    A pair repeated with the same id and texts is shown once. Two different pairs under one id
    are an error: a label given to one would silently count for the other.
    """
    pairs: list[tuple[str, dict[str, Any]]] = []
    first_seen: dict[str, int] = {}
    for n, row in enumerate(iter_pairs(path, encoding, require_label=False), 1):
        pid = pair_id(row)
        if pid.splitlines() != [pid]:
            raise StanceError(f"{path}: pair {n}: id {pid!r} must be one line of text")
        if pid in first_seen:
            m = first_seen[pid]
            earlier = pairs[m - 1][1]
            if (earlier["a"], earlier["b"]) != (row["a"], row["b"]):
                raise StanceError(f"{path}: pairs {m} and {n} share the id {pid!r}")
            continue
        first_seen[pid] = len(pairs) + 1
        pairs.append((pid, row))
    return pairs


def _record(pid: str, row: dict[str, Any], label: str) -> dict[str, Any]:
    """The row's columns plus ``label``; an input ``label`` (a model's guess, say) is kept as
    ``input_label``, as ``stance score`` does, so the person's label is the one that trains."""
    record = {"id": pid, **row}
    if record["id"] in (None, ""):
        record["id"] = pid
    if "label" in record:
        key = "input_label"
        while key in record:
            key = f"input_{key}"
        record[key] = record.pop("label")
    record["label"] = label
    return record


# ---------------------------------------------------------------------------------------------
# Display
# ---------------------------------------------------------------------------------------------


def _source(statement: dict[str, Any]) -> str:
    """Who said it, in which article, with which words: what a person needs to judge the pair."""
    parts = [str(statement.get("speaker") or "(narrative)")]
    if statement.get("article"):
        parts.append(str(statement["article"]))
    if statement.get("cue"):
        parts.append(f"cue: {statement['cue']}")
    return " | ".join(parts)


def _side(name: str, text: str, statement: Any, width: int) -> list[str]:
    """One side of the pair. ``text`` (column a or b) is shown rather than the statement's claim
    because it is what the label will train on."""
    indent = " " * (len(name) + 2)
    if not isinstance(statement, dict):  # a plain a, b pairs file: the text is all there is
        return textwrap.wrap(text, width, initial_indent=f"{name}  ", subsequent_indent=indent)
    body = textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent)
    return [f"{name}  {_source(statement)}", *body]


def _format_pair(row: dict[str, Any], position: int, total: int, labelled: int) -> str:
    """One pair as shown on the terminal, wrapped to its current width."""
    width = max(shutil.get_terminal_size().columns, _MIN_WIDTH) - 1
    lines = [
        f"pair {position} / {total} ({labelled} labelled)",
        *_side("A", row["a"], row.get("statement_a"), width),
        *_side("B", row["b"], row.get("statement_b"), width),
        KEY_HELP,
    ]
    return "\n".join(lines)


def _read_key(getchar: Callable[[], str], echo: Callable[[str], None]) -> str:
    """One valid key, lower-case; quit on Ctrl-C or end of input. Other keys ask again.

    A read of several characters (an arrow key's escape sequence, keys typed ahead) is refused
    as a whole: acting on its letters one by one could label a pair the person never saw.
    """
    valid = {*LABEL_KEYS, SKIP, UNDO, QUIT}
    while True:
        try:
            key = getchar()
        except (KeyboardInterrupt, EOFError):  # a terminal's Ctrl-C and Ctrl-D
            return QUIT
        if key == "":
            return QUIT
        if key.lower() in valid:
            return key.lower()
        echo(f"unknown key {key!r}: {KEY_HELP}")


# ---------------------------------------------------------------------------------------------
# The labelling run
# ---------------------------------------------------------------------------------------------


class _Labelling:
    """The state of one labelling run: the pairs, the two files, and the pairs still to show."""

    def __init__(
        self,
        pairs: list[tuple[str, dict[str, Any]]],
        log: _LabelLog,
        skips: _SkipList,
        retry_skipped: bool,
    ) -> None:
        self.pairs = pairs
        self.index = {pid: i for i, (pid, _) in enumerate(pairs)}
        self.log = log
        self.skips = skips
        self.given = 0  # labels given in this run and still in the file
        self.queue = deque(
            i
            for i, (pid, _) in enumerate(pairs)
            if pid not in log.ids and (retry_skipped or pid not in skips.ids)
        )

    def counts(self) -> tuple[int, int, int]:
        """(labelled, skipped, to go) over this file's pairs; they add up to its pair count."""
        labelled = sum(pid in self.log.ids for pid, _ in self.pairs)
        skipped = sum(pid in self.skips.ids and pid not in self.log.ids for pid, _ in self.pairs)
        return labelled, skipped, len(self.pairs) - labelled - skipped

    def show(self, echo: Callable[[str], None]) -> None:
        """Show the pair at the front of the queue, numbered by its place in the pairs file."""
        i = self.queue[0]
        echo("")
        echo(_format_pair(self.pairs[i][1], i + 1, len(self.pairs), self.counts()[0]))

    def act(self, key: str, echo: Callable[[str], None]) -> None:
        """Apply one key (not quit) to the pair at the front of the queue."""
        pid, row = self.pairs[self.queue[0]]
        if key in LABEL_KEYS:
            self.log.append(_record(pid, row, LABEL_KEYS[key]))
            self.queue.popleft()
            self.given += 1
            echo(f"-> {LABEL_KEYS[key]}")
        elif key == SKIP:
            self.skips.add(pid)
            self.queue.popleft()
            echo("-> skipped")
        else:
            self.undo(echo)

    def undo(self, echo: Callable[[str], None]) -> None:
        """Take back the last label in the file and put its pair first in line."""
        record = self.log.undo()
        if record is None:
            echo(f"nothing to undo: {self.log.path} holds no labels")
            return
        self.given = max(self.given - 1, 0)
        rid = _record_id(record)
        elsewhere = "" if rid in self.index else ", which is not in this pairs file"
        echo(f"undone: {record.get('label')} for pair {rid}{elsewhere}")
        if rid in self.index and rid not in self.log.ids:
            self.queue.appendleft(self.index[rid])

    def summary(self) -> str:
        """The closing line: where the work stands, and whether running again has anything to do."""
        labelled, skipped, to_go = self.counts()
        if self.queue:
            return (
                f"{labelled} labelled, {skipped} skipped, {to_go} to go: "
                "run the same command to resume"
            )
        return f"all pairs done: {labelled} labelled, {skipped} skipped"


def label_pairs(
    pairs_path: str,
    output: str,
    *,
    encoding: str = "utf-8",
    retry_skipped: bool = False,
    getchar: Callable[[], str],
    echo: Callable[[str], None],
) -> dict[str, int]:
    """Show each pair not yet labelled, read one key, and append the label to ``output``.

    Keys: a / c / n label the pair (agree, contradict, neutral); s skips it (remembered in
    ``<output>.skipped``; ``retry_skipped=True`` shows skipped pairs again); u removes the last
    label in ``output``, from this run or an earlier one, and shows that pair again; q,
    Ctrl-C or the end of input stop. Any other key asks again. ``output`` is an append-only log
    (see the module docstring): every label is on disk before the next pair shows, and running
    the same call again resumes where this one stopped.

    ``encoding`` is the pairs file's; the labels file is always UTF-8. ``getchar`` (one key
    press; Ctrl-C and Ctrl-D may raise KeyboardInterrupt and EOFError) and ``echo`` (one line
    out) are the terminal: the CLI passes click's, a test or another front end its own.

    Returns ``{"labelled": labels given in this run (net of undo), "skipped": pairs of this
    file skipped and not labelled, "remaining": pairs neither labelled nor skipped, "total":
    records in output}``. Raises :class:`StanceError` for a bad pairs file, an output that is
    ``-``, the input itself or not JSON Lines, and a damaged labels file.
    """
    _check_output(pairs_path, output)
    pairs = _read_pairs(pairs_path, encoding)
    labelling = _Labelling(
        pairs, _LabelLog(output, echo), _SkipList(skipped_path(output)), retry_skipped
    )
    try:
        _run(labelling, getchar, echo)
    except KeyboardInterrupt:  # Ctrl-C outside getchar: every finished label is already on disk
        echo("")
    echo(labelling.summary())
    _, skipped, to_go = labelling.counts()
    return {
        "labelled": labelling.given,
        "skipped": skipped,
        "remaining": to_go,
        "total": len(labelling.log.records),
    }


def _run(labelling: _Labelling, getchar: Callable[[], str], echo: Callable[[str], None]) -> None:
    """Show, read a key, act, until the queue is empty or the person stops."""
    while labelling.queue:
        labelling.show(echo)
        key = _read_key(getchar, echo)
        if key == QUIT:
            return
        labelling.act(key, echo)
