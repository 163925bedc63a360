"""The rules that derive a labelled pair from one real sentence (FactCC-style).

Each rule is a named function ``rule(sentence, rng, corpus) -> (a, b) or None``: ``a`` is the
sentence (or its translation), ``b`` what the rule made of it, and the rule's label in
:data:`RULES` says what a careful news reader would call the pair. A rule returns None when
the sentence offers nothing to work on (no figure to change, no verb to negate). Rules change
one thing, so that the label is the rule's: a figure swapped for an incompatible one
contradicts, the same figure written another way agrees, a dropped modifier leaves a
statement its original entails (agree, as a reader of two reports would say).

Word lists are data files, read by :mod:`.tables`: this folder's ``synonyms.tsv``,
``droppable.tsv``, ``places.tsv``, ``frames.tsv``, ``numbers.tsv``, and the shared bilingual
lexicons of ``stance/lexicons`` (``opposites.tsv``, ``directions.tsv``, ``quantifiers.tsv``,
``time.tsv``), so that a reader can add a line and regenerate.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .sources import Sentence
from .tables import (
    by_language,
    number_words,
    participles,
    places,
    quantifier_words,
    reciprocal_words,
    swaps,
    synonyms,
    time_words,
)

Pair = tuple[str, str]


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------


def _word(form: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return _matcher((form,), not flags & re.IGNORECASE)


@lru_cache(maxsize=256)
def _matcher(forms: tuple[str, ...], case: bool) -> re.Pattern[str]:
    """One regex for whole-word occurrences of any of ``forms``, longest first."""
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    flags = 0 if case else re.IGNORECASE
    return re.compile(r"(?<![\w'’-])(?:" + alternatives + r")(?![\w'’-])", flags)


@lru_cache(maxsize=256)
def _spellings(forms: tuple[str, ...], case: bool) -> dict[str, str]:
    return {f if case else f.lower(): f for f in forms}


def _cased(new: str, old: str) -> str:
    """``new`` with the capital of ``old``'s first letter, if it had one."""
    if old[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + _cased(new, text[start:end]) + text[end:]


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    text = text.strip(" ,")
    return text[:1].upper() + text[1:]


def _occurrences(text: str, forms: list[str], case: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, form) of every whole-word occurrence of a form in ``text``; the form as the
    list spells it (its lower case when ``case`` is False)."""
    if not forms:
        return []
    key_forms = tuple(forms)
    spelled = _spellings(key_forms, case)
    found = []
    for m in _matcher(key_forms, case).finditer(text):
        key = m.group(0) if case else m.group(0).lower()
        if key in spelled:
            found.append((m.start(), m.end(), spelled[key]))
    return found


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?<![\w.,:/'’-])(\d{1,3}(?:(?:,|\.|\u202f|\u00a0| )\d{3})+|\d+(?:[.,]\d+)?)(?![\w/]|[.,:]\d)"
)


@dataclass(frozen=True)
class Figure:
    """A number as written: where, its value, and how its digits are grouped."""

    start: int
    end: int
    value: float
    group: str  # thousands separator as written, "" for none
    point: str  # decimal separator
    decimals: int


def figures(text: str, lang: str) -> list[Figure]:
    """The numbers of a sentence, read with the language's separators."""
    out = []
    point = "," if lang == "fr" else "."
    for m in _NUMBER.finditer(text):
        raw = m.group(1)
        seps = {c for c in raw if not c.isdigit()}
        if len(seps) > 1:
            continue
        sep = seps.pop() if seps else ""
        if sep == point and raw.count(sep) == 1 and len(raw.split(sep)[1]) != 3:
            value = float(raw.replace(sep, "."))
            decimals = len(raw.split(sep)[1])
            out.append(Figure(m.start(1), m.end(1), value, "", point, decimals))
        elif sep in {"", ",", ".", " ", "\u202f", "\u00a0"} and (sep != point or lang == "fr"):
            if sep == "," and lang == "fr":
                continue  # "3,500" in French is ambiguous
            out.append(
                Figure(m.start(1), m.end(1), float(raw.replace(sep, "") or 0), sep, point, 0)
            )
    return out


def write_number(value: float, group: str, point: str, decimals: int) -> str:
    """A number written with the given separators (``group`` between thousands)."""
    if decimals:
        return f"{value:.{decimals}f}".replace(".", point)
    digits = f"{round(value):,}"
    return digits.replace(",", group)


def _is_year(f: Figure) -> bool:
    return not f.group and not f.decimals and 1800 <= f.value <= 2100


def _incompatible(value: float, rng: random.Random, year: bool) -> float:
    """Another value no careful reader would take for an estimate of the same figure."""
    if year:
        return value + rng.choice([-1, 1]) * rng.randint(1, 8)
    if value <= 12 and value == int(value):
        choices = [v for v in range(0, 25) if abs(v - value) >= 2]
        return float(rng.choice(choices))
    factor = rng.choice([0.2, 0.25, 0.3, 0.4, 0.5, 2, 2.5, 3, 4, 5, 10])
    new = value * factor
    if value == int(value) and new >= 100:
        magnitude = 10 ** (len(str(int(new))) - 2)
        new = round(new / magnitude) * magnitude
    return new


VAGUE_SHARE = 0.3
"""How often a count changed by :func:`figure_change` is written as a vague phrase."""

# A figure in a range or followed by a sign is not a count a vague phrase can stand for.
_RANGE_BEFORE = re.compile(r"(?:between|from|entre|de|\d)\s*$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:and|to|et|à|-|–|%|\d)", re.IGNORECASE)


def _vague_instead(s: Sentence, f: Figure, rng: random.Random) -> str | None:
    """A vague count ("a few hundred", ``vague.tsv``) that no reading of the figure ``f``
    overlaps, nor its half or double; None when the figure is not a plain count."""
    from ..quantities import VAGUE

    if f.decimals or _is_year(f) or f.value < 20:
        return None
    if _RANGE_BEFORE.search(s.text[: f.start]) or _RANGE_AFTER.search(s.text[f.end :]):
        return None
    phrases = [p[0] for p in by_language("vague.tsv").get(s.lang, []) if p[0] in VAGUE]
    far = [p for p in phrases if VAGUE[p][1] < f.value / 2 or VAGUE[p][0] > f.value * 2]
    return rng.choice(far) if far else None


def figure_change(s: Sentence, rng: random.Random) -> Pair | None:
    """A figure swapped for an incompatible one (x0.2 to x10; a year moved; sometimes a vague
    count such as "a few hundred" for "4,000"): contradict."""
    found = figures(s.text, s.lang)
    if not found:
        return None
    f = rng.choice(found)
    if rng.random() < VAGUE_SHARE:
        vague = _vague_instead(s, f, rng)
        if vague is not None:
            head, tail = s.text[: f.start] + vague, s.text[f.end :]
            if s.lang == "fr" and re.match(r" [^\W\d]", tail):  # "quelques centaines de ..."
                elided = re.match(r" [aeiouyéèêh]", tail, re.IGNORECASE)
                tail = " d'" + tail[1:] if elided else " de" + tail
            return s.text, head + tail
    new = _incompatible(f.value, rng, _is_year(f))
    decimals = f.decimals if new != int(new) or f.decimals else 0
    written = write_number(new, f.group, f.point, decimals)
    if float(written.replace(f.group or "\x00", "").replace(f.point, ".")) == f.value:
        return None
    return s.text, _replace(s.text, f.start, f.end, written)


def spelled(n: int, lang: str) -> str | None:
    """A round number in words ("four thousand", "quatre mille"), where it reads naturally."""
    words = number_words()[lang]
    if n in words and (n <= 20 or (n % 10 == 0 and n < 100 and lang == "en")):
        return words[n]
    for unit, plural in ((1_000_000, lang == "fr"), (1000, False)):
        if n % unit == 0 and 1 <= n // unit <= 20 and n // unit in words:
            head = "" if n // unit == 1 and unit == 1000 and lang == "fr" else words[n // unit]
            tail = words[unit] + ("s" if plural and n // unit > 1 else "")
            return f"{head} {tail}".strip()
    return None


def _restyles(f: Figure, lang: str) -> list[str]:
    """Other ways of writing the same figure, in the sentence's language."""
    value = f.value
    out = []
    if f.decimals or _is_year(f):
        return out
    n = round(value)
    if n >= 1000:
        groups = ["", ","] if lang == "en" else ["", " ", "."]
        out += [write_number(n, g, f.point, 0) for g in groups if g != f.group]
        if n >= 1_000_000 and n % 100_000 == 0:
            millions = write_number(n / 1_000_000, "", f.point, 0 if n % 1_000_000 == 0 else 1)
            out.append(f"{millions} million" + ("s" if lang == "fr" and n >= 2_000_000 else ""))
    words = spelled(n, lang)
    if words and n > 1:
        out.append(words)
    return out


_NOT_SPELLED_AFTER = re.compile(r"^\s*(?:%|a\.?m|p\.?m|h\b|:|,\s*\d{4})")


def _spellable(text: str, f: Figure) -> bool:
    """Whether a figure reads in words where it stands: not a date ("October 5, 2014"), a
    clock time, a percentage, an amount after a currency sign, a version ("iOS 8")."""
    before = text[: f.start].rstrip()
    previous = before.split(" ")[-1] if before else ""
    if previous[-1:] in "$€£#" or (previous[:1].isupper() and before != previous):
        return False
    return not _NOT_SPELLED_AFTER.match(text[f.end :])


def figure_restyle(s: Sentence, rng: random.Random) -> Pair | None:
    """The same figure written another way ("4 000" / "4.000" / "quatre mille"): agree."""
    options = [(f, w) for f in figures(s.text, s.lang) for w in _restyles(f, s.lang)]
    if not options:
        return None
    f, written = rng.choice(options)
    if written[:1].isalpha() and not _spellable(s.text, f):
        return None

    return s.text, _replace(s.text, f.start, f.end, written)


_ZERO_EN = re.compile(
    r"(?:^|(?<=that )|(?<=, ))(?:(?:about|some|more than|at least|nearly|around|almost) )?"
    r"(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|dozens of|hundreds of) "
    r"(?P<noun>[a-z]+s) (?P<verb>were|have been|had been|are|died|was)\b",
    re.IGNORECASE,
)
_ZERO_FR = re.compile(
    r"(?:^|(?<=que )|(?<=qu')|(?<=, ))(?:(?:quelque|environ|plus de|au moins|près de) )?"
    r"(?P<n>\d+|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|des dizaines de) "
    r"(?P<noun>[a-zéèêà]+)s (?P<aux>ont été|sont) (?P<pp>[a-zéèêà]+?)(?P<agr>e?s)\b",
    re.IGNORECASE,
)


def zero_count(s: Sentence, rng: random.Random) -> Pair | None:
    """A count of people or things turned into none ("Trois passagers ont été blessés" /
    "Aucun passager n'a été blessé"): contradict."""
    if re.search(r"\b(?:not|never|ne|n'|pas)\b", s.text):
        return None  # "No girls are not playing": two negations do not read
    if s.lang == "en":
        m = _ZERO_EN.search(s.text)
        if not m or m.group("verb").lower() == "was":
            return None
        new = f"no {m.group('noun')} {m.group('verb')}"
    else:
        m = _ZERO_FR.search(s.text)
        if not m:
            return None
        aux = "n'a été" if m.group("aux") == "ont été" else "n'est"
        new = f"aucun {m.group('noun')} {aux} {m.group('pp')}"
    return s.text, _tidy(_replace(s.text, m.start(), m.end(), new))


# ---------------------------------------------------------------------------------------------
# Negation
# ---------------------------------------------------------------------------------------------

_EN_AUX = re.compile(
    r"\b(?P<aux>is|are|was|were|will|would|can|could|should|must|may|might|has|have|had|does|"
    r"do|did)(?P<neg> not| never|n't)?(?= (?P<next>[a-z]+))"
)
_EN_CONTRACTED = {"won't": "will", "can't": "can", "isn't": "is", "aren't": "are"}
_PARTICIPLE = re.compile(r"(?:ed|en|wn|ne|been|made|held|told|said|found|lost|left|put|cut|set)$")


def _negate_en(text: str) -> str | None:
    for m in _EN_AUX.finditer(text):
        aux, neg, nxt = m.group("aux"), m.group("neg"), m.group("next")
        if neg:
            if aux in {"does", "do", "did"}:
                continue  # "did not go" -> "did go" does not read
            return text[: m.end("aux")] + text[m.end("neg") :]
        if nxt in {"not", "n't", "no", "never", "to", "been"} and aux not in {"has", "have", "had"}:
            continue
        if aux in {"has", "have", "had"} and not _PARTICIPLE.search(nxt):
            continue  # "has 300 employees": a main verb
        if aux in {"does", "do", "did"}:
            continue
        return text[: m.end("aux")] + " not" + text[m.end("aux") :]
    return None


_FR_NEGATED = re.compile(
    r"\b(?P<ne>ne |n['’])(?P<verb>(?:\w+['’])?\w+(?:-t-(?:il|elle|on))?) (?P<part>pas|plus|jamais)"
    r"(?! qu)(?P<sp> ?)"
)
_FR_VERBS = (
    "a ont est sont était étaient avait avaient sera seront serait seraient aurait auraient "
    "aura auront va vont peut peuvent pourrait pourraient doit doivent devrait devraient fait "
    "font reste restent compte comptent veut veulent semble semblent prévoit prévoient "
    "dispose disposent possède possèdent connaît existe existent affirme affirment estime "
    "estiment"
).split()
_FR_VERB = re.compile(
    r"(?<=\s)(?P<clitic>(?:(?:se|le|la|les|lui|leur|y|en|me|te|nous|vous) |[slmt]['’]|[yY] )?)"
    r"(?P<verb>" + "|".join(_FR_VERBS) + r")(?=[ ,.])"
)


def _elide(word: str) -> str:
    return "n'" if word[:1].lower() in "aeéèêiîoôuhy" else "ne "


def _negate_fr(text: str) -> str | None:
    m = _FR_NEGATED.search(text)
    if m:
        return text[: m.start()] + m.group("verb") + " " + text[m.end() :]
    for m in _FR_VERB.finditer(text):
        before = text[: m.start()].rstrip().split(" ")[-1].lower()
        if before in {"ne", "n'", "qui", "que", "qu'"} or before.endswith("’"):
            continue
        head = m.group("clitic") or m.group("verb")
        return (
            text[: m.start()]
            + _elide(head)
            + head
            + (m.group("verb") if m.group("clitic") else "")
            + " pas"
            + text[m.end() :]
        )
    return None


def negation(s: Sentence, rng: random.Random) -> Pair | None:
    """The sentence's first verb negated, or its negation taken away: contradict."""
    for word, plain in _EN_CONTRACTED.items():
        if s.lang == "en" and word in s.text:
            return s.text, s.text.replace(word, plain, 1)
    new = _negate_en(s.text) if s.lang == "en" else _negate_fr(s.text)
    return (s.text, _tidy(new)) if new and new != s.text else None


# ---------------------------------------------------------------------------------------------
# Words for other words
# ---------------------------------------------------------------------------------------------


def _lexicon_swap(s: Sentence, rng: random.Random, table: dict[str, list[str]]) -> Pair | None:
    found = _occurrences(s.text, list(table))
    if not found:
        return None
    start, end, form = rng.choice(found)
    counterparts = table[form.lower()]
    new = counterparts[0] if rng.random() < 0.7 else rng.choice(counterparts)
    return s.text, _replace(s.text, start, end, new)


def opposite_swap(s: Sentence, rng: random.Random) -> Pair | None:
    """A word swapped for its opposite (``lexicons/opposites.tsv``: support / oppose, open /
    closed): contradict."""
    return _lexicon_swap(s, rng, swaps("opposites")[s.lang])


def direction_swap(s: Sentence, rng: random.Random) -> Pair | None:
    """A direction swapped for the other (``lexicons/directions.tsv``: rose / fell):
    contradict."""
    return _lexicon_swap(s, rng, swaps("directions")[s.lang])


def synonym_swap(s: Sentence, rng: random.Random) -> Pair | None:
    """One to three words swapped for synonyms (``synonyms.tsv``): agree."""
    table = synonyms(s.lang)
    found = _occurrences(s.text, list(table))
    if not found:
        return None
    text = s.text
    picked = rng.sample(found, min(len(found), rng.randint(1, 3)))
    for start, end, form in sorted(picked, reverse=True):
        if text[start:end].lower() == form.lower():
            text = _replace(text, start, end, rng.choice(table[form]))
    return (s.text, text) if text != s.text else None


_COMPASS_BEFORE = ("the ", "du ", "au ", "le ", "l'", "l’", "de ", "in ", "to ", "from ")


def _compass_here(text: str, start: int, end: int) -> bool:
    """A compass word that is one ("the north", "l'est"), not a name ("South Korea") nor the
    French verb "est"."""
    return text[start].islower() and text[:start].lower().endswith(_COMPASS_BEFORE)


def time_change(s: Sentence, rng: random.Random) -> Pair | None:
    """A weekday, month, part of the day, season or compass point swapped for another of its
    kind (``lexicons/time.tsv``): contradict."""
    words = time_words()[s.lang]
    where = {form: (kind, row) for form, kind, row in words}
    capitals = [f for f in where if f[:1].isupper()]
    found = [
        (start, end, *where[form])
        for case, forms in ((True, capitals), (False, [f for f in where if f not in capitals]))
        for start, end, form in _occurrences(s.text, forms, case)
        if start > 0  # "May ..." opening an English sentence is a verb
        and (where[form][0] != "compass" or _compass_here(s.text, start, end))
    ]
    if not found:
        return None
    start, end, kind, row = rng.choice(found)
    others = [f for f, k, r in words if k == kind and r != row]
    if not others:
        return None
    return s.text, _replace(s.text, start, end, rng.choice(others))


def place_change(s: Sentence, rng: random.Random) -> Pair | None:
    """A city or country swapped for another (``places.tsv``): contradict."""
    kinds = places()[s.lang]
    kind_of = {name: kind for kind, names in kinds.items() for name in names}
    found = [
        (start, end, kind_of[name])
        for start, end, name in _occurrences(s.text, list(kind_of), case=True)
        if not re.match(r" [A-Z]", s.text[end : end + 2])  # "Paris Saint-Germain"
    ]
    if not found:
        return None
    start, end, kind = rng.choice(found)
    others = [n for n in kinds[kind] if n != s.text[start:end]]
    return s.text, s.text[:start] + rng.choice(others) + s.text[end:]


def quantifier_swap(s: Sentence, rng: random.Random) -> Pair | None:
    """A quantifier swapped for one it excludes (all / none, most / few, some / none, from
    ``lexicons/quantifiers.tsv``): contradict."""
    table = quantifier_words()[s.lang]
    clash = {
        "all": ["none", "few"],
        "most": ["few", "none"],
        "few": ["most", "all"],
        "none": ["all", "some", "most"],
        "some": ["none"],
    }
    found = [
        (a, b, f) for a, b, f in _occurrences(s.text, list(table)) if table[f.lower()] in clash
    ]
    if s.lang == "fr":  # French "aucun" needs a "ne" on the verb: not rewritten here
        found = [o for o in found if table[o[2].lower()] not in {"some", "none"}]
    if not found:
        return None
    start, end, form = rng.choice(found)
    targets = [t for t in clash[table[form.lower()]] if s.lang == "en" or t != "none"]
    target = rng.choice(targets)
    forms = [f for f, v in table.items() if v == target]
    if not forms:
        return None
    new = rng.choice(forms)
    text = _replace(s.text, start, end, new)
    if s.lang == "fr":
        text = re.sub(r"\b(peu|Peu) (des|les) ", r"\1 de ", text)
        text = re.sub(r"\b(tous|toutes|Tous|Toutes) de ", r"\1 les ", text)
    return s.text, _tidy(text)


def quantifier_drop(s: Sentence, rng: random.Random) -> Pair | None:
    """ "all" / "tous" dropped: the rest is entailed by the sentence (agree)."""
    pattern = (
        r"\b[Aa]ll (?:of )?" if s.lang == "en" else r"\b([Tt]ou(?:te)?s) (?=(les|ces|nos|leurs) )"
    )
    m = re.search(pattern, s.text)
    if not m:
        return None
    return s.text, _tidy(s.text[: m.start()] + s.text[m.end() :])


_EN_NP = r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir) [a-z]+"
_FR_NP = r"(?:[Ll]e |[Ll]a |[Ll]['’]|[Uu]n |[Uu]ne )[a-zéèêàç]+"
_NAME = r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2}"
_NOT_NAMES = frozenset(
    "The A An In On At But And If As After Before When While This That These Those It He She "
    "They We I You His Her Their Le La Les Un Une Des Il Elle Ils Elles On Nous Vous Mais Et "
    "Si Après Avant Quand Ce Cette Ces Selon According".split()
)
_FUNCTION = frozenset(
    "and or but with of in on at to for from by as than that which who whom et ou mais avec "
    "de du des à au aux en dans sur pour par que qui dont the a an le la les un une".split()
)
# A verb between the two: an English past or present form (with an auxiliary or not), or a
# French one; a list of irregular English pasts that take an object.
_EN_VERB = (
    r"(?:(?:has|have|had|is|was|are|were|will) )?(?:[a-z]+(?:ed|es|ing)|beat|met|hit|won|sold|"
    r"bought|told|caught|saw|took|sent|paid|led|chose|called|hired|sued|fired|kissed|follows|"
    r"chases|chased|hugs|hugged|pushes|pushed|beats|meets|hits|sues|fires|leads|sells|buys)"
)
_FR_VERB_FORM = (
    r"(?:(?:a|ont|avait|avaient|va|vont|est en train d['’]|est en train de) )?"
    r"[a-zéèêà]{2,}(?:é|ée|e|ent|it|u)"
)
_AFTER_OBJECT = (
    r"(?=$|[,;]|\.(?:\s|$)| (?:in|on|at|with|to|for|from|by|after|before|during|and|but|as|"
    r"dans|à|au|avec|pour|sur|après|en|et|mais|lors)\b)"
)
_ROLE = {
    lang: re.compile(
        rf"(?:^|(?<=that )|(?<=que ))(?P<x>{_NAME}|{np}) (?P<verb>{verb}) "
        rf"(?P<y>{_NAME}|{np}){_AFTER_OBJECT}"
    )
    for lang, np, verb in (("en", _EN_NP, _EN_VERB), ("fr", _FR_NP, _FR_VERB_FORM))
}


