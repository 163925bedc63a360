"""The cross-story pairs are what training/cross_story_pairs.py writes: neutral pairs of two
statements from two different stories."""

from __future__ import annotations

import json
import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "training"))  # a folder of scripts, not a package
import cross_story_pairs


def test_the_committed_pairs_are_the_generators_and_span_two_stories():
    rows = [json.loads(line) for line in cross_story_pairs.SOURCE.open(encoding="utf-8")]
    pairs = cross_story_pairs.cross_story_pairs(rows, cross_story_pairs.PER_STORY)
    committed = [json.loads(line) for line in cross_story_pairs.OUTPUT.open(encoding="utf-8")]
    assert committed == pairs and len(pairs) == 2400
    story_of = {}
    for row in rows:
        story_of.setdefault(row["a"], set()).add(row["story"])
        story_of.setdefault(row["b"], set()).add(row["story"])
    for pair in pairs:
        assert pair["label"] == "neutral"
        one, other = pair["story"].split(" / ")
        assert one != other and one in story_of[pair["a"]] and other in story_of[pair["b"]]
