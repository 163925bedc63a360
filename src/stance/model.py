"""The model: one scikit-learn Pipeline, and how it is saved, checked and loaded.

A model is two files: ``NAME.skops`` (the fitted Pipeline) and ``NAME.card.json`` (the model
card: what it was trained on, its held-out figures, the library versions and the sha256 of the
model file).

Model files are skops archives, never pickles. Loading a pickle (or a joblib file) executes
whatever code it was built to run, and a card beside it proves nothing, since whoever wrote a
hostile file can write a matching card. A skops archive is JSON plus ``.npy`` arrays, and loading
it constructs only types on an explicit allow-list: scikit-learn's, NumPy's and SciPy's own, plus
:data:`TRUSTED_TYPES`. Anything else is refused before a single object is built. Loading also
refuses a file whose sha256 differs from its card (changed, truncated, or another model) and a
model written by another scikit-learn version, whose numbers could silently differ.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin, MetaEstimatorMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.utils import Tags
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data
from threadpoolctl import threadpool_limits

from . import settings
from .cues import CUE_FAMILIES, CUE_TYPES, CueFeaturizer
from .data import LABELS
from .errors import StanceError
from .features import PairFeaturizer
from .fileio import atomic_write, check_input_file, check_output_path
from .settings import (
    CARD_FORMAT,
    DEFAULT_MODEL_FILE,
    MODEL_ENV,
    MODEL_SUFFIX,
    card_path,
    default_model_path,
    read_card,
)
from .version import __version__

__all__ = [
    "CARD_FORMAT",
    "DEFAULT_MODEL_FILE",
    "MODEL_ENV",
    "MODEL_SUFFIX",
    "GatedClassifier",
    "StatementFolds",
    "build_pipeline",
    "card_path",
    "default_model_path",
    "fit_pipeline",
    "load_model",
    "make_pipeline",
    "read_card",
    "save_model",
    "verdict",
]


class StatementFolds(StratifiedGroupKFold):
    """Stratified folds that keep the pairs of one statement together when ``groups`` says
    which pairs share a statement, and plain stratified folds when it does not.

    Calibration fits its temperature on predictions for rows the classifier was not trained
    on. NLI corpora pair one premise with several hypotheses, and the project's pairs reuse a
    statement too: in plain folds a row's siblings are in training, its predictions are too
    good, and the fitted temperature sharpens probabilities that were already too sharp.
    :func:`fit_pipeline` passes the groups; a caller who passes none (``cross_val_score`` on a
    calibrated pipeline) gets scikit-learn's usual stratified folds rather than an error.
    """

    def split(
        self, X: Any, y: Any = None, groups: Any = None
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        if groups is None:
            folds = StratifiedKFold(
                self.n_splits, shuffle=self.shuffle, random_state=self.random_state
            )
            return folds.split(X, y)
        return super().split(X, y, groups)


class GatedClassifier(ClassifierMixin, MetaEstimatorMixin, BaseEstimator):
    """A classifier whose probability of one class, ``gate``, comes from a binary model of its
    own (``gate`` against the rest), while a model of all the classes shares out the rest.

    Where one class is most of the data and is told apart by other features than the others
    (FNC-1's ``unrelated``, 73 % of its pairs, is a matter of topic overlap; its other three
    classes of what a related article says), one multinomial model trades one decision against
    the other. A binary model makes the first decision alone, and the full model's odds between
    the other classes, which it learnt alongside the first, are kept as they are.

    Parameters
    ----------
    estimator:
        the classifier cloned for both models (a ``LogisticRegression`` in stance).
    gate:
        the label the binary model decides.
    """

    def __init__(self, estimator: Any, gate: str) -> None:
        self.estimator = estimator
        self.gate = gate

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True  # TF-IDF features
        return tags

    def fit(self, X: Any, y: Any, sample_weight: np.ndarray | None = None) -> GatedClassifier:
        """Fit the binary model on ``y == gate`` and the full model on ``y``."""
        X, y = validate_data(self, X, y, accept_sparse=("csr", "csc"))
        check_classification_targets(y)
        self.classes_ = np.unique(y)
        if self.gate not in self.classes_:
            raise ValueError(f"gate {self.gate!r} is not among the labels {list(self.classes_)}")
        if len(self.classes_) < 2:
            raise ValueError(f"a classifier needs two labels or more, got one class: {y[0]!r}")
        self.gate_model_ = clone(self.estimator).fit(X, y == self.gate, sample_weight=sample_weight)
        self.full_model_ = clone(self.estimator).fit(X, y, sample_weight=sample_weight)
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """The binary model's probability of ``gate``; the rest shared out in the proportions
        the full model gives the other classes."""
        check_is_fitted(self)
        X = validate_data(self, X, accept_sparse=("csr", "csc"), reset=False)
        is_gate = self.classes_ == self.gate
        p_gate = self.gate_model_.predict_proba(X)[:, list(self.gate_model_.classes_).index(True)]
        proba = self.full_model_.predict_proba(X)
        others = proba[:, ~is_gate]
        others /= others.sum(axis=1, keepdims=True)
        proba[:, ~is_gate] = others * (1 - p_gate)[:, None]
        proba[:, is_gate] = p_gate[:, None]
        return proba

    def predict(self, X: Any) -> np.ndarray:
        """The most probable class of each row."""
        proba = self.predict_proba(X)  # first: it checks that the model is fitted
        return self.classes_[proba.argmax(axis=1)]


TRUSTED_TYPES: list[str] = [
    f"{cls.__module__}.{cls.__qualname__}"
    for cls in (
        PairFeaturizer,
        StatementFolds,
        GatedClassifier,
        *CUE_TYPES,
        # the scikit-learn estimators a stance pipeline is made of (skops trusts every
        # scikit-learn estimator by default, except after a lean import, see _skops_io)
        Pipeline,
        FeatureUnion,
        LogisticRegression,
        CalibratedClassifierCV,
        FrozenEstimator,  # a classifier calibrated on held-out rows after it was fitted
        TfidfVectorizer,
    )
] + [
    # scikit-learn's own classes inside a fitted CalibratedClassifierCV, which skops does not
    # list by default because they are private
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._TemperatureScaling",
]
"""The only types beyond skops' defaults for NumPy and SciPy that a model file may contain:
stance's own estimators and the scikit-learn ones they are built from."""


