"""Model parameters given as text (``C=2``, ``cues=quantities,negation``), read and checked
before any training starts.

The command line, ``training/benchmark.py`` and ``training/train_default.py`` all take
parameters as ``KEY=VALUE`` text; this module is the one reader. A value is read by the type of
the parameter's default in the pipeline it sets (``calibrate`` is a bool, so ``false`` is
False, not the non-empty string "false"; ``cues`` is a list, so ``quantities,negation`` is two
names, not a string iterated letter by letter), and the pipeline built from all the values is
then checked against scikit-learn's own parameter constraints, so that ``C=-1`` or
``min_df=abc`` is refused in one line before a minute of training, not after it.

Two kinds of names are accepted: the arguments of :func:`stance.model.build_pipeline` (``C``,
``cues``, ``cue_weight``, ``calibrate``, ``gate``, ``max_iter``, and the featurizer's
``min_df``, ``word_ngram_range``, ...) and any nested ``step__param`` of the pipeline they build
(``clf__class_weight``, ``features__cues__cap``).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sklearn.base import BaseEstimator
from sklearn.pipeline import Pipeline
from sklearn.utils._param_validation import InvalidParameterError

from .cues import CueFeaturizer, load_lexicons
from .data import LABELS
from .errors import StanceError
from .features import PairFeaturizer
from .model import build_pipeline

TRUE = frozenset({"true", "yes", "1", "on"})
FALSE = frozenset({"false", "no", "0", "off"})
NONE = frozenset({"none", "null"})

Item = str | tuple[str, Any]


def recipe_defaults() -> dict[str, Any]:
    """The plain parameter names and their defaults: :func:`build_pipeline`'s arguments and the
    featurizer's, in that order."""
    signature = inspect.signature(build_pipeline)
    plain = {
        name: p.default
        for name, p in signature.parameters.items()
        if p.kind is not inspect.Parameter.VAR_KEYWORD
    }
    return {**plain, **PairFeaturizer().get_params()}


