"""The ``stance`` command: parses arguments, calls :mod:`stance.api`, prints the result."""

from __future__ import annotations

import ast
import os
import shutil
import sys
import textwrap
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import click

from . import __version__, api
from .cluster import runner
from .data import CORPORA, DATA_DIR_ENV, LABELS, iter_statements
from .errors import StanceError
from .explain import explain
from .fileio import atomic_write, check_output_path, json_line
from .label import label_pairs
from .model import MODEL_ENV, SCAN_MODEL_FILE, load_model
from .pairs import AUTO_NEIGHBOURS_ABOVE, NEIGHBOURS, THRESHOLD, candidate_pairs
from .plots import check_plot_folder, write_plots
from .rank import DEFAULT_RANK, RANKS, ranked_by_contrast


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


def _echo_json(obj: Any) -> None:
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
scheduler_option = click.option(
    "--scheduler",
    metavar="ADDRESS",
    help=(
        "Run on a dask cluster: the address of its scheduler (tcp://host:8786), or 'local' to "
        "start one on this machine. Needs the dask extra: pip install 'stance[dask]'."
    ),
)


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


def _parse_params(params: tuple[str, ...], option: str = "--param") -> dict[str, Any]:
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


def _parse_weights(items: tuple[str, ...]) -> dict[str, float]:
    weights = {}
    for key, value in _parse_params(items, "--weight").items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise StanceError(f"--weight {key}={value}: the weight must be a number >= 0")
        weights[key] = float(value)
    return weights


@cli.command()
@click.argument("data", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(), help="Model file to write.")
@click.option(
    "--test",
    multiple=True,
    metavar="DATA",
    help="Evaluate on this data instead of holding out a split (repeatable).",
)
@click.option(
    "--test-size",
    default=0.2,
    show_default=True,
    type=float,
    help="Share of DATA held out, stratified by label (0 holds out nothing).",
)
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the split.")
@click.option(
    "--param",
    multiple=True,
    metavar="KEY=VALUE",
    help="Model parameter, e.g. C=2.0 or min_df=1 (repeatable).",
)
@click.option(
    "--weight",
    multiple=True,
    metavar="DATA=W",
    help="Training weight of one DATA source, e.g. data/pairs.fr.jsonl=10 (repeatable).",
)
@click.option("--force", is_flag=True, help="Overwrite an existing model file.")
@data_dir_option
@encoding_option
@json_option
def train(
    data: tuple[str, ...],
    output: str,
    test: tuple[str, ...],
    test_size: float,
    seed: int,
    param: tuple[str, ...],
    weight: tuple[str, ...],
    force: bool,
    data_dir: str | None,
    encoding: str,
    as_json: bool,
) -> None:
    """Train a model on labelled pairs and save it with its model card.

    Without --test, a stratified share of DATA is held out and its rows are recorded in the
    card, so that `stance evaluate -m MODEL` can evaluate on exactly those rows later.
    """
    card = api.train(
        data,
        output,
        test=test or None,
        test_size=test_size,
        seed=seed,
        data_dir=data_dir,
        encoding=encoding,
        force=force,
        params=_parse_params(param),
        weights=_parse_weights(weight),
        log=lambda message: click.echo(message, err=True),
        progress=None,
    )
    if as_json:
        _echo_json(card)
        return
    click.echo(f"wrote {output} ({card['train_rows']:,} training pairs)")
    if card["heldout_metrics"]:
        click.echo(format_report(card["heldout_metrics"]))


@cli.command()
@click.argument("data", nargs=-1)
@model_option
@data_dir_option
@encoding_option
@json_option
@click.option(
    "--plot",
    "plot_dir",
    metavar="DIR",
    help="Also draw confusion.png and reliability.png into DIR (needs stance[plot]).",
)
@click.option("--force", is_flag=True, help="Overwrite existing plots.")
def evaluate(
    data: tuple[str, ...],
    model: str | None,
    data_dir: str | None,
    encoding: str,
    as_json: bool,
    plot_dir: str | None,
    force: bool,
) -> None:
    """Evaluate a model on DATA, or with no DATA on the rows it held out in training.

    Reports accuracy, macro-F1, per-class precision / recall / F1 / support, the confusion
    matrix (rows: true label, columns: predicted) and the expected calibration error (ECE: how
    far stated probabilities are from observed accuracy).
    """
    if plot_dir:
        check_plot_folder(plot_dir, force)
    report = api.evaluate(model, data or None, data_dir=data_dir, encoding=encoding, progress=None)
    if plot_dir:
        for path in write_plots(report, plot_dir, force):
            click.echo(f"plot: {path}", err=True)
    if as_json:
        _echo_json(report)
    else:
        click.echo(format_report(report))


