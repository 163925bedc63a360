"""The HTML report of a scan: each likely contradiction, with both quotes marked in their articles.

A journalist checks a flagged pair by reading both statements where they were printed, so the
report shows, for every pair labelled *contradict*, the paragraphs that hold the two quotes with
each quote marked (A in amber, B in blue). The marks come from the statements' character offsets,
never from searching the text: a quote that occurs twice in an article would otherwise be marked
in the wrong place. Offsets that do not match the text (an article edited since extraction, or the
wrong file) are reported, and the quote is then shown alone rather than marked somewhere wrong.

The document is one self-contained file (inline CSS, no script, no request of any kind), so it
can be mailed, archived or opened offline without leaking that it was read; it is readable in
dark mode and prints in light colours. The output depends only on the arguments, so that two
runs on the same scan give the same bytes. Every piece of article text is escaped: articles are
scraped from the web and may contain markup.

Overlapping or nested quotes (two clauses of one sentence, a statement inside another) are
marked by cutting the text at every quote boundary: each piece is wrapped in one ``<mark>`` whose
class names the quotes covering it (``a``, ``b`` or ``ab``), so the markup stays well nested
whatever the spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from html import escape
from itertools import pairwise
from typing import Any

from .pairs import statement_text
from .rank import ranked_by_contrast

__all__ = ["paragraph_starts", "render_html"]

SHORT_ARTICLE = 1500  # characters: an article this short is shown whole
LONG_PARAGRAPH = 1500  # characters: a longer paragraph is cut down to the text around the quotes
CONTEXT = 300  # characters kept on each side of a quote in a paragraph that is cut down
SIDES = ("a", "b")

Span = tuple[int, int]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_NEWLINE = re.compile(r"\n")
_PARAGRAPH_BODY = re.compile(r"\S(?:.*\S)?", re.DOTALL)

CSS = """
:root {
  color-scheme: light dark;
  --fg: #1b1b1b; --muted: #5a5a5a; --bg: #ffffff; --panel: #f5f5f2; --rule: #d4d4d0;
  --a: #8a4b00; --a-bg: #ffe2a8; --b: #1d5bb8; --b-bg: #d6e6ff; --bar: #b3261e;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --fg: #e6e6e6; --muted: #a8a8a8; --bg: #151515; --panel: #1f1f1f; --rule: #3b3b3b;
    --a: #ffbe6b; --a-bg: #5a3a00; --b: #93bcff; --b-bg: #183a6e; --bar: #ff8a80;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body {
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    sans-serif;
  max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem;
}
h1 { font-size: 1.7rem; line-height: 1.2; margin: 0 0 .4rem; }
h2 { font-size: 1.2rem; line-height: 1.3; margin: 0 0 .3rem; }
h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
  margin: 1rem 0 .3rem; }
a { color: inherit; }
cite { font-style: normal; font-weight: 600; }
.counts { font-size: 1.05rem; margin: 0 0 1rem; }
.legend { background: var(--panel); border: 1px solid var(--rule); border-radius: 4px;
  padding: .6rem .9rem; font-size: .9rem; }
.legend p { margin: .25rem 0; }
.none { font-size: 1.1rem; padding: 1rem 0; }
.pair { border-top: 2px solid var(--rule); padding: 1.4rem 0 .6rem; margin-top: 1.4rem; }
.rank { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: .3rem; }
.vs { color: var(--muted); font-weight: 400; font-size: .9em; }
.score { margin: 0 0 .8rem; color: var(--muted); font-size: .9rem; }
.score strong { color: var(--fg); font-size: 1.05rem; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; width: 7rem; height: .6rem; vertical-align: middle;
  background: var(--rule); border-radius: 2px; overflow: hidden; margin: 0 .4rem; }
.bar > span { display: block; height: 100%; background: var(--bar); }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: .9rem; }
@media (max-width: 44rem) { .sides { grid-template-columns: 1fr; } }
.side { border-left: 4px solid; padding: .1rem 0 .1rem .8rem; break-inside: avoid; }
.side.a { border-color: var(--a); }
.side.b { border-color: var(--b); }
.who { margin: 0; }
.cue, .source { margin: 0; color: var(--muted); font-size: .88rem; }
.claim { margin: .3rem 0; font-weight: 600; }
.timeline { margin: 0 0 .8rem; padding: .4rem .7rem; border-left: 4px solid var(--muted);
  background: var(--panel); font-size: .92rem; }
