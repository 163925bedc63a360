"""Attribution frames: reporting verbs, participles and source prepositions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .clauses import _after_skips, _Found, _is_intro, _rstrip_punct, _Sentence, _squash, _trim
from .lexicon import (
    _ADVERBS_BEFORE_CUE,
    _AND,
    _AS,
    _BODIES,
    _CLAUSE_SUBJECTS,
    _CLAUSE_VERBS,
    _CLAUSE_WORDS,
    _CLOSING_QUOTES,
    _CONJUNCTIONS,
    _CUE_STARTS,
    _CUES,
    _DE,
    _DETERMINERS,
    _EN_AUX_WORDS,
    _EN_NOUNISH,
    _FIGURE_VERBS,
    _FR_AUX_WORDS,
    _FR_RESTRICTED,
    _FRAME_PARTICIPLES,
    _INSERTION,
    _INSERTION_END,
    _NOT_BEFORE_A_CUE,
    _NOT_SOURCES,
    _OBJECT_CLITICS,
    _OBJECT_CUES,
    _OBJECT_VERBS,
    _PARTICIPLE_CUES,
    _PREPOSITIONS,
    _QUOTE_FRAME,
    _QUOTE_FRAME_AFTER,
    _RELATIVES,
    _SELON_LEQUEL,
    _SOURCE_STARTS,
    _SOURCES,
    _STRESSED_PRONOUNS,
    _SUBJECT_PRONOUNS,
    _SUBJECT_RELATIVES,
    _THAT,
    _TITLES,
    _TOKEN,
)
from .sentences import _strip
from .speakers import (
    _antecedent,
    _is_comparison,
    _is_noun_phrase,
    _main_subject,
    _noun_phrase_after,
    _speaker_runs,
    _subject_before,
    _without_relative,
)
from .verbs import reports


def _attributions(text: str, start: int, end: int, lang: str) -> list[_Found]:
    """The distinct attributions of one sentence, each with its own clause span."""
    sent = _Sentence(text, start, end, lang)
    if text[end - 1] == "?":
        return []  # a question reports no statement ("Les médecins estiment-ils que ... ?")
    found = [c for c in _candidates(sent) if c is not None]
    found += _quote_frames(sent, found)
    if any(not c.participle for c in found):
        # "X said A, adding that B": the participle is read as the frame's continuation.
        found = [c for c in found if not c.participle]
    kept = _outermost(found)
    kept += [c for f in kept if (c := _continuation(sent, f)) is not None]
    return _partition(sent, sorted(kept, key=lambda c: c.anchor))


def _continuation(sent: _Sentence, f: _Found) -> _Found | None:
    """A second cue of the same subject inside a frame's claim ("X put A at N and said B", "X
    said A, adding that B", "X a annoncé A et a demandé B"): a statement of its own, by the
    same speaker, whose clause starts at the conjunction or the participle."""
    if f.relative or f.cue is None:
        return None
    words = sent.tokens(*((f.cue[1], sent.end) if f.claim_left else f.claim))
    for (before, _, _), (word, pos, word_end), nxt in zip(words, words[1:], [*words[2:], None]):
        if sent.quoted(pos):
            continue
        if word.lower() in _AND and (m := _CUES[sent.lang].match(sent.text, nxt[1])) is not None:
            verb = (m.group("pp") or m.group("fin") or "").lower()
            if (
                m.group("pi")
                or m.group("pi2")
                or verb in _FRAME_PARTICIPLES
                or not reports(sent, m)
            ):
                continue  # "and put pressure on", "and called the police": no second statement
            cue = m.span()
        elif before == "," and _participle_opens(sent, pos):
            cue = (pos, word_end)
        else:
            continue
        claim = _right_claim(sent, cue)
        if claim is None:
            return None
        return _Found(
            sent.start,
            sent.end,
            f.speaker,
            cue,
            claim,
            pronoun=f.pronoun,
            anchor=pos,
            continued=True,
        )
    return None


def _candidates(sent: _Sentence) -> Iterator[_Found | None]:
    """Every cue of the sentence read as an attribution (None where it frames nothing).

    The cue regexes are tried only at words that can start a cue, which is several times
    faster than scanning every position of every sentence with them.
    """
    text, end = sent.text, sent.end
    cues, starts = _CUES[sent.lang], _CUE_STARTS[sent.lang]
    participles = _PARTICIPLE_CUES[sent.lang]
    done = sent.start
    for word, pos, word_end in sent.tokens(sent.start, end):
        if pos < done:
            continue
        key = word.lower().split("-")[0]
        if key in starts and (m := cues.match(text, pos, end)) is not None:
            done = m.end()
            yield _verb_attribution(sent, m)
        elif key in participles:
            yield _participle_attribution(sent, word_end)
        elif key in _SOURCE_STARTS and (m := _SOURCES.match(text, pos, end)) is not None:
            yield _source_attribution(sent, m)
        elif key == "s'" and sent.lang == "fr" and (m := _FR_RESTRICTED.match(text, pos, end)):
            done = m.end()
            yield _restricted_attribution(sent, m)


def _quote_frames(sent: _Sentence, found: list[_Found]) -> list[_Found]:
    """Frames of any verb right after a quotation and its comma that the lexicon does not
    know: "« ... », a réagi M. X", '"...," the mayor fumed' (see ``_QUOTE_FRAME``)."""
    text, extra = sent.text, []
    for _, closing in sent.quotes:
        m = re.match(r"\s*,\s*", text[closing : sent.end])
        if m is None and text[closing - 2 : closing - 1] != ",":
            continue  # no comma: the quotation goes on into the sentence
        pos = closing + (
            m.end() if m else len(text[closing : sent.end]) - len(text[closing : sent.end].lstrip())
        )
        if pos >= sent.end or any(f.cue is not None and closing <= f.cue[0] for f in found):
            continue
        claim = _trim(text, sent.start, closing)
        item = _quote_frame(sent, pos, claim) if claim is not None else None
        if item is not None:
            extra.append(item)
    return extra


def _quote_frame(sent: _Sentence, pos: int, claim: tuple[int, int]) -> _Found | None:
    """The frame of a quotation that ends at ``pos`` (after its comma), if it has one."""
    text = sent.text
    m = _QUOTE_FRAME.match(text, pos, sent.end)
    if m is not None and (m.group("en") is not None) == (sent.lang == "en"):
        word = (m.group("fin") or "").lower()
        if word in _DETERMINERS | _PREPOSITIONS | _CONJUNCTIONS | _AS | _CLAUSE_WORDS[sent.lang]:
            return None  # "», une phrase qui ...", "», comme le ..."
        pronoun = (m.group("pi") or m.group("pi2") or "").lower()
        if pronoun:
            return _Found(
                sent.start,
                sent.end,
                None,
                m.span(),
                claim,
                pronoun=pronoun,
                anchor=sent.start,
                claim_left=True,
            )
        start = _after_skips(sent, m.end())
        span = _noun_phrase_after(sent, start, mode="after-verb")
        if span is None or not _names_someone(sent, span):
            return None
        return _Found(
            sent.start,
            sent.end,
            _squash(text[span[0] : span[1]]),
            m.span(),
            claim,
            anchor=sent.start,
            claim_left=True,
        )
    if sent.lang != "en":
        return None
    words = sent.tokens(pos, sent.end)[:7]
    verb = next((i for i, w in enumerate(words) if _QUOTE_FRAME_AFTER.fullmatch(w[0])), None)
    if not verb:
        return None
    span = (words[0][1], words[verb - 1][2])
    spoken = text[span[0] : span[1]].lower()
    if spoken in _SUBJECT_PRONOUNS:
        return _Found(
            sent.start,
            sent.end,
            None,
            (span[0], words[verb][2]),
            claim,
            pronoun=spoken,
            anchor=sent.start,
            claim_left=True,
        )
    if not _names_someone(sent, span):
        return None
    return _Found(
        sent.start,
        sent.end,
        _squash(text[span[0] : span[1]]),
        (words[verb][1], words[verb][2]),
        claim,
        anchor=sent.start,
        claim_left=True,
    )


def _names_someone(sent: _Sentence, span: tuple[int, int]) -> bool:
    """A noun phrase of at most twelve words that opens with a determiner, a title or a name."""
    words = sent.tokens(*_without_relative(sent, span))
    if not words or len(words) > 12 or not _is_noun_phrase(sent, *_without_relative(sent, span)):
        return False
    first = words[0][0]
    if first.lower() in _DE:
        return False  # "», faute de consignes": a complement, not a subject
    return (
        first.lower() in _DETERMINERS
        or first.lower().rstrip(".") in _TITLES
        or (first[:1].isupper() and first.lower() not in _SUBJECT_PRONOUNS)
    )


def _outermost(candidates: list[_Found]) -> list[_Found]:
    """Drop attributions nested in another's claim ("X a dit que Y a annoncé ...").

    Frames after their claim ("..., a indiqué X") are taken first: they frame everything before
    them. A relative attribution ("..., qui a indiqué que") or a coordinated one ("..., but X
    said") is kept even inside another claim: it introduces a second speaker.
    """
    kept: list[_Found] = []
    for c in sorted(candidates, key=lambda c: (not c.claim_left, c.cue[0])):
        if (
            c.relative
            or c.coordinated
            or not any(k.claim[0] <= c.cue[0] < k.claim[1] for k in kept)
        ):
            kept.append(c)
    return sorted(kept, key=lambda c: c.anchor)


def _partition(sent: _Sentence, found: list[_Found]) -> list[_Found]:
    """One statement per distinct speaker; a sentence with several is cut at their clauses."""
    distinct: list[_Found] = []
    for f in found:
        same = next(
            (
                i
                for i, d in enumerate(distinct)
                if f.anchor == d.anchor or (f.speaker is not None and f.speaker == d.speaker)
            ),
            None,
        )
        if same is not None and (f.continued or (f.relative and _opens_relative(sent, f.anchor))):
            same = None  # "Y, selon X, qui revendique Z": two statements of one source
        if same is None:
            distinct.append(f)
        elif distinct[same].relative and not f.relative:
            distinct[same] = f  # the main clause's statement, not the aside's

    for i, f in enumerate(distinct):
        f.start = sent.start if i == 0 else f.anchor
        f.end = distinct[i + 1].anchor if i + 1 < len(distinct) else sent.end
        f.start, f.end = _strip(sent.text, f.start, f.end) or (f.start, f.end)
        while f.end > f.start and sent.text[f.end - 1] in ",;:":
            f.end -= 1
        f.claim = (max(f.claim[0], f.start), min(f.claim[1], f.end))
    return [f for f in distinct if f.claim[0] < f.claim[1]]


def _opens_relative(sent: _Sentence, pos: int) -> bool:
    """Whether a relative pronoun starts at ``pos`` (where :func:`_relative` anchors a clause
    whose antecedent is another frame's source)."""
    words = sent.tokens(pos, sent.end)
    return bool(words) and words[0][1] == pos and words[0][0].lower() in _SUBJECT_RELATIVES


def _verb_attribution(sent: _Sentence, m: re.Match[str]) -> _Found | None:
    """Read the speaker and claim around one reporting-verb match, or None if it frames none."""
    cue = m.span()
    if sent.quoted(cue[0]) or not reports(sent, m):
        return None
    if sent.text[cue[0]].isupper() and cue[0] != sent.start:
        return None  # "The United States": a name, not a verb
    verb = (m.group("pp") or m.group("fin")).lower()
    frame_only = verb in _FRAME_PARTICIPLES
    before = sent.tokens(sent.start, cue[0])
    while before and before[-1][0].lower() in _ADVERBS_BEFORE_CUE:
        cue = (before[-1][1], cue[1])
        before = before[:-1]
    inserted = _INSERTION_END[sent.lang].search(sent.text, max(sent.start, cue[0] - 24), cue[0])
    if inserted is not None and inserted.start() > sent.start:
        # "The union for its part said", "Le préfet quant à lui a assuré": the phrase goes with
        # the verb, and the subject is what comes before it.
        cue = (inserted.start(), cue[1])
        before = sent.tokens(sent.start, cue[0])
    if before and before[-1][0].lower() in _OBJECT_CLITICS:
        cue = (before[-1][1], cue[1])  # "le ministre l'a dit", "comme l'a indiqué X"
        before = before[:-1]
    elif before and before[-1][0].lower() in _NOT_BEFORE_A_CUE:
        return None  # "an estimated 5,000", "le juge", "was told": not a frame
    previous = before[-1][0].lower() if before else ""
    if previous in _AS:
        return _speaker_after(sent, (before[-1][1], cue[1]))  # "comme l'a rappelé X, ..."
    pronoun = m.group("pi") or m.group("pi2")
    if pronoun:
        if pronoun.lower() == "on":
            return None
        return _framed_by_pronoun(sent, cue, pronoun.lower(), boundary=cue[0], inverted=True)
    finite = m.group("fin") is not None
    if previous in _SUBJECT_RELATIVES:
        if frame_only:
            return None
        return _relative(sent, cue, before[-1][1])
    if previous in _SUBJECT_PRONOUNS:
        found = _framed_by_pronoun(sent, cue, previous, boundary=before[-1][1], inverted=False)
        if found is None or (frame_only and not found.claim_left):
            return None
        return found
    found = _framed_by_noun_phrase(sent, cue, frame_only)
    if found is None or not finite or _finite_ok(sent, cue, verb):
        return found
    # "L'opposition dénonce un « mensonge »": a bare finite verb with an object counts when its
    # subject is a name or a body that speaks, not "une forte avance".
    return found if not found.claim_left and _speakerish(found.speaker or "") else None


def _participle_attribution(sent: _Sentence, word_end: int) -> _Found | None:
    """ "Others put the figure lower, saying that ...", "La CGT conteste ce chiffre, estimant
    que ...": the main clause's subject says what the participle introduces.

    Only after a comma ("en" may come between in French) and before introduced content
    ("that"/"que", a colon or a quotation): "saying goodbye", "ajoutant du sel" say nothing.
    """
    text = sent.text
    words = sent.tokens(sent.body, word_end)
    if not words:
        return None
    word = words[-1]
    before = words[:-1]
    start = word[1]
    if before and before[-1][0].lower() == "en" and sent.lang == "fr":
        start, before = before[-1][1], before[:-1]
    if not before or before[-1][0] != "," or sent.quoted(word[1]):
        return None
    cue = (start, word[2])
    after = sent.tokens(_after_skips(sent, cue[1]), sent.end)
    if not after or not (after[0][0].lower() in _THAT or after[0][0] in ':«“"'):
        return None
    subject = _main_subject(sent, before[-1][1])
    claim = _right_claim(sent, cue)
    if subject is None or claim is None:
        return None
    s_start, s_end = subject
    spoken = text[s_start:s_end]
    pronoun = spoken.lower() if spoken.lower() in _SUBJECT_PRONOUNS else None
    return _Found(
        sent.start,
        sent.end,
        None if pronoun else _squash(spoken),
        cue,
        claim,
        pronoun=pronoun,
        anchor=sent.start,
        participle=True,
    )


def _restricted_attribution(sent: _Sentence, m: re.Match[str]) -> _Found | None:
    """ "..., s'est-il limité à dire", "« ... », s'est indigné le maire": a frame after its claim
    (with an inverted pronoun, or its subject after it)."""
    if sent.quoted(m.start()):
        return None
    pronoun = m.group("pi") or m.group("pi2")
    if pronoun:
        if pronoun.lower() == "on":
            return None
        return _framed_by_pronoun(sent, m.span(), pronoun.lower(), m.start(), inverted=True)
    # "s'est indigné le maire" frames what precedes it; "X s'est félicité de la décision"
    # reports a feeling about something, not a statement.
    said = m.group("said") is not None
    return _framed_by_noun_phrase(sent, m.span(), frame_only=not said)


def _speakerish(speaker: str) -> bool:
    """A name, a title or a body that speaks ("l'opposition", "the union")."""
    words = {w.lower().rstrip(".") for w in _TOKEN.findall(speaker)}
    return bool(_speaker_runs(speaker)) or bool(words & (_TITLES | _BODIES))


def _finite_ok(sent: _Sentence, cue: tuple[int, int], verb: str) -> bool:
    """A finite verb that may be a noun ("juge", "claims") is a cue only before its content.

    That is: followed by "que"/"that"/a colon/a quotation, or right after a comma or quotation
    (an inverted frame). English past and present forms that are never nouns ("said", "says")
    need no such support.
    """
    if sent.lang == "en" and verb not in _EN_NOUNISH:
        return True
    right = _after_skips(sent, cue[1])
    following = sent.text[right : right + 1]
    words = sent.tokens(right, min(sent.end, right + 20))
    if (following and following in ':«“"') or (words and words[0][0].lower() in _THAT):
        return True
    return _after_break(sent, cue[0])


def _after_break(sent: _Sentence, pos: int) -> bool:
    """Whether ``pos`` directly follows a comma or a closing quotation mark."""
    head = sent.text[sent.start : pos].rstrip()
    return bool(head) and (head[-1] == "," or head[-1] in _CLOSING_QUOTES)


def _framed_by_pronoun(
    sent: _Sentence, cue: tuple[int, int], pronoun: str, boundary: int, inverted: bool
) -> _Found | None:
    """ "Il a précisé que ...", "« ... », a-t-il ajouté", "\"...,\" she said"."""
    left = _strip(sent.text, sent.start, boundary)
    right = _right_claim(sent, cue)
    claim_left = left is not None and (inverted or _claim_is_left(sent, left, cue, right))
    claim = _trim(sent.text, *left) if claim_left else right
    if claim is None:
        return None
    if claim_left and not inverted:
        cue = (boundary, cue[1])  # '"...," he said': the frame is "he said"
    return _Found(
        sent.start,
        sent.end,
        None,
        cue,
        claim,
        pronoun=pronoun,
        anchor=sent.start,
        claim_left=claim_left,
    )


def _relative(sent: _Sentence, cue: tuple[int, int], pronoun_start: int) -> _Found | None:
    """ "Brett McGurk, l'envoyé spécial ..., qui a indiqué que ...": the antecedent speaks."""
    speaker = _antecedent(sent, pronoun_start)
    claim = _right_claim(sent, cue)
    if speaker is None or claim is None:
        return None
    clause = next(iter(sent.chunks(cue[1], sent.end)), None)
    if clause is not None and _main_verb_follows(sent, clause[1]):
        claim = _trim(sent.text, claim[0], clause[1]) or claim  # "X, qui a démenti A, a dit B"
    chunk_start = next(
        (a for a, b in sent.chunks(sent.start, pronoun_start) if a <= speaker[0] < b + 1),
        speaker[0],
    )
    if _SOURCES.match(sent.text, chunk_start) is not None:
        # "Y, selon la direction, qui revendique Z": the antecedent is another frame's source,
        # and the relative clause is a second statement of its own.
        chunk_start = pronoun_start
    return _Found(
        sent.start,
        sent.end,
        _squash(sent.text[speaker[0] : speaker[1]]),
        cue,
        claim,
        relative=True,
        anchor=chunk_start,
    )


def _main_verb_follows(sent: _Sentence, pos: int) -> bool:
    """Whether the chunk after ``pos`` opens with a verb (the antecedent's own verb)."""
    m = re.match(r"\s*,\s*", sent.text[pos : sent.end])
    if m is None:
        return False
    start = pos + m.end()
    words = sent.tokens(start, min(sent.end, start + 12))
    aux = {"fr": _FR_AUX_WORDS, "en": _EN_AUX_WORDS}[sent.lang]
    return bool(words) and (
        words[0][0].lower() in aux or _CUES[sent.lang].match(sent.text, start) is not None
    )


def _framed_by_noun_phrase(
    sent: _Sentence, cue: tuple[int, int], frame_only: bool
) -> _Found | None:
    """A verb with a noun-phrase subject, before it ("X a dit") or after it ("..., a dit X")."""
    text = sent.text
    right = _right_claim(sent, cue)
    if right is not None and _participle_opens(sent, right[0]):
        right = None  # "A, X said, adding that B": A is what X said; B is read on its own
    subject = _subject_before(sent, cue[0])
    if subject is not None and right is None and subject[1] <= sent.body:
        # An apposition that takes in the whole sentence leaves nothing said: "The bridge
        # reopened on Friday, prefect Jean Dorval said." is claim + subject, not one subject.
        subject = _subject_before(sent, cue[0], apposition=False)
    if subject is not None and _is_comparison(sent, *subject[0]):
        # "X said A, far more than the owners had acknowledged": a comparison, not a speaker;
        # the sentence's frame is "said".
        subject = None
    if _after_break(sent, cue[0]) and not _inserted(sent, cue):
        inverted = _inverted(sent, cue)
        if inverted is not None and (
            subject is None or not subject[2] or _clause_not_speaker(sent, subject[0], inverted)
        ):
            return inverted
    if subject is None:
        return None
    (s_start, s_end), chunk_start, _ = subject
    left = _strip(text, sent.body, chunk_start) if chunk_start > sent.body else None
    left = None if left is None else _strip(text, left[0], _rstrip_punct(text, *left))
    claim_left = left is not None and _claim_is_left(sent, left, cue, right)
    claim = _trim(text, *left) if claim_left else right
    if claim is None or (frame_only and not claim_left):
        return None
    conjunction = None if left is None or claim_left else _conjunction_before(sent, left)
    return _Found(
        sent.start,
        sent.end,
        _squash(text[s_start:s_end]),
        cue,
        claim,
        anchor=sent.start if claim_left else (conjunction or chunk_start),
        claim_left=claim_left,
        coordinated=conjunction is not None,
    )


def _inserted(sent: _Sentence, cue: tuple[int, int]) -> bool:
    """Whether the cue opens with an inserted phrase ("X, for his part, said Y"): the subject
    is then before it, and what follows is the claim, not an inverted subject."""
    return _INSERTION.match(sent.text, cue[0]) is not None


def _clause_not_speaker(sent: _Sentence, subject: tuple[int, int], inverted: _Found) -> bool:
    """Whether a subject taken before an aside ("A long clause, on the south side, said X, the
    chair of ...") is rather the claim of the speaker named after the verb: it is long and does
    not open with a name, a title or a body, and the speaker after the verb is one."""
    words = sent.tokens(*subject)
    opening = " ".join(w[0] for w in words[:2])
    if len(words) < 5 or _speakerish(opening) or _speaker_runs(sent.text[subject[0] : subject[1]]):
        return False
    aside = sent.chunks(subject[1], inverted.cue[0])[-1:]  # "qui a requis l'anonymat": a person's
    after = sent.tokens(inverted.cue[1], sent.end)[:1]
    return (
        bool(aside and after)
        and not _opens_relative(sent, aside[0][0])
        and (after[0][0].lower() in _DETERMINERS or after[0][0][:1].isupper())
        and _speakerish(inverted.speaker or "")
    )


def _participle_opens(sent: _Sentence, pos: int) -> bool:
    """Whether a participle frame with introduced content opens at ``pos`` ("adding that")."""
    words = sent.tokens(pos, min(sent.end, pos + 40))[:2]
    return (
        len(words) == 2
        and words[0][0].lower() in _PARTICIPLE_CUES[sent.lang]
        and words[1][0].lower() in _THAT
    )


def _inverted(sent: _Sentence, cue: tuple[int, int]) -> _Found | None:
    """ "..., a indiqué la direction": the subject follows, the claim is before the comma.

    The subject must be a noun phrase ("que le budget sera tenu" after "a déclaré" is not).
    """
    text = sent.text
    if text[cue[0] : cue[1]].split()[-1].lower() in _FIGURE_VERBS:
        return None  # "X, the operator, put the toll at 14": what follows is its object
    speaker = _noun_phrase_after(sent, _after_skips(sent, cue[1]), mode="after-verb")
    left = _trim(text, sent.start, cue[0])
    if (
        speaker is None
        or left is None
        or not _is_noun_phrase(sent, *_without_relative(sent, speaker))
    ):
        return None
    words = sent.tokens(*speaker)
    if words[0][0].lower() in _THAT or len(words) > 20:
        return None
    return _Found(
        sent.start,
        sent.end,
        _squash(text[speaker[0] : speaker[1]]),
        cue,
        left,
        anchor=sent.start,
        claim_left=True,
    )


def _claim_is_left(
    sent: _Sentence,
    left: tuple[int, int],
    cue: tuple[int, int],
    right: tuple[int, int] | None,
) -> bool:
    """Whether the content precedes the frame ("..., X said") rather than follows it.

    It follows after a short opening adverbial ("In a statement, X said ..."), or when it is
    introduced ("que", "that", a colon, a quotation mark); it precedes when it is a quotation;
    otherwise the longer side is the content ("Orders doubled, X told Reuters").
    """
    if right is None:
        return True
    if _is_intro(sent, *left):
        return False
    if _conjunction_before(sent, left) is not None:
        return False  # "A said that ..., but B said ...": B's clause is coordinated, not a frame
    if sent.text[left[1] - 1] in _CLOSING_QUOTES:
        return True
    if sent.text[cue[0] : cue[1]].split()[-1].lower() in _OBJECT_CUES:
        return False  # "qu'Elvéa avait réclamé une hausse": the object is the content
    between = sent.tokens(cue[1], right[0])
    introduced = sent.text[right[0]] in '«“"' or any(
        w[0] == ":" or w[0].lower() in _THAT for w in between
    )
    return not introduced and len(sent.tokens(*left)) > len(sent.tokens(*right))


def _conjunction_before(sent: _Sentence, left: tuple[int, int]) -> int | None:
    """Where the conjunction that ends ``left``, just before a subject, starts ("..., but the
    mayor said"), or None."""
    words = sent.tokens(*left)
    return words[-1][1] if words and words[-1][0].lower() in _CONJUNCTIONS else None


def _right_claim(sent: _Sentence, cue: tuple[int, int]) -> tuple[int, int] | None:
    """The content after a cue, up to a semicolon (which opens another clause).

    Dates, adverbs and addressees after the cue are passed over, and so are "que"/"that" and,
    for verbs with an object, the object before it ("told reporters that", "denied reports
    that", "told AFP she ...").
    """
    text = sent.text
    pos = _after_skips(sent, cue[1])
    end = text.find(";", pos, sent.end)
    end = sent.end if end < 0 else end
    words = sent.tokens(pos, end)
    verb = text[cue[0] : cue[1]].split()[-1].lower()
    that = next((i for i, w in enumerate(words[:7]) if w[0].lower() in _THAT), None)
    comma = next((i for i, w in enumerate(words[:7]) if w[0] in ",;"), None)
    if that is not None and (comma is None or comma > that):
        object_ok = verb in _OBJECT_VERBS or (
            words and words[0][0].lower() in {"à", "au", "aux", "to"}
        )
        clause = _clause_start(words[:that]) if object_ok else None
        if that == 0 or (object_ok and clause is None):
            pos = words[that][2]
        elif clause is not None:
            pos = words[clause][1]
    elif verb == "état" and words and words[0][0].lower() in {"de", "d'", "d’"}:
        pos = words[0][2]  # "a fait état de quatre maisons détruites": what was reported
    elif verb in {"told", "tells"} and words:
        runs = sent.name_runs(pos, end)
        pos = runs[0][1] if runs and runs[0][0] == pos else words[0][2]
    while pos < end and text[pos] in " :,":
        pos += 1
    return _trim(text, pos, end)


def _clause_start(words: list[tuple[str, int, int]]) -> int | None:
    """Where a clause of its own starts among the words between a verb and its "that", if one
    does, rather than the verb's object: "told reporters she had found no evidence that ..."
    reports what she found, and skipping to "that" would drop the "no evidence" and turn the
    claim around. The clause starts at its subject, or at the word before its verb."""
    for i, (word, _, _) in enumerate(words):
        word = word.lower()
        if word in _CLAUSE_SUBJECTS:
            return i
        if word in _CLAUSE_VERBS and i > 0:
            return i - 1
    return None


def _source_attribution(sent: _Sentence, m: re.Match[str]) -> _Found | None:
    """ "Selon X, Y", "Y, d'après X", "According to X, Y", "Pour X, Y"."""
    text = sent.text
    cue = m.span()
    if sent.quoted(cue[0]):
        return None
    lequel = _SELON_LEQUEL.match(text, cue[1], sent.end)
    if lequel is not None:
        return _selon_lequel(sent, cue, lequel.end())
    if m.group("src").lower() == "pour" and _strip(text, sent.body, cue[0]) is not None:
        return None  # "Pour X, ..." opens its clause; elsewhere "pour" is just "for"
    if _NOT_SOURCES.match(text, _after_skips(sent, cue[1])) is not None:
        return None
    return _speaker_after(sent, cue, named=m.group("src").lower() == "pour")


def _speaker_after(sent: _Sentence, cue: tuple[int, int], named: bool = False) -> _Found | None:
    """A frame whose speaker follows it: "selon X", "comme l'a dit X".

    At the start of its clause the frame's claim follows the speaker (and any relative clause
    about it: "According to the mayor, who spoke on radio, Y"); elsewhere it precedes the
    frame. ``named``: the speaker must contain a name ("Pour X", which is otherwise just
    "for").
    """
    text = sent.text
    left = _strip(text, sent.start, cue[0])
    first = left is None or _is_intro(sent, *left)
    after = _after_skips(sent, cue[1])
    words = sent.tokens(after, min(sent.end, after + 30))
    if not words:
        return None
    if words[0][0].lower() in _STRESSED_PRONOUNS:
        speaker, pronoun, speaker_end = None, words[0][0].lower(), words[0][2]
    else:
        span = _noun_phrase_after(sent, after, "source-first" if first else "source-last")
        if span is None or (
            named and not (sent.name_runs(*span) or _speakerish(text[span[0] : span[1]]))
        ):
            return None
        speaker, pronoun, speaker_end = _squash(text[span[0] : span[1]]), None, span[1]
    if first:
        rest = [c for c in sent.chunks(speaker_end, sent.end) if not _is_relative(sent, c)]
        claim = _trim(text, rest[0][0], sent.end) if rest else None
    else:
        claim = _trim(text, sent.start, cue[0])
    if claim is None:
        return None
    return _Found(
        sent.start,
        sent.end,
        speaker,
        cue,
        claim,
        pronoun=pronoun,
        anchor=sent.start if first else claim[0],
        claim_left=not first,
    )


def _is_relative(sent: _Sentence, chunk: tuple[int, int]) -> bool:
    words = sent.tokens(*chunk)
    return bool(words) and words[0][0].lower() in _RELATIVES


def _selon_lequel(sent: _Sentence, cue: tuple[int, int], claim_start: int) -> _Found | None:
    """ "X a établi un constat, selon lequel Y": the subject of the main clause says Y."""
    words = sent.tokens(sent.body, cue[0])
    aux = next(
        (i for i, w in enumerate(words[:9]) if w[0].lower() in {"a", "ont", "avait", "avaient"}),
        None,
    )
    if not aux:
        return None
    subject = (words[0][1], words[aux - 1][2])
    claim = _trim(sent.text, claim_start, sent.end)
    if claim is None or not sent.name_runs(*subject):
        return None
    return _Found(
        sent.start,
        sent.end,
        _squash(sent.text[subject[0] : subject[1]]),
        (cue[0], _rstrip_punct(sent.text, cue[0], claim_start)),
        claim,
        anchor=sent.start,
    )