def _noun_phrase(text: str, first: bool) -> str:
    """A swapped name or noun phrase as it reads in its new place: a noun phrase's determiner
    capitalised at the start of the sentence only; a name as written."""
    if not re.fullmatch(f"{_EN_NP}|{_FR_NP}", text):
        return text
    return (text[:1].upper() if first else text[:1].lower()) + text[1:]


def role_swap(s: Sentence, rng: random.Random) -> Pair | None:
    """The two names (or noun phrases) around a verb swapped ("Lyon beat Nantes" / "Nantes
    beat Lyon"): contradict. Not around a reciprocal verb ("Lyon played Nantes"), where the
    swap says the same thing."""
    for m in _ROLE[s.lang].finditer(s.text):
        x, y = m.group("x"), m.group("y")
        if m.group("verb").split()[-1].lower() in reciprocal_words():
            continue
        is_np = [bool(re.fullmatch(f"{_EN_NP}|{_FR_NP}", v)) for v in (x, y)]
        if m.group("verb").split()[-1] in _FUNCTION or is_np[0] != is_np[1] or x == y:
            continue  # a name against a name, a noun phrase against a noun phrase
        if not is_np[0] and (x.split()[0] in _NOT_NAMES or y.split()[0] in _NOT_NAMES):
            continue
        if any(v.endswith(("'s", "’s")) for v in (x, y)):
            continue  # "Duncan's fiancee ...": a possessive opens a longer noun phrase
        first = m.start() == 0
        swapped = f"{_noun_phrase(y, first)} {m.group('verb')} {_noun_phrase(x, False)}"
        return s.text, s.text[: m.start()] + swapped + s.text[m.end() :]
    return None


