"""Quantities and changes are read right in French and English, with exact offsets."""

from __future__ import annotations

import math
import re

import pytest

from stance.quantities import (
    VAGUE,
    Quantity,
    changes,
    comparable,
    gap,
    kinds,
    lexicon,
    overlap,
    parse,
    quantities,
)
from stance.quantities import change as change_rules
from stance.text import alternation, guess_lang

INF = math.inf

LIBYA_FR_FEW = (
    "Selon le général Thomas Waldhausser, l'EI ne compte plus que quelques centaines de "
    "combattants à Syrte."
)
LIBYA_FR_MANY = (
    "Selon des responsables américains, l'EI compte entre 4.000 et 6.000 combattants en Libye, "
    "un nombre qui a doublé en un an."
)
LIBYA_EN_FEW = "ISIS in Libya has been reduced to a few hundred fighters."
LIBYA_EN_DOUBLED = "The number of ISIS fighters in Libya has doubled in a year."


def only(text: str, lang: str | None = None) -> Quantity:
    """The one quantity of ``text``, checking that there is exactly one and its offsets."""
    found = quantities(text, lang)
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start : q.end] == q.text
    return q


def interval(q: Quantity) -> tuple[float, float]:
    return (pytest.approx(q.low), pytest.approx(q.high))


# ------------------------------------------------------------------------------------------
# Digits, both languages' formats
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "lang", "value", "unit", "surface"),
    [
        ("Il y a 4.000 combattants.", "fr", 4000, None, "4.000"),
        ("Il y a 4 000 combattants.", "fr", 4000, None, "4 000"),
        ("Il y a 4\u00a0000 combattants.", "fr", 4000, None, "4\u00a0000"),
        ("Il y a 4\u202f000 combattants.", "fr", 4000, None, "4\u202f000"),
        ("There were 4,000 fighters.", "en", 4000, None, "4,000"),
        ("There were 4.5 fighters per unit.", "en", 4.5, None, "4.5"),
        ("Le taux moyen est 4,5 par foyer.", "fr", 4.5, None, "4,5"),
        ("Ils étaient 12 000 000.", "fr", 12_000_000, None, "12 000 000"),
        ("It cost 1,234.56 dollars.", "en", 1234.56, "USD", "1,234.56 dollars"),
        ("Il a coûté 1.234,56 euros.", "fr", 1234.56, "EUR", "1.234,56 euros"),
        ("La dette atteint 4,5 millions d'euros.", "fr", 4_500_000, "EUR", "4,5 millions d'euros"),
        ("The deficit hit 4.5 million dollars.", "en", 4_500_000, "USD", "4.5 million dollars"),
        ("Le déficit est de 1,2 milliard.", "fr", 1_200_000_000, None, "1,2 milliard"),
        ("Le chômage est de 3 %.", "fr", 3, "%", "3 %"),
        ("Unemployment is 3%.", "en", 3, "%", "3%"),
        ("Le chômage est de 3 pour cent.", "fr", 3, "%", "3 pour cent"),
        ("Unemployment is 3 percent.", "en", 3, "%", "3 percent"),
        ("Le taux atteint 12,5 %.", "fr", 12.5, "%", "12,5 %"),
        ("Il a reçu 2 millions d'euros.", "fr", 2_000_000, "EUR", "2 millions d'euros"),
        ("The plan costs $4 billion.", "en", 4_000_000_000, "USD", "$4 billion"),
        ("Le billet coûte €300.", "fr", 300, "EUR", "€300"),
        ("It cost $4bn.", "en", 4_000_000_000, "USD", "$4bn"),
    ],
)
def test_digits(text, lang, value, unit, surface):
    q = only(text, lang)
    assert (q.low, q.high) == (pytest.approx(value), pytest.approx(value))
    assert (q.kind, q.unit, q.text) == ("exact", unit, surface)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("4.000", "fr", 4000),  # a lone "." + three digits: French thousands
        ("4.000", "en", 4.0),  # ... an English decimal point
        ("4,000", "en", 4000),  # a lone "," + three digits: English thousands
        ("4,000", "fr", 4.0),  # ... a French decimal comma
        ("4.5", "fr", 4.5),  # not three digits: a decimal whatever the language
        ("4,5", "en", 4.5),
        ("4.000.000", "en", 4_000_000),  # repeated groups: thousands whatever the language
        ("4,000,000", "fr", 4_000_000),
    ],
)
def test_ambiguous_digit_groups_follow_the_pattern_then_the_language(text, lang, value):
    assert only(f"Il y en a {text} ici.", lang).low == pytest.approx(value)


def test_the_language_is_guessed_when_not_given():
    assert only("Les rebelles sont 4.000 dans la ville.").low == 4000
    assert only("The rebels number 4,000 in the city.").low == 4000


