"""stance: find where news coverage agrees with itself and where it contradicts itself.

The Python API is as plain as the CLI::

    import stance
    model = stance.load_model()  # the shipped model; or load_model("my.skops")
    model.predict([("Le chômage a baissé.", "Le chômage a augmenté.")])
    model.predict_proba([...])    # columns in stance.LABELS order
    stance.score(model, [(a, b)])  # [{"label": ..., "probabilities": {...}}]

The public names are imported when first used, not with the package: ``import stance`` (and
the command line's ``stance --help``) then starts without loading scikit-learn.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import StanceError
from .version import __version__

if TYPE_CHECKING:
    from .api import evaluate, score, score_file, train
    from .data import CORPORA, LABELS, load
    from .features import PairFeaturizer
    from .model import (
        build_pipeline,
        load_model,
        make_pipeline,
        read_card,
        save_model,
    )
    from .pairfiles import iter_pairs, read_pairs

_LAZY = {
    "evaluate": "api",
    "score": "api",
    "score_file": "api",
    "train": "api",
    "CORPORA": "data",
    "LABELS": "data",
    "iter_pairs": "data",
    "load": "data",
    "read_pairs": "data",
    "PairFeaturizer": "features",
    "build_pipeline": "model",
    "load_model": "model",
    "make_pipeline": "model",
    "read_card": "model",
    "save_model": "model",
}

__all__ = [
    "CORPORA",
    "LABELS",
    "PairFeaturizer",
    "StanceError",
    "__version__",
    "build_pipeline",
    "evaluate",
    "iter_pairs",
    "load",
    "load_model",
    "make_pipeline",
    "read_card",
    "read_pairs",
    "save_model",
    "score",
    "score_file",
    "train",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module the first time the name is used."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'stance' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
