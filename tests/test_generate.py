"""Generated training pairs: each rule does what its label says, deterministically, and no
sentence about armed groups or the Libya story gets through."""

from __future__ import annotations

import random

import pytest

from stance import generate
from stance.generate import rules
from stance.generate.sources import Sentence, is_excluded

from .conftest import SHARED_DATA


def sentence(text: str, lang: str = "en", doc: str = "d1", twin: str | None = None) -> Sentence:
    return Sentence(f"{doc}#0", text, lang, doc, "test", twin)


def made(rule: str, text: str, lang: str = "en", seed: int = 0) -> tuple[str, str] | None:
    return rules.RULES[rule].make(sentence(text, lang), random.Random(seed))


LIBYA_LIKE = [
    "L'EI ne compte plus que quelques centaines de combattants à Syrte.",
    "ISIS has between 4,000 and 6,000 fighters in Libya.",
    "Les jihadistes seraient entre 4.000 et 6.000, selon des responsables.",
    "Daech a revendiqué l'attaque.",
    "The militia took control of the port of Misrata.",
    "Islamic State militants seized the town.",
    "Le groupe État islamique recrute en Libye.",
    "Some 300 rebels surrendered on Monday.",
]


@pytest.mark.parametrize("text", LIBYA_LIKE)
def test_sentences_about_armed_groups_and_libya_are_excluded(text):
    assert is_excluded(text)


@pytest.mark.parametrize(
    "text",
    ["Eight firefighters were injured.", "Either way, the plant will close.", "Il est parti."],
)
def test_ordinary_sentences_are_not_excluded(text):
    assert not is_excluded(text)


@pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="no ../shared/data on this machine")
def test_no_generated_pair_mentions_armed_groups_or_libya():
    corpus = generate.sentences(data_dir=SHARED_DATA)
    assert not any(is_excluded(s.text) or (s.twin and is_excluded(s.twin)) for s in corpus)
    rows = generate.generate(corpus, seed=0)
    assert len(rows) >= 50_000
    assert not [r for r in rows if is_excluded(r["a"]) or is_excluded(r["b"])]
    # A document is on one side of every split: no sentence feeds two splits.
    split_of: dict[str, str] = {}
    for r in rows:
        assert split_of.setdefault(r["sentence"].split("#")[0], r["split"]) == r["split"]


def test_a_story_with_one_excluded_sentence_is_left_out_whole(tmp_path):
    from stance.generate.sources import _document

    text = "The mayor opened the bridge on Monday. Fighters were seen nearby. Traffic resumed."
    assert list(_document("test", "d", text, "en")) == []


def test_figures_change_to_incompatible_values_and_restyle_to_equal_ones():
    a, b = made("figure_change", "Police said 3,000 people marched in Lyon.")
    assert a != b and "3,000" not in b
    for seed in range(5):
        pair = made("figure_restyle", "Police said 4,000 people marched in Lyon.", seed=seed)
        assert pair is not None
        assert pair[1].replace("4000", "4,000").replace("four thousand", "4,000") == pair[0]
    fr = made("figure_restyle", "La police a compté 4 000 manifestants.", "fr")
    assert fr[1] in {
        "La police a compté 4000 manifestants.",
        "La police a compté 4.000 manifestants.",
        "La police a compté quatre mille manifestants.",
    }


def test_figure_words_are_not_spelled_in_dates_and_amounts():
    assert made("figure_restyle", "It launched on October 5, 2014, in Paris.") is None
    assert made("figure_restyle", "The fund raised $20 for the school.") is None


def test_negation_goes_both_ways():
    assert made("negation", "The bridge was closed on Monday.") == (
        "The bridge was closed on Monday.",
        "The bridge was not closed on Monday.",
    )
    assert (
        made("negation", "Le pont n'a pas été fermé lundi.", "fr")[1]
        == "Le pont a été fermé lundi."
    )
    assert (
        made("negation", "Le pont a été fermé lundi.", "fr")[1]
        == "Le pont n'a pas été fermé lundi."
    )


