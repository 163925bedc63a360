"""The French-English lexicon is well formed, and statements in two languages that say the same
thing in words that are not cognates are seen to be about one subject."""

from __future__ import annotations

from importlib.resources import files

import numpy as np
import pytest

from stance import bilingual
from stance.cues.batch import _Batch, _stem


def related(a: str, b: str) -> float:
    return float(_Batch([a, b]).related(np.array([0]), np.array([1]))[0])


def test_lexicon_lines_are_french_tab_english_without_duplicates():
    lines = files("stance").joinpath(bilingual.LEXICON).read_text(encoding="utf-8").splitlines()
    assert len(lines) > 2000
    pairs = [tuple(line.split("\t")) for line in lines]
    assert all(len(p) == 2 and all(w and w == w.strip() and " " not in w for w in p) for p in pairs)
    assert len(set(pairs)) == len(pairs)


def test_translations_go_both_ways_by_stem():
    to = bilingual.stem_translations(_stem)
    assert "ord" in to["fr"]["comma"]  # commande / order
    assert "comma" in to["en"]["ord"]
    for lang, other in (("fr", "en"), ("en", "fr")):
        for stem, translations in to[lang].items():
            assert all(stem in to[other][t] for t in translations)
            assert stem not in translations  # equal stems need no lexicon


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("l'usine", "usin"),
        ("usines", "usin"),
        ("d’emplois", "emplo"),
        ("plant's", "plant"),
        ("given", "giv"),
        ("give", "giv"),
        ("rises", "ris"),
        ("open", "open"),
        ("qu'il", None),
        ("4000", "4000"),
        ("the", None),
    ],
)
def test_stems_drop_elisions_and_function_words(word, stem):
    assert _stem(word) == stem


def test_statements_in_two_languages_share_a_subject_through_the_lexicon():
    en = "Orders at the plant have doubled over the past two years."
    fr = "Les commandes de l'usine ont chuté de moitié en deux ans."
    # Of the six French stems (comma, usin, chut, moiti, deux, ans), the English side reaches
    # commandes, usine and deux through the lexicon ("orders", "plant", "two").
    assert related(en, fr) == 0.5
    assert related(fr, en) == related(en, fr)
    assert related(en, "Le stade municipal rouvrira ses portes samedi.") == 0.0


def test_a_malformed_lexicon_line_is_named(tmp_path, monkeypatch):
    (tmp_path / "lexicons").mkdir()
    (tmp_path / bilingual.LEXICON).write_text("usine\tplant\ncommande order\n", encoding="utf-8")
    monkeypatch.setattr(bilingual, "files", lambda package: tmp_path)
    bilingual.stem_translations.cache_clear()
    try:
        with pytest.raises(ValueError, match="line 2"):
            bilingual.stem_translations(_stem)
    finally:
        bilingual.stem_translations.cache_clear()


def test_the_bilingual_cue_lexicons_translate_and_synonyms_reach_each_other():
    to = bilingual.stem_translations(_stem)
    assert _stem("tuesday") in to["fr"][_stem("mardi")]  # time.tsv
    assert ("mardi", "tuesday") in bilingual.aligned_words()
    synonyms = bilingual.stem_synonyms(_stem)
    assert _stem("firm") in synonyms[_stem("company")]
    assert _stem("company") in synonyms[_stem("firm")]
    restated = related("The company closed the plant.", "The firm closed the plant.")
    assert restated == 1.0
