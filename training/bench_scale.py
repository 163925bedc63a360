"""Scaling benchmark: pairing and scoring an archive of 1k, 10k, 100k statements.

    python training/bench_scale.py                          # 1k, 10k, 100k; tables
    python training/bench_scale.py --sizes 1000,10000 --json
    python training/bench_scale.py --plot scale.png --cli-scan
    python training/bench_scale.py --scheduler tcp://10.0.0.5:8786   # a real cluster
    python training/bench_scale.py --sizes 10000 --cli-scan --jobs 2
    python training/bench_scale.py --sizes 100000 --cli-scan --scheduler none  # no dask run

For each size it writes a synthetic archive (articles of ten attributed statements, French and
English, three articles per story, in a temporary folder), extracts its statements, then
measures, each step in a fresh process so that its peak resident memory is its own:

- **pairing**: exhaustive (every pair, up to ``--exhaustive-max`` statements; above, the time is
  extrapolated from the largest measured size by the square law and marked as an estimate) and
  nearest-neighbour pairing (``--neighbours K``): candidate pairs, wall time, peak memory, and
  the recall of the archive's planted contradictions (two officials of one story giving
  incompatible figures in two articles) among the candidates, plus the share of exhaustive
  pairs that nearest-neighbour pairing keeps;
- **scoring** the nearest-neighbour candidates with the shipped model (up to ``--score-max``
  statements): in one process, in ``--jobs`` local worker processes, and on a dask cluster
  (``--scheduler``; default ``local``, a LocalCluster of one single-threaded worker process per
  core; ``none``: no dask run), with the peak memory of the driver and of each dask worker;
- with ``--cli-scan``, the whole ``stance scan FOLDER --json`` in its own process: in one
  process, with ``--jobs`` and with ``--scheduler``: what a user waits for, and its peak memory
  (``--json`` streams every pair in ranked order, so that peak is the scan's own, not its
  output's).

It also reports, on the project's annotated articles (``data/articles``, ``data/articles-heldout``),
the recall of the key's contradicting pairs among the candidates of exhaustive pairing and of
nearest-neighbour pairing for several K.

The machines here are shared and noisy; every figure is one run, side by side in one run.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import click
import numpy as np

from stance import api, pairs
from stance.extract import Statement, match_key
from stance.model import default_model_path, load_model
from stance.parallel import cluster

ROOT = Path(__file__).resolve().parents[1]
STATEMENTS_PER_ARTICLE = 10
ARTICLES_PER_STORY = 3

# --- the synthetic archive -------------------------------------------------------------------

TOPICS = [
    # (French noun, English noun) of the quantity each story is about
    ("grévistes", "strikers"),
    ("manifestants", "protesters"),
    ("foyers privés d'électricité", "homes without power"),
    ("emplois supprimés", "jobs cut"),
    ("sinistrés", "flood victims"),
    ("hectares brûlés", "hectares burnt"),
    ("passagers bloqués", "stranded passengers"),
    ("élèves absents", "pupils absent"),
]
FIGURE_FR = [
    "{n} {noun} ont été recensés à {place} depuis {day}",
    "On compte désormais {n} {noun} à {place}",
    "Le nombre de {noun} à {place} atteint {n}, selon nos relevés",
]
FIGURE_EN = [
    "About {n} {noun} have been counted in {place} since {day}",
    "There are now {n} {noun} in {place}",
    "Our count of {noun} in {place} stands at {n}",
]
OTHER_FR = [
    "Les discussions avec {org} reprendront {day} à {place}",
    "{person} rencontrera les représentants de {org} {day}",
    "La situation à {place} reste sous contrôle malgré les difficultés",
    "Nous demandons une enquête indépendante sur la gestion de la crise à {place}",
    "Les services de l'État sont mobilisés jour et nuit à {place}",
    "Un bilan complet sera présenté {day} au conseil municipal de {place}",
    "{org} a débloqué une aide d'urgence pour les habitants de {place}",
    "Rien ne justifie ce retard dans la réponse des autorités de {place}",
    "Les transports entre {place} et la capitale sont perturbés",
]
OTHER_EN = [
    "Talks with {org} will resume {day} in {place}",
    "{person} will meet representatives of {org} {day}",
    "The situation in {place} remains under control despite the difficulties",
    "We are calling for an independent inquiry into how the crisis in {place} was handled",
    "State services are working around the clock in {place}",
    "A full assessment will be presented {day} to the {place} town council",
    "{org} has released emergency aid for the residents of {place}",
    "Nothing justifies the slow response of the {place} authorities",
    "Transport between {place} and the capital is disrupted",
]
SPEAKERS_FR = ["le préfet {person}", "la maire de {place}, {person}", "le porte-parole de {org}"]
SPEAKERS_EN = ["prefect {person}", "the mayor of {place}, {person}", "a spokesman for {org}"]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi"]
DAYS_EN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday"]
SYLLABLES = "bar cel dor fen gal hor jun kel lor mar nev ost pra quil ros sel tam ur val".split()
FIRST = ["Anne", "Paul", "Claire", "Marc", "Sophie", "Luc", "Nadia", "Omar", "Julie", "Hugo"]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _number(n: int, lang: str) -> str:
    """4000 as French "4 000" or English "4,000"."""
    grouped = f"{n:,}"
    return grouped.replace(",", " ") if lang == "fr" else grouped


def write_archive(folder: Path, n_statements: int, seed: int = 0) -> list[tuple[tuple, tuple]]:
    """Write about ``n_statements`` statements as articles into ``folder``; return the planted
    contradictions as pairs of ``(article name, statement index in the article)``."""
    rng = random.Random(seed)
    planted = []
    n_articles = max(ARTICLES_PER_STORY, n_statements // STATEMENTS_PER_ARTICLE)
    for story in range(n_articles // ARTICLES_PER_STORY):
        place = _name(rng, 3)
        org = f"l'association {_name(rng, 2)}"
        noun_fr, noun_en = rng.choice(TOPICS)
        figure = rng.randint(20, 900) * 10
        claim_at = {}
        for k in range(ARTICLES_PER_STORY):
            lang = "fr" if (story + k) % 2 == 0 else "en"
            wrong = k == ARTICLES_PER_STORY - 1  # the last article's official is far off
            sentences = []
            figure_slot = rng.randrange(STATEMENTS_PER_ARTICLE)
            for i in range(STATEMENTS_PER_ARTICLE):
                person = f"{rng.choice(FIRST)} {_name(rng, 2)}"
                fields = {
                    "place": place,
                    "person": person,
                    "org": org if lang == "fr" else org.replace("l'association ", "the "),
                    "day": rng.choice(DAYS_FR if lang == "fr" else DAYS_EN),
                    "noun": noun_fr if lang == "fr" else noun_en,
                    "n": _number(figure * (20 if wrong else 1) + rng.randint(-3, 3) * 10, lang),
                }
                if i == figure_slot:
                    claim = rng.choice(FIGURE_FR if lang == "fr" else FIGURE_EN)
                    claim_at[k] = (f"{story:06d}-{k}.{lang}.txt", i)
                else:
                    claim = rng.choice(OTHER_FR if lang == "fr" else OTHER_EN)
                speaker = rng.choice(SPEAKERS_FR if lang == "fr" else SPEAKERS_EN).format(**fields)
                text = claim.format(**fields)
                sentences.append(
                    f"« {text} », a déclaré {speaker}."
                    if lang == "fr"
                    else f'"{text}," {speaker} said.'
                )
            name = f"{story:06d}-{k}.{lang}.txt"
            (folder / name).write_text(" ".join(sentences) + "\n", encoding="utf-8")
        planted += [(claim_at[k], claim_at[ARTICLES_PER_STORY - 1]) for k in range(2)]
    return planted


# --- steps, each run in its own process -------------------------------------------------------


def _high_water_mb(pid: int | str = "self") -> float | None:
    """Peak resident memory of a live process (Linux VmHWM), in MB. Not ``ru_maxrss``: Linux
    carries that across ``fork`` and ``exec``, so a child would report its parent's peak."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass
    return None