_EN_ACTIVE = re.compile(r"(?:(?P<aux>has|have|had) )?(?P<verb>[a-z]+)")
_FR_ACTIVE = re.compile(
    r"(?:a|ont|avait|avaient) (?P<verb>[a-zéèêàç]{2,}(?:é|ée|és|ées|i|u|is|it))"
)


def voice_change(s: Sentence, rng: random.Random) -> Pair | None:
    """The sentence in the passive voice ("Lyon beat Nantes" / "Nantes was beaten by Lyon",
    "X a racheté Y" / "Y a été racheté par X"): the roles stay, the names trade places, and the
    two agree. Only a past tense, whose participle is known: a regular "-ed" past, one of
    ``participles.tsv``, a French "a / ont" + participle."""
    for m in _ROLE[s.lang].finditer(s.text):
        x, y, verb = m.group("x"), m.group("y"), m.group("verb")
        is_np = [bool(re.fullmatch(f"{_EN_NP}|{_FR_NP}", v)) for v in (x, y)]
        if verb.split()[-1] in _FUNCTION or is_np[0] != is_np[1] or x == y:
            continue
        if not is_np[0] and (x.split()[0] in _NOT_NAMES or y.split()[0] in _NOT_NAMES):
            continue
        if any(v.endswith(("'s", "’s")) for v in (x, y)):
            continue
        if s.lang == "en":
            active = _EN_ACTIVE.fullmatch(verb)
            past = active.group("verb") if active else ""
            participle = participles().get(past) or (past if past.endswith("ed") else None)
            if participle is None:
                continue
            plural = is_np[1] and y.endswith("s")
            be = (
                ("have been" if plural else "has been")
                if active.group("aux")
                else ("were" if plural else "was")
            )
            passive = f"{be} {participle} by"
        else:
            active = _FR_ACTIVE.fullmatch(verb)
            if active is None:
                continue
            passive = f"a été {active.group('verb')} par"
        first = m.start() == 0
        turned = f"{_noun_phrase(y, first)} {passive} {_noun_phrase(x, False)}"
        return s.text, s.text[: m.start()] + turned + s.text[m.end() :]
    return None


