"""Statements ("who said what") in French and English news articles.

stance scores *pairs* of statements; this module finds them in an article. A statement is the
sentence (or clause) that carries an attribution, the speaker as written, the attribution frame
(the *cue*) and the reported content without the frame (the *claim*)::

    >>> [s.speaker for s in extract("Le pont a rouvert lundi, selon la mairie.")]
    ['la mairie']

How it works, and why by rules:

1. **Sentences** come from pysbd, which knows both languages' abbreviations and keeps quoted
   sentences with their frame ("« A. B », a-t-il dit"); a small post-pass fixes the boundaries
   it gets wrong on news copy (see :func:`_sentences`).
2. **Cues** are found with one compiled regex per language: reporting verbs in every form a
   wire story uses (compound "a déclaré", inverted "a-t-il ajouté", "juge-t-elle", present
   "estime que", "said", "has promised", "says"), and source prepositions ("selon X",
   "d'après X", "according to X", "Pour X, ..."). A cue inside quotation marks belongs to the
   quoted words, and a negated one ("n'a pas confirmé") attributes nothing: both are skipped.
   A present participle after a comma frames introduced content ("..., saying that ...",
   "..., en affirmant que ...") when the sentence has no other frame.
3. **Speakers** are read around the cue from comma-delimited chunks, after any opening
   discourse conjunction ("But", "However,", "Mais", "Pourtant"): the subject before the verb
   with its apposition ("Le maire de X, Denis Aubanel, a affirmé", "X, chief executive of
   ..., said"), skipping relative clauses and adverbs ("..., which called the strike,
   claimed"), and taken without the apposition when that would leave no claim ("The bridge
   reopened on Friday, prefect X said."); the subject after an inverted verb ("..., a indiqué
   la direction dans un communiqué"); the antecedent of "qui"/"who"; the subject of the main
   clause for a participle; or a pronoun, resolved to the nearest preceding speaker of
   matching gender and number.
4. One sentence may hold several attributions by different speakers; it is then cut into one
   clause per speaker.

A dependency parser (spaCy's small French model) was measured against these rules on the
team's annotated articles: it was less accurate and more than ten times slower (figures in
``training/bench_extract.py``'s docstring), so pysbd is the only dependency.

Known limits: a pronoun is resolved by gender and number as the wording shows them ("la
préfète", "plusieurs responsables"), not from first names, so "Selon lui" may go to a nearby
woman named without a title; a speaker described without a name ("Le chef du Pentagone") is
kept as written, not linked to the person named earlier; a question reports nothing, even
"..., a-t-il demandé ?"; a frame without a reporting verb or source preposition ("X : « ... »",
"X, au micro de RTL : ...") is not seen; "Le procès dit « des fadettes »" reads as a statement;
and an aside between subject and verb that is neither a relative clause nor a participle or
prepositional phrase is taken for the subject ("Le maire, 52 ans et fils d'agriculteur, a dit
que ..." gives "52 ans et fils d'agriculteur"). A participle frame needs "that"/"que", a colon
or a quotation after it ("..., saying fewer than ..." is not seen), denials are not among them
("denying", "niant": the pairing would not read them as denials), and its speaker is the
sentence's opening words up to the first word that looks like a verb (lower-case and an
auxiliary, "-ed", or before a determiner or a number), which a subject such as "Teachers
polled by unions" defeats. In an article of one language, a sentence of the other is read in
its own language only when nothing is found in the article's.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

import pysbd

from .errors import StanceError
from .fileio import decode_error, open_text
from .numbers import guess_lang

__all__ = [
    "Statement",
    "extract",
    "match_key",
    "read_article",
    "score_articles",
    "score_extraction",
    "speakers_agree",
]

LANGS = ("fr", "en")


@dataclass(frozen=True)
class Statement:
    """One attributed (or, with ``narrative=True``, unattributed) statement of an article."""

    id: str  # f"{article}#{n}", n = 1.. in text order
    article: str  # file name, or "" for raw text
    start: int  # character offsets in the article text
    end: int
    quote: str  # text[start:end]: the sentence or clause carrying the statement
    speaker: str | None  # as written; a pronoun resolved to the named speaker; None: narrative
    cue: str | None  # the attribution frame as written ("a-t-il ajouté", "selon", "said")
    claim: str  # the reported content without the frame
    lang: str  # "fr" or "en"

    def to_dict(self) -> dict:
        """A plain dict (JSON-ready) with the dataclass's fields."""
        return asdict(self)


# --------------------------------------------------------------------------------------------
# Lexicons. Word lists are lower-case; matching lower-cases the text first.
# --------------------------------------------------------------------------------------------
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# French reporting verbs: past participle -> finite forms (3rd person present, imperfect,
# simple past). Participles need an auxiliary ("a indiqué"); finite forms are ambiguous with
# nouns ("le juge", "une avance") and are accepted only in an unambiguous position (see
# _finite_ok).
_FR_VERBS = {
    "déclaré": "déclare déclarent déclarait déclaraient déclara",
    "affirmé": "affirme affirment affirmait affirmaient affirma",
    "indiqué": "indique indiquent indiquait indiquaient indiqua",
    "précisé": "précise précisent précisait précisaient précisa",
    "ajouté": "ajoute ajoutent ajoutait ajoutaient ajouta",
    "assuré": "assure assurent assurait assuraient assura",
    "annoncé": "annonce annoncent annonçait annonçaient annonça",
    "estimé": "estime estiment estimait estimaient estima",
    "jugé": "juge jugent jugeait jugeaient jugea",
    "expliqué": "explique expliquent expliquait expliquaient expliqua",
    "souligné": "souligne soulignent soulignait soulignaient souligna",
    "révélé": "révèle révèlent révélait révélaient révéla",
    "dénoncé": "dénonce dénoncent dénonçait dénonçaient dénonça",
    "raconté": "raconte racontent racontait racontaient raconta",
    "confirmé": "confirme confirment confirmait confirmaient confirma",
    "avancé": "avance avancent avançait avançaient avança",
    "insisté": "insiste insistent insistait insistaient insista",
    "rappelé": "rappelle rappellent rappelait rappelaient rappela",
    "nié": "nie nient niait niaient nia",
    "contesté": "conteste contestent contestait contestaient contesta",
    "signalé": "signale signalent signalait signalaient signala",
    "constaté": "constate constatent constatait constataient constata",
    "confié": "confie confient confiait confiaient confia",
    "déploré": "déplore déplorent déplorait déploraient déplora",
    "regretté": "regrette regrettent regrettait regrettaient regretta",
    "martelé": "martèle martèlent martelait martelaient martela",
    "noté": "note notent notait notaient nota",
    "observé": "observe observent observait observaient observa",
    "considéré": "considère considèrent considérait considéraient considéra",
    "recommandé": "recommande recommandent recommandait recommandaient recommanda",
    "témoigné": "témoigne témoignent témoignait témoignaient témoigna",
    "détaillé": "détaille détaillent détaillait détaillaient détailla",
    "avoué": "avoue avouent avouait avouaient avoua",
    "concédé": "concède concèdent concédait concédaient concéda",
    "répété": "répète répètent répétait répétaient répéta",
    "pensé": "pense pensent pensait pensaient",
    "cru": "croit croient croyait croyaient",
    "dit": "dit disent disait disaient",
    "averti": "avertit avertissent avertissait avertissaient",
    "démenti": "dément démentent démentait démentaient démentit",
    "reconnu": "reconnaît reconnait reconnaissent reconnaissait reconnaissaient reconnut",
    "admis": "admet admettent admettait admettaient admit",
    "soutenu": "soutient soutiennent soutenait soutenaient soutint",
    "prévenu": "prévient préviennent prévenait prévenaient prévint",
    "promis": "promet promettent promettait promettaient promit",
    "prédit": "prédit prédisent prédisait prédisaient",
    "écrit": "écrit écrivent écrivait écrivaient écrivit",
    "répondu": "répond répondent répondait répondaient répondit",
    "garanti": "garantit garantissent garantissait garantissaient",
}
# Reporting phrases of several words: participle -> finite forms.
_FR_PHRASES = {
    "fait savoir": ("fait savoir", "font savoir"),
    "fait valoir": ("fait valoir", "font valoir"),
    "laissé entendre": ("laisse entendre", "laissent entendre"),
    "mis en garde": ("met en garde", "mettent en garde"),
    "fait état": ("fait état", "font état"),
}
# Verbs that frame a quotation only after it ("..., a-t-il lancé"); before a clause they mean
# something else ("a lancé une pétition").
_FR_FRAME_VERBS = {
    "lancé": "lance lancent lançait lança",
    "poursuivi": "poursuit poursuivent poursuivait poursuivit",
    "glissé": "glisse glissent glissait glissa",
    "commenté": "commente commentent commentait commenta",
    "résumé": "résume résument résumait résuma",
    "tranché": "tranche tranchent tranchait trancha",
    "ironisé": "ironise ironisent ironisait ironisa",
    "répliqué": "réplique répliquent répliquait répliqua",
    "rétorqué": "rétorque rétorquent rétorquait rétorqua",
    "renchéri": "renchérit renchérissent renchérissait renchérit",
    "conclu": "conclut concluent concluait",
    "fustigé": "fustige fustigent fustigeait fustigea",
    "tempêté": "tempête tempêtent tempêtait tempêta",
}
# English: past / participle -> 3rd person present.
_EN_VERBS = {
    "said": "says",
    "told": "tells",
    "added": "adds",
    "claimed": "claims",
    "denied": "denies",
    "insisted": "insists",
    "warned": "warns",
    "estimated": "estimates",
    "stated": "states",
    "announced": "announces",
    "explained": "explains",
    "argued": "argues",
    "noted": "notes",
    "confirmed": "confirms",
    "acknowledged": "acknowledges",
    "admitted": "admits",
    "revealed": "reveals",
    "promised": "promises",
    "predicted": "predicts",
    "stressed": "stresses",
    "maintained": "maintains",
    "asserted": "asserts",
    "alleged": "alleges",
    "pledged": "pledges",
    "vowed": "vows",
    "conceded": "concedes",
    "complained": "complains",
    "cautioned": "cautions",
    "reiterated": "reiterates",
    "disclosed": "discloses",
    "contended": "contends",
    "suggested": "suggests",
    "emphasised": "emphasises",
    "emphasized": "emphasizes",
    "recommended": "recommends",
    "believed": "believes",
    "wrote": "writes",
    "written": "writes",
}
_EN_FRAME_VERBS = {
    "replied": "replies",
    "responded": "responds",
    "countered": "counters",
    "quipped": "quips",
    "recalled": "recalls",
    "continued": "continues",
}
# English present forms that are also common nouns ("insurance claims", "estimates show"):
# like French finite forms, accepted only in an unambiguous position.
_EN_NOUNISH = _words("claims estimates states notes promises stresses pledges vows cautions")
# Verbs whose object comes before "that"/"que": "told reporters that", "denied reports that".
_OBJECT_VERBS = _words(
    "told tells informed assured reminded warned denied denies rejected dismissed promised "
    "convinced"
)

