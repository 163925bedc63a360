"""Behavioural test cases generated from templates, fillers and the shared lexicons.

A template is one news statement pattern written twice, in French and in English, with the
phenomenon it tests in the contrast between its two sides (``a`` and ``b``). Its placeholders
are filled from three sources, so that the wording stays data and the code only combines it:

- ``{town}``, ``{site_m}``, ``{person_f}``...: subject fillers (``fillers.jsonl``), each in
  both languages; ``{town2}`` is a second, different town; ``{group.sg}`` a filler's other form;
- ``{weekday}``, ``{month}``, ``{part_of_day}``, ``{compass}``, ``{season}``: words of
  ``lexicons/time.tsv``, so that a line added there reaches the suite too;
- ``{V}`` and ``{V2}``: the first and second value of an entry of the item list that the
  template names for ``V`` (``items.jsonl``: contrasting words such as "rose" / "fell", figures
  such as "4,000" / "four thousand"; an entry may override the template's label).

Templates, fillers and attribution frames are split into a ``train`` half and a ``test`` half
that share none of them, so that a model trained on the train half and scored on the test half
is scored on sentences and subjects it never saw; item lists and lexicons are vocabulary that
both halves use. Each template and language draws from its own ``random.Random`` seeded by the
seed, template and language, so that adding a template changes no other template's cases.

Templates give the minimum functionality tests (MFT: a pair and its label); the invariance
(INV) and directional (DIR) tests perturb a sample of them (sides swapped, an attribution frame
added, a number rewritten, capitals and punctuation changed; side a restated).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from ..errors import StanceError
from ..text import lexicon_rows

Lang = Literal["fr", "en", "fr-en"]
TestType = Literal["MFT", "INV", "DIR"]

SPLITS = ("train", "test")
LANGS: tuple[Lang, ...] = ("fr", "en", "fr-en")
MFT_CAPABILITIES = (
    "identity",
    "identity_confident",
    "paraphrase",
    "unrelated",
    "compatible",
    "direction",
    "figures",
    "negation",
    "opposites",
    "time_place",
    "quantifiers",
    "roles",
)
INV_CAPABILITIES = ("swap", "attribution", "number_format", "case_punct")
DIR_CAPABILITIES = ("contrast",)
CAPABILITIES = MFT_CAPABILITIES + INV_CAPABILITIES + DIR_CAPABILITIES
"""Every capability the suite reports, in the order of its table."""

PER_TEMPLATE = 12
"""Cases drawn from each template in each language: every capability has at least four
templates per half, so at least 48 cases per language."""
PER_INVARIANCE = 48
"""Cases of each invariance and directional test per language and half."""
CONTRASTED = ("direction", "figures", "negation", "opposites", "time_place", "quantifiers", "roles")
"""The capabilities whose contradictions the directional test (``contrast``) starts from."""
TIME_KINDS = ("weekday", "month", "part_of_day", "compass", "season")
# The phrase a time word takes in a sentence ("in the north", "dans la matinée"): the first
# form of its lexicon cell that starts with one of these; weekdays and months take the lemma.
PHRASE_STARTS = {"en": ("in ", "during "), "fr": ("dans l", "en ", "au ", "à l'")}


@dataclass(frozen=True)
class Case:
    """One behavioural test: a pair, what a model should say of it, and why.

    ``label`` is the expected label of an MFT case and of the pairs generated for training.
    INV cases have none: they pass when the model says of ``(a, b)`` what it says of
    ``original``, the pair before the perturbation, whatever that is. A DIR case passes when
    the probability of its ``label`` is higher for ``(a, b)`` than for ``original``.
    """

    id: str
    capability: str
    test_type: TestType
    lang: Lang
    a: str
    b: str
    label: str | None
    note: str
    original: tuple[str, str] | None = None


@dataclass(frozen=True)
class Template:
    """One line of ``templates.jsonl``: a pattern in both languages, what it tests, its label."""

    id: str
    split: str
    capability: str
    label: str
    note: str
    text: dict[str, dict[str, str]]  # language -> side ("a", "b") -> text with placeholders
    items: dict[str, str] = field(default_factory=dict)  # placeholder -> item list name


@dataclass(frozen=True)
class Draw:
    """The values chosen for one case: a filler or time word (``{"en":…, "fr":…}``) per
    lower-case placeholder, an item entry per upper-case one."""

    values: dict[str, dict[str, str]]
    entries: dict[str, dict[str, Any]]


_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+?)(2)?(?:\.([a-z]+))?\}")


def _read_jsonl(name: str) -> list[dict[str, Any]]:
    """The records of one data file beside this module; ``#`` lines are comments."""
    text = files("stance.behaviour").joinpath(name).read_text(encoding="utf-8")
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise StanceError(f"behaviour/{name}, line {number}: {err}") from None
    return records


