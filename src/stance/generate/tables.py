"""The word lists the generation rules read: this folder's TSV files (``synonyms.tsv``,
``droppable.tsv``, ``places.tsv``, ``frames.tsv``, ``numbers.tsv``, ``participles.tsv``) and the
shared bilingual lexicons of ``stance/lexicons``, each read once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..text import tsv_rows
from .sources import HERE

LEXICONS = HERE.parent / "lexicons"


def read_table(path: Path) -> list[list[str]]:
    """The rows of a TSV word list: comments (#) and blank lines skipped; the shared lexicons'
    header line (a first line without '#') skipped too. A missing file reads as empty, so that
    a rule whose lexicon is not written yet makes no pairs rather than failing."""
    if not path.is_file():
        return []
    rows = tsv_rows(path)
    if path.parent == LEXICONS and rows:
        rows = rows[1:]
    return rows


def _forms(cell: str) -> list[str]:
    return [f.strip() for f in cell.split("|") if f.strip()]


@cache
def swaps(name: str) -> dict[str, dict[str, list[str]]]:
    """For a two-sided lexicon (``opposites``, ``directions``): by language, each form mapped to
    its counterparts on the other side, the form of the same rank first (``rose`` -> ``fell``)."""
    out: dict[str, dict[str, list[str]]] = {"en": {}, "fr": {}}
    for row in read_table(LEXICONS / f"{name}.tsv"):
        if len(row) < 4:
            continue
        for lang, left, right in (("en", row[0], row[1]), ("fr", row[2], row[3])):
            a, b = _forms(left), _forms(right)
            for one, other in ((a, b), (b, a)):
                for i, form in enumerate(one):
                    if other:
                        ranked = [other[min(i, len(other) - 1)], *other]
                        out[lang].setdefault(form.lower(), list(dict.fromkeys(ranked)))
    return out


@cache
def time_words() -> dict[str, list[tuple[str, str, int]]]:
    """By language: (form, kind, row) for every form of ``time.tsv``."""
    out: dict[str, list[tuple[str, str, int]]] = {"en": [], "fr": []}
    for r, row in enumerate(read_table(LEXICONS / "time.tsv")):
        if len(row) < 4:
            continue
        for lang, cell in (("en", row[0]), ("fr", row[1])):
            out[lang] += [(form, row[2], r) for form in _forms(cell)]
    return out


@cache
def quantifier_words() -> dict[str, dict[str, str]]:
    """By language: form -> value (all, most, some, few, none) from ``quantifiers.tsv``."""
    out: dict[str, dict[str, str]] = {"en": {}, "fr": {}}
    for row in read_table(LEXICONS / "quantifiers.tsv"):
        if len(row) >= 3:
            for lang, cell in (("en", row[0]), ("fr", row[1])):
                for form in _forms(cell):
                    out[lang][form.lower()] = row[2]
    return out


@cache
def by_language(name: str) -> dict[str, list[list[str]]]:
    """A word list of this folder whose first column is the language."""
    out: dict[str, list[list[str]]] = {"en": [], "fr": []}
    for row in read_table(HERE / name):
        out.setdefault(row[0], []).append(row[1:])
    return out


@cache
def synonyms(lang: str) -> dict[str, list[str]]:
    """Word -> the words that can stand for it (``synonyms.tsv``)."""
    return {row[0]: _forms(row[1]) for row in by_language("synonyms.tsv")[lang]}


@cache
def places() -> dict[str, dict[str, list[str]]]:
    """By language: kind -> names (``places.tsv``)."""
    out: dict[str, dict[str, list[str]]] = {"en": {}, "fr": {}}
    for kind, en, fr in read_table(HERE / "places.tsv"):
        out["en"].setdefault(kind, []).append(en)
        out["fr"].setdefault(kind, []).append(fr)
    return out


@cache
def number_words() -> dict[str, dict[int, str]]:
    out: dict[str, dict[int, str]] = {"en": {}, "fr": {}}
    for value, en, fr in read_table(HERE / "numbers.tsv"):
        out["en"][int(value)] = en
        out["fr"][int(value)] = fr
    return out


@cache
def reciprocal_words() -> frozenset[str]:
    """The forms of ``lexicons/reciprocal.tsv``: verbs that read the same both ways ("met",
    "played", "a rencontré"), around which two swapped names say the same thing."""
    return frozenset(
        form.lower() for row in read_table(LEXICONS / "reciprocal.tsv") for cell in row
        for form in _forms(cell)
    )  # fmt: skip


@cache
def participles() -> dict[str, str]:
    """English simple past -> past participle where they differ (``participles.tsv``)."""
    return {past: participle for past, participle in read_table(HERE / "participles.tsv")}