def test_zero_count_reads_the_french_example():
    pair = made("zero_count", "Trois passagers ont été blessés.", "fr")
    assert pair[1] == "Aucun passager n'a été blessé."


def test_role_swap_swaps_two_names_around_a_verb():
    assert made("role_swap", "Lyon beat Nantes on Sunday.")[1] == "Nantes beat Lyon on Sunday."
    assert made("role_swap", "A man is chasing a dog.")[1] == "A dog is chasing a man."
    # Around a reciprocal verb (lexicons/reciprocal.tsv) the swap says the same thing.
    assert made("role_swap", "Ostrava met Dresden in the final.") is None


def test_figure_change_sometimes_writes_a_vague_count_that_excludes_the_figure():
    from stance.quantities import VAGUE

    made_pairs = {
        made("figure_change", "The plant employs 4,000 people.", seed=k)[1] for k in range(30)
    }
    vague = [b for b in made_pairs if not any(c.isdigit() for c in b)]
    assert vague and all(b.startswith("The plant employs ") for b in vague)
    for b in vague:
        phrase = b.removeprefix("The plant employs ").removesuffix(" people.")
        assert VAGUE[phrase][1] < 2_000 or VAGUE[phrase][0] > 8_000
    french = {
        made("figure_change", "L'usine compte 4 000 ouvriers.", "fr", k)[1] for k in range(30)
    }
    assert any(" d'ouvriers." in b for b in french)
    # A bound of a range is never turned into words.
    ranged = {
        made("figure_change", "Between 300 and 500 homes lost power.", seed=k)[1] for k in range(30)
    }
    assert all(any(c.isdigit() for c in b) for b in ranged)


def test_voice_change_turns_a_past_tense_into_the_passive():
    assert made("voice_change", "Marlow Town beat Eastfield on Saturday.")[1] == (
        "Eastfield was beaten by Marlow Town on Saturday."
    )
    assert made("voice_change", "The inspectors fined the operator in May.")[1] == (
        "The operator was fined by the inspectors in May."
    )
    assert made("voice_change", "Orvane has acquired Delmas for 8 million euros.")[1] == (
        "Delmas has been acquired by Orvane for 8 million euros."
    )
    assert made("voice_change", "Le juge a condamné le promoteur à Lille.", "fr")[1] == (
        "Le promoteur a été condamné par le juge à Lille."
    )
    assert made("voice_change", "A man is chasing a dog.") is None  # no past participle known
    assert rules.RULES["voice_change"].label == "agree"


def test_places_and_days_change():
    _, b = made("place_change", "The summit opened in Geneva on Monday.")
    assert "Geneva" not in b and b.endswith("on Monday.")
    pair = made("time_change", "The summit opened in Geneva on Monday.")
    if pair is not None:  # the shared lexicon may not be there
        assert "Monday" not in pair[1] and "Geneva" in pair[1]


def test_restatements_keep_the_claim():
    a, b = made("attribution_restyle", "The mayor said the bridge would reopen in June.")
    assert "the bridge would reopen in June" in b and b != a
    a, b = made("clause_reorder", "On Monday, the mayor reopened the old bridge over the river.")
    assert b == "The mayor reopened the old bridge over the river on Monday."


def test_generation_is_deterministic_and_labels_follow_the_rules():
    corpus = [
        sentence("Police said 3,000 people marched in Lyon on Monday.", doc="a"),
        sentence("The bridge was closed after the storm, officials said.", doc="a"),
        sentence("Le maire a annoncé la fermeture de 4 000 lits.", "fr", doc="b"),
        sentence("Un homme poursuit un chien dans le parc.", "fr", doc="c"),
    ]
    first = generate.generate(corpus, seed=3)
    assert first == generate.generate(corpus, seed=3)
    assert first != generate.generate(corpus, seed=4)
    for row in first:
        label = (
            rules.RULES[row["generator"]].label
            if row["generator"] in rules.RULES
            else generate.PAIR_RULES[row["generator"]][0]
        )
        assert row["label"] == label and row["seed"] == 3
    identity = [r for r in first if r["generator"] == "identity"]
    assert all(r["a"] == r["b"] and r["label"] == "agree" for r in identity)
