"""Each contradiction cue family sees what it claims to see, and nothing else, whichever
statement comes first."""

from __future__ import annotations

import re
import shutil
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest
import skops.io
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from stance.cues import (
    CUE_FAMILIES,
    FAMILY_COLUMNS,
    LEXICON_FILES,
    AlignmentCues,
    CueFeaturizer,
    NegationCues,
    proper_names,
)
from stance.cues.batch import _fold
from stance.errors import StanceError
from stance.model import TRUSTED_TYPES

CUES = CueFeaturizer().fit()


def row(a: str, b: str, cues: CueFeaturizer = CUES) -> dict[str, float]:
    """The pair's columns by ``family:column`` name, checked to be those of the swapped pair."""
    values = cues.transform([(a, b)])
    np.testing.assert_array_equal(values, cues.transform([(b, a)]))
    return dict(zip(cues.get_feature_names_out(), values[0].tolist()))


def test_parameters_are_stored_unchanged_and_the_lexicons_are_read_by_fit():
    cues = CueFeaturizer(families=("negation", "time"), cap=5, lexicon_dir="somewhere")
    assert cues.get_params() == {
        "families": ("negation", "time"),
        "cap": 5,
        "lexicon_dir": "somewhere",
    }
    assert clone(cues).get_params() == cues.get_params()
    assert not hasattr(cues, "lexicons_")  # nothing read in __init__
    with pytest.raises(NotFittedError):
        cues.transform([("a", "b")])
    with pytest.raises(StanceError, match="somewhere"):
        cues.fit([("a", "b")])
    with pytest.raises(ValueError, match="unknown cue families"):
        CueFeaturizer(families=("nonsense",)).fit()


def test_columns_are_named_by_family_in_a_fixed_order():
    cues = CueFeaturizer(families=("time", "negation")).fit()
    names = cues.get_feature_names_out().tolist()
    assert names == [f"negation:{c}" for c in FAMILY_COLUMNS["negation"]] + [
        f"time:{c}" for c in FAMILY_COLUMNS["time"]
    ]
    X = cues.transform([("a", "b"), ("Il pleut.", "Il ne pleut pas.")])
    assert X.shape == (2, len(names)) == (2, cues.n_features_out_)
    assert X.dtype == np.float32 and np.all(np.isfinite(X))
    assert CUES.transform([]).shape == (0, CUES.n_features_out_)
    assert CueFeaturizer(families=()).fit().transform([("a", "b")]).shape == (1, 0)


BATCH = [
    ("Le contrat a été signé.", "Le contrat n'a pas été signé."),
    ("Unemployment rose in May.", "Unemployment fell in May."),
    ("Selon la police, quelques centaines de manifestants.", "Entre 4.000 et 6.000 manifestants."),
    ("Le maire de Lyon a démissionné.", "Le maire de Nantes a démissionné."),
    ("Il y a 12 morts.", "Il y a 40 morts."),
    ("The firm denied signing the deal.", "The firm signed the deal."),
    ("", "Exports doubled last year."),
    ("Le contrat a été signé.", "Le contrat a été signé."),  # a statement seen again
    ("Everyone was evacuated on Monday.", "Nobody was evacuated on Tuesday."),
    ("Lyon beat Nantes 2-1 at 9 pm.", "Nantes beat Lyon 2-1 at 21:00."),
    ("Very few shops opened in the north.", "A few shops opened in the south."),
]


def test_every_column_is_the_same_whichever_statement_comes_first():
    forward = CUES.transform(BATCH)
    np.testing.assert_array_equal(forward, CUES.transform([(b, a) for a, b in BATCH]))
    assert np.count_nonzero(forward) > 50  # the batch exercises the families


def test_a_batch_scores_each_pair_as_it_would_alone():
    # The families read the batch's distinct statements once and count with arrays; each row
    # must be the row of its pair scored alone, and a second call the same.
    together = CUES.transform(BATCH)
    np.testing.assert_array_equal(together, np.vstack([CUES.transform([p]) for p in BATCH]))
    np.testing.assert_array_equal(CUES.transform(BATCH), together)


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
    assert row(a, b)["negation:neg_only_one"] == float(only_one)


