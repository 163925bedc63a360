"""Extraction of agency copy: datelines, frames without the common verbs, speakers named through
something else (a company by what it is, a possession, a body by its first word), and the
pairing of accounts that date or count one thing in two languages.

Every sentence here is written for these tests; none comes from the project's articles.
"""

from __future__ import annotations

import pytest

from stance import quantities
from stance.extract import Statement, extract, speakers_agree
from stance.pairs import candidate_index


def only(text: str, lang: str | None = None) -> Statement:
    """The one statement of ``text``."""
    found = extract(text, lang=lang)
    assert len(found) == 1, [(s.speaker, s.cue, s.quote) for s in found]
    return found[0]


def speakers(text: str, lang: str | None = None) -> list[str | None]:
    return [s.speaker for s in extract(text, lang=lang)]


# --------------------------------------------------------------------------------------------
# Sentences.
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "speaker", "claim"),
    [
        (
            "TOULON, 4 mars 2026 (AFP) - Le port a rouvert mardi, a indiqué la capitainerie.",
            "la capitainerie",
            "Le port a rouvert mardi",
        ),
        (
            "DENVER, May 2 (Reuters) - Two bridges closed overnight after the storm, the city's "
            "transport office said.",
            "the city's transport office",
            "Two bridges closed overnight after the storm",
        ),
    ],
)
def test_a_wire_dateline_is_no_part_of_the_statement(text, speaker, claim):
    s = only(text)
    assert (s.speaker, s.claim) == (speaker, claim)
    assert "(" not in s.quote and s.quote == text[s.start : s.end]


def test_an_initial_before_selon_ends_a_sentence_but_monsieur_does_not():
    found = extract(
        "Le porte-parole du syndicat, Marc Olier, a annoncé une plainte contre X. Selon lui, la "
        "direction savait tout."
    )
    assert [(s.speaker, s.claim) for s in found] == [
        ("Le porte-parole du syndicat, Marc Olier", "une plainte contre X"),
        ("Marc Olier", "la direction savait tout"),
    ]
    assert only("« Le chantier a pris du retard », a déclaré M. Le Gall.").speaker == "M. Le Gall"


# --------------------------------------------------------------------------------------------
# Frames.
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "Le syndicat des pilotes met en cause la gestion du chantier.",
            "Le syndicat des pilotes",
            "met en cause",
        ),
        ("Traffic stayed heavy all afternoon, local radio reported.", "local radio", "reported"),
        (
            "Water levels fell overnight at three gauges, a survey commissioned by the town found.",
            "a survey commissioned by the town",
            "found",
        ),
        ("Senator Ann Price called the plan reckless.", "Senator Ann Price", "called"),
        ('The regulator called the delay "regrettable."', "The regulator", "called"),
        ("The council called for calm after the verdict.", "The council", "called"),
        ("Senator Ann Price called on the board to resign.", "Senator Ann Price", "called"),
        ("Nurse Lena Ortiz accused the clinic of cutting shifts.", "Nurse Lena Ortiz", "accused"),
        ('An inspector described the wiring as "dangerous".', "An inspector", "described"),
        ("Le maire, Paul Roux, a réclamé un audit.", "Le maire, Paul Roux", "a réclamé"),
        ("La syndicaliste a appelé les agents à la grève.", "La syndicaliste", "a appelé"),
        ("Les pêcheurs ont, eux, salué la décision.", "Les pêcheurs", "ont, eux, salué"),
        ("Les commerçants ont rouvert, a rapporté la mairie.", "la mairie", "a rapporté"),
        ("Pour l'opposition, le budget est « insincère ».", "l'opposition", "Pour"),
    ],
)
def test_frames_beyond_the_common_reporting_verbs(text, speaker, cue):
    s = only(text)
    assert (s.speaker, s.cue) == (speaker, cue)


@pytest.mark.parametrize(
    "text",
    [
        "Investigators found a second device near the station.",
        "The mayor called the fire brigade at dawn.",
        "The board called an emergency meeting for Friday.",
        "The minister called the chief executive in Paris.",
        "She called the president to discuss the strike.",
        "The mayor called on Monday to check the dyke.",
        "Pour le quartier, la fête a duré trois jours.",
        "Several fires were reported in the hills.",
    ],
)
def test_found_called_and_reported_in_narrative_report_nothing(text):
    assert extract(text) == []


