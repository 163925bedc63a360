"""``stance scan``: the most contradictory pairs of a set of articles."""

from __future__ import annotations

import click

from ..fileio import atomic_write, check_output_path
from ..settings import DEFAULT_RANK, RANKS, SCAN_MODEL_FILE
from .app import (
    cli,
    echo_json,
    encoding_option,
    jobs_option,
    json_option,
    neighbours_option,
    on_scheduler,
    same_speaker_option,
    scan_model_option,
    scheduler_option,
    threshold_option,
)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--top", default=10, show_default=True, help="Rows of the table (--json: all).")
@click.option(
    "--html",
    "html_path",
    metavar="REPORT.html",
    help="Also write a self-contained HTML report with each quote highlighted in its article.",
)
@threshold_option
@neighbours_option
@jobs_option
@same_speaker_option
@scheduler_option
@click.option(
    "--rank",
    type=click.Choice(RANKS),
    default=DEFAULT_RANK,
    show_default=True,
    help="Order: by probability of contradiction, or by how far it stands above the two "
    "statements' other pairs (contrast: demotes a statement that seems to clash with everything).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing report.")
@scan_model_option
@encoding_option
@json_option
def scan(
    files: tuple[str, ...],
    top: int,
    html_path: str | None,
    threshold: float,
    neighbours: int | None,
    jobs: int | None,
    same_speaker: bool,
    scheduler: str | None,
    rank: str,
    force: bool,
    model: str | None,
    encoding: str,
    as_json: bool,
) -> None:
    """Extract, pair and score articles: the pairs most likely to contradict, first.

    FILES are articles (.txt, French or English) or folders of them.

    \b
      stance scan coverage/*.txt
      stance scan --json a.fr.txt b.en.txt > ranked.jsonl
      stance scan --html report.html coverage/*.txt
      stance scan archive/ --neighbours 20 --scheduler local --json > ranked.jsonl
      stance scan --rank contrast coverage/*.txt
    """
    if html_path:
        check_output_path(html_path, force)
    from .. import api
    from ..model import load_model

    pipeline = load_model(model, default=SCAN_MODEL_FILE)
    with on_scheduler(scheduler):
        results, texts = api.scan(
            pipeline,
            files,
            threshold=threshold,
            neighbours=neighbours,
            encoding=encoding,
            progress=None,
            jobs=jobs,
            rank=rank,
            same_speaker=same_speaker,
        )
    if html_path:
        from ..report import render_html

        with atomic_write(html_path, force=force) as fh:
            fh.write(render_html(results, texts, top=top))
        click.echo(f"report: {html_path}", err=True)
    if as_json:
        for row in results:
            echo_json(row)
    else:
        from .formatting import format_scan

        click.echo(format_scan(results[:top], len(results), len(texts)))