# ---------------------------------------------------------------------------------------------
# Restatements
# ---------------------------------------------------------------------------------------------

_EN_SAID = re.compile(
    r"^(?P<who>[A-Z][^,]{2,60}?) (?P<verb>said|says|told reporters|stated|announced)"
    r"(?: that)? (?P<claim>[^\"“”]+?)\.?$"
)
_EN_SAID_AFTER = re.compile(r"^(?P<claim>[^\"“”]+?), (?P<who>[^,]{3,60}?) (?P<verb>said|says)\.?$")
_FR_SAID = re.compile(
    r"^(?P<who>[A-ZÉ][^,]{2,60}?) (?P<verb>a (?:déclaré|indiqué|affirmé|annoncé|précisé|"
    r"expliqué|assuré)) qu(?:e |['’])(?P<claim>[^«»\"]+?)\.?$"
)
_FR_SELON = re.compile(r"^Selon (?P<who>[^,]{3,60}), (?P<claim>[^«»\"]+?)\.?$")


_COMMON_START = frozenset(
    "The A An This That These Those It He She They We Police Officials Authorities Le La Les "
    "Un Une Des Il Elle Ils Elles Ce Cette Ces On".split()
)


def _lower_first(text: str) -> str:
    """A sentence's opening as it reads inside another: "The police" -> "the police", a name
    as written."""
    word = text.split(" ")[0]
    return text[:1].lower() + text[1:] if word in _COMMON_START else text


