"""A batch of statements read once: words, stems, lexicon hits and quantities, with the
sparse-matrix helpers that compare the two sides of many pairs at a time."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
import scipy.sparse as sp

from .. import bilingual, quantities
from ..features import count_matrix, number_tokens
from ..text import folded, guess_lang

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


def _ratio(part: np.ndarray, whole: np.ndarray, empty: float) -> np.ndarray:
    """``part / whole`` (both whole numbers, so the quotient is Python's), ``empty`` where
    ``whole`` is 0; ``whole`` may be broadcast against ``part`` (a block of pairs)."""
    shape = np.broadcast(part, whole).shape
    return np.divide(part, whole, out=np.full(shape, empty), where=whole > 0)


def _log1p(counts: np.ndarray) -> np.ndarray:
    """``math.log1p`` of whole numbers, to the bit (NumPy's log1p may differ in the last one)."""
    table = np.array([math.log1p(k) for k in range(int(counts.max(initial=0)) + 1)])
    return table[counts.astype(np.int64)]


def _unelided(word: str) -> str | None:
    """The word an elision stands before ("l'usine" -> "usine"), None for other words."""
    head, sep, tail = word.partition("'")
    return tail if sep and head in _ELIDED and tail else None


class _Batch:
    """The distinct statements of a batch of pairs, read once for every family.

    Words are numbered (see :func:`~stance.features.number_tokens`), so that a family scores a
    word against its lexicon once per distinct word and counts per statement with arrays.
    """

    def __init__(self, texts: list[str], wide: bool = True) -> None:
        self.texts = texts
        # Whether a statement's stems reach their synonyms and the cue lexicons' translations
        # too, or the French-English lexicon's only (what candidate pairing was tuned on).
        self.wide = wide
        self._related_key: tuple[bytes, bytes] | None = None
        self._related = np.zeros(0)

    @cached_property
    def words(self) -> tuple[list[str], np.ndarray, np.ndarray]:
        """The distinct folded words, and each occurrence's word number and statement."""
        return number_tokens(_tokens(_fold(text)) for text in self.texts)

    @cached_property
    def starts(self) -> np.ndarray:
        """Where each statement's words start among the occurrences (and where the last ends)."""
        _, _, owner = self.words
        sizes = np.bincount(owner, minlength=len(self.texts))
        return np.concatenate(([0], np.cumsum(sizes)))

    def tokens(self, statement: int) -> list[str]:
        """The folded words of one statement, in order."""
        vocabulary, ids, _ = self.words
        start, end = self.starts[statement], self.starts[statement + 1]
        return [vocabulary[i] for i in ids[start:end].tolist()]

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
    def occurrences(self) -> sp.csr_matrix:
        """How often each statement has each word (statements x words)."""
        vocabulary, ids, owner = self.words
        return count_matrix(owner, ids, (len(self.texts), len(vocabulary)))

    @cached_property
    def index(self) -> tuple[dict[str, int], dict[str, list[int]]]:
        """The number of each distinct word, and the numbers of the elided words by what
        follows their apostrophe ("usine": "l'usine", "d'usine")."""
        vocabulary = self.words[0]
        bare: dict[str, list[int]] = {}
        for w, word in enumerate(vocabulary):
            if "'" in word and (rest := _unelided(word)) is not None:
                bare.setdefault(rest, []).append(w)
        return {word: w for w, word in enumerate(vocabulary)}, bare

    def labels(self, lexicon: dict[str, Any], n_labels: int) -> sp.csr_matrix:
        """How often each statement says each label of a lexicon (statements x labels).

        Each one-word form is looked up among the batch's distinct words (an elided word also
        by what follows the apostrophe: "s'oppose" as "oppose"); statements holding a phrase's
        first two words one after the other are read word by word, and a phrase's words count
        for the phrase only ("a few" is not "few").
        """
        vocabulary = self.words[0]
        words, phrases = lexicon["words"], lexicon["phrases"]
        index, bare = self.index
        word_rows, word_cols = [], []
        for form, labels in words.items():
            found = [index[form]] if form in index else []
            found += [w for w in bare.get(form, ()) if vocabulary[w] not in words]
            for w in found:
                word_rows += [w] * len(labels)
                word_cols += labels
        per_word = count_matrix(
            np.array(word_rows, dtype=np.int64),
            np.array(word_cols, dtype=np.int64),
            (len(vocabulary), n_labels),
        )
        counts = sp.csr_matrix(self.occurrences @ per_word)
        starts = self._phrase_statements(phrases)
        if starts.size:
            rows, cols = [], []
            for s in starts.tolist():
                found_labels = [
                    label for _, hits in _read_phrases(self.tokens(s), lexicon) for label in hits
                ]
                rows += [s] * len(found_labels)
                cols += found_labels
            others = np.ones(len(self.texts), dtype=np.float32)
            others[starts] = 0.0
            counts = sp.csr_matrix(sp.diags(others) @ counts) + count_matrix(
                np.array(rows, dtype=np.int64),
                np.array(cols, dtype=np.int64),
                (len(self.texts), n_labels),
            )
        counts = sp.csr_matrix(counts - self._lower_case(lexicon, per_word))
        np.maximum(counts.data, 0, out=counts.data)  # a name inside a phrase was not counted
        counts.eliminate_zeros()
        return counts

    def _lower_case(self, lexicon: dict[str, Any], per_word: sp.csr_matrix) -> sp.csr_matrix:
        """What the lower-case occurrences of a lexicon's names ("may" for "May") added to the
        counts of :meth:`labels`, to be taken off (statements x labels): one case-sensitive
        search for the names in lower case over the batch's texts end to end."""
        vocabulary = self.words[0]
        index = self.index[0]
        present = [form for form in lexicon.get("proper", ()) if form in index]
        if not present:
            return sp.csr_matrix((len(self.texts), per_word.shape[1]), dtype=per_word.dtype)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, present)) + r")(?!\w)")
        found = [(m.start(), index[m.group()]) for m in pattern.finditer(self.joined)]
        at = np.array([position for position, _ in found], dtype=np.int64)
        rows = np.searchsorted(self.offsets, at, side="right") - 1
        cols = np.array([w for _, w in found], dtype=np.int64)
        lower = count_matrix(rows, cols, (len(self.texts), len(vocabulary)))
        return sp.csr_matrix(lower @ per_word)

    @cached_property
    def joined(self) -> str:
        """The batch's texts end to end, one per line, for searches over all of them at once."""
        return "\n".join(self.texts)

    @cached_property
    def offsets(self) -> np.ndarray:
        """Where each text starts in :attr:`joined`."""
        return np.cumsum([0] + [len(text) + 1 for text in self.texts[:-1]], dtype=np.int64)

    def _phrase_statements(self, phrases: dict[str, list]) -> np.ndarray:
        """The statements where a phrase's first word is followed by its second."""
        if not phrases:
            return np.zeros(0, dtype=np.int64)
        vocabulary, ids, owner = self.words
        index = self.index[0]
        openings = {
            (index[head], index[rest[0]])
            for head, found in phrases.items()
            if head in index
            for rest, _ in found
            if rest[0] in index
        }
        if not openings:
            return np.zeros(0, dtype=np.int64)
        heads = np.zeros(len(vocabulary), dtype=bool)
        heads[[h for h, _ in openings]] = True
        at = np.flatnonzero(heads[ids[:-1]] & (owner[:-1] == owner[1:]))
        hits = [
            k
            for k, pair in zip(at.tolist(), zip(ids[at].tolist(), ids[at + 1].tolist()))
            if pair in openings
        ]
        return np.unique(owner[np.array(hits, dtype=np.int64)])

    @cached_property
    def stems(self) -> tuple[sp.csr_matrix, sp.csr_matrix]:
        """Which stems each statement has, and which it reaches: two 0/1 matrices with one
        column per stem.

        A statement's stems are the first ``STEM`` letters of its content words, and its numbers
        whole: what two statements must share to be about the same thing. They often survive
        translation ("évacués" / "evacuated", "tarif" / "tariff", "4 000" / "4,000",
        "Halvorsen" in both). The stems a statement reaches add the translations of its own into
        the other language (:mod:`stance.bilingual`: "commandes" reaches "order") and their
        synonyms in their own ("resigned" reaches "stepped down"), so that a restatement in
        other words is not taken for another fact.
        """
        vocabulary, ids, owner = self.words
        stem_of = list(map(_stem, vocabulary))
        is_stem = np.array([stem is not None for stem in stem_of], dtype=bool)
        has = _binary(owner[is_stem[ids]], ids[is_stem[ids]], (len(self.texts), len(vocabulary)))
        columns: dict[str, int] = {}
        words = np.flatnonzero(is_stem)
        own = np.array([_column(columns, stem_of[w]) for w in words], dtype=np.int64)
        translated = {}  # per language: (word, column of a translation's stem) links
        synonyms = bilingual.stem_synonyms(_stem) if self.wide else {}
        for lang, to in bilingual.stem_translations(_stem, self.wide).items():
            pairs = [
                (w, other)
                for w in words
                for other in (*to.get(stem_of[w], ()), *synonyms.get(stem_of[w], ()))
            ]
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

    @cached_property
    def content(self) -> sp.csr_matrix:
        """Which content words (see :func:`_is_content`) each statement has (a 0/1 matrix)."""
        return self.has(_is_content)


