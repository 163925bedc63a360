"""Quantities and changes in French and English news statements.

News contradictions very often turn on numbers: one source says a group is "down to a few hundred
fighters", another counts "between 4,000 and 6,000, a number that has doubled in a year". This
module finds the quantities and the changes a statement states, so that a feature transformer can
compare two statements: do they count the same thing (:func:`comparable`), do their intervals
meet (:func:`overlap`), how far apart are they (:func:`gap`), do their changes point in opposite
directions (:attr:`Change.direction`).

Every quantity is an interval ``[low, high]``, whatever its wording: an exact number is
``[x, x]``, "between 4,000 and 6,000" is ``[4000, 6000]``, "a few hundred" is ``[200, 900]`` (see
``VAGUE``), "more than 5,000" is ``[5000, inf)``. Offsets always refer to the caller's text, so
``text[q.start:q.end] == q.text``; the span covers the number with its range opener, comparative,
scale word and unit, not the counted noun (given apart, in :attr:`Quantity.noun`). A share of a
group is a percentage: "fewer than one in five care staff" is ``[0, 20]`` %, "un soignant sur
cinq" and "la moitié des postes" 20 and 50 %.

What is deliberately *not* a quantity, because it says when or which rather than how many:

- years: a bare four-digit number from 1900 to 2100 with no unit, noun or comparative ("en 2015,
  ...", "2014-2016"), or any such number after "en", "in", "since", "depuis" and the like (so "in
  2000 cases" is lost: a rare price for a frequent error);
- clock times ("14h30", "14 h", "10:30", "9 a.m.") and days of the month next to a month name
  ("le 3 juin", "June 3", "3 March"), numeric dates ("03/06/2015", "2015-06-03") and fractions;
- ordinals ("premier", "first", "3e", "21st", "1er"): ordinal words are not in the lexicon, and a
  digit glued to letters is never read;
- numbers inside identifiers ("COVID-19", "A320", "F-16", "G7", "n° 5", "3.11.7");
- a lone "un", "une", "one": in news they are articles or pronouns far more often than counts
  ("un nombre qui a doublé en un an");
- periods: a span of time after "en", "in", "over the past", "within", "d'ici" and the like
  ("a doublé en deux ans", "in 24 hours", "d'ici trois ans"), which frames a claim rather than
  states an amount: "orders doubled over the past two years" and "les commandes ont chuté de
  moitié en deux ans" do not agree on a figure. A span that is the claim stays ("les patients
  attendent neuf heures", "burned for nine hours").

Changes are verbs and nouns of increase or decrease ("a doublé", "en baisse", "halved", "rose
by 20%") with the factor they state, or a before-and-after ("est passé de 10 % à 9 %"), whose
direction and factor come from its two values; a negated change ("n'a pas doublé") is none.

Digit groups are read by their pattern first and by the language only when it is ambiguous: "4 000"
(plain, no-break or narrow no-break space), "4.000.000" and "4,000,000" are thousands in both
languages, "4,5" and "4.5" are decimals in both, while a single "." or "," followed by exactly
three digits is a thousands separator in the language that uses it so ("4.000" in French,
"4,000" in English) and a decimal point otherwise.
"""

from .change import Change, changes, read
from .concepts import kinds
from .lexicon import VAGUE
from .parse import Quantity, comparable, gap, overlap, quantities

__all__ = [
    "VAGUE",
    "Change",
    "Quantity",
    "changes",
    "comparable",
    "gap",
    "kinds",
    "overlap",
    "quantities",
    "read",
]
