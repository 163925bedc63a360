"""Case and accent folding, for every lexicon stance matches words against.

French and English writers do not agree on accents ("évacués", "evacues"), nor do headlines in
capitals: the cue lexicons, the counted-noun concepts and the stems that say whether two
statements share a subject all compare folded words.
"""

from __future__ import annotations

import unicodedata


class _Uncombined(dict[int, int | None]):
    """A ``str.translate`` table that deletes combining characters (the accents NFKD splits
    off), filled in as characters are met: folding then runs in C, not one Python call per
    character."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_UNCOMBINED = _Uncombined()


def folded(text: str) -> str:
    """``text`` lower-cased, without accents ("Évacués" → "evacues")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return decomposed if decomposed.isascii() else decomposed.translate(_UNCOMBINED)