def test_scale_of_billion_depends_on_the_language():
    assert only("un billion d'euros", "fr").low == 1e12
    assert only("one billion dollars", "en").low == 1e9


# ------------------------------------------------------------------------------------------
# Number words, through text2num, with offsets in the original text
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value", "surface", "noun"),
    [
        ("Il y avait quatre mille manifestants.", 4000, "quatre mille", "manifestants"),
        ("Deux cents personnes ont été arrêtées.", 200, "Deux cents", "personnes"),
        ("Vingt et un morts ont été recensés.", 21, "Vingt et un", "morts"),
        ("quatre-vingt-dix-neuf blessés", 99, "quatre-vingt-dix-neuf", "blessés"),
        ("Un million de personnes ont manifesté.", 1e6, "Un million", "personnes"),
        ("Forty-two people were killed.", 42, "Forty-two", "people"),
        ("A hundred people were killed.", 100, "A hundred", "people"),
        ("One hundred and twenty ships sank.", 120, "One hundred and twenty", "ships"),
        ("Police arrested two thousand protesters.", 2000, "two thousand", "protesters"),
    ],
)
def test_number_words(text, value, surface, noun):
    q = only(text)
    assert (q.low, q.kind, q.text, q.noun) == (value, "exact", surface, noun)


def test_number_words_keep_offsets_in_the_original_text():
    text = "Au total, trois cent mille manifestants ont défilé, et  deux  cents policiers."
    found = quantities(text)
    assert [q.text for q in found] == ["trois cent mille", "deux  cents"]
    assert [text[q.start : q.end] for q in found] == [q.text for q in found]


def test_articles_alone_are_not_counts():
    assert quantities("Un homme est mort en un an.") == []
    assert quantities("One of them said a word.") == []


# ------------------------------------------------------------------------------------------
# Ranges
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "low", "high", "surface", "unit"),
    [
        ("entre 4.000 et 6.000 combattants", 4000, 6000, "entre 4.000 et 6.000", None),
        ("de 4 000 à 6 000 combattants", 4000, 6000, "de 4 000 à 6 000", None),
        ("4 000 à 6 000 combattants", 4000, 6000, "4 000 à 6 000", None),
        ("between 4,000 and 6,000 fighters", 4000, 6000, "between 4,000 and 6,000", None),
        ("4,000 to 6,000 fighters", 4000, 6000, "4,000 to 6,000", None),
        ("4,000-6,000 fighters", 4000, 6000, "4,000-6,000", None),
        ("entre 4 et 6 millions d'euros", 4e6, 6e6, "entre 4 et 6 millions d'euros", "EUR"),
        ("between $4 and $6 billion", 4e9, 6e9, "between $4 and $6 billion", "USD"),
        ("de 2 à 3 % par an", 2, 3, "de 2 à 3 %", "%"),
        ("trois ou quatre blessés", 3, 4, "trois ou quatre", None),
    ],
)
def test_ranges(text, low, high, surface, unit):
    q = only(text)
    assert (q.low, q.high, q.kind, q.text, q.unit) == (low, high, "range", surface, unit)


def test_a_before_and_after_is_not_a_range():
    text = "Le chômage est passé de 10 % à 9,5 %."
    assert [(q.low, q.kind) for q in quantities(text)] == [(10, "exact"), (9.5, "exact")]


def test_and_needs_between_to_make_a_range():
    assert [q.low for q in quantities("Ils ont arrêté 4 et blessé 6 personnes.")] == [4, 6]


# ------------------------------------------------------------------------------------------
# Vague quantities
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "low", "high", "noun"),
    [
        ("quelques centaines de combattants", 200, 900, "combattants"),
        ("plusieurs centaines de soldats", 200, 900, "soldats"),
        ("des centaines de morts", 200, 999, "morts"),
        ("quelques dizaines de blessés", 20, 90, "blessés"),
        ("des dizaines de blessés", 20, 99, "blessés"),
        ("une dizaine de morts", 8, 14, "morts"),
        ("une vingtaine de blessés", 17, 25, "blessés"),
        ("une centaine de migrants", 80, 130, "migrants"),
        ("quelques milliers de manifestants", 2000, 9000, "manifestants"),
        ("plusieurs milliers de manifestants", 2000, 9000, "manifestants"),
        ("des milliers de réfugiés", 2000, 9999, "réfugiés"),
        ("des millions de personnes", 2e6, 9_999_999, "personnes"),
        ("quelques soldats sont restés", 2, 9, "soldats"),
        ("a few hundred fighters", 200, 900, "fighters"),
        ("several hundred soldiers", 200, 900, "soldiers"),
        ("hundreds of people", 200, 999, "people"),
        ("a few dozen protesters", 24, 60, "protesters"),
        ("dozens of protesters", 24, 99, "protesters"),
        ("about a dozen soldiers", 10, 14, "soldiers"),
        ("a few thousand people", 2000, 9000, "people"),
        ("several thousand people", 2000, 9000, "people"),
        ("thousands of refugees", 2000, 9999, "refugees"),
        ("a handful of soldiers", 2, 6, "soldiers"),
        ("a few soldiers stayed", 2, 9, "soldiers"),
        ("millions of people", 2e6, 9_999_999, "people"),
        ("des dizaines de milliers de personnes", 20_000, 99_000, "personnes"),
        ("hundreds of thousands of refugees", 200_000, 999_000, "refugees"),
    ],
)
def test_vague_quantities(text, low, high, noun):
    q = only(text)
    assert (q.low, q.high, q.kind, q.noun) == (low, high, "vague", noun)