def _read_phrases(tokens: list[str], lexicon: dict[str, Any]) -> list[tuple[str, list[int]]]:
    """The forms a statement's words say, with their labels, phrases first: left to right, the
    longest form that starts at a word wins and its words are not read again."""
    words, phrases = lexicon["words"], lexicon["phrases"]
    found: list[tuple[str, list[int]]] = []
    i = 0
    while i < len(tokens):
        word = tokens[i]
        for rest, label in phrases.get(word, ()):
            if tuple(tokens[i + 1 : i + 1 + len(rest)]) == rest:
                found.append((" ".join((word, *rest)), [label]))
                i += 1 + len(rest)
                break
        else:
            hits = words.get(word)
            if hits is None and (bare := _unelided(word)) is not None:
                hits = words.get(bare)
            if hits:
                found.append((word, hits))
            i += 1
    return found


def stems_and_reach(texts: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Which stems each text has and which it reaches through the bilingual lexicon (see
    :attr:`_Batch.stems`), for other measures of whether statements share a subject."""
    return _Batch(texts, wide=False).stems


def shorter_share(
    a_in_b: np.ndarray, b_in_a: np.ndarray, size_a: np.ndarray, size_b: np.ndarray
) -> np.ndarray:
    """The share of the shorter statement's stems that the other reaches, given how many of
    a's stems b reaches (``a_in_b``), how many of b's a reaches, and how many each has; of
    either, the larger, when they have as many. The same whichever statement is ``a``."""
    a_share, b_share = _ratio(a_in_b, size_a, 0.0), _ratio(b_in_a, size_b, 0.0)
    shorter = np.where(size_b < size_a, b_share, a_share)
    return np.where(size_a == size_b, np.maximum(a_share, b_share), shorter)


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


def _dense(matrix: sp.csr_matrix) -> np.ndarray:
    """A (statements x labels) count matrix as a dense 0/1 boolean array (labels are few)."""
    return matrix.toarray() > 0


def _one_side(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Where exactly one of the pair's sides holds (booleans)."""
    return a != b


def _low_high(values: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pair, the smaller and the larger of the two sides' values: what "a's value" and
    "b's value" become when the order of the sides must not matter."""
    return np.minimum(values[a], values[b]), np.maximum(values[a], values[b])


Why = Callable[[int], list[str]]


def _is_ne(word: str) -> bool:
    """French "ne", or a word it is elided into ("n'a", "n’est")."""
    return word == "ne" or word.startswith(("n'", "n\u2019"))


STOPWORDS = frozenset(
    "le la les l un une des du de d au aux a et ou en dans sur pour par avec que qui quoi "
    "ce cet cette ces se sa son ses leur leurs il elle ils elles on nous vous je est sont "
    "ete etait etre avoir ont avait selon y ne pas plus "
    "the a an of to in on for by with and or is are was were be been has have had it its "
    "that this these those at from as he she they we i said says according".split()
)


def _is_content(word: str) -> bool:
    return word not in STOPWORDS and not word.isdigit() and len(word) > 1


# A capitalised word, not at the start of the text nor of a sentence. The capital is read first
# and what must precede it is checked behind it, so that the search skips lower-case letters in
# C: the same matches as "(?<![.!?«\"]\s)(?<!^)\b[A-ZÀ-Ý][\w-]+".
_NAME = re.compile(r"[A-ZÀ-Ý](?<=(?<![.!?«\"]\s)(?<!^)\b.)[\w-]+")


def proper_names(text: str) -> set[str]:
    """Names: capitalised words not at a sentence start, accent-folded."""
    return {_fold(m.group()) for m in _NAME.finditer(text)}
