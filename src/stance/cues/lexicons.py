"""Reading the lexicon files (lexicons/*.tsv) into the matchers the cue families use."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..errors import StanceError
from ..text import folded
from .batch import _tokens

LEXICON_FILES = {
    "opposites": "opposites.tsv",
    "directions": "directions.tsv",
    "quantifiers": "quantifiers.tsv",
    "time": "time.tsv",
    "negation": "negation.tsv",
    "reciprocal": "reciprocal.tsv",
    "passive": "passive.tsv",
}

"""The lexicons :meth:`CueFeaturizer.fit` reads, by name, from ``lexicon_dir``."""


LEXICON_COLUMNS = {
    "opposites": ("en_a", "en_b", "fr_a", "fr_b"),
    "directions": ("en_up", "en_down", "fr_up", "fr_down"),
    "quantifiers": ("en", "fr", "value"),
    "time": ("en", "fr", "kind", "value"),
    "negation": ("en", "fr", "kind"),
    "reciprocal": ("en", "fr"),
    "passive": ("en", "fr"),
}

"""The header each lexicon file must start with."""


def read_lexicon(path: Path, name: str) -> list[dict[str, str]]:
    """The rows of one lexicon file as dicts by column, comments and blank lines aside.

    A file with another header, or a row with another number of cells, is refused with its
    path and line number: a lexicon a reader edited by hand must not be read half right.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise StanceError(f"{path}: cannot read lexicon ({err})") from None
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]
    expected = LEXICON_COLUMNS[name]
    if not lines or tuple(lines[0][1].split("\t")) != expected:
        raise StanceError(f"{path}: the first line must be the header {'<TAB>'.join(expected)}")
    rows = []
    for number, cells in zip(
        (n for n, _ in lines[1:]),
        csv.reader((line for _, line in lines[1:]), delimiter="\t", quoting=csv.QUOTE_NONE),
    ):
        if len(cells) != len(expected):
            raise StanceError(
                f"{path}, line {number}: {len(cells)} cells, expected {len(expected)}"
            )
        rows.append(dict(zip(expected, (cell.strip() for cell in cells))))
    return rows


def _forms(cell: str) -> list[str]:
    """The forms of a cell ("rise|rises|rose"), each folded and cut into words as statements are
    ("après-midi" -> "apres midi"); several words make a phrase, matched word for word."""
    forms = []
    for form in cell.split("|"):
        text = folded(form.strip())
        words = _tokens(text)
        # A form with signs the words leave out ("100 %") cannot be matched word for word: as
        # "100" alone it would say something else.
        if words and _UNMATCHED.sub("", text) == "".join(words).replace("'", ""):
            forms.append(" ".join(words))
    return forms


_UNMATCHED = re.compile(r"[\s.'’-]")

"""What may stand between the words of a lexicon form: spaces, hyphens, apostrophes, dots."""


def _matcher(entries: Iterable[tuple[str, int]]) -> dict[str, Any]:
    """A lexicon as plain containers (so that skops saves it as data): ``words`` maps a one-word
    form to its labels, ``phrases`` maps the first word of a longer form to (the rest of the
    form, its label) pairs."""
    words: dict[str, list[int]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for form, label in entries:
        head, *rest = form.split(" ")
        if rest:
            phrases.setdefault(head, []).append((tuple(rest), label))
        elif label not in words.setdefault(head, []):
            words[head].append(label)
    for found in phrases.values():  # longest first: "very few" before "very"
        found.sort(key=lambda entry: -len(entry[0]))
    return {"words": words, "phrases": phrases}


def _paired_lexicon(rows: list[dict[str, str]], columns: Sequence[str], one_axis: bool) -> dict:
    """A lexicon of opposed pairs (``columns``: English one side, English the other, French one
    side, French the other). Label ``2 * g + side`` is side 0 or 1 of group ``g``: one group per
    row, or with ``one_axis`` a single group for the whole file (all rows say up or down)."""
    entries, names = [], []
    for g, row in enumerate(rows):
        group = 0 if one_axis else g
        one = _forms(row[columns[0]]) + _forms(row[columns[2]])
        two = _forms(row[columns[1]]) + _forms(row[columns[3]])
        entries += [(form, 2 * group) for form in one] + [(form, 2 * group + 1) for form in two]
        if not one_axis:
            names.append((one[0] if one else "?", two[0] if two else "?"))
    return {**_matcher(entries), "groups": names if not one_axis else [("up", "down")]}


def _valued_lexicon(rows: list[dict[str, str]], value_of: Callable[[dict[str, str]], str]) -> dict:
    """A lexicon whose rows give forms (``en``, ``fr``) of one value: label ``i`` is the i-th
    distinct value, in order of appearance."""
    values: list[str] = []
    entries = []
    for row in rows:
        value = value_of(row)
        if value not in values:
            values.append(value)
        label = values.index(value)
        entries += [(form, label) for form in _forms(row["en"]) + _forms(row["fr"])]
    return {**_matcher(entries), "values": values}


def load_lexicons(lexicon_dir: str | Path | None = None) -> dict[str, dict]:
    """Every lexicon of :data:`LEXICON_FILES`, parsed, from ``lexicon_dir`` (default: the
    package's own ``lexicons/``)."""
    folder = (
        Path(lexicon_dir) if lexicon_dir is not None else Path(str(files("stance"))) / "lexicons"
    )
    rows = {name: read_lexicon(folder / file, name) for name, file in LEXICON_FILES.items()}
    lexicons = {
        "opposites": _paired_lexicon(rows["opposites"], LEXICON_COLUMNS["opposites"], False),
        "directions": _paired_lexicon(rows["directions"], LEXICON_COLUMNS["directions"], True),
        "quantifiers": _valued_lexicon(rows["quantifiers"], lambda row: row["value"]),
        "time": _valued_lexicon(rows["time"], lambda row: f"{row['kind']}={row['value']}"),
        "negation": _valued_lexicon(rows["negation"], lambda row: row["kind"]),
        "reciprocal": _valued_lexicon(rows["reciprocal"], lambda row: "reciprocal"),
        "passive": _valued_lexicon(rows["passive"], lambda row: "agent"),
    }
    for name, lexicon in lexicons.items():
        lexicon["proper"] = _proper_forms(rows[name])
    return lexicons


def _proper_forms(rows: list[dict[str, str]]) -> list[str]:
    """The one-word forms a lexicon writes only with a capital ("May", "March"): names, which
    match a capitalised word only, since in lower case they are other words ("may", "march")."""
    capitalised, lower = set(), set()
    for row in rows:
        for column, cell in row.items():
            if column in ("kind", "value"):
                continue
            for form in cell.split("|"):
                form = form.strip()
                words = _forms(form)
                if len(words) == 1 and " " not in words[0]:
                    (capitalised if form[:1].isupper() else lower).add(words[0])
    return sorted(capitalised - lower)
