"""``stance extract``: who said what in articles, as JSON Lines (or CSV, TSV, JSON)."""

from __future__ import annotations

import click

from ..fileio import check_output_path
from .app import LanguageCheck, cli, encoding_option, format_option, jobs_option, plural


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "-o", "--output", default="-", show_default=True, metavar="FILE", help="Statements file."
)
@format_option("the statements")
@click.option("--narrative", is_flag=True, help="Also emit unattributed sentences (speaker null).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@jobs_option
@encoding_option
def extract(
    files: tuple[str, ...],
    output: str,
    fmt: str | None,
    narrative: bool,
    force: bool,
    jobs: int | None,
    encoding: str,
) -> None:
    """Find who said what in French or English articles (FILE... or - for stdin).

    One record per statement: id, article, start, end (character offsets), quote (the exact
    text[start:end]), speaker (null for narrative), cue (the attribution frame), claim (the
    content without the frame) and lang. Folders are read for their .txt files.

    \b
      stance extract article.fr.txt
      stance extract coverage/ -o statements.jsonl
      stance extract a.txt b.txt -o statements.csv
      cat article.txt | stance extract -
    """
    check_output_path(output, force)
    from .. import api
    from ..fileio import write_records

    statements, texts = api.extract_files(files, encoding, narrative, jobs=jobs)
    count = write_records(statements, output, force=force, fmt=fmt)
    if output != "-":
        click.echo(f"{plural(count, 'statement')} into {output}", err=True)
    languages = LanguageCheck("article")
    languages.add_texts((text,) for text in texts.values())
    languages.report()
