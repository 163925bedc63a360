"""The ``stance`` command group, the options verbs share, and the console entry point.

The CLI only parses arguments and prints: each verb lives in a module of its own and calls
:mod:`stance.api`."""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar

import click

from .. import settings
from ..errors import StanceError
from ..fileio import FORMATS, json_line
from ..settings import (
    AUTO_NEIGHBOURS_ABOVE,
    DATA_DIR_ENV,
    MIN_ARTICLES,
    MIN_PAIRS,
    MODEL_ENV,
    NEIGHBOURS,
    THRESHOLD,
)
from ..version import __version__

DEBUG = "--debug"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _fail(ctx: click.Context | None, message: str, status: int = 2) -> None:
    """Print ``stance: error: MESSAGE`` (one line, with the traceback first under --debug)
    and exit with ``status``."""
    if ctx is not None and ctx.find_root().meta.get("stance.debug"):
        traceback.print_exc()
    click.echo(f"stance: error: {_one_line(message)}", err=True)
    raise click.exceptions.Exit(status)


def _usage(err: click.UsageError) -> str:
    """A usage error in one line, with where to read more."""
    verb = err.ctx.command_path.split()[1:] if err.ctx is not None else []
    return f"{err.format_message()} (see {' '.join(['stance', *verb])} --help)"


OPTION_HINTS = {
    # The Python parameter a StanceError names -> how to set it on the command line.
    "force": "pass --force to overwrite it",
    "encoding": "if it is text in another encoding, name it with --encoding (e.g. latin-1)",
    "data_dir": f"give --data-dir or set {DATA_DIR_ENV}",
    "model": f"give one with -m or {MODEL_ENV}",
}
OPTION_NAMES = {
    # The Python parameter a StanceError names -> the option whose value it is about.
    "jobs": "--jobs",
    "output": "-o",
    "plot_dir": "--plot",
    "scheduler": "--scheduler",
    "test_size": "--test-size",
    "weights": "--weight",
}


def with_option(err: StanceError) -> str:
    """The library's message, with the command-line option that sets what it is about."""
    if err.param in OPTION_HINTS:
        return f"{err}; {OPTION_HINTS[err.param]}"
    if err.param in OPTION_NAMES:
        return f"{OPTION_NAMES[err.param]}: {err}"
    return str(err)


class _Group(click.Group):
    """Turns every error into one line, ``stance: error: ...`` on stderr, with exit status 2:
    StanceError and usage errors (a bad option value) alike; ``--debug``, anywhere on the line
    before ``--``, adds the traceback."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra
    ) -> click.Context:
        cut = args.index("--") if "--" in args else len(args)
        debug = DEBUG in args[:cut]
        args = [a for a in args[:cut] if a != DEBUG] + args[cut:]
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except click.UsageError as err:
            click.echo(f"stance: error: {_one_line(_usage(err))}", err=True)
            raise click.exceptions.Exit(2) from None
        ctx.meta["stance.debug"] = debug
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StanceError as err:
            _fail(ctx, with_option(err))
        except click.UsageError as err:
            _fail(ctx, _usage(err))
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except BrokenPipeError:  # the reader stopped (`| head`): click exits quietly, status 1
            raise
        except OSError as err:  # disk full, permission denied, ...: still one line, still exit 2
            where = f"{err.filename}: " if err.filename else ""
            _fail(ctx, f"{where}{err.strerror or err}")
        except KeyboardInterrupt:
            click.echo("stance: interrupted; no partial output was kept", err=True)
            ctx.exit(130)
        except Exception as err:  # a bug of stance's: still one line, and how to report it
            _fail(
                ctx,
                f"unexpected {type(err).__name__}: {err}; this is a bug in stance, please report "
                f"it with the output of the same command with {DEBUG}",
                status=1,
            )


def echo_json(obj: Any) -> None:
    click.echo(json_line(obj))


def plural(count: int, noun: str) -> str:
    """``1 pair``, ``2 pairs``, ``1,024 pairs``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


