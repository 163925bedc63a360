"""The pair featurizer honours scikit-learn's transformer contract and means what it says."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from stance.features import PairFeaturizer, _tfidf, split_pairs

from .conftest import SMALL

PAIRS = [
    ("Le chômage a baissé de 2 %, selon l'Insee.", "Le chômage a augmenté, selon l'Insee."),
    ("Officials said 40 people died.", "Officials said 40 people died."),
    ("The strike ended on Monday.", "Les trains circulent à nouveau."),
]


def test_params_are_stored_unchanged_and_clone_round_trips():
    f = PairFeaturizer(word_ngram_range=(1, 3), min_df=1, sides=False, symmetric=False)
    assert f.get_params()["word_ngram_range"] == (1, 3)
    assert f.get_params()["symmetric"] is False
    assert clone(f).get_params() == f.get_params()
    assert not hasattr(f, "vectorizers_")  # nothing learned in __init__


def test_transform_before_fit_raises_not_fitted():
    with pytest.raises(NotFittedError):
        PairFeaturizer().transform(PAIRS)


def test_shape_matches_feature_names_and_rows():
    f = PairFeaturizer(**SMALL).fit(PAIRS)
    X = f.transform(PAIRS)
    names = f.get_feature_names_out()
    assert X.shape == (3, len(names)) == (3, f.n_features_out_)
    assert names[-2:].tolist() == ["cosine:word", "cosine:char"]
    word_vocab = len(f.vectorizers_["word"].vocabulary_)
    char_vocab = len(f.vectorizers_["char"].vocabulary_)
    assert X.shape[1] == 3 * (word_vocab + char_vocab) + 2  # sum, diff, both
    assert PairFeaturizer(**SMALL, sides=False).fit(PAIRS).transform(PAIRS).shape[1] == (
        2 * (word_vocab + char_vocab) + 2
    )
    directional = PairFeaturizer(**SMALL, symmetric=False).fit(PAIRS)
    assert directional.transform(PAIRS).shape[1] == 4 * (word_vocab + char_vocab) + 2
    assert "word:a:insee" in directional.get_feature_names_out()
    assert "word:sum:insee" in names


def test_symmetric_features_are_the_same_in_either_order_and_directional_ones_are_not():
    f = PairFeaturizer(**SMALL).fit(PAIRS)
    swapped = [(b, a) for a, b in PAIRS]
    forward, backward = f.transform(PAIRS), f.transform(swapped)
    for part in ("indptr", "indices", "data"):  # to the bit, entry order included
        np.testing.assert_array_equal(getattr(forward, part), getattr(backward, part))
    directional = PairFeaturizer(**SMALL, symmetric=False).fit(PAIRS)
    assert (directional.transform(PAIRS) != directional.transform(swapped)).nnz > 0


def test_a_model_saved_before_the_symmetric_parameter_keeps_its_directional_features():
    f = PairFeaturizer(**SMALL, symmetric=False).fit(PAIRS)
    state = f.__getstate__()
    del state["symmetric"]
    old = PairFeaturizer.__new__(PairFeaturizer)
    old.__setstate__(state)
    assert old.symmetric is False
    np.testing.assert_array_equal(old.transform(PAIRS).toarray(), f.transform(PAIRS).toarray())


def test_cosine_is_one_for_identical_and_zero_for_disjoint_statements():
    f = PairFeaturizer(**SMALL).fit(PAIRS)
    X = f.transform([("Officials said 40 people died.",) * 2, ("aaa", "zzz")]).toarray()
    np.testing.assert_allclose(X[0, -2:], [1.0, 1.0], rtol=1e-5)
    np.testing.assert_allclose(X[1, -1], 0.0)


def test_diff_features_are_zero_for_identical_statements():
    f = PairFeaturizer(**SMALL).fit(PAIRS)
    X = f.transform([PAIRS[1]]).toarray()[0]
    diff = [i for i, n in enumerate(f.get_feature_names_out()) if ":diff:" in n]
    assert np.all(X[diff] == 0)


def test_every_pair_container_gives_the_same_matrix():
    f = PairFeaturizer(**SMALL).fit(PAIRS)
    expected = f.transform(PAIRS).toarray()
    frame = pd.DataFrame(PAIRS, columns=["a", "b"])
    for X in (frame, {"a": frame["a"].tolist(), "b": frame["b"].tolist()}, np.array(PAIRS)):
        np.testing.assert_array_equal(f.transform(X).toarray(), expected)


def test_pruned_vocabulary_is_not_kept_in_the_fitted_object():
    f = PairFeaturizer(max_word_features=5, max_char_features=5, min_df=1).fit(PAIRS)
    assert all(not hasattr(v, "stop_words_") for v in f.vectorizers_.values())


def test_bad_pairs_are_rejected():
    with pytest.raises(ValueError, match="exactly two statements"):
        split_pairs([("only one",)])
    assert split_pairs([(None, 3)]) == ([""], ["3"])


ODD = [
    "",
    "   ",
    "a",
    "Le chômage a baissé de 2 %, selon l'Insee.",
    "É\u00a0été  x\ty\nz",
    "İstanbul ΑΣ Σ ǅ ß ﬁ",
    "one two one two one two three",
    "x" * 40,
]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"word_ngram_range": (1, 3), "char_ngram_range": (1, 5)},
        {"word_ngram_range": (2, 2), "char_ngram_range": (4, 6)},
    ],
)
def test_batch_tfidf_is_the_vectorizers_own_to_the_bit(params):
    # The featurizer counts n-grams once per distinct word or n-gram of the batch; the vectors
    # must be exactly what TfidfVectorizer.transform gives, entry order included.
    f = PairFeaturizer(min_df=1, **params).fit(PAIRS + [(x, x) for x in ODD])
    texts = [t for pair in PAIRS for t in pair] + ODD + ["zzz qqq", "Les trains circulent."]
    for vec in f.vectorizers_.values():
        expected, got = vec.transform(texts), _tfidf(vec, texts)
        assert type(got) is type(expected) and got.shape == expected.shape
        for part in ("indptr", "indices", "data"):
            np.testing.assert_array_equal(getattr(got, part), getattr(expected, part))
