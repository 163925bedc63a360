"""Pictures of an evaluation: the confusion matrix and the reliability diagram, as PNG.

Drawn from the report :func:`stance.evaluate` returns, so a plot always shows the figures
printed beside it. matplotlib is an optional extra (``pip install 'stance[plot]'``), imported
only here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .errors import StanceError
from .fileio import atomic_write, check_output_path

FILES = ("confusion.png", "reliability.png")


def check_plot_folder(folder: str | os.PathLike[str], force: bool = False) -> list[Path]:
    """The files ``write_plots`` will write into ``folder``; refused early if they exist."""
    out = check_output_path(folder, force, folder=True)
    paths = [out / name for name in FILES]
    for path in paths:
        if path.exists():
            check_output_path(path, force)
    return paths


def write_plots(
    report: dict[str, Any], folder: str | os.PathLike[str], force: bool = False
) -> list[Path]:
    """Write ``confusion.png`` and ``reliability.png`` into ``folder``; return their paths."""
    try:
        import matplotlib
    except ImportError:
        raise StanceError(
            "plots need matplotlib: pip install 'stance[plot]'", param="plot_dir"
        ) from None
    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt

    paths = check_plot_folder(folder, force)
    Path(folder).mkdir(exist_ok=True)
    title = report.get("data") or "evaluation"
    for path, draw in zip(paths, (_confusion, _reliability)):
        fig, ax = plt.subplots(figsize=(5.2, 4.6))
        draw(ax, report)
        fig.suptitle(title if len(title) < 70 else title[:67] + "...", fontsize=8)
        fig.tight_layout()
        with atomic_write(path, "wb", force=True) as fh:  # existence was checked above
            fig.savefig(fh, format="png", dpi=110)
        plt.close(fig)
    return paths


def _confusion(ax: Any, report: dict[str, Any]) -> None:
    labels = report["confusion"]["labels"]
    matrix = report["confusion"]["matrix"]
    ax.imshow(matrix, cmap="Blues")
    peak = max(max(row) for row in matrix) or 1
    for i, row in enumerate(matrix):
        for j, value in enumerate(row):
            ax.text(
                j,
                i,
                f"{value:,}",
                ha="center",
                va="center",
                color="white" if value > peak / 2 else "black",
            )
    ax.set(
        xticks=range(len(labels)),
        yticks=range(len(labels)),
        xticklabels=labels,
        yticklabels=labels,
        xlabel="predicted",
        ylabel="true",
        title=f"accuracy {report['accuracy']:.3f}, macro-F1 {report['macro_f1']:.3f}",
    )


def _reliability(ax: Any, report: dict[str, Any]) -> None:
    table = report.get("reliability") or []
    ax.plot([0, 1], [0, 1], "--", color="grey", label="calibrated")
    ax.bar(
        [(row["low"] + row["high"]) / 2 for row in table],
        [row["accuracy"] for row in table],
        width=[row["high"] - row["low"] for row in table],
        edgecolor="black",
        alpha=0.7,
        label="accuracy in bin",
    )
    ax.plot(
        [row["confidence"] for row in table],
        [row["accuracy"] for row in table],
        "o",
        color="darkred",
        label="(mean confidence, accuracy)",
    )
    ece = report.get("ece")
    ax.set(
        xlim=(0, 1),
        ylim=(0, 1),
        xlabel="confidence of the predicted label",
        ylabel="accuracy",
        title="reliability" + (f" (ECE {ece:.3f})" if ece is not None else ""),
    )
    ax.legend(loc="upper left", fontsize=8)
