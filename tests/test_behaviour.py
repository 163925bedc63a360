"""The behavioural suite (stance.behaviour): deterministic generation, sizes, halves that share
no template or subject, labels tied to the lexicons, the runner's pass rates, the benchmark."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable

import numpy as np
import pytest
from click.testing import CliRunner

from stance import behaviour
from stance.behaviour import generate
from stance.data import LABELS
from stance.errors import StanceError

from .conftest import ROOT

MINIMUM = 40  # test cases per capability and language


@pytest.fixture(scope="module")
def halves() -> dict[str, list[behaviour.Case]]:
    return {split: behaviour.cases(split) for split in behaviour.SPLITS}


# --- generation -------------------------------------------------------------------------------


def test_generation_is_deterministic_and_the_seed_matters(halves):
    assert behaviour.cases("test") == halves["test"]
    assert behaviour.cases("test", seed=0) == behaviour.cases("test", seed=0)
    assert behaviour.cases("test", seed=1) != halves["test"]
    assert list(behaviour.pairs("train")) == list(behaviour.pairs("train"))


def test_every_capability_has_enough_cases_in_each_language(halves):
    for split, cases in halves.items():
        counts = Counter((c.capability, c.lang) for c in cases)
        for capability in behaviour.CAPABILITIES:
            for lang in behaviour.LANGS:
                if (capability, lang) == ("identity_confident", "fr-en"):
                    continue  # two languages are never an exact identity
                assert counts[capability, lang] >= MINIMUM, (split, capability, lang)


def test_ids_are_unique_and_labels_valid(halves):
    for cases in halves.values():
        assert len({c.id for c in cases}) == len(cases)
        for case in cases:
            assert case.lang in behaviour.LANGS
            if case.test_type == "INV":
                assert case.label is None and case.original is not None
            elif case.test_type == "DIR":
                assert case.label == "contradict" and case.original is not None
                assert case.original[0] == case.a and case.original != (case.a, case.b)
            else:
                assert case.label in LABELS and case.original is None
            assert case.a.strip() and case.b.strip() and "{" not in case.a + case.b


def test_cross_language_cases_are_french_then_english(halves):
    case = next(c for c in halves["test"] if c.lang == "fr-en" and c.id.startswith("neg-reopen:"))
    assert " a rouvert " in case.a and " did not reopen " in case.b


def test_french_contractions_and_elisions_are_made(halves):
    french = [t for c in halves["test"] + halves["train"] if c.lang == "fr" for t in (c.a, c.b)]
    for text in french:
        assert not re.search(r"\b(à|de) les? \b|\bque [aeiouAEIOU]|\bde [aeiouéAEIOUÉ]", text)
    assert any(" au " in t or " du " in t for t in french)


def test_the_training_pairs_are_the_labelled_cases_of_the_train_half(halves):
    pairs = list(behaviour.pairs("train"))
    labelled = [
        c for c in halves["train"] if c.test_type == "MFT" and c.capability != "identity_confident"
    ]
    assert [(p["a"], p["b"], p["label"], p["kind"], p["lang"]) for p in pairs] == [
        (c.a, c.b, c.label, c.capability, c.lang) for c in labelled
    ]
    assert set(Counter(p["label"] for p in pairs)) == set(LABELS)


def test_an_unknown_split_is_refused():
    with pytest.raises(StanceError, match="unknown split"):
        behaviour.cases("dev")


# --- the halves share no template, subject or frame -----------------------------------------


def _template_texts(split: str) -> set[str]:
    return {
        text
        for t in generate.templates()
        if t.split == split
        for sides in t.text.values()
        for text in sides.values()
    }


def _filler_texts(split: str) -> set[str]:
    return {
        value
        for pool in generate.fillers()[split].values()
        for filler in pool
        for value in filler.values()
    }


def _mentions(texts: Iterable[str], phrases: set[str]) -> set[str]:
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(phrases))) + r")\b", re.I)
    return {m.group(1) for text in texts for m in pattern.finditer(text)}


def test_the_halves_share_no_template_filler_or_frame(halves):
    assert not _template_texts("train") & _template_texts("test")
    ids = {split: {t.id for t in generate.templates() if t.split == split} for split in halves}
    assert not ids["train"] & ids["test"]
    assert not _filler_texts("train") & _filler_texts("test")
    frames = generate.frames()
    for lang in ("en", "fr"):
        assert not set(frames["train"][lang]) & set(frames["test"][lang])


def test_no_case_of_one_half_names_a_subject_of_the_other(halves):
    for split, other in (("test", "train"), ("train", "test")):
        texts = [text for c in halves[split] for text in (c.a, c.b)]
        assert not _mentions(texts, _filler_texts(other)), split


BANNED = re.compile(
    r"armed group|groupe armé|militia|milice|fighter|combattant|\bISIS\b|Daech|Daesh|"
    r"Islamic State|[ÉE]tat islamique|liby|jihad|djihad",
    re.I,
)


def test_no_case_and_no_data_file_mentions_armed_groups_or_libya(halves):
    for cases in halves.values():
        for case in cases:
            assert not BANNED.search(f"{case.a} {case.b} {case.note}"), case
    folder = ROOT / "src" / "stance" / "behaviour"
    for path in folder.glob("*.jsonl"):
        assert not BANNED.search(path.read_text(encoding="utf-8")), path


# --- the contrasting words come from the lexicons -------------------------------------------


def _contains(text: str, forms: Iterable[str]) -> list[str]:
    """The forms found in ``text`` as whole words, longest first."""
    padded = f" {re.sub(r'[.,;:!?]', ' ', text.lower())} "
    return sorted((f for f in forms if f" {f.lower()} " in padded), key=len, reverse=True)


def _entries(capability: str) -> Iterable[tuple[str, str, str, str]]:
    """(language, first value, second value, label) of every item entry of a capability."""
    for template in generate.templates():
        if template.capability != capability:
            continue
        for name in template.items.values():
            for entry in generate.item_lists()[name]:
                for lang in ("en", "fr"):
                    first, second = (re.sub(r"\{\w+(\.\w+)?\}", "X", v) for v in entry[lang])
                    yield lang, first, second, entry.get("label", template.label)


def test_direction_words_are_lexicon_directions():
    rows = generate.lexicon_rows("directions")
    sides = {
        lang: {side: {f for row in rows for f in row[f"{lang}_{side}"]} for side in ("up", "down")}
        for lang in ("en", "fr")
    }

    def side(text: str, lang: str) -> str:
        hits = {s for s, forms in sides[lang].items() if _contains(text, forms)}
        assert len(hits) == 1, (text, hits)
        return hits.pop()

    for lang, first, second, label in _entries("direction"):
        same = side(first, lang) == side(second, lang)
        assert same == (label == "agree"), (first, second, label)


def test_opposite_words_are_the_two_sides_of_a_lexicon_line():
    rows = generate.lexicon_rows("opposites")
    for lang, first, second, label in _entries("opposites"):
        assert label == "contradict"
        assert any(
            (_contains(first, row[f"{lang}_a"]) and _contains(second, row[f"{lang}_b"]))
            or (_contains(first, row[f"{lang}_b"]) and _contains(second, row[f"{lang}_a"]))
            for row in rows
        ), (first, second)


INCOMPATIBLE = {
    frozenset(p)
    for p in [("all", "none"), ("all", "few"), ("most", "few"), ("most", "none"), ("some", "none")]
}


def test_quantifier_labels_follow_the_lexicon_values():
    rows = generate.lexicon_rows("quantifiers")
    values = {
        lang: {form: row["value"][0] for row in rows for form in row[lang]} for lang in ("en", "fr")
    }

    def value(text: str, lang: str) -> str:
        return values[lang][_contains(text, values[lang])[0]]  # the longest form decides

    for lang, first, second, label in _entries("quantifiers"):
        pair = frozenset((value(first, lang), value(second, lang)))
        expected = (
            "agree" if len(pair) == 1 else "contradict" if pair in INCOMPATIBLE else "neutral"
        )
        assert label == expected, (first, second)


def test_time_words_are_read_from_the_lexicon():
    words = generate.time_words()
    assert [w["en"] for w in words["weekday"]][:2] == ["Monday", "Tuesday"]
    assert len(words["month"]) == 12
    assert {"en": "in the north", "fr": "dans le nord"} in words["compass"]
    assert {"en": "in the morning", "fr": "dans la matinée"} in words["part_of_day"]


# --- the runner ---------------------------------------------------------------------------


class Constant:
    """A model that gives every pair the same probabilities."""

    def __init__(self, agree: float, contradict: float, neutral: float):
        self.p = [agree, contradict, neutral]

    def predict_proba(self, pairs):
        return np.array([self.p] * len(pairs))


class Longer:
    """A model that says agree when a is the longer side: not symmetric."""

    def predict_proba(self, pairs):
        return np.array([[0.6, 0.2, 0.2] if len(a) > len(b) else [0.2, 0.6, 0.2] for a, b in pairs])


def test_an_always_agree_model_passes_identity_and_fails_negation(halves):
    report = behaviour.run(Constant(1.0, 0.0, 0.0), halves["test"])
    for lang in behaviour.LANGS:
        assert report.rate("identity", lang) == 1.0
        assert report.rate("paraphrase", lang) == 1.0
        assert report.rate("negation", lang) == 0.0
        assert report.rate("unrelated", lang) == 0.0
        for invariance in ("swap", "attribution", "number_format", "case_punct"):
            assert report.rate(invariance, lang) == 1.0
        assert report.rate("contrast", lang) == 0.0  # P(contradict) never rises
    assert report.rate("identity_confident", "fr") == 1.0
    assert report.rate("identity_confident", "fr-en") is None
    row = report.rows["negation"]["en"]
    assert row.passed == 0 and len(row.failures) == row.n >= MINIMUM
    failure = row.failures[0]
    assert (failure.expected, failure.predicted) == ("contradict", "agree")
    assert failure.probabilities == {"agree": 1.0, "contradict": 0.0, "neutral": 0.0}


def test_confident_identity_needs_p_agree_of_at_least_0_9(halves):
    report = behaviour.run(Constant(0.8, 0.1, 0.1), halves["test"])
    assert report.rate("identity", "en") == 1.0
    assert report.rate("identity_confident", "en") == 0.0


def test_rates_count_the_passed_cases_of_each_direction_label(halves):
    report = behaviour.run(Constant(0.1, 0.8, 0.1), halves["test"])
    for lang in behaviour.LANGS:
        cases = [c for c in halves["test"] if c.capability == "direction" and c.lang == lang]
        contradict = sum(c.label == "contradict" for c in cases)
        assert report.rate("direction", lang) == pytest.approx(contradict / len(cases))
        assert 0 < contradict < len(cases)


def test_swap_demands_equal_probabilities_and_the_rest_equal_labels(halves):
    report = behaviour.run(Longer(), halves["test"])
    swaps = [c for c in halves["test"] if c.capability == "swap" and c.lang == "en"]
    unequal = sum(len(c.a) != len(c.b) for c in swaps)
    assert report.rows["swap"]["en"].passed == len(swaps) - unequal
    assert report.rows["swap"]["en"].failures[0].expected.endswith("the same probabilities")


def test_contrast_asks_p_contradict_to_rise_from_the_restated_pair(halves):
    class Differs:
        """Contradict when the two sides differ at all."""

        def predict_proba(self, pairs):
            return np.array([[0.1, 0.8, 0.1] if a != b else [0.8, 0.1, 0.1] for a, b in pairs])

    report = behaviour.run(Differs(), halves["test"])
    assert report.rate("contrast", "en") == report.rate("contrast", "fr") == 1.0
    assert report.rate("contrast", "fr-en") == 0.0  # a and its English version differ too
    cases = [c for c in halves["test"] if c.capability == "contrast" and c.lang == "fr-en"]
    assert all(c.original[1] != c.a and c.original[1] != c.b for c in cases)


def test_columns_are_read_in_the_model_s_class_order(halves):
    class Reordered(Constant):
        classes_ = np.array(["neutral", "agree", "contradict"])

    report = behaviour.run(Reordered(0.0, 1.0, 0.0), halves["test"])  # agree, by its classes
    assert report.rate("identity", "fr") == 1.0
    assert report.to_dict()["identity"]["fr"] == {
        "n": report.rows["identity"]["fr"].n,
        "passed": report.rows["identity"]["fr"].n,
        "rate": 1.0,
    }


# --- the benchmark ------------------------------------------------------------------------


def _benchmark():
    """training/benchmark.py as a module, loaded as tests/test_benchmark.py loads it."""
    if "benchmark" not in sys.modules:
        sys.path.insert(0, str(ROOT / "training"))  # it imports train_default beside it
        path = ROOT / "training" / "benchmark.py"
        spec = importlib.util.spec_from_file_location("benchmark", path)
        assert spec is not None and spec.loader is not None
        sys.modules["benchmark"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules["benchmark"])
    return sys.modules["benchmark"]


def test_the_benchmark_prints_a_table_and_one_json_object(model_path):
    result = CliRunner().invoke(
        _benchmark().main, ["behaviour", "-m", str(model_path), "--json", "--show-failures"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["model"] == model_path.name and figures["split"] == "test"
    for capability in behaviour.CAPABILITIES:
        assert figures[capability]["en"]["n"] >= MINIMUM
        assert 0.0 <= figures[capability]["en"]["rate"] <= 1.0
    assert re.search(r"^negation +\d\.\d{3} +\d\.\d{3} +\d\.\d{3} +\d+$", result.stderr, re.M)
    assert "expected" in result.stderr and "predicted" in result.stderr  # the failures
