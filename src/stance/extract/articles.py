"""Reading an article and extracting its statements."""

from __future__ import annotations

from ..errors import StanceError
from ..fileio import decode_error, open_text
from ..text import guess_lang
from .attribution import _attributions
from .bodies import bodies, rename
from .clauses import _clean_claim, _Found, _Ref, _squash
from .sentences import _sentences
from .speakers import _referent, _remember_subjects, _resolve
from .statement import LANGS, Statement


def read_article(path: str, encoding: str = "utf-8") -> str:
    """The text of an article file, decoded strictly.

    A missing, binary, undecodable or empty file raises :class:`StanceError` with a one-line
    message naming the file: an extractor that silently skipped or mangled an article would
    make a whole archive's figures wrong without anyone noticing.
    """
    try:
        with open_text(path, encoding) as fh:
            text = fh.read()
    except UnicodeDecodeError as err:
        raise decode_error(path, err, encoding) from err
    except LookupError as err:
        raise StanceError(f"{path}: unknown encoding {encoding!r}") from err
    except OSError as err:
        raise StanceError(f"{path}: cannot read: {err.strerror or err}") from err
    if not text.strip():
        raise StanceError(f"{path}: empty file, expected article text")
    return text


def extract(
    text: str, article: str = "", lang: str | None = None, narrative: bool = False
) -> list[Statement]:
    """The statements of ``text``, in text order.

    ``lang`` ("fr" or "en") is guessed from the text when None. Only attributed statements are
    returned unless ``narrative`` is true, in which case every other sentence comes too, with
    ``speaker`` and ``cue`` None, so that a caller can pair facts the outlet states itself.

    When ``lang`` is guessed, a sentence in which the article's language finds no attribution
    is read again in the other language if its own words say it is written in that one (a
    French paragraph in an English wire dump): the cue lexicons are per language, so it would
    otherwise be lost. Such a statement's ``lang`` is the sentence's. A ``lang`` given by the
    caller is used for every sentence.
    """
    if lang is not None and lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS} or None, not {lang!r}")
    if not text.strip():
        return []
    guessed = lang is None
    lang = lang or guess_lang(text)
    found: list[_Found] = []
    history: list[_Ref] = []
    unattributed: list[tuple[int, int, int]] = []  # sentences whose subject is not read yet
    previous: tuple[int, int] | None = None
    known = bodies(text)
    for index, (start, end) in enumerate(_sentences(text, lang)):
        attributions = _attributions(text, start, end, lang)
        sentence_lang = lang
        if guessed and not attributions and (other := guess_lang(text[start:end])) != lang:
            attributions = _attributions(text, start, end, other)
            sentence_lang = other if attributions else lang
        if any(item.pronoun for item in attributions):
            _remember_subjects(text, unattributed, lang, history, index)
        for item in attributions:
            item.speaker = rename(item, text, known, history, index, sentence_lang) or item.speaker
            item.speaker = _resolve(item, history, index, sentence_lang)
            item.lang = sentence_lang
            item.referent = _referent(text, item, previous, sentence_lang)
        # What a pronoun in the next sentence may stand for: the subject of this sentence, or
        # of its last claim when it reports one ("X a dit que le séisme ... . Il a fait ...").
        previous = attributions[-1].claim if attributions else (start, end)
        if not attributions:
            unattributed.append((start, end, index))
        found.extend(attributions)
        if narrative and not attributions:
            found.append(_Found(start, end, None, None, (start, end), lang=lang))
    return [
        Statement(
            id=f"{article}#{n}",
            article=article,
            start=f.start,
            end=f.end,
            quote=text[f.start : f.end],
            speaker=f.speaker,
            cue=None if f.cue is None else _squash(text[f.cue[0] : f.cue[1]]),
            claim=_clean_claim(text[f.claim[0] : f.claim[1]]),
            lang=f.lang,
            referent=f.referent,
        )
        for n, f in enumerate(found, 1)
    ]
