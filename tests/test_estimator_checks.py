"""stance's featurizers pass scikit-learn's own estimator checks, but for those that cannot
apply to pairs of statements, each listed with the reason."""

from __future__ import annotations

from sklearn.utils.estimator_checks import parametrize_with_checks

from stance.cues import CueFeaturizer
from stance.features import PairFeaturizer

# The reasons are short: pytest prints one per expected failure.
NOT_PAIRS = "not pairs: a numeric matrix of another width than two, refused as such"
REASONS = {
    NOT_PAIRS: (
        "check_complex_data",
        "check_dict_unchanged",
        "check_dont_overwrite_parameters",
        "check_dtype_object",
        "check_estimators_dtypes",
        "check_estimators_empty_data_messages",
        "check_estimators_pickle",
        "check_f_contiguous_array_estimator",
        "check_fit2d_1feature",
        "check_fit2d_1sample",
        "check_fit2d_predict1d",
        "check_fit_score_takes_y",
        "check_methods_sample_order_invariance",
        "check_methods_subset_invariance",
        "check_n_features_in",
        "check_n_features_in_after_fitting",
        "check_pipeline_consistency",
        "check_positive_only_tag_during_fit",
        "check_transformer_general",
        "check_transformer_preserve_dtypes",
    ),
    "sparse input is refused, as anything that is not pairs, with the message about pairs": (
        "check_estimator_sparse_array",
        "check_estimator_sparse_matrix",
    ),
    "statements are text, where 'nan' and 'inf' are words": ("check_estimators_nan_inf",),
    "pairs are read from a sequence, an array or a table, not any object": (
        "check_transformer_data_not_an_array",
    ),
}
EXPECTED_FAILURES = {check: reason for reason, checks in REASONS.items() for check in checks}
"""Every check expected to fail, with why it does not apply; the same for both featurizers.
The others (parameters set in __init__ and stored unchanged, clone, repr, fit returning self,
NotFittedError before fit, tags, read-only input, ...) must pass."""


@parametrize_with_checks(
    [PairFeaturizer(min_df=1), CueFeaturizer()],
    expected_failed_checks=lambda estimator: EXPECTED_FAILURES,
)
def test_scikit_learn_estimator_checks(estimator, check):
    check(estimator)
