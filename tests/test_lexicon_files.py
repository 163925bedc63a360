"""The shared lexicons (src/stance/lexicons/*.tsv) keep the format that readers rely on: the
header, one form list per cell, no form on both sides of a line, values from the fixed sets."""

from __future__ import annotations

from collections import Counter

import pytest

from stance.text import lexicon_rows

from .conftest import ROOT

HEADERS = {
    "opposites": ["en_a", "en_b", "fr_a", "fr_b"],
    "directions": ["en_up", "en_down", "fr_up", "fr_down"],
    "quantifiers": ["en", "fr", "value"],
    "time": ["en", "fr", "kind", "value"],
}
SIDES = {"opposites": ("a", "b"), "directions": ("up", "down")}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_every_line_has_the_header_s_cells_and_clean_forms(name):
    path = ROOT / "src" / "stance" / "lexicons" / f"{name}.tsv"
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0].split("\t") == HEADERS[name]
    for line in lines[1:]:
        cells = line.split("\t")
        assert len(cells) == len(HEADERS[name]), line
        for cell in cells:
            forms = cell.split("|")
            assert all(f and f == f.strip() for f in forms), cell
            assert len(set(forms)) == len(forms), cell


@pytest.mark.parametrize("name", sorted(SIDES))
def test_no_form_stands_on_both_sides(name):
    first, second = SIDES[name]
    sides: dict[tuple[str, str], set[str]] = {}
    for row in lexicon_rows(name):
        for lang in ("en", "fr"):
            one, two = set(row[f"{lang}_{first}"]), set(row[f"{lang}_{second}"])
            assert not one & two, (name, row[f"{lang}_{first}"][0])
            for side, forms in ((first, one), (second, two)):
                for form in forms:
                    sides.setdefault((lang, form), set()).add(side)
    if name == "directions":  # a change word points one way wherever it is listed
        assert not [form for form, where in sides.items() if len(where) > 1]


def test_the_lexicons_are_broad_enough():
    assert len(lexicon_rows("opposites")) >= 150
    assert len(lexicon_rows("directions")) >= 60


def test_quantifier_and_time_values_come_from_fixed_sets():
    assert {row["value"][0] for row in lexicon_rows("quantifiers")} == {
        "all",
        "most",
        "some",
        "few",
        "none",
    }
    kinds = Counter()
    for row in lexicon_rows("time"):
        (kind,), (value,) = row["kind"], row["value"]
        kinds[kind] += 1
        allowed = {
            "weekday": {str(d) for d in range(1, 8)},
            "month": {str(m) for m in range(1, 13)},
            "part_of_day": {"morning", "afternoon", "evening", "night"},
            "compass": {"N", "S", "E", "W", "NE", "NW", "SE", "SW"},
            "season": {"spring", "summer", "autumn", "winter"},
        }[kind]
        assert value in allowed, (kind, value)
    assert kinds == {"weekday": 7, "month": 12, "part_of_day": 4, "compass": 8, "season": 4}