def _skops_io() -> Any:
    """``skops.io``, imported lean when :data:`stance.settings.LEAN_MODEL_LOADING` says so.

    Importing skops.io builds skops' list of every scikit-learn estimator, which imports all
    of scikit-learn: about a second, most of what ``stance score A B`` costs. Imported lean,
    that list is empty, so a model loads only if every type in it is in :data:`TRUSTED_TYPES`
    (or is one of NumPy's and SciPy's that skops trusts): the same check against a shorter
    list, never a longer one. The command line, which only loads stance's own models, imports
    it lean; the library leaves skops as its users' own code expects it.
    """
    if "skops.io" not in sys.modules and settings.LEAN_MODEL_LOADING:
        import sklearn.utils

        every_estimator = sklearn.utils.all_estimators
        sklearn.utils.all_estimators = lambda *args, **kwargs: []
        try:
            import skops.io
        finally:
            sklearn.utils.all_estimators = every_estimator
    elif "skops.io" not in sys.modules and "dask" not in sys.modules:
        # Walking all of scikit-learn imports dask wherever it is installed (through
        # array_api_compat's dask support): most of a second, in every worker process too, for
        # a library stance needs only on a dask cluster. dask is kept out while skops walks
        # (nothing of it is an estimator skops lists).
        sys.modules["dask"] = None  # type: ignore[assignment]  # import dask: ImportError
        try:
            import skops.io
        finally:
            del sys.modules["dask"]
    import skops.io

    return skops.io


