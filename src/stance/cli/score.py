"""``stance score``: one pair from the arguments, or a file of pairs."""

from __future__ import annotations

import os

import click

from .. import api
from ..explain import explain
from ..model import load_model
from .app import (
    cli,
    echo_json,
    encoding_option,
    jobs_option,
    json_option,
    model_option,
    on_scheduler,
    scheduler_option,
)
from .formatting import format_verdict


@cli.command()
@click.argument("statements", nargs=-1)
@click.option(
    "-i",
    "--input",
    "input_",
    metavar="FILE",
    help="Pairs to score (CSV, TSV, JSONL or '-'); a quoted glob or a folder for shards.",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="FILE",
    help="JSON Lines out; for shards, a folder (one NAME.jsonl per input shard).",
)
@click.option("--force", is_flag=True, help="Overwrite existing output.")
@click.option(
    "--explain",
    "explain_",
    is_flag=True,
    help="Show what drove the verdict: strongest features and cue findings.",
)
@jobs_option
@scheduler_option
@model_option
@encoding_option
@json_option
def score(
    statements: tuple[str, ...],
    input_: str | None,
    output: str,
    force: bool,
    explain_: bool,
    jobs: int | None,
    scheduler: str | None,
    model: str | None,
    encoding: str,
    as_json: bool,
) -> None:
    """Score one pair (A B), every pair of a file (-i FILE), or shards of pairs.

    \b
      stance score "statement A" "statement B"
      stance score -i pairs.csv -o scored.jsonl
      cat pairs.jsonl | stance score -i - > scored.jsonl
      stance score -i 'shards/*.jsonl' -o scored/ --scheduler tcp://10.0.0.5:8786

    Files keep all their columns and gain `label` and `probabilities`; an input column named
    `label` is kept as `input_label`. A glob (quote it, so the shell leaves it alone) or a
    folder scores each shard into OUTDIR/NAME.jsonl, on a dask cluster with --scheduler; the
    outputs are the same as a local run's, row for row. Large inputs are scored in --jobs
    worker processes, with the same output as one process.
    """
    if input_ is None and len(statements) != 2:
        raise click.UsageError("give two statements A B, or a file with -i FILE")
    if input_ is not None and statements:
        raise click.UsageError(
            "give either two statements or -i FILE, not both (quote a glob: -i 'shards/*.jsonl')"
        )
    if explain_ and input_ is not None:
        raise click.UsageError("--explain works on one pair (A B), not on a file")
    if scheduler and input_ is None:
        raise click.UsageError("--scheduler scores files: give -i 'shards/*.jsonl' -o OUTDIR")
    pipeline = load_model(model)
    globbed = input_ is not None and not os.path.isfile(input_) and api.GLOB_CHARS & set(input_)
    if input_ is not None and (scheduler or os.path.isdir(input_) or globbed):
        if output == "-":
            raise click.UsageError("shards are scored into a folder: give -o OUTDIR")
        shards = api.shard_paths(input_)
        with on_scheduler(scheduler):
            counts = api.score_shards(
                pipeline, shards, output, encoding=encoding, force=force, jobs=jobs, progress=None
            )
        total = sum(counts.values())
        click.echo(f"scored {total:,} pairs from {len(counts):,} shards into {output}", err=True)
        return
    if input_ is not None:
        count = api.score_file(
            pipeline, input_, output, encoding=encoding, force=force, progress=None, jobs=jobs
        )
        if output != "-":
            click.echo(f"scored {count:,} pair{'' if count == 1 else 's'} into {output}", err=True)
        return
    (verdict,) = api.score(pipeline, [statements])  # also refuses empty statements
    if explain_:
        verdict = explain(pipeline, *statements)
    if as_json:
        echo_json(verdict)
    else:
        click.echo(format_verdict(verdict))
