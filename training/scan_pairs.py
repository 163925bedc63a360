"""Regenerate the labelled scan pairs (data/scan-train/pairs.jsonl) from the current extractor
and pairer, carrying each label over by the two statements' texts.

    python training/scan_pairs.py                  # regenerate, report new and dropped pairs
    python training/scan_pairs.py --labels L.jsonl # ... and take the labels given in L.jsonl
    python training/scan_pairs.py --check          # change nothing; fail if a label is missing

A label belongs to what the two statements say, not to where the extractor numbered them: it is
keyed by each statement's article and claim, in either order (:func:`pair_key`). When the
extractor changes, a pair whose two claims come out unchanged keeps its label whatever its
statement ids; a pair whose claim changed, or that became a candidate, is *new* and written to
``data/scan-train/unlabelled.jsonl`` (label it with ``stance label unlabelled.jsonl -o
L.jsonl``, then run again with ``--labels L.jsonl``); a labelled pair that is no longer a
candidate is *dropped* from the file, and listed. Each row keeps ``a_claim`` / ``b_claim``, the
key's texts, beside ``a`` / ``b``, the texts the model is trained on (``statement_text``: a
claim with its pronoun resolved, or a denial with its frame).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import click

from stance.api import extract_files
from stance.fileio import atomic_write, json_line
from stance.pairs import candidate_pairs

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "data" / "scan-train"
LANGS = ("fr", "en")  # the order of a story's two articles, which numbers its statements

Key = frozenset[tuple[str, str]]


def pair_key(article_a: str, claim_a: str, article_b: str, claim_b: str) -> Key:
    """What a label belongs to: the two statements' articles and claims, order-free."""
    return frozenset({(article_a, claim_a), (article_b, claim_b)})


def _article(statement_id: str) -> str:
    return statement_id.rsplit("#", 1)[0]


def row_key(row: Mapping[str, Any]) -> Key:
    """The key of a labelled row (see :func:`pair_key`)."""
    return pair_key(_article(row["a_id"]), row["a_claim"], _article(row["b_id"]), row["b_claim"])


def carry_labels(
    story: str, labelled: Iterable[Mapping[str, Any]], candidates: Iterable[Mapping[str, Any]]
) -> tuple[list[dict], list[dict], list[dict]]:
    """The story's candidate pairs as rows, labelled where a row of ``labelled`` has the same
    key (a claim trimmed of a few words of frame counts as the same, see
    :func:`trimmed_claims`); and the candidates with no label (new) and the labelled rows no
    candidate has (dropped). Rows keep their ``id``; a new row gets the story's next free
    number."""
    by_key = {row_key(r): r for r in labelled}
    numbers = [int(r["id"].rsplit("-", 1)[1]) for r in by_key.values()]
    next_number = max(numbers, default=0) + 1
    candidates = list(candidates)
    alias = trimmed_claims(
        {side for key in by_key for side in key},
        {
            (s["article"], s["claim"])
            for p in candidates
            for s in (p["statement_a"], p["statement_b"])
        },
    )
    rows, new, seen = [], [], set()
    for pair in candidates:
        a, b = pair["statement_a"], pair["statement_b"]
        key = frozenset(
            alias.get(side, side)
            for side in ((a["article"], a["claim"]), (b["article"], b["claim"]))
        )
        if key in seen:
            continue  # two statements with the same claims as another pair's: one label
        seen.add(key)
        row = {
            "story": story,
            "a": pair["a"],
            "b": pair["b"],
            "a_id": a["id"],
            "b_id": b["id"],
            "a_claim": a["claim"],
            "b_claim": b["claim"],
        }
        old = by_key.get(key)
        if old is None:
            rows.append({"id": f"{story}-{next_number:03d}", **row, "label": None})
            next_number += 1
            new.append(rows[-1])
        else:
            if (old["a_id"], old["b_id"]) == (b["id"], a["id"]):
                # The same two statements, listed the other way round: keep the file's order,
                # so that a regeneration changes only what changed.
                row |= {
                    f"{x}{field}": row[f"{y}{field}"]
                    for x, y in ("ab", "ba")
                    for field in ("", "_id", "_claim")
                }
            rows.append({"id": old["id"], **row, "label": old["label"]})
    dropped = [dict(r) for key, r in by_key.items() if key not in seen]
    return rows, new, dropped


