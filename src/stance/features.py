"""The pair featurizer: TF-IDF views of both statements and how they relate.

A pair classifier has to see each statement *and* their relation: words that appear in one side
only, words both share, and how similar the two are overall. :class:`PairFeaturizer` fits one
word n-gram and one character n-gram TF-IDF vocabulary on both sides together (so that the same
word gets the same column on either side) and emits, for each view, the sum of the vectors of
``a`` and ``b`` (what the pair talks about), their element-wise absolute difference (what one
side says and the other does not) and product (what both say), plus the cosine similarity of the
two sides. Every one of these is the same for ``(a, b)`` and ``(b, a)``: agreeing, contradicting
and being unrelated are relations without a direction, so a verdict must not depend on which
statement came first, and with these features it cannot. Tasks with a direction (FNC-1: does a
body discuss a headline) keep the vectors of ``a`` and ``b`` themselves with ``symmetric=False``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import repeat
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
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
        if any(not hasattr(row, "__len__") or len(row) != 2 for row in rows):
            raise ValueError("each pair must have exactly two statements (a, b)")
        a = [row[0] for row in rows]
        b = [row[1] for row in rows]
    return list(map(_text, a)), list(map(_text, b))


def _text(x: Any) -> str:
    return "" if x is None else str(x)[:MAX_CHARS]


def distinct_texts(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts, in order of first appearance, and the index of each text among them.

    Statements recur across pairs (a scan pairs each statement with many others): featurizers
    read each distinct text once and index the result.
    """
    index = {text: i for i, text in enumerate(dict.fromkeys(texts))}
    rows = np.fromiter(map(index.__getitem__, texts), dtype=np.int64, count=len(texts))
    return list(index), rows