def _peak_mb() -> float | None:
    return _high_water_mb()


def _statements(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def step_extract(archive: str, out: str) -> dict[str, Any]:
    started = time.perf_counter()
    statements, _ = api.extract_files([archive])
    seconds = time.perf_counter() - started
    api.write_jsonl(statements, out, force=True)
    return {"statements": len(statements), "seconds": round(seconds, 2), "peak_mb": _peak_mb()}


def step_pairs(statements_file: str, neighbours: int, out: str) -> dict[str, Any]:
    statements = _statements(statements_file)
    started = time.perf_counter()
    i, j, _ = pairs.candidate_index(statements, neighbours=neighbours)
    seconds = time.perf_counter() - started
    np.save(out, np.stack([i, j]))
    return {"pairs": len(i), "seconds": round(seconds, 2), "peak_mb": _peak_mb()}


def step_score(
    statements_file: str, pairs_file: str, model: str, scheduler: str | None, jobs: int | None
) -> dict[str, Any]:
    statements = _statements(statements_file)
    claims = [pairs.statement_text(s) for s in statements]
    i, j = np.load(pairs_file)
    batch = [(claims[a], claims[b]) for a, b in zip(i.tolist(), j.tolist())]
    pipeline = load_model(model)
    with cluster(scheduler) as client:
        started = time.perf_counter()
        api.predict_proba(pipeline, batch, jobs=jobs)
        seconds = time.perf_counter() - started
        workers = sorted(client.run(_peak_mb).values()) if client is not None else []
    return {
        "pairs": len(batch),
        "seconds": round(seconds, 2),
        "pairs_per_s": round(len(batch) / seconds),
        "peak_mb": _peak_mb(),
        "worker_peak_mb": workers,
    }


STEPS = {"extract": step_extract, "pairs": step_pairs, "score": step_score}


def in_own_process(step: str, *args: Any) -> dict[str, Any]:
    """Run a step in a fresh Python process; its result is the last line it prints."""
    done = subprocess.run(
        [sys.executable, __file__, "_step", step, json.dumps(args)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"step {step} failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def scan_in_own_process(
    archive: str, model: str, neighbours: int, scheduler: str | None, jobs: int | None
) -> dict[str, Any]:
    """``stance scan ARCHIVE --json`` in its own process: wall time and peak memory (of the
    main process; local workers' memory is their own)."""
    command = [sys.executable, "-m", "stance", "scan", archive, "-m", model, "--json"]
    command += ["--neighbours", str(neighbours)]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    if scheduler:
        command += ["--scheduler", scheduler]
    started = time.perf_counter()
    peak = 0.0
    with tempfile.TemporaryFile() as sink:
        proc = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL)
        while proc.poll() is None:  # VmHWM only grows: its last reading is the peak
            peak = max(peak, _high_water_mb(proc.pid) or 0.0)
            time.sleep(0.2)
        sink.seek(0)
        lines = sum(1 for _ in sink)
    if proc.returncode:
        raise SystemExit(f"stance scan failed (status {proc.returncode})")
    return {"pairs": lines, "seconds": round(time.perf_counter() - started, 1), "peak_mb": peak}


# --- recall ------------------------------------------------------------------------------------


def planted_recall(
    statements_file: str, pairs_file: str, planted: list[tuple[tuple, tuple]]
) -> float:
    """Share of the planted contradictions whose two statements are a candidate pair."""
    where: dict[tuple[str, int], int] = {}
    seen: dict[str, int] = {}
    for index, statement in enumerate(_statements(statements_file)):
        article = statement["article"]
        where[(article, seen.get(article, 0))] = index
        seen[article] = seen.get(article, 0) + 1
    found = np.load(pairs_file)
    width = len(where) + 1
    codes = set((found[0] * width + found[1]).tolist())
    hits = 0
    for a, b in planted:
        x, y = where.get(tuple(a)), where.get(tuple(b))
        hits += x is not None and y is not None and min(x, y) * width + max(x, y) in codes
    return hits / len(planted) if planted else 0.0


def _share(found_file: str, every_file: str) -> float:
    """Share of the pairs in ``every_file`` that are also in ``found_file`` (index arrays)."""
    found, every = np.load(found_file), np.load(every_file)
    width = int(max(found.max(initial=0), every.max(initial=0))) + 1
    codes = np.isin(every[0] * width + every[1], found[0] * width + found[1])
    return round(float(codes.mean()) if codes.size else 0.0, 3)


def key_recall(folder: Path, ks: list[int]) -> dict[str, Any]:
    """Recall of the key's contradicting pairs among candidate pairs: exhaustive and K."""
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    statements, texts = api.extract_files([str(folder)])
    mapping = match_key([Statement(**s) for s in statements], key["statements"], texts)
    index = {s["id"]: n for n, s in enumerate(statements)}
    wanted = [
        frozenset((index.get(mapping.get(p["a"])), index.get(mapping.get(p["b"]))))
        for p in key["pairs"]
        if p["label"] == "contradict"
    ]
    result: dict[str, Any] = {"contradictions": len(wanted)}
    for k in [0, *ks]:
        i, j, _ = pairs.candidate_index(statements, neighbours=k)
        found = {frozenset(p) for p in zip(i.tolist(), j.tolist())}
        result["exhaustive" if k == 0 else f"k={k}"] = {
            "pairs": len(found),
            "recall": round(sum(w in found for w in wanted) / len(wanted), 3),
        }
    return result


# --- the report --------------------------------------------------------------------------------


def plot(results: dict[str, Any], path: Path) -> None:
    """Pairing time and scoring throughput against archive size, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [int(n) for n in results]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for label, key in (("exhaustive", "exhaustive"), ("nearest neighbours", "neighbours")):
        xs = [n for n in sizes if results[str(n)][key].get("seconds") is not None]
        left.plot(xs, [results[str(n)][key]["seconds"] for n in xs], "o-", label=label)
        guess = [n for n in sizes if results[str(n)][key].get("estimated_seconds")]
        if guess:
            left.plot(
                guess,
                [results[str(n)][key]["estimated_seconds"] for n in guess],
                "x",
                color=left.lines[-1].get_color(),
                label=f"{label} (extrapolated)",
            )
    left.set(xscale="log", yscale="log", xlabel="statements", ylabel="pairing wall time (s)")
    left.legend()
    for label, key in (
        ("one process", "scan_one"),
        ("worker processes", "scan_local"),
        ("dask LocalCluster", "scan_dask"),
    ):
        xs = [n for n in sizes if key in results[str(n)]]
        right.plot(xs, [results[str(n)][key]["seconds"] for n in xs], "o-", label=label)
    right.set(xscale="log", yscale="log", xlabel="statements", ylabel="stance scan wall time (s)")
    right.legend()
    fig.suptitle("stance: candidate pairs and scoring at scale")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


@click.command(context_settings={"ignore_unknown_options": True})
@click.option("--sizes", default="1000,10000,100000", show_default=True)
@click.option("--neighbours", default=pairs.NEIGHBOURS, show_default=True, help="K.")
@click.option("--exhaustive-max", default=10_000, show_default=True)
@click.option(
    "--scheduler", default="local", show_default=True, help="dask scheduler; none: no dask run."
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes of the local runs. [default: one per core]",
)
@click.option("-m", "--model", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--score-max",
    default=10_000,
    show_default=True,
    help="Largest size whose candidates are also scored apart from the scan.",
)
@click.option("--cli-scan", is_flag=True, help="Also time `stance scan` end to end.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on the last line.")
def main(
    sizes: str,
    neighbours: int,
    exhaustive_max: int,
    scheduler: str,
    jobs: int | None,
    model: str | None,
    score_max: int,
    cli_scan: bool,
    plot_path: Path | None,
    as_json: bool,
) -> None:
    """Pairing and scoring figures for synthetic archives of several sizes."""
    model = model or str(default_model_path())
    dask = scheduler != "none"
    ks = sorted({5, 10, neighbours, 40})
    out: dict[str, Any] = {
        "neighbours": neighbours,
        "scheduler": scheduler,
        "jobs": jobs,
        "key_recall": {},
    }
    for folder in (ROOT / "data" / "articles", ROOT / "data" / "articles-heldout"):
        recall = key_recall(folder, ks)
        out["key_recall"][folder.name] = recall
        cells = "  ".join(
            f"{name} {v['recall']:.2f} ({v['pairs']:,} pairs)"
            for name, v in recall.items()
            if isinstance(v, dict)
        )
        click.echo(f"{folder.name}: {recall['contradictions']} key contradictions; {cells}")
    results: dict[str, Any] = {}
    largest_exhaustive: tuple[int, float] | None = None
    for n in [int(s) for s in sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            archive = Path(tmp) / "archive"
            archive.mkdir()
            planted = write_archive(archive, n)
            statements = str(Path(tmp) / "statements.jsonl")
            row: dict[str, Any] = {"extract": in_own_process("extract", str(archive), statements)}
            row["statements"] = row["extract"]["statements"]
            near = str(Path(tmp) / "near.npy")
            row["neighbours"] = in_own_process("pairs", statements, neighbours, near)
            row["neighbours"]["planted_recall"] = planted_recall(statements, near, planted)
            if n <= exhaustive_max:
                every = str(Path(tmp) / "every.npy")
                row["exhaustive"] = in_own_process("pairs", statements, 0, every)
                row["exhaustive"]["planted_recall"] = planted_recall(statements, every, planted)
                row["neighbours"]["share_of_exhaustive"] = _share(near, every)
                largest_exhaustive = (row["statements"], row["exhaustive"]["seconds"])
            elif largest_exhaustive:
                m, seconds = largest_exhaustive
                row["exhaustive"] = {
                    "pairs": None,
                    "seconds": None,
                    "estimated_seconds": round(seconds * (row["statements"] / m) ** 2),
                }
            if n <= score_max:
                row["score_one"] = in_own_process("score", statements, near, model, None, 1)
                row["score_local"] = in_own_process("score", statements, near, model, None, jobs)
                if dask:
                    row["score_dask"] = in_own_process(
                        "score", statements, near, model, scheduler, None
                    )
            if cli_scan:
                where = (str(archive), model, neighbours)
                row["scan_one"] = scan_in_own_process(*where, None, 1)
                row["scan_local"] = scan_in_own_process(*where, None, jobs)
                if dask:
                    row["scan_dask"] = scan_in_own_process(*where, scheduler, None)
        results[str(n)] = row
        echo_row(n, row)
    out["sizes"] = results
    if plot_path:
        plot(results, plot_path)
        click.echo(f"plot: {plot_path}", err=True)
    if as_json:
        click.echo(json.dumps(out))


def echo_row(n: int, row: dict[str, Any]) -> None:
    """One size's figures as a few readable lines."""
    ex, nb = row.get("exhaustive", {}), row["neighbours"]
    click.echo(f"\n{row['statements']:,} statements (asked {n:,}); extract {row['extract']}")
    if ex.get("seconds") is not None:
        click.echo(
            f"  exhaustive: {ex['pairs']:,} pairs, {ex['seconds']} s, peak {ex['peak_mb']} MB, "
            f"planted recall {ex['planted_recall']:.3f}"
        )
    elif ex.get("estimated_seconds"):
        click.echo(f"  exhaustive: not run; about {ex['estimated_seconds']:,} s by the square law")
    click.echo(
        f"  neighbours: {nb['pairs']:,} pairs, {nb['seconds']} s, peak {nb['peak_mb']} MB, "
        f"planted recall {nb['planted_recall']:.3f}, "
        f"share of exhaustive pairs {nb.get('share_of_exhaustive', 'n/a')}"
    )
    for key in ("score_one", "score_local", "score_dask", "scan_one", "scan_local", "scan_dask"):
        if key in row:
            click.echo(f"  {key}: {row[key]}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_step":
        print(json.dumps(STEPS[sys.argv[2]](*json.loads(sys.argv[3]))))
    else:
        main()
