"""``stance pairs``: candidate pairs of statements."""

from __future__ import annotations

import click

from .. import api
from ..data import iter_statements
from ..pairs import candidate_pairs
from .app import cli, encoding_option, neighbours_option, same_speaker_option, threshold_option


@cli.command()
@click.argument("statements", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE", help="JSON Lines.")
@threshold_option
@neighbours_option
@same_speaker_option
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@encoding_option
def pairs(
    statements: tuple[str, ...],
    output: str,
    threshold: float,
    neighbours: int | None,
    same_speaker: bool,
    force: bool,
    encoding: str,
) -> None:
    """Pair statements about the same subject, within and across articles.

    Reads the JSON Lines of `stance extract`; writes one candidate pair per line with the two
    claims as `a` and `b` (ready for `stance score -i` and `stance label`) and both statements.
    """
    rows = [row for path in statements for row in iter_statements(path, encoding)]
    found = candidate_pairs(rows, threshold, neighbours=neighbours, same_speaker=same_speaker)
    count = api.write_jsonl(found, output, force)
    if output != "-":
        click.echo(f"{count:,} pairs into {output}", err=True)