def test_small_vague_words_need_a_noun():
    assert quantities("Il en reste quelques.") == []
    assert quantities("Only a few.") == []


def test_every_vague_bound_is_a_proper_interval():
    assert all(0 < low < high for low, high in VAGUE.values())


# ------------------------------------------------------------------------------------------
# Comparatives and approximations
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "low", "high", "kind"),
    [
        ("plus de 5 000 morts", 5000, INF, "comparative"),
        ("au moins 300 blessés", 300, INF, "comparative"),
        ("pas moins de 4 000 combattants", 4000, INF, "comparative"),
        ("more than 5,000 dead", 5000, INF, "comparative"),
        ("at least 300 injured", 300, INF, "comparative"),
        ("over 200 people", 200, INF, "comparative"),
        ("moins de 100 soldats", 0, 100, "comparative"),
        ("jusqu'à 6 000 combattants", 0, 6000, "comparative"),
        ("fewer than 100 soldiers", 0, 100, "comparative"),
        ("less than 3%", 0, 3, "comparative"),
        ("up to 6,000 fighters", 0, 6000, "comparative"),
        ("at most 20 ships", 0, 20, "comparative"),
        ("no more than 300 fighters", 0, 300, "comparative"),
        ("près de 4 000 combattants", 3400, 4000, "approx"),
        ("nearly 4,000 fighters", 3400, 4000, "approx"),
        ("environ 4 000 combattants", 3600, 4400, "approx"),
        ("quelque 4 000 combattants", 3600, 4400, "approx"),
        ("about 4,000 fighters", 3600, 4400, "approx"),
        ("around 4,000 fighters", 3600, 4400, "approx"),
        ("some 4,000 fighters", 3600, 4400, "approx"),
        ("roughly 4,000 fighters", 3600, 4400, "approx"),
        ("plus d'un millier de morts", 800, INF, "comparative"),
    ],
)
def test_comparatives_and_approximations(text, low, high, kind):
    q = only(text)
    assert (q.low, q.high) == interval(q) == (pytest.approx(low), pytest.approx(high))
    assert q.kind == kind
    assert q.start == 0  # the comparative is part of the quantity's text


@pytest.mark.parametrize(
    "text",
    [
        "L'EI ne compte plus que 300 combattants.",
        "Only 300 fighters remain.",
        "Seulement 300 combattants restent.",
    ],
)
def test_only_does_not_change_the_interval(text):
    q = only(text)
    assert (q.low, q.high, q.kind, q.text) == (300, 300, "exact", "300")


# ------------------------------------------------------------------------------------------
# Nouns
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("4 000 combattants de l'EI", "combattants"),
        ("4,000 ISIS fighters are in Libya.", "fighters"),
        ("4,000 Islamic State fighters.", "fighters"),
        ("4,000 Syrians fled.", "syrians"),
        ("300 US troops arrived.", "troops"),
        ("3 % des emplois", "emplois"),
        ("Unemployment rose 3% last year.", None),  # a percentage counts only "of" something
        ("Il a reçu 2 millions d'euros de primes.", None),  # money counts itself
        ("Ils sont 6 000 aujourd'hui.", None),
        # The noun before the number, in the frames that name it.
        ("Le nombre de terroristes s'est réduit à quelques centaines.", "terroristes"),
        ("the plant's entire workforce of 480 would be laid off", "workforce"),
        ("Les jihadistes seraient entre 4.000 et 6.000.", "jihadistes"),
        ("The strikers were about 300 on Monday.", "strikers"),
        ("Le nombre de morts a augmenté. En 2015, 12 ont été signalés.", None),
        ("Le nombre de morts et le nombre de blessés a atteint 40.", "blessés"),
        ("3,400 care staff were hired.", "staff"),  # a noun modifier is skipped
        ("about 180 nursing and care posts", "posts"),  # ... so are two joined by "and"
        ("40 new or former members", "members"),
        ("It killed 3 more and wounded many.", None),  # "and" then no modifier: no noun
    ],
)
def test_noun(text, noun):
    assert only(text).noun == noun