blockquote { margin: .4rem 0; font-size: 1.02rem; }
.tag { display: inline-block; min-width: 1.4em; text-align: center; border-radius: 3px;
  font-size: .78em; font-weight: 700; line-height: 1.45; padding: 0 .25em; margin-right: .35em;
  color: var(--bg); vertical-align: .08em; }
.tag.a { background: var(--a); }
.tag.b { background: var(--b); }
.notes { margin: .3rem 0 0; padding-left: 1.2rem; font-size: .92rem; }
figure { margin: .5rem 0 .8rem; background: var(--panel); border: 1px solid var(--rule);
  border-radius: 4px; padding: .5rem .9rem; }
figcaption { font-size: .85rem; color: var(--muted); }
figure p { margin: .55rem 0; }
figure p.gap { color: var(--muted); margin: .2rem 0; }
.note { font-size: .9rem; color: var(--muted); font-style: italic; }
mark { color: inherit; border-radius: 2px; -webkit-box-decoration-break: clone;
  box-decoration-break: clone; }
mark.a { background: var(--a-bg); border-bottom: 2px solid var(--a); }
mark.b { background: var(--b-bg); border-bottom: 2px dashed var(--b); }
mark.ab { background: linear-gradient(var(--a-bg) 50%, var(--b-bg) 50%);
  border-bottom: 3px double var(--fg); }
mark[data-label]::before { content: attr(data-label); font-size: .68em; font-weight: 700;
  vertical-align: .45em; margin-right: .15em; }
mark[data-label="A"]::before { color: var(--a); }
mark[data-label="B"]::before { color: var(--b); }
.swatch { padding: 0 .3em; border-radius: 2px; white-space: nowrap; }
.swatch.a { background: var(--a-bg); border-bottom: 2px solid var(--a); }
.swatch.b { background: var(--b-bg); border-bottom: 2px dashed var(--b); }
.swatch.ab { background: linear-gradient(var(--a-bg) 50%, var(--b-bg) 50%);
  border-bottom: 3px double var(--fg); }
details { margin-top: 2rem; border-top: 2px solid var(--rule); padding-top: 1rem; }
summary { cursor: pointer; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin-top: .8rem; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .5rem;
  border-bottom: 1px solid var(--rule); }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
