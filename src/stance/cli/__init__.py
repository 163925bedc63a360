"""The ``stance`` command: parses arguments, calls :mod:`stance.api`, prints the result.

One module per verb (:mod:`.train`, :mod:`.evaluate`, :mod:`.score`, :mod:`.extract`,
:mod:`.pairs`, :mod:`.label`, :mod:`.scan`; :mod:`.info` holds ``info`` and ``corpora``), the
group and shared options in :mod:`.app`, and the tables for people in :mod:`.formatting`.
Importing a verb's module registers it; each imports the heavy libraries (scikit-learn,
datasets, skops) only when it runs, so that ``stance --help`` starts at once.
"""

from . import evaluate, extract, info, label, pairs, scan, score, train
from .app import cli, main
from .formatting import format_report, format_scan, format_verdict

__all__ = [
    "cli",
    "evaluate",
    "extract",
    "format_report",
    "format_scan",
    "format_verdict",
    "info",
    "label",
    "main",
    "pairs",
    "scan",
    "score",
    "train",
]
