"""Train the shipped default model: ``python training/train_default.py [--data-dir DIR]``.

It is trained on French and English NLI corpora from the shared data folder plus the project's own
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
from stance.model import DEFAULT_MODEL_FILE, SCAN_MODEL_FILE
from stance.params import parse_params

ROOT = Path(__file__).resolve().parents[1]

# Paths relative to the repository root (the script runs from there), so that the model card
# names the same files in every checkout and `stance evaluate` can find the held-out rows again.
TEAM_PAIRS = [
    "data/pairs.fr.jsonl",
    "data/pairs.en.jsonl",
    "data/pairs.cross.jsonl",
    "data/pairs.coverage.jsonl",
]
SCAN_PAIRS = "data/scan-train/pairs.jsonl"
CROSS_STORY = "data/scan-train/cross-story.jsonl"
TRAINING_DATA = [
    "xnli-fr:dev",
    "xnli-en:dev",
    "sick-fr:train",
    "sick:train",
    "rte3-fr:dev",
    "snli:dev",
    *TEAM_PAIRS,
    SCAN_PAIRS,
    CROSS_STORY,
]

# The project's 1,159 news-style pairs are the only in-domain data beside ~25,000 NLI pairs about
# captions and fiction; weighted 20, the first 320 raised accuracy on held-out project pairs from
# 0.50 to 0.57 (3-fold) without changing XNLI-fr, RTE3-FR or SICK-FR test accuracy (+-0.01).
# The 599 coverage pairs (claims without their attribution frames, same-story hard negatives)
# moved the Libya showcase pair of the scan from 11th to 2nd.
# The project's 11,852 labelled scan pairs (every candidate pair of 24 two-outlet stories,
# data/scan-train/, 11,203 of them neutral) are news-style pairs in bulk, weighted 0.3.
# Measured on the labelled pairs of the two held-out article sets (news pairs that no model
# was trained on; training/bench_extract.py), accuracy went from 0.500 and 0.464 without them
# to 0.636 and 0.589 (48 -> 61 of the 100 pairs), XNLI-fr test accuracy from 0.560 to 0.564
# and its ECE from 0.028 to 0.031; weight 1 gave 0.682 and 0.571 (62 of 100, one pair more)
# with an ECE of 0.043, so the lighter weight, further inside the 0.05 target, stays. The scan
# model weights them 3 (below).
# The 2,400 cross-story pairs (two statements of two different scan stories, neutral; see
# training/cross_story_pairs.py) are the only pairs about different things: without them a
# model reads "nothing in common" as agreement, as NLI paraphrases often share no word.
WEIGHTS = {**{spec: 20.0 for spec in TEAM_PAIRS}, SCAN_PAIRS: 0.3, CROSS_STORY: 1.0}

# Calibrated by temperature scaling (`calibrate`): a logistic regression with scikit-learn's
# default penalty, and a temperature fitted on predictions for folds that keep each statement's
# pairs together, weighted as in training. Held out (same split and features, before the
# negation fix), against the previous recipe (C 0.3, no calibrator): accuracy 0.686 / 0.683,
# macro-F1 0.682 / 0.678; ECE on the held-out rows of XNLI-fr dev 0.050 / 0.115, RTE3-FR dev
# 0.082 / 0.127, the project's four pair files 0.195 / 0.141 / 0.118 / 0.136 against 0.324 /
# 0.223 / 0.208 / 0.174, SICK-FR train 0.089 / 0.034 (caption pairs, the easiest, come out
# under-confident). With plain folds the fitted temperature sharpened the probabilities
# (held-out ECE 0.060 -> 0.175): a row's siblings in the training folds made its predictions
# look better than they are. README, "Calibration".
PARAMS: dict[str, float | bool] = {"C": 1.0, "calibrate": True}

# The shipped scan model (`--scan-model`) is trained on the same data with the scan pairs
# weighted 3 and the cue columns weighted 3. It is what `stance scan` ranks with: on the
# project's articles it finds 14 of the 20 key contradictions in its top 40 (the default model:
# 10), on the held-out ones 13 of 19 and 12 of 23, and puts the Libya pair 1st (figures that
# move by one or two pairs with the split seed). With 6, 12 and 18 of the stories it found 9,
# 12 and 13 of 20. It is not the default model because it is less well calibrated (XNLI-fr
# test ECE 0.073) and its French showcase pair swings between runs (README, "The shipped
# models").
SCAN_WEIGHT = 3.0
# It keeps the penalty it was chosen with (C 0.3), calibrated like the default model: with C 1
# it found 9 of 20 and 5 of 19 key contradictions and put the Libya pair 3rd, against 9, 8 and
# 2nd with C 0.3 (both before "plus" and "personne" needed a "ne" to negate).
SCAN_PARAMS: dict[str, float] = {"cue_weight": 3.0, "C": 0.3}


@click.command()
@click.option(
    "--data-dir",
    envvar="STANCE_DATA_DIR",
    help="Shared corpora folder, relative to the repository root [default: ../shared/data].",
)
@click.option(
    "-o",
    "--output",
    help=f"[default: models/{DEFAULT_MODEL_FILE}, or models/{SCAN_MODEL_FILE} with --scan-model]",
)
@click.option("--force", is_flag=True, help="Replace an existing model.")
@click.option(
    "--scan-model",
    is_flag=True,
    help=f"Train the scan model: {SCAN_PAIRS} weighted {SCAN_WEIGHT:g} instead of "
    f"{WEIGHTS[SCAN_PAIRS]:g}, cue columns weighted {SCAN_PARAMS['cue_weight']:g}.",
)
@click.option(
    "--param",
    type=(str, str),
    multiple=True,
    metavar="KEY VALUE",
    help="Override a model parameter, e.g. --param cue_weight 3 (for experiments; read and "
    "checked as stance train --param reads it).",
)
def main(
    data_dir: str | None,
    output: str | None,
    force: bool,
    scan_model: bool,
    param: tuple[tuple[str, str], ...],
) -> None:
    """Train and save the default model (or the scan model), then print its held-out figures."""
    from stance.cli import format_report

    os.chdir(ROOT)
    data, weights, params = list(TRAINING_DATA), dict(WEIGHTS), dict(PARAMS)
    if scan_model:
        weights[SCAN_PAIRS] = SCAN_WEIGHT
        params.update(SCAN_PARAMS)
    output = output or f"models/{SCAN_MODEL_FILE if scan_model else DEFAULT_MODEL_FILE}"
    try:
        params = parse_params(param, base=params)
        card = stance.train(
            data,
            output,
            data_dir=data_dir,
            force=force,
            params=params,
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