_FR_AUX = r"(?:a|ont|avait|avaient|aurait|auraient|aura|auront)"
_EN_AUX = r"(?:has|have|had)"
_FR_AUX_WORDS = _words("a ont avait avaient aurait auraient aura auront est sont va vont doit")
_EN_AUX_WORDS = _words("has have had is are was were will would")
# At most two adverbs between auxiliary and participle ("a cependant précisé", "has also said").
_FR_ADVERBS = (
    r"(?:\w+ment|cependant|pourtant|toutefois|également|aussi|déjà|encore|enfin|ensuite|alors|"
    r"bien|même|notamment|ainsi|d['’]ailleurs|au contraire|pas|jamais|plus|lui-même|elle-même)"
)
_EN_ADVERBS = r"(?:\w+ly|also|since|already|again|never|not|repeatedly|further|then|even|long)"
_NEGATIONS = _words("pas jamais plus not never ne n' n’ no")

# Stressed and subject pronouns, with what they say about the speaker.
_PRONOUNS = {
    "il": ("m", False),
    "elle": ("f", False),
    "ils": (None, True),
    "elles": ("f", True),
    "lui": ("m", False),
    "eux": (None, True),
    "he": ("m", False),
    "she": ("f", False),
    "it": (None, False),
    "they": (None, None),
    "him": ("m", False),
    "her": ("f", False),
    "them": (None, None),
}
_SUBJECT_PRONOUNS = _words("il elle ils elles he she it they")
# Words that show a clause of its own between a verb and its "that"/"que" ("told reporters
# she had found no evidence that"): its subject, or a verb after it.
_CLAUSE_SUBJECTS = _SUBJECT_PRONOUNS | _words("there no nothing none aucun aucune rien personne")
_CLAUSE_VERBS = _words("had has have was were is are avait avaient ont est était")
_STRESSED_PRONOUNS = _words("lui elle eux elles him her them")
_RELATIVES = _words("qui who which that dont lequel laquelle lesquels lesquelles where whose où")
_DETERMINERS = _words(
    "le la les l' l’ un une des du de d' d’ son sa ses leur leurs ce cet cette ces plusieurs "
    "certains certaines quelques chaque notre nos votre vos aucun aucune tous toutes "
    "the a an its their his her this these those some several many our one each"
)
_FEMININE_DETERMINERS = _words("la une sa cette")
_MASCULINE_DETERMINERS = _words("le un ce cet du")
_PLURAL_DETERMINERS = _words("les des ces plusieurs certains certaines quelques leurs nos vos")
_SINGULAR_DETERMINERS = _words("le la l' l’ un une son sa ce cet cette a an its his her this")
_INDEFINITE = _words("un une a an one")
_OBJECT_CLITICS = _words("l' l’")
# Adverbs between a subject and its reporting verb ("he also said", "Le Goff later claimed"):
# read with the verb, so that the subject is the name or the pronoun before them.
_ADVERBS_BEFORE_CUE = _words("also later further again then")
# A participle opening an aside between subject and verb ("X, élu en 2020, a dit").
_PARTICIPLE = re.compile(r"[a-zà-ÿ]+(?:ée?s?|ue?s?|ie?s?|ed|ing)")
# After a determiner a cue word is a noun or an adjective ("le juge", "an estimated 5,000");
# after "was" a passive ("was told").
_NOT_BEFORE_A_CUE = _DETERMINERS | _words("was were been be is are being")
_SUBJECT_RELATIVES = _words("qui who which")
_AS = _words("comme as")
# "ceux de X", "celle de X": the demonstrative stands for the speaker named after it.
_DEMONSTRATIVES = _words("ceux celle celui celles those that")
_DE = _words("de du des d' d’ of")
# Prepositions that end a speaker's noun phrase ("la direction | dans un communiqué"); "de",
# "à", "of" and "for" stay inside titles ("le secrétaire à la défense").
_STOP_PREPOSITIONS = _words(
    "dans lors devant pendant sur avec en par après avant depuis durant chez selon malgré "
    "on in at during outside after before from with via to while according"
)
_INTRO_WORDS = _words(
    "dans en au aux à lors pendant après avant depuis sur selon pour chez par mais et or donc "
    "in on at during after before since for by from but and so yet however meanwhile also "
    "hier aujourd'hui yesterday today ainsi alors ensuite enfin cependant pourtant toutefois"
)
_TIME_WORDS = _words(
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui aujourd’hui "
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight"
)
_MONTHS = _words(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "january february march april may june july august september october november december"
)
_CONJUNCTIONS = _words("et mais or donc and but so yet")
# A name after one of these is a place or an employer ("an analyst at Enerlys"), not a speaker.
_PREPOSITIONS = _STOP_PREPOSITIONS | _INTRO_WORDS
# Words that show a chunk holds a clause, not just a noun phrase.
_CLAUSE_WORDS = {
    "fr": _words(
        "est sont était étaient a ont avait avaient sera seront serait seraient va vont doit "
        "doivent peut peuvent fait font que qu' qu’ qui quand lorsque si car où dont"
    ),
    "en": _words(
        "is are was were has have had will would can could may might must should does did "
        "that who which when while because if where"
    ),
}
# Parenthetical adverbs between a subject and its verb ("X, however, told ...").
_PARENTHETICALS = _words(
    "however though meanwhile also too cependant pourtant toutefois néanmoins enfin aussi "
    "lui elle eux lui-même elle-même"
)
# Capitalised titles that are not part of a person's name ("Interior Minister Nadia Benhamou").
_TITLES = _words(
    "minister ministre president président présidente mayor maire prefect préfet préfète general "
    "général colonel commander commandant director directeur directrice secretary secrétaire "
    "spokesman spokeswoman spokesperson porte-parole chairman chairwoman chief chef senator "
    "sénateur sénatrice governor gouverneur judge juge prosecutor procureur procureure dr doctor "
    "docteur professor prof professeur mr mrs ms miss m mme mlle me maître sir lord lady king "
    "queen prince princess pope pape premier chancellor chancelier ceo pdg officer lieutenant "
    "captain capitaine sergeant admiral amiral ambassador ambassadeur ambassadrice envoy envoyé "
    "commissioner commissaire forecaster analyst analyste economist économiste leader deputy "
    "député députée representative rep sen gen col lt capt sgt gov rev father bishop cardinal "
    "imam rabbi sheikh emir coach entraîneur mayor-elect superintendent inspector"
)
# Bodies and groups that make statements, for verbs that are also nouns ("L'opposition juge").
_BODIES = _words(
    "gouvernement opposition syndicat syndicats ministère direction police gendarmerie parquet "
    "entreprise groupe association mairie préfecture commission fédération parti armée agence "
    "autorités experts spécialistes analystes habitants salariés manifestants élus sources "
    "government union unions ministry management prosecutors company group council party army "
    "agency authorities experts analysts residents workers protesters officials sources "
    "regulator régulateur"
)
_FEMININE_WORDS = _words(
    "spokeswoman chairwoman mrs ms miss madam madame mme mlle préfète présidente directrice "
    "sénatrice députée ambassadrice procureure princess queen lady"
)
_MASCULINE_WORDS = _words("spokesman chairman mr monsieur sir lord king prince")
_NAME_PARTICLES = _words("de du des d' d’ le la van von der den da di del bin ben al el ibn")
# "selon les cas", "according to plan": the preposition names no source.
_NOT_SOURCES = re.compile(
    r"(?:les?\s+cas|toute\s+\w+|que|qu['’]|(?:the\s+)?(?:plan|schedule))(?![\w-])", re.IGNORECASE
)

_SENTENCE_ABBREVIATIONS = {
    # Titles before a name, and months before a number, that pysbd's lists lack for news copy.
    "fr": _words(
        "dr pr mme mmes mlle mlles me mgr st ste gal cdt lt col janv févr avr juil sept oct nov déc"
    ),
    "en": _words(
        "dr prof gen lt col maj capt sgt gov sen rep rev st mr mrs ms jan feb apr aug sept oct "
        "nov dec"
    ),
}
_MONTH_ABBREVIATIONS = _words("janv févr avr juil sept oct nov déc jan feb apr aug dec")