def attribution_restyle(s: Sentence, rng: random.Random) -> Pair | None:
    """ "X said Y" restated as "Y, X said" or "According to X, Y" (and French "Selon X, Y" /
    "X a indiqué que Y"): agree."""
    t = s.text
    if s.lang == "en":
        if m := _EN_SAID.match(t):
            who, claim = m.group("who"), m.group("claim")
            options = [f"{claim[:1].upper()}{claim[1:]}, {_lower_first(who)} {m.group('verb')}."]
            options.append(f"According to {_lower_first(who)}, {claim}.")
        elif m := _EN_SAID_AFTER.match(t):
            who, claim = m.group("who"), m.group("claim")
            options = [f"{who[:1].upper()}{who[1:]} said that {_lower_first(claim)}."]
        else:
            return None
    else:
        if m := _FR_SAID.match(t):
            who, claim = m.group("who"), m.group("claim")
            options = [
                f"Selon {_lower_first(who)}, {claim}.",
                f"{claim[:1].upper()}{claim[1:]}, {m.group('verb')} {_lower_first(who)}.",
            ]
        elif m := _FR_SELON.match(t):
            who, claim = m.group("who"), m.group("claim")
            que = "qu'" if claim[:1].lower() in "aeiouéèh" else "que "
            options = [f"{who[:1].upper()}{who[1:]} a indiqué {que}{_lower_first(claim)}."]
        else:
            return None
    return t, _tidy(rng.choice(options))