@cache
def templates() -> tuple[Template, ...]:
    """Every template of both halves, in file order."""
    return tuple(
        Template(
            id=r["id"],
            split=r["split"],
            capability=r["capability"],
            label=r["label"],
            note=r["note"],
            text={"en": r["en"], "fr": r["fr"]},
            items=r.get("items", {}),
        )
        for r in _read_jsonl("templates.jsonl")
    )


@cache
def fillers() -> dict[str, dict[str, list[dict[str, str]]]]:
    """Subject fillers by half, then slot: ``{"test": {"town": [{"en":…, "fr":…}, …]}}``."""
    pools: dict[str, dict[str, list[dict[str, str]]]] = {split: {} for split in SPLITS}
    for r in _read_jsonl("fillers.jsonl"):
        forms = {k: v for k, v in r.items() if k not in ("slot", "split")}
        pools[r["split"]].setdefault(r["slot"], []).append(forms)
    return pools


@cache
def item_lists() -> dict[str, list[dict[str, Any]]]:
    """Item entries by list name: ``{"en": [first, second], "fr": [...], "label"?: ...}``."""
    lists: dict[str, list[dict[str, Any]]] = {}
    for r in _read_jsonl("items.jsonl"):
        lists.setdefault(r["list"], []).append(r)
    return lists


@cache
def time_words() -> dict[str, list[dict[str, str]]]:
    """The words of ``lexicons/time.tsv`` by kind, as a sentence uses them, in both
    languages: "Monday" / "lundi", "in the north" / "dans le nord"."""
    kinds: dict[str, list[dict[str, str]]] = {kind: [] for kind in TIME_KINDS}
    for row in lexicon_rows("time"):
        kind = row["kind"][0]
        kinds[kind].append({lang: _phrase(row[lang], kind, lang) for lang in ("en", "fr")})
    return kinds


def _phrase(forms: list[str], kind: str, lang: str) -> str:
    if kind in ("weekday", "month"):
        return forms[0]
    starts = PHRASE_STARTS[lang]
    for start in starts:  # in order of preference
        for form in forms:
            if form.startswith(start):
                return form
    raise StanceError(f"lexicons/time.tsv: no form of {forms[0]!r} starts with one of {starts}")


@cache
def frames() -> dict[str, dict[str, list[str]]]:
    """Attribution frames by half and language ("According to {official}, {s}")."""
    by: dict[str, dict[str, list[str]]] = {split: {"en": [], "fr": []} for split in SPLITS}
    for r in _read_jsonl("frames.jsonl"):
        by[r["split"]][r["lang"]].append(r["frame"])
    return by


# --- rendering ---------------------------------------------------------------------------------

# French contractions and elisions that filling a slot creates ("à le port" -> "au port",
# "que Ombrelle" -> "qu'Ombrelle"); every template is written with the plain words.
_FRENCH_FIXES = (
    (re.compile(r"\bà le\b"), "au"),
    (re.compile(r"\bà les\b"), "aux"),
    (re.compile(r"\bde le\b"), "du"),
    (re.compile(r"\bde les\b"), "des"),
    (re.compile(r"\b([Qq]u|[Dd]|[Nn]|[Ss]|[Jj])e ([aeiouyéèêâàîôûAEIOUYÉÈÊÂÀÎÔÛ])"), r"\1'\2"),
)