def test_denial_verbs_in_both_languages_and_counts_as_smaller_and_larger_side():
    r = row("Le ministre a démenti tout accord.", "Un accord a été conclu.")
    assert r["negation:denial_max"] == 1 and r["negation:denial_min"] == 0
    assert r["negation:denial_only_one"] == 1
    r = row("The firm signed the deal.", "The firm denied signing the deal.")
    assert r["negation:denial_only_one"] == 1
    assert row("Sa nièce a parlé.", "Elle a parlé.")["negation:denial_max"] == 0
    r = row("Il ne pleut pas, jamais, rien, aucun.", "Il pleut pas.")
    assert (r["negation:neg_min"], r["negation:neg_max"]) == (1, 3)  # capped at 3
    capped = CueFeaturizer(families=("negation",), cap=5).fit()
    assert row("Il ne pleut pas, jamais, rien, aucun.", "x", capped)["negation:neg_max"] == 4


def test_restrictive_ne_que_is_not_a_negation():
    # "ne ... plus que" says "only": both statements assert a number.
    a = "L'EI ne compte plus que quelques centaines de combattants."
    assert row(a, "L'EI compte 5 000 combattants.")["negation:neg_only_one"] == 0
    assert row("L'EI ne recrute plus.", "L'EI recrute.")["negation:neg_only_one"] == 1


@pytest.mark.parametrize(
    ("a", "b", "family"),
    [
        ("Le syndicat soutient la réforme.", "Le syndicat s'oppose à la réforme.", "opposites"),
        ("L'équipe a remporté la finale.", "L'équipe a perdu la finale.", "opposites"),
        ("The court acquitted him.", "The court convicted him.", "opposites"),
        ("Le musée a rouvert.", "The museum is closed.", "opposites"),
        ("Le chômage est en hausse.", "Le chômage a baissé.", "directions"),
        ("Unemployment rose in May.", "Unemployment fell in May.", "directions"),
        ("Les loyers ont grimpé à Lille.", "Rents in Lille dropped.", "directions"),
    ],
)
def test_opposite_words_and_directions(a, b, family):
    r = row(a, b)
    assert r[f"{family}:any_opposed"] == 1
    assert r[f"{family}:opposed_related"] > 0
    other = {"opposites": "directions", "directions": "opposites"}[family]
    assert r[f"{other}:any_opposed"] == 0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Les prix augmentent.", "Les prix progressent."),
        ("An update was released.", "Shares went down."),  # no "up" in "update"
        ("Prices rose.", "Prices increased sharply."),
    ],
)
def test_no_opposition_where_both_go_one_way_or_nothing_is_said(a, b):
    r = row(a, b)
    assert r["opposites:any_opposed"] == r["directions:any_opposed"] == 0


def test_same_direction_is_counted_and_a_direction_on_one_side_only_too():
    assert row("Prices rose.", "Prices increased sharply.")["directions:same"] == 1
    r = row("Prices rose in June.", "Prices were stable in June.")
    assert r["directions:one_side_only"] == 1 and r["directions:same"] == 0


def test_an_opposition_between_two_subjects_is_not_related():
    unrelated = row("Les prix ont baissé.", "Le stade a augmenté ses tarifs.")
    assert unrelated["directions:any_opposed"] == 1
    assert unrelated["directions:opposed_related"] == 0


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("Tous les passagers ont été évacués.", "Aucun passager n'a été évacué.", True),
        ("Most voters backed the plan.", "Few voters backed the plan.", True),
        ("La plupart des écoles ont fermé.", "Très peu d'écoles ont fermé.", True),
        ("Some flights were cancelled.", "No flights were cancelled.", True),
        ("A few shops reopened.", "Several shops reopened.", False),  # "a few" is not "few"
        ("Every school closed.", "All schools closed.", False),
    ],
)
def test_quantifiers_that_cannot_both_be_true(a, b, clash):
    r = row(a, b)
    assert r["quantifiers:clash"] == float(clash)
    if not clash:
        assert r["quantifiers:same"] == 1


@pytest.mark.parametrize(
    ("a", "b", "column"),
    [
        ("The strike began on Monday.", "The strike began on Wednesday.", "weekday_differs"),
        ("La grève a commencé lundi.", "The strike started on Friday.", "weekday_differs"),
        ("Le sommet aura lieu en juin.", "The summit will be held in October.", "month_differs"),
        ("The plant closed in 2019.", "L'usine a fermé en 2021.", "year_differs"),
        ("Le train part à 14 h.", "The train leaves at 4 pm.", "clock_differs"),
        ("The fire started in the morning.", "Le feu a pris dans la nuit.", "part_of_day_differs"),
        ("Floods hit the north of the country.", "Les crues ont frappé le sud.", "compass_differs"),
        ("The law takes effect in spring.", "La loi entre en vigueur en hiver.", "season_differs"),
    ],
)
def test_two_times_or_places_for_one_event(a, b, column):
    r = row(a, b)
    assert r[f"time:{column}"] == 1
    assert r["time:differs_related"] > 0
    assert r["time:same"] == 0


