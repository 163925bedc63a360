"""``stance score``: one pair from the arguments, or a file of pairs."""

from __future__ import annotations

import os

import click

from ..fileio import GLOB_CHARS, STDIO, check_input_file, check_output_path, count_lines
from ..settings import MIN_PAIRS
from .app import (
    LanguageCheck,
    cli,
    echo_json,
    encoding_option,
    format_option,
    jobs_option,
    json_option,
    model_option,
    on_scheduler,
    plural,
    scheduler_option,
)


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
    help="Scored pairs (format from the name, or --format); for shards, a folder (one "
    "NAME.jsonl per input shard).",
)
@format_option("the scored pairs")
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
    fmt: str | None,
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
      stance score --explain --json "statement A" "statement B"
      stance score -i pairs.csv -o scored.jsonl
      stance score -i pairs.csv -o scored.csv       p_agree, p_contradict, p_neutral columns
      cat pairs.jsonl | stance score -i - > scored.jsonl
      stance score -i 'shards/*.jsonl' -o scored/ --scheduler tcp://10.0.0.5:8786

    Files keep all their columns and gain `label` and `probabilities` (in CSV and TSV, one
    column per label); an input column named `label` is kept as `input_label`. From stdin, each
    line is answered as soon as it is read (whatever has arrived is scored as one batch), so a
    program can keep one `stance score -i -` open and pay the start once. A glob (quote it, so
    the shell leaves it alone) or a folder scores each shard into OUTDIR/NAME.jsonl, on a dask
    cluster with --scheduler; the outputs are the same as a local run's, row for row. Large
    inputs are scored in --jobs worker processes, with the same output as one process.
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
    if input_ is None and (fmt is not None or output != STDIO):
        raise click.UsageError("-o and --format write files of pairs: give -i FILE")
    globbed = input_ is not None and not os.path.isfile(input_) and GLOB_CHARS & set(input_)
    sharded = input_ is not None and (scheduler or os.path.isdir(input_) or globbed)
    if sharded:
        if output == STDIO:
            raise click.UsageError("shards are scored into a folder: give -o OUTDIR")
        if fmt not in (None, "jsonl"):
            raise click.UsageError("shards are scored into JSON Lines files")
        check_output_path(output, force, folder=True)
    elif input_ is not None:
        if input_ != STDIO:
            check_input_file(input_)
        check_output_path(output, force)
    if not sharded and input_ not in (None, STDIO) and count_lines(input_, MIN_PAIRS) >= MIN_PAIRS:
        from ..parallel import warm_up

        warm_up(jobs)  # the workers start while this process loads scikit-learn and the model
    from .. import api
    from ..model import load_model

    pipeline = load_model(model)
    languages = LanguageCheck()
    if sharded:
        shards = api.shard_paths(input_)
        with on_scheduler(scheduler):
            counts = api.score_shards(
                pipeline, shards, output, encoding=encoding, force=force, jobs=jobs, progress=None
            )
        total = sum(counts.values())
        click.echo(
            f"scored {plural(total, 'pair')} from {plural(len(counts), 'shard')} into {output}",
            err=True,
        )
        return
    if input_ is not None:
        count = api.score_file(
            pipeline,
            input_,
            output,
            encoding=encoding,
            force=force,
            progress=None,
            jobs=jobs,
            fmt=fmt,
            on_languages=languages.add_counts,
        )
        if output != STDIO:
            click.echo(f"scored {plural(count, 'pair')} into {output}", err=True)
        languages.report()
        return
    (verdict,) = api.score(pipeline, [statements])  # also refuses empty statements
    if explain_:
        from ..explain import explain

        verdict = explain(pipeline, *statements)
    if as_json:
        echo_json(verdict)
    else:
        from .formatting import format_verdict

        click.echo(format_verdict(verdict))
    languages.add([statements])
    languages.report()