def _fill(text: str, lang: str, draw: Draw, alternative: int = 0) -> str:
    """``text`` with its placeholders replaced by the values of ``draw`` in ``lang``.

    An item value may list alternatives separated by "|" ("4,000|four thousand"):
    ``alternative`` picks one (the first by default; the number-format test picks another).
    """

    def item(match: re.Match[str]) -> str:
        name, second, _ = match.groups()
        if not name.isupper():
            return match.group()
        options = draw.entries[name][lang][1 if second else 0].split("|")
        return options[min(alternative, len(options) - 1)]

    def filler(match: re.Match[str]) -> str:
        name, second, form = match.groups()
        return draw.values[name + (second or "")][f"{lang}.{form}" if form else lang]

    # Items first: their values may hold fillers ("all the {group} have").
    filled = _PLACEHOLDER.sub(filler, _PLACEHOLDER.sub(item, text))
    filled = re.sub(r"\s+", " ", filled).strip()
    return _contracted(filled) if lang == "fr" else filled


def _contracted(french: str) -> str:
    """French text with the contractions and elisions of :data:`_FRENCH_FIXES` made."""
    for pattern, repl in _FRENCH_FIXES:
        french = pattern.sub(repl, french)
    return french


def capitalised(text: str) -> str:
    """A sentence's first letter in upper case (fillers are written as they read mid-sentence:
    "the museum", "le musée")."""
    return text[:1].upper() + text[1:]


def _draw(template: Template, split: str, rng: random.Random) -> Draw:
    """Values for every placeholder of ``template``: fillers of ``split``, time words, items;
    a placeholder and its "2" twin get different values."""
    texts = [t for side in template.text.values() for t in side.values()]
    texts += [
        value
        for name in template.items.values()
        for entry in item_lists()[name]
        for lang in ("en", "fr")
        for value in entry[lang]
    ]
    names = sorted({m.group(1) for t in texts for m in _PLACEHOLDER.finditer(t)})
    values: dict[str, dict[str, str]] = {}
    entries: dict[str, dict[str, Any]] = {}
    for name in names:
        if name.isupper():
            entries[name] = rng.choice(item_lists()[template.items[name]])
            continue
        pool = time_words()[name] if name in TIME_KINDS else fillers()[split].get(name)
        if not pool or len(pool) < 2:
            raise StanceError(f"template {template.id}: too few values for {{{name}}} in {split}")
        first, second = rng.sample(pool, 2)
        values[name], values[name + "2"] = first, second
    return Draw(values, entries)


def _label(template: Template, draw: Draw) -> str:
    """The template's label, or the label of the item entry that overrides it."""
    overrides = [e["label"] for e in draw.entries.values() if "label" in e]
    return overrides[0] if overrides else template.label


def _sides(lang: Lang) -> tuple[str, str]:
    """The languages of sides a and b: French then English for cross-language cases."""
    return ("fr", "en") if lang == "fr-en" else (lang, lang)


@dataclass(frozen=True)
class _Drawn:
    """A generated MFT case with what it was made of, for the perturbations that re-render."""

    case: Case
    template: Template
    draw: Draw

    def side(self, side: int, alternative: int = 0) -> str:
        """Side ``side`` (0: a, 1: b) as it reads inside a longer sentence ("the museum
        reopened", a name keeping its capital), with number ``alternative`` of its items."""
        lang = _sides(self.case.lang)[side]
        return _fill(self.template.text[lang]["ab"[side]], lang, self.draw, alternative)

    def in_english(self, side: int) -> str:
        """Side ``side`` in the English version of the template, for a restatement in the
        language of side b of a cross-language case."""
        return _fill(self.template.text["en"]["ab"[side]], "en", self.draw)

    def replaced(self, side: int, text: str) -> tuple[str, str]:
        """The case's pair with side ``side`` replaced by ``text``."""
        pair = [self.case.a, self.case.b]
        pair[side] = text
        return pair[0], pair[1]