def _alternation(words: Iterable[str]) -> str:
    """Longest first, so that "laissé entendre" wins over a prefix of it."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len)[::-1])


def _compile_cues(
    aux: str, adverbs: str, participles: Iterable[str], finite: Iterable[str]
) -> re.Pattern[str]:
    """One regex for a language's reporting verbs; named groups say which form matched.

    ``pi``: a pronoun inverted after the auxiliary or the finite verb ("a-t-il dit",
    "juge-t-elle"); ``adv``: the adverbs between auxiliary and participle (a negation there
    cancels the attribution); ``pp``/``fin``: the verb.
    """
    inverted = r"(?:-t-|-)(?P<pi>il|elle|ils|elles|on)"
    inverted2 = r"(?:-t-|-)(?P<pi2>il|elle|ils|elles|on)"
    return re.compile(
        rf"(?<![\w-])(?:(?P<aux>{aux})(?:{inverted})?(?P<adv>(?:\s+{adverbs}){{0,2}})\s+"
        rf"(?P<pp>{_alternation(participles)})"
        rf"|(?P<fin>{_alternation(finite)})(?:{inverted2})?)(?![\w-])",
        re.IGNORECASE,
    )


_CUES = {
    "fr": _compile_cues(
        _FR_AUX,
        _FR_ADVERBS,
        [*_FR_VERBS, *_FR_FRAME_VERBS, *_FR_PHRASES],
        [f for forms in (*_FR_VERBS.values(), *_FR_FRAME_VERBS.values()) for f in forms.split()]
        + [f for forms in _FR_PHRASES.values() for f in forms],
    ),
    "en": _compile_cues(
        _EN_AUX,
        _EN_ADVERBS,
        [*_EN_VERBS, *_EN_FRAME_VERBS],
        [*_EN_VERBS, *_EN_VERBS.values(), *_EN_FRAME_VERBS, *_EN_FRAME_VERBS.values()],
    ),
}
# "s'est-il limité à dire", "s'est contentée de répondre": a restricted statement is one.
_FR_RESTRICTED = re.compile(
    r"(?<![\w-])s['’]est(?:-(?P<pi>il|elle|on))?\s+(?:limitée?|contentée?|bornée?)\s+(?:à|de)\s+"
    r"(?:dire|déclarer|répondre|indiquer|affirmer|rappeler|souligner|préciser)(?![\w-])",
    re.IGNORECASE,
)
_FRAME_PARTICIPLES = frozenset(
    w.lower() for w in (*_FR_FRAME_VERBS, *_EN_FRAME_VERBS, *_EN_FRAME_VERBS.values())
) | frozenset(f for forms in _FR_FRAME_VERBS.values() for f in forms.split())

# Lower-cased words at which a cue can start (a hyphenated "a-t-il" counts by its first part).
_CUE_STARTS = {
    "fr": _words("a ont avait avaient aurait auraient aura auront")
    | {
        f.split()[0]
        for forms in (*_FR_VERBS.values(), *_FR_FRAME_VERBS.values())
        for f in forms.split()
    }
    | {f.split()[0] for forms in _FR_PHRASES.values() for f in forms},
    "en": _words("has have had")
    | {
        w.lower()
        for w in (*_EN_VERBS, *_EN_VERBS.values(), *_EN_FRAME_VERBS, *_EN_FRAME_VERBS.values())
    },
}
_SOURCE_STARTS = _words("selon d' d’ according pour")

# Source prepositions. "Pour X, ..." is one only at the start of a clause (checked in code).
_SOURCES = re.compile(
    r"(?<![\w-])(?P<src>selon|d['’]après(?!-)|according\s+to|pour)(?![\w-])", re.IGNORECASE
)
_SELON_LEQUEL = re.compile(r"\s*(?:lequel|laquelle|lesquels|lesquelles)\b\s*,?\s*", re.IGNORECASE)

_TOKEN = re.compile(
    # a title abbreviation before a name ("M. Dupont", "Dr. Jones") is one word
    r"(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|Me|Mgr|Mr|Mrs|Ms|St|Ste|Gen|Lt|Col|Sen|Rep|Gov|Prof|Capt|Sgt"
    r"|Maj)\.(?=\s+[A-ZÀ-Ý])"
    # French elisions are words of their own ("l'", "qu'"), "aujourd'hui" is not one
    r"|(?i:aujourd['’]hui)|(?i:(?:lorsqu|puisqu|jusqu|qu|[cdjlmnst])['’])(?=\w)"
    r"|\w+(?:[-'’.]\w+)*|[^\w\s]"
)
# Chunk boundaries: commas, semicolons, colons and dashes (but not a decimal comma "1,5").
_CHUNK_BREAK = re.compile(r",(?!\d)|;|:(?!\d)|\s[–—-]\s")
# Opening quotation marks and the mark that closes each (also read by stance.pairs).
QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"'}
_CLOSING_QUOTES = "".join(QUOTE_PAIRS.values())
_TRAILING = " \t\r\n,;:.!?"
# Words a reporter puts between a cue and its subject or content: "a déclaré dimanche à l'AFP
# la préfète", "said on Sunday", "estime au contraire que". ("only", "seulement" belong to the
# claim: "said only 12 ships were held".)
_DAYS = (
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd['’]hui|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|yesterday|today|week-end|weekend|matin|soir|"
    r"semaine|week|night|morning"
)
_DAY_PARTS = r"soir|matin|midi|après-midi|dernier|dernière|prochain|morning|evening|night|afternoon"
_DATE = rf"(?i:(?:(?:ce|cette|on|last|this)\s+)?(?:{_DAYS})(?:\s+(?:{_DAY_PARTS}))?)"
_ADVERB = (
    r"(?!only\b|seulement\b|notamment\b|surtout\b)(?:[a-zà-öø-ÿ]+ment|[a-z]+ly)|au\s+contraire|"
    r"toutefois|pourtant|cependant|encore|aussi|également|also|however|still|again|"
    r"in\s+a\s+statement|dans\s+un\s+communiqué"
)
_ADDRESSEE = (
    r"(?:à|au|aux)\s+(?:l['’]|la\s+|le\s+|les\s+)?(?:[A-Z]{2,}\b|presse|journalistes|"
    r"des\s+journalistes|la\s+radio|la\s+télévision|Reuters|[A-Z]\w+(?=\s+(?:que|qu['’])))"
    r"|to\s+(?:reporters|journalists)"
)
_SKIP_AFTER_CUE = re.compile(rf"(?:\s+|,\s*)*(?:{_DATE}|{_ADVERB}|{_ADDRESSEE})(?![\w-])")
_THAT = _words("que qu' qu’ that")
_LEADING_CONJUNCTION = re.compile(r"^(?:but|and|yet|mais|et|or)\s+(?=\w)", re.IGNORECASE)
# Words that open a sentence to link it to the previous one ("But X, ..., said", "Mais le
# maire, Jean Dupuis, a affirmé"); they are not part of the subject that follows them.
_DISCOURSE_CONJUNCTIONS = _words(
    "but and yet however nevertheless nonetheless meanwhile mais et or pourtant cependant "
    "toutefois néanmoins donc"
)
# Present participles that frame what follows them as the main clause's subject's words
# ("Others put the figure lower, saying that ..."). Denials are left out: the pairing reads
# a denial from the cue ("denied", "a démenti") and would not recognise "denying", "niant".
_PARTICIPLE_CUES = {
    "fr": _words(
        "affirmant assurant estimant expliquant précisant soulignant ajoutant déclarant "
        "indiquant jugeant rappelant arguant avertissant"
    ),
    "en": _words(
        "saying adding claiming insisting warning arguing noting stressing explaining "
        "stating asserting"
    ),
}

# Sentence post-pass: a sentence closed inside a quotation and followed by a new one
# ("« C'est fini. » Puis ...") that pysbd keeps together.
_QUOTED_END = re.compile(r"[.!?…]\s?[»”\"](?=\s+[«\"“A-ZÀ-ÖØ-Þ])")
_ABBREVIATION_END = re.compile(r"(?<![\w.])(\w+)\.$")
# Line breaks with the spaces around them; two or more newlines make a paragraph break.
_LINE_BREAKS = re.compile(r"[ \t\r]*\n[ \t\r\n]*")
_SENTENCE_END = '.!?…:»”"'


# --------------------------------------------------------------------------------------------
# Public functions.
# --------------------------------------------------------------------------------------------
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
    for index, (start, end) in enumerate(_sentences(text, lang)):
        attributions = _attributions(text, start, end, lang)
        sentence_lang = lang
        if guessed and not attributions and (other := guess_lang(text[start:end])) != lang:
            attributions = _attributions(text, start, end, other)
            sentence_lang = other if attributions else lang
        if any(item.pronoun for item in attributions):
            _remember_subjects(text, unattributed, lang, history, index)
        for item in attributions:
            item.speaker = _resolve(item, history, index, sentence_lang)
            item.lang = sentence_lang
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
        )
        for n, f in enumerate(found, 1)
    ]


def score_extraction(
    predicted: Iterable[Statement],
    key_statements: Iterable[Mapping],
    texts: Mapping[str, str] | None = None,
) -> dict:
    """Precision, recall and speaker accuracy of ``predicted`` against annotated statements.

    Matching: a predicted statement matches a key statement of the same article when their
    character spans overlap by at least half of the shorter span; each key statement is
    matched at most once (greedily, by largest overlap); predictions whose speaker is None
    (narrative) are not counted. A key statement needs ``article``, ``speaker`` and either
    ``start``/``end`` or a ``quote`` that is found in ``texts[article]``.

    Speaker accuracy, over matched statements: the two speakers agree when, after
    case-folding and stripping leading determiners and titles ("la", "the", "M.", "Dr"), they
    are equal, or one contains the other's surname as a word (the surname is the last word of
    the person's name inside the speaker, see :func:`_name_part`; "Le maire de Castelroc,
    Denis Aubanel" and "Aubanel" agree, "la direction" agrees only with "la direction").

    Returns overall ``precision``, ``recall``, ``f1``, ``speaker_accuracy`` and counts, a
    ``per_article`` breakdown, and the ``misses``, ``false_positives`` and ``speaker_errors``
    to look at.
    """
    preds = [p for p in predicted if p.speaker is not None]
    keys = [_located(k, texts) for k in key_statements]
    articles = sorted({k["article"] for k in keys} | {p.article for p in preds})
    per_article: dict[str, dict] = {}
    totals = {"key": 0, "predicted": 0, "matched": 0, "speaker_ok": 0}
    misses: list[dict] = []
    false_positives: list[dict] = []
    speaker_errors: list[dict] = []
    for name in articles:
        a_keys = [k for k in keys if k["article"] == name]
        a_preds = [p for p in preds if p.article == name]
        pairs = _match(a_preds, a_keys)
        ok = [(p, k) for p, k in pairs if speakers_agree(p.speaker, k["speaker"])]
        counts = {
            "key": len(a_keys),
            "predicted": len(a_preds),
            "matched": len(pairs),
            "speaker_ok": len(ok),
        }
        per_article[name] = _figures(counts)
        for field, value in counts.items():
            totals[field] += value
        matched_keys = {id(k) for _, k in pairs}
        matched_preds = {id(p) for p, _ in pairs}
        misses += [_brief_key(k) for k in a_keys if id(k) not in matched_keys]
        false_positives += [_brief_pred(p) for p in a_preds if id(p) not in matched_preds]
        speaker_errors += [
            {"key": _brief_key(k), "predicted": p.speaker}
            for p, k in pairs
            if not speakers_agree(p.speaker, k["speaker"])
        ]
    return {
        **_figures(totals),
        "per_article": per_article,
        "misses": misses,
        "false_positives": false_positives,
        "speaker_errors": speaker_errors,
    }


def score_articles(folder: str | Path, key: str = "key.json") -> dict:
    """:func:`score_extraction` of :func:`extract` on every article named in ``folder/key``.

    The key is JSON: ``{"statements": [{"article", "speaker", "quote", ...}, ...]}``, the
    format of ``data/articles/key.json``.
    """
    folder = Path(folder)
    with open(folder / key, encoding="utf-8") as fh:
        statements = json.load(fh)["statements"]
    texts = {name: read_article(str(folder / name)) for name in {s["article"] for s in statements}}
    predicted = [s for name, text in sorted(texts.items()) for s in extract(text, name)]
    return score_extraction(predicted, statements, texts)


def match_key(
    predicted: Iterable[Statement], key_statements: Iterable[Mapping], texts: Mapping[str, str]
) -> dict[str, str]:
    """Key statement id -> id of the predicted statement it matches (the rule of
    :func:`score_extraction`), for scoring what is built on extraction, such as a scan."""
    preds = [p for p in predicted if p.speaker is not None]
    keys = [_located(k, texts) for k in key_statements]
    return {
        k["id"]: p.id
        for name in {k["article"] for k in keys}
        for p, k in _match(
            [p for p in preds if p.article == name], [k for k in keys if k["article"] == name]
        )
    }


def speakers_agree(predicted: str | None, expected: str | None) -> bool:
    """The speaker rule of :func:`score_extraction` (see there)."""
    if predicted is None or expected is None:
        return predicted is expected
    a, b = _normalise_speaker(predicted), _normalise_speaker(expected)
    if a == b:
        return True
    return any(
        surname is not None and surname.casefold() in set(other.split())
        for surname, other in ((_surname(expected), a), (_surname(predicted), b))
    )


# --------------------------------------------------------------------------------------------
# Sentences.
# --------------------------------------------------------------------------------------------
@cache
def _segmenter(lang: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=lang, clean=False)


def _sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text``, stripped of surrounding whitespace.

    pysbd's own span recovery (``char_span=True``) compiles one regex per sentence, which
    dominated the run time, and silently drops a sentence it cannot find again. Its sentences
    are substrings of the text, so they are located here by a forward search instead: a
    sentence that is not found is folded into the next span, so no text is ever lost.

    pysbd ends a sentence at every line break, which cuts hard-wrapped text (archives, wire
    dumps) in mid-sentence; line breaks inside a paragraph are therefore read as spaces
    (:func:`_unwrap`), except after a short line that looks like a headline.

    Post-pass, for what pysbd gets wrong on news copy:

    - a split after a title or month abbreviation its lists lack ("le Dr. | Martin",
      "le 3 févr. | 2021") is undone when the next sentence starts with a capital or a digit;
    - a sentence that ends inside a quotation followed by a new one ("« C'est fini. » Puis il
      est parti.") is split after the closing quote.
    """
    text = _unwrap(text)
    ends = []
    pos = 0
    for sentence in _segmenter(lang).processor(text).process():
        found = text.find(sentence, pos)
        if found >= 0:
            pos = found + len(sentence)
            ends.append(pos)
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    spans = []
    start = 0
    for end in ends:
        span = _strip(text, start, end)
        if span is not None:
            spans.append(span)
        start = end
    return [
        piece for span in _merge_abbreviations(text, spans, lang) for piece in _split(text, span)
    ]


