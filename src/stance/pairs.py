"""Candidate pairs: which statements of a pile of coverage are worth comparing.

Scoring every pair of statements wastes the model on "the strike began on Monday" against "the
minister plays tennis". A pair is a candidate when its two claims are about the same subject,
measured three ways that complement each other across languages:

- **text**: cosine similarity of character 3-5-gram TF-IDF vectors of the claims (accents and
  case folded), which matches inflections and French / English cognates ("grève"/"grevistes",
  "Lorvenec"/"Lorvenec's");
- **names**: Jaccard overlap of the capitalised names in the two quotes, which stay the same in
  both languages;
- **quantities**: both claims give a quantity of the same kind (same unit, same counted noun);
- **story**: Jaccard overlap of the names of the two statements' whole articles, so that two
  outlets' reports of one event, in two languages, are compared even where a sentence names
  nobody.

``relatedness = text + NAME_WEIGHT * names + QUANTITY_BONUS * quantities + STORY_WEIGHT *
story``; pairs at or above
``threshold`` are kept, best first. Near-duplicates (text cosine at or above ``duplicate``: the
same sentence reported twice), a statement paired with itself, and two statements of the same
speaker in the same article are dropped. The defaults
were tuned on the team's annotated articles (``training/bench_extract.py`` prints the recall of
the key's pairs at the chosen threshold).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import MultiLabelBinarizer

from . import numbers
from .cues import proper_names
from .extract import speakers_agree

NAME_WEIGHT = 0.5
QUANTITY_BONUS = 0.15
STORY_WEIGHT = 0.3
THRESHOLD = 0.2
DUPLICATE = 0.95


def _claim(statement: Mapping[str, Any]) -> str:
    return statement.get("claim") or statement.get("quote") or ""


def _quantity_kinds(text: str) -> set[str]:
    """ "unit|noun" of each quantity in ``text``; plural nouns are folded crudely."""
    return {
        f"{q.unit or ''}|{q.noun.rstrip('s') if q.noun else ''}"
        for q in numbers.quantities(text, numbers.guess_lang(text))
    }


def candidate_pairs(
    statements: Sequence[Mapping[str, Any]],
    threshold: float = THRESHOLD,
    duplicate: float = DUPLICATE,
) -> list[dict[str, Any]]:
    """The candidate pairs among ``statements`` (dicts as :func:`stance.extract` gives them).

    Each pair is ``{"id", "a", "b", "statement_a", "statement_b", "similarity"}`` where ``a`` and
    ``b`` are the two claims, so that the list can go straight to ``stance score -i`` and
    ``stance label``. Sorted by decreasing relatedness.
    """
    if len(statements) < 2:
        return []
    claims = [_claim(s) for s in statements]
    vectors = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, strip_accents="unicode"
    ).fit_transform(claims)
    cosine = (vectors @ vectors.T).toarray()
    quote_names = [proper_names(s.get("quote") or _claim(s)) for s in statements]
    names = _overlap(quote_names)
    shared_kind = _overlap([_quantity_kinds(c) for c in claims]) > 0
    story = _overlap(_article_names(statements, quote_names))
    score = cosine + NAME_WEIGHT * names + QUANTITY_BONUS * shared_kind + STORY_WEIGHT * story
    ids = np.array([str(s.get("id")) for s in statements])
    keep = (
        np.triu(np.ones_like(score, dtype=bool), k=1)
        & (score >= threshold)
        & (cosine < duplicate)
        & (ids[:, None] != ids[None, :])
    )
    rows, cols = np.nonzero(keep)
    # One speaker's successive statements in one article ("le préfet, Arnaud Desvignes" and
    # "Arnaud Desvignes") develop a point; they are not a clash worth a fact-checker's time.
    same_voice = np.array(
        [_same_voice(statements[i], statements[j]) for i, j in zip(rows, cols)], dtype=bool
    )
    rows, cols = rows[~same_voice], cols[~same_voice]
    order = np.argsort(-score[rows, cols], kind="stable")
    return [
        _pair(statements[i], statements[j], score[i, j])
        for i, j in zip(rows[order].tolist(), cols[order].tolist())
    ]


def _same_voice(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return (
        a.get("article") == b.get("article")
        and bool(a.get("speaker"))
        and speakers_agree(a.get("speaker"), b.get("speaker"))
    )


def _article_names(
    statements: Sequence[Mapping[str, Any]], quote_names: list[set[str]]
) -> list[set[str]]:
    """For each statement, the names of all statements of its article: its story's cast."""
    by_article: dict[Any, set[str]] = {}
    for statement, found in zip(statements, quote_names):
        by_article.setdefault(statement.get("article"), set()).update(found)
    return [by_article[s.get("article")] for s in statements]


def _overlap(sets: list[set]) -> np.ndarray:
    """Pairwise Jaccard overlap of the sets, as a dense matrix (0 where either set is empty)."""
    binary = MultiLabelBinarizer(sparse_output=True).fit_transform(sets).astype(np.float32)
    inter = (binary @ binary.T).toarray()
    sizes = np.asarray(binary.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def _pair(a: Mapping[str, Any], b: Mapping[str, Any], score: float) -> dict[str, Any]:
    return {
        "id": f"{a.get('id')}~{b.get('id')}",
        "a": _claim(a),
        "b": _claim(b),
        "statement_a": dict(a),
        "statement_b": dict(b),
        "similarity": round(float(score), 4),
    }