def test_the_same_time_agrees_and_one_time_on_one_side_is_no_clash():
    same = row("The strike began on Monday at 9 am.", "La grève a commencé lundi à 9 h.")
    assert same["time:same"] == 1 and same["time:differs_related"] == 0
    one = row("The strike began on Monday.", "The strike began.")
    assert all(one[f"time:{c}"] == 0 for c in FAMILY_COLUMNS["time"])
    # "est" is French for "is", "été" for "been", "may" an English verb: not places nor times.
    assert row("Le prix est bas.", "Le prix a été bas.")["time:same"] == 0
    assert row("Prices may rise in June.", "Prices rose in June.")["time:same"] == 1
    # A name the lexicon writes with a capital is a name only with one: "May", not "may".
    assert row("The vote is in May.", "The vote is in March.")["time:month_differs"] == 1
    assert row("Prices may fall, he said.", "Prices fell in March.")["time:month_differs"] == 0
    assert row("Thousands march in Lyon.", "Des milliers défilent en mai.")["time:same"] == 0


@pytest.mark.parametrize(
    ("a", "b", "swapped", "reciprocal"),
    [
        ("Germany beat France 2-1.", "France beat Germany 2-1.", True, False),
        ("Le Brésil a battu l'Argentine.", "L'Argentine a battu le Brésil.", True, False),
        ("Macron met Merkel in Berlin.", "Merkel met Macron in Berlin.", False, True),
        ("Dupont a rencontré Martin hier.", "Martin a rencontré Dupont hier.", False, True),
        (
            "Nadia Belkacem a rencontré Paul Roux.",
            "Paul Roux a rencontré Nadia Belkacem.",
            False,
            True,
        ),
        ("Germany beat France 2-1.", "Germany beat France 2-1.", False, False),
        ("Germany beat France.", "Spain beat Italy.", False, False),
    ],
)
def test_the_same_names_in_swapped_roles(a, b, swapped, reciprocal):
    r = row(a, b)
    assert r["roles:names_swapped"] == float(swapped)
    assert (r["roles:names_swapped_overlap"] > 0) == swapped
    assert (r["roles:reciprocal_swapped"] > 0) == reciprocal


VOICE = [
    ("Arnaud Pelletier defeated Sofia Brandt.", "Sofia Brandt was defeated by Arnaud Pelletier."),
    (
        "Vestra has bought Colbane for 12 million.",
        "Colbane has been bought by Vestra for 12 million.",
    ),
    ("Le club de Vernay a battu Saint-Oril.", "Saint-Oril a été battu par le club de Vernay."),
]


@pytest.mark.parametrize(("a", "b"), VOICE)
def test_the_other_voice_is_not_a_role_swap(a, b):
    r = row(a, b)
    assert r["roles:names_swapped"] == 0
    assert r["roles:voice_swapped"] > 0
    assert "active and passive" in " ".join(CUES.explain(a, b))


SWAPS = [
    ("Olympique Sarlat beat AS Montrevel 3-0.", "AS Montrevel beat Olympique Sarlat 3-0.", True),
    ("the nurse thanked the surgeon at dawn.", "the surgeon thanked the nurse at dawn.", True),
    (
        "Sofia Brandt was defeated by Arnaud Pelletier.",
        "Arnaud Pelletier was defeated by Sofia Brandt.",
        True,
    ),
    (
        "Le club de Sarlat a battu celui de Montrevel dimanche.",
        "Montrevel beat the Sarlat club on Sunday.",
        True,
    ),
    ("FC Lorvan a battu FC Siran 3-1 samedi.", "FC Siran beat FC Lorvan 3-1 on Saturday.", True),
    # A circumstance moved to the end is no action between two things.
    (
        "after a week of strikes, the council signed an agreement with the drivers.",
        "the council signed an agreement with the drivers after a week of strikes.",
        False,
    ),
    ("À Vernay, Hélène Morin a démissionné.", "Hélène Morin a démissionné à Vernay.", False),
    ("in the north, thirty homes lost power.", "thirty homes lost power in the north.", False),
]


