"""The model: one scikit-learn Pipeline, and how it is saved, checked and loaded.

A model is two files: ``NAME.joblib`` (the fitted Pipeline) and ``NAME.card.json`` (the model
card: what it was trained on, its held-out figures, the library versions and the sha256 of the
joblib file). Loading reads the card first and refuses a model whose bytes do not match the
recorded hash, or that was written by another scikit-learn version, *before* unpickling it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any

import joblib
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from . import __version__
from .data import LABELS
from .errors import StanceError
from .features import PairFeaturizer
from .fileio import atomic_write, check_input_file, check_output_path, sha256_file

CARD_FORMAT = "stance-model-card/1"
MODEL_ENV = "STANCE_MODEL"
DEFAULT_MODEL_FILE = "stance-default.joblib"


def make_pipeline(C: float = 1.0, max_iter: int = 2000, **featurizer_params: Any) -> Pipeline:
    """A fresh, unfitted stance Pipeline: ``features`` (PairFeaturizer) then ``clf``.

    Nested parameters follow scikit-learn's ``step__param`` convention, e.g.
    ``features__min_df`` or ``clf__C`` in a ``GridSearchCV`` grid.
    """
    return Pipeline(
        [
            ("features", PairFeaturizer(**featurizer_params)),
            ("clf", LogisticRegression(C=C, max_iter=max_iter)),
        ]
    )


def card_path(model_path: str | os.PathLike[str]) -> Path:
    """Where the card of a model lives: ``m.joblib`` -> ``m.card.json``."""
    p = Path(model_path)
    return p.with_name(p.stem + ".card.json") if p.suffix else p.with_name(p.name + ".card.json")


def default_model_path() -> Path:
    """The shipped model: ``$STANCE_MODEL``, else inside the installed package, else ``models/``."""
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env)
    package = Path(__file__).resolve().parent
    for folder in (package / "models", package.parents[1] / "models"):
        if (folder / DEFAULT_MODEL_FILE).is_file():
            return folder / DEFAULT_MODEL_FILE
    raise StanceError(
        f"no shipped model found ({DEFAULT_MODEL_FILE}); give one with -m or {MODEL_ENV}"
    )


def library_versions() -> dict[str, str]:
    """Versions that decide whether a pickled Pipeline can be read back faithfully."""
    import numpy
    import scipy

    return {
        "stance": __version__,
        "scikit-learn": sklearn.__version__,
        "joblib": joblib.__version__,
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
    buffer = io.BytesIO()
    joblib.dump(pipeline, buffer, compress=3)
    payload = buffer.getvalue()
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


def read_card(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and check the card of the model at ``path`` (not the model itself)."""
    cpath = card_path(path)
    if not cpath.is_file():
        raise StanceError(
            f"{path}: no model card beside it ({cpath.name}); stance only loads models it wrote"
        )
    try:
        card = json.loads(cpath.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise StanceError(f"{cpath}: not a stance model card ({err})") from None
    if not isinstance(card, dict) or card.get("format") != CARD_FORMAT:
        raise StanceError(f"{cpath}: not a stance model card (format {CARD_FORMAT} expected)")
    return card


def load_model(path: str | os.PathLike[str] | None = None) -> Pipeline:
    """Load a model written by :func:`save_model` (default: the shipped model).

    Refuses, with a :class:`StanceError`, a file whose sha256 differs from its card (tampered,
    truncated or foreign) and a model written by another scikit-learn version, before any of the
    file is unpickled.
    """
    model_file = check_input_file(path if path is not None else default_model_path())
    card = read_card(model_file)
    digest = sha256_file(model_file)
    if digest != card.get("model_sha256"):
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
    try:
        pipeline = joblib.load(model_file)
    except Exception as err:
        raise StanceError(f"{model_file}: cannot read model ({type(err).__name__}: {err})") from err
    if not isinstance(pipeline, Pipeline) or list(getattr(pipeline, "classes_", [])) != list(
        LABELS
    ):
        raise StanceError(f"{model_file}: not a stance model (a fitted Pipeline over {LABELS})")
    return pipeline
