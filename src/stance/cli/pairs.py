"""``stance pairs``: candidate pairs of statements."""

from __future__ import annotations

import click

from ..fileio import check_output_path
from .app import (
    LanguageCheck,
    cli,
    encoding_option,
    format_option,
    neighbours_option,
    plural,
    same_speaker_option,
    threshold_option,
)


@cli.command()
@click.argument("statements", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE", help="Pairs file.")
@format_option("the pairs")
@threshold_option
@neighbours_option
@same_speaker_option
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@encoding_option
def pairs(
    statements: tuple[str, ...],
    output: str,
    fmt: str | None,
    threshold: float,
    neighbours: int | None,
    same_speaker: bool,
    force: bool,
    encoding: str,
) -> None:
    """Pair statements about the same subject, within and across articles.

    Reads the JSON Lines of `stance extract`; writes one candidate pair per line with the two
    claims as `a` and `b` (ready for `stance score -i` and `stance label`), both statements,
    and their `relatedness`, most related first.

    \b
      stance pairs statements.jsonl -o pairs.jsonl
      stance pairs statements.jsonl --threshold 0.3 -o pairs.csv
      stance extract coverage/ | stance pairs - --neighbours 20
    """
    check_output_path(output, force)
    from ..fileio import write_records
    from ..pairfiles import iter_statements
    from ..pairs import candidate_pairs

    rows = [row for path in statements for row in iter_statements(path, encoding)]
    found = candidate_pairs(rows, threshold, neighbours=neighbours, same_speaker=same_speaker)
    count = write_records(found, output, force=force, fmt=fmt)
    if output != "-":
        click.echo(f"{plural(count, 'pair')} into {output}", err=True)
    languages = LanguageCheck("statement")
    languages.add_texts((s.get("claim") or s.get("quote") or "",) for s in rows)
    languages.report()
