"""Property-based tests: arbitrary Unicode never crashes and always gives probabilities."""

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
