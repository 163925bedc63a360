"""``stance train``: fit a model on labelled pairs, holding out a test split."""

from __future__ import annotations

import click

from ..fileio import check_output_path
from ..settings import card_path
from .app import cli, data_dir_option, echo_json, encoding_option, json_option, parse_weights


def _list_params(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    """``--list-params``: every parameter name with its default, then exit."""
    if not value or ctx.resilient_parsing:
        return
    from ..params import describe_params

    width = max(len(name) for name, _ in describe_params())
    for name, default in describe_params():
        click.echo(f"{name:<{width}}  {default}")
    ctx.exit()


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
    help="Model parameter, e.g. C=2.0, calibrate=true, cues=quantities,negation or "
    "clf__class_weight=balanced (repeatable; all checked before training).",
)
@click.option(
    "--list-params",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_list_params,
    help="List every --param name with its default, and exit.",
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
    card, so that `stance evaluate -m MODEL` can evaluate on exactly those rows later, from any
    folder. Every option (parameters, weights, the output) is checked before any data is read.

    \b
      stance train data/pairs.fr.jsonl -o my.skops
      stance train xnli-fr:dev data/pairs.fr.jsonl --weight data/pairs.fr.jsonl=20 -o my.skops
      stance train xnli-fr:dev -o my.skops --param C=2 --param calibrate=true
      stance train fnc1:train --test fnc1:test --param gate=neutral -o fnc.skops
      stance train --list-params
    """
    if not 0 <= test_size < 1:
        raise click.BadParameter(f"{test_size} is not in [0, 1)", param_hint="--test-size")
    check_output_path(output, force)
    check_output_path(card_path(output), force)
    weights = parse_weights(weight)
    unknown = sorted(set(weights) - set(data))
    if unknown:
        raise click.BadParameter(
            f"{unknown[0]} is not in the training data (the DATA given)", param_hint="--weight"
        )
    from .. import api
    from ..params import parse_params
    from .formatting import format_report

    params = parse_params(param)
    card = api.train(
        data,
        output,
        test=test or None,
        test_size=test_size,
        seed=seed,
        data_dir=data_dir,
        encoding=encoding,
        force=force,
        params=params,
        weights=weights,
        log=lambda message: click.echo(message, err=True),
        progress=None,
    )
    if as_json:
        echo_json(card)
        return
    click.echo(f"wrote {output} ({card['train_rows']:,} training pairs)")
    if card["heldout_metrics"]:
        click.echo(format_report(card["heldout_metrics"]))