th:nth-child(n+4), td:nth-child(n+4) { width: 38%; }
td p { margin: 0; }
#articles { margin-top: 2rem; border-top: 2px solid var(--rule); padding-top: 1rem; }
#articles li { margin: .3rem 0; }
.muted { color: var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  mark, .swatch, .tag, .bar, .bar > span { -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
  h2, h3, .score { break-after: avoid; }
  figure, .side, tr { break-inside: avoid; }
  summary { cursor: auto; }
}
""".strip()


# --------------------------------------------------------------------------------------------
# The document.
# --------------------------------------------------------------------------------------------
def render_html(
    results: list[dict],
    articles: dict[str, str],
    *,
    title: str = "stance scan",
    top: int | None = None,
    counts: Mapping[str, Any] | None = None,
) -> str:
    """The scan report as one self-contained HTML5 document.

    ``results`` are scan results in their ranked order; ``articles`` maps each article name to the
    text its statements' offsets refer to. Every pair labelled *contradict* gets a section of its
    own, whatever ``top``: a contradiction the model found is never hidden. The other pairs follow,
    collapsed, in their ranked order; ``top`` caps how many of them are listed (all when None).
    A row's ``rank`` is its place in the whole scan (its place in ``results`` when it has none).

    ``counts`` gives what the scan read when ``results`` holds only the rows to show (a scan of
    millions of pairs makes only those): ``articles``, ``statements``, ``pairs``, ``others``
    (the pairs not labelled contradict that the listed ones were taken from) and
    ``by_article`` (each article's number of statements).
    """
    if top is not None and top < 0:
        raise ValueError(f"top must be None or a non-negative integer, not {top!r}")
    ranked = [(r.get("rank", position), r) for position, r in enumerate(results, start=1)]
    found = [(rank, r) for rank, r in ranked if r["label"] == "contradict"]
    others = [(rank, r) for rank, r in ranked if r["label"] != "contradict"]
    anchors = {name: f"article-{i}" for i, name in enumerate(articles, start=1)}
    counts = dict(counts or {})
    body = [
        _header(title, results, articles, len(found), counts),
        *(_pair(rank, r, articles, anchors) for rank, r in found),
        _others(others, top, counts.get("others")),
        _index(results, articles, anchors, found, counts.get("by_article") or {}),
    ]
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="color-scheme" content="light dark">',
            f"<title>{escape(title)}</title>",
            f"<style>\n{CSS}\n</style>",
            "</head>",
            "<body>",
            *[part for part in body if part],
            "</body>",
            "</html>",
            "",
        ]
    )


def _header(
    title: str,
    results: list[dict],
    articles: Mapping[str, str],
    found: int,
    given: Mapping[str, int],
) -> str:
    """Title, what was scanned, and how to read the rest."""
    statements = given.get("statements")
    if statements is None:
        statements = len({s["id"] for r in results for s in (r["a"], r["b"])})
    counts = " · ".join(
        [
            _plural(given.get("articles", len(articles)), "article"),
            _plural(statements, "statement"),
            _plural(given.get("pairs", len(results)), "pair") + " scanned",
            _plural(found, "likely contradiction"),
        ]
    )
    why = "the model labelled no pair <em>contradict</em>" if results else "no pair to scan"
    ranking = "P(contradict), its probability that the two statements contradict each other"
    if ranked_by_contrast(results):
        ranking = (
            "how far P(contradict), the model's probability that the two statements contradict "
            "each other, stands above the mean of the two statements' other pairs (a statement "
            "that seems to clash with everything does not crowd the top)"
        )
    none = "" if found else f'<p class="none">No contradiction was found: {why}.</p>'
    return f"""<header>
<h1>{escape(title)}</h1>
<p class="counts">{counts}</p>
<div class="legend">
<p>Pairs of statements that a statistical model labelled <em>contradict</em>, ranked by
{ranking};
<span class="muted">#n</span> is a pair's rank among all pairs scanned. A probability is a lead
to check, not a finding: read both statements in their articles.</p>
<p><span class="tag a">A</span>first statement, <span class="swatch a">marked like this</span>
in its article; <span class="tag b">B</span>second statement,
<span class="swatch b">marked like this</span>; text quoted by both is
<span class="swatch ab">marked like this</span>.</p>
</div>
{none}</header>"""


def _plural(n: int, word: str) -> str:
    """``3 articles``, ``1 article``: counts read as sentences in the header."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


# --------------------------------------------------------------------------------------------
# One contradiction.
# --------------------------------------------------------------------------------------------
def _pair(
    rank: int, result: Mapping[str, Any], articles: Mapping[str, str], anchors: Mapping[str, str]
) -> str:
    """A pair's section: score, both statements, the model's notes, both quotes in context."""
    a, b = result["a"], result["b"]
    heading = (
        f'<h2><span class="rank">#{rank}</span> {_speaker(a)} '
        f'<span class="vs">vs</span> {_speaker(b)}</h2>'
    )
    sides = "\n".join(_side(side, result[side], anchors) for side in SIDES)
    return "\n".join(
        [
            f'<section class="pair" id="pair-{rank}">',
            heading,
            _score(result["probabilities"], result.get("label")),
            _timeline(result),
            f'<div class="sides">\n{sides}\n</div>',
            _notes(result),
            "<h3>In context</h3>",
            *_contexts(result, articles, anchors),
            "</section>",
        ]
    )


def _speaker(statement: Mapping[str, Any]) -> str:
    """The speaker as written, or what stands in for one when the outlet speaks itself."""
    speaker = statement.get("speaker")
    return escape(speaker) if speaker else '<span class="muted">the article itself</span>'


def _timeline(result: Mapping[str, Any]) -> str:
    """The earlier / later mark of a pair whose figures differ between two dates: a toll that
    rose between two reports is news moving, not necessarily two sources clashing."""
    moved = result.get("timeline")
    if not moved:
        return ""
    earlier, later = moved["earlier"], moved["later"]
    return (
        f'<p class="timeline"><strong>Earlier / later:</strong> '
        f'<span class="tag {earlier}">{earlier.upper()}</span>was published '
        f'{_plural(moved["days"], "day")} before <span class="tag {later}">{later.upper()}</span>'
        "and their figures differ: the figures may have moved between the two reports rather "
        "than clashed.</p>"
    )


def _score(probabilities: Mapping[str, float], label: str | None = None) -> str:
    """P(contradict) as a percentage and a bar, then the two other labels' probabilities."""
    p = probabilities["contradict"]
    rest = " · ".join(
        f"{label} {_percent(probabilities[label])}"
        for label in ("agree", "neutral")
        if label in probabilities
    )
    named = f"labelled <strong>{escape(label)}</strong> · " if label else ""
    return (
        f'<p class="score">{named}P(contradict) <strong>{_percent(p)}</strong>'
        f'<span class="bar" aria-hidden="true"><span style="width: {p * 100:.1f}%"></span></span>'
        f"{rest}</p>"
    )


def _percent(p: float) -> str:
    """A probability as a whole percentage that never rounds to certainty (``>99%``, ``<1%``)."""
    whole = round(p * 100)
    if whole >= 100 and p < 1:
        return "&gt;99%"
    if whole <= 0 < p:
        return "&lt;1%"
    return f"{whole}%"


def _side(side: str, statement: Mapping[str, Any], anchors: Mapping[str, str]) -> str:
    """One statement: who, through which frame, where, and the quote itself."""
    cue = statement.get("cue")
    cue_line = f'<p class="cue">{escape(cue)}</p>' if cue else ""
    tag = f'<span class="tag {side}">{side.upper()}</span>'
    return f"""<div class="side {side}">
<p class="who">{tag}<strong>{_speaker(statement)}</strong></p>
{cue_line}<p class="claim"{_lang(statement)}>{escape(statement_text(statement))}</p>
<blockquote{_lang(statement)}>{escape(statement["quote"])}</blockquote>
<p class="source">in {_where(statement, anchors)}</p>
</div>"""


def _where(statement: Mapping[str, Any], anchors: Mapping[str, str]) -> str:
    """Where a statement was printed: its article (linked), paragraph, outlet and date."""
    parts = [_article_ref(statement["article"], anchors)]
    if statement.get("paragraph"):
        parts[0] += f", paragraph {int(statement['paragraph'])}"
    parts += [escape(str(statement[k])) for k in ("outlet", "date") if statement.get(k)]
    return " · ".join(parts)


def _lang(statement: Mapping[str, Any]) -> str:
    """A ``lang`` attribute, so that screen readers and hyphenation treat French as French."""
    lang = statement.get("lang")
    return f' lang="{escape(lang)}"' if lang else ""


def _article_ref(name: str, anchors: Mapping[str, str]) -> str:
    """An article's name, linked to its entry in the index when its text was given."""
    cite = f"<cite>{escape(name)}</cite>"
    return f'<a href="#{anchors[name]}">{cite}</a>' if name in anchors else cite


def _notes(result: Mapping[str, Any]) -> str:
    """What the cue families saw ("quantities 200–900 vs 4,000–6,000 do not overlap")."""
    cues = (result.get("explanation") or {}).get("cues") or []
    if not cues:
        return ""
    items = "\n".join(f"<li>{escape(note)}</li>" for note in cues)
    return f'<h3>Why the model flagged it</h3>\n<ul class="notes">\n{items}\n</ul>'


# --------------------------------------------------------------------------------------------
# Quotes in their articles.
# --------------------------------------------------------------------------------------------
def _contexts(
    result: Mapping[str, Any], articles: Mapping[str, str], anchors: Mapping[str, str]
) -> Iterator[str]:
    """One excerpt per article (both quotes in one when they share it), or a note per quote.

    Each quote is marked only where its offsets put it and only if the text there is the quote;
    otherwise the quote, already shown above, is not marked anywhere and a note says why.
    """
    spans: dict[str, dict[str, Span]] = {}  # article -> side -> span, in order of first side
    for side in SIDES:
        statement = result[side]
        name = statement["article"]
        problem = _locate_problem(statement, articles.get(name))
        if problem:
            yield (
                f'<p class="note"><span class="tag {side}">{side.upper()}</span>'
                f"The quote is shown alone: {problem}.</p>"
            )
        else:
            spans.setdefault(name, {})[side] = (statement["start"], statement["end"])
    for name, marks in spans.items():
        lang = _lang(result[next(iter(marks))])
        yield _excerpt(articles[name], marks, _article_ref(name, anchors), lang)


def _locate_problem(statement: Mapping[str, Any], text: str | None) -> str | None:
    """Why the statement's offsets cannot be trusted in ``text``, or None when they can."""
    if text is None:
        return "its article's text was not given"
    start, end = statement.get("start"), statement.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return "its offsets fall outside its article"
    if text[start:end] != statement["quote"]:
        return "the article's text at its offsets is not the quote (was the article changed?)"
    return None


def _excerpt(text: str, marks: Mapping[str, Span], ref: str, lang: str) -> str:
    """The paragraphs of ``text`` holding the marked spans, with ``[…]`` where text is left out."""
    regions = _regions(text, list(marks.values()))
    parts: list[str] = []
    previous = 0
    for lo, hi in regions:
        if text[previous:lo].strip():
            parts.append('<p class="gap">[…]</p>')
        parts.append(f"<p>{_marked(text, lo, hi, marks)}</p>")
        previous = hi
    if text[previous:].strip():
        parts.append('<p class="gap">[…]</p>')
    body = "\n".join(parts)
    return f"<figure{lang}>\n<figcaption>{ref}</figcaption>\n{body}\n</figure>"


def _regions(text: str, spans: list[Span]) -> list[Span]:
    """The stretches of ``text`` to show: every paragraph of a short article, else those that
    hold a span, each cut down to the text around its spans if it is very long."""
    paragraphs = list(_paragraphs(text))
    if len(text) > SHORT_ARTICLE:
        paragraphs = [p for p in paragraphs if any(_overlap(p, s) for s in spans)]
    return [part for p in paragraphs for part in _window(text, p, spans)]


def paragraph_starts(text: str) -> list[int]:
    """Where each paragraph of ``text`` starts, in order (as the report cuts paragraphs), so
    that a statement's paragraph number is ``bisect_right(starts, offset)``."""
    return [start for start, _ in _paragraphs(text)]


def _paragraphs(text: str) -> Iterator[Span]:
    """Paragraph spans, without their surrounding blank space.

    Paragraphs are separated by blank lines; text with no blank line at all (as copied from
    many web pages) has one paragraph per line.
    """
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _NEWLINE
    start = 0
    for cut in [*separator.finditer(text), None]:
        end = cut.start() if cut else len(text)
        body = _PARAGRAPH_BODY.search(text, start, end)
        if body:
            yield body.span()
        start = cut.end() if cut else end


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _window(text: str, paragraph: Span, spans: Iterable[Span]) -> list[Span]:
    """A paragraph, or for a very long one the text around each span in it (merged, and cut
    at spaces so that no word is split), so that one huge paragraph does not drown the quote."""
    lo, hi = paragraph
    if hi - lo <= LONG_PARAGRAPH:
        return [paragraph]
    parts: list[Span] = []
    for start, end in sorted(s for s in spans if _overlap(paragraph, s)):
        left = _word_start(text, start - CONTEXT, lo)
        right = _word_end(text, end + CONTEXT, hi)
        if parts and left <= parts[-1][1]:
            parts[-1] = (parts[-1][0], max(parts[-1][1], right))
        else:
            parts.append((left, right))
    return parts


def _word_start(text: str, pos: int, lo: int) -> int:
    """The start of the word at ``pos``, but not before ``lo``."""
    if pos <= lo:
        return lo
    return text.rfind(" ", lo, pos) + 1 or lo


def _word_end(text: str, pos: int, hi: int) -> int:
    """The end of the word at ``pos``, but not after ``hi``."""
    space = text.find(" ", pos, hi) if pos < hi else -1
    return hi if space < 0 else space


def _marked(text: str, lo: int, hi: int, marks: Mapping[str, Span]) -> str:
    """``text[lo:hi]`` escaped, with each marked span wrapped in ``<mark>``.

    The text is cut at every span boundary; each piece is covered by a fixed set of spans and
    becomes one ``<mark>`` whose class lists them (``a``, ``b``, ``ab``). Overlapping and nested
    spans thus never produce crossed tags. A span's first piece carries its letter as a label.
    """
    cuts = sorted({lo, hi} | {p for span in marks.values() for p in span if lo < p < hi})
    pieces = []
    for x, y in pairwise(cuts):
        piece = escape(text[x:y])
        covering = "".join(side for side in SIDES if side in marks and _covers(marks[side], x, y))
        if not covering:
            pieces.append(piece)
            continue
        starting = " ".join(side.upper() for side in covering if marks[side][0] == x)
        label = f' data-label="{starting}"' if starting else ""
        pieces.append(f'<mark class="{covering}"{label}>{piece}</mark>')
    return "".join(pieces)


def _covers(span: Span, x: int, y: int) -> bool:
    return span[0] <= x and y <= span[1]


# --------------------------------------------------------------------------------------------
# The other pairs and the index.
# --------------------------------------------------------------------------------------------
def _others(others: list[tuple[int, dict]], top: int | None, total: int | None = None) -> str:
    """The pairs not labelled *contradict*, collapsed: to see what the model ranked next.
    ``total`` is how many there are when ``others`` holds only the first of them."""
    shown = others if top is None else others[:top]
    if not shown:
        return ""
    total = len(others) if total is None else total
    count = (
        _plural(total, "other pair")
        if len(shown) == total
        else f"The {len(shown):,} highest of {_plural(total, 'other pair')}"
    )
    rows = "\n".join(_other_row(rank, r) for rank, r in shown)
    return f"""<details>
<summary>{count} (not labelled contradict), by P(contradict)</summary>
<table>
<thead><tr><th>#</th><th>P(contradict)</th><th>label</th><th>A</th><th>B</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</details>"""


def _other_row(rank: int, result: Mapping[str, Any]) -> str:
    """One table row: rank, score, label and both statements, without context."""
    cells = "".join(
        f'<td><p><strong>{_speaker(s)}</strong> <span class="muted">'
        f"({_where(s, {})})</span></p><p{_lang(s)}>{escape(statement_text(s))}</p></td>"
        for s in (result["a"], result["b"])
    )
    p = _percent(result["probabilities"]["contradict"])
    return (
        f'<tr><td class="num">{rank}</td><td class="num">{p}</td>'
        f"<td>{escape(result['label'])}{' (earlier / later)' if result.get('timeline') else ''}"
        f"</td>{cells}</tr>"
    )


def _index(
    results: list[dict],
    articles: Mapping[str, str],
    anchors: Mapping[str, str],
    found: list[tuple[int, dict]],
    by_article: Mapping[str, int],
) -> str:
    """Every article scanned, its size, its statements in the scan, and the contradictions
    that quote it, so that a reader can start from an outlet rather than from a pair.
    ``by_article`` counts each article's statements when ``results`` holds only some pairs."""
    items = []
    for name, text in articles.items():
        statements = by_article.get(name)
        if statements is None:
            statements = len(
                {s["id"] for r in results for s in (r["a"], r["b"]) if s["article"] == name}
            )
        pairs = [rank for rank, r in found if name in (r["a"]["article"], r["b"]["article"])]
        links = ", ".join(f'<a href="#pair-{rank}">#{rank}</a>' for rank in pairs)
        items.append(
            f'<li id="{anchors[name]}"><cite>{escape(name)}</cite> '
            f'<span class="muted">{_plural(len(text), "character")}, '
            f"{_plural(statements, 'statement')}</span>"
            + (f" · contradictions {links}" if links else "")
            + "</li>"
        )
    listing = "\n".join(items) if items else '<li class="muted">none</li>'
    return f'<section id="articles">\n<h2>Articles</h2>\n<ol>\n{listing}\n</ol>\n</section>'
