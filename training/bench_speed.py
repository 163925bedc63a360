"""Speed, for ``python training/benchmark.py speed``, ``stream`` and ``startup``: scoring
throughput in one process, the command line's rate with one or more worker processes,
``stance score`` on streams of generated pairs, and how long the command line takes to start."""

from __future__ import annotations

import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click

import stance


def echo(message: str = "") -> None:
    """Tables and progress go to stderr, so that stdout carries only the JSON line."""
    click.echo(message, err=True)


def speed(model: Path, n_pairs: int = 10_000, repeats: int = 3) -> dict[str, float]:
    """Load time, file size and scoring throughput (medians of ``repeats`` runs)."""
    loads = []
    for _ in range(repeats):
        started = time.perf_counter()
        pipeline = stance.load_model(model)
        loads.append(time.perf_counter() - started)
    # Distinct generated statements: the featurizer vectorises each distinct text once, so
    # pairs cycling through a small set would flatter it.
    pairs = [(r["a"], r["b"]) for r in map(json.loads, generated_pairs(n_pairs, seed=1))]
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
        echo(f"{key:<16}{value:>10}")
    return result


def cli_speed(
    model: Path, jobs: Sequence[int], n_pairs: int = 100_000, repeats: int = 3
) -> dict[str, Any]:
    """``stance score -i FILE -o FILE --jobs N`` in its own process on ``n_pairs`` generated
    pairs, for each N, alternating N within each of ``repeats`` rounds so that a change in the
    machine's load falls on every N alike: median wall time and rate per N, each rate as a
    multiple of the first N's, the load average seen, and whether every output is identical."""
    walls: dict[int, list[float]] = {n: [] for n in jobs}
    loads = [os.getloadavg()[0]]
    outputs: set[bytes] = set()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "pairs.jsonl"
        source.write_text("".join(generated_pairs(n_pairs, seed=1)), encoding="utf-8")
        for _ in range(repeats):
            for n in jobs:
                target = Path(tmp) / f"scored-{n}.jsonl"
                command = [sys.executable, "-m", "stance", "score", "-m", str(model)]
                command += ["-i", str(source), "-o", str(target), "--force", "--jobs", str(n)]
                started = time.perf_counter()
                subprocess.run(command, check=True, capture_output=True)
                walls[n].append(time.perf_counter() - started)
                loads.append(os.getloadavg()[0])
                outputs.add(hashlib.sha256(target.read_bytes()).digest())
    first = statistics.median(walls[jobs[0]])
    result: dict[str, Any] = {"cli_pairs": n_pairs, "identical_outputs": len(outputs) == 1}
    echo(f"{'jobs':>6}{'median s':>10}{'pairs/s':>10}{'speed-up':>10}   walls")
    for n in jobs:
        wall = statistics.median(walls[n])
        result[f"jobs_{n}"] = {
            "median_s": round(wall, 2),
            "pairs_per_s": round(n_pairs / wall),
            "speedup": round(first / wall, 2),
            "walls_s": [round(w, 2) for w in walls[n]],
        }
        cells = " ".join(f"{w:.1f}" for w in walls[n])
        echo(f"{n:>6}{wall:>10.2f}{n_pairs / wall:>10,.0f}{first / wall:>9.2f}x   {cells}")
    result["load_average"] = [round(x, 2) for x in loads]
    echo(f"1-minute load average, before and after each run: {result['load_average']}")
    echo(f"identical outputs: {result['identical_outputs']}")
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
    echo(f"{'pairs':>12}{'wall s':>10}{'pairs/s':>12}{'peak MB':>12}")
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
        echo(f"{n:>12,}{wall:>10.1f}{n / wall:>12,.0f}{usage.ru_maxrss / 1024:>12.1f}")
    return results


STARTUP_COMMANDS = {
    "stance --help": ["--help"],
    "stance -V": ["-V"],
    "stance score A B": ["score", "Le pont a rouvert lundi.", "Le pont reste fermé."],
}


def startup(runs: int, model: Path | None = None) -> dict[str, float]:
    """Median wall time in seconds, over ``runs`` runs each, of the commands a person types
    first, each in a new process as a shell would start it (the console script beside this
    Python, else ``python -m stance``)."""
    script = Path(sys.executable).with_name("stance")
    base = [str(script)] if script.is_file() else [sys.executable, "-m", "stance"]
    env = {**os.environ, **({"STANCE_MODEL": str(model)} if model else {})}
    times = {}
    for name, args in STARTUP_COMMANDS.items():
        walls = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([*base, *args], env=env, check=True, stdout=subprocess.DEVNULL)
            walls.append(time.perf_counter() - started)
        times[name] = round(statistics.median(walls), 3)
        echo(f"{name:<20}{times[name]:>8.3f} s  (median of {runs})")
    return times