# ------------------------------------------------------------------------------------------
# What is not a quantity
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "En 2015, la guerre a commencé.",
        "In 2015 the war began.",
        "Since 2014 the group has changed.",
        "Depuis 2014, le groupe s'est étendu.",
        "La guerre de 2014-2016 a tout changé.",
        "Entre 2014 et 2016, la guerre a duré.",
        "Le 3 juin, la ville est tombée.",
        "On June 3 the city was taken.",
        "The city was taken on 3 March.",
        "Il est mort le 1er juin.",
        "Le 03/06/2015 a eu lieu le vote.",
        "Le vote a eu lieu le 2015-06-03.",
        "L'attaque a eu lieu à 14h30.",
        "À 14 h 30, l'attaque a commencé.",
        "At 10:30 the attack started.",
        "He arrived at 9 a.m. sharp.",
        "C'est la première fois.",
        "It was the third attack.",
        "Le 3e régiment et le 21st battalion.",
        "Le COVID-19 et le F-16.",
        "L'Airbus A320 a décollé.",
        "Le numéro n° 5 a gagné.",
        "Python 3.11.7 est sorti.",
        "La résolution 2254 a été adoptée.",
        "Les effectifs ont été multipliés par trois.",
    ],
)
def test_not_quantities(text):
    assert quantities(text) == []


def test_a_year_like_number_with_a_noun_is_a_count():
    q = only("Il y a 2000 combattants.")
    assert (q.low, q.noun) == (2000, "combattants")


# ------------------------------------------------------------------------------------------
# Changes
# ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "direction", "factor", "surface"),
    [
        ("Le nombre a doublé en un an.", +1, 2.0, "a doublé"),
        ("Les effectifs ont doublé.", +1, 2.0, "ont doublé"),
        ("Le nombre a été multiplié par deux.", +1, 2.0, "a été multiplié par deux"),
        ("Le nombre a été multiplié par trois.", +1, 3.0, "a été multiplié par trois"),
        ("Le nombre d'attaques a été multiplié par 10.", +1, 10.0, "a été multiplié par 10"),
        ("Le nombre a triplé.", +1, 3.0, "a triplé"),
        ("Le budget a été divisé par deux.", -1, 0.5, "a été divisé par deux"),
        ("Le chômage a diminué de moitié.", -1, 0.5, "a diminué de moitié"),
        ("Les effectifs ont été réduits de moitié.", -1, 0.5, "ont été réduits de moitié"),
        ("Le chômage a augmenté.", +1, None, "a augmenté"),
        ("Les prix sont en hausse.", +1, None, "sont en hausse"),
        ("Le PIB a progressé.", +1, None, "a progressé"),
        ("Le chômage a baissé.", -1, None, "a baissé"),
        ("Le chômage a reculé.", -1, None, "a reculé"),
        ("La production est en baisse.", -1, None, "est en baisse"),
        ("L'EI s'est réduit.", -1, None, "s'est réduit"),
        ("Les ventes ont chuté.", -1, None, "ont chuté"),
        ("Le prix a augmenté de 50 %.", +1, 1.5, "a augmenté de 50 %"),
        ("Le chômage est passé de 10 % à 8 %.", -1, 0.8, "est passé de 10 % à 8 %"),
        ("The number doubled.", +1, 2.0, "doubled"),
        ("The number has more than doubled.", +1, 2.0, "has more than doubled"),
        ("The number tripled.", +1, 3.0, "tripled"),
        ("The force grew tenfold.", +1, 10.0, "grew tenfold"),
        ("Attacks increased threefold.", +1, 3.0, "increased threefold"),
        ("Unemployment halved.", -1, 0.5, "halved"),
        ("Prices rose.", +1, None, "rose"),
        ("Prices rose by 20 percent.", +1, 1.2, "rose by 20 percent"),
        ("Exports increased.", +1, None, "increased"),
        ("The group grew.", +1, None, "grew"),
        ("Sales fell.", -1, None, "fell"),
        ("Sales dropped.", -1, None, "dropped"),
        ("Sales declined 5%.", -1, 0.95, "declined 5%"),
        ("Output decreased.", -1, None, "decreased"),
        ("The force was reduced to 300 men.", -1, None, "was reduced"),
        ("The budget was cut by half.", -1, 0.5, "was cut by half"),
        ("Prices surged.", +1, None, "surged"),
        ("Shares plunged.", -1, None, "plunged"),
        ("The number went from 4,000 to 6,000.", +1, 1.5, "went from 4,000 to 6,000"),
        ("Ils ne sont plus que 40 grévistes.", -1, None, "ne sont plus que"),
        ("Il n'en reste plus qu'une poignée.", -1, None, "n'en reste plus qu'"),
        ("Il n'y a plus qu'un seul hôpital.", -1, None, "n'y a plus qu'"),
        ("Le nombre a plus que doublé.", +1, 2.0, "a plus que doublé"),
    ],
)
def test_changes(text, direction, factor, surface):
    found = changes(text)
    assert len(found) == 1, found
    c = found[0]
    assert (c.direction, c.text) == (direction, surface)
    assert c.factor == (None if factor is None else pytest.approx(factor))
    assert text[c.start : c.end] == c.text