def attribution_add(s: Sentence, rng: random.Random) -> Pair | None:
    """The sentence put in an attribution frame ("Selon la préfecture, ..."): agree."""
    from . import _framed  # one framing for this rule and for the variation of every pair

    framed = _framed(s.text, s.lang, rng)
    return (s.text, _tidy(framed)) if framed != s.text else None


_EN_LEAD = re.compile(
    r"^(?P<lead>(?:On|In|At|After|Before|During|Since|Last|Earlier|Later|Early) "
    r"[^,]{2,40}), (?P<rest>.+?)(?P<end>[.!]?)$"
)
_FR_LEAD = re.compile(
    r"^(?P<lead>(?:En|Dans|Au|Aux|À|Après|Avant|Depuis|Lors|Le \d|Lundi|Mardi|Mercredi|"
    r"Jeudi|Vendredi|Samedi|Dimanche|Hier)\b[^,]{0,40}), (?P<rest>.+?)(?P<end>[.!]?)$"
)


def clause_reorder(s: Sentence, rng: random.Random) -> Pair | None:
    """A leading circumstance moved to the end ("On Monday, X did Y" / "X did Y on Monday"):
    agree."""
    m = (_EN_LEAD if s.lang == "en" else _FR_LEAD).match(s.text)
    if not m or len(m.group("rest").split()) < 4:
        return None
    lead = m.group("lead")
    lead = lead[:1].lower() + lead[1:]  # a preposition or a French weekday
    rest = m.group("rest")
    return s.text, _tidy(f"{rest[:1].upper()}{rest[1:]} {lead}{m.group('end') or '.'}")