TRIMMED = 0.7
"""A new claim that contains, or is contained in, a labelled claim of its article and has this
share of its length or more is that claim trimmed or extended ("pour sa part que X" -> "X")."""


def trimmed_claims(
    labelled: set[tuple[str, str]], current: set[tuple[str, str]]
) -> dict[tuple[str, str], tuple[str, str]]:
    """Current claims that are a labelled claim with a few words of frame more or less: a label
    on what the statement says is still right when the extractor cuts its frame better. A
    claim that lost or gained more (a sentence cut into two statements) is new."""
    alias = {}
    for article, claim in current - labelled:
        for old_article, old in labelled:
            if old_article != article or not (claim in old or old in claim):
                continue
            if min(len(claim), len(old)) >= TRIMMED * max(len(claim), len(old)):
                alias[(article, claim)] = (old_article, old)
                break
    return alias


def _ordered(row: Mapping[str, Any]) -> dict:
    fields = ("id", "story", "a", "b", "label", "a_id", "b_id", "a_claim", "b_claim")
    return {f: row[f] for f in fields}


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def story_candidates(folder: Path, story: str) -> list[dict]:
    """What ``stance extract`` then ``stance pairs`` (defaults) give on a story's articles."""
    statements, _ = extract_files([str(folder / f"{story}.{lang}.txt") for lang in LANGS])
    return candidate_pairs(statements)


@click.command()
@click.option("--folder", type=click.Path(file_okay=False, path_type=Path), default=FOLDER)
@click.option(
    "--labels",
    "extra",
    type=click.Path(dir_okay=False, path_type=Path),
    multiple=True,
    help="Labelled rows for new pairs (keyed by a_id/b_id claims, or the stance label output).",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a candidate has no label.")
def main(folder: Path, extra: tuple[Path, ...], check: bool) -> None:
    """Regenerate the candidate pairs of every story and carry the labels over by text."""
    labelled = read_rows(folder / "pairs.jsonl")
    for path in extra:
        for row in read_rows(path):
            a, b = row.get("statement_a"), row.get("statement_b")
            if a is not None and b is not None:  # the output of `stance label`
                row = {**row, "a_id": a["id"], "b_id": b["id"]}
                row |= {"a_claim": a["claim"], "b_claim": b["claim"]}
            if row.get("label"):
                labelled.append(row)
    by_story: dict[str, list[dict]] = {}
    for row in labelled:  # "airline-collapse.fr.txt#3" is of the story "airline-collapse"
        story = row.get("story") or _article(row["a_id"]).split(".")[0]
        by_story.setdefault(story, []).append(row)
    rows, new, dropped = [], [], []
    for story in sorted(by_story):
        got = carry_labels(story, by_story[story], story_candidates(folder, story))
        rows += got[0]
        new += got[1]
        dropped += got[2]
    # Rows stay where the file had them, new ones after: a regeneration changes only what changed.
    place = {r["id"]: k for k, r in enumerate(read_rows(folder / "pairs.jsonl"))}
    rows.sort(key=lambda r: place.get(r["id"], len(place)))
    counts = {label: sum(r["label"] == label for r in rows) for label in ("contradict", "agree")}
    click.echo(
        f"{len(rows):,} candidate pairs: {len(rows) - len(new):,} labelled "
        f"({counts['contradict']} contradict, {counts['agree']} agree), {len(new)} new without "
        f"a label, {len(dropped)} labelled pairs no longer candidates"
    )
    for row in dropped:
        click.echo(f"dropped: {row['id']} ({row['label']}): {row['a']!r} / {row['b']!r}")
    if check:
        sys.exit(1 if new else 0)
    with atomic_write(folder / "pairs.jsonl", force=True) as fh:
        fh.writelines(json_line(_ordered(r)) + "\n" for r in rows if r["label"] is not None)
    if not new:
        (folder / "unlabelled.jsonl").unlink(missing_ok=True)
        return
    with atomic_write(folder / "unlabelled.jsonl", force=True) as fh:
        for r in new:
            a = {"id": r["a_id"], "article": _article(r["a_id"]), "claim": r["a_claim"]}
            b = {"id": r["b_id"], "article": _article(r["b_id"]), "claim": r["b_claim"]}
            fh.write(json_line({**_ordered(r), "statement_a": a, "statement_b": b}) + "\n")


if __name__ == "__main__":
    main()
