"""The ``stance`` command group, the options verbs share, and the console entry point.

The CLI only parses arguments and prints: each verb lives in a module of its own and calls
:mod:`stance.api`."""

from __future__ import annotations

import ast
import contextlib
import traceback
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

from .. import __version__
from ..data import CORPORA, DATA_DIR_ENV
from ..errors import StanceError
from ..fileio import json_line
from ..model import MODEL_ENV, SCAN_MODEL_FILE
from ..pairs import AUTO_NEIGHBOURS_ABOVE, NEIGHBOURS, THRESHOLD
from ..parallel import MIN_ARTICLES, MIN_PAIRS, cluster


class _Group(click.Group):
    """Turns StanceError into ``stance: error: ...`` on stderr and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StanceError as err:
            if ctx.meta.get("stance.debug"):
                traceback.print_exc()
            click.echo(f"stance: error: {err}", err=True)
            ctx.exit(2)
        except BrokenPipeError:  # the reader stopped (`| head`): click exits quietly, status 1
            raise
        except OSError as err:  # disk full, permission denied, ...: still one line, still exit 2
            if ctx.meta.get("stance.debug"):
                traceback.print_exc()
            where = f"{err.filename}: " if err.filename else ""
            click.echo(f"stance: error: {where}{err.strerror or err}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("stance: interrupted; no partial output was kept", err=True)
            ctx.exit(130)


def echo_json(obj: Any) -> None:
    click.echo(json_line(obj))


data_dir_option = click.option(
    "--data-dir",
    envvar=DATA_DIR_ENV,
    type=click.Path(file_okay=False),
    help=f"Folder of the shared corpora [env {DATA_DIR_ENV}; default ../shared/data].",
)


encoding_option = click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    help="Encoding of input files (a UTF-8 byte-order mark is always accepted).",
)


F = TypeVar("F", bound=Callable[..., Any])


def _model_option(default: str) -> Callable[[F], F]:
    """``-m/--model``, whose help names the shipped model the verb falls back on: ``scan`` has
    its own."""
    return click.option(
        "-m",
        "--model",
        type=click.Path(),
        envvar=MODEL_ENV,
        help=f"Model file (.skops, with its .card.json) [env {MODEL_ENV}; default: {default}].",
    )


model_option = _model_option("shipped model")


scan_model_option = _model_option(
    f"the shipped scan model, {SCAN_MODEL_FILE}, trained also on the team's labelled scan pairs"
)


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")


threshold_option = click.option(
    "--threshold",
    default=THRESHOLD,
    show_default=True,
    type=float,
    help="Minimum relatedness (text + names + quantities + story) of a candidate pair.",
)


neighbours_option = click.option(
    "--neighbours",
    type=click.IntRange(min=0),
    metavar="K",
    help=(
        "Compare each statement with its K most related only (blocking on shared words, names "
        f"and quantities): cost grows linearly, not with the square. 0 compares every pair. "
        f"[default: every pair below {AUTO_NEIGHBOURS_ABOVE:,} statements, else {NEIGHBOURS}]"
    ),
)


same_speaker_option = click.option(
    "--same-speaker",
    is_flag=True,
    help="Also pair two statements of one speaker in one article (a figure revised).",
)


scheduler_option = click.option(
    "--scheduler",
    metavar="ADDRESS",
    help=(
        "Run on a dask cluster: the address of its scheduler (tcp://host:8786), or 'local' to "
        "start one on this machine. Needs the dask extra: pip install 'stance[dask]'."
    ),
)

jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help=(
        f"Worker processes on this machine for large inputs (from {MIN_PAIRS:,} pairs or "
        f"{MIN_ARTICLES} articles; smaller ones run in one process). [default: one per core]"
    ),
)


@contextlib.contextmanager
def on_scheduler(scheduler: str | None) -> Iterator[None]:
    """:func:`stance.parallel.cluster` for ``--scheduler``, its errors naming the option."""
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(cluster(scheduler))
        except StanceError as err:
            raise StanceError(f"--scheduler {scheduler}: {err}") from None
        yield


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=(
        "DATA is a CSV, TSV or JSON Lines file with columns a, b, label (agree, contradict, "
        "neutral), '-' for stdin, a corpus name (" + ", ".join(CORPORA) + ") or hub:NAME[:SPLIT]."
    ),
)
@click.version_option(__version__, "-V", "--version", prog_name="stance")
@click.option("--debug", is_flag=True, help="Show the traceback behind an error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Label pairs of news statements as agree, contradict or neutral.

    \b
      stance score "A" "B"                      score one pair with the shipped model
      stance score -i pairs.csv -o out.jsonl    score a file of pairs
      stance train DATA... -o model.skops       train, holding out a test split
      stance evaluate -m model.skops            evaluate on the held-out rows
      stance extract article.txt                who said what, as JSON Lines
      stance pairs statements.jsonl             candidate pairs of statements
      stance label pairs.jsonl -o labels.jsonl  label pairs in the terminal
      stance scan articles/*.txt                the most contradictory pairs, ranked
    """
    ctx.meta["stance.debug"] = debug


def parse_params(params: tuple[str, ...], option: str = "--param") -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for item in params:
        key, sep, value = item.rpartition("=")
        if not sep or not key:
            raise StanceError(f"{option} {item!r}: expected KEY=VALUE, e.g. C=2.0")
        try:
            parsed[key] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            parsed[key] = value
    return parsed


def parse_weights(items: tuple[str, ...]) -> dict[str, float]:
    weights = {}
    for key, value in parse_params(items, "--weight").items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise StanceError(f"--weight {key}={value}: the weight must be a number >= 0")
        weights[key] = float(value)
    return weights


def main() -> None:
    """Console entry point."""
    cli(prog_name="stance")