# --------------------------------------------------------------------------------------------
# Speakers as written.
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A participle takes its agent or its date into the source.
        (
            "Les loyers ont augmenté de 8 %, selon une étude publiée en 2025.",
            "une étude publiée en 2025",
        ),
        (
            "Sales fell by a fifth, according to figures released on Friday.",
            "figures released on Friday",
        ),
        (
            "Le chantier a pris six mois de retard, d'après une note consultée par l'AFP.",
            "une note consultée par l'AFP",
        ),
        # A short relative clause closing the sentence describes the source.
        (
            "About 90 flights were cancelled, according to the airport authority, which runs "
            "both terminals.",
            "the airport authority, which runs both terminals",
        ),
        # A clause opened by a participle is no subject.
        (
            "Un camion a percuté un bus, faisant six blessés, a annoncé la gendarmerie.",
            "la gendarmerie",
        ),
        # A relative clause inside the subject, with no comma before the verb.
        (
            "A nurse who asked not to be named told reporters that the ward was full.",
            "A nurse who asked not to be named",
        ),
        # A name described by a relative clause.
        (
            "Vernal, the firm that builds the trams, put the cost at 40 million euros.",
            "Vernal, the firm that builds the trams",
        ),
        # Two verbs of one subject.
        (
            "Union leader Marc Ferrand thanked the staff and said the strike was over.",
            "Union leader Marc Ferrand",
        ),
        # A role, then the body's name with its own article.
        (
            "Selon l'exploitant, la société Carrières du Val (CDV), 30 ouvriers travaillaient "
            "sur le site.",
            "l'exploitant, la société Carrières du Val (CDV)",
        ),
    ],
)
def test_speakers_as_agency_copy_writes_them(text, speaker):
    assert only(text).speaker == speaker


# --------------------------------------------------------------------------------------------
# Speakers named through something else.
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kitchen supplier Vantor said orders rose. Deliveries resumed on Monday, the company "
            "added.",
            ["Kitchen supplier Vantor", "Vantor"],
        ),
        (
            "Le transporteur Alvéo a suspendu ses lignes, selon la préfecture. Le trafic reprendra "
            "jeudi, a assuré l'entreprise.",
            ["la préfecture", "Alvéo"],
        ),
        (
            "Les clients de la Banque Ostrel ont été privés de leurs cartes, a reconnu "
            "l'établissement.",
            ["Banque Ostrel"],
        ),
        (
            "Le fabricant de jouets Ludix va fermer son site. La direction a assuré que chaque "
            "salarié serait reclassé.",
            ["La direction de Ludix"],
        ),
        # A day before "the company" is no company, nor a place a claim mentions.
        (
            "Work moved to another Vantor plant in central Europe, the company added.",
            ["the company"],
        ),
        # A person named after a company noun they are not: a trade, or someone of the company.
        (
            "A spokesman for the company, Jean Dupont, said sales fell. Software developer Anna "
            "Roy said the app crashed. Prices rose, the company said.",
            [
                "A spokesman for the company, Jean Dupont",
                "Software developer Anna Roy",
                "the company",
            ],
        ),
        # A name whose own words go on after "des" is not cut into a company.
        (
            "Pierre Lasalle, head of the drivers' group Ligue des usagers, said tolls rose. The "
            "increase will be 2%, the company said.",
            ["Pierre Lasalle, head of the drivers' group Ligue des usagers", "the company"],
        ),
    ],
)
def test_a_company_called_by_what_it_is_is_the_company_named_before(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senator Ann Price is due in Lyon on Monday, her office said.", "Ann Price's office"),
        (
            "Le ministre de la Santé, Paul Girard, a annoncé un plan. Il sera présenté jeudi, a "
            "précisé son cabinet.",
            "le cabinet de Paul Girard",
        ),
        (
            "Retailer Domino Home said sales fell. Domino Home employs 2,000 people, according to "
            "its annual report.",
            "Domino Home's annual report",
        ),
    ],
)
def test_a_possession_is_named_after_its_owner(text, expected):
    assert speakers(text)[-1] == expected


def test_a_body_named_by_its_first_word_is_the_body_named_in_full_before():
    found = speakers(
        "Selon l'office régional du tourisme (ORT), la saison est bonne. Les hôtels sont "
        "pleins, a ajouté l'office. La préfète du Var, Anne Morel, a estimé que ces chiffres "
        "étaient bons. La "
        "préfète a précisé que les plages resteraient surveillées."
    )
    assert found == [
        "l'office régional du tourisme (ORT)",
        "l'office régional du tourisme (ORT)",
        "La préfète du Var, Anne Morel",
        "Anne Morel",  # a title is the person's, by the title rule
    ]


def test_a_possessive_speaker_agrees_with_the_same_owner_written_the_other_way():
    assert speakers_agree("Franck Dalle's office", "the office of prosecutor Franck Dalle")
    assert not speakers_agree("Franck Dalle's office", "the office of Anne Morel")


# --------------------------------------------------------------------------------------------
# Pairing accounts of one story in two languages.
# --------------------------------------------------------------------------------------------
def _story(fr: str, en: str) -> list[dict]:
    return [
        {"id": "s.fr#1", "article": "s.fr", "lang": "fr", "claim": fr, "quote": fr},
        {
            "id": "s.fr#2",
            "article": "s.fr",
            "lang": "fr",
            "claim": "La neige couvre Valbrune.",
            "quote": "La neige couvre Valbrune.",
        },
        {"id": "s.en#1", "article": "s.en", "lang": "en", "claim": en, "quote": en},
        {
            "id": "s.en#2",
            "article": "s.en",
            "lang": "en",
            "claim": "Snow covers Valbrune.",
            "quote": "Snow covers Valbrune.",
        },
    ]


