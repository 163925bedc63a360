"""Tables for people: verdicts, evaluation reports and scan results."""

from __future__ import annotations

import shutil
import textwrap
from typing import Any

from ..data import LABELS


def format_scan(results: list[dict[str, Any]], n_pairs: int, n_articles: int) -> str:
    """The top of a scan as a table: rank, P(contradict) (and the contrast it was ranked by,
    when it was), speaker and quote of each side."""
    from ..rank import ranked_by_contrast  # numpy: only when a scan is shown

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
