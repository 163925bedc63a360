"""The HTML scan report: a sound document, escaped text, no requests, and marks where offsets say.

Every article and statement here is written for these tests. The report is read back with
``html.parser`` (as a browser would tokenise it), never with string searches alone, so that an
escaping mistake shows up as a stray tag or attribute rather than slipping past a substring test.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from stance.report import render_html

VOID = {"meta", "br", "wbr", "hr", "img", "link", "input", "source"}

PONT_FR = (
    "Le pont de Tours a rouvert lundi matin, a annoncé la mairie dans un communiqué. "
    "« Le pont restera fermé jusqu'au printemps », a pourtant déclaré le préfet mardi."
)
BRIDGE_EN = (
    "The bridge in Tours reopened on Monday, the town hall said.\n\n"
    "Engineers said the bridge would stay closed until the spring, citing cracks in a pier."
)
HOSTILE = "<script>alert(1)</script> \"onmouseover=alert(2) x=\" &amp; 'single'"


# --------------------------------------------------------------------------------------------
# Builders: statements, results, and a reader for the report.
# --------------------------------------------------------------------------------------------
def stmt(
    article: str,
    text: str,
    quote: str,
    n: int = 1,
    speaker: str | None = "la mairie",
    start: int | None = None,
    **extra: object,
) -> dict:
    """A statement dict as ``Statement.to_dict()`` gives it; offsets from the text by default."""
    start = text.index(quote) if start is None else start
    return {
        "id": f"{article}#{n}",
        "article": article,
        "start": start,
        "end": start + len(quote),
        "quote": quote,
        "speaker": speaker,
        "cue": "a déclaré",
        "claim": quote,
        "lang": "fr",
        **extra,
    }


def result(a: dict, b: dict, p: float = 0.8, label: str = "contradict", **extra: object) -> dict:
    """A scan result with P(contradict) ``p`` and the rest split between the other labels."""
    rest = round((1 - p) / 2, 6)
    probabilities = {"agree": rest, "contradict": p, "neutral": rest}
    return {"a": a, "b": b, "label": label, "probabilities": probabilities, **extra}


class Page(HTMLParser):
    """The report as a browser's tokeniser sees it.

    Records tag counts, every attribute, nesting errors, the visible text, the CSS, and each
    excerpt (``<figure>``) as paragraphs of ``(text, mark class or None)`` pieces.
    """

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.tags: Counter[str] = Counter()
        self.attrs: list[tuple[str, str, str | None]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.css: list[str] = []
        self.figures: list[list[list[tuple[str, str | None]]]] = []
        self.feed(document)
        self.close()
        self.errors += [f"<{tag}> never closed" for tag, _ in self.stack]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attrs += [(tag, name, value) for name, value in attrs]
        d = dict(attrs)
        if "id" in d:
            assert d["id"] not in self.ids, f"duplicate id {d['id']}"
            self.ids.add(d["id"])
        if tag == "figure":
            self.figures.append([])
        if tag == "p" and self._open("figure") is not None and d.get("class") != "gap":
            self.figures[-1].append([])
        if tag not in VOID:
            self.stack.append((tag, d))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._open("style") is not None:
            self.css.append(data)
            return
        self.text.append(data)
        paragraph = self._open("p")
        in_figure = self._open("figure") is not None
        if in_figure and paragraph is not None and paragraph.get("class") != "gap":
            mark = self._open("mark")
            self.figures[-1][-1].append((data, None if mark is None else mark["class"]))

    def _open(self, tag: str) -> dict | None:
        """The attributes of the innermost open ``tag``, or None when none is open."""
        return next((d for t, d in reversed(self.stack) if t == tag), None)

    @property
    def plain(self) -> str:
        """The visible text, with runs of white space collapsed as a browser does."""
        return re.sub(r"\s+", " ", "".join(self.text))


def paragraphs(figure: list[list[tuple[str, str | None]]]) -> list[str]:
    """The text of each paragraph of an excerpt, marks and all."""
    return ["".join(text for text, _ in paragraph) for paragraph in figure]


def marked_span(paragraph: list[tuple[str, str | None]], side: str) -> tuple[int, int]:
    """Where ``side``'s marks lie in the paragraph's text; they must form one unbroken run."""
    covered, position = [], 0
    for text, mark in paragraph:
        if mark is not None and side in mark:
            covered += range(position, position + len(text))
        position += len(text)
    assert covered == list(range(covered[0], covered[-1] + 1)), f"{side} marks are broken"
    return covered[0], covered[-1] + 1


def contradiction(**extra: object) -> dict:
    """The French prefecture against the English engineers: one pair, two articles."""
    a = stmt(
        "pont.fr.txt", PONT_FR, "« Le pont restera fermé jusqu'au printemps »", speaker="le préfet"
    )
    b = stmt("bridge.en.txt", BRIDGE_EN, "The bridge in Tours reopened on Monday", lang="en")
    return result(a, b, **extra)


ARTICLES = {"pont.fr.txt": PONT_FR, "bridge.en.txt": BRIDGE_EN}


# --------------------------------------------------------------------------------------------
# The document.
# --------------------------------------------------------------------------------------------
def test_it_is_one_balanced_html5_document():
    html = render_html([contradiction()], ARTICLES)
    page = Page(html)
    assert html.startswith("<!doctype html>\n")
    assert (page.tags["html"], page.tags["head"], page.tags["body"], page.tags["title"]) == (
        1,
        1,
        1,
        1,
    )
    assert ("meta", "charset", "utf-8") in page.attrs
    assert page.errors == []


def test_output_is_deterministic_and_leaves_its_input_alone():
    results = [contradiction(explanation={"features": [], "cues": ["12 vs 40"]})]
    before = copy.deepcopy(results)
    assert render_html(results, ARTICLES) == render_html(results, ARTICLES)
    assert results == before


def test_every_internal_link_has_a_target():
    page = Page(render_html([contradiction()], ARTICLES))
    targets = [value for tag, name, value in page.attrs if tag == "a" and name == "href"]
    assert targets, "the index and the pairs should link to each other"
    assert all(t.startswith("#") and t[1:] in page.ids for t in targets)


# --------------------------------------------------------------------------------------------
# Hostile text and requests.
# --------------------------------------------------------------------------------------------
def hostile_report() -> str:
    """A report in which every piece of text a scan carries is hostile."""
    name = f"{HOSTILE}.txt"
    text = f"Avant. {HOSTILE} a dit « ceci </mark> cela ». http://evil.example/x.png //cdn.example"
    quote = "« ceci </mark> cela »"
    a = stmt(name, text, quote, speaker=HOSTILE, cue=HOSTILE, lang='" onmouseover="alert(3)')
    b = stmt(name, text, "Avant.", n=2, speaker=HOSTILE)
    cues = {"features": [], "cues": [HOSTILE]}
    results = [result(a, b, explanation=cues), result(b, a, 0.1, label=HOSTILE)]
    return render_html(results, {name: text}, title=HOSTILE)


def test_hostile_text_is_escaped_everywhere():
    html = hostile_report()
    page = Page(html)
    assert page.errors == []
    assert "<script" not in html.lower()
    assert '"onmouseover=' not in html
    assert not [a for a in page.attrs if a[1].startswith("on")]
    assert set(page.tags) <= {
        *"html head meta title style body header h1 h2 h3 p div span em strong".split(),
        *"section blockquote a cite ul li figure figcaption mark ol".split(),
        *"details summary table thead tbody tr th td".split(),
    }
    # The hostile text is shown as text, exactly, entity and all.
    assert HOSTILE in "".join(page.text)
    assert "&amp;amp;" in html


def test_a_quote_containing_a_closing_mark_is_marked_whole():
    page = Page(hostile_report())
    (figure,) = page.figures
    marks = [text for paragraph in figure for text, mark in paragraph if mark == "a"]
    assert "".join(marks) == "« ceci </mark> cela »"


def test_nothing_is_requested_from_anywhere():
    page = Page(hostile_report())
    for tag, name, value in page.attrs:
        if name in {"src", "href", "srcset", "action", "poster", "data", "style"}:
            assert not re.search(r"(https?:)?//", value or ""), (tag, name, value)
    assert not page.tags.keys() & {"script", "link", "img", "iframe", "object", "embed", "base"}
    css = "".join(page.css).lower()
    assert css
    assert "url(" not in css and "@import" not in css and "//" not in css


# --------------------------------------------------------------------------------------------
# Marks from offsets.
# --------------------------------------------------------------------------------------------
def test_each_quote_is_marked_exactly_where_its_offsets_say():
    page = Page(render_html([contradiction()], ARTICLES))
    fr, en = page.figures
    assert paragraphs(fr) == [PONT_FR]  # short: the whole article, not a character lost
    assert paragraphs(en) == BRIDGE_EN.split("\n\n")
    a, b = contradiction()["a"], contradiction()["b"]
    assert marked_span(fr[0], "a") == (a["start"], a["end"])
    assert marked_span(en[0], "b") == (b["start"], b["end"])
    assert all(mark in {None, "a"} for _, mark in fr[0])
    assert {("figure", "lang", "fr"), ("figure", "lang", "en")} <= set(page.attrs)


def test_a_repeated_quote_is_marked_at_its_offsets_not_where_it_first_occurs():
    text = "Le pont est fermé. Le maire le répète : Le pont est fermé. Fin."
    quote = "Le pont est fermé."
    second = text.index(quote, 1)
    a = stmt("pont.txt", text, quote, start=second)
    b = stmt("bridge.en.txt", BRIDGE_EN, "The bridge in Tours reopened on Monday", lang="en")
    page = Page(render_html([result(a, b)], {"pont.txt": text, "bridge.en.txt": BRIDGE_EN}))
    assert marked_span(page.figures[0][0], "a") == (second, second + len(quote))


def test_two_quotes_of_one_article_are_marked_in_one_excerpt():
    a = stmt("pont.fr.txt", PONT_FR, "Le pont de Tours a rouvert lundi matin")
    b = stmt("pont.fr.txt", PONT_FR, "« Le pont restera fermé jusqu'au printemps »", n=2)
    page = Page(render_html([result(a, b)], {"pont.fr.txt": PONT_FR}))
    (figure,) = page.figures
    assert paragraphs(figure) == [PONT_FR]
    assert marked_span(figure[0], "a") == (a["start"], a["end"])
    assert marked_span(figure[0], "b") == (b["start"], b["end"])


@pytest.mark.parametrize(
    ("span_a", "span_b"),
    [
        ((0, 40), (20, 79)),  # overlapping
        ((20, 79), (0, 40)),  # overlapping, B first
        ((0, 120), (30, 60)),  # B inside A
        ((30, 60), (0, 120)),  # A inside B
        ((10, 50), (10, 50)),  # the same span
        ((0, 38), (38, 79)),  # touching
        ((10, 50), (10, 30)),  # same start
        ((10, 50), (30, 50)),  # same end
    ],
)
def test_overlapping_and_nested_quotes_are_both_marked(span_a, span_b):
    a = stmt("pont.fr.txt", PONT_FR, PONT_FR[slice(*span_a)], start=span_a[0])
    b = stmt("pont.fr.txt", PONT_FR, PONT_FR[slice(*span_b)], n=2, start=span_b[0])
    page = Page(render_html([result(a, b)], {"pont.fr.txt": PONT_FR}))
    assert page.errors == []
    (figure,) = page.figures
    assert paragraphs(figure) == [PONT_FR]
    assert marked_span(figure[0], "a") == span_a
    assert marked_span(figure[0], "b") == span_b
    assert {mark for _, mark in figure[0]} <= {None, "a", "b", "ab"}


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"start": 1, "end": 41}, "is not the quote"),  # shifted by one character
        ({"start": 150, "end": 190}, "outside its article"),
        ({"start": 40, "end": 10}, "outside its article"),
        ({"start": None, "end": None}, "outside its article"),
        ({"article": "missing.txt"}, "was not given"),
    ],
)
def test_offsets_that_do_not_match_show_the_quote_alone(change, why):
    a = {**stmt("pont.fr.txt", PONT_FR, PONT_FR[0:40], speaker="A"), **change}
    b = stmt("pont.fr.txt", PONT_FR, "« Le pont restera fermé jusqu'au printemps »", n=2)
    page = Page(render_html([result(a, b)], {"pont.fr.txt": PONT_FR}))
    assert page.errors == []
    (figure,) = page.figures  # B's article, with B marked and A nowhere
    assert marked_span(figure[0], "b") == (b["start"], b["end"])
    assert all(mark in {None, "b"} for _, mark in figure[0])
    assert "The quote is shown alone: " in page.plain and why in page.plain
    assert PONT_FR[0:40] in page.plain  # the quote itself, in its blockquote


# --------------------------------------------------------------------------------------------
# Long articles.
# --------------------------------------------------------------------------------------------
def test_a_long_article_shows_only_the_paragraphs_that_hold_the_quotes():
    filler = [f"Paragraphe {i} : la circulation est déviée par le quai." * 6 for i in range(8)]
    quote = "« Le pont restera fermé jusqu'au printemps », a déclaré le préfet."
    text = "\n\n".join([*filler[:4], quote + " Il a ajouté des détails.", *filler[4:]])
    a = stmt("long.txt", text, quote)
    b = stmt("bridge.en.txt", BRIDGE_EN, "The bridge in Tours reopened on Monday", lang="en")
    html = render_html([result(a, b)], {"long.txt": text, "bridge.en.txt": BRIDGE_EN})
    page = Page(html)
    assert len(text) > 1500
    assert paragraphs(page.figures[0]) == [quote + " Il a ajouté des détails."]
    assert "Paragraphe 3" not in page.plain
    assert html.count('<p class="gap">[…]</p>') >= 2  # before and after, in the long article


@pytest.mark.parametrize(("near", "parts"), [(False, 2), (True, 1)])
def test_one_huge_paragraph_is_cut_down_around_the_quotes_between_words(near, parts):
    words = " ".join(f"mot{i}" for i in range(1500))
    quote = "« Le pont restera fermé »"
    text = f"{words} {quote} {words}"
    a = stmt("mur.txt", text, quote)
    other = "mot12 mot13"  # thousands of words before the quote, a few words after it
    b = stmt("mur.txt", text, other, n=2, start=(text.rindex if near else text.index)(other))
    page = Page(render_html([result(a, b)], {"mur.txt": text}))
    (figure,) = page.figures
    shown = paragraphs(figure)
    assert len(shown) == parts and all(len(p) < 1000 for p in shown)
    for paragraph in shown:
        assert paragraph in text and re.fullmatch(r"\S.*\S", paragraph)
        start = text.index(paragraph)
        end = start + len(paragraph)
        assert start == 0 or text[start - 1] == " "
        assert end == len(text) or text[end] == " "
    marked = ["".join(t for t, mark in p if mark == "a") for p in figure]
    assert quote in marked


# --------------------------------------------------------------------------------------------
# What the report says.
# --------------------------------------------------------------------------------------------
def test_the_header_counts_articles_statements_and_pairs():
    first = contradiction()
    other = stmt("pont.fr.txt", PONT_FR, "Le pont de Tours a rouvert lundi matin", n=2)
    results = [first, result(first["a"], other, 0.3, "neutral"), result(other, first["b"], 0.2)]
    articles = {**ARTICLES, "vide.txt": "Rien."}
    page = Page(render_html(results, articles, title="Tours, le pont"))
    assert "3 articles · 3 statements · 3 pairs scanned · 2 likely contradictions" in page.plain
    assert page.tags["h1"] == 1 and "Tours, le pont" in page.plain
    single = Page(render_html([first], {"pont.fr.txt": PONT_FR}))
    assert "1 article · 2 statements · 1 pair scanned · 1 likely contradiction" in single.plain


def test_an_empty_scan_still_renders_a_report_that_says_so():
    page = Page(render_html([], {}))
    assert page.errors == []
    assert "0 articles · 0 statements · 0 pairs scanned" in page.plain
    assert "No contradiction was found" in page.plain
    assert page.tags["section"] == 1  # the (empty) index only
    assert page.tags["details"] == 0


def test_a_scan_without_contradiction_says_so_and_lists_the_pairs():
    html = render_html([contradiction(p=0.3, label="neutral")], ARTICLES)
    assert "No contradiction was found" in Page(html).plain
    assert html.index("<details>") < html.index("The bridge in Tours reopened on Monday")


def test_pairs_not_labelled_contradict_go_only_in_the_collapsed_list():
    neutral = [
        result(
            stmt("pont.fr.txt", PONT_FR, PONT_FR[:20], n=i, speaker=f"voisin {i}"),
            stmt("pont.fr.txt", PONT_FR, PONT_FR[30:50], n=10 + i),
            0.4 - i / 100,
            "agree",
        )
        for i in range(5)
    ]
    results = [contradiction(p=0.9), neutral[0], contradiction(p=0.35), *neutral[1:]]
    html = render_html(results, ARTICLES, top=2)
    sections, details = html.split("<details>")
    assert Page(sections).plain.count("le préfet vs") == 2  # every contradiction, whatever top
    assert 'id="pair-1"' in sections and 'id="pair-3"' in sections
    assert "voisin" not in sections
    assert "voisin 0" in details and "voisin 1" in details and "voisin 2" not in details
    assert "The 2 highest of 5 other pairs" in Page(details).plain
    assert "<details>" not in render_html(results, ARTICLES, top=0)
    with pytest.raises(ValueError, match="top"):
        render_html(results, ARTICLES, top=-1)


def test_a_pair_shows_rank_probability_speakers_cues_and_notes():
    notes = {"features": [], "cues": ["quantities 200–900 vs 4,000–6,000 do not overlap"]}
    page = Page(render_html([contradiction(p=0.8734, explanation=notes)], ARTICLES))
    text = page.plain
    assert "#1 le préfet vs la mairie" in text
    assert "P(contradict) 87%" in text and "agree 6% · neutral 6%" in text
    assert "a déclaré" in text
    assert "quantities 200–900 vs 4,000–6,000 do not overlap" in text


@pytest.mark.parametrize(
    ("p", "shown"), [(0.999, ">99%"), (0.004, "<1%"), (1.0, "100%"), (0.0, "0%"), (0.5, "50%")]
)
def test_percentages_never_round_to_certainty(p, shown):
    assert f"P(contradict) {shown}" in Page(render_html([contradiction(p=p)], ARTICLES)).plain


def test_the_index_lists_every_article_and_its_contradictions():
    articles = {**ARTICLES, "autre.txt": "Un autre article."}
    page = Page(render_html([contradiction()], articles))
    index = page.plain[page.plain.index("Articles ") :]
    assert f"pont.fr.txt {len(PONT_FR)} characters, 1 statement · contradictions #1" in index
    assert "autre.txt 17 characters, 0 statements" in index