ZIP_MAGIC = b"PK\x03\x04"


def build_pipeline(
    C: float = 1.0,
    max_iter: int = 2000,
    cues: tuple[str, ...] | list[str] = CUE_FAMILIES,
    cue_weight: float = 1.0,
    calibrate: bool = False,
    gate: str | None = None,
    cap: int = 3,
    lexicon_dir: str | os.PathLike[str] | None = None,
    **featurizer_params: Any,
) -> Pipeline:
    """A fresh, unfitted stance Pipeline: ``features`` then ``clf``.

    ``features`` is a ``FeatureUnion`` of the TF-IDF featurizer (step ``tfidf``, whose
    parameters ``featurizer_params`` are, e.g. ``symmetric``) and the :class:`CueFeaturizer` of
    the contradiction cue families named in ``cues`` (step ``cues``, with ``cap`` and
    ``lexicon_dir``; no step when ``cues`` is empty), each cue column multiplied by
    ``cue_weight`` (a few dense cue columns beside 100,000s of TF-IDF ones are otherwise shrunk
    by the same L2 penalty).
    ``clf`` is a ``LogisticRegression``, wrapped with ``calibrate`` in a
    ``CalibratedClassifierCV`` that fits a temperature on predictions for the folds of
    :class:`StatementFolds`, so that a probability of 0.8 is right about four times in five.
    With ``gate`` (a label), the logistic regression is a :class:`GatedClassifier`'s
    ``estimator`` (its parameters then are ``clf__estimator__...``): FNC-1's recipe.
    Fit it with :func:`fit_pipeline` to keep each statement's pairs in one fold.
    Nested parameters follow scikit-learn's ``step__param`` convention, e.g.
    ``features__tfidf__min_df``, ``features__cues__cap``, or ``features__cues__families`` to
    leave families out.
    """
    if isinstance(cues, str):  # "quantities" or "quantities,negation", not its letters
        cues = tuple(name.strip() for name in cues.split(",") if name.strip())
    unknown = set(cues) - set(CUE_FAMILIES)
    if unknown:
        raise StanceError(f"unknown cue families {sorted(unknown)}; known: {list(CUE_FAMILIES)}")
    steps: list[tuple[str, Any]] = [("tfidf", PairFeaturizer(**featurizer_params))]
    weights = {}
    if cues:
        cue_step = CueFeaturizer(families=tuple(cues), cap=cap, lexicon_dir=lexicon_dir)
        steps.append(("cues", cue_step))
        weights["cues"] = cue_weight
    features = FeatureUnion(steps, transformer_weights=weights, verbose_feature_names_out=False)
    if gate is not None and calibrate:
        # CalibratedClassifierCV fits its classifier on label numbers, where no gate is found.
        raise StanceError("a gate cannot be calibrated: give gate or calibrate, not both")
    clf = LogisticRegression(C=C, max_iter=max_iter)
    if gate is not None:
        clf = GatedClassifier(clf, gate=gate)
    if calibrate:
        folds = StatementFolds(n_splits=3, shuffle=True, random_state=0)
        clf = CalibratedClassifierCV(clf, method="temperature", cv=folds, ensemble=False)
    return Pipeline([("features", features), ("clf", clf)])


def verdict(proba_row: np.ndarray) -> dict[str, Any]:
    """A pair's verdict as stance reports it everywhere: ``{"label": the most probable label,
    "probabilities": {label: p rounded to 6 places}}`` for one row of ``predict_proba``."""
    return {
        "label": LABELS[int(np.argmax(proba_row))],
        "probabilities": {label: round(float(p), 6) for label, p in zip(LABELS, proba_row)},
    }


def make_pipeline(*args: Any, **kwargs: Any) -> Pipeline:
    """Deprecated alias of :func:`build_pipeline`, kept for one release.

    The old name hid scikit-learn's ``sklearn.pipeline.make_pipeline``, which takes steps, not
    parameters, behind a function of another signature."""
    warnings.warn(
        "stance.make_pipeline is renamed stance.build_pipeline; the old name goes in the next "
        "release",
        FutureWarning,
        stacklevel=2,
    )
    return build_pipeline(*args, **kwargs)