def _template_cases(template: Template, lang: Lang, seed: int) -> list[_Drawn]:
    """Up to :data:`PER_TEMPLATE` distinct cases of one template in one language."""
    rng = random.Random(f"{seed}|{template.id}|{lang}")
    lang_a, lang_b = _sides(lang)
    seen: set[tuple[str, str]] = set()
    drawn: list[_Drawn] = []
    for _ in range(PER_TEMPLATE * 8):  # enough draws to find distinct ones
        draw = _draw(template, template.split, rng)
        a = capitalised(_fill(template.text[lang_a]["a"], lang_a, draw))
        b = capitalised(_fill(template.text[lang_b]["b"], lang_b, draw))
        if (a, b) in seen:
            continue
        seen.add((a, b))
        label = _label(template, draw)
        case_id = f"{template.id}:{lang}:{len(drawn)}"
        drawn.append(
            _Drawn(
                Case(case_id, template.capability, "MFT", lang, a, b, label, template.note),
                template,
                draw,
            )
        )
        if a == b:  # exact identity: the model should also be sure of it
            note = "exact identity, P(agree) at least 0.9"
            drawn.append(
                _Drawn(
                    Case(f"{case_id}:c", "identity_confident", "MFT", lang, a, b, label, note),
                    template,
                    draw,
                )
            )
        if len(seen) == PER_TEMPLATE:
            break
    return drawn


def _mft(split: str, seed: int) -> list[_Drawn]:
    return [
        drawn
        for template in templates()
        if template.split == split
        for lang in LANGS
        for drawn in _template_cases(template, lang, seed)
    ]


# --- invariance ---------------------------------------------------------------------------------


def _sample(drawn: Sequence[_Drawn], rng: random.Random) -> list[_Drawn]:
    return rng.sample(list(drawn), min(PER_INVARIANCE, len(drawn)))


def _inv(name: str, base: _Drawn, a: str, b: str, k: int, note: str) -> Case:
    case = base.case
    return Case(f"{name}:{case.id}:{k}", name, "INV", case.lang, a, b, None, note, (case.a, case.b))


def _swaps(drawn: Sequence[_Drawn], rng: random.Random) -> Iterator[Case]:
    for k, base in enumerate(_sample(drawn, rng)):
        yield _inv("swap", base, base.case.b, base.case.a, k, "b and a: the same probabilities")


def _attributions(drawn: Sequence[_Drawn], split: str, rng: random.Random) -> Iterator[Case]:
    officials = fillers()[split]["official"]
    for k, base in enumerate(_sample(drawn, rng)):
        side = k % 2  # a framed, then b
        lang = _sides(base.case.lang)[side]
        frame = rng.choice(frames()[split][lang])
        official = rng.choice(officials)[lang]
        framed = frame.replace("{s}", base.side(side).rstrip(".!")).replace("{official}", official)
        framed = capitalised(_contracted(framed) if lang == "fr" else framed)
        note = f"attribution added to {'ab'[side]}"
        yield _inv("attribution", base, *base.replaced(side, framed), k, note)


def _number_formats(drawn: Sequence[_Drawn], rng: random.Random) -> Iterator[Case]:
    """The figures cases re-rendered with another way of writing a number on one side."""
    candidates = [
        (base, side)
        for base in drawn
        if base.case.capability == "figures"
        for side in (0, 1)
        if _alternatives(base, side)
    ]
    chosen = rng.sample(candidates, min(PER_INVARIANCE, len(candidates)))
    for k, (base, side) in enumerate(chosen):
        text = capitalised(base.side(side, rng.randint(1, _alternatives(base, side))))
        note = f"number written another way in {'ab'[side]}"
        yield _inv("number_format", base, *base.replaced(side, text), k, note)


