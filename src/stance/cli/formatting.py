"""Tables for people: verdicts, evaluation reports and scan results."""

from __future__ import annotations

import shutil
import textwrap
from typing import Any

from ..data import LABELS


def plural(n: int, word: str) -> str:
    """``3 articles``, ``1 article``: a count that reads as a phrase."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def scan_counts(articles: int, statements: int, pairs: int) -> str:
    """``3 articles (12 statements, 40 pairs)``: what a scan read."""
    return (
        f"{plural(articles, 'article')} ({plural(statements, 'statement')}, "
        f"{plural(pairs, 'pair')})"
    )


def format_scan_empty(
    articles: int, statements: int, pairs: int, only: str | None, min_prob: float | None
) -> str:
    """What a scan with no row left to show says, instead of an empty table."""
    what = "contradictions" if only in (None, "contradict") else f"{only} pairs"
    at = f" at P(contradict) >= {min_prob:g}" if min_prob is not None else ""
    return f"no {what} found{at} in {scan_counts(articles, statements, pairs)}"


def format_scan(
    results: list[dict[str, Any]],
    *,
    articles: int,
    statements: int,
    pairs: int,
    matching: int | None = None,
    width: int | None = None,
) -> str:
    """The top of a scan for a reader: per pair, its rank, label and P(contradict) (and the
    contrast it was ranked by, when it was), then each statement's speaker, where it is
    (article, paragraph, outlet and date when known) and its claim, wrapped to the terminal
    rather than cut: the claim is what a journalist checks. A claim is shown as it was scored:
    a denied claim keeps its denial ("a démenti X"). ``matching`` is how many pairs passed the
    filters, when some were asked for."""
    from ..rank import ranked_by_contrast  # numpy: only when a scan is shown

    width = width or max(60, shutil.get_terminal_size().columns)
    by_contrast = ranked_by_contrast(results)
    order = "by contrast" if by_contrast else "most contradictory first"
    head = f"{scan_counts(articles, statements, pairs)}, {order}"
    if matching is not None:
        head += f"; {plural(matching, 'pair')} {'matches' if matching == 1 else 'match'}"
    if len(results) < (pairs if matching is None else matching):
        head += f"; top {len(results):,} shown"
    lines = textwrap.wrap(head, width, subsequent_indent="  ")
    for r in results:
        lines += ["", _scan_head(r, by_contrast)]
        for side in ("a", "b"):
            lines += _scan_side(side.upper(), r[side], width)
        lines += _timeline_note(r, width)
    return "\n".join(lines)


def _scan_head(result: dict[str, Any], by_contrast: bool) -> str:
    """``#1  contradict  P(contradict) 0.745``, and what else the row was ranked or marked by."""
    p = result["probabilities"]["contradict"]
    head = f"#{result['rank']}  {result['label']}  P(contradict) {p:.3f}"
    if by_contrast:
        head += f"  contrast {result['contrast']:+.3f}"
    if result.get("timeline"):
        head += "  [earlier / later]"
    return head


def _timeline_note(result: dict[str, Any], width: int) -> list[str]:
    """Under a pair whose figures differ between two dates: which came first, so a reader can
    tell a rising toll from a clash."""
    moved = result.get("timeline")
    if not moved:
        return []
    note = (
        f"earlier / later: {moved['earlier'].upper()} was published "
        f"{plural(moved['days'], 'day')} before {moved['later'].upper()}; "
        "the figures may have moved rather than clashed"
    )
    return textwrap.wrap(note, width, initial_indent="  ", subsequent_indent="  ")


def _scan_side(tag: str, statement: dict[str, Any], width: int) -> list[str]:
    """A statement as a few lines: ``A  speaker · article ¶n · outlet, date`` and its claim
    wrapped under it."""
    where = (
        f"{statement.get('article')} ¶{statement['paragraph']}"
        if statement.get("paragraph")
        else f"{statement.get('article')}"
    )
    dated = ", ".join(str(statement[k]) for k in ("outlet", "date") if statement.get(k))
    who = statement.get("speaker") or "(the article itself)"
    first = " · ".join(part for part in (who, where, dated) if part)
    indent = " " * 6
    lines = textwrap.wrap(
        first, width, initial_indent=f"  {tag}   ", subsequent_indent=indent, break_on_hyphens=False
    )
    from ..pairs import statement_text  # numpy and scikit-learn: only when a scan is shown

    claim = statement_text(statement) or statement.get("quote") or ""
    lines += textwrap.wrap(claim, width, initial_indent=indent, subsequent_indent=indent)
    return lines


def format_verdict(verdict: dict[str, Any]) -> str:
    """A verdict as a small table with bars (and its explanation, if any), for a terminal."""
    lines = [f"{verdict['label']}"]
    for label in LABELS:
        p = verdict["probabilities"][label]
        lines.append(f"  {label:<11} {p:6.3f}  {'█' * round(p * 30)}")
    why = verdict.get("explanation")
    if why:
        source = f" ({why['model']})" if why.get("model") else ""
        lines += ["", f"toward {why['toward']}{source}:"]
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
