"""Names and numbers that the command line shows before any model code runs.

Environment variables, shipped model file names, where the shipped models and the shared data
are looked for, how a model card is read, and the defaults of pairing and ranking. They live
here, in a module that imports nothing beyond the standard library, so that ``stance --help``,
``stance -V`` and ``stance info`` start without loading scikit-learn; :mod:`stance.model`,
:mod:`stance.data`, :mod:`stance.pairs` and :mod:`stance.rank` re-export them under their old
names.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .errors import StanceError

LABELS: tuple[str, ...] = ("agree", "contradict", "neutral")
"""The three verdicts, in the order of every probability vector stance returns."""

CARD_FORMAT = "stance-model-card/1"
MODEL_ENV = "STANCE_MODEL"
DEFAULT_MODEL_FILE = "stance-default.skops"
MODEL_SUFFIX = ".skops"

DATA_DIR_ENV = "STANCE_DATA_DIR"
DEFAULT_DATA_DIR = Path("..") / "shared" / "data"
"""Where the public corpora are looked for when neither an option nor the environment says:
relative to the working directory, the layout of a clone beside the shared data."""

THRESHOLD = 0.2
"""The relatedness a pair of statements needs to be a candidate (see :mod:`stance.pairs`)."""
NEIGHBOURS = 20
"""The default K of nearest-neighbour pairing on large inputs."""
AUTO_NEIGHBOURS_ABOVE = 20_000
"""From this many statements on, ``neighbours=None`` means :data:`NEIGHBOURS`, not exhaustive."""

MIN_PAIRS = 20_000
"""Fewer pairs are scored in this process: starting workers and sending each the model (about
0.5 s) would cost more than the second core saves (see :mod:`stance.parallel`)."""
MIN_ARTICLES = 64
"""Fewer articles are extracted in this process, for the same reason."""

LEAN_MODEL_LOADING = False
"""Whether models load through a lean import of skops (see :func:`stance.model._skops_io`);
the command line turns it on for its own process."""

RANKS = ("probability", "contrast")
DEFAULT_RANK = "contrast"


def card_path(model_path: str | os.PathLike[str]) -> Path:
    """Where the card of a model lives: ``m.skops`` -> ``m.card.json``."""
    p = Path(model_path)
    return p.with_name(p.stem + ".card.json") if p.suffix else p.with_name(p.name + ".card.json")


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


def shipped_model_folders() -> list[Path]:
    """Where shipped models are looked for: inside the installed package, then the ``models/``
    folder of a source checkout."""
    package = Path(__file__).resolve().parent
    return [package / "models", package.parents[1] / "models"]


def default_model_path(file: str = DEFAULT_MODEL_FILE) -> Path:
    """The shipped model (``file``: :data:`DEFAULT_MODEL_FILE`, the one every verb uses):
    ``$STANCE_MODEL`` if set, for every verb, else inside the installed package, else
    ``models/``."""
    env = os.environ.get(MODEL_ENV)
    if env:
        return Path(env)
    for folder in shipped_model_folders():
        if (folder / file).is_file():
            return folder / file
    raise StanceError(f"no shipped model found ({file}); give a model file or set {MODEL_ENV}")


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """The shared data folder: the argument, else ``$STANCE_DATA_DIR``, else ``../shared/data``."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR
    return Path(chosen)
