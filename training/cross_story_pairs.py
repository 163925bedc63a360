"""Write ``data/scan-train/cross-story.jsonl``: pairs of statements from two different stories,
labelled neutral: ``python training/cross_story_pairs.py``.

Every NLI pair the default model learns from is about one scene, and so is every labelled scan
pair (both statements come from one story): no training pair teaches that two statements about
different things are neutral, and a model trained on them alone reads "nothing in common" as
agreement (on NLI data, a hypothesis that shares no word with its premise is most often a
paraphrase). These pairs are the project's own scan statements (``data/scan-train/pairs.jsonl``),
each paired with a statement of another story: neutral by construction, in French, English and
across the two, as scan statements are. The output is the same for the same input (seed 0).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "scan-train" / "pairs.jsonl"
OUTPUT = ROOT / "data" / "scan-train" / "cross-story.jsonl"
PER_STORY = 100
"""Pairs per story: 2,400 for the 24 stories, a fifth of the labelled scan pairs."""


def cross_story_pairs(rows: list[dict], per_story: int, seed: int = 0) -> list[dict]:
    """``per_story`` pairs for each story: one of its statements and one of another story."""
    statements: dict[str, list[str]] = {}
    for row in rows:
        for side in ("a", "b"):
            statements.setdefault(row["story"], [])
            if row[side] not in statements[row["story"]]:
                statements[row["story"]].append(row[side])
    rng = random.Random(seed)
    stories = sorted(statements)
    pairs = []
    for story in stories:
        others = [s for s in stories if s != story]
        for k in range(per_story):
            other = rng.choice(others)
            pairs.append(
                {
                    "id": f"cross-{story}-{k + 1:03d}",
                    "story": f"{story} / {other}",
                    "a": rng.choice(statements[story]),
                    "b": rng.choice(statements[other]),
                    "label": "neutral",
                }
            )
    return pairs


@click.command()
@click.option("--per-story", default=PER_STORY, show_default=True, help="Pairs per story.")
def main(per_story: int) -> None:
    """Write the cross-story pairs (replacing the file)."""
    rows = [json.loads(line) for line in SOURCE.read_text(encoding="utf-8").splitlines()]
    pairs = cross_story_pairs(rows, per_story)
    text = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs)
    temporary = OUTPUT.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(OUTPUT)  # atomic: a reader sees the old file or the new one
    click.echo(f"{OUTPUT.relative_to(ROOT)}: {len(pairs)} pairs", err=True)


if __name__ == "__main__":
    main()