@pytest.mark.parametrize(("a", "b", "swapped"), SWAPS)
def test_role_swaps_of_names_and_nouns_around_one_verb(a, b, swapped):
    r = row(a, b)
    assert r["roles:names_swapped"] == float(swapped)
    assert r["roles:voice_swapped"] == 0


def test_figures_of_two_different_things_in_one_story_do_not_clash():
    other = row(
        "Le candidat sortant a recueilli 47 % des suffrages.",
        "Le taux d'abstention a atteint 38 % dimanche.",
    )
    assert other["quantities:other_subject"] == 1
    assert other["quantities:matched_disjoint"] == 0
    same = row(
        "Le taux d'abstention a atteint 38 % dimanche.",
        "Le taux d'abstention a atteint 52 % dimanche.",
    )
    assert same["quantities:matched_disjoint"] == 1 and same["quantities:other_subject"] == 0
    named = row(
        "The incumbent took 47% of the ballots in Tarvis.", "Turnout in Tarvis reached 38%."
    )
    assert named["quantities:other_subject"] == 1 and named["quantities:matched"] == 0
    across = row(
        "The abstention rate reached 38% on Sunday.",
        "Le taux d'abstention a atteint 52 % dimanche.",
    )
    assert across["quantities:matched_disjoint"] == 1


def test_overlap_across_languages_reaches_translations_and_synonyms():
    across = row(
        "Le marché couvert restera fermé jeudi.", "The covered market will stay closed on Thursday."
    )
    other = row(
        "Le marché couvert restera fermé jeudi.", "Le maire a promis de rénover le marché couvert."
    )
    assert across["alignment:reach_min"] > other["alignment:reach_max"]
    assert across["alignment:unreached_max"] < other["alignment:unreached_min"]
    restated = row("The company closed its Vernay plant.", "The firm closed its Vernay plant.")
    assert restated["alignment:all_reached"] == 1


def test_identical_statements_and_two_different_stories_are_told_apart():
    same = row("Le maire de Lyon a démissionné.", "Le  maire de LYON a démissionné.")
    assert same["alignment:identical"] == same["alignment:same_words"] == 1
    assert same["alignment:jaccard"] == 1 and same["alignment:related_high"] == 1
    other = row("Le maire de Lyon a démissionné.", "Heavy rain is expected in Tokyo tomorrow.")
    assert other["alignment:nothing_shared"] == other["alignment:related_low"] == 1
    assert other["alignment:identical"] == other["alignment:related_high"] == 0


def test_alignment_coverage_and_new_names():
    other = row("Le maire de Lyon a démissionné.", "Le maire de Nantes a démissionné.")
    assert other["alignment:new_names_max"] > 0 and other["alignment:jaccard"] < 1
    assert other["alignment:identical"] == 0
    longer = row("Le pont a rouvert.", "Le pont a rouvert lundi après trois mois de travaux.")
    assert longer["alignment:covered_max"] == 1 and longer["alignment:covered_min"] < 1
    assert longer["alignment:new_words_min"] == 0 < longer["alignment:new_words_max"]
    digits = row("Il y a 12 morts.", "Il y a 40 morts.")
    assert digits["alignment:digits_differ"] == 1
    assert digits["alignment:numbers_only_one_side"] == 0
    words = row("Il reste quelques centaines de combattants.", "Ils sont 4 000.")
    assert words["alignment:numbers_only_one_side"] == 0
    one = row("Le pont a rouvert.", "Le pont a rouvert à 12 h, 3 jours après.")
    assert one["alignment:numbers_only_one_side"] == 1


def test_quantities_that_cannot_both_count_the_same_thing():
    r = row(
        "Selon la police, quelques centaines de manifestants ont défilé.",
        "Les syndicats comptent entre 4.000 et 6.000 manifestants.",
    )
    assert r["quantities:matched"] == 1 and r["quantities:matched_disjoint"] == 1
    assert r["quantities:matched_overlap"] == 0
    assert r["quantities:gap"] == pytest.approx(np.log10(4000 / 900), abs=1e-3)


def test_quantities_that_agree_in_other_words():
    r = row("Four thousand jobs will go.", "The plan cuts 4,000 jobs.")
    assert r["quantities:matched_overlap"] == 1 and r["quantities:matched_disjoint"] == 0