def _paired(statements: list[dict], a: str, b: str) -> bool:
    i, j, _ = candidate_index(statements)
    ids = [s["id"] for s in statements]
    return any({ids[x], ids[y]} == {a, b} for x, y in zip(i.tolist(), j.tolist()))


@pytest.mark.parametrize(
    ("fr", "en"),
    [
        ("La route rouvrira dès lundi", "The road will stay shut for at least three weeks"),
        ("Les analyses seront publiées la semaine prochaine", "The results are out on Friday"),
        ("Les secours ont été prévenus dans l'heure", "Nobody called the firemen for two days"),
    ],
)
def test_a_date_and_a_duration_of_one_story_are_compared_across_languages(fr, en):
    assert _paired(_story(fr, en), "s.fr#1", "s.en#1")


def test_customers_are_counted_alike_in_both_languages():
    def kinds(text: str, lang: str) -> set[str]:
        return {k for q in quantities.quantities(text, lang) for k in quantities.kinds(q)}

    assert "|customer" in kinds("Environ 40 000 clients ont été touchés", "fr")
    assert "|customer" in kinds("Nearly 1.2 million customers were hit", "en")
    assert "|office" in kinds("des irrégularités dans 14 bureaux de vote", "fr")
    assert "|office" in kinds("problems in only three polling stations", "en")
    assert "|flight" in kinds("Quelque 300 vols ont été annulés", "fr")
    assert "|flight" in kinds("about 300 flights were cancelled", "en")
    assert "|sheep" in kinds("47 brebis ont été tuées", "fr") & kinds("47 sheep were killed", "en")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le juge d'instruction, Paul Ferrand, a annoncé une expertise. D'après le magistrat, "
            "les travaux reprendront en mai.",
            "Paul Ferrand",
        ),
        (
            "Le secrétaire à la Défense, John Miller, a annoncé l'envoi de renforts. Le "
            "chef du Pentagone a précisé que les frappes continueraient.",
            "John Miller",
        ),
        # No one named before in that role: the mention stands as written.
        (
            "Le chef de la diplomatie a précisé que la visite était reportée.",
            "Le chef de la diplomatie",
        ),
    ],
)
def test_another_role_for_a_person_named_before_is_that_person(text, expected):
    assert speakers(text)[-1] == expected


def test_an_english_body_by_its_head_noun_and_its_possessions():
    found = speakers(
        "About 40 wells were closed, according to the regional water board. The board's "
        "figures show a record drought, the farmers' union said. Levels will rise by June, "
        "the board added."
    )
    assert found == [
        "the regional water board",
        "the farmers' union",
        "the regional water board",
    ]
    found = speakers(
        "About 40 wells were closed, according to the regional water board. A record drought "
        "is under way, according to the board's figures."
    )
    assert found[-1] == "the regional water board's figures"


def test_a_relative_clause_after_a_source_is_a_statement_of_its_own():
    found = extract(
        "Quelque 300 vols ont été annulés, selon la compagnie, qui revendique 9 millions de "
        "passagers par an."
    )
    assert [(s.speaker, s.claim) for s in found] == [
        ("la compagnie", "Quelque 300 vols ont été annulés"),
        ("la compagnie", "9 millions de passagers par an"),
    ]
    # After a verb's frame the relative clause goes on with the statement.
    assert (
        len(extract("Le port a rouvert, a indiqué la mairie, qui a confié l'enquête au parquet."))
        == 1
    )


def test_a_body_whose_capitalised_name_looks_like_a_person_is_still_named_in_full():
    text = (
        "Ferries stayed in port on Sunday, according to the Channel Shipping Council. "
        "The council put the number of cancelled crossings at 40."
    )
    assert [s.speaker for s in extract(text)] == ["the Channel Shipping Council"] * 2


def test_a_person_named_after_an_office_with_a_name_is_the_person_not_the_office():
    text = (
        "La procureure de la République de Vernac, Alice Morel, a fait savoir qu'une enquête "
        "était ouverte. La magistrate a précisé que deux témoins avaient été entendus."
    )
    assert [s.speaker for s in extract(text)][1] == "Alice Morel"


def test_a_pronoun_stands_for_the_named_subject_of_a_sentence_that_reports_nothing():
    text = (
        "Le directeur du port, Marc Aubry, a assuré que les quais étaient sûrs. "
        "La présidente de l'association de riverains Quai Vivant, Léa Monnet, a visité le site. "
        "D'après elle, deux grues sur cinq étaient à l'arrêt."
    )
    assert [s.speaker for s in extract(text)][1] == "Léa Monnet"


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "The governor has asked the army for tents within a day.",
            "the army for tents within a day",
        ),
        ("Police asked residents to stay indoors.", "residents to stay indoors"),
        ("A pilot who asked not to be named said the radar failed.", "the radar failed"),
        ("Asked about the delay, the mayor said the works were late.", "the works were late"),
    ],
)
def test_asked_reports_a_request_not_an_aside(text, claim):
    assert [s.claim for s in extract(text)] == [claim]
