"""Benchmark the shipped (or any) model: accuracy on public test sets, and speed.

    python training/benchmark.py                  # both, as tables
    python training/benchmark.py accuracy --json  # one JSON object on the last line
    python training/benchmark.py speed -m my.skops
    python training/benchmark.py stream --sizes 100000,1000000,10000000

Accuracy uses corpora from the shared data folder (``--data-dir`` or ``$STANCE_DATA_DIR``);
FNC-1 is scored with stance's 3-class mapping (agree / disagree->contradict /
discuss+unrelated->neutral); ECE is the expected calibration error. Speed is measured on 10,000
short generated pairs (distinct statements), one process, median of 3 runs. ``stream`` pipes
generated pairs through ``stance score -i - -o -`` in a separate process and reports its wall
time, throughput and peak resident memory, to show that memory stays flat whatever the input
size. The figures go into README.md by hand.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import click

import stance
from stance.model import default_model_path

TEST_SETS = ["xnli-fr:test", "rte3-fr:test", "gqnli-fr", "sick-fr:test", "fnc1:test"]


def accuracy(model: Path, data_dir: str | None) -> dict[str, dict[str, float]]:
    """Accuracy and macro-F1 of ``model`` on each public test set."""
    results = {}
    for name in TEST_SETS:
        report = stance.evaluate(model, [name], data_dir=data_dir)
        results[name] = {
            "n": report["n"],
            "accuracy": round(report["accuracy"], 4),
            "macro_f1": round(report["macro_f1"], 4),
            "ece": round(report["ece"], 4),
        }
        click.echo(
            f"{name:<16}{report['n']:>8,}{report['accuracy']:>10.3f}{report['macro_f1']:>10.3f}"
            f"{report['ece']:>8.3f}",
            err=True,
        )
    return results


def speed(model: Path, repeats: int = 3) -> dict[str, float]:
    """Load time, file size and scoring throughput (medians of ``repeats`` runs)."""
    loads = []
    for _ in range(repeats):
        started = time.perf_counter()
        pipeline = stance.load_model(model)
        loads.append(time.perf_counter() - started)
    # Distinct generated statements: the featurizer vectorises each distinct text once, so
    # pairs cycling through a small set would flatter it.
    pairs = [(r["a"], r["b"]) for r in map(json.loads, generated_pairs(10_000, seed=1))]
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        pipeline.predict_proba(pairs)
        rates.append(len(pairs) / (time.perf_counter() - started))
    result = {
        "pairs_per_s": round(statistics.median(rates)),
        "load_s": round(statistics.median(loads), 3),
        "model_mb": round(model.stat().st_size / 1e6, 2),
    }
    for key, value in result.items():
        click.echo(f"{key:<16}{value:>10}", err=True)
    return result


PLACES = ["Lyon", "Nantes", "Tours", "Dakar", "Leeds", "Porto", "Quebec", "Liège", "Genoa"]
WHO = ["le ministre", "la préfecture", "the union", "officials", "the company", "la police"]
TEMPLATES = [
    "Selon {who}, {n} personnes ont manifesté à {place} {day}.",
    "{n} emplois seront supprimés à {place}, a annoncé {who} {day}.",
    "The {place} plant will cut {n} jobs, {who} said {day}.",
    "According to {who}, {n} people marched in {place} {day}.",
    "Le trafic a repris à {place} {day}, a indiqué {who}.",
    "Traffic in {place} is still halted, {who} said {day}.",
]
DAYS = ["lundi", "mardi", "on Monday", "on Friday", "jeudi soir", "this week"]


def generated_pairs(n: int, seed: int = 0) -> Iterator[str]:
    """``n`` JSON Lines pairs of short, varied news-style statements (numbers, places, days)."""
    rng = random.Random(seed)

    def statement() -> str:
        return rng.choice(TEMPLATES).format(
            who=rng.choice(WHO),
            n=rng.randint(2, 90_000),
            place=rng.choice(PLACES),
            day=rng.choice(DAYS),
        )

    for i in range(n):
        yield json.dumps({"id": i, "a": statement(), "b": statement()}, ensure_ascii=False) + "\n"


def stream(model: Path, sizes: list[int]) -> dict[str, dict[str, float]]:
    """Score ``n`` generated pairs through the CLI in its own process, for each size."""
    results = {}
    for n in sizes:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "stance", "score", "-m", str(model), "-i", "-", "-o", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdin is not None
        for line in generated_pairs(n):
            proc.stdin.write(line)
        proc.stdin.close()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        if status:
            raise SystemExit(f"stance score failed on {n:,} pairs (status {status})")
        results[str(n)] = {
            "pairs": n,
            "wall_s": round(wall, 1),
            "pairs_per_s": round(n / wall),
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux reports KiB
        }
        click.echo(
            f"{n:>12,}{wall:>10.1f}{n / wall:>12,.0f}{usage.ru_maxrss / 1024:>12.1f}", err=True
        )
    return results


@click.command()
@click.argument("what", nargs=-1, type=click.Choice(["accuracy", "speed", "stream"]))
@click.option("-m", "--model", type=click.Path(exists=True, dir_okay=False))
@click.option("--data-dir", envvar="STANCE_DATA_DIR", help="Shared corpora folder.")
@click.option(
    "--sizes",
    default="100000,1000000",
    show_default=True,
    help="Comma-separated pair counts for `stream`.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on the last line.")
def main(
    what: tuple[str, ...], model: str | None, data_dir: str | None, sizes: str, as_json: bool
) -> None:
    """Print accuracy and / or speed figures of a model (default: the shipped one)."""
    path = Path(model) if model else default_model_path()
    what = what or ("accuracy", "speed")
    out: dict[str, object] = {"model": path.name}
    if "accuracy" in what:
        click.echo(
            f"{'test set':<16}{'pairs':>8}{'accuracy':>10}{'macro-F1':>10}{'ECE':>8}", err=True
        )
        out["accuracy"] = accuracy(path, data_dir)
    if "speed" in what:
        out["speed"] = speed(path)
    if "stream" in what:
        click.echo(f"{'pairs':>12}{'wall s':>10}{'pairs/s':>12}{'peak MB':>12}", err=True)
        out["stream"] = stream(path, [int(s) for s in sizes.split(",")])
    if as_json:
        click.echo(json.dumps(out))


if __name__ == "__main__":
    main()
