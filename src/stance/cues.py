"""Contradiction cues: small, readable features of a pair that n-grams cannot see.

TF-IDF sees that two statements share words; it does not see that "quelques centaines" and
"entre 4.000 et 6.000" cannot both count the same fighters, that only one side is negated, or
that one says "hausse" where the other says "baisse". Each family here is a stateless
scikit-learn transformer from pairs to a few dense columns, so it slots into the Pipeline's
``FeatureUnion`` beside the TF-IDF featurizer, can be switched off for an ablation
(``set_params(features__negation="drop")``), and explains itself in words (:meth:`explain`).

The lexicons are deliberately small and bilingual (French, English); they are matched on
accent-folded, lower-cased word prefixes so that inflections ("augmenté", "augmentation") match.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

from . import bilingual, quantities
from .features import Pairs, count_matrix, distinct_texts, number_tokens, split_pairs
from .text import folded, guess_lang

_WORD = re.compile(r"\w+(?:['’]\w+)?", re.UNICODE)

# French restrictive "ne ... plus que" / "ne ... pas que" / "ne ... guère que" means "only", not
# "not": "l'EI ne compte plus que quelques centaines de combattants" asserts a number. The
# second half of the negation is dropped before words are read (folded text).
_RESTRICTIVE = re.compile(r"\b(?:plus|pas|guere|jamais) (?=qu)")


def _tokens(folded: str) -> list[str]:
    """The words of a folded statement, restrictive "ne ... que" read as no negation."""
    return _WORD.findall(_RESTRICTIVE.sub("", folded))


# Per-statement caches are kept small: statements recur within a batch or a scan, and a
# stream of millions of distinct statements must not grow memory (about 10 MB at this size).
STATEMENT_CACHE = 4096

# How many leading letters of a content word stand for it when deciding whether two statements
# are about the same thing: enough to keep "salari" apart from "salon", few enough that
# inflections and many French / English cognates meet ("evacu", "automa", "mater").
STEM = 5


# French elisions before an apostrophe ("l'usine", "d'emplois", "qu'il"): the word is what
# follows. In English what precedes is the word ("plant's", "don't").
_ELIDED = frozenset("l d n s j c m t qu jusqu lorsqu puisqu quoiqu".split())
_APOSTROPHE = re.compile("['’]")


# Inflections stripped before a word is cut to its stem, so that short words meet their
# inflected forms ("give" / "given", "rise" / "rises", "céder" / "cédé", "docker" / "dockers"):
# a final "s", then one of these, as long as three letters are left.
_ENDINGS = ("ing", "ed", "en", "er", "es", "e")


def _stem(word: str) -> str | None:
    """What stands for a folded word when deciding whether two statements are about the same
    thing: a number whole, else the first ``STEM`` letters of the word without its elision and
    inflection; None for a function word."""
    head, *tail = _APOSTROPHE.split(word, maxsplit=1)
    if tail:
        word = tail[0] if head in _ELIDED else head
    if word.isdigit():
        return word
    if not _is_content(word):
        return None
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    return word[:STEM]


_fold = lru_cache(maxsize=STATEMENT_CACHE)(folded)
_read = lru_cache(maxsize=STATEMENT_CACHE)(quantities.read)


@lru_cache(maxsize=STATEMENT_CACHE)
def _words(text: str) -> list[str]:
    """The folded words of a statement; cached, since statements recur across pairs (callers
    must not modify the list)."""
    return _tokens(_fold(text))


class _Batch:
    """The distinct statements of a batch of pairs, read once for every family.

    Words are numbered (see :func:`~stance.features.number_tokens`), so that a family scores a
    word against its lexicon once per distinct word and counts per statement with arrays.
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self._related_key: tuple[bytes, bytes] | None = None
        self._related = np.zeros(0)

    @cached_property
    def words(self) -> tuple[list[str], np.ndarray, np.ndarray]:
        """The distinct folded words, and each occurrence's word number and statement."""
        return number_tokens(_tokens(folded(text)) for text in self.texts)

    def count(self, score: Callable[[str], float]) -> np.ndarray:
        """Per statement, the sum of ``score`` over its words (one call per distinct word)."""
        vocabulary, ids, owner = self.words
        per_word = np.fromiter(map(score, vocabulary), dtype=np.float64, count=len(vocabulary))
        return np.bincount(owner, weights=per_word[ids], minlength=len(self.texts))

    def has(self, keep: Callable[[str], bool]) -> sp.csr_matrix:
        """Which words each statement has, among those ``keep`` accepts (a 0/1 matrix)."""
        vocabulary, ids, owner = self.words
        kept = np.fromiter(map(keep, vocabulary), dtype=bool, count=len(vocabulary))[ids]
        return _binary(owner[kept], ids[kept], (len(self.texts), len(vocabulary)))

    @cached_property
    def stems(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """Which stems each statement has, and which it reaches: two 0/1 matrices with one
        column per stem.

        A statement's stems are the first ``STEM`` letters of its content words, and its numbers
        whole: what two statements must share to be about the same thing. They often survive
        translation ("évacués" / "evacuated", "tarif" / "tariff", "4 000" / "4,000",
        "Halvorsen" in both). The stems a statement reaches add the translations of its own into
        the other language (:mod:`stance.bilingual`: "commandes" reaches "order").
        """
        vocabulary, ids, owner = self.words
        stem_of = list(map(_stem, vocabulary))
        is_stem = np.array([stem is not None for stem in stem_of], dtype=bool)
        has = _binary(owner[is_stem[ids]], ids[is_stem[ids]], (len(self.texts), len(vocabulary)))
        columns: dict[str, int] = {}
        words = np.flatnonzero(is_stem)
        own = np.array([_column(columns, stem_of[w]) for w in words], dtype=np.int64)
        translated = {}  # per language: (word, column of a translation's stem) links
        for lang, to in bilingual.stem_translations(_stem).items():
            pairs = [(w, other) for w in words for other in to.get(stem_of[w], ())]
            translated[lang] = (
                np.array([w for w, _ in pairs], dtype=np.int64),
                np.array([_column(columns, other) for _, other in pairs], dtype=np.int64),
            )
        shape = (len(vocabulary), len(columns))  # every column is known only now
        stems = _binary_product(has, _binary(words, own, shape))
        langs = np.array([guess_lang(text) for text in self.texts])
        reached = stems
        for lang, link in translated.items():
            of_lang = sp.diags((langs == lang).astype(np.float32)) @ has
            reached = reached + _binary_product(of_lang, _binary(*link, shape))
        reached.data[:] = 1.0
        return stems, reached

    def related(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Per pair, the share of the shorter statement's stems that the other reaches (0 to 1).

        A clash only counts between statements about the same thing: "aucun incident n'a été
        signalé" does not contradict "la direction refuse de nous recevoir", though only one is
        negated. NLI pairs, most of the training data, are always about the same scene, so the
        model cannot learn that from them; cue columns multiplied by this share can. Cached for
        the batch, since every family asks for it.
        """
        key = (a.tobytes(), b.tobytes())
        if self._related_key != key:
            stems, reached = self.stems
            sizes = _sizes(stems)
            self._related = shorter_share(
                _shared_between(stems, a, reached, b),
                _shared_between(reached, a, stems, b),
                sizes[a],
                sizes[b],
            )
            self._related_key = key
        return self._related

    @cached_property
    def quantities(self) -> list[tuple[list[quantities.Quantity], list[quantities.Change]]]:
        """What :func:`stance.quantities.read` finds in each statement (quantities, changes)."""
        return [_read(text) for text in self.texts]

    @cached_property
    def counts(self) -> np.ndarray:
        """Whether each statement gives a quantity (in digits or in words)."""
        return np.fromiter((bool(q) for q, _ in self.quantities), dtype=bool, count=len(self.texts))

    @cached_property
    def names(self) -> sp.csr_matrix:
        """Which proper names (see :func:`proper_names`) each statement has (a 0/1 matrix)."""
        names, ids, owner = number_tokens(list(proper_names(text)) for text in self.texts)
        return _binary(owner, ids, (len(self.texts), len(names)))


def stems_and_reach(texts: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Which stems each text has and which it reaches through the bilingual lexicon (see
    :attr:`_Batch.stems`), for other measures of whether statements share a subject."""
    return _Batch(texts).stems


def shorter_share(
    a_in_b: np.ndarray, b_in_a: np.ndarray, size_a: np.ndarray, size_b: np.ndarray
) -> np.ndarray:
    """The share of the shorter statement's stems that the other reaches, given how many of
    a's stems b reaches (``a_in_b``), how many of b's a reaches, and how many each has; of
    either, the larger, when they have as many."""
    a_share, b_share = _ratio(a_in_b, size_a, 0.0), _ratio(b_in_a, size_b, 0.0)
    shorter = np.where(size_b < size_a, b_share, a_share)
    return np.where(size_a == size_b, np.maximum(a_share, b_share), shorter)


class _LastBatch:
    """The reading of the last batch, shared by the families that transform it in turn.

    A ``FeatureUnion`` hands the same pairs to each family, and each would otherwise fold and
    split every statement again. A family that comes back to the same batch starts a new reading
    (it is another call), so that a reading serves one transform of the union, and repeated calls
    on the same pairs cost what distinct ones do. Only one batch is kept: memory stays flat when
    streaming.
    """

    def __init__(self) -> None:
        self._batch: _Batch | None = None
        self._users: set[type] = set()

    def __call__(self, texts: list[str], family: type) -> _Batch:
        batch = self._batch
        if batch is None or family in self._users or batch.texts != texts:
            batch, self._users = _Batch(texts), set()
            self._batch = batch
        self._users.add(family)
        return batch


_batch = _LastBatch()


def _binary(rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    """A 0/1 matrix with a one at each (row, column), however often it occurs."""
    matrix = count_matrix(rows, cols, shape)
    matrix.data[:] = 1.0
    return matrix


def _shared(matrix: sp.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per pair, how many columns rows ``a`` and ``b`` of a 0/1 matrix both have."""
    return _shared_between(matrix, a, matrix, b)


def _shared_between(
    left: sp.csr_matrix, a: np.ndarray, right: sp.csr_matrix, b: np.ndarray
) -> np.ndarray:
    """Per pair, how many columns row ``a`` of ``left`` and row ``b`` of ``right`` (0/1
    matrices of one width) both have."""
    return np.asarray(left[a].multiply(right[b]).sum(axis=1), dtype=np.float64).ravel()


def _column(columns: dict[str, int], key: str) -> int:
    """The column of ``key``, a new one the first time it is seen."""
    return columns.setdefault(key, len(columns))


def _binary_product(left: sp.csr_matrix, right: sp.csr_matrix) -> sp.csr_matrix:
    """``left @ right`` with every non-zero set to one."""
    product = sp.csr_matrix(left @ right)
    product.data[:] = 1.0
    return product


def _sizes(matrix: sp.csr_matrix) -> np.ndarray:
    """Per row of a 0/1 matrix, how many ones it has."""
    return np.diff(matrix.indptr).astype(np.float64)


class _Cues(TransformerMixin, BaseEstimator):
    """Shared plumbing: stateless, one row of ``len(names)`` floats per pair."""

    prefix = ""
    names: tuple[str, ...] = ()

    def fit(self, X: Pairs, y: Any = None) -> _Cues:
        """Nothing to learn; records the output width, as fitted transformers do."""
        self.n_features_out_ = len(self.names)
        return self

    def transform(self, X: Pairs) -> np.ndarray:
        a, b = split_pairs(X)
        texts, rows = distinct_texts(a + b)
        columns = self._columns(_batch(texts, type(self)), rows[: len(a)], rows[len(a) :])
        return np.column_stack(columns).astype(np.float32).reshape(len(a), len(self.names))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.asarray([f"{self.prefix}:{n}" for n in self.names], dtype=object)

    def _columns(self, batch: _Batch, a: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
        """The columns of ``names`` for the pairs (statement ``a[i]``, statement ``b[i]``) of
        ``batch``, in float64 (cast to float32 once, as a row of Python floats would be)."""
        raise NotImplementedError

    def explain(self, a: str, b: str) -> list[str]:
        """What this family sees in the pair, in words (empty when nothing)."""
        raise NotImplementedError

    def __sklearn_tags__(self):  # stateless: usable without fit, as FunctionTransformer is
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        return tags


# --- negation and denial ----------------------------------------------------------------------

# French "ne ... pas" is caught by its second half; "n'" alone is too ambiguous ("n'a que").
NEGATION = frozenset(
    "pas jamais rien aucun aucune guere nul nulle sans non "
    "not no never none nobody nothing neither nor without cannot n't".split()
)
# Second halves that are more often something else: "plus de 40 %" (more than), "une personne"
# (a person). They negate only as many times as the statement has a "ne" / "n'" ("il n'y a
# plus de travail", "personne n'est venu").
AMBIGUOUS_NEGATION = frozenset(("plus", "personne"))
DENIAL_PREFIXES = (
    "dement",
    "dementi",
    "nie",
    "nier",
    "niant",
    "rejet",
    "rejett",
    "refut",
    "contest",
    "faux",
    "fausse",
    "infond",
    "deny",
    "denie",
    "denial",
    "reject",
    "refut",
    "disput",
    "false",
    "untrue",
    "baseless",
    "unfounded",
    "dismiss",
)


class _Lexicon:
    """A word list matched by prefix for entries of four letters or more and exactly for shorter
    ones, so that "up" does not match "update" nor "nie" "niece"; a word is tested in two C-level
    calls, since every distinct word of a batch is."""

    __slots__ = ("exact", "prefixes")

    def __init__(self, entries: Iterable[str]) -> None:
        entries = tuple(entries)
        self.exact = frozenset(e for e in entries if len(e) < 4)
        self.prefixes = tuple(e for e in entries if len(e) >= 4)

    def __call__(self, word: str) -> bool:
        return word in self.exact or word.startswith(self.prefixes)


_is_denial = _Lexicon(DENIAL_PREFIXES)


def _negation(word: str) -> int:
    """How many negations a word makes: "pas" one, "n't" one, "didn't" one (two for "n't" alone,
    which is both a negation word and ends with one)."""
    return (word in NEGATION) + word.endswith("n't")


def _is_ambiguous_negation(word: str) -> bool:
    return word in AMBIGUOUS_NEGATION


def _is_ne(word: str) -> bool:
    """French "ne", or a word it is elided into ("n'a", "n’est")."""
    return word == "ne" or word.startswith(("n'", "n\u2019"))


def _negation_total(counts: Callable[[Callable[[str], Any]], Any]) -> Any:
    """How many negations a statement makes, from ``counts(score)``, the sum of ``score`` over
    its words: a plain one counts each time, an ambiguous one only as often as a "ne" comes
    with it. ``counts`` sums one statement's words (an int) or a batch's (an array of them)."""
    return counts(_negation) + np.minimum(counts(_is_ambiguous_negation), counts(_is_ne))


def _negations(words: list[str]) -> int:
    return int(_negation_total(lambda score: sum(map(score, words))))


def _denials(words: list[str]) -> int:
    return sum(_is_denial(w) for w in words)


class NegationCues(_Cues):
    """Negation and denial on one side only: "a été signé" against "n'a pas été signé"."""

    prefix = "negation"
    names = (
        "neg_a",
        "neg_b",
        "neg_only_one",
        "denial_a",
        "denial_b",
        "denial_only_one",
        "neg_only_one_related",
        "denial_only_one_related",
        "polarity_differs_related",
        "same_polarity_related",
    )

    def _columns(self, batch: _Batch, a: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
        negations, denials = _negation_total(batch.count), batch.count(_is_denial)
        na, nb, da, db = negations[a], negations[b], denials[a], denials[b]
        neg_only_one, denial_only_one = (na > 0) != (nb > 0), (da > 0) != (db > 0)
        polarity_differs = ((na > 0) | (da > 0)) != ((nb > 0) | (db > 0))
        related = batch.related(a, b)
        return [
            np.minimum(na, 3),
            np.minimum(nb, 3),
            neg_only_one,
            np.minimum(da, 3),
            np.minimum(db, 3),
            denial_only_one,
            neg_only_one * related,
            denial_only_one * related,
            # A statement is negative when it negates or denies. What two statements on one
            # subject share points to agreement when both are positive or both negative ("denied
            # it" / "rejected it"), and to a contradiction when one is negative: with these two
            # columns, a linear model can weigh the two apart.
            polarity_differs * related,
            ~polarity_differs * related,
        ]

    def explain(self, a: str, b: str) -> list[str]:
        wa, wb = _words(a), _words(b)
        notes = []
        if (_negations(wa) > 0) != (_negations(wb) > 0):
            notes.append(f"negation only in {'A' if _negations(wa) else 'B'}")
        if (_denials(wa) > 0) != (_denials(wb) > 0):
            notes.append(f"denial only in {'A' if _denials(wa) else 'B'}")
        return notes


# --- opposites --------------------------------------------------------------------------------

# Each entry: (one direction, the other), as accent-folded word prefixes, French and English.
OPPOSITES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        (
            "hausse",
            "augment",
            "progress",
            "monte",
            "grimp",
            "accru",
            "croiss",
            "rise",
            "rose",
            "risen",
            "increas",
            "grow",
            "grew",
            "climb",
            "jump",
            "surg",
            "up",
        ),
        (
            "baisse",
            "diminu",
            "recul",
            "chute",
            "declin",
            "reduit",
            "reduct",
            "fall",
            "fell",
            "drop",
            "decreas",
            "shrank",
            "shrink",
            "plung",
            "down",
            "cut",
        ),
    ),
    (
        ("victoire", "gagn", "remport", "vainq", "win", "wins", "winning", "won", "victor"),
        ("defaite", "perd", "battu", "vaincu", "lose", "lost", "defeat", "beaten"),
    ),
    (
        ("ouvert", "ouvr", "rouvert", "reouvert", "open", "reopen"),
        ("ferme", "clos", "clotur", "close", "shut"),
    ),
    (
        ("accept", "approuv", "adopt", "valid", "approv", "agree"),
        ("refus", "rejet", "censur", "declin", "veto"),
    ),
    (
        ("autoris", "permi", "allow", "legalis", "permit"),
        ("interdi", "prohib", "ban", "forbid", "forbade"),
    ),
    (("confirm", "reconn", "admit", "acknowledg"), ("dement", "nie", "deni", "deny")),
    (("coupable", "condamn", "guilty", "convict"), ("innocent", "acquitt", "relax", "cleared")),
    (("vivant", "survecu", "alive", "surviv"), ("mort", "decede", "dead", "died", "killed")),
    (
        ("reprise", "repris", "redemarr", "resum", "restart"),
        ("suspendu", "arret", "interromp", "halt", "suspend", "stopp", "paralys"),
    ),
    (("benefice", "excedent", "profit", "surplus"), ("perte", "deficit", "loss")),
    (("majorit", "majority"), ("minorit", "minority")),
    (("succes", "reussi", "success"), ("echec", "echou", "fail")),
)


def _side_index() -> tuple[dict[str, set[tuple[int, int]]], dict[str, set[tuple[int, int]]]]:
    """The entries of ``OPPOSITES`` by the (group, side) they stand for: short ones (matched
    exactly) and long ones (matched as prefixes, see :class:`_Lexicon`)."""
    exact: dict[str, set[tuple[int, int]]] = {}
    prefixes: dict[str, set[tuple[int, int]]] = {}
    for g, group in enumerate(OPPOSITES):
        for side, entries in enumerate(group):
            for entry in entries:
                (exact if len(entry) < 4 else prefixes).setdefault(entry, set()).add((g, side))
    return exact, prefixes


_SIDE_EXACT, _SIDE_PREFIXES = _side_index()
_SIDE_LONGEST = max(map(len, _SIDE_PREFIXES))


@lru_cache(maxsize=65536)
def _word_sides(word: str) -> tuple[tuple[int, int], ...]:
    """The (group, side) entries of ``OPPOSITES`` that a word matches, in order; words repeat,
    so cached. A word's prefixes are looked up (a handful of dict lookups), rather than each
    entry tried on the word."""
    found = set(_SIDE_EXACT.get(word, ()))
    for size in range(4, min(len(word), _SIDE_LONGEST) + 1):
        found.update(_SIDE_PREFIXES.get(word[:size], ()))
    return tuple(sorted(found))


def _sides(words: list[str]) -> list[tuple[bool, bool]]:
    """For each opposite group: (side one present, side two present)."""
    found = {hit for w in set(words) for hit in _word_sides(w)}
    return [((g, 0) in found, (g, 1) in found) for g in range(len(OPPOSITES))]


def _opposed(wa: list[str], wb: list[str]) -> list[int]:
    """Indices of groups where A holds one direction and B only the other (or vice versa)."""
    return [
        g
        for g, ((a1, a2), (b1, b2)) in enumerate(zip(_sides(wa), _sides(wb)))
        if (a1 and not a2 and b2 and not b1) or (a2 and not a1 and b1 and not b2)
    ]


class OppositeCues(_Cues):
    """Opposite directions across the pair, from a small bilingual lexicon (``OPPOSITES``)."""

    prefix = "opposites"
    names = ("opposed_groups", "any_opposed", "same_direction", "opposed_related")

    def _columns(self, batch: _Batch, a: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
        vocabulary = batch.words[0]
        sides = np.zeros((len(vocabulary), 2 * len(OPPOSITES)), dtype=np.float32)
        for w, word in enumerate(vocabulary):
            for group, side in _word_sides(word):
                sides[w, 2 * group + side] = 1.0
        present = (batch.has(_word_sides) @ sides) > 0  # per statement, as _sides
        one, two = present[:, 0::2], present[:, 1::2]
        a1, a2, b1, b2 = one[a], two[a], one[b], two[b]
        opposed = ((a1 & ~a2 & b2 & ~b1) | (a2 & ~a1 & b1 & ~b2)).sum(axis=1)
        same = ((a1 & b1 & ~(a2 | b2)) | (a2 & b2 & ~(a1 | b1))).sum(axis=1)
        related = batch.related(a, b)
        return [np.minimum(opposed, 3), opposed > 0, np.minimum(same, 3), (opposed > 0) * related]

    def explain(self, a: str, b: str) -> list[str]:
        groups = _opposed(_words(a), _words(b))
        return [f"opposite directions: {OPPOSITES[g][0][0]} / {OPPOSITES[g][1][0]}" for g in groups]


# --- alignment --------------------------------------------------------------------------------

STOPWORDS = frozenset(
    "le la les l un une des du de d au aux a et ou en dans sur pour par avec que qui quoi "
    "ce cet cette ces se sa son ses leur leurs il elle ils elles on nous vous je est sont "
    "ete etait etre avoir ont avait selon y ne pas plus "
    "the a an of to in on for by with and or is are was were be been has have had it its "
    "that this these those at from as he she they we i said says according".split()
)


def _is_content(word: str) -> bool:
    return word not in STOPWORDS and not word.isdigit() and len(word) > 1


def _content(words: Iterable[str]) -> set[str]:
    return {w for w in words if _is_content(w)}


# A capitalised word, not at the start of the text nor of a sentence. The capital is read first
# and what must precede it is checked behind it, so that the search skips lower-case letters in
# C: the same matches as "(?<![.!?«\"]\s)(?<!^)\b[A-ZÀ-Ý][\w-]+".
_NAME = re.compile(r"[A-ZÀ-Ý](?<=(?<![.!?«\"]\s)(?<!^)\b.)[\w-]+")


def proper_names(text: str) -> set[str]:
    """Names: capitalised words not at a sentence start, accent-folded."""
    return {_fold(m.group()) for m in _NAME.finditer(text)}


class AlignmentCues(_Cues):
    """How much of each side the other covers: new words, new names and new numbers in B."""

    prefix = "alignment"
    names = (
        "jaccard",
        "related",
        "b_covered",
        "a_covered",
        "b_new_words",
        "names_jaccard",
        "b_new_names",
        "numbers_only_one_side",
        "digits_differ",
    )

    def _columns(self, batch: _Batch, a: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
        content, digits = batch.has(_is_content), batch.has(str.isdigit)
        words, sizes = _shared(content, a, b), _sizes(content)
        ca, cb = sizes[a], sizes[b]
        union = ca + cb - words
        names, name_sizes = _shared(batch.names, a, b), _sizes(batch.names)
        na, nb = name_sizes[a], name_sizes[b]
        name_union = na + nb - names
        same_digits, digit_sizes = _shared(digits, a, b), _sizes(digits)
        da, db = digit_sizes[a], digit_sizes[b]
        # A number is digits or a quantity in words ("quelques centaines", "a dozen").
        numbered = (digit_sizes > 0) | batch.counts
        return [
            _ratio(words, union, 0.0),
            batch.related(a, b),
            _ratio(words, cb, 1.0),
            _ratio(words, ca, 1.0),
            _log1p(cb - words),
            _ratio(names, name_union, 1.0),
            _log1p(nb - names),
            numbered[a] != numbered[b],
            (da > 0) & (db > 0) & ~((same_digits == da) & (same_digits == db)),
        ]

    def explain(self, a: str, b: str) -> list[str]:
        wa, wb = _words(a), _words(b)
        new = sorted(_content(wb) - _content(wa))
        return [f"B adds {', '.join(new[:6])}{'…' if len(new) > 6 else ''}"] if new else []


def _ratio(part: np.ndarray, whole: np.ndarray, empty: float) -> np.ndarray:
    """``part / whole`` (both whole numbers, so the quotient is Python's), ``empty`` where
    ``whole`` is 0; ``whole`` may be broadcast against ``part`` (a block of pairs)."""
    shape = np.broadcast(part, whole).shape
    return np.divide(part, whole, out=np.full(shape, empty), where=whole > 0)


def _log1p(counts: np.ndarray) -> np.ndarray:
    """``math.log1p`` of whole numbers, to the bit (NumPy's log1p may differ in the last one)."""
    table = np.array([math.log1p(k) for k in range(int(counts.max(initial=0)) + 1)])
    return table[counts.astype(np.int64)]


# --- quantities -------------------------------------------------------------------------------


def _matched(qa: list[quantities.Quantity], qb: list[quantities.Quantity]):
    """Quantity pairs that plausibly count the same thing: comparable ones, else same unit."""
    pairs = [(x, y) for x in qa for y in qb if quantities.comparable(x, y)]
    if pairs:
        return pairs
    return [
        (x, y) for x in qa for y in qb if x.unit == y.unit and (x.noun is None or y.noun is None)
    ]


def _one_thing(x: quantities.Quantity, y: quantities.Quantity) -> bool:
    """Whether both quantities name what they count and it is one thing: the same noun, or one
    concept in two words ("combattants" / "jihadistes"), not a broader and a narrower one
    ("personnes" / "pompiers": 4 dead and 120 firefighters are both counts of people)."""
    return (
        x.noun is not None
        and y.noun is not None
        and bool(quantities.kinds(x) & quantities.kinds(y))
    )


def _fmt(q: quantities.Quantity) -> str:
    def num(v: float) -> str:
        return f"{v:,.0f}" if v >= 10 else f"{v:g}"

    if math.isinf(q.high):
        return f"≥{num(q.low)}"
    return num(q.low) if q.low == q.high else f"{num(q.low)}–{num(q.high)}"


class QuantityCues(_Cues):
    """Do both sides count the same thing, and do their intervals and changes agree?

    Built on :mod:`stance.quantities`: intervals for exact figures, ranges, vague quantities
    ("quelques centaines" = 200–900) and comparatives, plus changes ("a doublé", "halved").
    """

    prefix = "quantities"
    names = (
        "a_has",
        "b_has",
        "matched",
        "matched_overlap",
        "matched_disjoint",
        "gap",
        "change_a",
        "change_b",
        "changes_opposed",
        "disjoint_related",
        "changes_opposed_related",
        "named_disjoint",
    )

    def _columns(self, batch: _Batch, a: np.ndarray, b: np.ndarray) -> list[np.ndarray]:
        found = [qs for qs, _ in batch.quantities]  # changes only as a sign
        net = np.array([_net(changes) for _, changes in batch.quantities], dtype=np.float64)
        has = batch.counts
        direction = np.sign(net)
        matched, overlapping = np.zeros(len(a), dtype=bool), np.zeros(len(a), dtype=bool)
        named_disjoint = np.zeros(len(a), dtype=bool)
        gap = np.zeros(len(a))
        statements = list(zip(a.tolist(), b.tolist()))
        for i in np.flatnonzero(has[a] & has[b]).tolist():  # no match unless both have one
            first, second = statements[i]
            pairs = _matched(found[first], found[second])
            if pairs:
                matched[i] = True
                overlapping[i] = any(quantities.overlap(x, y) for x, y in pairs)
                named = [(x, y) for x, y in pairs if _one_thing(x, y)]
                named_disjoint[i] = bool(named) and not any(
                    quantities.overlap(x, y) for x, y in named
                )
                gap[i] = min(quantities.gap(x, y) for x, y in pairs)
        da, db = direction[a], direction[b]
        related = batch.related(a, b)
        return [
            has[a],
            has[b],
            matched,
            overlapping,
            matched & ~overlapping,
            np.minimum(gap, 3.0),
            # "doubled" on one side against "reduced to" on the other clashes even when only one
            # side gives a figure.
            da,
            db,
            da * db < 0,
            (matched & ~overlapping) * related,
            (da * db < 0) * related,
            # Both name what they count, and it is one thing ("combattants" / "jihadistes"):
            # that says the two statements are about the same thing, whatever words they share.
            named_disjoint,
        ]

    def explain(self, a: str, b: str) -> list[str]:
        (qa, ca), (qb, cb) = _read(a), _read(b)
        notes = []
        for x, y in _matched(qa, qb)[:2]:
            verdict = "overlap" if quantities.overlap(x, y) else "do not overlap"
            notes.append(f"quantities {_fmt(x)} vs {_fmt(y)} {verdict}")
        da, db = _direction(ca), _direction(cb)
        if da * db < 0:
            notes.append(f"changes point opposite ways: {ca[0].text!r} vs {cb[0].text!r}")
        return notes


def _net(changes: list[quantities.Change]) -> int:
    """Increases less decreases: its sign is the statement's direction."""
    return sum(c.direction for c in changes)


def _direction(changes: list[quantities.Change]) -> float:
    """+1 if the statement reports an increase, -1 a decrease, 0 neither or both."""
    return float(np.sign(_net(changes)))


CUE_FAMILIES: dict[str, type[_Cues]] = {
    "quantities": QuantityCues,
    "negation": NegationCues,
    "opposites": OppositeCues,
    "alignment": AlignmentCues,
}
"""The cue families, by the step name they take in the Pipeline's FeatureUnion."""