def number_tokens(docs: Iterable[list[str]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Number the tokens of tokenised texts: the distinct tokens, and for every occurrence (the
    texts' tokens one after the other) the number of its token and the index of its text.

    With the occurrences as arrays, counting per text is a NumPy or sparse-matrix operation, and
    per-token work (a lookup, a lexicon match) is done once per distinct token. ``docs`` is best
    a generator: each text's list is then dropped once read, where a list of them all would keep
    tens of thousands of containers alive and set off the garbage collector again and again.
    """
    flat: list[str] = []
    lengths: list[int] = []
    for doc in docs:
        flat += doc
        lengths.append(len(doc))
    numbers = {token: i for i, token in enumerate(dict.fromkeys(flat))}
    ids = np.fromiter(map(numbers.__getitem__, flat), dtype=np.int64, count=len(flat))
    owner = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    return list(numbers), ids, owner


def count_matrix(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    """Occurrences (row, column) counted into a float32 CSR matrix with sorted indices, the
    form ``CountVectorizer`` produces (the order of a row's entries decides the rounding of its
    norm, so it must be the same)."""
    counts = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=shape)
    counts.sum_duplicates()
    return counts


TOKEN_PATTERN = r"(?u)\b\w+\b"
"""The word view's tokens: runs of word characters, one-letter words and digits included ("3",
"a"), which scikit-learn's default pattern drops."""
_TOKENS = re.compile(r"\w+")
r"""The same tokens as :data:`TOKEN_PATTERN` (a maximal run of word characters is bounded by
``\b`` on both sides, and no shorter one is): without a leading ``\b``, the search skips the
other characters in C instead of trying the pattern at each one."""


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
        include what the pair talks about (not only how the sides relate): the sum of the two
        vectors, or with ``symmetric=False`` the vector of each side.
    symmetric:
        features that are the same whichever statement comes first (the default: stance's labels
        have no direction); False keeps ``a`` and ``b`` apart, for tasks where the order means
        something (FNC-1's headline and body).
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
        symmetric: bool = True,
    ) -> None:
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.max_word_features = max_word_features
        self.max_char_features = max_char_features
        self.min_df = min_df
        self.sublinear_tf = sublinear_tf
        self.sides = sides
        self.symmetric = symmetric

    def _vectorizers(self) -> dict[str, TfidfVectorizer]:
        common = {"min_df": self.min_df, "sublinear_tf": self.sublinear_tf, "dtype": np.float32}
        return {
            "word": TfidfVectorizer(
                analyzer="word",
                ngram_range=tuple(self.word_ngram_range),
                max_features=self.max_word_features,
                token_pattern=TOKEN_PATTERN,
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
        texts, rows = distinct_texts(a + b)
        blocks = []
        cosines = []
        for vec in self.vectorizers_.values():
            vectors = _tfidf(vec, texts)
            va, vb = vectors[rows[: len(a)]], vectors[rows[len(a) :]]
            if self.sides:
                blocks += [va + vb] if self.symmetric else [va, vb]
            both = va.multiply(vb)
            blocks += [abs(va - vb), both]
            # Rows are L2-normalised, so the dot product is the cosine similarity.
            cosines.append(np.asarray(both.sum(axis=1), dtype=np.float32))
        blocks.append(sp.csr_matrix(np.hstack(cosines)))
        return sp.hstack(blocks, format="csr", dtype=np.float32)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True  # pairs of statements: an (n, 2) array of text
        return tags

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
        # Models saved before the parameter existed had the vectors of a and b apart.
        state.setdefault("symmetric", False)
        vocabularies = state.pop("vocabularies_", None)
        super().__setstate__(state)
        if vocabularies is not None:
            self.vectorizers_ = self._vectorizers()
            for view, vec in self.vectorizers_.items():
                terms = vocabularies[view]["terms"].tolist()
                vec.vocabulary_ = dict(zip(terms, range(len(terms))))
                vec.idf_ = vocabularies[view]["idf"]

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Readable names such as ``word:sum:hausse`` (``word:a:hausse`` when not symmetric),
        ``char:diff:doub``, ``cosine:word``."""
        check_is_fitted(self, "vectorizers_")
        parts = ("diff", "both")
        if self.sides:
            parts = (("sum",) if self.symmetric else ("a", "b")) + parts
        names: list[str] = []
        for view, vec in self.vectorizers_.items():
            vocab = vec.get_feature_names_out()
            for part in parts:
                names.extend(f"{view}:{part}:{term}" for term in vocab)
        names.extend(f"cosine:{view}" for view in self.vectorizers_)
        return np.asarray(names, dtype=object)


# --- TF-IDF of a batch ---------------------------------------------------------------------------
#
# ``TfidfVectorizer.transform`` builds every n-gram of every statement as a Python string and
# looks each one up: most of the time of scoring went there. The functions below count the very
# same n-grams with the work done once per distinct word (character view) or per distinct n-gram
# (word view) of the batch, and NumPy/SciPy doing the rest, then weight the counts exactly as
# ``TfidfTransformer.transform`` does, so that the vectors are identical to the last bit.


def _tfidf(vec: TfidfVectorizer, texts: list[str]) -> sp.csr_matrix:
    """``vec.transform(texts)`` for the vectorizers :meth:`PairFeaturizer._vectorizers` builds."""
    counts = _char_wb_counts(vec, texts) if vec.analyzer == "char_wb" else _word_counts(vec, texts)
    # TfidfTransformer.transform, step by step on the same float32 data in the same order.
    if vec.sublinear_tf:
        np.log(counts.data, counts.data)
        counts.data += 1.0
    counts.data *= vec.idf_[counts.indices]
    return normalize(counts, norm=vec.norm, copy=False)


def _lookup(vocabulary: dict[str, int], terms: list[str]) -> np.ndarray:
    """The column of each term, -1 for terms outside the vocabulary."""
    return np.fromiter(map(vocabulary.get, terms, repeat(-1)), dtype=np.int64, count=len(terms))


def _word_counts(vec: TfidfVectorizer, texts: list[str]) -> sp.csr_matrix:
    """Word n-gram counts: each distinct n-gram of the batch is joined and looked up once.

    An n-gram is numbered by the pair (number of its first n - 1 words, number of its last
    word), so that the n-grams of every length are found with array operations.
    """
    preprocess = vec.build_preprocessor()
    words, ids, owner = number_tokens(_TOKENS.findall(preprocess(text)) for text in texts)
    vocabulary = vec.vocabulary_
    min_n, max_n = vec.ngram_range
    base = max(len(words), 1)
    names = words  # the text of each distinct n-gram of the current length
    starts = np.arange(len(ids), dtype=np.int64)  # where the current n-grams start
    grams = ids  # which distinct n-gram starts there
    rows, cols = [], []
    for n in range(1, max_n + 1):
        if n > 1:  # extend each (n-1)-gram by the next word of its statement
            ends = starts + n - 1
            inside = ends < len(ids)
            inside[inside] = owner[ends[inside]] == owner[starts[inside]]
            starts = starts[inside]
            distinct, grams = np.unique(
                grams[inside] * base + ids[ends[inside]], return_inverse=True
            )
            heads, lasts = np.divmod(distinct, base)
            names = [f"{names[h]} {words[t]}" for h, t in zip(heads.tolist(), lasts.tolist())]
        if n >= min_n:
            columns = _lookup(vocabulary, names)[grams]
            known = columns >= 0
            rows.append(owner[starts[known]])
            cols.append(columns[known])
    return count_matrix(np.concatenate(rows), np.concatenate(cols), (len(texts), len(vocabulary)))


def _char_wb_counts(vec: TfidfVectorizer, texts: list[str]) -> sp.csr_matrix:
    """``char_wb`` n-gram counts: the n-grams of each distinct word of the batch are built and
    looked up once, and a statement's counts are the sum of its words' (a sparse product).

    ``char_wb`` reads each whitespace-separated word padded with one space on each side, and
    every substring of it whose length is in the n-gram range (all of it, once, when it is
    shorter than the range): exactly what ``_char_wb_ngrams`` of scikit-learn emits.
    """
    preprocess = vec.build_preprocessor()
    words, ids, owner = number_tokens(preprocess(text).split() for text in texts)
    min_n, max_n = vec.ngram_range
    grams: list[str] = []
    per_word = np.empty(len(words), dtype=np.int64)
    for i, word in enumerate(words):
        before = len(grams)
        padded = f" {word} "
        size = len(padded)
        for n in range(min_n, max_n + 1):
            if n >= size:
                grams.append(padded)
                break
            grams.extend([padded[k : k + n] for k in range(size - n + 1)])
        per_word[i] = len(grams) - before
    columns = _lookup(vec.vocabulary_, grams)
    known = columns >= 0
    columns = columns[known]
    kept = np.bincount(np.repeat(np.arange(len(words)), per_word)[known], minlength=len(words))
    # One entry per n-gram occurrence (" aaa " holds "aa" twice): the product adds them up.
    word_grams = sp.csr_matrix(
        (np.ones(len(columns), dtype=np.float32), columns, np.concatenate(([0], np.cumsum(kept)))),
        shape=(len(words), len(vec.vocabulary_)),
    )
    statement_words = count_matrix(owner, ids, (len(texts), len(words)))
    # statement_words @ word_grams, taken transposed: that product comes out by vocabulary
    # column, and turning it into columns by statement (CSC) lays each statement's entries out
    # in order in one linear pass, which costs half of sorting every row of the plain product.
    return (word_grams.T.tocsr() @ statement_words.T.tocsr()).tocsc().T
