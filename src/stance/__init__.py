"""stance: find where news coverage agrees with itself and where it contradicts itself.

The Python API is as plain as the CLI::

    import stance
    model = stance.load_model()  # the shipped model; or load_model("my.skops")
    model.predict([("Le chômage a baissé.", "Le chômage a augmenté.")])
    model.predict_proba([...])    # columns in stance.LABELS order
    stance.score(model, [(a, b)])  # [{"label": ..., "probabilities": {...}}]
"""

__version__ = "0.1.0"

from .api import evaluate, score, score_file, train
from .data import CORPORA, LABELS, iter_pairs, load, read_pairs
from .errors import StanceError
from .features import PairFeaturizer
from .model import SCAN_MODEL_FILE, load_model, make_pipeline, read_card, save_model

__all__ = [
    "CORPORA",
    "LABELS",
    "SCAN_MODEL_FILE",
    "PairFeaturizer",
    "StanceError",
    "__version__",
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