def known_params(base: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Every name a parameter may have, with its value in the pipeline ``base`` builds: the
    plain names first, then each nested ``step__param`` (whose steps depend on ``base``: a
    gated model has ``clf__estimator__C``, a plain one ``clf__C``)."""
    plain = {**recipe_defaults(), **{k: v for k, v in (base or {}).items() if "__" not in k}}
    pipeline = pipeline_from_params(base or {})
    nested = {k: v for k, v in pipeline.get_params(deep=True).items() if "__" in k}
    return {**plain, **nested}


def pipeline_from_params(params: Mapping[str, Any]) -> Pipeline:
    """``build_pipeline`` with the plain parameters, then ``set_params`` with the nested ones."""
    plain = {k: v for k, v in params.items() if "__" not in k}
    nested = {k: v for k, v in params.items() if "__" in k}
    return build_pipeline(**plain).set_params(**nested)


def split_item(item: Item) -> tuple[str, Any]:
    """``"KEY=VALUE"`` (or an already split ``(KEY, VALUE)``) as ``(KEY, VALUE)``."""
    if isinstance(item, tuple):
        return item
    key, sep, value = item.partition("=")
    if not sep or not key.strip():
        raise StanceError(f"parameter {item!r}: expected KEY=VALUE, e.g. C=2.0")
    return key.strip(), value.strip()


def _is_estimator(value: Any) -> bool:
    return isinstance(value, BaseEstimator) or value in {"drop", "passthrough"}


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        return float(text)


def parse_value(text: str, default: Any) -> Any:
    """``text`` read as the type of ``default``; raises ValueError where it cannot be.

    bool: true/false, yes/no, 1/0, on/off. int: an integer (or a float, for parameters such as
    ``min_df`` that take either; the constraints decide). float: a number. tuple or list:
    comma-separated values, each read as the default's first element (brackets and quotes, as
    in ``('negation',)``, are allowed; an empty text is the empty list). ``none`` or ``null`` is
    None for any parameter (the constraints decide whether None is allowed). A parameter whose
    default is None takes a number if the text is one, else the text.
    """
    low = text.strip().lower()
    if low in NONE:
        return None
    if isinstance(default, bool):
        if low in TRUE:
            return True
        if low in FALSE:
            return False
        raise ValueError("expected true or false")
    if isinstance(default, int):
        return _number(text)
    if isinstance(default, float):
        return float(text)
    if isinstance(default, tuple | list):
        inner = text.strip().strip("()[]")
        parts = [p.strip().strip("'\"").strip() for p in inner.split(",")]
        kind = default[0] if default else ""
        values = [parse_value(p, kind) for p in parts if p]
        return tuple(values) if isinstance(default, tuple) else values
    if default is None:
        try:
            return _number(text)
        except ValueError:
            return text
    if _is_estimator(default):
        if low not in {"drop", "passthrough"}:
            raise ValueError("expected drop or passthrough (a step can only be switched off)")
        return low
    return text


def parse_params(
    items: Iterable[Item],
    base: Mapping[str, Any] | None = None,
    labels: Sequence[str] | None = LABELS,
) -> dict[str, Any]:
    """``base`` updated with ``items`` (``"KEY=VALUE"`` texts or ``(KEY, VALUE)`` pairs), each
    value read by the type of its parameter; the result is checked with
    :func:`check_params` (``labels``: those a ``gate`` may name; None for a benchmark on a
    corpus's own labels). Unknown names and unreadable or invalid values raise a one-line
    :class:`StanceError` that names the parameter and what it accepts."""
    given = [split_item(item) for item in items]
    params = dict(base or {})
    recipe = recipe_defaults()
    plain_given = {k: v for k, v in given if "__" not in k}
    for key, value in plain_given.items():
        if key not in recipe:
            raise StanceError(
                f"unknown parameter {key!r}; known: {', '.join(recipe)}, or a step__param name "
                "of the pipeline"
            )
        params[key] = _read(key, value, params.get(key, recipe[key]))
    if any("__" in k for k, _ in given):
        check_params(params, labels)  # the nested names depend on the plain ones
        nested = {
            k: v for k, v in pipeline_from_params(params).get_params(deep=True).items() if "__" in k
        }
        for key, value in given:
            if "__" not in key:
                continue
            if key not in nested:
                raise StanceError(f"unknown parameter {key!r}; {_nested_names(key, nested)}")
            params[key] = _read(key, value, nested[key])
    check_params(params, labels)
    return params


def _nested_names(key: str, nested: Mapping[str, Any]) -> str:
    """The names a mistyped nested ``key`` could have meant: its step's parameters, or the
    steps."""
    step = key.rsplit("__", 1)[0]
    inside = [k for k in nested if k.rsplit("__", 1)[0] == step and _listed(nested[k])]
    if inside:
        return f"{step} takes {', '.join(inside)}"
    steps = sorted({k.rsplit("__", 1)[0] for k in nested})
    return f"the pipeline's steps are {', '.join(steps)}"


def _listed(value: Any) -> bool:
    """Whether a parameter can be given as text: a scalar, a list of scalars or a step."""
    if isinstance(value, tuple | list):
        return all(isinstance(v, str | int | float) for v in value)
    return value is None or isinstance(value, str | int | float | BaseEstimator)


def _read(key: str, value: Any, default: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return parse_value(value, default)
    except ValueError as err:
        shown = "a list" if isinstance(default, tuple | list) else type(default).__name__
        reason = str(err) if str(err).startswith("expected") else f"expected {shown}"
        raise StanceError(f"parameter {key}={value!r}: {reason}") from None


def check_params(params: Mapping[str, Any], labels: Sequence[str] | None = LABELS) -> Pipeline:
    """Build the pipeline ``params`` describe and check every value the way scikit-learn
    checks it when fitting (its estimators' parameter constraints, the featurizer's
    vectorizers, the gate's label), so that a bad value is refused before training; return
    the unfitted pipeline."""
    cues = params.get("cues")
    if isinstance(cues, str):  # a single name, not its letters
        raise StanceError(f"parameter cues={cues!r}: expected a list of cue family names")
    gate = params.get("gate")
    if gate is not None and labels is not None and gate not in labels:
        raise StanceError(f"parameter gate={gate!r}: expected one of {', '.join(labels)} or none")
    try:
        pipeline = pipeline_from_params(params)
        estimators = [pipeline, *_estimators(pipeline)]
        for estimator in estimators:
            if hasattr(estimator, "_parameter_constraints"):
                estimator._validate_params()
            if isinstance(estimator, PairFeaturizer):
                for vectorizer in estimator._vectorizers().values():
                    vectorizer._validate_params()
                    vectorizer._validate_ngram_range()
            if isinstance(estimator, CueFeaturizer) and estimator.lexicon_dir is not None:
                load_lexicons(estimator.lexicon_dir)  # a folder without the lexicons fails now
    except StanceError:
        raise
    except (InvalidParameterError, ValueError, TypeError) as err:
        raise StanceError(f"invalid model parameters: {_one_line(err)}") from None
    return pipeline


def _estimators(pipeline: Pipeline) -> list[BaseEstimator]:
    return [v for v in pipeline.get_params(deep=True).values() if isinstance(v, BaseEstimator)]


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return text or type(err).__name__


def describe_params(base: Mapping[str, Any] | None = None) -> list[tuple[str, str]]:
    """``(name, default)`` for every parameter a pipeline built from ``base`` accepts, plain
    names first, for listing."""
    out = []
    for key, value in known_params(base).items():
        if not _listed(value):
            continue
        if isinstance(value, BaseEstimator):
            shown = f"{type(value).__name__} (or drop)"
        elif isinstance(value, tuple | list):
            shown = ",".join(map(str, value))
        else:
            shown = repr(value) if isinstance(value, str) else str(value)
        out.append((key, shown))
    return out
