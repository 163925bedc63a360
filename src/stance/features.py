"""The pair featurizer: TF-IDF views of both statements and how they relate.

A pair classifier has to see each statement *and* their relation: words that appear in one side
only, words both share, and how similar the two are overall. :class:`PairFeaturizer` fits one
word n-gram and one character n-gram TF-IDF vocabulary on both sides together (so that the same
word gets the same column on either side) and emits, for each view, the vectors of ``a`` and ``b``,
their element-wise absolute difference and product, plus the cosine similarity of the two sides.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

Pairs = Any
"""What stance accepts as pairs: a sequence of ``(a, b)``, an ``(n, 2)`` array, or a table
(DataFrame, Dataset, dict of lists) with columns ``a`` and ``b``."""


MAX_CHARS = 5000
"""How much of a statement the model reads. Statements are sentences; a 10 MB "statement"
would otherwise expand into tens of millions of character n-grams and gigabytes of memory."""


def split_pairs(X: Pairs) -> tuple[list[str], list[str]]:
    """Split pairs into the list of ``a`` statements and the list of ``b`` statements.

    Values are turned into text (``None`` into ``""``) so that any table scores, and cut to
    :data:`MAX_CHARS` so that every featurizer's work per pair is bounded.
    """
    if hasattr(X, "columns") or hasattr(X, "column_names") or isinstance(X, dict):
        a, b = list(X["a"]), list(X["b"])
    else:
        rows = list(X)
        if any(len(row) != 2 for row in rows):
            raise ValueError("each pair must have exactly two statements (a, b)")
        a = [row[0] for row in rows]
        b = [row[1] for row in rows]
    return [_text(x) for x in a], [_text(x) for x in b]


def _text(x: Any) -> str:
    return "" if x is None else str(x)[:MAX_CHARS]


class PairFeaturizer(TransformerMixin, BaseEstimator):
    """Turn ``(a, b)`` statement pairs into one sparse feature matrix.

    Parameters
    ----------
    word_ngram_range, char_ngram_range:
        n-gram ranges of the word view and of the character view (``char_wb``: n-grams inside
        word boundaries, which copes with French inflection and typos).
    max_word_features, max_char_features:
        vocabulary caps per view; they bound the model's size.
    min_df:
        ignore n-grams seen in fewer statements than this.
    sublinear_tf:
        use 1 + log(tf), as is usual for short texts.
    sides:
        include the vectors of ``a`` and ``b`` themselves (not only their relation).
    """

    def __init__(
        self,
        word_ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] = (2, 4),
        max_word_features: int | None = 50_000,
        max_char_features: int | None = 50_000,
        min_df: int | float = 2,
        sublinear_tf: bool = True,
        sides: bool = True,
    ) -> None:
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.max_word_features = max_word_features
        self.max_char_features = max_char_features
        self.min_df = min_df
        self.sublinear_tf = sublinear_tf
        self.sides = sides

    def _vectorizers(self) -> dict[str, TfidfVectorizer]:
        common = {"min_df": self.min_df, "sublinear_tf": self.sublinear_tf, "dtype": np.float32}
        return {
            "word": TfidfVectorizer(
                analyzer="word",
                ngram_range=tuple(self.word_ngram_range),
                max_features=self.max_word_features,
                token_pattern=r"(?u)\b\w+\b",  # keep one-letter words and digits ("3", "a")
                **common,
            ),
            "char": TfidfVectorizer(
                analyzer="char_wb",
                ngram_range=tuple(self.char_ngram_range),
                max_features=self.max_char_features,
                **common,
            ),
        }

    def fit(self, X: Pairs, y: Any = None) -> PairFeaturizer:
        """Learn both vocabularies from the statements of both sides."""
        a, b = split_pairs(X)
        self.vectorizers_ = self._vectorizers()
        for vec in self.vectorizers_.values():
            vec.fit(a + b)
            # The pruned terms are only kept for introspection and can be huge: drop them so the
            # saved model stays small (scikit-learn documents this as safe).
            if hasattr(vec, "stop_words_"):
                delattr(vec, "stop_words_")
        self.n_features_out_ = len(self.get_feature_names_out())
        return self

    def transform(self, X: Pairs) -> sp.csr_matrix:
        """Features of each pair, one row per pair, in the order of ``get_feature_names_out``."""
        check_is_fitted(self, "vectorizers_")
        a, b = split_pairs(X)
        # Statements recur across pairs (a scan pairs each statement with many others): each
        # distinct text is vectorised once.
        index: dict[str, int] = {}
        rows = np.fromiter((index.setdefault(t, len(index)) for t in a + b), dtype=np.int64)
        texts = list(index)
        blocks = []
        cosines = []
        for vec in self.vectorizers_.values():
            vectors = vec.transform(texts)
            va, vb = vectors[rows[: len(a)]], vectors[rows[len(a) :]]
            if self.sides:
                blocks += [va, vb]
            both = va.multiply(vb)
            blocks += [abs(va - vb), both]
            # Rows are L2-normalised, so the dot product is the cosine similarity.
            cosines.append(np.asarray(both.sum(axis=1), dtype=np.float32))
        blocks.append(sp.csr_matrix(np.hstack(cosines)))
        return sp.hstack(blocks, format="csr", dtype=np.float32)

    def __getstate__(self) -> dict[str, Any]:
        """Store each learned vocabulary as two arrays instead of a fitted vectorizer.

        A vocabulary is a dict of up to 50,000 n-grams; as arrays it saves and loads in
        milliseconds with skops (which stores arrays as ``.npy``), where a dict of that size takes
        minutes, and the file holds no object that needs trusting. The vectorizers are rebuilt
        from this estimator's own parameters on load.
        """
        state = dict(super().__getstate__())  # a copy: object.__getstate__ returns __dict__
        vectorizers = state.pop("vectorizers_", None)
        if vectorizers is not None:
            state["vocabularies_"] = {
                view: {
                    "terms": np.array(sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)),
                    "idf": np.asarray(vec.idf_),
                }
                for view, vec in vectorizers.items()
            }
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        vocabularies = state.pop("vocabularies_", None)
        super().__setstate__(state)
        if vocabularies is not None:
            self.vectorizers_ = self._vectorizers()
            for view, vec in self.vectorizers_.items():
                terms = vocabularies[view]["terms"].tolist()
                vec.vocabulary_ = dict(zip(terms, range(len(terms))))
                vec.idf_ = vocabularies[view]["idf"]

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Readable names such as ``word:a:hausse``, ``char:diff:doub``, ``cosine:word``."""
        check_is_fitted(self, "vectorizers_")
        parts = ("a", "b", "diff", "both") if self.sides else ("diff", "both")
        names: list[str] = []
        for view, vec in self.vectorizers_.items():
            vocab = vec.get_feature_names_out()
            for part in parts:
                names.extend(f"{view}:{part}:{term}" for term in vocab)
        names.extend(f"cosine:{view}" for view in self.vectorizers_)
        return np.asarray(names, dtype=object)
