"""A behavioural test suite of contradiction phenomena, in the manner of CheckList.

Accuracy on a corpus says how often a model is right, not what it can do. This suite asks one
thing at a time, in French, in English and across the two: does the model see that "rose" and
"fell" clash, that "4 000" and "four thousand" are one figure, that "X beat Y" and "Y beat X"
cannot both hold, that adding "according to officials" changes nothing? Each capability is a
set of generated cases (minimum functionality tests with an expected label, invariance tests
comparing the model with itself) and :func:`run` reports a pass rate per capability and
language, with the failures.

The cases come from templates, fillers and the shared lexicons written as data beside this
package, in a ``train`` half and a ``test`` half with no template, subject or frame in common:
:func:`pairs` gives the train half as labelled pairs to train on, the test half stays unseen.

    from stance import behaviour, load_model
    report = behaviour.run(load_model(), behaviour.cases("test"))
    report.rate("negation", "fr-en")
"""

from .generate import CAPABILITIES, LANGS, SPLITS, Case, cases, pairs
from .runner import CONFIDENT, Failure, Report, Row, run

__all__ = [
    "CAPABILITIES",
    "CONFIDENT",
    "LANGS",
    "SPLITS",
    "Case",
    "Failure",
    "Report",
    "Row",
    "cases",
    "pairs",
    "run",
]
