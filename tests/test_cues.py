"""Each contradiction cue family sees what it claims to see, and nothing else."""

from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.base import clone

from stance.cues import (
    CUE_FAMILIES,
    OPPOSITES,
    AlignmentCues,
    NegationCues,
    OppositeCues,
    QuantityCues,
    _fold,
    _Lexicon,
    proper_names,
)


def row(cues, a: str, b: str) -> dict[str, float]:
    values = cues.fit([(a, b)]).transform([(a, b)])[0]
    names = [n.split(":", 1)[1] for n in cues.get_feature_names_out()]
    return dict(zip(names, values.tolist()))


@pytest.mark.parametrize("family", sorted(CUE_FAMILIES))
def test_every_family_is_a_stateless_transformer_with_names(family):
    cues = CUE_FAMILIES[family]()
    assert clone(cues).get_params() == cues.get_params() == {}
    X = cues.fit_transform([("a", "b"), ("Il pleut.", "Il ne pleut pas.")])
    assert X.shape == (2, len(cues.get_feature_names_out())) == (2, cues.n_features_out_)
    assert all(n.startswith(f"{family}:") for n in cues.get_feature_names_out())
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize(
    ("a", "b", "only_one"),
    [
        ("Le contrat a été signé.", "Le contrat n'a pas été signé.", True),
        ("The bridge reopened.", "The bridge has not reopened.", True),
        ("The bridge didn't reopen.", "The bridge reopened.", True),
        ("Aucun blessé n'est à déplorer.", "Il n'y a eu aucun blessé.", False),
        ("Le pont a rouvert.", "Le pont a rouvert lundi.", False),
        # "plus" and "personne" negate only with a "ne": "more than", "a person" otherwise.
        ("Les prix ont augmenté de plus de 40 %.", "Les prix ont augmenté de 40 %.", False),
        ("Il n'y a plus de travail.", "Il y a du travail.", True),
        ("Une personne a été blessée.", "Personne n'a été blessé.", True),
    ],
)
def test_negation_on_one_side_only(a, b, only_one):
    assert row(NegationCues(), a, b)["neg_only_one"] == float(only_one)


def test_denial_verbs_in_both_languages():
    r = row(NegationCues(), "Le ministre a démenti tout accord.", "Un accord a été conclu.")
    assert r["denial_a"] == 1 and r["denial_only_one"] == 1
    r = row(NegationCues(), "The firm signed the deal.", "The firm denied signing the deal.")
    assert r["denial_b"] == 1 and r["denial_only_one"] == 1
    assert row(NegationCues(), "Sa nièce a parlé.", "Elle a parlé.")["denial_a"] == 0


@pytest.mark.parametrize(
    ("a", "b", "opposed"),
    [
        ("Le chômage est en hausse.", "Le chômage a baissé.", True),
        ("Unemployment rose in May.", "Unemployment fell in May.", True),
        ("L'équipe a remporté la finale.", "L'équipe a perdu la finale.", True),
        ("The court acquitted him.", "The court convicted him.", True),
        ("Le musée a rouvert.", "The museum is closed.", True),
        ("Les prix augmentent.", "Les prix progressent.", False),
        ("An update was released.", "Shares went down.", False),  # "up" is not "update"
    ],
)
def test_opposite_directions(a, b, opposed):
    assert row(OppositeCues(), a, b)["any_opposed"] == float(opposed)


def test_same_direction_is_counted():
    assert row(OppositeCues(), "Prices rose.", "Prices increased sharply.")["same_direction"] == 1


def test_opposites_lexicon_entries_are_folded_prefixes():
    for one, two in OPPOSITES:
        for entry in one + two:
            assert entry == entry.lower() and entry.isascii() and " " not in entry


def test_alignment_coverage_and_new_names():
    same = row(
        AlignmentCues(), "Le maire de Lyon a démissionné.", "Le maire de Lyon a démissionné."
    )
    assert same["jaccard"] == 1 and same["b_new_words"] == 0
    other = row(
        AlignmentCues(), "Le maire de Lyon a démissionné.", "Le maire de Nantes a démissionné."
    )
    assert other["b_new_names"] > 0 and other["jaccard"] < 1
    digits = row(AlignmentCues(), "Il y a 12 morts.", "Il y a 40 morts.")
    assert digits["digits_differ"] == 1 and digits["numbers_only_one_side"] == 0
    words = row(AlignmentCues(), "Il reste quelques centaines de combattants.", "Ils sont 4 000.")
    assert words["numbers_only_one_side"] == 0 and words["digits_differ"] == 0
    one = row(AlignmentCues(), "Le pont a rouvert.", "Le pont a rouvert à 12 h, 3 jours après.")
    assert one["numbers_only_one_side"] == 1


def test_quantities_that_cannot_both_count_the_same_thing():
    r = row(
        QuantityCues(),
        "Selon la police, quelques centaines de manifestants ont défilé.",
        "Les syndicats comptent entre 4.000 et 6.000 manifestants.",
    )
    assert r["matched"] == 1 and r["matched_disjoint"] == 1 and r["matched_overlap"] == 0
    assert r["gap"] == pytest.approx(np.log10(4000 / 900), abs=1e-3)


