"""A sentence as the attribution rules read it: words, chunks, quotations, found attributions."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import pairwise

from .lexicon import (
    _CHUNK_BREAK,
    _DE,
    _DEMONSTRATIVES,
    _DETERMINERS,
    _DISCOURSE_CONJUNCTIONS,
    _INTRO_WORDS,
    _LEADING_CONJUNCTION,
    _MONTHS,
    _NAME_PARTICLES,
    _SKIP_AFTER_CUE,
    _SUBJECT_PRONOUNS,
    _TIME_WORDS,
    _TOKEN,
    _TRAILING,
    QUOTE_PAIRS,
)
from .sentences import _strip


@dataclass
class _Found:
    """An attribution found in a sentence; offsets are in the article text."""

    start: int  # the statement's span (sentence or clause)
    end: int
    speaker: str | None  # as written, or resolved (set by extract)
    cue: tuple[int, int] | None
    claim: tuple[int, int]
    pronoun: str | None = None
    relative: bool = False
    participle: bool = False  # ", saying that ...": only when the sentence has no other frame
    lang: str = ""  # the language it was read in (set by extract)
    anchor: int = 0  # where the speaker's clause begins, to cut a sentence with two speakers
    claim_left: bool = False
    coordinated: bool = False  # "..., but X said ...": its own clause, never inside another's
    continued: bool = False  # "X said A and added B": the same subject's second statement
    referent: str | None = None  # what a pronoun opening the claim stands for (set by extract)


@dataclass
class _Ref:
    """A speaker that a later pronoun may refer to."""

    name: str
    gender: str | None
    plural: bool | None
    person: bool
    sentence: int
    titles: frozenset[str] = frozenset()  # title words of the mention ("prefet", "governor")
    written: str = ""  # the mention as written, for the names a later title must share


class _Sentence:
    """A sentence being read: its bounds, its tokens (computed once) and its quotations."""

    def __init__(self, text: str, start: int, end: int, lang: str) -> None:
        self.text, self.start, self.end, self.lang = text, start, end, lang
        self.quotes = _quotations(text, start, end)
        self._tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
        self._starts = [t[1] for t in self._tokens]
        self.body = self._body_start()

    def _body_start(self) -> int:
        """Where the sentence's own content starts: after an opening discourse conjunction
        ("But", "However,", "Mais", "Pourtant"), which links it to the story and would
        otherwise be read as the start of the subject (or make it look like an adverbial)."""
        words = self._tokens
        if len(words) < 2 or words[0][0].lower() not in _DISCOURSE_CONJUNCTIONS:
            return self.start
        after = 2 if words[1][0] == "," else 1
        return words[after][1] if after < len(words) else self.start

    def quoted(self, pos: int) -> bool:
        return any(a < pos < b for a, b in self.quotes)

    def tokens(self, start: int, end: int) -> list[tuple[str, int, int]]:
        """The (word, start, end) tokens lying wholly in [start, end)."""
        words = self._tokens[bisect_left(self._starts, start) : bisect_left(self._starts, end)]
        while words and words[-1][2] > end:
            words.pop()
        return words

    def name_runs(self, start: int, end: int) -> list[tuple[int, int]]:
        return _runs_in(self.tokens(start, end))

    def chunks(self, start: int, end: int) -> list[tuple[int, int]]:
        """Comma-delimited pieces of [start, end), keeping quotations and parentheses whole."""
        cuts = [start, end]
        for m in _CHUNK_BREAK.finditer(self.text, start, end):
            pos = m.start()
            depth = self.text.count("(", start, pos) - self.text.count(")", start, pos)
            if depth <= 0 and not self.quoted(pos):
                cuts += [m.start(), m.end()]
        for a, b in self.quotes:
            cuts += [p for p in (a, b) if start <= p <= end]
        cuts.sort()
        pieces = [_strip(self.text, a, b) for a, b in pairwise(cuts)]
        return [p for p in pieces if p is not None and _has_word(self.text, *p)]


def _has_word(text: str, start: int, end: int) -> bool:
    return any(c.isalnum() for c in text[start:end])


def _quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quoted passages, quotation marks included; an unclosed one is ignored."""
    spans = []
    pos = start
    while pos < end:
        opening = min(
            (i for i in (text.find(q, pos, end) for q in QUOTE_PAIRS) if i >= 0), default=-1
        )
        if opening < 0:
            break
        closing = text.find(QUOTE_PAIRS[text[opening]], opening + 1, end)
        if closing < 0:
            break
        spans.append((opening, closing + 1))
        pos = closing + 1
    return spans


def _is_intro(sent: _Sentence, start: int, end: int) -> bool:
    """A short opening adverbial: "In a statement", "Dans l'opposition", "Mercredi"."""
    words = sent.tokens(start, end)
    words = [w for w in words if w[0] not in ",;:"]
    if not words or len(words) > 8:
        return False
    first = words[0][0].lower()
    return first in _INTRO_WORDS or first in _TIME_WORDS


def _after_skips(sent: _Sentence, pos: int) -> int:
    """The position after the dates, adverbs and addressees that follow a cue."""
    while True:
        m = _SKIP_AFTER_CUE.match(sent.text, pos, sent.end)
        if m is None or m.end() == pos:
            break
        pos = m.end()
    while pos < sent.end and sent.text[pos].isspace():
        pos += 1
    return pos


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) without surrounding spaces and trailing punctuation; None if no word."""
    span = _strip(text, start, end)
    if span is None:
        return None
    end = _rstrip_punct(text, *span)
    span = _strip(text, span[0], end)
    return span if span is not None and _has_word(text, *span) else None


def _rstrip_punct(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end


def _runs_in(words: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """Spans of capitalised words (with particles such as "de", "Le" between them) that are
    not determiners, days or months; a run after "de"/"of" is a complement ("le maire de
    Castelroc"), not a name, unless a demonstrative stands for it ("celle de Brett McGurk")."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _is_name_word(words[i][0], first=i == 0):
            i += 1
            continue
        after_de = (
            i > 0
            and words[i - 1][0].lower() in _DE
            and not (i > 1 and words[i - 2][0].lower() in _DEMONSTRATIVES)
        )
        j = i + 1
        while j < len(words):
            low = words[j][0].lower()
            if _is_name_word(words[j][0], first=False):
                j += 1
            elif (
                low in _NAME_PARTICLES
                and j + 1 < len(words)
                and _is_name_word(words[j + 1][0], first=False)
            ):
                j += 2
            else:
                break
        if not after_de:
            runs.append((words[i][1], words[j - 1][2]))
        i = j
    return runs


def _is_name_word(word: str, first: bool) -> bool:
    low = word.lower()
    if not word[:1].isupper() or low in _TIME_WORDS or low in _MONTHS:
        return False
    return not (low in _DETERMINERS or low in _INTRO_WORDS or low in _SUBJECT_PRONOUNS) or (
        not first and low in _NAME_PARTICLES
    )


def _squash(text: str) -> str:
    return " ".join(text.split())


def _clean_claim(claim: str) -> str:
    """The claim without a quotation's own marks ("« A », a dit X" -> "A") and without a
    leading conjunction, which links it to the story rather than states anything ("But ...")."""
    claim = _LEADING_CONJUNCTION.sub("", _squash(claim)).strip(_TRAILING)
    opening = claim[:1]
    if opening in QUOTE_PAIRS and claim.endswith(QUOTE_PAIRS[opening]):
        inner = claim[1:-1]
        if QUOTE_PAIRS[opening] not in inner and (opening == '"' or opening not in inner):
            claim = inner.strip(_TRAILING)
    return claim
