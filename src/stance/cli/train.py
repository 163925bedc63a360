"""``stance train``: fit a model on labelled pairs, holding out a test split."""

from __future__ import annotations

import click

from .. import api
from .app import (
    cli,
    data_dir_option,
    echo_json,
    encoding_option,
    json_option,
    parse_params,
    parse_weights,
)
from .formatting import format_report


@cli.command()
@click.argument("data", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(), help="Model file to write.")
@click.option(
    "--test",
    multiple=True,
    metavar="DATA",
    help="Evaluate on this data instead of holding out a split (repeatable).",
)
@click.option(
    "--test-size",
    default=0.2,
    show_default=True,
    type=float,
    help="Share of DATA held out, stratified by label (0 holds out nothing).",
)
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the split.")
@click.option(
    "--param",
    multiple=True,
    metavar="KEY=VALUE",
    help="Model parameter, e.g. C=2.0 or min_df=1 (repeatable).",
)
@click.option(
    "--weight",
    multiple=True,
    metavar="DATA=W",
    help="Training weight of one DATA source, e.g. data/pairs.fr.jsonl=10 (repeatable).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing model file.")
@data_dir_option
@encoding_option
@json_option
def train(
    data: tuple[str, ...],
    output: str,
    test: tuple[str, ...],
    test_size: float,
    seed: int,
    param: tuple[str, ...],
    weight: tuple[str, ...],
    force: bool,
    data_dir: str | None,
    encoding: str,
    as_json: bool,
) -> None:
    """Train a model on labelled pairs and save it with its model card.

    Without --test, a stratified share of DATA is held out and its rows are recorded in the
    card, so that `stance evaluate -m MODEL` can evaluate on exactly those rows later.
    """
    card = api.train(
        data,
        output,
        test=test or None,
        test_size=test_size,
        seed=seed,
        data_dir=data_dir,
        encoding=encoding,
        force=force,
        params=parse_params(param),
        weights=parse_weights(weight),
        log=lambda message: click.echo(message, err=True),
        progress=None,
    )
    if as_json:
        echo_json(card)
        return
    click.echo(f"wrote {output} ({card['train_rows']:,} training pairs)")
    if card["heldout_metrics"]:
        click.echo(format_report(card["heldout_metrics"]))
