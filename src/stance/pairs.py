"""Candidate pairs: which statements of a pile of coverage are worth comparing.

Scoring every pair of statements wastes the model on "the strike began on Monday" against "the
minister plays tennis". A pair is a candidate when its two claims are about the same subject,
measured five ways that complement each other across languages:

- **text**: cosine similarity of character 3-5-gram TF-IDF vectors of the claims (accents and
  case folded), which matches inflections and French / English cognates ("grève"/"grevistes",
  "Lorvenec"/"Lorvenec's");
- **names**: Jaccard overlap of the capitalised names in the two quotes, which stay the same in
  both languages;
- **quantities**: both claims give a quantity of the same kind (same unit, and the same counted
  noun or one thing named in two languages, "pompiers" / "firefighters": :func:`quantities.kinds`);
- **story**: Jaccard overlap of the names of the two statements' whole articles, so that two
  outlets' reports of one event, in two languages, are compared even where a sentence names
  nobody;
- **bilingual**, for a French claim against an English one only: the share of the shorter
  claim's stems that the other has or reaches through the French-English lexicon
  (:mod:`stance.bilingual`), where character n-grams cannot meet ("a démenti toute piste
  criminelle" / "the fire was started deliberately").

``relatedness = text + NAME_WEIGHT * names + QUANTITY_BONUS * quantities + STORY_WEIGHT *
story + BILINGUAL_WEIGHT * bilingual``; pairs at or above ``threshold`` are kept, best first.
Some pairs are kept whatever their relatedness, because wording cannot relate them and losing
them loses contradictions before they are scored: every pair of one article (articles are
small), every French-English pair of one story (their articles share names) whose claims
give comparable figures or both date something (:meth:`_Signals.relatedness`), and, when every
pair is measured, each statement's most related statement of the other language in its story
(``STORY_PARTNERS``): two outlets' versions of one fact often share no word ("aucun signe
avant-coureur" / "the signals were there"), and a statement's closest match in the other
outlet is where its version is likeliest to be. Keeping the two closest raised the key's
candidate recall further but pushed key contradictions of two annotated sets out of the
scan's top 2k, so one is kept.
Near-duplicates (text cosine at or above ``duplicate``: the same sentence reported twice), a
statement paired with itself, and two statements of the same speaker in the same article (as
the article writes them both; ``same_speaker`` keeps them) are dropped. The defaults were
tuned on the project's annotated articles (``training/bench_extract.py`` prints the recall of the
key's contradictions among the candidates).

**Exhaustive or nearest neighbours.** By default every pair is measured: ``n (n - 1) / 2``
relatedness values, computed a block of rows at a time so memory stays linear, but time grows
with the square (100,000 statements are 5 billion pairs). With ``neighbours=K`` the cost grows
about linearly instead. All pairs within one article are still measured (their number grows
with the articles' sizes, not with the archive's). Across articles, statements are *blocked* on
the keys they share (folded words of three letters or more, numbers, names, quantity kinds and
the names of their story) through an inverted index that ignores any key carried by more than
``BLOCK_CAP`` statements (such keys, "said", "the", "ministre", say little about which
statements belong together and are what makes blocking quadratic); each statement's
``PRESELECT * K`` best blocked partners by *key strength* (IDF-weighted shared keys, so that
the name of a place counts for more than a common word) are measured exactly, and a pair is
kept when it is among the ``K`` most related, or the ``K`` strongest by keys, of either of its
statements. The two rankings complement each other: relatedness favours shared wording, which
boilerplate ("the toll rose to N in PLACE") also gives to unrelated stories; key strength
favours the rare names that a story's statements share across languages. Every pair found this
way has the relatedness exhaustive pairing gives it; what can be lost is a related pair of two
articles that shares no uncommon key or is in neither top ``K``. ``training/bench_scale.py``
measures that recall against exhaustive pairing; :data:`AUTO_NEIGHBOURS_ABOVE` statements
switch to it automatically.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import MultiLabelBinarizer

from . import quantities
from .cues import proper_names, shorter_share, stems_and_reach
from .extract import DENIAL_FORMS, QUOTE_PAIRS, same_person
from .extract.lexicon import _MONTHS, _TIME_WORDS
from .extract.speakers import _surname as surname
from .settings import AUTO_NEIGHBOURS_ABOVE as AUTO_NEIGHBOURS_ABOVE
from .settings import NEIGHBOURS as NEIGHBOURS
from .settings import THRESHOLD as THRESHOLD
from .text import alternation, folded, guess_lang

NAME_WEIGHT = 0.5
QUANTITY_BONUS = 0.15
STORY_WEIGHT = 0.3
BILINGUAL_WEIGHT = 0.25
"""Weight of the bilingual stem share of a French-English pair (see the module docstring)."""
STORY_PARTNERS = 1
"""Each statement's most related statements of the other language in its story that are kept
as candidates at any relatedness (see the module docstring)."""
DUPLICATE = 0.95
BLOCK_CAP = 500
"""A blocking key carried by more statements than this is ignored."""
PRESELECT = 3
"""Blocked partners measured exactly per statement, as a multiple of ``K``."""
NAME_KEY_WEIGHT = 3.0
"""How much more a shared name (of the statement or of its story) weighs than a shared word in
the key strength: names tie a story's statements together across outlets and languages, while
words are shared by every story told with the same phrases."""
ROWS_PER_BLOCK = 512
"""Statements whose relatedness to all others is computed at once (memory ~ block x n)."""
PAIRS_PER_MEASURE = 250_000
"""Listed pairs whose relatedness signals exist at once (see ``_measured``)."""
PAIRS_PER_CHUNK = 10_000
"""Listed pairs whose relatedness is computed at once: each copies the two sides' TF-IDF rows
(about 12 KB a pair), so a chunk of 50,000 took some 250 MB of a 100,000-statement scan's peak;
10,000 are as fast."""


# Attribution frames that deny what follows them: "a démenti", "nie", "conteste", "denied"
# (any form the extractor reports: stance.extract.DENIAL_FORMS).
DENIAL_CUE = re.compile(rf"(?<!\w)(?:{alternation(DENIAL_FORMS)})(?!\w)", re.IGNORECASE)


def statement_text(statement: Mapping[str, Any]) -> str:
    """The text that stands for a statement when it is paired and scored: its claim, or, when
    its attribution frame is a denial of a reported claim, the frame and the claim ("denied it
    had received any offer"). The claim alone would assert exactly what the speaker denies. A
    denial in the speaker's own quoted words (« Aucune prime n'a été versée », a démenti X)
    already says what it says: the frame in front would negate it twice."""
    claim = statement.get("claim") or statement.get("quote") or ""
    cue = statement.get("cue") or ""
    if DENIAL_CUE.search(cue) and not _in_quotation_marks(claim, statement.get("quote") or ""):
        return f"{cue} {_with_referent(claim, statement)}"
    return _with_referent(claim, statement)


def _with_referent(claim: str, statement: Mapping[str, Any]) -> str:
    """The claim with a pronoun that opens it replaced by what it stands for (the extractor's
    ``referent``): "Il a fait douze morts" is scored as "Le séisme a fait douze morts", which
    can be paired with, and compared to, another account of the earthquake."""
    referent = statement.get("referent")
    m = _OPENING_PRONOUN.match(claim) if referent else None
    return f"{referent}{claim[m.end() :]}" if m else claim


_OPENING_PRONOUN = re.compile(r"(?i:il|elle|ils|elles|it|they|he|she)(?=\s)")


def _in_quotation_marks(claim: str, quote: str) -> bool:
    """Whether the claim is the whole of a quotation in its statement's sentence (final
    punctuation aside)."""
    at = quote.find(claim) if claim else -1
    if at < 0:
        return False
    opening = quote[:at].rstrip()[-1:]
    after = quote[at + len(claim) :].lstrip(" .,;:!?\u2026")
    return opening in QUOTE_PAIRS and after.startswith(QUOTE_PAIRS[opening])


def _quantity_kinds(text: str) -> set[str]:
    """What the quantities of ``text`` count (:func:`stance.quantities.kinds`): the same noun, or
    one concept named in two languages."""
    return {
        kind for q in quantities.quantities(text, guess_lang(text)) for kind in quantities.kinds(q)
    }


# When something happened, as a claim dates it: a clock time ("23h40", "11:40 p.m.", "vers 4
# heures"), a weekday or a month; relative days ("hier", "today") say nothing of their own.
_VERB_MONTHS = frozenset(("march", "may"))  # "the march", "may be": months only capitalised
_RELATIVE_DAYS = frozenset(("hier", "aujourd'hui", "aujourd’hui", "yesterday", "today", "tonight"))
_WHEN = re.compile(
    r"\b\d{1,2}(?:[:h]\d{2}|\s?h\b|\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\s+heures?\b)"
    r"|\b(?:next|last|coming)\s+week\b|\bwithin\s+the\s+hour\b"
    r"|\bsemaine\s+(?:prochaine|dernière|passée)\b|\bdans\s+l['’]heure\b"
    rf"|\b(?:{'|'.join(sorted((_TIME_WORDS | _MONTHS) - _RELATIVE_DAYS - _VERB_MONTHS))})\b"
    r"|\b(?-i:March|May)\b",
    re.IGNORECASE,
)


# Durations that time an event ("closed for three weeks", "knew for three days"); months and
# years measure trends and sentences ("four years' suspension"), which dates do not answer.
_DURATIONS = frozenset(("hour", "day", "week"))


def _figures(claim: str, kinds: set[str]) -> tuple[set[str], set[str], set[str]]:
    """What a claim gives a figure of (see :class:`_Signals`): the kinds of its quantities that
    name what they count, "change" when it states one ("a doublé", "fell by a third"), and
    "when" when it dates something (a clock time, a weekday, a month); the
    units ("u:%", "u:" for a count) of its quantities that name nothing; and of all of them.
    A duration dates too: "closed for three weeks" answers "reopens on Monday".
    Two claims give comparable figures (as :func:`stance.quantities.comparable` reads them)
    when they share a kind, or one's unnamed unit is among the other's units."""
    counted = {kind for kind in kinds if not kind.endswith("|")}
    if quantities.changes(claim, guess_lang(claim)):
        counted.add("change")
    if _WHEN.search(claim) or any(kind.split("|", 1)[1] in _DURATIONS for kind in kinds):
        counted.add("when")  # a date, or how long: "reopens on Monday" / "closed three weeks"
    bare = {"u:" + kind[:-1] for kind in kinds if kind.endswith("|")}
    return counted, bare, {"u:" + kind.split("|", 1)[0] for kind in kinds}


def _common_binary(
    rows: list[tuple[set[str], ...]],
) -> tuple[sp.csr_matrix, ...]:
    """One binary matrix per position of ``rows``' tuples, all with the same columns, so that
    a member of one can be matched against another (:meth:`_View.cross`)."""
    columns = sorted(set().union(*(part for row in rows for part in row)))
    binarizer = MultiLabelBinarizer(classes=columns, sparse_output=True)
    return tuple(
        sp.csr_matrix(binarizer.fit_transform([row[k] for row in rows]).astype(np.float32))
        for k in range(len(rows[0]) if rows else 0)
    )


def _membership(sets: list[set[str]]) -> tuple[sp.csr_matrix, np.ndarray]:
    """Which sets hold which members: one 0/1 row per set, one column per member; and the
    size of each set."""
    matrix = MultiLabelBinarizer(sparse_output=True).fit_transform(sets).astype(np.float32)
    return sp.csr_matrix(matrix), np.asarray(matrix.sum(axis=1)).ravel()


class _View:
    """Which relatedness values to compute: a block of rows against every statement (a dense
    block), or a list of pairs (one value each). One formula then serves both."""

    def __init__(self, rows: np.ndarray, cols: np.ndarray | None = None) -> None:
        self.rows, self.cols = rows, cols

    def dot(self, matrix: sp.csr_matrix) -> np.ndarray:
        return self.cross(matrix, matrix)

    def cross(self, left: sp.csr_matrix, right: sp.csr_matrix) -> np.ndarray:
        """Row products of ``left``'s rows with ``right``'s columns (matrices of one width)."""
        if self.cols is None:
            return (left[self.rows] @ right.T).toarray()
        return np.concatenate(  # in chunks: a row per pair of long TF-IDF vectors adds up
            [np.zeros(0, dtype=left.dtype)]
            + [
                np.asarray(
                    left[self.rows[k : k + PAIRS_PER_CHUNK]]
                    .multiply(right[self.cols[k : k + PAIRS_PER_CHUNK]])
                    .sum(axis=1)
                ).ravel()
                for k in range(0, len(self.rows), PAIRS_PER_CHUNK)
            ]
        )

    def ends(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.cols is None:
            return values[self.rows][:, None], values[None, :]
        return values[self.rows], values[self.cols]


class _Signals:
    """The relatedness signals of a set of statements, ready to be compared pairwise."""

    def __init__(self, statements: Sequence[Mapping[str, Any]]) -> None:
        claims = [statement_text(s) for s in statements]
        self.text = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, preprocessor=folded
        ).fit_transform(claims)
        self.quote_names = [proper_names(s.get("quote") or statement_text(s)) for s in statements]
        self.kinds = [_quantity_kinds(c) for c in claims]
        self.story_names = _article_names(statements, self.quote_names)
        self.names, self.names_size = _membership(self.quote_names)
        self.quantity, _ = _membership(self.kinds)
        # What each claim gives a figure of, for the pairs of one story across languages (see
        # relatedness): the things its quantities count and whether it states a change; the
        # units of its quantities without a noun; the units of all its quantities.
        self.counted, self.bare, self.units = _common_binary(
            [_figures(c, k) for c, k in zip(claims, self.kinds)]
        )
        self.story, self.story_size = _membership(self.story_names)
        self.claims = claims
        self.stems, self.reached = stems_and_reach(claims)
        self.stem_sizes = np.diff(self.stems.indptr).astype(np.float64)
        # The extractor gives each statement its language; a statement file may not.
        self.lang = np.array([s.get("lang") or guess_lang(c) for s, c in zip(statements, claims)])
        self.article = np.unique([str(s.get("article")) for s in statements], return_inverse=True)[
            1
        ].ravel()

    def same_article(self) -> tuple[np.ndarray, np.ndarray]:
        """Every pair ``i < j`` of statements of one article: as many as the articles' sizes
        allow, linear in the size of the archive."""
        order = np.argsort(self.article, kind="stable")
        starts = np.flatnonzero(np.diff(self.article[order], prepend=-1))
        rows, cols = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for lo, hi in zip(starts, [*starts[1:], len(order)]):
            a, b = np.triu_indices(hi - lo, 1)
            members = np.sort(order[lo:hi])
            rows.append(members[a])
            cols.append(members[b])
        return np.concatenate(rows), np.concatenate(cols)

    def relatedness(self, view: _View) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(relatedness, text cosine, kept whatever the relatedness)`` of the pairs of
        ``view``: a pair of one article, and a French-English pair of one story (their
        articles share names) that gives a figure of one thing in both languages ("douze
        morts" / "30 dead", through the counted-noun concepts; two percentages; two counts;
        two changes), are candidates at any relatedness: wording alone cannot relate them."""
        cosine = view.dot(self.text)
        shared_kind = view.dot(self.quantity) > 0
        lang_a, lang_b = view.ends(self.lang)
        story = view.dot(self.story)
        score = (
            cosine
            + NAME_WEIGHT * _jaccard(view.dot(self.names), *view.ends(self.names_size))
            + QUANTITY_BONUS * shared_kind
            + STORY_WEIGHT * _jaccard(story, *view.ends(self.story_size))
            + BILINGUAL_WEIGHT * (lang_a != lang_b) * self._stem_share(view)
        )
        article_a, article_b = view.ends(self.article)
        figures = (
            view.dot(self.counted)
            + view.cross(self.bare, self.units)
            + view.cross(self.units, self.bare)
        )
        forced = (article_a == article_b) | ((lang_a != lang_b) & (story > 0) & (figures > 0))
        return score, cosine, forced

    def other_outlet(self, view: _View) -> np.ndarray:
        """Whether each pair of ``view`` is a French-English pair of one story (their articles
        share names)."""
        lang_a, lang_b = view.ends(self.lang)
        return (lang_a != lang_b) & (view.dot(self.story) > 0)

    def _stem_share(self, view: _View) -> np.ndarray:
        """The share of the shorter claim's stems that the other reaches, through the
        bilingual lexicon (what ``alignment:related`` measures, see :mod:`stance.cues`)."""
        return shorter_share(
            view.cross(self.stems, self.reached),
            view.cross(self.reached, self.stems),
            *view.ends(self.stem_sizes),
        )

    def blocked(self, per_statement: int) -> tuple[np.ndarray, np.ndarray, sp.csr_matrix]:
        """Pairs ``i < j`` of two articles sharing uncommon keys: each statement's
        ``per_statement`` best, as two arrays of 32-bit indices.

        Also returns the IDF-weighted key matrix, whose row products are the pairs' *key
        strength* (rare shared keys, such as the name of a place, weigh most)."""
        # A generator: the vectorizer reads each statement's keys once, and the key sets of
        # 100,000 statements, all at once, weighed more than the index made of them.
        keys = (
            _blocking_words(claim)
            | {f"n:{n}" for n in names}
            | {f"q:{k}" for k in kinds}
            | {f"s:{s}" for s in story}
            for claim, names, kinds, story in zip(
                self.claims, self.quote_names, self.kinds, self.story_names
            )
        )
        n = len(self.claims)
        vectorizer = CountVectorizer(
            analyzer=sorted, binary=True, min_df=2, max_df=BLOCK_CAP, dtype=np.float32
        )
        try:
            index = vectorizer.fit_transform(keys)
        except ValueError:  # no key shared by two statements (or every key too common)
            empty = np.zeros(0, dtype=np.int32)
            return empty, empty, sp.csr_matrix((n, 0), dtype=np.float32)
        df = np.asarray(index.sum(axis=0)).ravel()
        is_name = np.array([k[:2] in ("n:", "s:") for k in vectorizer.get_feature_names_out()])
        del vectorizer  # and its vocabulary, and every key it dropped (its stop_words_)
        weight = np.log(n / df) * np.where(is_name, NAME_KEY_WEIGHT, 1.0)
        weighted = sp.csr_matrix(index.multiply(weight[None, :]))
        del index
        # Each pair once as one code, min * n + max, which sorts like the pair (i, j), i < j:
        # a few million codes take far less memory than rows and columns deduplicated as pairs.
        found = []
        for start in range(0, n, ROWS_PER_BLOCK):
            shared = (weighted[start : start + ROWS_PER_BLOCK] @ weighted.T).tocsr()
            block = []
            for r in range(shared.shape[0]):
                lo, hi = shared.indptr[r], shared.indptr[r + 1]
                partners, strength = shared.indices[lo:hi], shared.data[lo:hi]
                other = self.article[partners] != self.article[start + r]
                partners, strength = partners[other], strength[other]
                if len(partners) > per_statement:
                    best = np.argpartition(-strength, per_statement)[:per_statement]
                    partners = partners[best]
                partners = partners.astype(np.int64)
                block.append(np.minimum(partners, start + r) * n + np.maximum(partners, start + r))
            found.append(np.unique(np.concatenate([np.zeros(0, dtype=np.int64), *block])))
        # Deduplicated in place (np.unique would copy the millions of codes twice more): a pair
        # is found from both of its statements when each has the other among its best.
        codes = np.concatenate(found)
        del found
        codes.sort()
        first = np.ones(len(codes), dtype=bool)
        np.not_equal(codes[1:], codes[:-1], out=first[1:])
        codes = codes[first]
        del first
        # Statement indices fit in 32 bits: half the memory of the millions of pairs listed.
        i, j = (codes // n).astype(np.int32), (codes % n).astype(np.int32)
        del codes
        keep = i < j
        return i[keep], j[keep], weighted


_WORD = re.compile(r"\w+")


def _blocking_words(text: str) -> set[str]:
    """Blocking keys of a claim: its case- and accent-folded words of 3+ letters, and numbers."""
    return {w for w in _WORD.findall(folded(text)) if len(w) >= 3 or w.isdigit()}


def candidate_index(
    statements: Sequence[Mapping[str, Any]],
    threshold: float = THRESHOLD,
    duplicate: float = DUPLICATE,
    neighbours: int | None = None,
    same_speaker: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs as index arrays ``(i, j, relatedness)``, ``i < j``, best first.

    Every pair of one article is a candidate (articles are small, and two officials of one
    story contradict each other in wording that shares nothing), except two statements of
    one speaker, which develop a point; ``same_speaker`` keeps those too (a figure revised).
    Across articles a pair needs ``threshold``, or to count one thing in French and English
    in one story (see :meth:`_Signals.relatedness`), or, when every pair is measured, to be
    one statement's most related statement of the other language in its story
    (``STORY_PARTNERS``).

    ``neighbours=0`` compares every pair; ``neighbours=K`` keeps every pair within an article
    and, across articles, the pairs among the ``K`` most related or ``K`` strongest by shared
    keys of either statement, found by blocking (see the module docstring); ``None`` is
    exhaustive below :data:`AUTO_NEIGHBOURS_ABOVE` statements and ``K=`` :data:`NEIGHBOURS`
    from there on.
    """
    n = len(statements)
    if neighbours is None:
        neighbours = NEIGHBOURS if n >= AUTO_NEIGHBOURS_ABOVE else 0
    if neighbours < 0:
        raise ValueError(f"neighbours must be 0 (every pair) or positive, got {neighbours}")
    empty = np.zeros(0, dtype=np.int64)
    if n < 2:
        return empty, empty, np.zeros(0)
    signals = _Signals(statements)
    # Ids as integer codes: at 100,000 statements a few million candidate pairs would otherwise
    # copy two arrays of id strings (80 bytes an id), most of a scan's peak memory.
    ids = np.unique([str(s.get("id")) for s in statements], return_inverse=True)[1].ravel()

    def kept(
        i: np.ndarray, j: np.ndarray, score: np.ndarray, cosine: np.ndarray, forced: np.ndarray
    ) -> np.ndarray:
        return ((score >= threshold) | forced) & (cosine < duplicate) & (ids[i] != ids[j])

    if neighbours:
        i, j, score = _measured(signals, *signals.same_article(), kept)[:3]
        *across, keys = signals.blocked(PRESELECT * neighbours)
        ci, cj, cscore, view = _measured(signals, *across, kept)
        # Every pair is measured: the signals (their TF-IDF matrix above all) and the list of
        # blocked pairs go before the neighbours are ranked, which is where the peak was.
        del signals, across
        strength = view.dot(keys)
        del keys, view
        chosen = np.union1d(
            _nearest(ci, cj, cscore, neighbours), _nearest(ci, cj, strength, neighbours)
        )
        del strength
        i, j, score = (
            np.concatenate([mine, theirs[chosen]])
            for mine, theirs in ((i, ci), (j, cj), (score, cscore))
        )
        del ci, cj, cscore, chosen
    else:
        parts = []
        for start in range(0, n, ROWS_PER_BLOCK):
            block = np.arange(start, min(start + ROWS_PER_BLOCK, n))
            view = _View(block)
            score, cosine, forced = signals.relatedness(view)
            keep = kept(block[:, None], np.arange(n)[None, :], score, cosine, forced)
            partners = keep | _best_in_rows(
                score, signals.other_outlet(view) & (cosine < duplicate), STORY_PARTNERS
            )
            # A partner may come before its statement: each pair once, as (lower, higher).
            bi, bj = np.nonzero(partners & (np.arange(n)[None, :] != block[:, None]))
            parts.append((np.minimum(block[bi], bj), np.maximum(block[bi], bj), score[bi, bj]))
        i, j, score = (np.concatenate(p) for p in zip(*parts))
        codes, first = np.unique(i * n + j, return_index=True)
        i, j, score = codes // n, codes % n, score[first]
    # One speaker's successive statements in one article ("le préfet, Arnaud Desvignes" and
    # "Arnaud Desvignes") develop a point; they are not a clash worth a fact-checker's time.
    if not same_speaker:
        other_voice = np.array(
            [not _same_voice(statements[a], statements[b]) for a, b in zip(i, j)], dtype=bool
        )
        i, j, score = i[other_voice], j[other_voice], score[other_voice]
    order = np.lexsort((j, i, -score))  # best first; ties in index order, so runs agree
    i, j = i[order].astype(np.int64, copy=False), j[order].astype(np.int64, copy=False)
    return i, j, score[order]


def _best_in_rows(score: np.ndarray, allowed: np.ndarray, k: int) -> np.ndarray:
    """A mask of each row's ``k`` highest scores among its ``allowed`` entries.

    Ranked among the allowed entries only (a story's other outlet: a few per row), so that a
    block of rows against every statement costs no more than the mask."""
    best = np.zeros(score.shape, dtype=bool)
    rows, cols = np.nonzero(allowed)
    if k <= 0 or len(rows) == 0:
        return best
    order = np.lexsort((cols, -score[rows, cols], rows))  # by row, best first, ties by column
    rows, cols = rows[order], cols[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)  # place within its row's run
    best[rows[rank < k], cols[rank < k]] = True
    return best


def _measured(
    signals: _Signals,
    i: np.ndarray,
    j: np.ndarray,
    kept: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, _View]:
    """The listed pairs that ``kept`` keeps, their relatedness, and a view of them.

    Measured :data:`PAIRS_PER_MEASURE` at a time: each signal is an array as long as the list,
    and a dozen of them for four million blocked pairs made a third of a large scan's peak."""
    parts = [(np.zeros(0, dtype=i.dtype),) * 2 + (np.zeros(0),)]  # 32-bit indices stay so
    for k in range(0, len(i), PAIRS_PER_MEASURE):
        some_i, some_j = i[k : k + PAIRS_PER_MEASURE], j[k : k + PAIRS_PER_MEASURE]
        score, cosine, forced = signals.relatedness(_View(some_i, some_j))
        keep = kept(some_i, some_j, score, cosine, forced)
        parts.append((some_i[keep], some_j[keep], score[keep]))
    i, j, score = (np.concatenate(column) for column in zip(*parts))
    return i, j, score, _View(i, j)


def _nearest(i: np.ndarray, j: np.ndarray, score: np.ndarray, k: int) -> np.ndarray:
    """Indices of the pairs that are among the ``k`` highest-scoring of one of their ends."""
    # Each pair twice, once per end: entry e is pair e % len(i). Millions of pairs make each
    # array here tens of megabytes, so there are as few as can be, each freed once used.
    ends = np.concatenate([i, j]).astype(np.int32, copy=False)
    key = np.concatenate([score, score])
    np.negative(key, out=key)
    order = np.lexsort((key, ends))  # by statement, then best first, ties in pair order
    del key
    ends = ends[order]
    rank = np.arange(len(ends), dtype=np.int64)
    rank -= np.searchsorted(ends, ends)  # where each statement's run starts
    del ends
    return np.unique(order[rank < k] % len(i))


def candidate_pairs(
    statements: Sequence[Mapping[str, Any]],
    threshold: float = THRESHOLD,
    duplicate: float = DUPLICATE,
    neighbours: int | None = None,
    same_speaker: bool = False,
) -> list[dict[str, Any]]:
    """The candidate pairs among ``statements`` (dicts as :func:`stance.extract` gives them).

    Each pair is ``{"id", "a", "b", "statement_a", "statement_b", "relatedness"}`` where ``a`` and
    ``b`` are the two claims, so that the list can go straight to ``stance score -i`` and
    ``stance label``. Sorted by decreasing relatedness; ``neighbours`` as in
    :func:`candidate_index`, and so is ``same_speaker``.
    """
    i, j, score = candidate_index(statements, threshold, duplicate, neighbours, same_speaker)
    return [
        _pair(statements[a], statements[b], s)
        for a, b, s in zip(i.tolist(), j.tolist(), score.tolist())
    ]


def _same_voice(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Two statements of one article by one speaker, as the article writes them both.

    A speaker resolved from a pronoun or a title (not written in its own sentence) may be
    resolved wrongly, and would then hide two officials' clash: such a pair is kept. The
    speakers must be one person by name (:func:`same_person`), which is stricter than the
    evaluation's surname rule ("the Causse mining company" is not "the secretary of the Causse
    miners' union")."""
    return (
        a.get("article") == b.get("article")
        and _written(a)
        and _written(b)
        and same_person(a.get("speaker"), b.get("speaker"))
    )


def _written(statement: Mapping[str, Any]) -> bool:
    """Whether the statement's speaker is written in its own sentence (not resolved from a
    pronoun or a title): as a whole, or by the surname of its name ("M. Aubanel")."""
    speaker, quote = statement.get("speaker") or "", (statement.get("quote") or "").casefold()
    name = surname(speaker)
    return bool(speaker) and (speaker.casefold() in quote or (name or "\0").casefold() in quote)


def _article_names(
    statements: Sequence[Mapping[str, Any]], quote_names: list[set[str]]
) -> list[set[str]]:
    """For each statement, the names of all statements of its article: its story's cast."""
    by_article: dict[Any, set[str]] = {}
    for statement, found in zip(statements, quote_names):
        by_article.setdefault(statement.get("article"), set()).update(found)
    return [by_article[s.get("article")] for s in statements]


def _jaccard(inter: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """Jaccard overlap from intersection sizes and set sizes (0 where both sets are empty)."""
    union = size_a + size_b - inter
    return np.divide(inter, union, out=np.zeros(np.broadcast(inter, union).shape), where=union > 0)


def _pair(a: Mapping[str, Any], b: Mapping[str, Any], score: float) -> dict[str, Any]:
    return {
        "id": f"{a.get('id')}~{b.get('id')}",
        "a": statement_text(a),
        "b": statement_text(b),
        "statement_a": dict(a),
        "statement_b": dict(b),
        "relatedness": round(float(score), 4),
    }
