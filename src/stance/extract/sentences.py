"""Sentences of an article, with pysbd and a post-pass for news copy."""

from __future__ import annotations

from functools import cache

import pysbd

from .lexicon import (
    _ABBREVIATION_END,
    _DATELINE,
    _INITIAL_END,
    _LINE_BREAKS,
    _MONTH_ABBREVIATIONS,
    _QUOTED_END,
    _SENTENCE_ABBREVIATIONS,
    _SENTENCE_END,
)


@cache
def _segmenter(lang: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=lang, clean=False)


def _sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text``, stripped of surrounding whitespace.

    pysbd's own span recovery (``char_span=True``) compiles one regex per sentence, which
    dominated the run time, and silently drops a sentence it cannot find again. Its sentences
    are substrings of the text, so they are located here by a forward search instead: a
    sentence that is not found is folded into the next span, so no text is ever lost.

    pysbd ends a sentence at every line break, which cuts hard-wrapped text (archives, wire
    dumps) in mid-sentence; line breaks inside a paragraph are therefore read as spaces
    (:func:`_unwrap`), except after a short line that looks like a headline.

    Post-pass, for what pysbd gets wrong on news copy:

    - a split after a title or month abbreviation its lists lack ("le Dr. | Martin",
      "le 3 févr. | 2021") is undone when the next sentence starts with a capital or a digit;
    - a sentence that ends inside a quotation followed by a new one ("« C'est fini. » Puis il
      est parti.") is split after the closing quote;
    - a one-letter initial followed by a determiner, a pronoun or "Selon" ends a sentence
      ("une plainte contre X. Selon elle, ...": no name goes on with "Selon");
    - a wire dateline ("LYON, 3 mai 2026 (AFP) - ") is left out of the sentence it opens: it
      is no one's words, and read as part of a subject or a claim it hides both.
    """
    text = _unwrap(text)
    ends = []
    pos = 0
    for sentence in _segmenter(lang).processor(text).process():
        found = text.find(sentence, pos)
        if found >= 0:
            pos = found + len(sentence)
            ends.append(pos)
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    spans = []
    start = 0
    for end in ends:
        span = _strip(text, start, end)
        if span is not None:
            spans.append(span)
        start = end
    return [
        piece for span in _merge_abbreviations(text, spans, lang) for piece in _split(text, span)
    ]


def _unwrap(text: str) -> str:
    """``text`` with the line breaks inside paragraphs turned into spaces (offsets unchanged).

    A break is kept at a blank line, after sentence-final punctuation, and after a headline:
    a short first line of a paragraph (under 50 characters) followed by a capitalised line.
    """
    if "\n" not in text:
        return text
    chars = list(text)
    line_start, first_line = 0, True
    for m in _LINE_BREAKS.finditer(text):
        line = text[line_start : m.start()]
        single = m.group().count("\n") == 1
        headline = first_line and len(line) < 50 and text[m.end() : m.end() + 1].isupper()
        if single and line and line[-1] not in _SENTENCE_END and not headline:
            chars[m.start() : m.end()] = " " * (m.end() - m.start())
        line_start, first_line = m.end(), not single
    return "".join(chars)


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _merge_abbreviations(
    text: str, spans: list[tuple[int, int]], lang: str
) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _continues(text, merged[-1], start, lang):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _continues(text: str, previous: tuple[int, int], start: int, lang: str) -> bool:
    """Whether the sentence at ``start`` wrongly begins after an abbreviation's period."""
    m = _ABBREVIATION_END.search(text, previous[0], previous[1])
    if m is None or "\n" in text[previous[1] : start]:
        return False
    word = m.group(1).lower()
    if word not in _SENTENCE_ABBREVIATIONS[lang]:
        return False
    if word in _MONTH_ABBREVIATIONS:
        return text[start].isdigit()
    return m.group(1)[0].isupper() and text[start].isupper()  # "le Dr. | Martin", not "du col."


def _split(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    pieces = []
    start = span[0]
    ends = [m.end() for m in _INITIAL_END.finditer(text, span[0], span[1])]
    for m in _QUOTED_END.finditer(text, span[0], span[1]):
        if text[m.end() - 1] == '"' and text.count('"', span[0], m.end()) % 2:
            continue  # an opening straight quote, not a closing one
        ends.append(m.end())
    for end in sorted(ends):
        pieces.append((start, end))
        start = end
    pieces.append((start, span[1]))
    dateline = _DATELINE.match(text, pieces[0][0], pieces[0][1])
    if dateline is not None:
        pieces[0] = (dateline.end(), pieces[0][1])
    return [p for p in (_strip(text, a, b) for a, b in pieces) if p is not None]