def _alternatives(base: _Drawn, side: int) -> int:
    """How many other ways of writing its numbers side ``side`` of a case has (0: none)."""
    lang = _sides(base.case.lang)[side]
    text = base.template.text[lang]["ab"[side]]
    counts = [
        len(base.draw.entries[name][lang][1 if second else 0].split("|")) - 1
        for name, second, _ in _PLACEHOLDER.findall(text)
        if name.isupper()
    ]
    return max(counts, default=0)


CASE_CHANGES = {
    "upper case": str.upper,
    "lower case": str.lower,
    "no final punctuation": lambda text: text.rstrip(".!?"),
}


def _case_punct(drawn: Sequence[_Drawn], rng: random.Random) -> Iterator[Case]:
    for k, base in enumerate(_sample(drawn, rng)):
        change = rng.choice(sorted(CASE_CHANGES))
        side = k % 2
        text = CASE_CHANGES[change]((base.case.a, base.case.b)[side])
        yield _inv("case_punct", base, *base.replaced(side, text), k, f"{change} in {'ab'[side]}")


def _contrasts(drawn: Sequence[_Drawn], rng: random.Random) -> Iterator[Case]:
    """Contradictions measured against side a restated (a, a; across languages, a and its
    English version): what b changes must raise P(contradict), even where the model's label
    does not flip, so that a model moving the right way is told from one that does not move."""
    candidates = [
        base
        for base in drawn
        if base.case.capability in CONTRASTED and base.case.label == "contradict"
    ]
    for k, base in enumerate(_sample(candidates, rng)):
        restated = base.case.a if base.case.lang != "fr-en" else capitalised(base.in_english(0))
        case = base.case
        yield Case(
            f"contrast:{case.id}:{k}",
            "contrast",
            "DIR",
            case.lang,
            case.a,
            case.b,
            "contradict",
            f"P(contradict) above that of a restated ({case.capability})",
            (case.a, restated),
        )


def _invariance(drawn: list[_Drawn], split: str, seed: int) -> list[Case]:
    """The INV and DIR cases of one half, built on its MFT cases in each language."""
    out: list[Case] = []
    for lang in LANGS:
        # Perturbations of a pair that has a label, not of the confident-identity duplicates.
        base = [
            d for d in drawn if d.case.lang == lang and d.case.capability != "identity_confident"
        ]

        def rng(name: str, lang: Lang = lang) -> random.Random:
            return random.Random(f"{seed}|{name}|{split}|{lang}")

        out += _swaps(base, rng("swap"))
        out += _attributions(base, split, rng("attribution"))
        out += _number_formats(base, rng("number_format"))
        out += _case_punct(base, rng("case_punct"))
        out += _contrasts(base, rng("contrast"))
    return out


# --- the public functions ---------------------------------------------------------------------


def cases(split: str = "test", seed: int = 0) -> list[Case]:
    """Every case of one half: MFT cases of each template in French, English and French against
    English, then the invariance cases built on them. The same ``split`` and ``seed`` give the
    same list."""
    if split not in SPLITS:
        raise StanceError(f"unknown split {split!r} (expected one of {', '.join(SPLITS)})")
    drawn = _mft(split, seed)
    return [d.case for d in drawn] + _invariance(drawn, split, seed)


def pairs(split: str = "train", seed: int = 0) -> Iterator[dict[str, str]]:
    """The labelled cases of one half as training pairs (``a``, ``b``, ``label``, ``kind``: the
    capability, ``lang``), in the shape of the pair files: the MFT cases, without the
    confident-identity ones, which repeat identity cases (as the DIR cases repeat
    contradictions; INV cases have no label)."""
    for case in cases(split, seed):
        if case.test_type == "MFT" and case.capability != "identity_confident":
            yield {
                "a": case.a,
                "b": case.b,
                "label": case.label,
                "kind": case.capability,
                "lang": case.lang,
            }
