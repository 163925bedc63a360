"""Labelled training pairs generated from real sentences by rule (FactCC-style).

NLI corpora teach their own conventions: caption pairs about different scenes are labelled
contradictions, and no corpus shows a statement against itself. A reader of the news means
something else by the three labels: the same statement agrees with itself, a sentence of
another story is neutral, and a clash needs one thing said two incompatible ways. The rules of
:mod:`stance.generate.rules` derive such pairs from real sentences (:mod:`.sources`), one
change each: a figure swapped (contradict) or written another way (agree), a verb negated, a
word swapped for its opposite, a date or a place changed, two names swapped around a verb
(contradict), a synonym, a reordered clause, a dropped modifier or an attribution frame
(agree); and pairs of two sentences, another story's or another of the same article (neutral).

Everything is deterministic for a seed: each rule draws from a random generator seeded by the
seed, the rule's name and the sentence's id, so adding a rule or a sentence changes no other
pair. Pairs are split by the document of their source sentence (:func:`.sources.document_split`),
both sentences of a two-sentence pair from one split.

    from stance.generate import generate, sentences
    rows = generate(sentences(data_dir="../shared/data"), seed=0)
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from ..cues.batch import STOPWORDS
from ..text import folded
from .rules import RULES, by_language
from .sources import (
    OWN_SOURCES,
    PUBLIC_SOURCES,
    SPLITS,
    Sentence,
    document_split,
    is_excluded,
    licence,
    sentences,
)

__all__ = [
    "OWN_SOURCES",
    "PAIR_RULES",
    "PUBLIC_SOURCES",
    "RULES",
    "SPLITS",
    "Sentence",
    "document_split",
    "generate",
    "is_excluded",
    "licence",
    "sentences",
]

PAIR_RULES: dict[str, tuple[str, float]] = {
    "other_story": ("neutral", 0.6),
    "same_article": ("neutral", 0.6),
    "same_subject": ("neutral", 0.6),
}
"""Two-sentence rules: name -> (label, share of sentences they start from). ``other_story``
pairs a sentence with one of another document (a third of them in the other language);
``same_article`` with another sentence of its own document (a story's other facts);
``same_subject`` with one of its own document that names the same person, place or body but
says another thing of it ("the trial of X opened on Monday" / "X is accused of fraud"), the
pairs where shared names would otherwise pass for agreement."""

# How often a pair's unchanged side is replaced by its translation (parallel corpora only), and
# how often one side of any pair is put in an attribution frame, which changes no label.
CROSS_SHARE = 0.4
FRAME_SHARE = 0.1


def _rng(seed: int, rule: str, key: str) -> random.Random:
    """The random generator of one rule on one sentence (an integer seed: a string seed costs
    more than the rule itself)."""
    digest = hashlib.blake2b(f"{seed}/{rule}/{key}".encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))


def _content(text: str) -> set[str]:
    return {w for w in folded(text).split() if len(w) > 3}


def _names(text: str) -> set[str]:
    """The capitalised words of a sentence after its first word: its names, roughly."""
    return {w.strip(".,;:!?»«\"'’()") for w in text.split()[1:] if w[:1].isupper()} - {""}


def _row(a: str, b: str, label: str, rule: str, seed: int, s: Sentence, lang: str) -> dict:
    return {
        "a": a,
        "b": b,
        "label": label,
        "generator": rule,
        "seed": seed,
        "sentence": s.id,
        "source": s.source,
        "split": s.split,
        "lang": lang,
    }


_FRAMED_ALREADY = ("Selon", "According", "D'après", "D’après")


def _framed(text: str, lang: str, rng: random.Random) -> str:
    """``text`` in an attribution frame (``frames.tsv``); its opening word lower-cased inside a
    frame when it is a function word ("Over 3,000 households" -> "over 3,000 households")."""
    frames = by_language("frames.tsv").get(lang) or []
    if text.startswith(_FRAMED_ALREADY):
        frames = [f for f in frames if f[0].startswith("{}")]
    if not frames:
        return text
    frame = rng.choice(frames)[0]
    body = text.rstrip(".")
    if frame.startswith("{}"):
        return frame.format(body)
    first = body.split(" ")[0]
    if folded(first) in STOPWORDS or first in {"Over", "More", "About", "Some", "Most"}:
        body = body[:1].lower() + body[1:]
    framed = frame.format(body) + "."
    return re.sub(r"\bque ([aeiouéèêhAEIOUÉÈÊH])", r"qu'\1", framed)


def _vary(row: dict, s: Sentence, rng: random.Random) -> dict:
    """Put the translation for the unchanged side (parallel sentences), and sometimes frame a
    side: neither changes what the pair says."""
    twinned = s.twin and row["a"] == s.text and row["generator"] != "translation"
    if twinned and rng.random() < CROSS_SHARE:
        twin_lang = "en" if s.lang == "fr" else "fr"
        row["a"], row["lang"] = s.twin, f"{twin_lang}-{s.lang}"
    if rng.random() < FRAME_SHARE and row["generator"] not in {"identity", "attribution_add"}:
        side = rng.choice(("a", "b"))
        lang = row["lang"].split("-")[0 if side == "a" else -1]
        row[side] = _framed(row[side], lang, rng)
    if rng.random() < 0.5:  # either order: the label does not depend on it
        row["a"], row["b"] = row["b"], row["a"]
    return row


def _pairs_of_two(
    corpus: Sequence[Sentence], seed: int, rules: Iterable[str]
) -> list[dict[str, Any]]:
    by_split_lang: dict[tuple[str, str], list[Sentence]] = defaultdict(list)
    by_doc: dict[str, list[Sentence]] = defaultdict(list)
    for s in corpus:
        by_split_lang[s.split, s.lang].append(s)
        by_doc[s.doc].append(s)
    rows = []
    for s in corpus:
        for rule in rules:
            label, share = PAIR_RULES[rule]
            rng = _rng(seed, rule, s.id)
            if rng.random() >= share:
                continue
            if rule == "other_story":
                lang = s.lang if rng.random() < 0.67 else ("en" if s.lang == "fr" else "fr")
                pool = by_split_lang[s.split, lang]
                other = pool[rng.randrange(len(pool))] if pool else None
                if other is None or other.doc == s.doc:
                    continue
            else:
                siblings = [t for t in by_doc[s.doc] if t.lang == s.lang and t.id != s.id]
                if rule == "same_subject":
                    names = _names(s.text)
                    siblings = [t for t in siblings if names & _names(t.text)]
                if not siblings:
                    continue
                other = rng.choice(siblings)
                ca, cb = _content(s.text), _content(other.text)
                if ca and cb and len(ca & cb) / min(len(ca), len(cb)) > 0.5:
                    continue  # a near restatement of the same fact: not a neutral pair
            lang = s.lang if other.lang == s.lang else f"{s.lang}-{other.lang}"
            row = _row(s.text, other.text, label, rule, seed, s, lang)
            rows.append(_vary(row, s, rng))
    return rows


def generate(
    corpus: Sequence[Sentence],
    seed: int = 0,
    rules: Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """Labelled pairs made from ``corpus`` by every rule (or the named ones), one dict per pair:
    ``a``, ``b``, ``label``, ``generator`` (the rule), ``seed``, ``sentence`` (the source
    sentence's id), ``source`` (its corpus), ``split`` and ``lang``. Deterministic for a seed."""
    names = list(rules) if rules is not None else [*RULES, *PAIR_RULES]
    unknown = [n for n in names if n not in RULES and n not in PAIR_RULES]
    if unknown:
        raise ValueError(f"unknown rules {unknown}; known: {[*RULES, *PAIR_RULES]}")
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for s in corpus:
        for name in names:
            if name not in RULES:
                continue
            rule = RULES[name]
            rng = _rng(seed, name, s.id)
            if rule.rate < 1 and rng.random() >= rule.rate:
                continue
            made = rule.make(s, rng)
            if made is None or (made[0] != made[1]) != (name != "identity"):
                continue
            if is_excluded(made[1]):
                continue  # a place or a word swapped in must not bring the story back either
            lang = "fr-en" if name == "translation" else s.lang
            row = _vary(_row(*made, rule.label, name, seed, s, lang), s, rng)
            key = (row["a"], row["b"])
            if key not in seen:
                seen.add(key)
                rows.append(row)
    rows += _pairs_of_two(corpus, seed, [n for n in names if n in PAIR_RULES])
    return rows