@pytest.mark.parametrize(
    "text",
    [
        "Les effectifs n'ont pas doublé.",
        "The number has not increased.",
        "The number hasn't doubled.",
        "The minister declined to comment.",
        "Rose Smith arrived in Paris.",
        "Il est passé de Paris à Lyon.",
        "Un double attentat a frappé la ville.",
        "Il ne pèse pas plus que 3 kg.",
        "Il ne compte plus que sur lui-même.",
        "Elle ne travaille plus. Que faire ?",
    ],
)
def test_not_changes(text):
    assert changes(text) == []


def test_a_decrease_to_a_vague_quantity_is_both():
    text = "L'EI s'est réduit à quelques centaines de combattants."
    assert [(c.direction, c.text) for c in changes(text)] == [(-1, "s'est réduit")]
    q = only(text)
    assert (q.low, q.high, q.kind, q.noun) == (200, 900, "vague", "combattants")


# ------------------------------------------------------------------------------------------
# The Libya showcase: the two sides disagree, and the primitives say so
# ------------------------------------------------------------------------------------------
def test_libya_french_few():
    q = only(LIBYA_FR_FEW)
    assert (q.low, q.high, q.kind, q.noun, q.text) == (
        200,
        900,
        "vague",
        "combattants",
        "quelques centaines",
    )
    # "ne compte plus que": only so many now, a decrease, as "reduced to" is in English.
    assert [(c.direction, c.text) for c in changes(LIBYA_FR_FEW)] == [(-1, "ne compte plus que")]


def test_libya_french_many_and_doubled():
    q = only(LIBYA_FR_MANY)
    assert (q.low, q.high, q.kind, q.noun, q.text) == (
        4000,
        6000,
        "range",
        "combattants",
        "entre 4.000 et 6.000",
    )
    [c] = changes(LIBYA_FR_MANY)
    assert (c.direction, c.factor, c.text) == (+1, 2.0, "a doublé")


def test_libya_english():
    q = only(LIBYA_EN_FEW)
    assert (q.low, q.high, q.kind, q.noun, q.text) == (
        200,
        900,
        "vague",
        "fighters",
        "a few hundred",
    )
    assert [c.direction for c in changes(LIBYA_EN_FEW)] == [-1]
    assert quantities(LIBYA_EN_DOUBLED) == []
    [c] = changes(LIBYA_EN_DOUBLED)
    assert (c.direction, c.factor, c.text) == (+1, 2.0, "has doubled")


def test_libya_pair_compares():
    few, many = only(LIBYA_FR_FEW), only(LIBYA_FR_MANY)
    assert comparable(few, many)
    assert not overlap(few, many)
    assert gap(few, many) == pytest.approx(math.log10(4000 / 900))
    assert gap(many, few) == gap(few, many)
    english = only(LIBYA_EN_FEW)
    assert comparable(english, only("Officials say 4,000 to 6,000 fighter remain."))
    assert comparable(few, english)  # "combattants" and "fighters": one concept


def test_overlap_gap_and_comparable():
    a = only("entre 4 000 et 6 000 combattants")
    b = only("environ 5 000 combattants")
    assert overlap(a, b) and gap(a, b) == 0.0
    assert overlap(only("plus de 5 000 morts"), only("10 000 morts"))
    assert not overlap(only("moins de 100 morts"), only("200 morts"))
    assert gap(only("0 mort"), only("10 morts")) == INF
    assert comparable(only("3 combattants"), only("1 combattant"))
    assert comparable(only("300 families"), only("a family of 4"))  # one side has no noun
    assert not comparable(only("3 %"), only("3 millions d'euros"))
    assert not comparable(only("4 000 combattants"), only("4 000 emplois"))