def test_quantities_that_agree_in_other_words():
    r = row(QuantityCues(), "Four thousand jobs will go.", "The plan cuts 4,000 jobs.")
    assert r["matched_overlap"] == 1 and r["matched_disjoint"] == 0


def test_changes_pointing_opposite_ways():
    r = row(QuantityCues(), "Exports doubled last year.", "Exports fell last year.")
    assert r["change_a"] == 1 and r["change_b"] == -1 and r["changes_opposed"] == 1


def test_explanations_say_what_each_family_saw():
    assert QuantityCues().explain(
        "quelques centaines de combattants", "entre 4.000 et 6.000 combattants"
    ) == ["quantities 200–900 vs 4,000–6,000 do not overlap"]
    assert NegationCues().explain("Il pleut.", "Il ne pleut pas.") == ["negation only in B"]
    assert OppositeCues().explain("Prices rose.", "Prices fell.") == [
        "opposite directions: hausse / baisse"
    ]
    assert AlignmentCues().explain("x y", "x y") == []


BATCH = [
    ("Le contrat a été signé.", "Le contrat n'a pas été signé."),
    ("Unemployment rose in May.", "Unemployment fell in May."),
    ("Selon la police, quelques centaines de manifestants.", "Entre 4.000 et 6.000 manifestants."),
    ("Le maire de Lyon a démissionné.", "Le maire de Nantes a démissionné."),
    ("Il y a 12 morts.", "Il y a 40 morts."),
    ("The firm denied signing the deal.", "The firm signed the deal."),
    ("", "Exports doubled last year."),
    ("Le contrat a été signé.", "Le contrat a été signé."),  # a statement seen again
]


@pytest.mark.parametrize("family", sorted(CUE_FAMILIES))
def test_a_batch_scores_each_pair_as_it_would_alone(family):
    # Families read the batch's distinct statements once and count with arrays; each row must be
    # the row of its pair scored alone, and a second call (or another family in between) the same.
    cues = CUE_FAMILIES[family]()
    together = cues.transform(BATCH)
    alone = np.vstack([cues.transform([pair]) for pair in BATCH])
    np.testing.assert_array_equal(together, alone)
    for other in CUE_FAMILIES.values():
        other().transform(BATCH)
        np.testing.assert_array_equal(cues.transform(BATCH), together)
    assert together.dtype == np.float32 and cues.transform([]).shape == (0, len(cues.names))


def test_lexicon_matches_long_entries_as_prefixes_and_short_ones_exactly():
    lexicon = _Lexicon(("nie", "deny", "up"))
    assert [lexicon(w) for w in ("nie", "niece", "denying", "deny", "up", "update", "den")] == [
        True, False, True, True, True, False, False,
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Le maire de Lyon a vu Marie-Claire à Paris. Ensuite, Jean est parti.",
        "Lyon ouvre. «Nantes» ferme! Tours? × Ébène _Zed 3Aa É",
        "\nPaul\tet Émile, ÀÝ et ×Z",
        "",
    ],
)
def test_proper_names_are_those_of_the_plain_lookbehind_regex(text):
    plain = re.finditer(r"(?<![.!?«\"]\s)(?<!^)\b[A-ZÀ-Ý][\w-]+", text)
    assert proper_names(text) == {_fold(m.group()) for m in plain}


def test_restrictive_ne_que_is_not_a_negation():
    # "ne ... plus que" says "only": both statements assert a number.
    a = "L'EI ne compte plus que quelques centaines de combattants."
    assert row(NegationCues(), a, "L'EI compte 5 000 combattants.")["neg_only_one"] == 0
    assert row(NegationCues(), "L'EI ne recrute plus.", "L'EI recrute.")["neg_only_one"] == 1


@pytest.mark.parametrize(
    ("a", "b", "related"),
    [
        # A clash on the same subject, across languages: of A's stems (digu, ced, caste), B has
        # caste, and reaches digu through the lexicon (dike / digue).
        ("La digue a cédé à Castelroc.", "The Castelroc dike has not given way.", 2 / 3),
        # Negation on one side, about something else entirely.
        ("Aucun incident n'a été signalé.", "La direction refuse de recevoir les syndicats.", 0.0),
    ],
)
def test_clash_columns_count_only_as_much_as_the_statements_share(a, b, related):
    neg = row(NegationCues(), a, b)
    assert neg["neg_only_one"] == 1
    assert neg["neg_only_one_related"] == pytest.approx(related)
    assert row(AlignmentCues(), a, b)["related"] == pytest.approx(related)


def test_gated_quantity_and_opposite_columns():
    a, b = "Le chômage a baissé à 7 % en mai.", "Le chômage a augmenté à 9 % en mai."
    opp = row(OppositeCues(), a, b)
    assert opp["any_opposed"] == 1 and 0 < opp["opposed_related"] < 1
    q = row(QuantityCues(), a, b)
    assert q["changes_opposed"] == 1 and q["changes_opposed_related"] == opp["opposed_related"]
    assert q["disjoint_related"] == opp["opposed_related"]
    unrelated = row(OppositeCues(), "Les prix ont baissé.", "Le stade a augmenté ses tarifs.")
    assert unrelated["any_opposed"] == 1 and unrelated["opposed_related"] == 0
