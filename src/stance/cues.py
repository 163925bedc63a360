"""Contradiction cues: small, readable features of a pair that n-grams cannot see.

TF-IDF sees that two statements share words; it does not see that "quelques centaines" and
"entre 4.000 et 6.000" cannot both count the same fighters, that only one side is negated, that
one says "hausse" where the other says "baisse", "tous" where the other says "aucun", "lundi"
where the other says "mardi", or that the same two names trade places around "beat".
:class:`CueFeaturizer` turns pairs into a few dense columns, one family of columns per kind of
clue, and slots into the Pipeline's ``FeatureUnion`` beside the TF-IDF featurizer.

Every column is the same for ``(a, b)`` and ``(b, a)``: what one side holds and the other does
not is counted as "on one side only", a count per side becomes the smaller and the larger of the
two, so that a verdict never depends on which statement came first.

The word lists are data, not code: the TSV files of ``lexicons/`` (opposites, directions,
quantifiers, time, negation, reciprocal verbs), matched on accent-folded, lower-cased words, each
form listed explicitly. :meth:`CueFeaturizer.fit` reads them and keeps them in the fitted object,
so that a saved model carries the lexicons it was trained with, and a reader can add a line to a
file and retrain. :meth:`CueFeaturizer.explain` puts into words the columns that fired for a pair,
from the very arrays that computed them.
"""

from __future__ import annotations

import csv
import inspect
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from . import bilingual, quantities
from .errors import StanceError
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


def _ratio(part: np.ndarray, whole: np.ndarray, empty: float) -> np.ndarray:
    """``part / whole`` (both whole numbers, so the quotient is Python's), ``empty`` where
    ``whole`` is 0; ``whole`` may be broadcast against ``part`` (a block of pairs)."""
    shape = np.broadcast(part, whole).shape
    return np.divide(part, whole, out=np.full(shape, empty), where=whole > 0)


def _log1p(counts: np.ndarray) -> np.ndarray:
    """``math.log1p`` of whole numbers, to the bit (NumPy's log1p may differ in the last one)."""
    table = np.array([math.log1p(k) for k in range(int(counts.max(initial=0)) + 1)])
    return table[counts.astype(np.int64)]


# --- lexicons -----------------------------------------------------------------------------------

LEXICON_FILES = {
    "opposites": "opposites.tsv",
    "directions": "directions.tsv",
    "quantifiers": "quantifiers.tsv",
    "time": "time.tsv",
    "negation": "negation.tsv",
    "reciprocal": "reciprocal.tsv",
}
"""The lexicons :meth:`CueFeaturizer.fit` reads, by name, from ``lexicon_dir``."""

LEXICON_COLUMNS = {
    "opposites": ("en_a", "en_b", "fr_a", "fr_b"),
    "directions": ("en_up", "en_down", "fr_up", "fr_down"),
    "quantifiers": ("en", "fr", "value"),
    "time": ("en", "fr", "kind", "value"),
    "negation": ("en", "fr", "kind"),
    "reciprocal": ("en", "fr"),
}
"""The header each lexicon file must start with."""