_PARENTHESIS = re.compile(r" \([^()]{2,80}\)")
_RELATIVE = re.compile(r", (?:who|which|qui|dont|lequel|laquelle) [^,]{3,80},")


def modifier_drop(s: Sentence, rng: random.Random) -> Pair | None:
    """A modifier dropped (an adverb, an adjective of ``droppable.tsv``, a parenthesis, a
    relative clause between commas): the sentence entails what is left (agree)."""
    words = [row[0] for row in by_language("droppable.tsv")[s.lang]]
    spans = [(a, b) for a, b, _ in _occurrences(s.text, words)]
    spans += [(m.start(), m.end() - 1) for m in _RELATIVE.finditer(s.text)]
    spans += [(m.start(), m.end()) for m in _PARENTHESIS.finditer(s.text)]
    if not spans:
        return None
    start, end = rng.choice(spans)
    return s.text, _tidy(s.text[:start] + " " + s.text[end:])


def identity(s: Sentence, rng: random.Random) -> Pair | None:
    """The sentence against itself: agree."""
    return s.text, s.text


def translation(s: Sentence, rng: random.Random) -> Pair | None:
    """The sentence against its translation in a parallel corpus: agree."""
    return (s.text, s.twin) if s.twin and s.lang == "fr" else None


@dataclass
class Rule:
    """A rule, the label of what it makes, and how often it is applied to a sentence it fits
    (balancing labels: a sentence fits many more restatements than clashes)."""

    make: Callable[[Sentence, random.Random], Pair | None]
    label: str
    rate: float = 1.0
    tags: tuple[str, ...] = field(default_factory=tuple)