def test_changes_pointing_opposite_ways():
    r = row("Exports doubled last year.", "Exports fell last year.")
    assert r["quantities:changes_opposed"] == 1 and r["quantities:changes_same"] == 0
    r = row("Exports doubled last year.", "Exports were 4 billion last year.")
    assert r["quantities:change_one_side"] == 1


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
    r = row(a, b)
    assert r["negation:neg_only_one"] == 1
    assert r["negation:neg_only_one_related"] == pytest.approx(related)
    assert r["alignment:related"] == pytest.approx(related)


def test_explanations_are_read_from_the_columns_that_fired():
    assert "figures: 200–900 vs 4,000–6,000 do not overlap ('quelques centaines' / " in " ".join(
        CUES.explain("quelques centaines de combattants", "entre 4.000 et 6.000 combattants")
    )
    assert "negation on one side only (in B: pas)" in CUES.explain("Il pleut.", "Il ne pleut pas.")
    assert "directions: rose / fell" in CUES.explain("Prices rose.", "Prices fell.")
    assert "opposites: soutient / s'oppose" in CUES.explain(
        "Le syndicat soutient la réforme.", "Le syndicat s'oppose à la réforme."
    )
    assert "quantifiers: very few / most" in CUES.explain("Very few came.", "Most came.")
    assert "weekday: lundi / friday" in CUES.explain("Grève lundi.", "Strike on Friday.")
    assert "clock: 14:00 / 16:00" in CUES.explain("Départ à 14 h.", "Departure at 4 pm.")
    assert any(
        n.startswith("roles: ") for n in CUES.explain("Lyon beat Nantes.", "Nantes beat Lyon.")
    )
    assert CUES.explain("x y", "x y") == ["overlap: the same statement"]
    # A family that is not computed says nothing.
    assert CueFeaturizer(families=("time",)).fit().explain("Il pleut.", "Il ne pleut pas.") == []


def lexicon_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "lexicons"
    folder.mkdir()
    for file in LEXICON_FILES.values():
        shutil.copy(Path(str(files("stance"))) / "lexicons" / file, folder / file)
    return folder


def test_a_line_added_to_a_lexicon_file_fires_after_fitting_again(tmp_path):
    folder = lexicon_copy(tmp_path)
    pair = ("The lights are bright tonight.", "The lights are dim tonight.")
    before = CueFeaturizer(lexicon_dir=folder).fit()
    assert row(*pair, before)["opposites:any_opposed"] == 0
    with (folder / "opposites.tsv").open("a", encoding="utf-8") as lexicon:
        lexicon.write("bright|brighter\tdim|dimmer\tlumineux\tsombre\n")
    after = CueFeaturizer(lexicon_dir=folder).fit()
    assert row(*pair, after)["opposites:any_opposed"] == 1
    assert "opposites: bright / dim" in after.explain(*pair)
    assert row(*pair, before)["opposites:any_opposed"] == 0  # a fitted one keeps its lexicons


def test_a_malformed_lexicon_is_refused_with_its_line(tmp_path):
    folder = lexicon_copy(tmp_path)
    with (folder / "time.tsv").open("a", encoding="utf-8") as lexicon:
        lexicon.write("noon\tmidi\n")
    with pytest.raises(StanceError, match=r"time\.tsv, line \d+: 2 cells, expected 4"):
        CueFeaturizer(lexicon_dir=folder).fit()
    (folder / "quantifiers.tsv").write_text("english\tfrench\n", encoding="utf-8")
    with pytest.raises(StanceError, match="header en<TAB>fr<TAB>value"):
        CueFeaturizer(lexicon_dir=folder).fit()


def test_the_fitted_lexicons_are_plain_data_that_skops_saves_and_loads():
    loaded = skops.io.loads(skops.io.dumps(CUES), trusted=TRUSTED_TYPES)
    assert loaded.lexicons_ == CUES.lexicons_
    np.testing.assert_array_equal(loaded.transform(BATCH), CUES.transform(BATCH))


def test_the_class_names_of_earlier_versions_load_as_one_family():
    # A model saved before the families shared one featurizer names these classes and holds
    # no parameters and no lexicons: they are filled in, so that loading gets far enough to
    # say that the model needs retraining (stance.model._check_width).
    old = NegationCues.__new__(NegationCues)
    old.__setstate__({"n_features_out_": 10})
    assert old.families == ("negation",) and old.cap == 3
    assert old.get_feature_names_out()[0] == "negation:neg_min"
    assert AlignmentCues().fit().families_ == ("alignment",)
    assert set(CUE_FAMILIES) >= {"negation", "alignment", "roles", "time"}


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
