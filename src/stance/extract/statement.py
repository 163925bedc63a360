"""The record of one attributed statement."""

from __future__ import annotations

from dataclasses import asdict, dataclass

LANGS = ("fr", "en")


@dataclass(frozen=True)
class Statement:
    """One attributed (or, with ``narrative=True``, unattributed) statement of an article."""

    id: str  # f"{article}#{n}", n = 1.. in text order
    article: str  # file name, or "" for raw text
    start: int  # character offsets in the article text
    end: int
    quote: str  # text[start:end]: the sentence or clause carrying the statement
    speaker: str | None  # as written; a pronoun resolved to the named speaker; None: narrative
    cue: str | None  # the attribution frame as written ("a-t-il ajouté", "selon", "said")
    claim: str  # the reported content without the frame
    lang: str  # "fr" or "en"
    # What a pronoun opening the claim stands for ("Il a fait douze morts": "Le séisme"), so
    # that the claim can be paired and scored on its own; None when it opens with no pronoun.
    referent: str | None = None

    def to_dict(self) -> dict:
        """A plain dict (JSON-ready) with the dataclass's fields."""
        return asdict(self)
