"""Text helpers every stage shares: case and accent folding, and the language of a text.

French and English writers do not agree on accents ("évacués", "evacues"), nor do headlines in
capitals: the cue lexicons, the counted-noun concepts and the stems that say whether two
statements share a subject all compare folded words. Extraction, quantities, cues and pairing
all need to know whether a statement is French or English (:func:`guess_lang`).
"""

from __future__ import annotations

import re
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


FR_FUNCTION_WORDS = frozenset(
    "le la les l de des du d et est dans pour par sur au aux ne pas plus que qu qui une un selon "
    "ont sont été cette ces avec il elle ils se s son sa ses leur était aussi mais ou où".split()
)
EN_FUNCTION_WORDS = frozenset(
    "the of and to in is was that for on with by has have had been are were from as at this "
    "it its an be which who their they he she not but or than after said says".split()
)
_LANG_TOKEN = re.compile(r"[^\W\d_]+")
_FR_MARKS = re.compile(r"[àâçéèêëîïôûùœ]|\b[ldjqs]['\u2019]\w", re.IGNORECASE)


def guess_lang(text: str) -> str:
    """``"fr"`` or ``"en"``, by counting each language's commonest function words.

    Cheap enough to call on every statement; a tie is broken by French accents and elisions,
    then goes to English.
    """
    words = _LANG_TOKEN.findall(text.lower())
    fr = sum(map(FR_FUNCTION_WORDS.__contains__, words))
    en = sum(map(EN_FUNCTION_WORDS.__contains__, words))
    if fr != en:
        return "fr" if fr > en else "en"
    return "fr" if _FR_MARKS.search(text) else "en"


_OTHER_WORDS: dict[str, tuple[str, ...]] | None = None


def _other_words() -> dict[str, tuple[str, ...]]:
    """Each function word of another language, mapped to the languages that use it (read once
    from ``lexicons/other_languages.tsv``)."""
    global _OTHER_WORDS
    if _OTHER_WORDS is None:
        from importlib.resources import files

        table = files("stance") / "lexicons" / "other_languages.tsv"
        words: dict[str, tuple[str, ...]] = {}
        for line in table.read_text(encoding="utf-8").splitlines()[1:]:
            if line.strip() and not line.startswith("#"):
                lang, _, listed = line.partition("\t")
                for word in listed.split():
                    words[word] = (*words.get(word, ()), lang)
        _OTHER_WORDS = words
    return _OTHER_WORDS


def unsupported_language(text: str) -> str | None:
    """The language of ``text`` when it is clearly neither French nor English (``"es"``,
    ``"de"``, ``"it"``, ``"pt"``, ``"nl"``): more of that language's commonest words than of
    French's or English's, and at least two. None otherwise, also for text too short to say.

    The model reads French and English; a verdict on anything else means little, and the
    command line says so."""
    words = _LANG_TOKEN.findall(text.lower())
    other = _other_words()
    counts: dict[str, int] = {}
    for word in words:
        for lang in other.get(word, ()):
            counts[lang] = counts.get(lang, 0) + 1
    if not counts:
        return None
    lang, n = max(counts.items(), key=lambda kv: kv[1])
    fr = sum(map(FR_FUNCTION_WORDS.__contains__, words))
    en = sum(map(EN_FUNCTION_WORDS.__contains__, words))
    return lang if n >= 2 and n > max(fr, en) else None
