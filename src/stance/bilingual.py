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

from .text import folded

LEXICON = "lexicons/fr-en.tsv"


@cache
def stem_translations(
    stem: Callable[[str], str | None],
) -> Mapping[str, Mapping[str, frozenset[str]]]:
    """For each language, a map from the stem of a word (``stem`` of the folded word) to the
    stems of its translations in the other language: ``{"fr": {"comma": {"order", ...}},
    "en": {"order": {"comma", ...}}}``. Read once per process and stem function."""
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
    return {lang: {s: frozenset(t) for s, t in m.items()} for lang, m in to.items()}
