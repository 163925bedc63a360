"""French–English word translations, so that two statements in two languages can be seen to
be about the same thing.

Coverage of one story comes in both languages, and the statements that clash across them often
share no word: "Orders at the plant have doubled" against "les commandes de l'usine ont chuté
de moitié". Shared five-letter stems already catch names, numbers and cognates ("évacués" /
"evacuated", "tarif" / "tariff"); this lexicon adds the words that are not cognates
("commande" / "order", "usine" / "plant", "digue" / "embankment").

The lexicon (``lexicons/fr-en.tsv``, one ``french<TAB>english`` pair of lemmas per line) was
written by the stance developers for news vocabulary: economy and labour, politics and courts,
disasters, health and transport, security and society, and the general words of any story.
Words are matched by stem (the first letters of the folded word, as
:mod:`stance.cues` compares statements), which covers inflections on both sides: "commandes"
and "commandé" reach "order", and "orders" and "ordered" reach "comma". Pairs whose stems are
already equal are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from importlib.resources import files

from .text import folded, tsv_rows

LEXICON = "lexicons/fr-en.tsv"
SYNONYMS = "generate/synonyms.tsv"


@cache
def stem_translations(
    stem: Callable[[str], str | None], lexicons: bool = True
) -> Mapping[str, Mapping[str, frozenset[str]]]:
    """For each language, a map from the stem of a word (``stem`` of the folded word) to the
    stems of its translations in the other language: ``{"fr": {"comma": {"order", ...}},
    "en": {"order": {"comma", ...}}}``, with the one-word translations of the bilingual cue
    lexicons (:data:`ALIGNED`) unless ``lexicons`` is false. Read once per process and stem
    function."""
    to: dict[str, dict[str, set[str]]] = {"fr": {}, "en": {}}
    text = files("stance").joinpath(LEXICON).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        fr, sep, en = line.partition("\t")
        if not sep or not fr.strip() or not en.strip():
            raise ValueError(f"{LEXICON}, line {number}: expected 'french<TAB>english'")
        fr_stem, en_stem = stem(folded(fr.strip())), stem(folded(en.strip()))
        if fr_stem is not None and en_stem is not None and fr_stem != en_stem:
            to["fr"].setdefault(fr_stem, set()).add(en_stem)
            to["en"].setdefault(en_stem, set()).add(fr_stem)
    for fr, en in aligned_words() if lexicons else ():
        fr_stem, en_stem = stem(fr), stem(en)
        if fr_stem is not None and en_stem is not None and fr_stem != en_stem:
            to["fr"].setdefault(fr_stem, set()).add(en_stem)
            to["en"].setdefault(en_stem, set()).add(fr_stem)
    return {lang: {s: frozenset(t) for s, t in m.items()} for lang, m in to.items()}


ALIGNED = {
    "lexicons/opposites.tsv": (("en_a", "fr_a"), ("en_b", "fr_b")),
    "lexicons/directions.tsv": (("en_up", "fr_up"), ("en_down", "fr_down")),
    "lexicons/quantifiers.tsv": (("en", "fr"),),
    "lexicons/time.tsv": (("en", "fr"),),
}
"""The cue lexicons whose lines give one meaning in both languages, and their (English,
French) column pairs: every one-word form of one cell translates every one of the other, so
that a line added there ("mardi" / "Tuesday", "fermé" / "closed") reaches the overlap too."""


@cache
def aligned_words() -> tuple[tuple[str, str], ...]:
    """(French, English) one-word folded forms that translate each other, from :data:`ALIGNED`."""
    found: dict[tuple[str, str], None] = {}
    for name, column_pairs in ALIGNED.items():
        header, *rows = tsv_rows(files("stance").joinpath(name)) or [[]]
        for cells in rows:
            row = dict(zip(header, cells))
            for en_column, fr_column in column_pairs:
                en = [folded(f.strip()) for f in row.get(en_column, "").split("|")]
                fr = [folded(f.strip()) for f in row.get(fr_column, "").split("|")]
                for one in (f for f in fr if f and " " not in f):
                    for other in (e for e in en if e and " " not in e):
                        found[(one, other)] = None
    return tuple(found)


@cache
def stem_synonyms(stem: Callable[[str], str | None]) -> Mapping[str, frozenset[str]]:
    """A map from the stem of a word to the stems of its synonyms in its own language
    (``generate/synonyms.tsv``, the list the training pairs restate sentences with: "stepped
    down" for "resigned", "firm" for "company"), so that a restatement is seen to reach the
    words it replaced. Both ways: a synonym reaches the word too."""
    to: dict[str, set[str]] = {}
    text = files("stance").joinpath(SYNONYMS).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 3:
            continue
        forms = [cells[1], *cells[2].split("|")]
        stems = {stem(w) for form in forms for w in folded(form.strip()).split()}
        stems.discard(None)
        for one in stems:
            to.setdefault(one, set()).update(stems - {one})
    return {s: frozenset(t) for s, t in to.items() if t}