def _unwrap(text: str) -> str:
    """``text`` with the line breaks inside paragraphs turned into spaces (offsets unchanged).

    A break is kept at a blank line, after sentence-final punctuation, and after a headline:
    a short first line of a paragraph (under 50 characters) followed by a capitalised line.
    """
    if "\n" not in text:
        return text
    chars = list(text)
    line_start, first_line = 0, True
    for m in _LINE_BREAKS.finditer(text):
        line = text[line_start : m.start()]
        single = m.group().count("\n") == 1
        headline = first_line and len(line) < 50 and text[m.end() : m.end() + 1].isupper()
        if single and line and line[-1] not in _SENTENCE_END and not headline:
            chars[m.start() : m.end()] = " " * (m.end() - m.start())
        line_start, first_line = m.end(), not single
    return "".join(chars)


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _merge_abbreviations(
    text: str, spans: list[tuple[int, int]], lang: str
) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _continues(text, merged[-1], start, lang):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _continues(text: str, previous: tuple[int, int], start: int, lang: str) -> bool:
    """Whether the sentence at ``start`` wrongly begins after an abbreviation's period."""
    m = _ABBREVIATION_END.search(text, previous[0], previous[1])
    if m is None or "\n" in text[previous[1] : start]:
        return False
    word = m.group(1).lower()
    if word not in _SENTENCE_ABBREVIATIONS[lang]:
        return False
    if word in _MONTH_ABBREVIATIONS:
        return text[start].isdigit()
    return m.group(1)[0].isupper() and text[start].isupper()  # "le Dr. | Martin", not "du col."


