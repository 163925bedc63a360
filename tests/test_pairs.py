"""Candidate pairs: what is compared, so that no contradiction is lost before it is scored.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import json

from stance.extract import extract, same_person
from stance.pairs import candidate_pairs, statement_text

from .test_cli import run


def statement(sid: str, speaker: str | None, claim: str, quote: str | None = None, **extra):
    article, lang = sid.split("#")[0], sid.split(".")[1]
    return {
        "id": sid,
        "article": article,
        "speaker": speaker,
        "claim": claim,
        "quote": quote or f"{claim}, said {speaker}.",
        "lang": lang,
        **extra,
    }


def ids(pairs: list[dict]) -> set[frozenset[str]]:
    return {frozenset((p["statement_a"]["id"], p["statement_b"]["id"])) for p in pairs}


def test_every_pair_of_one_article_by_two_speakers_is_a_candidate():
    # Nothing in common but the article: a dozen dead against a toll of thirty workers.
    a = statement("quake.fr.txt#1", "la préfecture", "douze personnes sont mortes")
    b = statement("quake.fr.txt#2", "le syndicat", "au moins trente salariés ont perdu la vie")
    c = statement("quake.fr.txt#3", "le syndicat", "l'usine était vétuste")
    found = ids(candidate_pairs([a, b, c]))
    assert frozenset((a["id"], b["id"])) in found and frozenset((a["id"], c["id"])) in found
    # One speaker's two statements develop a point, unless asked for (a figure revised).
    assert frozenset((b["id"], c["id"])) not in found
    assert frozenset((b["id"], c["id"])) in ids(candidate_pairs([a, b, c], same_speaker=True))


def test_a_speaker_resolved_from_a_pronoun_does_not_hide_a_pair():
    # "He" was given to the mayor, maybe wrongly: the pair is kept; written twice, it is not.
    a = statement("x.en.txt#1", "Mayor Tom Reyes", "the road will reopen on Monday")
    b = statement("x.en.txt#2", "Tom Reyes", "works will last a month", "He said works will last.")
    c = statement("x.en.txt#3", "Reyes", "the budget is tight", "Reyes said the budget is tight.")
    found = ids(candidate_pairs([a, b, c]))
    assert frozenset((a["id"], b["id"])) in found
    assert frozenset((a["id"], c["id"])) not in found


def test_one_speaker_by_name_not_by_a_shared_word():
    assert same_person("le colonel Marc Duthil", "Marc Duthil")
    assert same_person("Duthil", "fire chief Marc Duthil")
    assert same_person("la direction", "La direction")
    assert not same_person("la Compagnie des Salins (CDS)", "le délégué des Salins, Paul Ody")
    assert not same_person("la direction", "le syndicat")


def test_a_french_and_an_english_figure_of_one_story_are_compared():
    # Two outlets on one story (their articles share names); the claims share no word, no
    # name and no number, only what they count: the dead, once as "morts", once as "killed".
    fr = statement("mine.fr.txt#1", "la préfète", "l'éboulement a fait douze morts")
    fr_names = statement("mine.fr.txt#2", "la CGT", "Vernac et Solmont restent fermés")
    en = statement("mine.en.txt#1", "the union", "thirty miners were killed")
    en_names = statement("mine.en.txt#2", "police", "roads to Vernac and Solmont are shut")
    found = ids(candidate_pairs([fr, fr_names, en, en_names]))
    assert frozenset((fr["id"], en["id"])) in found
    # Two dates of one event are compared too ("jeudi" / "on Tuesday"), two percentages, two
    # changes.
    fr_day = statement("mine.fr.txt#3", "la direction", "l'alerte a été donnée jeudi soir")
    en_day = statement("mine.en.txt#3", "a miner", "nobody warned us until Tuesday")
    pairs = ids(candidate_pairs([fr, fr_names, fr_day, en, en_names, en_day]))
    assert frozenset((fr_day["id"], en_day["id"])) in pairs
    assert frozenset((fr_day["id"], en["id"])) not in pairs  # a date and a count
    # The same two claims in the coverage of two unrelated stories are not compared.
    other = {**en_names, "claim": "roads to Ardel are shut", "quote": "Roads to Ardel are shut."}
    assert frozenset((fr["id"], en["id"])) not in ids(candidate_pairs([fr, fr_names, en, other]))


def test_a_claim_opening_with_a_pronoun_is_paired_with_what_it_stands_for():
    text = (
        "Le cyclone a touché la côte dimanche soir. "
        "Il a fait au moins neuf morts, a indiqué la sécurité civile."
    )
    (found,) = extract(text)
    assert found.referent == "Le cyclone"
    assert statement_text(found.to_dict()) == "Le cyclone a fait au moins neuf morts"
    english = extract("The insurer Avela said it had received 800 claims by Friday.")[0]
    assert statement_text(english.to_dict()) == "Avela had received 800 claims by Friday"


def test_the_same_speaker_flag_on_the_command_line(tmp_path):
    rows = [
        statement("d.fr.txt#1", "le maire", "le pont rouvrira lundi"),
        statement("d.fr.txt#2", "le maire", "le chantier coûtera trois millions"),
    ]
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert run("pairs", str(path)).stdout.strip() == ""
    result = run("pairs", str(path), "--same-speaker")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1


def test_each_statement_meets_its_closest_version_in_the_other_outlet():
    # Two outlets of one story (their articles share names). The French denial and the
    # English claim share no word, name or figure; each is still the other's closest match
    # in the other language, so they are compared whatever the threshold. Only the closest:
    # the French denial is not paired with the English statement whose closest match is
    # another.
    fr = statement("dam.fr.txt#1", "le maire", "aucune fissure n'a été repérée sur le barrage")
    fr_names = statement("dam.fr.txt#2", "la préfète", "Orvel et Brize sont évacués")
    en = statement("dam.en.txt#1", "an engineer", "engineers spotted cracks in the wall in May")
    en_names = statement("dam.en.txt#2", "police", "Orvel and Brize were evacuated")
    found = ids(candidate_pairs([fr, fr_names, en, en_names], threshold=0.9))
    assert frozenset((fr["id"], en["id"])) in found
    assert frozenset((fr["id"], en_names["id"])) not in found
    # In two unrelated stories the same two claims are not compared.
    other = {**en, "id": "levee.en.txt#1", "article": "levee.en.txt"}
    unrelated = ids(candidate_pairs([fr, fr_names, other], threshold=0.9))
    assert frozenset((fr["id"], other["id"])) not in unrelated