class LanguageCheck:
    """Counts the items (pairs, statements) with a text in a language stance does not read,
    and says so in one line on stderr at the end of a run (the model and the extractor read
    French and English; a verdict on a Spanish pair means little)."""

    def __init__(self, noun: str = "pair") -> None:
        self.noun = noun
        self.seen = 0
        self.langs: dict[str, int] = {}

    def add_texts(self, items: Any) -> None:
        """Count items, each given as a tuple of its texts."""
        from ..text import count_unsupported

        items = [[str(t) for t in texts] for texts in items]
        self.add_counts(len(items), count_unsupported(items))

    def add_counts(self, seen: int, langs: Mapping[str, int]) -> None:
        """Count ``seen`` items, of which ``langs[lang]`` are in language ``lang`` (counted
        where the items were read, see :func:`stance.text.count_unsupported`)."""
        self.seen += seen
        for lang, k in langs.items():
            self.langs[lang] = self.langs.get(lang, 0) + k

    def add(self, pairs: Any) -> None:
        self.add_texts(pairs)

    def report(self) -> None:
        n = sum(self.langs.values())
        if not n:
            return
        which = ", ".join(f"{lang} {k:,}" for lang, k in sorted(self.langs.items()))
        if self.seen == 1:
            share = f"the {self.noun} has" if self.noun == "pair" else f"the {self.noun} is"
        else:
            share = f"{n:,} of {plural(self.seen, self.noun)} " + (
                "have" if self.noun == "pair" else "are"
            )
        what = "a statement" if self.noun == "pair" else ""
        click.echo(
            f"stance: warning: {share} {what + ' ' if what else ''}in neither French nor "
            f"English ({which}); stance reads only French and English, so what it finds there "
            "means little",
            err=True,
        )


data_dir_option = click.option(
    "--data-dir",
    envvar=DATA_DIR_ENV,
    type=click.Path(file_okay=False),
    help=f"Folder of the shared corpora [env {DATA_DIR_ENV}; default ../shared/data; "
    "see stance corpora].",
)


def format_option(what: str) -> Callable[[F], F]:
    """``--format``: how a verb writes its records (default: by the output's file name)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        help=f"Write {what} as JSON Lines, CSV, TSV or one JSON array [default: by the file "
        "name's extension (.csv, .tsv, .json), else JSON Lines].",
    )


def _known_encoding(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Refuse an encoding Python does not know before any file is opened."""
    import codecs

    try:
        codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}, e.g. utf-8 or latin-1") from None
    return value


encoding_option = click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    callback=_known_encoding,
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

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")

threshold_option = click.option(
    "--threshold",
    default=THRESHOLD,
    show_default=True,
    type=click.FloatRange(min=0),
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
        f"Processes on this machine for large inputs (from {MIN_PAIRS:,} pairs or "
        f"{MIN_ARTICLES} articles; smaller ones run in one process): this one and N - 1 "
        "workers. [default: one per core]"
    ),
)


@contextlib.contextmanager
def on_scheduler(scheduler: str | None) -> Iterator[None]:
    """:func:`stance.parallel.cluster` for ``--scheduler``; its errors name the option through
    their ``param``."""
    from ..parallel import cluster  # joblib (and numpy): only when work is sent out

    with cluster(scheduler):
        yield


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=(
        "DATA is a CSV, TSV or JSON Lines file with columns a, b, label (agree, contradict, "
        "neutral), '-' for stdin, a corpus name (see stance corpora) or hub:NAME[:SPLIT]. "
        f"{DEBUG} (anywhere on the line) shows the traceback behind an error."
    ),
)
@click.version_option(__version__, "-V", "--version", prog_name="stance")
@click.option("--debug", is_flag=True, help="Show the traceback behind an error.")
def cli(debug: bool) -> None:
    """Label pairs of news statements as agree, contradict or neutral.

    \b
      stance score "A" "B"                      score one pair with the shipped model
      stance score -i pairs.csv -o out.csv      score a file of pairs
      stance train DATA... -o model.skops       train, holding out a test split
      stance evaluate -m model.skops            evaluate on the held-out rows
      stance extract article.txt                who said what, as JSON Lines
      stance pairs statements.jsonl             candidate pairs of statements
      stance label pairs.jsonl -o labels.jsonl  label pairs in the terminal
      stance scan articles/*.txt                the most contradictory pairs, ranked
      stance info                               version, model, data folder, extras
      stance corpora                            the public corpora and where they go
    """


def parse_weights(items: tuple[str, ...]) -> dict[str, float]:
    """``--weight DATA=W`` options as ``{DATA: W}``; a weight is a number >= 0."""
    weights = {}
    for item in items:
        key, sep, value = item.rpartition("=")
        if not sep or not key:
            raise StanceError(f"--weight {item!r}: expected DATA=W, e.g. data/pairs.fr.jsonl=10")
        try:
            weight = float(value)
        except ValueError:
            weight = -1.0
        if not 0 <= weight < float("inf"):
            raise StanceError(f"--weight {item}: the weight must be a number >= 0")
        weights[key] = weight
    return weights


def main() -> None:
    """Console entry point. The process loads only stance's own models, so it imports skops
    lean (see :func:`stance.model._skops_io`)."""
    settings.LEAN_MODEL_LOADING = True
    cli(prog_name="stance")
