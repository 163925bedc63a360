"""Speakers: subjects, appositions, noun phrases and pronouns."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise

from ..quantities.lexicon import _EN_NUMBER_WORDS, _FR_NUMBER_WORDS
from ..text import word_set
from .clauses import _Found, _is_intro, _Ref, _runs_in, _Sentence, _squash, _trim
from .lexicon import (
    _AS,
    _CLAUSE_WORDS,
    _CONJUNCTIONS,
    _DE,
    _DEMONSTRATIVES,
    _DETERMINERS,
    _EN_AUX_WORDS,
    _FEMININE_DETERMINERS,
    _FEMININE_WORDS,
    _FR_AUX_WORDS,
    _INDEFINITE,
    _INSERTION,
    _INTRO_WORDS,
    _LOOKBACK,
    _MASCULINE_DETERMINERS,
    _MASCULINE_WORDS,
    _MONTHS,
    _PARENTHETICALS,
    _PARTICIPLE,
    _PAST_PARTICIPLE,
    _PLURAL_DETERMINERS,
    _PREPOSITIONS,
    _PRESENT_PARTICIPLE,
    _PRONOUNS,
    _RELATIVES,
    _SINGULAR_DETERMINERS,
    _STOP_PREPOSITIONS,
    _TIME_WORDS,
    _TITLES,
    _TOKEN,
)


def speakers_agree(predicted: str | None, expected: str | None) -> bool:
    """The speaker rule of :func:`score_extraction` (see there)."""
    if predicted is None or expected is None:
        return predicted is expected
    a, b = _normalise_speaker(predicted), _normalise_speaker(expected)
    if a == b:
        return True
    return any(
        surname is not None and surname.casefold() in set(other.split())
        for surname, other in ((_surname(expected), a), (_surname(predicted), b))
    )


def same_person(a: str | None, b: str | None) -> bool:
    """Whether two speakers of one article are one person or body: the same words once
    determiners and titles are dropped, or one's name within the other's ("Marc Duthil" and
    "le colonel Marc Duthil", "Duthil"), the names compared whole, not by any shared word."""
    if not a or not b:
        return False
    if _normalise_speaker(a) == _normalise_speaker(b):
        return True
    name_a, name_b = _name_part(a), _name_part(b)
    if name_a is None or name_b is None:
        return False
    words_a, words_b = set(name_a.casefold().split()), set(name_b.casefold().split())
    return words_a <= words_b or words_b <= words_a


def _main_subject(sent: _Sentence, end: int) -> tuple[int, int] | None:
    """The subject that opens the sentence's main clause, before ``end``, or None.

    Without a parser, the verb is the first lower-case word after the subject's first word
    that is an auxiliary or a clause word, ends in "-ed", or is followed by a determiner or a
    number ("Others put the figure", "The union of teachers estimated 30%"); prepositions
    and determiners are never the verb ("The head of the union put ..."). A subject of more
    than eight words, or one that is not a noun phrase, is not trusted.
    """
    chunks = sent.chunks(sent.body, end)
    while chunks and _is_intro(sent, *chunks[0]) and len(chunks) > 1:
        chunks = chunks[1:]  # "On Tuesday, the union put ..."
    if not chunks:
        return None
    words = sent.tokens(*chunks[0])
    aux = {"fr": _FR_AUX_WORDS, "en": _EN_AUX_WORDS}[sent.lang] | _CLAUSE_WORDS[sent.lang]
    for i in range(1, min(len(words), 10)):
        word, low = words[i][0], words[i][0].lower()
        # An auxiliary first: French "a" is "has", never the English determiner.
        if not word.islower() or (low not in aux and low in _PREPOSITIONS | _DE | _DETERMINERS):
            continue
        following = words[i + 1][0].lower() if i + 1 < len(words) else ""
        if (
            low in aux
            or (sent.lang == "en" and low.endswith("ed"))
            # French "a" is "has"; "de" after a noun is its complement ("la présidente de")
            or (following in _DETERMINERS and following not in aux | _DE)
            or following[:1].isdigit()
        ):
            span = (words[0][1], words[i - 1][2])
            if i > 8 or not _is_noun_phrase(sent, *span):
                return None
            return span
    return None


def _subject_before(
    sent: _Sentence, cue_start: int, apposition: bool = True
) -> tuple[tuple[int, int], int, bool] | None:
    """The subject noun phrase before a verb: (span, start of its chunk, surely a subject).

    Chunks are read backwards from the verb: relative clauses, adverbs and prepositional
    phrases between subject and verb are skipped ("X, which called the strike, claimed"), and
    an apposition with a name is taken whole ("Le maire de X, Denis Aubanel, a affirmé";
    "Philippe Garnier, chief executive of the operator ..., said", however long the title),
    unless ``apposition`` is false. A sentence-initial conjunction is not read ("But X, ...").
    "Surely" means a comma before the verb cannot be the end of a reported clause: something
    was skipped, or the subject is or includes a name.
    """
    chunks = sent.chunks(sent.body, cue_start)
    skipped = False
    while chunks and _is_parenthetical(sent, *chunks[-1]):
        chunks.pop()
        skipped = True
    if not chunks or _is_quote(sent, *chunks[-1]) or _opens_clause(sent, *chunks[-1]):
        return None
    head = chunks[-1]
    span = _head_noun_phrase(sent, *head)
    if apposition and len(chunks) > 1 and _title_after_name(sent, chunks[-2], head):
        return (chunks[-2][0], head[1]), chunks[-2][0], True
    if span is None:
        return None
    # A name ending a longer chunk is no sure subject: "... l'usine chimique Corvalis, a
    # annoncé la préfète" is a claim, then an inverted frame.
    whole = span[0] == head[0]
    named = _is_name_chunk(sent, *span) and whole
    if apposition and len(chunks) > 1 and whole:
        previous = chunks[-2]
        if _appositive_pair(sent, previous, span):
            return (previous[0], span[1]), previous[0], True
    # The end of a longer chunk is no sure subject, even after a skipped aside: "X va cesser
    # de produire dans son usine, qui emploie 540 salariés, a annoncé la direction".
    return span, head[0] if whole else span[0], (skipped and whole) or named


def _opens_clause(sent: _Sentence, start: int, end: int) -> bool:
    """A chunk that opens with a present participle ("..., faisant neuf blessés, dont deux
    graves, a annoncé X"): what it says is about the clause before, so it is no subject."""
    words = sent.tokens(start, end)
    if len(words) < 2 or _PRESENT_PARTICIPLE.fullmatch(words[0][0]) is None:
        return False
    # With its object after it ("faisant neuf blessés", "leaving the port closed"), unlike a
    # noun or an adjective ("représentant du personnel", "shipping group Nordline").
    following = words[1][0].lower()
    return (
        following[:1].isdigit()
        or following in _NUMBER_WORDS
        or (following in _DETERMINERS and following not in _DE)
    )


def _appositive_pair(sent: _Sentence, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """ "Le maire de Castelroc, Denis Aubanel", "Elvéa, the state-controlled former monopoly"."""
    if _is_quote(sent, *first) or _is_intro(sent, *first):
        return False
    if not (_is_noun_phrase(sent, *first) and _is_noun_phrase(sent, *second)):
        return False
    return bool(sent.name_runs(*first) or sent.name_runs(*second)) and (
        _is_name_chunk(sent, *first)
        or _is_name_chunk(sent, *second)
        or _starts_with_determiner(sent, first)
    )


# What makes a chunk before a verb a comparison ("far more than the owners had acknowledged",
# "bien plus que la direction ne l'admet") rather than who is speaking.
_COMPARATIVES = word_set("plus moins autant davantage")


def _is_comparison(sent: _Sentence, start: int, end: int) -> bool:
    """Whether the chunk ``start:end`` is, or ends, a comparison ("far more than the owners",
    "[bien plus que] la direction")."""
    before = [w[0].lower() for w in sent.tokens(sent.body, start)][-2:]
    words = before + [w[0].lower() for w in sent.tokens(start, end)]
    if "than" in words:
        return True
    return any(w in _COMPARATIVES and nxt in {"que", "qu'"} for w, nxt in pairwise(words))


def _title_after_name(sent: _Sentence, name: tuple[int, int], title: tuple[int, int]) -> bool:
    """ "Philippe Garnier, chief executive of the operator X (SRCE)": a lower-case noun phrase
    after a bare name describes it, even when it is too long for :func:`_head_noun_phrase`
    (which must not take a whole clause for a subject)."""
    words = [w for w in sent.tokens(*title) if w[0][0].isalnum()]
    # "Aquelis, the company that runs the network, said": the description may end in a relative
    # clause; what comes before the relative must be a noun phrase.
    relative = next((i for i, w in enumerate(words) if w[0].lower() in _RELATIVES), None)
    described = title if not relative or relative < 2 else (title[0], words[relative - 1][2])
    return (
        _is_name_chunk(sent, *name)
        and bool(words)
        and words[0][0][0].islower()
        and len(words) <= 16
        and not _is_quote(sent, *title)
        and _is_noun_phrase(sent, *described)
    )


def _starts_with_determiner(sent: _Sentence, span: tuple[int, int]) -> bool:
    words = sent.tokens(*span)
    return bool(words) and words[0][0].lower() in _DETERMINERS


def _head_noun_phrase(sent: _Sentence, start: int, end: int) -> tuple[int, int] | None:
    """The subject inside the chunk before a verb: the whole chunk if it is a noun phrase,
    else its trailing noun phrase ("quand le maire" -> "le maire")."""
    words = sent.tokens(start, end)
    while words and words[0][0].lower() in _CONJUNCTIONS | _TIME_WORDS | _AS:
        words = words[1:]  # "Et le maire", "Hier le maire", "As the minister"
    if not words:
        return None
    lowered = [w[0].lower() for w in words]
    if lowered[-1] in _CONJUNCTIONS:
        # "X apologised to customers and said ...": the subject is the sentence's.
        return _main_subject(sent, end)
    if len(words) <= 10 and _is_noun_phrase(sent, words[0][1], end):
        return words[0][1], end
    who = next((i for i, w in enumerate(lowered) if w in _PERSON_RELATIVES), None)
    if (
        who is not None
        and who >= 2
        and lowered[0] in _DETERMINERS
        and len(words) <= 16
        and _is_noun_phrase(sent, words[0][1], words[who - 1][2])
    ):
        # "A driver who asked not to be named told AP that ...": the relative clause is the
        # subject's own, since the verb follows it without a comma.
        return words[0][1], end
    return _trailing_noun_phrase(sent, words)


_PERSON_RELATIVES = word_set("who qui")

_NUMBER_WORDS = _FR_NUMBER_WORDS | _EN_NUMBER_WORDS


def _trailing_noun_phrase(
    sent: _Sentence, words: list[tuple[str, int, int]]
) -> tuple[int, int] | None:
    """The noun phrase that ends ``words``: a final name (with its title), else the phrase
    from the last determiner that is not a complement ("... ceux de plusieurs responsables")."""
    end = words[-1][2]
    lowered = [w[0].lower() for w in words]
    runs = sent.name_runs(words[0][1], end)
    if runs and runs[-1][1] == end:
        i = next(i for i, w in enumerate(words) if w[1] == runs[-1][0])
        # Extend over a title and its determiner: "le général Thomas Waldhausser".
        for back in range(i - 1, max(i - 4, -1), -1):
            if lowered[back] in _DETERMINERS and lowered[back] not in _DE:
                i = back
                break
            if not words[back][0].islower() or lowered[back] not in _TITLES:
                break
            i = back
        return words[i][1], end
    for i in range(len(words) - 1, -1, -1):
        if lowered[i] not in _DETERMINERS or (lowered[i] in _DE and i > 0):
            continue  # "de" inside a phrase is a preposition; "Des" opening it, an article
        if i == 0 or lowered[i - 1] not in _DE or (i > 1 and lowered[i - 2] in _DEMONSTRATIVES):
            # "La participation s'est établie à 48 %" holds a verb: a clause, not a subject.
            return (words[i][1], end) if _is_noun_phrase(sent, words[i][1], end) else None
    return None


def _antecedent(sent: _Sentence, pronoun_start: int) -> tuple[int, int] | None:
    """The speaker a relative pronoun stands for, with a preceding name in apposition."""
    chunks = sent.chunks(sent.start, pronoun_start)
    if not chunks:
        return None
    last = chunks[-1]
    words = sent.tokens(*last)
    if len(chunks) > 1 and words and words[0][0].lower() in _DETERMINERS and len(words) <= 12:
        previous = sent.tokens(*chunks[-2])
        runs = sent.name_runs(*chunks[-2])
        if previous and runs and runs[-1][1] == chunks[-2][1]:
            return runs[-1][0], last[1]
    return _trailing_noun_phrase(sent, words) if words else None


def _noun_phrase_after(sent: _Sentence, pos: int, mode: str) -> tuple[int, int] | None:
    """The speaker after a cue, with its appositions.

    ``mode`` is "after-verb" (inverted subject), "source-first" ("Selon X, Y": an apposition
    must be followed by a comma, since the claim comes after it) or "source-last" ("Y, selon X").
    """
    text = sent.text
    words = sent.tokens(pos, sent.end)
    end = None
    dated = False  # after "published on": the date is the phrase's own
    for k, (word, _, w_end) in enumerate(words):
        low = word.lower()
        if low in _STOP_PREPOSITIONS and _agent_or_date(words, k):
            end, dated = w_end, True  # "un document consulté par l'AFP", "published in 2024"
            continue
        if word in ',;:.!?»”"' or low in _RELATIVES or low in _STOP_PREPOSITIONS:
            break
        if end is not None and not dated and (low in _TIME_WORDS or low in _MONTHS):
            break
        end, dated = w_end, False
    if end is None:
        return None
    head = (words[0][1], end)
    while True:
        m = re.match(r"\s*,\s*", text[end : sent.end])
        if m is None:
            break
        chunk = next(iter(sent.chunks(end + m.end(), sent.end)), None)
        chunk = None if chunk is None else _trim(text, *chunk)
        if chunk is not None and mode != "source-first" and _closing_relative(sent, chunk):
            return head[0], chunk[1]
        if chunk is None or not _is_apposition(sent, chunk, head, mode):
            break
        end = chunk[1]
    return head[0], end


def _agent_or_date(words: list[tuple[str, int, int]], k: int) -> bool:
    """Whether the preposition ``words[k]`` follows a past participle and brings its agent or
    its date ("consulté par l'AFP", "published on Monday", "publié en 2024")."""
    if k == 0 or not _PAST_PARTICIPLE.fullmatch(words[k - 1][0]):
        return False
    if words[k][0].lower() in {"par", "by"}:
        return True
    following = words[k + 1][0].lower() if k + 1 < len(words) else ""
    return following[:1].isdigit() or following in _TIME_WORDS or following in _MONTHS


def _closing_relative(sent: _Sentence, chunk: tuple[int, int]) -> bool:
    """A short relative clause that ends the sentence after a source ("..., according to the
    council, which funds the service."): it describes the source, and says nothing of its own.
    """
    words = sent.tokens(*chunk)
    rest = sent.text[chunk[1] : sent.end].strip()
    return (
        bool(words)
        and words[0][0].lower() in _RELATIVES
        and len(words) <= 6
        and all(not c.isalnum() for c in rest)
    )


def _is_apposition(
    sent: _Sentence, chunk: tuple[int, int], head: tuple[int, int], mode: str
) -> bool:
    """Whether a chunk after a speaker describes it ("Claire Vautrin", "délégué syndical",
    "an analyst at consultancy Enerlys") rather than starting something else."""
    words = sent.tokens(*chunk)
    if not words or len(words) > 12 or _is_quote(sent, *chunk):
        return False
    if mode == "source-first" and not sent.text[chunk[1] : sent.end].lstrip().startswith(","):
        return False
    if not _is_noun_phrase(sent, *chunk):
        return False
    first = words[0][0]
    low = first.lower()
    if _is_name_chunk(sent, *chunk) or low in _INDEFINITE or low in {"l'un", "l'une"}:
        return True
    if first.islower() and low not in _DETERMINERS and low not in _INTRO_WORDS:
        return not low.endswith(("ing", "ant"))  # "making it ...": a participle clause
    # "Marie Roy, la porte-parole", or "son président, le magistrat Bernard Olivès": one side
    # names the person the other describes.
    names = _is_name_chunk(sent, *head) or any(
        len(sent.tokens(*run)) > 1 for run in sent.name_runs(*chunk)
    )
    if mode == "source-first":
        # "Selon l'exploitant, la société Minerais du Causse (MDC), 46 mineurs ...": a role
        # of a few words, then the body's name with its own determiner.
        return (
            low in _DETERMINERS
            and len(sent.tokens(*head)) <= 3
            and any(len(sent.tokens(*run)) > 1 for run in sent.name_runs(*chunk))
            and len(words) <= 8
        )
    return low in _DETERMINERS and names and len(words) <= 8


def _is_noun_phrase(sent: _Sentence, start: int, end: int) -> bool:
    """No verb-like word (auxiliary, conjunction, relative, reporting verb) in the span."""
    clause_words = _CLAUSE_WORDS[sent.lang]
    return not any(w[0].lower() in clause_words for w in sent.tokens(start, end))


def _without_relative(sent: _Sentence, span: tuple[int, int]) -> tuple[int, int]:
    """A speaker without the relative clause that closes it ("X, who heads the association"):
    the part that must be a noun phrase."""
    for a, b in sent.chunks(*span)[1:]:
        if _closing_relative(sent, (a, b)):
            return _trim(sent.text, span[0], a) or span
    return span


def _is_parenthetical(sent: _Sentence, start: int, end: int) -> bool:
    """A chunk between a subject and its verb that is not part of the subject."""
    words = sent.tokens(start, end)
    if not words or _INSERTION.fullmatch(sent.text, start, end):
        return True  # "for his part", "quant à elle", "de son côté"
    first = words[0][0].lower()
    if first in _CONJUNCTIONS and len(words) > 1:
        second = words[1][0]
        if second.lower() in _DETERMINERS or second[:1].isupper():
            return False  # "..., while the union put ...": a subject of its own clause
    if first in _RELATIVES or first in _STOP_PREPOSITIONS:
        return True  # "which called the strike", "dans un communiqué"
    if (
        len(words) > 1
        and words[0][0].islower()
        and _PARTICIPLE.fullmatch(first)
        and words[1][0].lower() in _PREPOSITIONS | _DE
    ):
        return True  # "élu en 2020", "speaking on radio", but not "délégué syndical"
    return len(words) <= 3 and first in _PARENTHETICALS


def _is_quote(sent: _Sentence, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in sent.quotes)


def _is_name_chunk(sent: _Sentence, start: int, end: int) -> bool:
    """A chunk that is only a proper name ("Claire Vautrin", "Elvéa", "Yannick Le Garrec")."""
    runs = sent.name_runs(start, end)
    return len(runs) == 1 and runs[0] == (start, end)


def _name_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return _runs_in([(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)])


def _name_part(speaker: str) -> str | None:
    """The person's (or organisation's) name inside a speaker, without titles.

    The first run of two or more capitalised words, titles included ("Dr. Jones",
    "Interior Minister Nadia Benhamou" -> "Jones", "Nadia Benhamou"), else the last one-word
    run ("Auto parts maker Halvorsen" -> "Halvorsen"); a run after a preposition names a
    place or an employer ("a virologist at Oxford"), not the speaker.
    """
    for part in speaker.split(",")[1:] if "," in speaker else ():
        words = [w for w in _TOKEN.findall(part) if w[0].isalnum()]
        if len(words) > 1 and _speaker_runs(part) == [words]:
            return " ".join(words)  # "La présidente de l'association X, Sonia Achard"
    runs = [run for run in _speaker_runs(speaker, owned=False) if run]
    runs = runs or [run for run in _speaker_runs(speaker) if run]
    titled = [run for run in runs if len(run) > 1]
    chosen = titled[0] if titled else (runs[-1] if runs else None)
    if chosen is None:
        return None
    while len(chosen) > 1 and chosen[0].lower().rstrip(".") in _TITLES:
        chosen = chosen[1:]
    return " ".join(chosen)


def _speaker_runs(speaker: str, owned: bool = True) -> list[list[str]]:
    """The words of each name run of a speaker that does not follow a preposition; without
    ``owned``, nor "de"/"of" and a determiner ("le procureur de la République de X, Y": the
    person is Y, the office's name is not hers)."""
    runs = []
    for a, b in _name_runs(speaker, 0, len(speaker)):
        before = [w.lower() for w in _TOKEN.findall(speaker, 0, a)]
        if before and before[-1] in _PREPOSITIONS:
            continue
        if not owned and before[-2:-1] and before[-1] in _DETERMINERS and before[-2] in _DE:
            continue
        runs.append([w for w in _TOKEN.findall(speaker, a, b) if w[0].isalnum()])
    return runs


def _is_person(speaker: str) -> bool:
    """Whether "he"/"she" can stand for this speaker: a name of two words or more, a title or
    a gendered word ("Dr. Jones", "the mayor"), rather than "the company"."""
    words = {w.lower().rstrip(".") for w in _TOKEN.findall(speaker)}
    return (
        any(len(run) > 1 for run in _speaker_runs(speaker))
        or bool(words & _TITLES)
        or bool(words & (_FEMININE_WORDS | _MASCULINE_WORDS))
    )


# Bounded caches: pairing compares the speakers of every same-article pair, a few speakers many
# times each.
@lru_cache(maxsize=65536)
def _surname(speaker: str) -> str | None:
    name = _name_part(speaker)
    # "Franck Delattre's office": the surname without the possessive.
    return None if name is None else _POSSESSIVE_END.sub("", name.split()[-1])


_POSSESSIVE_END = re.compile(r"['’]s?$")


@lru_cache(maxsize=65536)
def _normalise_speaker(speaker: str) -> str:
    words = [w.casefold() for w in _TOKEN.findall(speaker) if w[0].isalnum()]
    while words and (words[0] in _DETERMINERS or words[0].rstrip(".") in _TITLES):
        words = words[1:]
    return " ".join(words)


def _resolve(found: _Found, history: list[_Ref], sentence: int, lang: str) -> str:
    """The speaker as written, or for a pronoun the nearest compatible earlier speaker.

    The resolved name is the person's name inside that speaker when it has one
    ("la porte-parole du groupe, Mathilde Sorel" -> "Mathilde Sorel"). Compatible: gender and
    number do not clash, and English "he"/"she" stand for a person, not "the company". A
    pronoun with no compatible speaker within a few sentences stays as written ("il").
    """
    if found.pronoun is None:
        speaker = found.speaker or ""
        gender, plural = _gender_number(speaker, lang)
        name = _name_part(speaker) or speaker
        person = _is_person(speaker)
        titles = _title_keys(speaker)
        # A second reference by surname ("M. Aubanel said") or by title only ("la préfète",
        # "the governor") is the person named in full before: the speaker is that full name.
        earlier = next(
            (r for r in reversed(history) if " " not in name and r.name.endswith(" " + name)),
            None,
        ) or _titled_earlier(speaker, titles, history)
        if earlier is None and _SAME_SOURCE.search(speaker) and history:
            earlier = history[-1]  # "selon la même source": the source named just before
        if earlier is not None:
            name, gender, person = earlier.name, gender or earlier.gender, earlier.person
            titles = titles | earlier.titles
            speaker = earlier.name
        history.append(_Ref(name, gender, plural, person, sentence, titles, speaker))
        return speaker
    gender, plural = _PRONOUNS.get(found.pronoun, (None, None))
    personal = found.pronoun in {"he", "she", "him", "her"}
    for ref in reversed(history):
        if sentence - ref.sentence > _LOOKBACK:
            break
        if (
            _compatible(ref.gender, gender)
            and _compatible(ref.plural, plural)
            and (ref.person or not personal)
        ):
            history.append(_Ref(ref.name, ref.gender or gender, ref.plural, ref.person, sentence))
            return ref.name
    return found.pronoun


_SAME_SOURCE = re.compile(r"\b(?:même|same)\s+sources?\b", re.IGNORECASE)


def _title_keys(speaker: str) -> frozenset[str]:
    """The title words of a mention, folded so that a feminine matches its masculine
    ("préfète", "préfet" -> "prefet")."""
    return frozenset(
        _fold_title(w) for w in _TOKEN.findall(speaker) if w.lower().rstrip(".") in _TITLES
    )


def _fold_title(word: str) -> str:
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", word.lower().rstrip(".")) if c.isalnum()
    )
    return folded[:-1] if folded.endswith("e") and len(folded) > 3 else folded


def _titled_earlier(speaker: str, titles: frozenset[str], history: list[_Ref]) -> _Ref | None:
    """The person named earlier whom a mention by title alone stands for: "la préfète" after
    "La préfète du Gard, Marie Lenoir", "the governor" after "Governor Dana Whitfield". The
    latest person with one of its titles wins, and every capitalised word of the mention must
    be in the earlier one ("le maire de Lyon" is not the mayor of another town). A mention with
    a name of its own, or with no title, stands for itself."""
    if not titles or any(
        len(run) > 1 or run[0].lower().rstrip(".") not in _TITLES for run in _speaker_runs(speaker)
    ):
        return None
    capitals = [w for w in _TOKEN.findall(speaker) if w[:1].isupper() and w.lower() not in _TITLES]
    capitals = [w for w in capitals if w.lower() not in _DETERMINERS]
    return next(
        (
            r
            for r in reversed(history)
            if r.person
            and r.titles & titles
            and " " in r.name
            and all(w in r.written for w in capitals)
        ),
        None,
    )


def _remember_subjects(
    text: str, sentences: list[tuple[int, int, int]], lang: str, history: list[_Ref], now: int
) -> None:
    """Add to ``history`` the named person who is the subject of each sentence without an
    attribution, so that a pronoun can stand for them: in "Union leader Paul Tanguy welcomed
    the ruling. « It is a victory », he said." the "he" is Tanguy, not whoever spoke before.

    Read only when a pronoun needs it, and only for the sentences within its reach (most
    sentences are never read twice), then ``sentences`` is emptied.
    """
    for start, end, index in sentences:
        if now - index > _LOOKBACK:
            continue
        sent = _Sentence(text, start, end, lang)
        subject = _main_subject(sent, end)
        if subject is None:
            chunks = sent.chunks(sent.body, end)
            if len(chunks) < 2 or not _appositive_pair(sent, chunks[0], chunks[1]):
                continue
            subject = chunks[0][0], chunks[1][1]  # "His challenger, Nadia Ferhat, has ..."
        spoken = _squash(text[subject[0] : subject[1]])
        if not any(len(run) > 1 for run in _speaker_runs(spoken)) or not _is_person(spoken):
            continue  # "The union", "Paris": no person a "he" or "she" could be
        gender, plural = _gender_number(spoken, lang)
        name = _name_part(spoken) or spoken
        history.append(_Ref(name, gender, plural, True, index, _title_keys(spoken), spoken))
    sentences.clear()
    history.sort(key=lambda ref: ref.sentence)  # stable: a sentence's own order is kept


def _compatible(known: object, wanted: object) -> bool:
    return known is None or wanted is None or known == wanted


def _gender_number(speaker: str, lang: str) -> tuple[str | None, bool | None]:
    """What a speaker's wording says of its gender and number ("la préfète" -> feminine,
    singular; "plusieurs responsables" -> plural; a person's name -> singular)."""
    words = [w.lower() for w in _TOKEN.findall(speaker)]
    if not words:
        return None, None
    first = words[0]
    plural: bool | None = None
    if first in _PLURAL_DETERMINERS:
        plural = True
    elif first in _SINGULAR_DETERMINERS or any(len(r) > 1 for r in _speaker_runs(speaker)):
        plural = False
    feminine = lang == "fr" and first in _FEMININE_DETERMINERS
    masculine = lang == "fr" and first in _MASCULINE_DETERMINERS
    if feminine or any(w in _FEMININE_WORDS for w in words):
        return "f", plural
    if masculine or any(w in _MASCULINE_WORDS for w in words):
        return "m", plural
    return None, plural


def _referent(text: str, found: _Found, previous: tuple[int, int] | None, lang: str) -> str | None:
    """What a subject pronoun opening a claim stands for, so that the claim says it alone.

    When the claim follows its frame ("X a assuré qu'il ne démissionnerait pas", "the insurer
    said it had received ..."), the speaker if the pronoun agrees with it, else None. When the
    claim comes first ("Le séisme a frappé dimanche. Il a fait douze morts, a indiqué X"), the
    subject of the previous sentence (or of its last claim) when its wording agrees with the
    pronoun: "Le séisme". None when nothing fits.
    """
    words = _TOKEN.findall(text, found.claim[0], min(found.claim[1], found.claim[0] + 12))
    pronoun = words[0].lower() if words else ""
    if pronoun not in _PRONOUNS or pronoun in {"lui", "eux", "him", "her", "them"}:
        return None
    personal = pronoun in {"he", "she"}
    speaker = found.speaker or ""
    if not found.claim_left:
        # "X said it had ...": the speaker, when its wording says it can be ("la ministre a
        # dit qu'elle", "the company said it"), or nothing a rule can tell: "Anna Berg said he
        # ..." may be anyone.
        known = _PRONOUNS[pronoun][0] is None or _gender_number(speaker, lang)[0] is not None
        if known and _agrees(speaker, pronoun, lang):
            return _name_part(speaker) or speaker
        return None
    if previous is None or personal:
        return None
    sent = _Sentence(text, *previous, lang)
    subject = _main_subject(sent, previous[1])
    if subject is None:
        return None
    words = [w[0] for w in sent.tokens(*subject)]
    while words and words[-1].lower() in _CLITICS:
        words.pop()  # "l'attaquant s'[est engagé]": the subject ends before the clitic
    spoken = " ".join(words).replace("' ", "'").replace("’ ", "’")
    if not words or spoken.lower() in _PRONOUNS or not _agrees(spoken, pronoun, lang):
        return None
    return spoken


_CLITICS = word_set("s' s’ se n' n’ ne l' l’ y en")


def _agrees(mention: str, pronoun: str, lang: str) -> bool:
    """Whether a pronoun can stand for a mention: gender and number do not clash, "he"/"she"
    are persons, "it" is not ("the company said it had ..." is the company)."""
    gender, plural = _PRONOUNS[pronoun]
    m_gender, m_plural = _gender_number(mention, lang)
    if pronoun in {"he", "she"} and not _is_person(mention):
        return False
    words = {w.lower().rstrip(".") for w in _TOKEN.findall(mention)}
    name = (_name_part(mention) or "").split()
    person = words & (_TITLES | _FEMININE_WORDS | _MASCULINE_WORDS) or (
        len(name) == 2 and all(w[:1].isupper() for w in name)
    )
    if pronoun == "it" and person:
        return False  # "the mayor said it ...", "Anna Berg said it ...": not the person
    if pronoun in {"they", "ils", "elles"} and (person or m_plural is False):
        return False  # "the prosecutor said they ...": others
    return _compatible(m_gender, gender) and _compatible(m_plural, plural)
