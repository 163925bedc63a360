"""Train the shipped default model: ``python training/train_default.py [--data-dir DIR]``.

It is trained on French and English NLI corpora from the shared data folder plus the team's own
news-style pairs in ``data/``, never on a test split, with 20 % of the rows held out (grouped by
statement ``a``) for the figures in its model card. The corpora's licences carry over to the
model: several are non-commercial (see README.md, "The shipped model").
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

import stance
from stance.model import DEFAULT_MODEL_FILE

ROOT = Path(__file__).resolve().parents[1]

# Paths relative to the repository root (the script runs from there), so that the model card
# names the same files in every checkout and `stance evaluate` can find the held-out rows again.
TRAINING_DATA = [
    "xnli-fr:dev",
    "xnli-en:dev",
    "sick-fr:train",
    "sick:train",
    "rte3-fr:dev",
    "snli:dev",
    "data/pairs.fr.jsonl",
    "data/pairs.en.jsonl",
    "data/pairs.cross.jsonl",
    "data/pairs.coverage.jsonl",
]

# The team's 1,159 news-style pairs are the only in-domain data beside ~25,000 NLI pairs about
# captions and fiction; weighted 20, the first 320 raised accuracy on held-out team pairs from
# 0.50 to 0.57 (3-fold) without changing XNLI-fr, RTE3-FR or SICK-FR test accuracy (+-0.01).
# The 599 coverage pairs (claims without their attribution frames, same-story hard negatives)
# moved the Libya showcase pair of the scan from 11th to 2nd.
WEIGHTS = {spec: 20.0 for spec in TRAINING_DATA if spec.startswith("data/")}

# Calibrated by a stronger penalty, not by a calibrator. Temperature scaling fitted on this
# weighted mixture (--param calibrate 1) made the probabilities worse overall (ECE on held-out
# rows 0.060 -> 0.175, SICK-FR test 0.020 -> 0.232). Shrinking the weights does better
# everywhere (C 1 / 0.5 / 0.3, same data): ECE on held-out rows 0.068 / 0.036 / 0.017, on
# XNLI-fr test 0.150 / 0.115 / 0.092, RTE3-FR test 0.175 / 0.145 / 0.124, SICK-FR test
# 0.028 / - / 0.020, for held-out accuracy 0.685 / 0.683 / 0.680 (XNLI-fr 0.551 / 0.548 /
# 0.547). The French Libya showcase pair goes from P(contradict) 0.70 to 0.55 (still the
# verdict), issue 5's 0.6 no longer met: probabilities that mean what they say are worth more
# to a reader than one pair over a line.
PARAMS: dict[str, float] = {"C": 0.3}

# The team's 2,382 labelled scan pairs (every candidate pair of six two-outlet stories,
# data/scan-train/) are not in the shipped model. Weighted 3, they doubled the scan's recall of
# the key contradictions (team articles 4 -> 8 of 20, held-out 2 -> 5 of 19) but taught the
# model that a pair sharing no word is neutral: the Libya showcase fell from 3rd to 6th and the
# French showcase pair from 0.70 to 0.43. `--scan-weight 3` builds that model.
SCAN_PAIRS = "data/scan-train/pairs.jsonl"


@click.command()
@click.option(
    "--data-dir",
    envvar="STANCE_DATA_DIR",
    help="Shared corpora folder, relative to the repository root [default: ../shared/data].",
)
@click.option("-o", "--output", default=f"models/{DEFAULT_MODEL_FILE}", show_default=True)
@click.option("--force", is_flag=True, help="Replace an existing model.")
@click.option(
    "--scan-weight",
    type=click.FloatRange(min=0),
    default=0.0,
    show_default=True,
    help=f"Also train on {SCAN_PAIRS}, with this weight (0: not at all).",
)
@click.option(
    "--param",
    type=(str, float),
    multiple=True,
    help="Override a numeric model parameter, e.g. --param cue_weight 3 (for experiments).",
)
def main(
    data_dir: str | None,
    output: str,
    force: bool,
    scan_weight: float,
    param: tuple[tuple[str, float], ...],
) -> None:
    """Train and save the default model, then print its held-out figures."""
    from stance.cli import format_report

    os.chdir(ROOT)
    data, weights = list(TRAINING_DATA), dict(WEIGHTS)
    if scan_weight:
        data.append(SCAN_PAIRS)
        weights[SCAN_PAIRS] = scan_weight
    try:
        card = stance.train(
            data,
            output,
            data_dir=data_dir,
            force=force,
            params={**PARAMS, **dict(param)},
            weights=weights,
            log=lambda message: click.echo(message, err=True),
        )
    except stance.StanceError as err:
        sys.exit(f"train_default: error: {err}")
    click.echo(format_report(card["heldout_metrics"]))
    size_mb = Path(output).stat().st_size / 1e6
    click.echo(f"model: {output} ({size_mb:.1f} MB)")
    if size_mb > 25:
        sys.exit("the model is over the 25 MB budget")


if __name__ == "__main__":
    main()
