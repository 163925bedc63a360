"""Text functions every stage shares: case and accent folding, the language of a text, word lists
written as strings or read from the lexicon files (``lexicons/*.tsv``), regex alternations of
words, and the names of the months (from ``lexicons/time.tsv``).

French and English writers do not agree on accents ("évacués", "evacues"), nor do headlines in
capitals: the cue lexicons, the counted-noun concepts and the stems that say whether two
statements share a subject all compare folded words. Extraction, quantities, cues and pairing
all need to know whether a statement is French or English (:func:`guess_lang`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for annotations only
    from importlib.resources.abc import Traversable
    from pathlib import Path


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string, which is easier to read."""
    return frozenset(words.split())


def alternation(words: Iterable[str]) -> str:
    r"""A regex alternation of literal words, factored as a trie ("d(?:eux|ix)"); a space in a
    word ("laissé entendre") matches any run of white space.

    Python's regex engine tries the branches of an alternation one by one; a trie fails on the
    first character instead of once per word, which makes scanning every statement several times
    cheaper. Longer words are tried first, so that no word hides a longer one.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(tree)


def _trie_regex(node: dict[str, dict]) -> str:
    """The regex of one trie node; the key "" marks the end of a word."""
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def tsv_rows(path: Path | Traversable) -> list[list[str]]:
    """The rows of a TSV word list, its header first, split at tabs: every word list of the
    package is written this way, with ``#`` comments and blank lines between rows."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def lexicon_rows(name: str) -> list[dict[str, list[str]]]:
    """The lines of ``lexicons/<name>.tsv`` as ``{column: [forms]}``, in file order (the
    shared lexicon format of ``lexicons/README.md``: a header, ``#`` comments, forms separated
    by ``|``, the lemma first)."""
    header, *rows = tsv_rows(files("stance").joinpath(f"lexicons/{name}.tsv"))
    return [dict(zip(header, (cell.split("|") for cell in row))) for row in rows]


def _months(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The month names of ``lexicons/time.tsv`` in ``lang``: full names (each line's lemma) and
    abbreviations (its other forms, without their full stop), as written there: English ones
    capitalised ("may" is a verb, "march" a noun)."""
    rows = [row for row in lexicon_rows("time") if row["kind"] == ["month"]]
    names = frozenset(row[lang][0] for row in rows)
    short = frozenset(form.rstrip(".") for row in rows for form in row[lang][1:])
    return names, short - names


MONTHS_FR, MONTH_ABBREVIATIONS_FR = _months("fr")
MONTHS_EN, MONTH_ABBREVIATIONS_EN = _months("en")


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
        words: dict[str, tuple[str, ...]] = {}
        for lang, listed in tsv_rows(files("stance") / "lexicons" / "other_languages.tsv")[1:]:
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


def count_unsupported(items: Iterable[Iterable[str]]) -> dict[str, int]:
    """How many of ``items`` (each given as its texts: a pair's two statements) are in each
    language stance does not read, an item counting under the first of its texts that is.

    A function of the texts alone, so that the worker processes that score a file can count
    their own rows and the process that writes the output only adds the counts up."""
    counts: dict[str, int] = {}
    for texts in items:
        lang = next(filter(None, map(unsupported_language, texts)), None)
        if lang:
            counts[lang] = counts.get(lang, 0) + 1
    return counts