def fit_pipeline(
    pipeline: Pipeline,
    pairs: Sequence[tuple[str, str]],
    labels: Sequence[str],
    sample_weight: np.ndarray | None = None,
) -> Pipeline:
    """Fit ``pipeline`` on weighted pairs; a calibrated one keeps each statement's pairs in
    one calibration fold (grouped by statement ``a``, case and spacing aside).

    The weights reach the classifier and its temperature, so that the probabilities are
    calibrated on the mixture the model is trained for. The groups reach the folds as the
    folds themselves, given as ``cv`` for this fit only: scikit-learn routes groups to a
    calibration's folds only with metadata routing, and then only for ``ensemble=True``, and
    a model fitted with routing keeps request objects that skops cannot save.
    """
    clf = pipeline.named_steps["clf"]
    if not (isinstance(clf, CalibratedClassifierCV) and isinstance(clf.cv, StatementFolds)):
        return pipeline.fit(pairs, labels, clf__sample_weight=sample_weight)
    folds = clf.cv
    groups = [statement_group(a) for a, _ in pairs]
    clf.set_params(cv=list(folds.split(np.zeros(len(labels)), labels, groups)))
    try:
        return pipeline.fit(pairs, labels, clf__sample_weight=sample_weight)
    finally:
        clf.set_params(cv=folds)


def statement_group(text: str) -> str:
    """The statement a pair is grouped by, case and spacing aside."""
    return " ".join(text.lower().split())


def library_versions() -> dict[str, str]:
    """Versions that decide whether a saved Pipeline can be read back faithfully."""
    import numpy
    import scipy

    return {
        "stance": __version__,
        "scikit-learn": sklearn.__version__,
        "skops": version("skops"),
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
    }


def save_model(
    pipeline: Pipeline, path: str | os.PathLike[str], card: dict[str, Any], force: bool = False
) -> dict[str, Any]:
    """Write the fitted Pipeline and its card atomically; return the card as written.

    The card gets the model file's sha256 and the library versions added. Neither file replaces
    an existing one unless ``force``.
    """
    model_file = Path(path)
    check_output_path(model_file, force)
    check_output_path(card_path(model_file), force)
    payload = _skops_io().dumps(pipeline, compression=zipfile.ZIP_DEFLATED)
    card = {
        "format": CARD_FORMAT,
        **card,
        "labels": list(LABELS),
        "versions": library_versions(),
        "model_file": model_file.name,
        "model_sha256": hashlib.sha256(payload).hexdigest(),
    }
    # Both files are complete in temporary files before either is renamed into place.
    with (
        atomic_write(card_path(model_file), force=force) as card_fh,
        atomic_write(model_file, "wb", force=force) as model_fh,
    ):
        json.dump(card, card_fh, indent=2, ensure_ascii=False)
        card_fh.write("\n")
        model_fh.write(payload)
    return card


