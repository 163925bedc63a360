"""``stance extract``: who said what in articles, as JSON Lines."""

from __future__ import annotations

import click

from .. import api
from .app import cli, encoding_option, jobs_option


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE", help="JSON Lines.")
@click.option("--narrative", is_flag=True, help="Also emit unattributed sentences (speaker null).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@jobs_option
@encoding_option
def extract(
    files: tuple[str, ...],
    output: str,
    narrative: bool,
    force: bool,
    jobs: int | None,
    encoding: str,
) -> None:
    """Find who said what in French or English articles (FILE... or - for stdin).

    One JSON object per statement: id, article, start, end (character offsets), quote (the
    exact text[start:end]), speaker (null for narrative), cue (the attribution frame), claim
    (the content without the frame) and lang.
    """
    statements, _ = api.extract_files(files, encoding, narrative, jobs=jobs)
    count = api.write_jsonl(statements, output, force)
    if output != "-":
        click.echo(f"{count:,} statements into {output}", err=True)