def _split(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    pieces = []
    start = span[0]
    for m in _QUOTED_END.finditer(text, span[0], span[1]):
        if text[m.end() - 1] == '"' and text.count('"', span[0], m.end()) % 2:
            continue  # an opening straight quote, not a closing one
        pieces.append((start, m.end()))
        start = m.end()
    pieces.append((start, span[1]))
    return [p for p in (_strip(text, a, b) for a, b in pieces) if p is not None]


# --------------------------------------------------------------------------------------------
# Attributions in one sentence.
# --------------------------------------------------------------------------------------------
@dataclass
class _Found:
    """An attribution found in a sentence; offsets are in the article text."""

    start: int  # the statement's span (sentence or clause)
    end: int
    speaker: str | None  # as written, or resolved (set by extract)
    cue: tuple[int, int] | None
    claim: tuple[int, int]
    pronoun: str | None = None
    relative: bool = False
    participle: bool = False  # ", saying that ...": only when the sentence has no other frame
    lang: str = ""  # the language it was read in (set by extract)
    anchor: int = 0  # where the speaker's clause begins, to cut a sentence with two speakers
    claim_left: bool = False
    coordinated: bool = False  # "..., but X said ...": its own clause, never inside another's


@dataclass
class _Ref:
    """A speaker that a later pronoun may refer to."""

    name: str
    gender: str | None
    plural: bool | None
    person: bool
    sentence: int


class _Sentence:
    """A sentence being read: its bounds, its tokens (computed once) and its quotations."""

    def __init__(self, text: str, start: int, end: int, lang: str) -> None:
        self.text, self.start, self.end, self.lang = text, start, end, lang
        self.quotes = _quotations(text, start, end)
        self._tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
        self._starts = [t[1] for t in self._tokens]
        self.body = self._body_start()

    def _body_start(self) -> int:
        """Where the sentence's own content starts: after an opening discourse conjunction
        ("But", "However,", "Mais", "Pourtant"), which links it to the story and would
        otherwise be read as the start of the subject (or make it look like an adverbial)."""
        words = self._tokens
        if len(words) < 2 or words[0][0].lower() not in _DISCOURSE_CONJUNCTIONS:
            return self.start
        after = 2 if words[1][0] == "," else 1
        return words[after][1] if after < len(words) else self.start

    def quoted(self, pos: int) -> bool:
        return any(a < pos < b for a, b in self.quotes)

    def tokens(self, start: int, end: int) -> list[tuple[str, int, int]]:
        """The (word, start, end) tokens lying wholly in [start, end)."""
        words = self._tokens[bisect_left(self._starts, start) : bisect_left(self._starts, end)]
        while words and words[-1][2] > end:
            words.pop()
        return words

    def name_runs(self, start: int, end: int) -> list[tuple[int, int]]:
        return _runs_in(self.tokens(start, end))

    def chunks(self, start: int, end: int) -> list[tuple[int, int]]:
        """Comma-delimited pieces of [start, end), keeping quotations and parentheses whole."""
        cuts = [start, end]
        for m in _CHUNK_BREAK.finditer(self.text, start, end):
            pos = m.start()
            depth = self.text.count("(", start, pos) - self.text.count(")", start, pos)
            if depth <= 0 and not self.quoted(pos):
                cuts += [m.start(), m.end()]
        for a, b in self.quotes:
            cuts += [p for p in (a, b) if start <= p <= end]
        cuts.sort()
        pieces = [_strip(self.text, a, b) for a, b in pairwise(cuts)]
        return [p for p in pieces if p is not None and _has_word(self.text, *p)]


def _has_word(text: str, start: int, end: int) -> bool:
    return any(c.isalnum() for c in text[start:end])


def _quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quoted passages, quotation marks included; an unclosed one is ignored."""
    spans = []
    pos = start
    while pos < end:
        opening = min(
            (i for i in (text.find(q, pos, end) for q in QUOTE_PAIRS) if i >= 0), default=-1
        )
        if opening < 0:
            break
        closing = text.find(QUOTE_PAIRS[text[opening]], opening + 1, end)
        if closing < 0:
            break
        spans.append((opening, closing + 1))
        pos = closing + 1
    return spans


def _attributions(text: str, start: int, end: int, lang: str) -> list[_Found]:
    """The distinct attributions of one sentence, each with its own clause span."""
    sent = _Sentence(text, start, end, lang)
    if text[end - 1] == "?":
        return []  # a question reports no statement ("Les médecins estiment-ils que ... ?")
    found = [c for c in _candidates(sent) if c is not None]
    if any(not c.participle for c in found):
        # "X said A, adding that B": the participle continues the same speaker's statement.
        found = [c for c in found if not c.participle]
    return _partition(sent, _outermost(found))


def _candidates(sent: _Sentence) -> Iterator[_Found | None]:
    """Every cue of the sentence read as an attribution (None where it frames nothing).

    The cue regexes are tried only at words that can start a cue, which is several times
    faster than scanning every position of every sentence with them.
    """
    text, end = sent.text, sent.end
    cues, starts = _CUES[sent.lang], _CUE_STARTS[sent.lang]
    participles = _PARTICIPLE_CUES[sent.lang]
    done = sent.start
    for word, pos, word_end in sent.tokens(sent.start, end):
        if pos < done:
            continue
        key = word.lower().split("-")[0]
        if key in starts and (m := cues.match(text, pos, end)) is not None:
            done = m.end()
            yield _verb_attribution(sent, m)
        elif key in participles:
            yield _participle_attribution(sent, word_end)
        elif key in _SOURCE_STARTS and (m := _SOURCES.match(text, pos, end)) is not None:
            yield _source_attribution(sent, m)
        elif key == "s'" and sent.lang == "fr" and (m := _FR_RESTRICTED.match(text, pos, end)):
            done = m.end()
            yield _restricted_attribution(sent, m)


def _outermost(candidates: list[_Found]) -> list[_Found]:
    """Drop attributions nested in another's claim ("X a dit que Y a annoncé ...").

    Frames after their claim ("..., a indiqué X") are taken first: they frame everything before
    them. A relative attribution ("..., qui a indiqué que") or a coordinated one ("..., but X
    said") is kept even inside another claim: it introduces a second speaker.
    """
    kept: list[_Found] = []
    for c in sorted(candidates, key=lambda c: (not c.claim_left, c.cue[0])):
        if (
            c.relative
            or c.coordinated
            or not any(k.claim[0] <= c.cue[0] < k.claim[1] for k in kept)
        ):
            kept.append(c)
    return sorted(kept, key=lambda c: c.anchor)


def _partition(sent: _Sentence, found: list[_Found]) -> list[_Found]:
    """One statement per distinct speaker; a sentence with several is cut at their clauses."""
    distinct: list[_Found] = []
    for f in found:
        same = next(
            (
                i
                for i, d in enumerate(distinct)
                if f.anchor == d.anchor or (f.speaker is not None and f.speaker == d.speaker)
            ),
            None,
        )
        if same is None:
            distinct.append(f)
        elif distinct[same].relative and not f.relative:
            distinct[same] = f  # the main clause's statement, not the aside's

    for i, f in enumerate(distinct):
        f.start = sent.start if i == 0 else f.anchor
        f.end = distinct[i + 1].anchor if i + 1 < len(distinct) else sent.end
        f.start, f.end = _strip(sent.text, f.start, f.end) or (f.start, f.end)
        while f.end > f.start and sent.text[f.end - 1] in ",;:":
            f.end -= 1
        f.claim = (max(f.claim[0], f.start), min(f.claim[1], f.end))
    return [f for f in distinct if f.claim[0] < f.claim[1]]


# --------------------------------------------------------------------------------------------
# Reporting verbs.
# --------------------------------------------------------------------------------------------
def _verb_attribution(sent: _Sentence, m: re.Match[str]) -> _Found | None:
    """Read the speaker and claim around one reporting-verb match, or None if it frames none."""
    cue = m.span()
    if sent.quoted(cue[0]) or _negated(sent, m):
        return None
    if sent.text[cue[0]].isupper() and cue[0] != sent.start:
        return None  # "The United States": a name, not a verb
    verb = (m.group("pp") or m.group("fin")).lower()
    frame_only = verb in _FRAME_PARTICIPLES
    before = sent.tokens(sent.start, cue[0])
    while before and before[-1][0].lower() in _ADVERBS_BEFORE_CUE:
        cue = (before[-1][1], cue[1])
        before = before[:-1]
    if before and before[-1][0].lower() in _OBJECT_CLITICS:
        cue = (before[-1][1], cue[1])  # "le ministre l'a dit", "comme l'a indiqué X"
        before = before[:-1]
    elif before and before[-1][0].lower() in _NOT_BEFORE_A_CUE:
        return None  # "an estimated 5,000", "le juge", "was told": not a frame
    previous = before[-1][0].lower() if before else ""
    if previous in _AS:
        return _speaker_after(sent, (before[-1][1], cue[1]))  # "comme l'a rappelé X, ..."
    pronoun = m.group("pi") or m.group("pi2")
    if pronoun:
        if pronoun.lower() == "on":
            return None
        return _framed_by_pronoun(sent, cue, pronoun.lower(), boundary=cue[0], inverted=True)
    finite = m.group("fin") is not None
    if previous in _SUBJECT_RELATIVES:
        if frame_only:
            return None
        return _relative(sent, cue, before[-1][1])
    if previous in _SUBJECT_PRONOUNS:
        found = _framed_by_pronoun(sent, cue, previous, boundary=before[-1][1], inverted=False)
        if found is None or (frame_only and not found.claim_left):
            return None
        return found
    found = _framed_by_noun_phrase(sent, cue, frame_only)
    if found is None or not finite or _finite_ok(sent, cue, verb):
        return found
    # "L'opposition dénonce un « mensonge »": a bare finite verb with an object counts when its
    # subject is a name or a body that speaks, not "une forte avance".
    return found if not found.claim_left and _speakerish(found.speaker or "") else None


def _participle_attribution(sent: _Sentence, word_end: int) -> _Found | None:
    """ "Others put the figure lower, saying that ...", "La CGT conteste ce chiffre, estimant
    que ...": the main clause's subject says what the participle introduces.

    Only after a comma ("en" may come between in French) and before introduced content
    ("that"/"que", a colon or a quotation): "saying goodbye", "ajoutant du sel" say nothing.
    """
    text = sent.text
    words = sent.tokens(sent.body, word_end)
    if not words:
        return None
    word = words[-1]
    before = words[:-1]
    start = word[1]
    if before and before[-1][0].lower() == "en" and sent.lang == "fr":
        start, before = before[-1][1], before[:-1]
    if not before or before[-1][0] != "," or sent.quoted(word[1]):
        return None
    cue = (start, word[2])
    after = sent.tokens(_after_skips(sent, cue[1]), sent.end)
    if not after or not (after[0][0].lower() in _THAT or after[0][0] in ':«“"'):
        return None
    subject = _main_subject(sent, before[-1][1])
    claim = _right_claim(sent, cue)
    if subject is None or claim is None:
        return None
    s_start, s_end = subject
    spoken = text[s_start:s_end]
    pronoun = spoken.lower() if spoken.lower() in _SUBJECT_PRONOUNS else None
    return _Found(
        sent.start,
        sent.end,
        None if pronoun else _squash(spoken),
        cue,
        claim,
        pronoun=pronoun,
        anchor=sent.start,
        participle=True,
    )


def _main_subject(sent: _Sentence, end: int) -> tuple[int, int] | None:
    """The subject that opens the sentence's main clause, before ``end``, or None.

    Without a parser, the verb is the first lower-case word after the subject's first word
    that is an auxiliary or a clause word, ends in "-ed", or is followed by a determiner or a
    number ("Others put the figure", "The union of teachers estimated 30%"); prepositions
    and determiners are never the verb ("The head of the union put ..."). A subject of more
    than eight words, or one that is not a noun phrase, is not trusted.
    """
    chunks = sent.chunks(sent.body, end)
    while chunks and _is_intro(sent, *chunks[0]) and len(chunks) > 1:
        chunks = chunks[1:]  # "On Tuesday, the union put ..."
    if not chunks:
        return None
    words = sent.tokens(*chunks[0])
    aux = {"fr": _FR_AUX_WORDS, "en": _EN_AUX_WORDS}[sent.lang] | _CLAUSE_WORDS[sent.lang]
    for i in range(1, min(len(words), 10)):
        word, low = words[i][0], words[i][0].lower()
        # An auxiliary first: French "a" is "has", never the English determiner.
        if not word.islower() or (low not in aux and low in _PREPOSITIONS | _DE | _DETERMINERS):
            continue
        following = words[i + 1][0].lower() if i + 1 < len(words) else ""
        if (
            low in aux
            or (sent.lang == "en" and low.endswith("ed"))
            or following in _DETERMINERS
            or following[:1].isdigit()
        ):
            span = (words[0][1], words[i - 1][2])
            if i > 8 or not _is_noun_phrase(sent, *span):
                return None
            return span
    return None


def _restricted_attribution(sent: _Sentence, m: re.Match[str]) -> _Found | None:
    """ "..., s'est-il limité à dire": a frame after its claim, with an inverted pronoun."""
    if sent.quoted(m.start()):
        return None
    pronoun = m.group("pi")
    if pronoun:
        return _framed_by_pronoun(sent, m.span(), pronoun.lower(), m.start(), inverted=True)
    return _framed_by_noun_phrase(sent, m.span(), frame_only=False)


def _negated(sent: _Sentence, m: re.Match[str]) -> bool:
    adverbs = (m.group("adv") or "").lower().split()
    before = sent.tokens(max(sent.start, m.start() - 12), m.start())
    return bool(_NEGATIONS.intersection(adverbs)) or bool(
        before and (before[-1][0].lower() in _NEGATIONS or before[-1][0].lower().endswith("n't"))
    )


def _speakerish(speaker: str) -> bool:
    """A name, a title or a body that speaks ("l'opposition", "the union")."""
    words = {w.lower().rstrip(".") for w in _TOKEN.findall(speaker)}
    return bool(_speaker_runs(speaker)) or bool(words & (_TITLES | _BODIES))


def _finite_ok(sent: _Sentence, cue: tuple[int, int], verb: str) -> bool:
    """A finite verb that may be a noun ("juge", "claims") is a cue only before its content.

    That is: followed by "que"/"that"/a colon/a quotation, or right after a comma or quotation
    (an inverted frame). English past and present forms that are never nouns ("said", "says")
    need no such support.
    """
    if sent.lang == "en" and verb not in _EN_NOUNISH:
        return True
    right = _after_skips(sent, cue[1])
    following = sent.text[right : right + 1]
    words = sent.tokens(right, min(sent.end, right + 20))
    if (following and following in ':«“"') or (words and words[0][0].lower() in _THAT):
        return True
    return _after_break(sent, cue[0])


def _after_break(sent: _Sentence, pos: int) -> bool:
    """Whether ``pos`` directly follows a comma or a closing quotation mark."""
    head = sent.text[sent.start : pos].rstrip()
    return bool(head) and (head[-1] == "," or head[-1] in _CLOSING_QUOTES)


def _framed_by_pronoun(
    sent: _Sentence, cue: tuple[int, int], pronoun: str, boundary: int, inverted: bool
) -> _Found | None:
    """ "Il a précisé que ...", "« ... », a-t-il ajouté", "\"...,\" she said"."""
    left = _strip(sent.text, sent.start, boundary)
    right = _right_claim(sent, cue)
    claim_left = left is not None and (inverted or _claim_is_left(sent, left, cue, right))
    claim = _trim(sent.text, *left) if claim_left else right
    if claim is None:
        return None
    if claim_left and not inverted:
        cue = (boundary, cue[1])  # '"...," he said': the frame is "he said"
    return _Found(
        sent.start,
        sent.end,
        None,
        cue,
        claim,
        pronoun=pronoun,
        anchor=sent.start,
        claim_left=claim_left,
    )


def _relative(sent: _Sentence, cue: tuple[int, int], pronoun_start: int) -> _Found | None:
    """ "Brett McGurk, l'envoyé spécial ..., qui a indiqué que ...": the antecedent speaks."""
    speaker = _antecedent(sent, pronoun_start)
    claim = _right_claim(sent, cue)
    if speaker is None or claim is None:
        return None
    clause = next(iter(sent.chunks(cue[1], sent.end)), None)
    if clause is not None and _main_verb_follows(sent, clause[1]):
        claim = _trim(sent.text, claim[0], clause[1]) or claim  # "X, qui a démenti A, a dit B"
    chunk_start = next(
        (a for a, b in sent.chunks(sent.start, pronoun_start) if a <= speaker[0] < b + 1),
        speaker[0],
    )
    return _Found(
        sent.start,
        sent.end,
        _squash(sent.text[speaker[0] : speaker[1]]),
        cue,
        claim,
        relative=True,
        anchor=chunk_start,
    )


def _main_verb_follows(sent: _Sentence, pos: int) -> bool:
    """Whether the chunk after ``pos`` opens with a verb (the antecedent's own verb)."""
    m = re.match(r"\s*,\s*", sent.text[pos : sent.end])
    if m is None:
        return False
    start = pos + m.end()
    words = sent.tokens(start, min(sent.end, start + 12))
    aux = {"fr": _FR_AUX_WORDS, "en": _EN_AUX_WORDS}[sent.lang]
    return bool(words) and (
        words[0][0].lower() in aux or _CUES[sent.lang].match(sent.text, start) is not None
    )


def _framed_by_noun_phrase(
    sent: _Sentence, cue: tuple[int, int], frame_only: bool
) -> _Found | None:
    """A verb with a noun-phrase subject, before it ("X a dit") or after it ("..., a dit X")."""
    text = sent.text
    right = _right_claim(sent, cue)
    subject = _subject_before(sent, cue[0])
    if subject is not None and right is None and subject[1] <= sent.body:
        # An apposition that takes in the whole sentence leaves nothing said: "The bridge
        # reopened on Friday, prefect Jean Dorval said." is claim + subject, not one subject.
        subject = _subject_before(sent, cue[0], apposition=False)
    if subject is not None and _is_comparison(sent, *subject[0]):
        # "X said A, far more than the owners had acknowledged": a comparison, not a speaker;
        # the sentence's frame is "said".
        subject = None
    if _after_break(sent, cue[0]) and (subject is None or not subject[2]):
        inverted = _inverted(sent, cue)
        if inverted is not None:
            return inverted
    if subject is None:
        return None
    (s_start, s_end), chunk_start, _ = subject
    left = _strip(text, sent.body, chunk_start) if chunk_start > sent.body else None
    left = None if left is None else _strip(text, left[0], _rstrip_punct(text, *left))
    claim_left = left is not None and _claim_is_left(sent, left, cue, right)
    claim = _trim(text, *left) if claim_left else right
    if claim is None or (frame_only and not claim_left):
        return None
    conjunction = None if left is None or claim_left else _conjunction_before(sent, left)
    return _Found(
        sent.start,
        sent.end,
        _squash(text[s_start:s_end]),
        cue,
        claim,
        anchor=sent.start if claim_left else (conjunction or chunk_start),
        claim_left=claim_left,
        coordinated=conjunction is not None,
    )


def _inverted(sent: _Sentence, cue: tuple[int, int]) -> _Found | None:
    """ "..., a indiqué la direction": the subject follows, the claim is before the comma.

    The subject must be a noun phrase ("que le budget sera tenu" after "a déclaré" is not).
    """
    text = sent.text
    speaker = _noun_phrase_after(sent, _after_skips(sent, cue[1]), mode="after-verb")
    left = _trim(text, sent.start, cue[0])
    if speaker is None or left is None or not _is_noun_phrase(sent, *speaker):
        return None
    words = sent.tokens(*speaker)
    if words[0][0].lower() in _THAT or len(words) > 20:
        return None
    return _Found(
        sent.start,
        sent.end,
        _squash(text[speaker[0] : speaker[1]]),
        cue,
        left,
        anchor=sent.start,
        claim_left=True,
    )


def _claim_is_left(
    sent: _Sentence,
    left: tuple[int, int],
    cue: tuple[int, int],
    right: tuple[int, int] | None,
) -> bool:
    """Whether the content precedes the frame ("..., X said") rather than follows it.

    It follows after a short opening adverbial ("In a statement, X said ..."), or when it is
    introduced ("que", "that", a colon, a quotation mark); it precedes when it is a quotation;
    otherwise the longer side is the content ("Orders doubled, X told Reuters").
    """
    if right is None:
        return True
    if _is_intro(sent, *left):
        return False
    if _conjunction_before(sent, left) is not None:
        return False  # "A said that ..., but B said ...": B's clause is coordinated, not a frame
    if sent.text[left[1] - 1] in _CLOSING_QUOTES:
        return True
    between = sent.tokens(cue[1], right[0])
    introduced = sent.text[right[0]] in '«“"' or any(
        w[0] == ":" or w[0].lower() in _THAT for w in between
    )
    return not introduced and len(sent.tokens(*left)) > len(sent.tokens(*right))


def _conjunction_before(sent: _Sentence, left: tuple[int, int]) -> int | None:
    """Where the conjunction that ends ``left``, just before a subject, starts ("..., but the
    mayor said"), or None."""
    words = sent.tokens(*left)
    return words[-1][1] if words and words[-1][0].lower() in _CONJUNCTIONS else None


def _is_intro(sent: _Sentence, start: int, end: int) -> bool:
    """A short opening adverbial: "In a statement", "Dans l'opposition", "Mercredi"."""
    words = sent.tokens(start, end)
    words = [w for w in words if w[0] not in ",;:"]
    if not words or len(words) > 8:
        return False
    first = words[0][0].lower()
    return first in _INTRO_WORDS or first in _TIME_WORDS


def _right_claim(sent: _Sentence, cue: tuple[int, int]) -> tuple[int, int] | None:
    """The content after a cue, up to a semicolon (which opens another clause).

    Dates, adverbs and addressees after the cue are passed over, and so are "que"/"that" and,
    for verbs with an object, the object before it ("told reporters that", "denied reports
    that", "told AFP she ...").
    """
    text = sent.text
    pos = _after_skips(sent, cue[1])
    end = text.find(";", pos, sent.end)
    end = sent.end if end < 0 else end
    words = sent.tokens(pos, end)
    verb = text[cue[0] : cue[1]].split()[-1].lower()
    that = next((i for i, w in enumerate(words[:7]) if w[0].lower() in _THAT), None)
    comma = next((i for i, w in enumerate(words[:7]) if w[0] in ",;"), None)
    if that is not None and (comma is None or comma > that):
        object_ok = verb in _OBJECT_VERBS or (
            words and words[0][0].lower() in {"à", "au", "aux", "to"}
        )
        clause = _clause_start(words[:that]) if object_ok else None
        if that == 0 or (object_ok and clause is None):
            pos = words[that][2]
        elif clause is not None:
            pos = words[clause][1]
    elif verb == "état" and words and words[0][0].lower() in {"de", "d'", "d’"}:
        pos = words[0][2]  # "a fait état de quatre maisons détruites": what was reported
    elif verb in {"told", "tells"} and words:
        runs = sent.name_runs(pos, end)
        pos = runs[0][1] if runs and runs[0][0] == pos else words[0][2]
    while pos < end and text[pos] in " :,":
        pos += 1
    return _trim(text, pos, end)


def _clause_start(words: list[tuple[str, int, int]]) -> int | None:
    """Where a clause of its own starts among the words between a verb and its "that", if one
    does, rather than the verb's object: "told reporters she had found no evidence that ..."
    reports what she found, and skipping to "that" would drop the "no evidence" and turn the
    claim around. The clause starts at its subject, or at the word before its verb."""
    for i, (word, _, _) in enumerate(words):
        word = word.lower()
        if word in _CLAUSE_SUBJECTS:
            return i
        if word in _CLAUSE_VERBS and i > 0:
            return i - 1
    return None


def _after_skips(sent: _Sentence, pos: int) -> int:
    """The position after the dates, adverbs and addressees that follow a cue."""
    while True:
        m = _SKIP_AFTER_CUE.match(sent.text, pos, sent.end)
        if m is None or m.end() == pos:
            break
        pos = m.end()
    while pos < sent.end and sent.text[pos].isspace():
        pos += 1
    return pos


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) without surrounding spaces and trailing punctuation; None if no word."""
    span = _strip(text, start, end)
    if span is None:
        return None
    end = _rstrip_punct(text, *span)
    span = _strip(text, span[0], end)
    return span if span is not None and _has_word(text, *span) else None


def _rstrip_punct(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end


# --------------------------------------------------------------------------------------------
# Speakers.
# --------------------------------------------------------------------------------------------
def _subject_before(
    sent: _Sentence, cue_start: int, apposition: bool = True
) -> tuple[tuple[int, int], int, bool] | None:
    """The subject noun phrase before a verb: (span, start of its chunk, surely a subject).

    Chunks are read backwards from the verb: relative clauses, adverbs and prepositional
    phrases between subject and verb are skipped ("X, which called the strike, claimed"), and
    an apposition with a name is taken whole ("Le maire de X, Denis Aubanel, a affirmé";
    "Philippe Garnier, chief executive of the operator ..., said", however long the title),
    unless ``apposition`` is false. A sentence-initial conjunction is not read ("But X, ...").
    "Surely" means a comma before the verb cannot be the end of a reported clause: something
    was skipped, or the subject is or includes a name.
    """
    chunks = sent.chunks(sent.body, cue_start)
    skipped = False
    while chunks and _is_parenthetical(sent, *chunks[-1]):
        chunks.pop()
        skipped = True
    if not chunks or _is_quote(sent, *chunks[-1]):
        return None
    head = chunks[-1]
    span = _head_noun_phrase(sent, *head)
    if apposition and len(chunks) > 1 and _title_after_name(sent, chunks[-2], head):
        return (chunks[-2][0], head[1]), chunks[-2][0], True
    if span is None:
        return None
    # A name ending a longer chunk is no sure subject: "... l'usine chimique Corvalis, a
    # annoncé la préfète" is a claim, then an inverted frame.
    named = _is_name_chunk(sent, *span) and span[0] == head[0]
    if apposition and len(chunks) > 1 and span[0] == head[0]:
        previous = chunks[-2]
        if _appositive_pair(sent, previous, span):
            return (previous[0], span[1]), previous[0], True
    return span, head[0] if span[0] == head[0] else span[0], skipped or named


def _appositive_pair(sent: _Sentence, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """ "Le maire de Castelroc, Denis Aubanel", "Elvéa, the state-controlled former monopoly"."""
    if _is_quote(sent, *first) or _is_intro(sent, *first):
        return False
    if not (_is_noun_phrase(sent, *first) and _is_noun_phrase(sent, *second)):
        return False
    return bool(sent.name_runs(*first) or sent.name_runs(*second)) and (
        _is_name_chunk(sent, *first)
        or _is_name_chunk(sent, *second)
        or _starts_with_determiner(sent, first)
    )


# What makes a chunk before a verb a comparison ("far more than the owners had acknowledged",
# "bien plus que la direction ne l'admet") rather than who is speaking.
_COMPARATIVES = _words("plus moins autant davantage")


def _is_comparison(sent: _Sentence, start: int, end: int) -> bool:
    """Whether the chunk ``start:end`` is, or ends, a comparison ("far more than the owners",
    "[bien plus que] la direction")."""
    before = [w[0].lower() for w in sent.tokens(sent.body, start)][-2:]
    words = before + [w[0].lower() for w in sent.tokens(start, end)]
    if "than" in words:
        return True
    return any(w in _COMPARATIVES and nxt in {"que", "qu'"} for w, nxt in pairwise(words))


def _title_after_name(sent: _Sentence, name: tuple[int, int], title: tuple[int, int]) -> bool:
    """ "Philippe Garnier, chief executive of the operator X (SRCE)": a lower-case noun phrase
    after a bare name describes it, even when it is too long for :func:`_head_noun_phrase`
    (which must not take a whole clause for a subject)."""
    words = [w for w in sent.tokens(*title) if w[0][0].isalnum()]
    return (
        _is_name_chunk(sent, *name)
        and bool(words)
        and words[0][0][0].islower()
        and len(words) <= 16
        and not _is_quote(sent, *title)
        and _is_noun_phrase(sent, *title)
    )


def _starts_with_determiner(sent: _Sentence, span: tuple[int, int]) -> bool:
    words = sent.tokens(*span)
    return bool(words) and words[0][0].lower() in _DETERMINERS


def _head_noun_phrase(sent: _Sentence, start: int, end: int) -> tuple[int, int] | None:
    """The subject inside the chunk before a verb: the whole chunk if it is a noun phrase,
    else its trailing noun phrase ("quand le maire" -> "le maire")."""
    words = sent.tokens(start, end)
    while words and words[0][0].lower() in _CONJUNCTIONS | _TIME_WORDS | _AS:
        words = words[1:]  # "Et le maire", "Hier le maire", "As the minister"
    if not words:
        return None
    if len(words) <= 10 and _is_noun_phrase(sent, words[0][1], end):
        return words[0][1], end
    return _trailing_noun_phrase(sent, words)


def _trailing_noun_phrase(
    sent: _Sentence, words: list[tuple[str, int, int]]
) -> tuple[int, int] | None:
    """The noun phrase that ends ``words``: a final name (with its title), else the phrase
    from the last determiner that is not a complement ("... ceux de plusieurs responsables")."""
    end = words[-1][2]
    lowered = [w[0].lower() for w in words]
    runs = sent.name_runs(words[0][1], end)
    if runs and runs[-1][1] == end:
        i = next(i for i, w in enumerate(words) if w[1] == runs[-1][0])
        # Extend over a title and its determiner: "le général Thomas Waldhausser".
        for back in range(i - 1, max(i - 4, -1), -1):
            if lowered[back] in _DETERMINERS and lowered[back] not in _DE:
                i = back
                break
            if not words[back][0].islower() or lowered[back] not in _TITLES:
                break
            i = back
        return words[i][1], end
    for i in range(len(words) - 1, -1, -1):
        if lowered[i] not in _DETERMINERS or (lowered[i] in _DE and i > 0):
            continue  # "de" inside a phrase is a preposition; "Des" opening it, an article
        if i == 0 or lowered[i - 1] not in _DE or (i > 1 and lowered[i - 2] in _DEMONSTRATIVES):
            # "La participation s'est établie à 48 %" holds a verb: a clause, not a subject.
            return (words[i][1], end) if _is_noun_phrase(sent, words[i][1], end) else None
    return None


def _antecedent(sent: _Sentence, pronoun_start: int) -> tuple[int, int] | None:
    """The speaker a relative pronoun stands for, with a preceding name in apposition."""
    chunks = sent.chunks(sent.start, pronoun_start)
    if not chunks:
        return None
    last = chunks[-1]
    words = sent.tokens(*last)
    if len(chunks) > 1 and words and words[0][0].lower() in _DETERMINERS and len(words) <= 12:
        previous = sent.tokens(*chunks[-2])
        runs = sent.name_runs(*chunks[-2])
        if previous and runs and runs[-1][1] == chunks[-2][1]:
            return runs[-1][0], last[1]
    return _trailing_noun_phrase(sent, words) if words else None


def _noun_phrase_after(sent: _Sentence, pos: int, mode: str) -> tuple[int, int] | None:
    """The speaker after a cue, with its appositions.

    ``mode`` is "after-verb" (inverted subject), "source-first" ("Selon X, Y": an apposition
    must be followed by a comma, since the claim comes after it) or "source-last" ("Y, selon X").
    """
    text = sent.text
    words = sent.tokens(pos, sent.end)
    end = None
    for word, _, w_end in words:
        low = word.lower()
        if word in ',;:.!?»”"' or low in _RELATIVES or low in _STOP_PREPOSITIONS:
            break
        if end is not None and (low in _TIME_WORDS or low in _MONTHS):
            break
        end = w_end
    if end is None:
        return None
    head = (words[0][1], end)
    while True:
        m = re.match(r"\s*,\s*", text[end : sent.end])
        if m is None:
            break
        chunk = next(iter(sent.chunks(end + m.end(), sent.end)), None)
        chunk = None if chunk is None else _trim(text, *chunk)
        if chunk is None or not _is_apposition(sent, chunk, head, mode):
            break
        end = chunk[1]
    return head[0], end


def _is_apposition(
    sent: _Sentence, chunk: tuple[int, int], head: tuple[int, int], mode: str
) -> bool:
    """Whether a chunk after a speaker describes it ("Claire Vautrin", "délégué syndical",
    "an analyst at consultancy Enerlys") rather than starting something else."""
    words = sent.tokens(*chunk)
    if not words or len(words) > 12 or _is_quote(sent, *chunk):
        return False
    if mode == "source-first" and not sent.text[chunk[1] : sent.end].lstrip().startswith(","):
        return False
    if not _is_noun_phrase(sent, *chunk):
        return False
    first = words[0][0]
    low = first.lower()
    if _is_name_chunk(sent, *chunk) or low in _INDEFINITE or low in {"l'un", "l'une"}:
        return True
    if first.islower() and low not in _DETERMINERS and low not in _INTRO_WORDS:
        return not low.endswith(("ing", "ant"))  # "making it ...": a participle clause
    # "Marie Roy, la porte-parole", or "son président, le magistrat Bernard Olivès": one side
    # names the person the other describes.
    names = _is_name_chunk(sent, *head) or any(
        len(sent.tokens(*run)) > 1 for run in sent.name_runs(*chunk)
    )
    return mode != "source-first" and low in _DETERMINERS and names and len(words) <= 8


def _is_noun_phrase(sent: _Sentence, start: int, end: int) -> bool:
    """No verb-like word (auxiliary, conjunction, relative, reporting verb) in the span."""
    clause_words = _CLAUSE_WORDS[sent.lang]
    return not any(w[0].lower() in clause_words for w in sent.tokens(start, end))


def _is_parenthetical(sent: _Sentence, start: int, end: int) -> bool:
    """A chunk between a subject and its verb that is not part of the subject."""
    words = sent.tokens(start, end)
    if not words:
        return True
    first = words[0][0].lower()
    if first in _RELATIVES or first in _STOP_PREPOSITIONS:
        return True  # "which called the strike", "dans un communiqué"
    if (
        len(words) > 1
        and words[0][0].islower()
        and _PARTICIPLE.fullmatch(first)
        and words[1][0].lower() in _PREPOSITIONS | _DE
    ):
        return True  # "élu en 2020", "speaking on radio", but not "délégué syndical"
    return len(words) <= 3 and first in _PARENTHETICALS


def _is_quote(sent: _Sentence, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in sent.quotes)


def _is_name_chunk(sent: _Sentence, start: int, end: int) -> bool:
    """A chunk that is only a proper name ("Claire Vautrin", "Elvéa", "Yannick Le Garrec")."""
    runs = sent.name_runs(start, end)
    return len(runs) == 1 and runs[0] == (start, end)


def _name_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return _runs_in([(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)])


def _runs_in(words: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """Spans of capitalised words (with particles such as "de", "Le" between them) that are
    not determiners, days or months; a run after "de"/"of" is a complement ("le maire de
    Castelroc"), not a name, unless a demonstrative stands for it ("celle de Brett McGurk")."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _is_name_word(words[i][0], first=i == 0):
            i += 1
            continue
        after_de = (
            i > 0
            and words[i - 1][0].lower() in _DE
            and not (i > 1 and words[i - 2][0].lower() in _DEMONSTRATIVES)
        )
        j = i + 1
        while j < len(words):
            low = words[j][0].lower()
            if _is_name_word(words[j][0], first=False):
                j += 1
            elif (
                low in _NAME_PARTICLES
                and j + 1 < len(words)
                and _is_name_word(words[j + 1][0], first=False)
            ):
                j += 2
            else:
                break
        if not after_de:
            runs.append((words[i][1], words[j - 1][2]))
        i = j
    return runs


def _is_name_word(word: str, first: bool) -> bool:
    low = word.lower()
    if not word[:1].isupper() or low in _TIME_WORDS or low in _MONTHS:
        return False
    return not (low in _DETERMINERS or low in _INTRO_WORDS or low in _SUBJECT_PRONOUNS) or (
        not first and low in _NAME_PARTICLES
    )


def _name_part(speaker: str) -> str | None:
    """The person's (or organisation's) name inside a speaker, without titles.

    The first run of two or more capitalised words, titles included ("Dr. Jones",
    "Interior Minister Nadia Benhamou" -> "Jones", "Nadia Benhamou"), else the last one-word
    run ("Auto parts maker Halvorsen" -> "Halvorsen"); a run after a preposition names a
    place or an employer ("a virologist at Oxford"), not the speaker.
    """
    runs = [run for run in _speaker_runs(speaker) if run]
    titled = [run for run in runs if len(run) > 1]
    chosen = titled[0] if titled else (runs[-1] if runs else None)
    if chosen is None:
        return None
    while len(chosen) > 1 and chosen[0].lower().rstrip(".") in _TITLES:
        chosen = chosen[1:]
    return " ".join(chosen)


def _speaker_runs(speaker: str) -> list[list[str]]:
    """The words of each name run of a speaker that does not follow a preposition."""
    runs = []
    for a, b in _name_runs(speaker, 0, len(speaker)):
        before = _TOKEN.findall(speaker, 0, a)
        if before and before[-1].lower() in _PREPOSITIONS:
            continue
        runs.append([w for w in _TOKEN.findall(speaker, a, b) if w[0].isalnum()])
    return runs


def _is_person(speaker: str) -> bool:
    """Whether "he"/"she" can stand for this speaker: a name of two words or more, a title or
    a gendered word ("Dr. Jones", "the mayor"), rather than "the company"."""
    words = {w.lower().rstrip(".") for w in _TOKEN.findall(speaker)}
    return (
        any(len(run) > 1 for run in _speaker_runs(speaker))
        or bool(words & _TITLES)
        or bool(words & (_FEMININE_WORDS | _MASCULINE_WORDS))
    )


# Bounded caches: pairing compares the speakers of every same-article pair, a few speakers many
# times each.
@lru_cache(maxsize=65536)
def _surname(speaker: str) -> str | None:
    name = _name_part(speaker)
    return None if name is None else name.split()[-1]


@lru_cache(maxsize=65536)
def _normalise_speaker(speaker: str) -> str:
    words = [w.casefold() for w in _TOKEN.findall(speaker) if w[0].isalnum()]
    while words and (words[0] in _DETERMINERS or words[0].rstrip(".") in _TITLES):
        words = words[1:]
    return " ".join(words)


# --------------------------------------------------------------------------------------------
# Sources: "selon X", "d'après X", "according to X", "Pour X, ...".
# --------------------------------------------------------------------------------------------
def _source_attribution(sent: _Sentence, m: re.Match[str]) -> _Found | None:
    """ "Selon X, Y", "Y, d'après X", "According to X, Y", "Pour X, Y"."""
    text = sent.text
    cue = m.span()
    if sent.quoted(cue[0]):
        return None
    lequel = _SELON_LEQUEL.match(text, cue[1], sent.end)
    if lequel is not None:
        return _selon_lequel(sent, cue, lequel.end())
    if m.group("src").lower() == "pour" and _strip(text, sent.body, cue[0]) is not None:
        return None  # "Pour X, ..." opens its clause; elsewhere "pour" is just "for"
    if _NOT_SOURCES.match(text, _after_skips(sent, cue[1])) is not None:
        return None
    return _speaker_after(sent, cue, named=m.group("src").lower() == "pour")


def _speaker_after(sent: _Sentence, cue: tuple[int, int], named: bool = False) -> _Found | None:
    """A frame whose speaker follows it: "selon X", "comme l'a dit X".

    At the start of its clause the frame's claim follows the speaker (and any relative clause
    about it: "According to the mayor, who spoke on radio, Y"); elsewhere it precedes the
    frame. ``named``: the speaker must contain a name ("Pour X", which is otherwise just
    "for").
    """
    text = sent.text
    left = _strip(text, sent.start, cue[0])
    first = left is None or _is_intro(sent, *left)
    after = _after_skips(sent, cue[1])
    words = sent.tokens(after, min(sent.end, after + 30))
    if not words:
        return None
    if words[0][0].lower() in _STRESSED_PRONOUNS:
        speaker, pronoun, speaker_end = None, words[0][0].lower(), words[0][2]
    else:
        span = _noun_phrase_after(sent, after, "source-first" if first else "source-last")
        if span is None or (named and not sent.name_runs(*span)):
            return None
        speaker, pronoun, speaker_end = _squash(text[span[0] : span[1]]), None, span[1]
    if first:
        rest = [c for c in sent.chunks(speaker_end, sent.end) if not _is_relative(sent, c)]
        claim = _trim(text, rest[0][0], sent.end) if rest else None
    else:
        claim = _trim(text, sent.start, cue[0])
    if claim is None:
        return None
    return _Found(
        sent.start,
        sent.end,
        speaker,
        cue,
        claim,
        pronoun=pronoun,
        anchor=sent.start if first else claim[0],
        claim_left=not first,
    )


def _is_relative(sent: _Sentence, chunk: tuple[int, int]) -> bool:
    words = sent.tokens(*chunk)
    return bool(words) and words[0][0].lower() in _RELATIVES


def _selon_lequel(sent: _Sentence, cue: tuple[int, int], claim_start: int) -> _Found | None:
    """ "X a établi un constat, selon lequel Y": the subject of the main clause says Y."""
    words = sent.tokens(sent.body, cue[0])
    aux = next(
        (i for i, w in enumerate(words[:9]) if w[0].lower() in {"a", "ont", "avait", "avaient"}),
        None,
    )
    if not aux:
        return None
    subject = (words[0][1], words[aux - 1][2])
    claim = _trim(sent.text, claim_start, sent.end)
    if claim is None or not sent.name_runs(*subject):
        return None
    return _Found(
        sent.start,
        sent.end,
        _squash(sent.text[subject[0] : subject[1]]),
        (cue[0], _rstrip_punct(sent.text, cue[0], claim_start)),
        claim,
        anchor=sent.start,
    )


# --------------------------------------------------------------------------------------------
# Pronouns.
# --------------------------------------------------------------------------------------------
_LOOKBACK = 4  # sentences within which a pronoun's antecedent is looked for


def _resolve(found: _Found, history: list[_Ref], sentence: int, lang: str) -> str:
    """The speaker as written, or for a pronoun the nearest compatible earlier speaker.

    The resolved name is the person's name inside that speaker when it has one
    ("la porte-parole du groupe, Mathilde Sorel" -> "Mathilde Sorel"). Compatible: gender and
    number do not clash, and English "he"/"she" stand for a person, not "the company". A
    pronoun with no compatible speaker within a few sentences stays as written ("il").
    """
    if found.pronoun is None:
        speaker = found.speaker or ""
        gender, plural = _gender_number(speaker, lang)
        name = _name_part(speaker) or speaker
        person = _is_person(speaker)
        # A second reference by surname ("Aubanel said") is the person named in full before.
        earlier = next(
            (r for r in reversed(history) if " " not in name and r.name.endswith(" " + name)),
            None,
        )
        if earlier is not None:
            name, gender, person = earlier.name, gender or earlier.gender, earlier.person
        history.append(_Ref(name, gender, plural, person, sentence))
        return speaker
    gender, plural = _PRONOUNS.get(found.pronoun, (None, None))
    personal = found.pronoun in {"he", "she", "him", "her"}
    for ref in reversed(history):
        if sentence - ref.sentence > _LOOKBACK:
            break
        if (
            _compatible(ref.gender, gender)
            and _compatible(ref.plural, plural)
            and (ref.person or not personal)
        ):
            history.append(_Ref(ref.name, ref.gender or gender, ref.plural, ref.person, sentence))
            return ref.name
    return found.pronoun


def _remember_subjects(
    text: str, sentences: list[tuple[int, int, int]], lang: str, history: list[_Ref], now: int
) -> None:
    """Add to ``history`` the named person who is the subject of each sentence without an
    attribution, so that a pronoun can stand for them: in "Union leader Paul Tanguy welcomed
    the ruling. « It is a victory », he said." the "he" is Tanguy, not whoever spoke before.

    Read only when a pronoun needs it, and only for the sentences within its reach (most
    sentences are never read twice), then ``sentences`` is emptied.
    """
    for start, end, index in sentences:
        if now - index > _LOOKBACK:
            continue
        sent = _Sentence(text, start, end, lang)
        subject = _main_subject(sent, end)
        if subject is None:
            chunks = sent.chunks(sent.body, end)
            if len(chunks) < 2 or not _appositive_pair(sent, chunks[0], chunks[1]):
                continue
            subject = chunks[0][0], chunks[1][1]  # "His challenger, Nadia Ferhat, has ..."
        spoken = _squash(text[subject[0] : subject[1]])
        if not any(len(run) > 1 for run in _speaker_runs(spoken)) or not _is_person(spoken):
            continue  # "The union", "Paris": no person a "he" or "she" could be
        gender, plural = _gender_number(spoken, lang)
        history.append(_Ref(_name_part(spoken) or spoken, gender, plural, True, index))
    sentences.clear()
    history.sort(key=lambda ref: ref.sentence)  # stable: a sentence's own order is kept


def _compatible(known: object, wanted: object) -> bool:
    return known is None or wanted is None or known == wanted


def _gender_number(speaker: str, lang: str) -> tuple[str | None, bool | None]:
    """What a speaker's wording says of its gender and number ("la préfète" -> feminine,
    singular; "plusieurs responsables" -> plural; a person's name -> singular)."""
    words = [w.lower() for w in _TOKEN.findall(speaker)]
    if not words:
        return None, None
    first = words[0]
    plural: bool | None = None
    if first in _PLURAL_DETERMINERS:
        plural = True
    elif first in _SINGULAR_DETERMINERS or any(len(r) > 1 for r in _speaker_runs(speaker)):
        plural = False
    feminine = lang == "fr" and first in _FEMININE_DETERMINERS
    masculine = lang == "fr" and first in _MASCULINE_DETERMINERS
    if feminine or any(w in _FEMININE_WORDS for w in words):
        return "f", plural
    if masculine or any(w in _MASCULINE_WORDS for w in words):
        return "m", plural
    return None, plural


# --------------------------------------------------------------------------------------------
# Claims and scoring helpers.
# --------------------------------------------------------------------------------------------
def _squash(text: str) -> str:
    return " ".join(text.split())


def _clean_claim(claim: str) -> str:
    """The claim without a quotation's own marks ("« A », a dit X" -> "A") and without a
    leading conjunction, which links it to the story rather than states anything ("But ...")."""
    claim = _LEADING_CONJUNCTION.sub("", _squash(claim)).strip(_TRAILING)
    opening = claim[:1]
    if opening in QUOTE_PAIRS and claim.endswith(QUOTE_PAIRS[opening]):
        inner = claim[1:-1]
        if QUOTE_PAIRS[opening] not in inner and (opening == '"' or opening not in inner):
            claim = inner.strip(_TRAILING)
    return claim


def _located(key: Mapping, texts: Mapping[str, str] | None) -> dict:
    """A key statement with ``start``/``end``, found from its quote when not given."""
    entry = dict(key)
    if "start" not in entry or "end" not in entry:
        text = (texts or {}).get(entry["article"])
        found = -1 if text is None else text.find(entry["quote"])
        if found < 0:
            raise ValueError(f"{entry.get('id', entry['article'])}: quote not found in article")
        entry["start"], entry["end"] = found, found + len(entry["quote"])
    return entry


def _match(preds: list[Statement], keys: list[dict]) -> list[tuple[Statement, dict]]:
    """Greedy one-to-one matching by overlap, each pair overlapping >= half the shorter span."""
    options = []
    for p in preds:
        for k in keys:
            overlap = min(p.end, k["end"]) - max(p.start, k["start"])
            shorter = min(p.end - p.start, k["end"] - k["start"])
            if overlap > 0 and 2 * overlap >= shorter:
                options.append((overlap, id(p), id(k), p, k))
    options.sort(key=lambda o: -o[0])
    used_p: set[int] = set()
    used_k: set[int] = set()
    pairs = []
    for _, pid, kid, p, k in options:
        if pid not in used_p and kid not in used_k:
            used_p.add(pid)
            used_k.add(kid)
            pairs.append((p, k))
    return pairs


def _figures(counts: Mapping[str, int]) -> dict:
    precision = counts["matched"] / counts["predicted"] if counts["predicted"] else 0.0
    recall = counts["matched"] / counts["key"] if counts["key"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    speaker = counts["speaker_ok"] / counts["matched"] if counts["matched"] else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "speaker_accuracy": round(speaker, 4),
        **counts,
    }


def _brief_key(k: Mapping) -> dict:
    return {"id": k.get("id"), "speaker": k["speaker"], "quote": k["quote"]}


def _brief_pred(p: Statement) -> dict:
    return {"id": p.id, "speaker": p.speaker, "quote": p.quote}
