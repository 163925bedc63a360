"""``stance scan``: the most contradictory pairs of a set of articles."""

from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from ..rank import Ranking

from ..data import LABELS
from ..fileio import atomic_write, check_output_path
from ..settings import DEFAULT_RANK, RANKS
from .app import (
    cli,
    echo_json,
    encoding_option,
    jobs_option,
    json_option,
    model_option,
    neighbours_option,
    on_scheduler,
    same_speaker_option,
    scheduler_option,
    threshold_option,
)


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Pairs shown in the table, and other pairs listed in the report (--json: all).",
)
@click.option(
    "--min-prob",
    type=click.FloatRange(0, 1),
    metavar="P",
    help="Keep only the pairs with P(contradict) at least P (table, --json and report).",
)
@click.option(
    "--only",
    type=click.Choice(LABELS),
    help="Keep only the pairs labelled so (table, --json and report).",
)
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
@model_option
@encoding_option
@json_option
def scan(
    files: tuple[str, ...],
    top: int,
    min_prob: float | None,
    only: str | None,
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

    FILES are articles (.txt, French or English), archives of dated articles (.jsonl: one
    {"id", "outlet", "date", "text"} object a line, "lang" optional) or folders of .txt
    articles. The ranking is the same whatever their order.

    \b
      stance scan coverage/*.txt
      stance scan --json a.fr.txt b.en.txt > ranked.jsonl
      stance scan --html report.html coverage/*.txt
      stance scan archive/ --neighbours 20 --scheduler local --json > ranked.jsonl
      stance scan --rank probability coverage/*.txt
      stance scan march.jsonl --only contradict --min-prob 0.6
    """
    if html_path:
        check_output_path(html_path, force)
    from .. import api
    from ..model import load_model

    pipeline = load_model(model)
    with on_scheduler(scheduler):
        ranking = api.scan(
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
        with atomic_write(html_path, force=force) as fh:
            fh.write(_report(ranking, top, min_prob, only))
        click.echo(f"report: {html_path}", err=True)
    if as_json:
        for row in ranking.rows(min_prob, only):
            echo_json(row)
        return
    filtered = min_prob is not None or only is not None
    matching = len(ranking.selected(min_prob, only))
    counts = (ranking.articles, len(ranking.statements), len(ranking))
    from .formatting import format_scan, format_scan_empty

    if not matching:
        click.echo(format_scan_empty(*counts, only, min_prob))
        return
    rows = list(ranking.rows(min_prob, only, limit=top))
    click.echo(
        format_scan(
            rows,
            articles=counts[0],
            statements=counts[1],
            pairs=counts[2],
            matching=matching if filtered else None,
        )
    )


def _report(ranking: Ranking, top: int, min_prob: float | None, only: str | None) -> str:
    """The HTML report of the pairs the filters keep: every one labelled contradict, then the
    ``top`` best of the others. Only those rows are made, whatever the number of pairs."""
    from ..report import render_html

    found = [] if only not in (None, "contradict") else list(ranking.rows(min_prob, "contradict"))
    others = [] if only == "contradict" else ranking.rows(min_prob, only)
    rest = list(islice((r for r in others if r["label"] != "contradict"), top))
    counts = {
        "articles": ranking.articles,
        "statements": len(ranking.statements),
        "pairs": len(ranking),
        "others": 0 if only == "contradict" else len(ranking.selected(min_prob, only)) - len(found),
        "by_article": Counter(s["article"] for s in ranking.statements),
    }
    return render_html(found + rest, ranking.texts, top=top, counts=counts)