def read_lexicon(path: Path, name: str) -> list[dict[str, str]]:
    """The rows of one lexicon file as dicts by column, comments and blank lines aside.

    A file with another header, or a row with another number of cells, is refused with its
    path and line number: a lexicon a reader edited by hand must not be read half right.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise StanceError(f"{path}: cannot read lexicon ({err})") from None
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]
    expected = LEXICON_COLUMNS[name]
    if not lines or tuple(lines[0][1].split("\t")) != expected:
        raise StanceError(f"{path}: the first line must be the header {'<TAB>'.join(expected)}")
    rows = []
    for number, cells in zip(
        (n for n, _ in lines[1:]),
        csv.reader((line for _, line in lines[1:]), delimiter="\t", quoting=csv.QUOTE_NONE),
    ):
        if len(cells) != len(expected):
            raise StanceError(
                f"{path}, line {number}: {len(cells)} cells, expected {len(expected)}"
            )
        rows.append(dict(zip(expected, (cell.strip() for cell in cells))))
    return rows


def _forms(cell: str) -> list[str]:
    """The forms of a cell ("rise|rises|rose"), each folded and cut into words as statements are
    ("après-midi" -> "apres midi"); several words make a phrase, matched word for word."""
    forms = []
    for form in cell.split("|"):
        text = folded(form.strip())
        words = _tokens(text)
        # A form with signs the words leave out ("100 %") cannot be matched word for word: as
        # "100" alone it would say something else.
        if words and _UNMATCHED.sub("", text) == "".join(words).replace("'", ""):
            forms.append(" ".join(words))
    return forms


_UNMATCHED = re.compile(r"[\s.'’-]")
"""What may stand between the words of a lexicon form: spaces, hyphens, apostrophes, dots."""


def _matcher(entries: Iterable[tuple[str, int]]) -> dict[str, Any]:
    """A lexicon as plain containers (so that skops saves it as data): ``words`` maps a one-word
    form to its labels, ``phrases`` maps the first word of a longer form to (the rest of the
    form, its label) pairs."""
    words: dict[str, list[int]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for form, label in entries:
        head, *rest = form.split(" ")
        if rest:
            phrases.setdefault(head, []).append((tuple(rest), label))
        elif label not in words.setdefault(head, []):
            words[head].append(label)
    for found in phrases.values():  # longest first: "very few" before "very"
        found.sort(key=lambda entry: -len(entry[0]))
    return {"words": words, "phrases": phrases}


def _paired_lexicon(rows: list[dict[str, str]], columns: Sequence[str], one_axis: bool) -> dict:
    """A lexicon of opposed pairs (``columns``: English one side, English the other, French one
    side, French the other). Label ``2 * g + side`` is side 0 or 1 of group ``g``: one group per
    row, or with ``one_axis`` a single group for the whole file (all rows say up or down)."""
    entries, names = [], []
    for g, row in enumerate(rows):
        group = 0 if one_axis else g
        one = _forms(row[columns[0]]) + _forms(row[columns[2]])
        two = _forms(row[columns[1]]) + _forms(row[columns[3]])
        entries += [(form, 2 * group) for form in one] + [(form, 2 * group + 1) for form in two]
        if not one_axis:
            names.append((one[0] if one else "?", two[0] if two else "?"))
    return {**_matcher(entries), "groups": names if not one_axis else [("up", "down")]}


def _valued_lexicon(rows: list[dict[str, str]], value_of: Callable[[dict[str, str]], str]) -> dict:
    """A lexicon whose rows give forms (``en``, ``fr``) of one value: label ``i`` is the i-th
    distinct value, in order of appearance."""
    values: list[str] = []
    entries = []
    for row in rows:
        value = value_of(row)
        if value not in values:
            values.append(value)
        label = values.index(value)
        entries += [(form, label) for form in _forms(row["en"]) + _forms(row["fr"])]
    return {**_matcher(entries), "values": values}


def load_lexicons(lexicon_dir: str | Path | None = None) -> dict[str, dict]:
    """Every lexicon of :data:`LEXICON_FILES`, parsed, from ``lexicon_dir`` (default: the
    package's own ``lexicons/``)."""
    folder = (
        Path(lexicon_dir) if lexicon_dir is not None else Path(str(files("stance"))) / "lexicons"
    )
    rows = {name: read_lexicon(folder / file, name) for name, file in LEXICON_FILES.items()}
    lexicons = {
        "opposites": _paired_lexicon(rows["opposites"], LEXICON_COLUMNS["opposites"], False),
        "directions": _paired_lexicon(rows["directions"], LEXICON_COLUMNS["directions"], True),
        "quantifiers": _valued_lexicon(rows["quantifiers"], lambda row: row["value"]),
        "time": _valued_lexicon(rows["time"], lambda row: f"{row['kind']}={row['value']}"),
        "negation": _valued_lexicon(rows["negation"], lambda row: row["kind"]),
        "reciprocal": _valued_lexicon(rows["reciprocal"], lambda row: "reciprocal"),
    }
    for name, lexicon in lexicons.items():
        lexicon["proper"] = _proper_forms(rows[name])
    return lexicons


def _proper_forms(rows: list[dict[str, str]]) -> list[str]:
    """The one-word forms a lexicon writes only with a capital ("May", "March"): names, which
    match a capitalised word only, since in lower case they are other words ("may", "march")."""
    capitalised, lower = set(), set()
    for row in rows:
        for column, cell in row.items():
            if column in ("kind", "value"):
                continue
            for form in cell.split("|"):
                form = form.strip()
                words = _forms(form)
                if len(words) == 1 and " " not in words[0]:
                    (capitalised if form[:1].isupper() else lower).add(words[0])
    return sorted(capitalised - lower)


def _unelided(word: str) -> str | None:
    """The word an elision stands before ("l'usine" -> "usine"), None for other words."""
    head, sep, tail = word.partition("'")
    return tail if sep and head in _ELIDED and tail else None


# --- the batch of statements --------------------------------------------------------------------


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
    return _Batch(texts).stems


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


# --- the families -------------------------------------------------------------------------------
#
# A family reads the batch and returns its columns by name, and a function that puts into words
# what fired for one pair (its index), read from the arrays that computed the columns.

Why = Callable[[int], list[str]]


@dataclass
class _Pairs:
    """The pairs of a batch: statement numbers of each side, and the batch."""

    batch: _Batch
    a: np.ndarray
    b: np.ndarray

    @cached_property
    def related(self) -> np.ndarray:
        return self.batch.related(self.a, self.b)

    def side_texts(self, i: int) -> tuple[str, str]:
        return self.batch.texts[self.a[i]], self.batch.texts[self.b[i]]

    def words_of(self, statement: int, labels: Iterable[int], lexicon: dict) -> list[str]:
        """The forms of a lexicon a statement says with one of ``labels`` (for explanations)."""
        wanted = set(labels)
        found = _read_phrases(self.batch.tokens(statement), lexicon)
        return list(dict.fromkeys(form for form, hits in found if wanted.intersection(hits)))


def _negation_family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
    lexicon = cues.lexicons_["negation"]
    kinds = {kind: k for k, kind in enumerate(lexicon["values"])}
    counts = pairs.batch.labels(lexicon, len(kinds)).toarray()

    def kind(name: str) -> np.ndarray:
        return counts[:, kinds[name]] if name in kinds else np.zeros(len(counts))

    # "n't" ends a negated English word ("didn't"); a French "ne" (or "n'") licenses one of the
    # words that negate only with it ("il n'y a plus de travail", "personne n'est venu").
    negations = (
        kind("negation")
        + pairs.batch.count(lambda w: w.endswith("n't"))
        + np.minimum(kind("needs_ne"), pairs.batch.count(_is_ne))
    )
    denials = kind("denial")
    a, b, cap = pairs.a, pairs.b, cues.cap
    neg_low, neg_high = _low_high(negations, a, b)
    den_low, den_high = _low_high(denials, a, b)
    neg_one, den_one = (
        _one_side(negations[a] > 0, negations[b] > 0),
        _one_side(denials[a] > 0, denials[b] > 0),
    )
    negative = (negations > 0) | (denials > 0)
    polarity_differs = _one_side(negative[a], negative[b])
    related = pairs.related
    columns = {
        "neg_min": np.minimum(neg_low, cap),
        "neg_max": np.minimum(neg_high, cap),
        "neg_only_one": neg_one,
        "denial_min": np.minimum(den_low, cap),
        "denial_max": np.minimum(den_high, cap),
        "denial_only_one": den_one,
        "neg_only_one_related": neg_one * related,
        "denial_only_one_related": den_one * related,
        # A statement is negative when it negates or denies. What two statements on one
        # subject share points to agreement when both are positive or both negative ("denied
        # it" / "rejected it"), and to a contradiction when one is negative: with these two
        # columns, a linear model can weigh the two apart.
        "polarity_differs_related": polarity_differs * related,
        "same_polarity_related": ~polarity_differs * related,
    }

    def why(i: int) -> list[str]:
        notes = []
        for name, values, only_one in (
            ("negation", negations, neg_one),
            ("denial", denials, den_one),
        ):
            if only_one[i]:
                side, statement = ("A", a[i]) if values[a[i]] > 0 else ("B", b[i])
                labels = [kinds.get(name, -1), kinds.get("needs_ne", -1)]
                words = pairs.words_of(statement, labels, lexicon)
                said = f": {', '.join(words)}" if words else ""
                notes.append(f"{name} on one side only (in {side}{said})")
        return notes

    return columns, why


def _opposed_sides(present: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, ...]:
    """For a (statements x 2 * groups) 0/1 array of sides: per pair and group, whether one
    statement holds only one side and the other only the other (opposed), and whether both hold
    the same side only (same)."""
    one, two = present[:, 0::2], present[:, 1::2]
    a1, a2, b1, b2 = one[a], two[a], one[b], two[b]
    opposed = (a1 & ~a2 & b2 & ~b1) | (a2 & ~a1 & b1 & ~b2)
    same = (a1 & b1 & ~(a2 | b2)) | (a2 & b2 & ~(a1 | b1))
    return opposed, same


def _paired_family(name: str) -> Callable[[CueFeaturizer, _Pairs], tuple[dict, Why]]:
    """The family of a lexicon of opposed pairs: opposites (one group per row) or directions
    (one axis, up and down)."""

    def family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
        lexicon = cues.lexicons_[name]
        groups = lexicon["groups"]
        present = _dense(pairs.batch.labels(lexicon, 2 * len(groups)))
        opposed, same = _opposed_sides(present, pairs.a, pairs.b)
        count = opposed.sum(axis=1)
        one_side = _one_side(present[pairs.a].any(axis=1), present[pairs.b].any(axis=1))
        columns = {
            "opposed": np.minimum(count, cues.cap),
            "any_opposed": count > 0,
            "same": np.minimum(same.sum(axis=1), cues.cap),
            "one_side_only": one_side,
            "opposed_related": (count > 0) * pairs.related,
        }

        def why(i: int) -> list[str]:
            notes = []
            for g in np.flatnonzero(opposed[i]).tolist():
                said = [
                    "|".join(pairs.words_of(s, [2 * g, 2 * g + 1], lexicon))
                    for s in (pairs.a[i], pairs.b[i])
                ]
                notes.append(f"{name}: {said[0]} / {said[1]}")
            return notes

        return columns, why

    return family


QUANTIFIER_CLASHES = frozenset(
    {("all", "none"), ("all", "few"), ("most", "few"), ("most", "none"), ("some", "none")}
)
"""Quantifier values (the ``value`` column of quantifiers.tsv) that cannot both be true of one
group: "all" / "none", "most" / "few", ..."""


def _quantifier_family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
    lexicon = cues.lexicons_["quantifiers"]
    values = lexicon["values"]
    present = _dense(pairs.batch.labels(lexicon, len(values)))
    pa, pb = present[pairs.a], present[pairs.b]
    clash = np.zeros((len(pairs.a), 0), dtype=bool)
    clashing = []
    for one, two in sorted(QUANTIFIER_CLASHES):
        if one in values and two in values:
            i, j = values.index(one), values.index(two)
            hit = (pa[:, i] & pb[:, j] & ~pa[:, j] & ~pb[:, i]) | (
                pb[:, i] & pa[:, j] & ~pb[:, j] & ~pa[:, i]
            )
            clash = np.column_stack([clash, hit])
            clashing.append((i, j))
    count = clash.sum(axis=1)
    shared = (pa & pb).any(axis=1)
    both = pa.any(axis=1) & pb.any(axis=1)
    columns = {
        "clash": np.minimum(count, cues.cap),
        "same": shared,
        "differ": both & ~shared & (count == 0),
        "clash_related": (count > 0) * pairs.related,
    }

    def why(i: int) -> list[str]:
        return [
            f"quantifiers: {'|'.join(pairs.words_of(pairs.a[i], [k, m], lexicon))} / "
            f"{'|'.join(pairs.words_of(pairs.b[i], [k, m], lexicon))}"
            for c, (k, m) in enumerate(clashing)
            if clash[i, c]
        ]

    return columns, why


# Four digits from 1800 to 2099 that are not part of a longer number ("12.2019", "2019,5"); the
# digits come first in the pattern and what may not precede them is checked behind, so that the
# search skips other characters in C.
_YEAR = re.compile(r"((?:1[89]|20)\d\d)(?<![\w.,]\d{4})(?![.,]?\d|\w)")
_CLOCK = re.compile(
    r"\b([01]?\d|2[0-3])(?: ?h ?([0-5]\d)?|:([0-5]\d))\b"  # 14 h, 14h30, 14:30
    r"|\b(1[0-2]|0?[1-9])(?::([0-5]\d))? ?([ap])\.?m\b",  # 2 pm, 10:30 a.m.
    re.IGNORECASE,
)
TIME_KINDS = ("weekday", "month", "year", "clock", "part_of_day", "compass", "season")
"""The kinds of time and place the time family compares; time.tsv gives the words of all but
years and clock times, which are read from digits."""


def _clock_minutes(match: re.Match[str]) -> int:
    """A clock time as minutes after midnight ("2 pm" -> 840)."""
    if match.group(1) is not None:
        return int(match.group(1)) * 60 + int(match.group(2) or match.group(3) or 0)
    hour = int(match.group(4)) % 12 + (12 if match.group(6).lower() == "p" else 0)
    return hour * 60 + int(match.group(5) or 0)


def _time_family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
    lexicon = cues.lexicons_["time"]
    values = list(lexicon["values"])  # "kind=value"
    counts = pairs.batch.labels(lexicon, len(values)).tocoo()
    rows, cols = counts.row.tolist(), counts.col.tolist()
    # Years and clock times, read from digits: one search over the batch's texts end to end,
    # each match then given to the statement it falls in.
    column = {value: k for k, value in enumerate(values)}
    found = [(m.start(), f"year={m.group(1)}") for m in _YEAR.finditer(pairs.batch.joined)]
    found += [
        (m.start(), f"clock={_clock_minutes(m)}") for m in _CLOCK.finditer(pairs.batch.joined)
    ]
    at = np.array([position for position, _ in found], dtype=np.int64)
    rows += (np.searchsorted(pairs.batch.offsets, at, side="right") - 1).tolist()
    cols += [column.setdefault(label, len(column)) for _, label in found]
    values = list(column)
    present = (
        _binary(
            np.array(rows, dtype=np.int64),
            np.array(cols, dtype=np.int64),
            (len(pairs.batch.texts), len(values)),
        ).toarray()
        > 0
    )
    kind_of = np.array([value.split("=", 1)[0] for value in values])
    pa, pb = present[pairs.a], present[pairs.b]
    columns: dict[str, np.ndarray] = {}
    differs_any = np.zeros(len(pairs.a), dtype=bool)
    same_any = np.zeros(len(pairs.a), dtype=bool)
    for kind in TIME_KINDS:
        of_kind = kind_of == kind
        shared = (pa[:, of_kind] & pb[:, of_kind]).any(axis=1)
        both = pa[:, of_kind].any(axis=1) & pb[:, of_kind].any(axis=1)
        columns[f"{kind}_differs"] = both & ~shared
        differs_any |= both & ~shared
        same_any |= shared
    columns["same"] = same_any
    columns["differs_related"] = differs_any * pairs.related

    def said(statement: int, kind: str) -> str:
        """What a statement says of one kind: its words, or the value read from digits."""
        of_kind = [k for k in np.flatnonzero(kind_of == kind).tolist() if present[statement, k]]
        if kind == "clock":
            minutes = [int(values[k].split("=", 1)[1]) for k in of_kind]
            return ", ".join(f"{m // 60}:{m % 60:02d}" for m in minutes)
        if kind == "year":
            return ", ".join(values[k].split("=", 1)[1] for k in of_kind)
        return "|".join(pairs.words_of(statement, of_kind, lexicon))

    def why(i: int) -> list[str]:
        return [
            f"{kind.replace('_', ' ')}: {said(pairs.a[i], kind)} / {said(pairs.b[i], kind)}"
            for kind in TIME_KINDS
            if columns[f"{kind}_differs"][i]
        ]

    return columns, why


def _quantity_family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
    batch, a, b = pairs.batch, pairs.a, pairs.b
    found = [qs for qs, _ in batch.quantities]  # changes only as a sign
    direction = np.sign(
        np.array([_net(changes) for _, changes in batch.quantities], dtype=np.float64)
    )
    has = batch.counts
    matched, overlapping = np.zeros(len(a), dtype=bool), np.zeros(len(a), dtype=bool)
    named_disjoint = np.zeros(len(a), dtype=bool)
    gap = np.zeros(len(a))
    examples: dict[int, list] = {}
    for i in np.flatnonzero(has[a] & has[b]).tolist():  # no match unless both have one
        first, second = _in_order(batch.texts, int(a[i]), int(b[i]))
        matches = _matched(found[first], found[second])
        if matches:
            # Shown in the order of the pair's sides.
            examples[i] = matches if first == a[i] else [(y, x) for x, y in matches]
            matched[i] = True
            overlapping[i] = any(quantities.overlap(x, y) for x, y in matches)
            named = [(x, y) for x, y in matches if _one_thing(x, y)]
            named_disjoint[i] = bool(named) and not any(quantities.overlap(x, y) for x, y in named)
            gap[i] = min(quantities.gap(x, y) for x, y in matches)
    da, db = direction[a], direction[b]
    opposed = da * db < 0
    related = pairs.related
    columns = {
        "both_have": has[a] & has[b],
        "one_has": _one_side(has[a], has[b]),
        "matched": matched,
        "matched_overlap": overlapping,
        "matched_disjoint": matched & ~overlapping,
        "gap": np.minimum(gap, float(cues.cap)),
        "disjoint_related": (matched & ~overlapping) * related,
        # Both name what they count, and it is one thing ("combattants" / "jihadistes"): that
        # says the two statements are about the same thing, whatever words they share.
        "named_disjoint": named_disjoint,
        # "doubled" on one side against "reduced to" on the other clashes even when only one
        # side gives a figure.
        "changes_same": da * db > 0,
        "changes_opposed": opposed,
        "change_one_side": _one_side(da != 0, db != 0),
        "changes_opposed_related": opposed * related,
    }

    def why(i: int) -> list[str]:
        notes = []
        # The figures that agree when some do (as matched_overlap says), else those that clash.
        agreeing = [(x, y) for x, y in examples.get(i, []) if quantities.overlap(x, y)]
        for x, y in agreeing[:1] or examples.get(i, [])[:2]:
            verdict = "overlap" if agreeing else "do not overlap"
            notes.append(f"figures: {_fmt(x)} vs {_fmt(y)} {verdict} ({x.text!r} / {y.text!r})")
        if opposed[i]:
            ca, cb = (batch.quantities[s][1] for s in (a[i], b[i]))
            notes.append(f"changes point opposite ways: {ca[0].text!r} vs {cb[0].text!r}")
        return notes

    return columns, why


def _in_order(texts: list[str], first: int, second: int) -> tuple[int, int]:
    """Two statements in the order of their texts: a comparison of two statements' readings
    made in this order is the same whichever side each came from, to the last bit."""
    return (first, second) if texts[first] <= texts[second] else (second, first)


def _roles_family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
    batch, a, b = pairs.batch, pairs.a, pairs.b
    reciprocal = cues.lexicons_["reciprocal"]
    shared_words = _shared(batch.content, a, b)
    sizes = _sizes(batch.content)
    union = sizes[a] + sizes[b] - shared_words
    jaccard = _ratio(shared_words, union, 0.0)
    swapped = np.zeros(len(a), dtype=bool)
    mutual = np.zeros(len(a), dtype=bool)
    found: dict[int, tuple[str, str]] = {}
    # Only statements sharing most of their words can be one sentence with two names swapped.
    candidates = (shared_words >= 2) & (jaccard >= 0.5)
    for i in np.flatnonzero(candidates).tolist():
        reversed_pairs = _reversed_names(batch.texts[a[i]], batch.texts[b[i]])
        if reversed_pairs:
            swapped[i] = True
            mutual[i] = all(
                _only_reciprocal(between, reciprocal) for between in reversed_pairs.values()
            )
            found[i] = next(iter(reversed_pairs))
    columns = {
        "names_swapped": swapped & ~mutual,
        "names_swapped_overlap": (swapped & ~mutual) * jaccard,
        "reciprocal_swapped": (swapped & mutual) * jaccard,
    }

    def why(i: int) -> list[str]:
        if i not in found:
            return []
        one, two = found[i]
        kind = "reciprocal words, same meaning" if mutual[i] else "roles swapped"
        return [f"roles: {one} … {two} / {two} … {one} ({kind})"]

    return columns, why


def _names_in_order(text: str) -> tuple[list[str], list[str]]:
    """A statement's folded words, and for each one the name it is (a capitalised word that is
    not a function word, sentence starts included: "Germany beat France") or ""."""
    words, names = [], []
    for match in _WORD.finditer(text):
        word = match.group()
        bare = _unelided(_fold(word))
        if bare is not None:
            word = word[len(word) - len(bare) :]
        low = _fold(word)
        words.append(low)
        is_name = word[:1].isupper() and low not in STOPWORDS and not low.isdigit() and len(low) > 1
        names.append(low if is_name else "")
    return words, names


def _reversed_names(text_a: str, text_b: str) -> dict[tuple[str, str], list[str]]:
    """The pairs of names both statements hold once each, in one order in one and in the other
    order in the other, with the words between them on both sides: {(first in the statement
    whose text sorts first, second): words between, of both statements}."""
    text_a, text_b = sorted((text_a, text_b))
    (words_a, names_a), (words_b, names_b) = _names_in_order(text_a), _names_in_order(text_b)
    at_a = {n: i for i, n in enumerate(names_a) if n and names_a.count(n) == 1}
    at_b = {n: i for i, n in enumerate(names_b) if n and names_b.count(n) == 1}
    shared = sorted(set(at_a) & set(at_b), key=at_a.__getitem__)
    found = {}
    for k, one in enumerate(shared):
        for two in shared[k + 1 :]:
            if at_b[two] < at_b[one]:
                # The words between, names aside ("Nadia Belkacem a rencontré Julien Marchetti").
                between = [
                    word
                    for words, names, start, end in (
                        (words_a, names_a, at_a[one], at_a[two]),
                        (words_b, names_b, at_b[two], at_b[one]),
                    )
                    for word, name in zip(words[start + 1 : end], names[start + 1 : end])
                    if not name
                ]
                found[(one, two)] = between
    return found


def _only_reciprocal(between: list[str], lexicon: dict[str, Any]) -> bool:
    """Whether the words between two names read the same both ways: reciprocal words ("met",
    "et", "a rencontré") and function words only, and not nothing at all."""
    said = [w for w in between if not (w in STOPWORDS or w.isdigit())]
    return bool(between) and all(w in lexicon["words"] for w in said)


def _alignment_family(cues: CueFeaturizer, pairs: _Pairs) -> tuple[dict[str, np.ndarray], Why]:
    batch, a, b = pairs.batch, pairs.a, pairs.b
    content, digits = batch.content, batch.has(str.isdigit)
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
    covered_a, covered_b = _ratio(words, ca, 1.0), _ratio(words, cb, 1.0)
    new_a, new_b = _log1p(ca - words), _log1p(cb - words)
    new_names_a, new_names_b = _log1p(na - names), _log1p(nb - names)
    related = pairs.related
    same_words = (words == ca) & (words == cb)
    identical = np.zeros(len(a), dtype=bool)
    for i in np.flatnonzero(same_words).tolist():  # only those can be one text
        identical[i] = _fold(batch.texts[a[i]]).split() == _fold(batch.texts[b[i]]).split()
    jaccard = _ratio(words, union, 0.0)
    columns = {
        "jaccard": jaccard,
        "related": related,
        "covered_min": np.minimum(covered_a, covered_b),
        "covered_max": np.maximum(covered_a, covered_b),
        "new_words_min": np.minimum(new_a, new_b),
        "new_words_max": np.maximum(new_a, new_b),
        "names_jaccard": _ratio(names, name_union, 1.0),
        "new_names_min": np.minimum(new_names_a, new_names_b),
        "new_names_max": np.maximum(new_names_a, new_names_b),
        "numbers_only_one_side": _one_side(numbered[a], numbered[b]),
        "digits_differ": (da > 0) & (db > 0) & ~((same_digits == da) & (same_digits == db)),
        # Two statements that are one text say the same thing; two that share nothing are two
        # stories. Both are the ends of a scale a linear model reads as straight lines.
        "identical": identical,
        "same_words": same_words & (ca > 0),
        "nothing_shared": (related == 0) & (words == 0),
        "related_low": related < 0.25,
        "related_high": related >= 0.75,
    }

    def why(i: int) -> list[str]:
        if identical[i]:
            return ["overlap: the same statement"]
        if columns["nothing_shared"][i]:
            return ["overlap: nothing in common (two different stories?)"]
        sets = [set(np.array(batch.words[0])[content[s].indices]) for s in (a[i], b[i])]
        only = [sorted(sets[0] - sets[1]), sorted(sets[1] - sets[0])]
        said = [
            f"{', '.join(words[:6])}{'…' if len(words) > 6 else ''} ({side})"
            for side, words in zip("AB", only)
            if words
        ]
        return [f"one side only: {'; '.join(said)}"] if said else []

    return columns, why


_FAMILIES: dict[str, Callable[[CueFeaturizer, _Pairs], tuple[dict[str, np.ndarray], Why]]] = {
    "quantities": _quantity_family,
    "negation": _negation_family,
    "opposites": _paired_family("opposites"),
    "directions": _paired_family("directions"),
    "quantifiers": _quantifier_family,
    "time": _time_family,
    "roles": _roles_family,
    "alignment": _alignment_family,
}

CUE_FAMILIES: tuple[str, ...] = tuple(_FAMILIES)
"""The cue families, in the order of their columns."""

FAMILY_COLUMNS: dict[str, tuple[str, ...]] = {
    "quantities": (
        "both_have", "one_has", "matched", "matched_overlap", "matched_disjoint", "gap",
        "disjoint_related", "named_disjoint", "changes_same", "changes_opposed",
        "change_one_side", "changes_opposed_related",
    ),
    "negation": (
        "neg_min", "neg_max", "neg_only_one", "denial_min", "denial_max", "denial_only_one",
        "neg_only_one_related", "denial_only_one_related", "polarity_differs_related",
        "same_polarity_related",
    ),
    "opposites": ("opposed", "any_opposed", "same", "one_side_only", "opposed_related"),
    "directions": ("opposed", "any_opposed", "same", "one_side_only", "opposed_related"),
    "quantifiers": ("clash", "same", "differ", "clash_related"),
    "time": (*(f"{kind}_differs" for kind in TIME_KINDS), "same", "differs_related"),
    "roles": ("names_swapped", "names_swapped_overlap", "reciprocal_swapped"),
    "alignment": (
        "jaccard", "related", "covered_min", "covered_max", "new_words_min", "new_words_max",
        "names_jaccard", "new_names_min", "new_names_max", "numbers_only_one_side",
        "digits_differ", "identical", "same_words", "nothing_shared", "related_low",
        "related_high",
    ),
}  # fmt: skip
"""The columns of each family, in order (named ``family:column``)."""


class CueFeaturizer(TransformerMixin, BaseEstimator):
    """Turn ``(a, b)`` statement pairs into the dense columns of the cue families.

    Parameters
    ----------
    families:
        the families to compute, among :data:`CUE_FAMILIES` (their columns come in that
        order): ``quantities`` (figures that cannot count the same thing, changes pointing
        opposite ways), ``negation`` (negation or denial on one side only), ``opposites``
        (support / oppose, win / lose ...), ``directions`` (up on one side, down on the other),
        ``quantifiers`` (all / none, most / few), ``time`` (two weekdays, months, years, clock
        times, compass points for one event), ``roles`` (the same names in swapped order around
        the same words) and ``alignment`` (how much the two statements share, from identical to
        nothing).
    cap:
        the largest count a count column gives (a fourth negation says no more than a third).
    lexicon_dir:
        the folder of the lexicon files (:data:`LEXICON_FILES`); None is the package's own
        ``lexicons/``. They are read by :meth:`fit`: add a line to a file and fit again.

    Attributes
    ----------
    lexicons_:
        the parsed lexicons, plain dicts, lists and tuples of strings and numbers, so that a
        saved model is self-contained.
    families_:
        the families computed, as a tuple.
    n_features_out_:
        the number of columns.
    """

    def __init__(
        self,
        families: Sequence[str] = CUE_FAMILIES,
        cap: int = 3,
        lexicon_dir: str | Path | None = None,
    ) -> None:
        self.families = families
        self.cap = cap
        self.lexicon_dir = lexicon_dir

    def fit(self, X: Pairs = None, y: Any = None) -> CueFeaturizer:
        """Read the lexicons; nothing is learned from the pairs ``X`` (checked to be pairs when
        given), so that the columns of a pair do not depend on what else was in training."""
        if X is not None:
            split_pairs(X)
        unknown = [f for f in self.families if f not in _FAMILIES]
        if unknown:
            raise ValueError(f"unknown cue families {unknown}; known: {list(CUE_FAMILIES)}")
        if not (isinstance(self.cap, (int, float)) and self.cap >= 1):
            raise ValueError(f"cap must be a number of at least 1, not {self.cap!r}")
        self.families_ = tuple(f for f in CUE_FAMILIES if f in set(self.families))
        self.lexicons_ = load_lexicons(self.lexicon_dir)
        self.n_features_out_ = sum(len(FAMILY_COLUMNS[f]) for f in self.families_)
        return self

    def transform(self, X: Pairs) -> np.ndarray:
        """The cue columns of each pair, one row per pair, in the order of
        ``get_feature_names_out``."""
        columns, _ = self._read(X)
        return columns

    def _read(self, X: Pairs) -> tuple[np.ndarray, list[Why]]:
        """The columns of every pair, and each family's words for what fired."""
        check_is_fitted(self, "lexicons_")
        a, b = split_pairs(X)
        texts, rows = distinct_texts(a + b)
        pairs = _Pairs(_Batch(texts), rows[: len(a)], rows[len(a) :])
        blocks, whys = [], []
        for family in self.families_:
            columns, why = _FAMILIES[family](self, pairs)
            blocks += [
                np.asarray(columns[name], dtype=np.float64) for name in FAMILY_COLUMNS[family]
            ]
            whys.append(why)
        if not blocks:
            return np.zeros((len(a), 0), dtype=np.float32), whys
        return np.column_stack(blocks).astype(np.float32).reshape(len(a), len(blocks)), whys

    def explain(self, a: str, b: str) -> list[str]:
        """What the cue columns saw in the pair, in words: one line per finding ("directions:
        hausse / baisse", "figures: 200–900 vs 4,000–6,000 do not overlap"), read from the
        computation of the pair's own columns."""
        _, whys = self._read([(a, b)])
        return [note for why in whys for note in why(0)]

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """``family:column`` names: ``negation:neg_only_one``, ``time:weekday_differs``, ..."""
        check_is_fitted(self, "families_")
        return np.asarray(
            [f"{family}:{name}" for family in self.families_ for name in FAMILY_COLUMNS[family]],
            dtype=object,
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True  # pairs of statements: an (n, 2) array of text
        return tags

    def __getstate__(self) -> dict[str, Any]:
        """The lexicons are saved as one JSON string: skops stores a string at once, where it
        builds a dict of thousands of forms one node at a time (seconds to load a model)."""
        state = dict(super().__getstate__())  # a copy: object.__getstate__ returns __dict__
        if "lexicons_" in state:
            state["lexicons_"] = json.dumps(state["lexicons_"], ensure_ascii=False)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Read the lexicons back from their JSON, and a model saved by an earlier stance too:
        its families had no parameters and no lexicons, so they take the defaults and the
        packaged lexicons (its classifier then refuses the new columns with a message, see
        stance.model)."""
        state = dict(state)
        if isinstance(state.get("lexicons_"), str):
            state["lexicons_"] = _thawed(json.loads(state["lexicons_"]))
        for name, parameter in inspect.signature(type(self).__init__).parameters.items():
            if name != "self":
                state.setdefault(name, parameter.default)
        super().__setstate__(state)
        if not hasattr(self, "lexicons_"):
            self.fit()


def _thawed(lexicons: dict[str, dict]) -> dict[str, dict]:
    """Lexicons read back from JSON with their tuples again (JSON has lists only)."""
    for lexicon in lexicons.values():
        lexicon["phrases"] = {
            head: [(tuple(rest), label) for rest, label in found]
            for head, found in lexicon["phrases"].items()
        }
        if "groups" in lexicon:
            lexicon["groups"] = [tuple(group) for group in lexicon["groups"]]
    return lexicons


def _one_family(name: str, family: str) -> type[CueFeaturizer]:
    """A :class:`CueFeaturizer` of one family by default, under the name a Pipeline of earlier
    stance versions gave its step (saved models name these classes)."""

    def __init__(
        self: CueFeaturizer,
        families: Sequence[str] = (family,),
        cap: int = 3,
        lexicon_dir: str | Path | None = None,
    ) -> None:
        CueFeaturizer.__init__(self, families=families, cap=cap, lexicon_dir=lexicon_dir)

    doc = f"The {family} cue family alone (see :class:`CueFeaturizer`)."
    return type(
        name, (CueFeaturizer,), {"__init__": __init__, "__module__": __name__, "__doc__": doc}
    )


QuantityCues = _one_family("QuantityCues", "quantities")
NegationCues = _one_family("NegationCues", "negation")
OppositeCues = _one_family("OppositeCues", "opposites")
AlignmentCues = _one_family("AlignmentCues", "alignment")

CUE_TYPES: tuple[type[CueFeaturizer], ...] = (
    CueFeaturizer,
    QuantityCues,
    NegationCues,
    OppositeCues,
    AlignmentCues,
)
"""Every cue featurizer type a saved model may hold."""


# --- helpers of the families --------------------------------------------------------------------


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


# --- quantities ---------------------------------------------------------------------------------


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


def _net(changes: list[quantities.Change]) -> int:
    """Increases less decreases: its sign is the statement's direction."""
    return sum(c.direction for c in changes)