RULES: dict[str, Rule] = {
    "figure_change": Rule(figure_change, "contradict"),
    "zero_count": Rule(zero_count, "contradict"),
    "negation": Rule(negation, "contradict", 0.5),
    "opposite_swap": Rule(opposite_swap, "contradict", 0.25),
    "direction_swap": Rule(direction_swap, "contradict"),
    "time_change": Rule(time_change, "contradict"),
    "place_change": Rule(place_change, "contradict"),
    "quantifier_swap": Rule(quantifier_swap, "contradict"),
    "role_swap": Rule(role_swap, "contradict"),
    "voice_change": Rule(voice_change, "agree"),
    "figure_restyle": Rule(figure_restyle, "agree"),
    "synonym_swap": Rule(synonym_swap, "agree", 0.4),
    "attribution_restyle": Rule(attribution_restyle, "agree"),
    "attribution_add": Rule(attribution_add, "agree", 0.1),
    "clause_reorder": Rule(clause_reorder, "agree"),
    "modifier_drop": Rule(modifier_drop, "agree", 0.4),
    "quantifier_drop": Rule(quantifier_drop, "agree"),
    "identity": Rule(identity, "agree", 0.5),
    "translation": Rule(translation, "agree"),
}
"""Every single-sentence rule by name. Pairs of two sentences (another story, another
sentence of the same article: neutral) are made in :mod:`stance.generate`."""