# ------------------------------------------------------------------------------------------
# Comparable across languages and synonyms: French and English coverage of the same story
# ------------------------------------------------------------------------------------------
def first(text: str) -> Quantity:
    """The first quantity of ``text``."""
    return quantities(text)[0]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1,200 firefighters were deployed.", "Quelque 650 pompiers luttent contre le feu."),
        ("12 firefighters were hurt.", "Trois sapeurs-pompiers ont été blessés."),
        ("Only 12 vessels were being held up.", "Plus de 40 navires sont bloqués."),
        ("Some 30 ships waited.", "Une trentaine de bateaux attendent."),
        ("Le site emploie 480 salariés.", "the plant's entire workforce of 480"),
        ("Le site emploie 480 salariés.", "The site has 650 employees."),
        ("Le site emploie 480 salariés.", "480 workers will lose their jobs."),
        ("480 emplois sont menacés.", "480 jobs are at risk."),
        ("Le plan supprime 480 postes.", "The plan cuts 480 posts."),
        ("Le site emploie 480 salariés.", "Le plan supprime 480 postes."),
        ("At least seven people were killed.", "Le bilan est de quatre morts et deux disparus."),
        ("At least seven people were killed.", "Sept personnes ont été tuées."),
        ("Seven people are missing.", "Deux disparus ont été retrouvés."),
        ("Twelve were killed.", "Douze victimes sont à déplorer."),
        ("Deux blessées ont été hospitalisées.", "Two wounded were taken away."),  # feminine
        (
            "More than 5,000 people have been evacuated.",
            "Environ 3 000 habitants et vacanciers ont été évacués.",
        ),
        ("4,000 hectares burned.", "2 300 hectares ont brûlé."),
        ("about 180 nursing and care posts", "Il reste seuls 64 postes."),
        ("3,400 care staff went on strike.", "3 400 soignants sont en grève."),
        ("200 nurses", "200 infirmières"),
        ("Le feu a duré neuf heures.", "L'incendie a duré quatre heures et demie."),
        ("The fire burned for nine hours.", "Le feu a duré neuf heures."),
        ("Trois ans de prison.", "Three years in prison."),
        ("4 000 combattants de l'EI", "4,000 Islamic State fighters"),
        ("4 000 manifestants", "4,000 protesters"),
        ("12 enfants", "12 children"),
    ],
)
def test_comparable_across_languages_and_synonyms(a, b):
    qa, qb = first(a), first(b)
    assert comparable(qa, qb) and comparable(qb, qa)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Quelque 650 pompiers luttent contre le feu.", "3 000 habitants ont été évacués."),
        ("Plus de 40 navires sont bloqués.", "Le site emploie 480 salariés."),
        ("Le feu a duré neuf heures.", "Le feu a duré trois jours."),
        ("nine hours", "ten minutes"),
        ("200 infirmières", "30 médecins"),  # both staff, but nurses are not doctors
        ("200 morts", "300 blessés"),  # both people, but the dead are not the injured
        ("4 000 combattants", "4 000 emplois"),
        ("Seven people were killed.", "Seven ships sank."),
        ("100 ânes", "3 ans"),  # a French feminine is read so only for a long enough word
        ("1,200 firefighters", "1 200 hectares"),
    ],
)
def test_unrelated_nouns_are_not_comparable(a, b):
    qa, qb = first(a), first(b)
    assert not comparable(qa, qb) and not comparable(qb, qa)


def test_casualties_are_the_dead_or_the_injured():
    casualties = first("30 casualties")
    assert comparable(casualties, first("30 morts"))
    assert comparable(casualties, first("30 blessés"))


# ------------------------------------------------------------------------------------------
# Offsets, language, robustness
# ------------------------------------------------------------------------------------------
SAMPLES = [
    LIBYA_FR_FEW,
    LIBYA_FR_MANY,
    LIBYA_EN_FEW,
    LIBYA_EN_DOUBLED,
    "Selon l'ONU, près de 4\u202f000 civils — dont une centaine d'enfants — ont fui, soit 12,5 %.",
    "Between $4 and $6 billion, some 300 ships and about a dozen ports: prices rose 3%.",
    "« Deux cents » morts, puis vingt et un, puis des dizaines de milliers de réfugiés.",
    "Le chômage est passé de 10 % à 9,5 % en 2015, a baissé le 3 juin à 14h30.",
    "Fewer than one teacher in four struck, but nearly two-thirds of pupils stayed home.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_offsets_are_exact(text):
    for item in [*quantities(text), *changes(text)]:
        assert text[item.start : item.end] == item.text
        assert item.text == item.text.strip()
    starts = [q.start for q in quantities(text)]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (LIBYA_FR_FEW, "fr"),
        (LIBYA_FR_MANY, "fr"),
        (LIBYA_EN_FEW, "en"),
        (LIBYA_EN_DOUBLED, "en"),
        ("Le chômage a baissé.", "fr"),
        ("Prices rose.", "en"),
        ("", "en"),
    ],
)
def test_guess_lang(text, lang):
    assert guess_lang(text) == lang


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="lang"):
        quantities("4 000", "de")
    with pytest.raises(ValueError, match="lang"):
        changes("doubled", "es")


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\t  ", "🙂🙂🙂", "🙂 4 000 🙂 combattants 🙂", "%%% $$$ ,,, ...", "-", "\u202f"],
)
def test_odd_inputs_do_not_crash(text):
    for item in [*quantities(text), *changes(text)]:
        assert text[item.start : item.end] == item.text