def load_model(
    path: str | os.PathLike[str] | None = None, default: str = DEFAULT_MODEL_FILE
) -> Pipeline:
    """Load a model written by :func:`save_model` (default: the shipped model named
    ``default``, see :func:`default_model_path`).

    Every check comes before any object is built from the file: the card must be there, the
    file's sha256 must match it, the scikit-learn version must be the one that wrote it, the
    file must be a skops archive, and every type in it must be trusted. Any failure raises a
    one-line :class:`StanceError`.
    """
    model_file = check_input_file(path if path is not None else default_model_path(default))
    card = read_card(model_file)
    payload = model_file.read_bytes()
    if hashlib.sha256(payload).hexdigest() != card.get("model_sha256"):
        raise StanceError(
            f"{model_file}: sha256 does not match its model card; the file was changed, truncated "
            "or is not the model the card describes; refusing to load it"
        )
    saved = card.get("versions", {}).get("scikit-learn")
    if saved != sklearn.__version__:
        raise StanceError(
            f"{model_file}: written with scikit-learn {saved}, this is {sklearn.__version__}; "
            f"retrain it or install scikit-learn=={saved}"
        )
    if not payload.startswith(ZIP_MAGIC):
        raise StanceError(
            f"{model_file}: not a skops model file; stance does not load pickle or joblib files, "
            "which can run code when loaded"
        )
    skops_io = _skops_io()
    try:
        untrusted = set(skops_io.get_untrusted_types(data=payload)) - set(TRUSTED_TYPES)
        if untrusted:
            raise StanceError(
                f"{model_file}: contains types stance does not trust "
                f"({', '.join(sorted(untrusted))}); refusing to load it"
            )
        pipeline = skops_io.loads(payload, trusted=TRUSTED_TYPES)
    except StanceError:
        raise
    except Exception as err:
        raise StanceError(f"{model_file}: cannot read model ({type(err).__name__}: {err})") from err
    if not isinstance(pipeline, Pipeline) or list(getattr(pipeline, "classes_", [])) != list(
        LABELS
    ):
        raise StanceError(f"{model_file}: not a stance model (a fitted Pipeline over {LABELS})")
    _check_width(pipeline, model_file)
    return pipeline


def _check_width(pipeline: Pipeline, model_file: Path) -> None:
    """Refuse a model whose classifier expects another number of features than this stance's
    featurizers give: it was trained with another version of them (a cue column added or
    dropped), and would fail on every pair with a scikit-learn traceback, or worse, score with
    its weights on the wrong columns."""
    expected = getattr(pipeline[-1], "n_features_in_", None)
    given = pipeline[:-1].transform([("a", "b")]).shape[1]
    if expected != given:
        raise StanceError(
            f"{model_file}: trained with another version of stance's features ({expected} "
            f"columns, this version gives {given}); retrain it with this version"
        )


def one_blas_thread() -> threadpool_limits:
    """A context in which BLAS runs on one thread. The logistic regression's L-BFGS-B solver
    makes many tiny BLAS calls on vectors of a few tens of thousands of weights, where waking
    OpenBLAS's threads costs more than the work (scipy/scipy#26137): on the 2-core development
    machine a fit on the project's pairs took 9.2 s with two BLAS threads and 0.7 s with one."""
    return threadpool_limits(limits=1, user_api="blas")


def heldout_split(
    pairs: Sequence[tuple[str, str]], labels: Sequence[str], test_size: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Indices of a stratified held-out split in which no statement ``a`` is on both sides.

    NLI corpora pair one premise with several hypotheses of different labels; a plain random
    split puts a premise's siblings in training, and a model that memorises premises then scores
    *below* chance on the held-out rows. Grouping by ``a`` (case- and space-folded) keeps the
    held-out figures honest. The split is the first fold of ``StratifiedGroupKFold`` with
    ``round(1 / test_size)`` folds, so the held-out share is about ``1 / round(1 / test_size)``.
    """
    n_splits = max(2, round(1 / test_size))
    groups = [statement_group(a) for a, _ in pairs]
    folds = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    try:
        train_idx, test_idx = next(folds.split(np.zeros(len(labels)), labels, groups))
    except ValueError as err:
        raise StanceError(f"cannot hold out a test split: {err}") from None
    return train_idx, np.sort(test_idx)


def __getattr__(name: str) -> Any:
    """Names that were removed, kept for one release with a warning."""
    if name == "SCAN_MODEL_FILE":
        warnings.warn(
            "stance.model.SCAN_MODEL_FILE is gone with the separate scan model: the shipped model "
            "(DEFAULT_MODEL_FILE) serves the scan too; the name goes in the next release",
            FutureWarning,
            stacklevel=2,
        )
        return DEFAULT_MODEL_FILE
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