@cli.command()
@click.argument("statements", nargs=-1)
@click.option(
    "-i",
    "--input",
    "input_",
    metavar="FILE",
    help="Pairs to score (CSV, TSV, JSONL or '-'); a quoted glob or a folder for shards.",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="FILE",
    help="JSON Lines out; for shards, a folder (one NAME.jsonl per input shard).",
)
@click.option("--force", is_flag=True, help="Overwrite existing output.")
@click.option(
    "--explain",
    "explain_",
    is_flag=True,
    help="Show what drove the verdict: strongest features and cue findings.",
)
@scheduler_option
@model_option
@encoding_option
@json_option
def score(
    statements: tuple[str, ...],
    input_: str | None,
    output: str,
    force: bool,
    explain_: bool,
    scheduler: str | None,
    model: str | None,
    encoding: str,
    as_json: bool,
) -> None:
    """Score one pair (A B), every pair of a file (-i FILE), or shards of pairs.

    \b
      stance score "statement A" "statement B"
      stance score -i pairs.csv -o scored.jsonl
      cat pairs.jsonl | stance score -i - > scored.jsonl
      stance score -i 'shards/*.jsonl' -o scored/ --scheduler tcp://10.0.0.5:8786

    Files keep all their columns and gain `label` and `probabilities`; an input column named
    `label` is kept as `input_label`. A glob (quote it, so the shell leaves it alone) or a
    folder scores each shard into OUTDIR/NAME.jsonl, on a dask cluster with --scheduler; the
    outputs are the same as a local run's, row for row.
    """
    if input_ is None and len(statements) != 2:
        raise click.UsageError("give two statements A B, or a file with -i FILE")
    if input_ is not None and statements:
        raise click.UsageError(
            "give either two statements or -i FILE, not both (quote a glob: -i 'shards/*.jsonl')"
        )
    if explain_ and input_ is not None:
        raise click.UsageError("--explain works on one pair (A B), not on a file")
    if scheduler and input_ is None:
        raise click.UsageError("--scheduler scores files: give -i 'shards/*.jsonl' -o OUTDIR")
    pipeline = load_model(model)
    globbed = input_ is not None and not os.path.isfile(input_) and api.GLOB_CHARS & set(input_)
    if input_ is not None and (scheduler or os.path.isdir(input_) or globbed):
        if output == "-":
            raise click.UsageError("shards are scored into a folder: give -o OUTDIR")
        shards = api.shard_paths(input_)
        with runner(scheduler) as run:
            counts = api.score_shards(
                pipeline, shards, output, encoding=encoding, force=force, runner=run, progress=None
            )
        total = sum(counts.values())
        click.echo(f"scored {total:,} pairs from {len(counts):,} shards into {output}", err=True)
        return
    if input_ is not None:
        count = api.score_file(
            pipeline, input_, output, encoding=encoding, force=force, progress=None
        )
        if output != "-":
            click.echo(f"scored {count:,} pair{'' if count == 1 else 's'} into {output}", err=True)
        return
    (verdict,) = api.score(pipeline, [statements])  # also refuses empty statements
    if explain_:
        verdict = explain(pipeline, *statements)
    if as_json:
        _echo_json(verdict)
    else:
        click.echo(format_verdict(verdict))


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE", help="JSON Lines.")
@click.option("--narrative", is_flag=True, help="Also emit unattributed sentences (speaker null).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@encoding_option
def extract(
    files: tuple[str, ...], output: str, narrative: bool, force: bool, encoding: str
) -> None:
    """Find who said what in French or English articles (FILE... or - for stdin).

    One JSON object per statement: id, article, start, end (character offsets), quote (the
    exact text[start:end]), speaker (null for narrative), cue (the attribution frame), claim
    (the content without the frame) and lang.
    """
    statements, _ = api.extract_files(files, encoding, narrative)
    count = api.write_jsonl(statements, output, force)
    if output != "-":
        click.echo(f"{count:,} statements into {output}", err=True)


@cli.command()
@click.argument("statements", nargs=-1, required=True)
@click.option("-o", "--output", default="-", show_default=True, metavar="FILE", help="JSON Lines.")
@threshold_option
@neighbours_option
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@encoding_option
def pairs(
    statements: tuple[str, ...],
    output: str,
    threshold: float,
    neighbours: int | None,
    force: bool,
    encoding: str,
) -> None:
    """Pair statements about the same subject, within and across articles.

    Reads the JSON Lines of `stance extract`; writes one candidate pair per line with the two
    claims as `a` and `b` (ready for `stance score -i` and `stance label`) and both statements.
    """
    rows = [row for path in statements for row in iter_statements(path, encoding)]
    count = api.write_jsonl(candidate_pairs(rows, threshold, neighbours=neighbours), output, force)
    if output != "-":
        click.echo(f"{count:,} pairs into {output}", err=True)


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
    pipeline = load_model(model, default=SCAN_MODEL_FILE)
    with runner(scheduler) as run:
        results, texts = api.scan(
            pipeline,
            files,
            threshold=threshold,
            neighbours=neighbours,
            encoding=encoding,
            progress=None,
            runner=run,
            rank=rank,
        )
    if html_path:
        from .report import render_html

        with atomic_write(html_path, force=force) as fh:
            fh.write(render_html(results, texts, top=top))
        click.echo(f"report: {html_path}", err=True)
    if as_json:
        for row in results:
            _echo_json(row)
    else:
        click.echo(format_scan(results[:top], len(results), len(texts)))


def format_scan(results: list[dict[str, Any]], n_pairs: int, n_articles: int) -> str:
    """The top of a scan as a table: rank, P(contradict) (and the contrast it was ranked by,
    when it was), speaker and quote of each side."""
    width = max(60, shutil.get_terminal_size().columns)
    by_contrast = ranked_by_contrast(results)
    order = "by contrast" if by_contrast else "most contradictory first"
    lead = 25 if by_contrast else 15  # the width of the columns before A
    side = (width - lead + 3) // 2
    lines = [f"{n_pairs:,} pairs from {n_articles:,} articles, {order}", ""]
    head = f"{'#':>3} {'P(contra)':>9}" + (f" {'contrast':>9}" if by_contrast else "")
    lines.append(f"{head}  {'A':<{side - 1}}{'B':<{side}}")
    for rank, r in enumerate(results, 1):
        cells = [_cell(r[k], side - 2) for k in ("a", "b")]
        numbers = f"{rank:>3} {r['probabilities']['contradict']:>9.3f}"
        if by_contrast:
            numbers += f" {r['contrast']:>+9.3f}"
        lines.append(f"{numbers}  {cells[0][0]:<{side - 1}}{cells[1][0]}")
        lines.append(f"{'':>{lead}}{cells[0][1]:<{side - 1}}{cells[1][1]}")
    return "\n".join(lines)


def _cell(statement: dict[str, Any], width: int) -> tuple[str, str]:
    """Two lines for a table cell: "speaker (article)" and the quote, shortened to fit."""
    who = f"{statement.get('speaker') or '(narrative)'} ({statement.get('article')})"
    return textwrap.shorten(who, width, placeholder="…"), textwrap.shorten(
        statement.get("quote") or statement.get("claim") or "", width, placeholder="…"
    )


def format_verdict(verdict: dict[str, Any]) -> str:
    """A verdict as a small table with bars (and its explanation, if any), for a terminal."""
    lines = [f"{verdict['label']}"]
    for label in LABELS:
        p = verdict["probabilities"][label]
        lines.append(f"  {label:<11} {p:6.3f}  {'█' * round(p * 30)}")
    why = verdict.get("explanation")
    if why:
        lines += ["", f"toward {why['toward']}:"]
        lines += [f"  {f['share']:+.3f}  {f['feature']}" for f in why["features"]]
        if why["cues"]:
            lines += ["cues:"] + [f"  {note}" for note in why["cues"]]
    return "\n".join(lines)


def format_report(report: dict[str, Any]) -> str:
    """An evaluation report as aligned tables, for a terminal."""
    head = f"accuracy {report['accuracy']:.3f}   macro-F1 {report['macro_f1']:.3f}"
    if report.get("ece") is not None:
        head += f"   ECE {report['ece']:.3f}"
    if report.get("n") is not None:
        head += f"   ({report['n']:,} pairs"
        head += f": {report['data']})" if report.get("data") else ")"
    lines = [head, "", f"{'label':<12}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}"]
    for label, row in report["per_class"].items():
        lines.append(
            f"{label:<12}{row['precision']:>10.3f}{row['recall']:>10.3f}{row['f1']:>10.3f}"
            f"{row['support']:>10,}"
        )
    labels = report["confusion"]["labels"]
    lines += ["", "confusion (rows: true, columns: predicted)"]
    lines.append(" " * 12 + "".join(f"{label:>12}" for label in labels))
    for label, row in zip(labels, report["confusion"]["matrix"]):
        lines.append(f"{label:<12}" + "".join(f"{v:>12,}" for v in row))
    return "\n".join(lines)


def main() -> None:
    """Console entry point."""
    cli(prog_name="stance")
