"""``stance evaluate``: a model's figures on its held-out rows or on other data."""

from __future__ import annotations

import click

from .app import cli, data_dir_option, echo_json, encoding_option, json_option, model_option


@cli.command()
@click.argument("data", nargs=-1)
@model_option
@data_dir_option
@encoding_option
@json_option
@click.option(
    "--plot",
    "plot_dir",
    metavar="DIR",
    help="Also draw confusion.png and reliability.png into DIR, created inside an existing "
    "folder (needs stance[plot]).",
)
@click.option("--force", is_flag=True, help="Overwrite existing plots.")
def evaluate(
    data: tuple[str, ...],
    model: str | None,
    data_dir: str | None,
    encoding: str,
    as_json: bool,
    plot_dir: str | None,
    force: bool,
) -> None:
    """Evaluate a model on DATA, or with no DATA on the rows it held out in training.

    Reports accuracy, macro-F1, per-class precision / recall / F1 / support, the confusion
    matrix (rows: true label, columns: predicted) and the expected calibration error (ECE: how
    far stated probabilities are from observed accuracy). The held-out rows are found from the
    model card, from any folder: by the data's path, its path beside the card, or its corpus
    name in the data folder.

    \b
      stance evaluate                              the shipped model, on its held-out rows
      stance evaluate -m my.skops --json           a model of yours, as JSON
      stance evaluate -m my.skops xnli-fr:test     on other data
      stance evaluate -m my.skops --plot plots/    and draw the confusion matrix and reliability
    """
    from ..plots import check_plot_folder

    if plot_dir:
        check_plot_folder(plot_dir, force)
    from .. import api
    from ..plots import write_plots
    from .formatting import format_report

    report = api.evaluate(model, data or None, data_dir=data_dir, encoding=encoding, progress=None)
    if plot_dir:
        for path in write_plots(report, plot_dir, force):
            click.echo(f"plot: {path}", err=True)
    if as_json:
        echo_json(report)
    else:
        click.echo(format_report(report))
