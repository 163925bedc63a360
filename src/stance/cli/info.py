"""``stance info`` and ``stance corpora``: what is installed and where things are looked for.

Both read only files and package metadata (no model is loaded, scikit-learn is not imported),
so they answer at once, even where the model or the data is missing: they are what a newcomer
runs first.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import sys
from pathlib import Path
from typing import Any

import click

from ..data import CORPORA, corpus_present
from ..errors import StanceError
from ..settings import (
    DATA_DIR_ENV,
    DEFAULT_MODEL_FILE,
    MODEL_ENV,
    default_model_path,
    read_card,
    resolve_data_dir,
)
from ..version import __version__
from .app import cli, data_dir_option, echo_json, json_option, model_option, plural

EXTRAS = {
    "dask": ("distributed", "--scheduler: score and scan on a dask cluster"),
    "plot": ("matplotlib", "evaluate --plot: confusion and reliability PNGs"),
}


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _data_source(data_dir: str | None) -> str:
    """How the data folder was chosen."""
    if data_dir and os.environ.get(DATA_DIR_ENV) != data_dir:
        return "--data-dir"
    if os.environ.get(DATA_DIR_ENV):
        return f"${DATA_DIR_ENV}"
    return "default, relative to the working folder"


def _model_summary(path: Path) -> dict[str, Any]:
    """A model's file and the gist of its card: what it was trained on (with licences), its
    held-out figures, and whether this scikit-learn can load it."""
    summary: dict[str, Any] = {"path": str(path.resolve()), "exists": path.is_file()}
    if not path.is_file():
        return summary
    summary["size_mb"] = round(path.stat().st_size / 1e6, 1)
    try:
        card = read_card(path)
    except StanceError as err:
        summary["card_error"] = str(err)
        return summary
    metrics = card.get("heldout_metrics") or {}
    saved = card.get("versions", {}).get("scikit-learn")
    # Cards of the recipe record a file's licence in their ``licences`` map, not on the file.
    licences = card.get("licences") or {}
    summary |= {
        "created": card.get("created"),
        "training_data": [
            {
                "name": d["name"],
                "rows": d.get("rows"),
                "licence": d.get("licence") or licences.get(d["name"]),
            }
            for d in card.get("training_data", [])
        ],
        "heldout": {
            k: metrics.get(k) for k in ("n", "accuracy", "macro_f1", "ece") if k in metrics
        },
        "scikit_learn": saved,
        "loads_here": saved == _version("scikit-learn"),
    }
    return summary


def gather(model: str | None, data_dir: str | None) -> dict[str, Any]:
    """Everything ``stance info`` shows, as one dict."""
    models: dict[str, Any] = {}
    for role, file in (("default", DEFAULT_MODEL_FILE),):
        try:
            path = Path(model) if model and role == "default" else default_model_path(file)
        except StanceError as err:
            models[role] = {"path": None, "exists": False, "error": str(err)}
            continue
        models[role] = _model_summary(path)
    root = resolve_data_dir(data_dir)
    return {
        "stance": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "executable": sys.executable,
        "model_env": os.environ.get(MODEL_ENV),
        "models": models,
        "data_dir": {
            "path": str(root.resolve()),
            "chosen_by": _data_source(data_dir),
            "exists": root.is_dir(),
            "corpora_present": [n for n in CORPORA if root.is_dir() and corpus_present(n, root)],
            "corpora_known": len(CORPORA),
        },
        "extras": {
            name: {"installed": _version(dist) is not None, "for": what}
            for name, (dist, what) in EXTRAS.items()
        },
        "libraries": {
            dist: _version(dist)
            for dist in ("scikit-learn", "skops", "numpy", "scipy", "datasets", "click")
        },
    }


def _wrapped(head: str, items: list[str]) -> list[str]:
    """``head`` then the items, comma-separated, wrapped under one another."""
    lines, line = [], f"  {head:<13}"
    for i, item in enumerate(items):
        piece = item + ("," if i < len(items) - 1 else "")
        if len(line) + len(piece) + 1 > 100 and line.strip() != head:
            lines.append(line.rstrip())
            line = " " * 15
        line += piece + " "
    return [*lines, line.rstrip()]


def _format_model(role: str, m: dict[str, Any]) -> list[str]:
    name = f"{role} model"
    if not m.get("path"):
        return [f"{name:<15}none found ({m.get('error')})"]
    lines = [f"{name:<15}{m['path']}" + ("" if m["exists"] else "  (missing)")]
    if not m["exists"]:
        return lines
    if "card_error" in m:
        return [*lines, f"  card         {m['card_error']}"]
    lines.append(f"  {'created':<13}{m.get('created')}, {m.get('size_mb')} MB")
    held = m.get("heldout") or {}
    if held:
        figures = "   ".join(
            f"{k.replace('_', '-')} {held[k]:.3f}"
            for k in ("accuracy", "macro_f1", "ece")
            if held.get(k) is not None
        )
        n = plural(held.get("n") or 0, "pair")
        lines.append(f"  {'held-out':<13}{figures} ({n} held out from its own training mix)")
    data = m.get("training_data", [])
    lines += _wrapped("trained on", [f"{d['name']} ({d.get('rows') or 0:,})" for d in data])
    licences: dict[str, list[str]] = {}
    for d in data:
        licences.setdefault(d.get("licence") or "none recorded (files)", []).append(d["name"])
    for licence, names in licences.items():
        lines += _wrapped("licence", [f"{licence}: {names[0]}", *names[1:]])
    if not m.get("loads_here"):
        lines.append(
            f"  {'warning':<13}written with scikit-learn {m.get('scikit_learn')}; this one cannot "
            "load it"
        )
    return lines


def format_info(info: dict[str, Any]) -> str:
    """``stance info`` for people."""
    lines = [
        f"{'stance':<15}{info['stance']} (Python {info['python']}, {info['platform']})",
        f"{'executable':<15}{info['executable']}",
    ]
    if info["model_env"]:
        lines.append(f"${MODEL_ENV} {info['model_env']}")
    for role, m in info["models"].items():
        lines += _format_model(role, m)
    data = info["data_dir"]
    state = "" if data["exists"] else "; it does not exist"
    lines.append(f"{'data folder':<15}{data['path']}  ({data['chosen_by']}{state})")
    lines.append(f"  {'set it with':<13}--data-dir DIR on any verb, or {DATA_DIR_ENV}=DIR")
    present = data["corpora_present"]
    count = f"{len(present)} of {data['corpora_known']} present"
    if present:
        lines += _wrapped("corpora", [f"{count}: {present[0]}", *present[1:]])
    else:
        lines.append(f"  {'corpora':<13}{count}; stance corpora says where each goes")
    for name, extra in info["extras"].items():
        mark = (
            "installed" if extra["installed"] else f"not installed (pip install 'stance[{name}]')"
        )
        lines.append(f"{'extra':<15}{name:<6} {mark}: {extra['for']}")
    libraries = ", ".join(f"{k} {v}" for k, v in info["libraries"].items() if v)
    lines.append(f"{'libraries':<15}{libraries}")
    return "\n".join(lines)


@cli.command()
@model_option
@data_dir_option
@json_option
def info(model: str | None, data_dir: str | None, as_json: bool) -> None:
    """Show the version, the models in use with their cards, the data folder and which corpora
    are in it, and the optional extras installed. Loads no model: answers at once.

    \b
      stance info
      stance info --json
      stance info --data-dir /data/corpora -m my.skops
    """
    found = gather(model, data_dir)
    if as_json:
        echo_json(found)
    else:
        click.echo(format_info(found))


@cli.command()
@data_dir_option
@json_option
def corpora(data_dir: str | None, as_json: bool) -> None:
    """List every corpus name stance reads, the files it expects under the data folder, whether
    they are there, where the public corpus comes from and its licence.

    A corpus name works wherever DATA does (train, evaluate, --test). Place the files as listed
    under one folder and point stance at it with --data-dir or $STANCE_DATA_DIR (default
    ../shared/data, relative to the working folder).

    \b
      stance corpora
      stance corpora --data-dir /data/corpora
      stance corpora --json
    """
    root = resolve_data_dir(data_dir)
    rows = [
        {
            "name": name,
            "present": root.is_dir() and corpus_present(name, root),
            "files": [str(root / f) for f in corpus.files],
            "layout": corpus.layout,
            "origin": corpus.origin,
            "licence": corpus.licence,
        }
        for name, corpus in CORPORA.items()
    ]
    if as_json:
        for row in rows:
            echo_json(row)
        return
    present = sum(row["present"] for row in rows)
    state = "" if root.is_dir() else "; the folder does not exist"
    click.echo(
        f"data folder {root.resolve()} ({_data_source(data_dir)}{state}): "
        f"{present} of {plural(len(rows), 'corpus name')} present"
    )
    click.echo(f"set it with --data-dir DIR on any verb, or {DATA_DIR_ENV}=DIR")
    by_files: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        by_files.setdefault(tuple(row["files"]), []).append(row)
    for files, group in by_files.items():
        first = group[0]
        mark = "present" if first["present"] else "missing"
        click.echo("")
        click.echo(f"{', '.join(r['name'] for r in group)}  [{mark}]")
        for f in files:
            click.echo(f"  {os.path.relpath(f, root) if root.is_dir() else f}")
        click.echo(f"  format   {first['layout']}")
        click.echo(f"  from     {first['origin']}")
        click.echo(f"  licence  {first['licence']}")
    click.echo(
        "\nlabels are read as stance's: entailment -> agree, contradiction -> contradict, "
        "neutral -> neutral (FraCaS yes / no / unknown likewise; undef dropped); FNC-1 agree -> "
        "agree, disagree -> contradict, discuss and unrelated -> neutral; x-stance FAVOR -> "
        "agree, AGAINST -> contradict"
    )
