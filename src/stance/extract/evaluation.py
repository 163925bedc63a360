"""Scoring extraction against annotated keys."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from .articles import extract, read_article
from .speakers import speakers_agree
from .statement import Statement


def score_extraction(
    predicted: Iterable[Statement],
    key_statements: Iterable[Mapping],
    texts: Mapping[str, str] | None = None,
) -> dict:
    """Precision, recall and speaker accuracy of ``predicted`` against annotated statements.

    Matching: a predicted statement matches a key statement of the same article when their
    character spans overlap by at least half of the shorter span; each key statement is
    matched at most once (greedily, by largest overlap); predictions whose speaker is None
    (narrative) are not counted. A key statement needs ``article``, ``speaker`` and either
    ``start``/``end`` or a ``quote`` that is found in ``texts[article]``.

    Speaker accuracy, over matched statements: the two speakers agree when, after
    case-folding and stripping leading determiners and titles ("la", "the", "M.", "Dr"), they
    are equal, or one contains the other's surname as a word (the surname is the last word of
    the person's name inside the speaker, see :func:`_name_part`; "Le maire de Castelroc,
    Denis Aubanel" and "Aubanel" agree, "la direction" agrees only with "la direction").

    Returns overall ``precision``, ``recall``, ``f1``, ``speaker_accuracy`` and counts, a
    ``per_article`` breakdown, and the ``misses``, ``false_positives`` and ``speaker_errors``
    to look at.
    """
    preds = [p for p in predicted if p.speaker is not None]
    keys = [_located(k, texts) for k in key_statements]
    articles = sorted({k["article"] for k in keys} | {p.article for p in preds})
    per_article: dict[str, dict] = {}
    totals = {"key": 0, "predicted": 0, "matched": 0, "speaker_ok": 0}
    misses: list[dict] = []
    false_positives: list[dict] = []
    speaker_errors: list[dict] = []
    for name in articles:
        a_keys = [k for k in keys if k["article"] == name]
        a_preds = [p for p in preds if p.article == name]
        pairs = _match(a_preds, a_keys)
        ok = [(p, k) for p, k in pairs if speakers_agree(p.speaker, k["speaker"])]
        counts = {
            "key": len(a_keys),
            "predicted": len(a_preds),
            "matched": len(pairs),
            "speaker_ok": len(ok),
        }
        per_article[name] = _figures(counts)
        for field, value in counts.items():
            totals[field] += value
        matched_keys = {id(k) for _, k in pairs}
        matched_preds = {id(p) for p, _ in pairs}
        misses += [_brief_key(k) for k in a_keys if id(k) not in matched_keys]
        false_positives += [_brief_pred(p) for p in a_preds if id(p) not in matched_preds]
        speaker_errors += [
            {"key": _brief_key(k), "predicted": p.speaker}
            for p, k in pairs
            if not speakers_agree(p.speaker, k["speaker"])
        ]
    return {
        **_figures(totals),
        "per_article": per_article,
        "misses": misses,
        "false_positives": false_positives,
        "speaker_errors": speaker_errors,
    }


def score_articles(folder: str | Path, key: str = "key.json") -> dict:
    """:func:`score_extraction` of :func:`extract` on every article named in ``folder/key``.

    The key is JSON: ``{"statements": [{"article", "speaker", "quote", ...}, ...]}``, the
    format of ``data/articles/key.json``.
    """
    folder = Path(folder)
    with open(folder / key, encoding="utf-8") as fh:
        statements = json.load(fh)["statements"]
    texts = {name: read_article(str(folder / name)) for name in {s["article"] for s in statements}}
    predicted = [s for name, text in sorted(texts.items()) for s in extract(text, name)]
    return score_extraction(predicted, statements, texts)


def match_key(
    predicted: Iterable[Statement], key_statements: Iterable[Mapping], texts: Mapping[str, str]
) -> dict[str, str]:
    """Key statement id -> id of the predicted statement it matches (the rule of
    :func:`score_extraction`), for scoring what is built on extraction, such as a scan."""
    preds = [p for p in predicted if p.speaker is not None]
    keys = [_located(k, texts) for k in key_statements]
    return {
        k["id"]: p.id
        for name in {k["article"] for k in keys}
        for p, k in _match(
            [p for p in preds if p.article == name], [k for k in keys if k["article"] == name]
        )
    }


def _located(key: Mapping, texts: Mapping[str, str] | None) -> dict:
    """A key statement with ``start``/``end``, found from its quote when not given."""
    entry = dict(key)
    if "start" not in entry or "end" not in entry:
        text = (texts or {}).get(entry["article"])
        found = -1 if text is None else text.find(entry["quote"])
        if found < 0:
            raise ValueError(f"{entry.get('id', entry['article'])}: quote not found in article")
        entry["start"], entry["end"] = found, found + len(entry["quote"])
    return entry


def _match(preds: list[Statement], keys: list[dict]) -> list[tuple[Statement, dict]]:
    """Greedy one-to-one matching by overlap, each pair overlapping >= half the shorter span."""
    options = []
    for p in preds:
        for k in keys:
            overlap = min(p.end, k["end"]) - max(p.start, k["start"])
            shorter = min(p.end - p.start, k["end"] - k["start"])
            if overlap > 0 and 2 * overlap >= shorter:
                options.append((overlap, id(p), id(k), p, k))
    options.sort(key=lambda o: -o[0])
    used_p: set[int] = set()
    used_k: set[int] = set()
    pairs = []
    for _, pid, kid, p, k in options:
        if pid not in used_p and kid not in used_k:
            used_p.add(pid)
            used_k.add(kid)
            pairs.append((p, k))
    return pairs


def _figures(counts: Mapping[str, int]) -> dict:
    precision = counts["matched"] / counts["predicted"] if counts["predicted"] else 0.0
    recall = counts["matched"] / counts["key"] if counts["key"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    speaker = counts["speaker_ok"] / counts["matched"] if counts["matched"] else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "speaker_accuracy": round(speaker, 4),
        **counts,
    }


def _brief_key(k: Mapping) -> dict:
    return {"id": k.get("id"), "speaker": k["speaker"], "quote": k["quote"]}


def _brief_pred(p: Statement) -> dict:
    return {"id": p.id, "speaker": p.speaker, "quote": p.quote}
