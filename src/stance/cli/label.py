"""``stance label``: label pairs in the terminal."""

from __future__ import annotations

import sys

import click

from ..errors import StanceError
from .app import cli, encoding_option


def _has_terminal() -> bool:
    """Whether keys can be read: stdin is a terminal, or the process has one to open (click
    reads keys from /dev/tty when stdin is not one), or click's key reader was replaced (its
    test runner feeds keys from a string)."""
    from click import _termui_impl, termui

    if sys.stdin.isatty() or getattr(termui, "_getchar", None) not in (None, _termui_impl.getchar):
        return True
    try:
        with open("/dev/tty", "rb"):
            return True
    except OSError:
        return False


@cli.command()
@click.argument("pairs_file", metavar="PAIRS")
@click.option("-o", "--output", required=True, metavar="LABELLED.jsonl", help="Labels file.")
@click.option("--retry-skipped", is_flag=True, help="Show skipped pairs again.")
@encoding_option
def label(pairs_file: str, output: str, retry_skipped: bool, encoding: str) -> None:
    """Label pairs by hand in the terminal, one key each: agree, contradict, neutral.

    Every label is appended to LABELLED.jsonl and flushed to disk as it is given, so Ctrl-C or a
    killed process loses nothing; run the same command again to resume. Skipped pairs are
    remembered in LABELLED.jsonl.skipped. The output trains directly: `stance train
    LABELLED.jsonl`.

    \b
      stance label pairs.jsonl -o labels.jsonl
      stance label pairs.jsonl -o labels.jsonl --retry-skipped
      stance train labels.jsonl -o mine.skops
    """
    if not _has_terminal():
        raise StanceError("stance label reads keys from a terminal, and this process has none")
    from ..label import label_pairs

    result = label_pairs(
        pairs_file,
        output,
        encoding=encoding,
        retry_skipped=retry_skipped,
        getchar=click.getchar,
        echo=click.echo,
    )
    if result["skipped"] and not result["remaining"] and not retry_skipped:
        click.echo("--retry-skipped shows the skipped pairs again")
