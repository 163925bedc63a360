"""Dated archives: a newsroom's articles as JSON Lines, one article a line.

A folder of ``.txt`` files says nothing about who published an article or when; yet "the toll
rose to 12" on Monday and "the toll is 15" on Wednesday are a story moving, not two sources
clashing. An archive line carries what a scan needs to tell them apart::

    {"id": "courrier-2026-03-02-pont", "outlet": "Le Courrier", "date": "2026-03-02",
     "lang": "fr", "text": "Le pont de Tours ..."}

``id``, ``outlet``, ``date`` and ``text`` are required; ``lang`` ("fr" or "en") is optional
(guessed from the text when absent); other fields are ignored. ``date`` is an ISO 8601 date,
optionally with a time ("2026-03-02", "2026-03-02T08:30:00+01:00"). Every problem is one line
naming the file and the line: an archive that loses an article silently would make every count
of a scan wrong without anyone noticing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .errors import StanceError
from .extract.statement import LANGS
from .fileio import decode_error, open_text

ARCHIVE_SUFFIX = ".jsonl"
REQUIRED = ("id", "outlet", "date", "text")


@dataclass(frozen=True)
class ArchivedArticle:
    """One article of an archive, with where it was read (for messages)."""

    id: str
    outlet: str
    date: str  # as written in the archive, checked to be ISO 8601
    lang: str | None
    text: str
    line: int


def read_archive(path: str, encoding: str = "utf-8") -> list[ArchivedArticle]:
    """The articles of a JSON Lines archive, in file order; blank lines are skipped."""
    articles: list[ArchivedArticle] = []
    seen: dict[str, int] = {}
    try:
        with open_text(path, encoding) as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                article = _article(path, number, line)
                if article.id in seen:
                    raise StanceError(
                        f"{path}: line {number}: id {article.id!r} already given on line "
                        f"{seen[article.id]}"
                    )
                seen[article.id] = number
                articles.append(article)
    except UnicodeDecodeError as err:
        raise decode_error(path, err, encoding) from err
    except OSError as err:
        raise StanceError(f"{path}: cannot read: {err.strerror or err}") from err
    if not articles:
        raise StanceError(f"{path}: empty archive, expected one JSON article per line")
    return articles


def _article(path: str, number: int, line: str) -> ArchivedArticle:
    where = f"{path}: line {number}"
    try:
        record: Any = json.loads(line)
    except json.JSONDecodeError as err:
        raise StanceError(f"{where}: not JSON ({err.msg} at column {err.colno})") from None
    if not isinstance(record, dict):
        raise StanceError(f"{where}: expected a JSON object with {', '.join(REQUIRED)}")
    for field in REQUIRED:
        if field not in record or record[field] is None:
            raise StanceError(f"{where}: missing field {field!r}")
        if not isinstance(record[field], str):
            raise StanceError(f"{where}: field {field!r} must be a string")
        if not record[field].strip():
            raise StanceError(f"{where}: field {field!r} is empty")
    lang = record.get("lang")
    if lang is not None and lang not in LANGS:
        raise StanceError(f"{where}: lang must be one of {', '.join(LANGS)}, not {lang!r}")
    try:
        day(record["date"])
    except ValueError:
        raise StanceError(
            f"{where}: bad date {record['date']!r}; expected YYYY-MM-DD (ISO 8601)"
        ) from None
    return ArchivedArticle(
        id=record["id"].strip(),
        outlet=record["outlet"].strip(),
        date=record["date"].strip(),
        lang=lang,
        text=record["text"],
        line=number,
    )


def day(value: str) -> date:
    """The calendar day of an ISO 8601 date or date and time (raises ValueError otherwise)."""
    return datetime.fromisoformat(value.strip()).date()
