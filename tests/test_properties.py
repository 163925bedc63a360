"""Property-based tests: arbitrary Unicode never crashes and always gives probabilities, and a
verdict never depends on which statement comes first."""

from __future__ import annotations

import json

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stance.model import save_model

from .test_cli import run

# Everything Unicode has, surrogates aside (they cannot be encoded as UTF-8 at all): control
# characters, right-to-left text, emoji, combining marks, the empty string, long strings.
statements = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=300),
    st.sampled_from(["", " ", "\t\n", "\u200f\u05e9\u05dc\u05d5\u05dd", "🔥" * 50, "a\u0301" * 30]),
    # long statements, built by repetition so that generating them stays cheap
    st.builds(lambda s, k: s * k, st.text(min_size=1, max_size=20), st.integers(300, 1000)),
)
# News-like statements built from parts that set off every cue family: names in either order,
# figures, negation, opposite words and directions, quantifiers, days, months, years, clock times.
SUBJECTS = ["Le chômage", "Unemployment", "La police", "The union", "Lyon", "Germany", "Macron"]
VERBS = [
    "a augmenté", "rose", "fell", "a baissé", "beat", "met", "soutient", "s'oppose à", "denied",
    "n'a pas confirmé", "won", "lost", "a rencontré", "closed", "a rouvert",
]  # fmt: skip
OBJECTS = [
    "France", "Merkel", "la réforme", "the plan", "Nantes", "the deal", "tous les vols",
    "no flights", "la plupart des écoles", "few shops",
]  # fmt: skip
WHEN = [
    "", "lundi", "on Friday", "en juin", "in October", "en 2019", "in 2021", "à 14 h", "at 4 pm",
    "dans le nord", "in the south",
]  # fmt: skip
FIGURES = ["", "de 2 %", "by 40%", "quelques centaines de", "entre 4.000 et 6.000", "2-1", "twice"]
news = st.builds(
    lambda *parts: " ".join(p for p in parts if p) + ".",
    st.sampled_from(SUBJECTS),
    st.sampled_from(VERBS),
    st.sampled_from(FIGURES),
    st.sampled_from(OBJECTS),
    st.sampled_from(WHEN),
)
settings.register_profile(
    "stance",
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("stance")


@given(pairs=st.lists(st.tuples(statements, statements), min_size=1, max_size=5))
def test_featurizer_and_predict_proba_accept_any_text(small_model, pairs):
    X = small_model.named_steps["features"].transform(pairs)
    assert X.shape[0] == len(pairs)
    assert np.all(np.isfinite(X.data))
    proba = small_model.predict_proba(pairs)
    assert proba.shape == (len(pairs), 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)


@settings(max_examples=100)
@given(a=st.one_of(statements, news), b=st.one_of(statements, news))
def test_a_verdict_is_the_same_whichever_statement_comes_first(small_model, a, b):
    # Exactly equal, not close: every feature is symmetric, so the two rows are one row.
    forward = small_model.predict_proba([(a, b)])
    assert np.array_equal(forward, small_model.predict_proba([(b, a)]))


@given(pairs=st.lists(st.tuples(news, news), min_size=2, max_size=6))
def test_news_like_pairs_swapped_in_a_batch_score_as_they_do_in_order(small_model, pairs):
    swapped = [(b, a) for a, b in pairs]
    assert np.array_equal(small_model.predict_proba(pairs), small_model.predict_proba(swapped))


# Each example of the two tests below runs the whole command line (model file read, output
# written): fewer examples than the profile's keep them to seconds.
CLI_EXAMPLES = 25


@settings(max_examples=CLI_EXAMPLES)
@given(a=statements, b=statements)
def test_cli_score_never_shows_a_traceback(small_model, tmp_path_factory, a, b):
    model = tmp_path_factory.getbasetemp() / "prop.skops"
    if not model.exists():
        save_model(small_model, model, {})
    result = run("score", "-m", str(model), "--json", "--", a, b)
    assert "Traceback" not in result.output
    if a.strip() and b.strip():
        assert result.exit_code == 0, result.output
        assert sum(json.loads(result.stdout)["probabilities"].values()) == pytest_approx_one()
    else:
        assert result.exit_code == 2
        assert result.stderr.startswith("stance: error: ")


@settings(max_examples=CLI_EXAMPLES)
@given(rows=st.lists(st.tuples(statements, statements), min_size=1, max_size=4))
def test_cli_score_file_never_shows_a_traceback(small_model, tmp_path_factory, rows):
    model = tmp_path_factory.getbasetemp() / "prop.skops"
    if not model.exists():
        save_model(small_model, model, {})
    src = tmp_path_factory.mktemp("prop") / "in.jsonl"
    src.write_text("".join(json.dumps({"a": a, "b": b}) + "\n" for a, b in rows), encoding="utf-8")
    result = run("score", "-m", str(model), "-i", str(src))
    assert "Traceback" not in result.output
    if all(a.strip() and b.strip() for a, b in rows):
        assert result.exit_code == 0, result.output
        for line in result.stdout.splitlines():
            assert sum(json.loads(line)["probabilities"].values()) == pytest_approx_one()
    else:
        assert result.exit_code == 2


def pytest_approx_one():
    import pytest

    return pytest.approx(1.0, abs=1e-5)
