"""``stance label``: label pairs in the terminal."""

from __future__ import annotations

import os
import sys

import click

from ..errors import StanceError
from ..label import label_pairs
from .app import cli, encoding_option


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
    """
    if not sys.stdin.isatty() and not os.path.exists("/dev/tty"):
        raise StanceError("stance label needs a terminal to read keys from")
    label_pairs(pairs_file, output, encoding=encoding, retry_skipped=retry_skipped)
