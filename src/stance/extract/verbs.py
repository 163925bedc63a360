"""Whether a reporting verb found by the cue patterns reports anything where it stands.

Some verbs report only in one construction: "put" and "a chiffré" a figure ("put the toll at
14"), "called" a judgement or a demand ("called the plan reckless", "called for calm", not
"called the police"), "found" only at the end of its sentence; and a negated verb ("n'a pas
confirmé", "did not say") attributes nothing.
"""

from __future__ import annotations

import re

from .clauses import _Sentence
from .lexicon import (
    _ADVERBS_BEFORE_CUE,
    _CALLS,
    _DETERMINERS,
    _FIGURE_AT,
    _FIGURE_VERBS,
    _JUDGED,
    _NEGATIONS,
    _NOT_JUDGED,
    _THAT,
    _TIME_WORDS,
    _TITLES,
)


def reports(sent: _Sentence, m: re.Match[str]) -> bool:
    """Whether the cue match ``m`` (groups of ``lexicon._CUES``) reports a statement."""
    if _negated(sent, m):
        return False
    verb = (m.group("pp") or m.group("fin") or "").lower()
    if verb in _FIGURE_VERBS and not _figure_follows(sent, m.end()):
        return False  # "put the plan on hold", "a évalué la situation": no figure reported
    if verb in {"found", "finds"} and any(c.isalnum() for c in sent.text[m.end() : sent.end]):
        return False  # only ending the sentence ("..., a laboratory found."): "had found leaks"
    if verb in {"asked", "asks"}:
        return _asks_for(sent, m.end())
    if verb in _CALLS:
        return _judged(sent, m.end()) or _calls_for(sent, m.end())  # not "called the police"
    return True


def _figure_follows(sent: _Sentence, pos: int) -> bool:
    """Whether "at"/"à" follows within eight words of the same clause: "put the toll at", "a
    chiffré à 40"; not "put the toll higher, saying that at least ..."."""
    for word, _, _ in sent.tokens(pos, sent.end)[:8]:
        low = word.lower()
        if low in _FIGURE_AT:
            return True
        if low in _THAT or word in ",;:":
            return False
    return False


def _judged(sent: _Sentence, pos: int) -> bool:
    """Whether "called" at ``pos`` is followed, in its clause and within twelve words, by the
    judgement it reports (``_JUDGED``), and not by a particle ("called for", "called on")."""
    words = sent.tokens(pos, sent.end)[:12]
    if not words or words[0][0].lower() in _NOT_JUDGED:
        return False
    end = next((w[1] for w in words if w[0] in ";:"), words[-1][2])
    for m in _JUDGED.finditer(sent.text, words[0][1], end):
        before = [w[0].lower() for w in sent.tokens(words[0][1], m.start())]
        if m.group() in '"“' or (before and before[-1] not in _DETERMINERS | _TITLES):
            return True
    return False


def _calls_for(sent: _Sentence, pos: int) -> bool:
    """Whether "called" at ``pos`` asks for something: "called (again) for an inquiry", "called
    on the state to act" (not "called on Monday")."""
    words = [w[0].lower() for w in sent.tokens(pos, sent.end)[:14]]
    while words and words[0] in _ADVERBS_BEFORE_CUE:
        words = words[1:]
    if not words or words[0] not in {"for", "on"}:
        return False
    return words[0] == "for" or ("to" in words and words[1] not in _TIME_WORDS)


def _negated(sent: _Sentence, m: re.Match[str]) -> bool:
    adverbs = (m.group("adv") or "").lower().split()
    before = sent.tokens(max(sent.start, m.start() - 12), m.start())
    return bool(_NEGATIONS.intersection(adverbs)) or bool(
        before and (before[-1][0].lower() in _NEGATIONS or before[-1][0].lower().endswith("n't"))
    )


# What follows "asked" when it asks nothing of anyone: "asked not to be named", "asked about
# the delay", "asked whether", "asked to comment".
_NOT_ASKING = frozenset("not to about whether if why how what when where who".split())


def _asks_for(sent: _Sentence, pos: int) -> bool:
    """Whether "asked" at ``pos`` reports a request: "asked the league for a report", "asked
    residents to stay indoors" (not "who asked not to be named", "asked about the delay")."""
    words = [w[0].lower() for w in sent.tokens(pos, sent.end)[:12]]
    while words and words[0] in _ADVERBS_BEFORE_CUE:
        words = words[1:]
    return bool(words) and words[0] not in _NOT_ASKING and ("for" in words or "to" in words)