def test_very_long_inputs_are_read_whole_and_fast():
    text = "Le nombre de combattants a doublé : 4 000 combattants. " * 5000
    assert len(quantities(text)) == 5000
    assert len(changes(text)) == 5000
    assert quantities("9" * 100_000) == []  # too long a number is no number
    assert len(quantities("quatre " * 2000)) == 2000


# ------------------------------------------------------------------------------------------
# The fast paths read exactly what the plain regexes read
# ------------------------------------------------------------------------------------------
# Capitals, hyphens, elisions, digits glued to marks, and the letters whose lower case the
# regex engine treats otherwise ("İ", "ı", "ſ"), which take the case-insensitive path.
TRICKY = [
    *SAMPLES,
    "DEUX CENTS manifestants, Quelques Centaines, A FEW HUNDRED, Doubled, A DOUBLÉ.",
    "x-deux, deux-cents, l'un, 3.5, 4,000/5, 10:30, a.deux, -quatre, «trois», (cinq)",
    "İki deux İstanbul, ıncrease ınCREASED, ſeveral hundred, ſome 300, thouſands",
    "Les ventes ont RÉDUIT, reduced, halved, fell by 20%, TWO-FOLD, a augmenté de 50 %.",
    "deux",
    "doubled",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
def test_number_and_change_starts_match_the_plain_lookbehind_regexes(text):
    starters = re.compile(
        rf"(?<![\w.,/:])\d|(?<![\w-])(?:{alternation(lexicon._STARTERS)})(?!\w)",
        re.IGNORECASE,
    )
    doc = parse._Doc(text, "fr")
    assert parse._candidates(doc) == [m.start() for m in starters.finditer(text)]
    for lang, table in (("fr", change_rules._FR_CHANGES), ("en", change_rules._EN_CHANGES)):
        stems = {stem for entry in table for stem in entry[0]}
        verbs = re.compile(rf"(?<![\w-])(?:{alternation(stems)})", re.IGNORECASE)
        expected = [m.start() for m in verbs.finditer(text)]
        assert change_rules._CHANGE_RULES[lang].candidates.starts(doc) == expected
    assert change_rules._ANY_CHANGE.found(doc) == bool(
        re.search(rf"(?<![\w-])(?:{alternation(change_rules._CHANGE_STEMS)})", text, re.I)
    )


@pytest.mark.parametrize("text", TRICKY)
def test_read_is_quantities_and_changes(text):
    for lang in (None, "fr", "en"):
        assert change_rules.read(text, lang) == (quantities(text, lang), changes(text, lang))


def test_quantities_built_without_init_equal_the_dataclass():
    values = (1.0, 2.0, "range", "EUR", None, "1 à 2 euros", 0, 11)
    built = parse._quantity(*values)
    assert built == Quantity(*values) and repr(built) == repr(Quantity(*values))
    with pytest.raises(AttributeError):
        built.low = 3.0  # still frozen


@pytest.mark.parametrize(
    ("odd", "plain"),
    [
        ("ſeveral hundred people", "several hundred people"),
        ("plusİeurs centaines de manifestants", "plusieurs centaines de manifestants"),
        ("4 millionſ d'euros", "4 millions d'euros"),
        ("4 bıllion dollars", "4 billion dollars"),
        ("Il a reçu 4mdſ.", "Il a reçu 4mds."),
    ],
)
def test_letters_the_regex_engine_folds_read_like_their_plain_spelling(odd, plain):
    # re.IGNORECASE matches "ſ" as "s" and "ı", "İ" as "i": such a word is looked up as that.
    assert [(q.low, q.high, q.unit) for q in quantities(odd, "en")] == [
        (q.low, q.high, q.unit) for q in quantities(plain, "en")
    ]


@pytest.mark.parametrize(
    ("a", "b", "share"),
    [
        ("1,200 firefighters were deployed.", "Quelque 650 pompiers sont mobilisés.", True),
        ("Plus de 40 navires attendent.", "Only 12 vessels were held up.", True),
        ("Le feu a parcouru 2 300 hectares.", "The blaze burned 4,000 hectares.", True),
        # Broader concepts are not keys: every count of people would share one.
        ("Quelque 650 pompiers sont mobilisés.", "3 000 habitants ont été évacués.", False),
        ("Seven people attended the meeting.", "Le bilan est de quatre morts.", False),
        # What happened to the people counted makes them one thing with the victims.
        ("At least seven people were killed.", "Le bilan est de quatre morts.", True),
        ("Quatre personnes ont perdu la vie.", "Five people died.", True),
        ("Two people were injured.", "Deux blessés sont à déplorer.", True),
    ],
)
def test_kinds_are_shared_by_one_count_in_two_languages(a, b, share):
    (qa,), (qb,) = quantities(a), quantities(b)
    assert bool(kinds(qa) & kinds(qb)) == share


@pytest.mark.parametrize(
    ("text", "low", "high", "noun"),
    [
        ("fewer than one in five care staff had stopped work", 0, 20, "staff"),
        ("Fewer than one teacher in four joined the strike", 0, 25, "teacher"),
        ("un soignant sur cinq était en grève", 20, 20, "soignant"),
        ("one out of four nurses", 25, 25, "nurses"),
        ("deux tiers des enseignants ont cessé le travail", 200 / 3, 200 / 3, "enseignants"),
        ("Plus de la moitié des salariés", 50, math.inf, "salariés"),
        ("a third of the staff", 100 / 3, 100 / 3, "staff"),
    ],
)
def test_a_share_of_a_group_is_a_percentage(text, low, high, noun):
    (q,) = quantities(text)
    assert (q.low, q.high, q.unit, q.noun) == (pytest.approx(low), high, "%", noun)


@pytest.mark.parametrize(
    "text",
    [
        "Les commandes ont chuté de moitié en deux ans",  # a change, not a share
        "the number of agency nurses had fallen by a third",
        "two people were hurt in ten days",
        "3 in 2020",
    ],
)
def test_what_is_not_a_share(text):
    assert all(q.unit != "%" for q in quantities(text))


@pytest.mark.parametrize(
    "text",
    [
        "Orders at the plant have doubled over the past two years",
        "Les commandes ont chuté de moitié en deux ans",
        "three months' worth of rain fell in 24 hours",
        "Ce plan va coûter leur emploi à 400 dockers d'ici trois ans",
    ],
)
def test_a_period_that_frames_a_claim_is_not_a_quantity(text):
    assert all(q.noun not in {"years", "ans", "hours"} for q in quantities(text))


@pytest.mark.parametrize(
    "text", ["patients wait nine hours on average", "The fire burned for nine hours."]
)
def test_a_span_of_time_that_is_the_claim_stays(text):
    assert [q.noun for q in quantities(text)] == ["hours"]


@pytest.mark.parametrize(
    ("text", "fate"),
    [
        ("At least seven people were killed in the floods.", "dead"),
        ("Sept personnes ont été tuées.", "dead"),
        ("Quatre personnes sont mortes.", "dead"),
        ("More than 20 people had been injured.", "injured"),
        ("Entre 4 et 6 personnes sont portées disparues.", "missing"),
        ("5,000 people have been evacuated.", None),
        ("300 people attended the meeting.", None),
        # People by role count too: "30 salariés ont perdu la vie" and "douze morts" are one count.
        ("Sept pompiers ont été blessés.", "injured"),
        ("Au moins trente salariés ont perdu la vie.", "dead"),
        ("Twelve passengers were killed.", "dead"),
    ],
)
def test_a_count_of_people_knows_what_happened_to_them(text, fate):
    assert only(text).fate == fate


def test_victims_of_one_fate_compare_and_of_two_fates_do_not():
    killed, injured = only("Six people were killed."), only("Twenty people were injured.")
    crowd = only("Selon la police, 4 000 personnes ont manifesté.")
    assert not comparable(killed, injured)  # two counts, not one disagreement
    assert comparable(killed, only("Le bilan est de quatre morts."))
    assert comparable(killed, crowd)  # a count of people, as before: only not one thing
    assert "|dead" in kinds(killed) & kinds(only("Le bilan est de quatre morts."))


def test_an_alternation_prefers_the_longest_word_and_reads_spaces_as_any_white_space():
    pattern = re.compile(rf"(?:{alternation(['deux', 'deux cents', 'dix', 'd'])})$")
    assert pattern.match("deux  cents") and pattern.match("dix") and pattern.match("d")
    assert re.match(alternation(["deux", "deux cents"]), "deux cents").group() == "deux cents"
    assert not pattern.match("deu")
