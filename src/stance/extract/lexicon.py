"""Word lists and patterns of attribution in French and English news copy."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..text import (
    MONTH_ABBREVIATIONS_EN,
    MONTH_ABBREVIATIONS_FR,
    MONTHS_EN,
    MONTHS_FR,
    alternation,
    tsv_rows,
    word_set,
)

_HERE = Path(__file__).resolve().parent


def _table(name: str) -> list[list[str]]:
    """The rows of a TSV word list beside this module, without its header."""
    return tsv_rows(_HERE / name)[1:]


# Phrases inserted between a speaker and its verb ("a pour sa part affirmé", "for its part").
_INSERTION_PHRASES = {
    lang: [phrase for code, phrase in _table("insertions.tsv") if code == lang]
    for lang in ("fr", "en")
}


def _reporting_verbs(lang: str, *kinds: str) -> dict[str, list[str]]:
    """The reporting verbs of ``reporting_verbs.tsv`` of one language and kinds (``cue``: they
    report wherever they stand; ``object``: cues whose content is their object; ``frame``: only
    after a quotation), as participle (French, or a phrase: "fait savoir") or past (English) ->
    its other forms."""
    return {
        participle: finite.split("|")
        for row_lang, row_kind, participle, finite in _table("reporting_verbs.tsv")
        if row_lang == lang and row_kind in kinds
    }


# French reporting verbs: participle -> finite forms. Participles need an auxiliary ("a
# indiqué"); finite forms are ambiguous with nouns ("le juge", "une avance") and are accepted
# only in an unambiguous position (see _finite_ok). Phrases of several words ("fait savoir")
# are kept apart.
_FR_CUES = _reporting_verbs("fr", "cue", "object")
_FR_VERBS = {p: " ".join(forms) for p, forms in _FR_CUES.items() if " " not in p}
_FR_PHRASES = {p: tuple(forms) for p, forms in _FR_CUES.items() if " " in p}
# Verbs that frame a quotation only after it ("..., a-t-il lancé"); before a clause they mean
# something else ("a lancé une pétition").
_FR_FRAME_VERBS = {p: " ".join(forms) for p, forms in _reporting_verbs("fr", "frame").items()}
# English: past / participle -> 3rd person present.
_EN_VERBS = {p: forms[0] for p, forms in _reporting_verbs("en", "cue", "object").items()}
_EN_FRAME_VERBS = {p: forms[0] for p, forms in _reporting_verbs("en", "frame").items()}
# Cues whose content is their object ("a réclamé une enquête", "accused the board of"), all
# forms: the words before such a verb are its subject, not its content.
_OBJECT_CUES = frozenset(
    form.lower()
    for lang in ("fr", "en")
    for participle, forms in _reporting_verbs(lang, "object").items()
    for form in (participle, *forms)
)

# English present forms that are also common nouns ("insurance claims", "estimates show"):
# like French finite forms, accepted only in an unambiguous position.
_EN_NOUNISH = word_set(
    "claims estimates states notes promises stresses pledges vows cautions puts "
    "protests objects recounts finds calls"
)

# Verbs that frame a figure through a noun phrase ("put the toll at 14", "a chiffré à 40 le
# nombre de ..."): a cue only when "at"/"à" follows within a few words, since "put the plan on
# hold" or "a évalué la situation" report nothing.
_FIGURE_VERBS = word_set(
    "put puts chiffré chiffre chiffrent chiffrait chiffraient chiffra évalué évalue évaluent "
    "évaluait évaluaient évalua"
)
_FIGURE_AT = word_set("at à au")

# "called" reports a judgement only as "called X <adjective>" or "called X \"...\"" ("called
# the failure unacceptable for a bank of that size"), not "called the police", "called for
# calm" or "called the national guard": an adjective ending the clause or before a
# preposition, not right after a determiner ("called the executive in Paris"), or a quotation.
# Suffixes that nouns share often ("-ent": president, "-ing": meeting) are left out.
_JUDGED = re.compile(
    r"(?<![\w'’-])[a-z]+(?:able|ible|ous|ful|ive|ic|ical|less)"
    r"(?=\s*(?:$|[,.;:]|\s(?:for|in|at|to|because|given|and|but|after|since)\b))"
    r"|[\"“]",
)
_NOT_JUDGED = word_set("for on off in up back out upon to it him her them me us")

# Reporting verbs that deny what follows them ("a démenti", "denied"): a denial's claim alone
# says the opposite of what its speaker says, so the pairing reads it with its frame
# (stance.pairs.statement_text). Participles, as the verb tables above name them.
_DENIAL_PARTICIPLES = {"fr": ("nié", "démenti", "contesté"), "en": ("denied",)}
DENIAL_FORMS = frozenset(
    form
    for lang, table in (("fr", _FR_VERBS), ("en", _EN_VERBS))
    for participle in _DENIAL_PARTICIPLES[lang]
    for form in (participle, *table[participle].split())
)
"""Every form of a denying reporting verb the extractor can report in a cue."""


# Verbs whose object comes before "that"/"que": "told reporters that", "denied reports that".
_OBJECT_VERBS = word_set(
    "told tells informed assured reminded warned denied denies rejected dismissed promised "
    "convinced"
)

_FR_AUX = r"(?:a|ont|avait|avaient|aurait|auraient|aura|auront)"

_EN_AUX = r"(?:has|have|had)"

_FR_AUX_WORDS = word_set("a ont avait avaient aurait auraient aura auront est sont va vont doit")

_EN_AUX_WORDS = word_set("has have had is are was were will would")


# At most two adverbs between auxiliary and participle ("a cependant précisé", "has also said").
def _phrases(phrases: Iterable[str]) -> str:
    """An alternation of phrases, longest first, any run of spaces between their words."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len)[::-1])


_FR_INSERTIONS = _phrases(_INSERTION_PHRASES["fr"])

_EN_INSERTIONS = _phrases(_INSERTION_PHRASES["en"])

_FR_ADVERBS = (
    rf"(?:{_FR_INSERTIONS}|\w+ment|cependant|pourtant|toutefois|également|aussi|déjà|encore|"
    r"enfin|ensuite|alors|bien|même|notamment|ainsi|d['’]ailleurs|au contraire|pas|jamais|plus|"
    # a stressed pronoun between commas: "Les riverains ont, eux, salué"
    r"(?<=,\s)(?:lui|elle|eux|elles)(?=,))"
)

_EN_ADVERBS = (
    rf"(?:{_EN_INSERTIONS}|\w+ly|also|since|already|again|never|not|repeatedly|further|then|"
    r"even|long)"
)

# An inserted phrase that ends the words before a verb ("The union for its part | said"), or
# that is a whole comma-delimited chunk ("The mayor, for his part, said").
_INSERTION_END = {
    "fr": re.compile(rf"(?<![\w-])(?:{_FR_INSERTIONS})\s*,?\s*$", re.IGNORECASE),
    "en": re.compile(rf"(?<![\w-])(?:{_EN_INSERTIONS})\s*,?\s*$", re.IGNORECASE),
}
_INSERTION = re.compile(rf"(?:{_FR_INSERTIONS}|{_EN_INSERTIONS})", re.IGNORECASE)

_NEGATIONS = word_set("pas jamais plus not never ne n' n’ no")

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

_SUBJECT_PRONOUNS = word_set("il elle ils elles he she it they")

# Words that show a clause of its own between a verb and its "that"/"que" ("told reporters
# she had found no evidence that"): its subject, or a verb after it.
_CLAUSE_SUBJECTS = _SUBJECT_PRONOUNS | word_set("there no nothing none aucun aucune rien personne")

_CLAUSE_VERBS = word_set("had has have was were is are avait avaient ont est était")

_STRESSED_PRONOUNS = word_set("lui elle eux elles him her them")

_RELATIVES = word_set("qui who which that dont lequel laquelle lesquels lesquelles where whose où")

_DETERMINERS = word_set(
    "le la les l' l’ un une des du de d' d’ son sa ses leur leurs ce cet cette ces plusieurs "
    "certains certaines quelques chaque notre nos votre vos aucun aucune tous toutes "
    "the a an its their his her this these those some several many our one each"
)

_FEMININE_DETERMINERS = word_set("la une sa cette")

_MASCULINE_DETERMINERS = word_set("le un ce cet du")

_PLURAL_DETERMINERS = word_set("les des ces plusieurs certains certaines quelques leurs nos vos")

_SINGULAR_DETERMINERS = word_set("le la l' l’ un une son sa ce cet cette a an its his her this")

_INDEFINITE = word_set("un une a an one")

_OBJECT_CLITICS = word_set("l' l’")

# Adverbs between a subject and its reporting verb ("he also said", "Le Goff later claimed"):
# read with the verb, so that the subject is the name or the pronoun before them.
_ADVERBS_BEFORE_CUE = word_set("also later further again then")

# A participle opening an aside between subject and verb ("X, élu en 2020, a dit").
_PARTICIPLE = re.compile(r"[a-zà-ÿ]+(?:ée?s?|ue?s?|ie?s?|ed|ing)")

# A past participle that takes the agent or the date after it into a source's noun phrase ("un
# document consulté par l'AFP", "a report published in 2024"): the regular French and English
# forms, the only ones a noun does not share (except a few nouns in "-é": "société").
_PAST_PARTICIPLE = re.compile(r"[a-zà-ÿ]{3,}(?:ée?s?|ed)")

# A present participle opening a chunk ("faisant neuf blessés", "leaving ..."): a clause about
# what comes before it, never the subject of the verb after it.
_PRESENT_PARTICIPLE = re.compile(r"[a-zà-ÿ]{3,}(?:ant|ing)")

# After a determiner a cue word is a noun or an adjective ("le juge", "an estimated 5,000");
# after "was" a passive ("was told").
_NOT_BEFORE_A_CUE = _DETERMINERS | word_set("was were been be is are being")

_SUBJECT_RELATIVES = word_set("qui who which")

_AS = word_set("comme as")

# "ceux de X", "celle de X": the demonstrative stands for the speaker named after it.
_DEMONSTRATIVES = word_set("ceux celle celui celles those that")

_DE = word_set("de du des d' d’ of")

# Prepositions that end a speaker's noun phrase ("la direction | dans un communiqué"); "de",
# "à", "of" and "for" stay inside titles ("le secrétaire à la défense").
_STOP_PREPOSITIONS = word_set(
    "dans lors devant pendant sur avec en par après avant depuis durant chez selon malgré "
    "on in at during outside after before from with via to while according"
)

_INTRO_WORDS = word_set(
    "dans en au aux à lors pendant après avant depuis sur selon pour chez par mais et or donc "
    "in on at during after before since for by from but and so yet however meanwhile also "
    "hier aujourd'hui yesterday today ainsi alors ensuite enfin cependant pourtant toutefois"
)

_TIME_WORDS = word_set(
    "lundi mardi mercredi jeudi vendredi samedi dimanche hier aujourd'hui aujourd’hui "
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight"
)

_MONTHS = frozenset(month.lower() for month in MONTHS_FR | MONTHS_EN)

_CONJUNCTIONS = word_set("et mais or donc and but so yet while whereas")

# Conjunctions that join a subject's second verb to its first ("X said A and added B").
_AND = word_set("et mais and but")

# "called": a judgement ("called X unacceptable") or a demand ("called for", "called on X to").
_CALLS = word_set("called calls")

# A name after one of these is a place or an employer ("an analyst at Enerlys"), not a speaker.
_PREPOSITIONS = _STOP_PREPOSITIONS | _INTRO_WORDS

# Words that show a chunk holds a clause, not just a noun phrase.
_CLAUSE_WORDS = {
    "fr": word_set(
        "est sont était étaient a ont avait avaient sera seront serait seraient va vont doit "
        "doivent peut peuvent fait font que qu' qu’ qui quand lorsque si car où dont"
    ),
    "en": word_set(
        "is are was were has have had will would can could may might must should does did "
        "that who which when while because if where"
    ),
}

# Parenthetical adverbs between a subject and its verb ("X, however, told ...").
_PARENTHETICALS = word_set(
    "however though meanwhile also too cependant pourtant toutefois néanmoins enfin aussi "
    "lui elle eux lui-même elle-même"
)

# Capitalised titles that are not part of a person's name ("Interior Minister Nadia Benhamou").
_TITLES = word_set(
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
_BODIES = word_set(
    "gouvernement opposition syndicat syndicats ministère direction police gendarmerie parquet "
    "entreprise groupe association mairie préfecture commission fédération parti armée agence "
    "autorités experts spécialistes analystes habitants salariés manifestants élus sources "
    "government union unions ministry management prosecutors company group council party army "
    "agency authorities experts analysts residents workers protesters officials sources "
    "regulator régulateur"
)

_FEMININE_WORDS = word_set(
    "spokeswoman chairwoman mrs ms miss madam madame mme mlle préfète présidente directrice "
    "sénatrice députée ambassadrice procureure princess queen lady"
)

_MASCULINE_WORDS = word_set("spokesman chairman mr monsieur sir lord king prince")

_NAME_PARTICLES = word_set("de du des d' d’ le la van von der den da di del bin ben al el ibn")

# "selon les cas", "according to plan": the preposition names no source.
_NOT_SOURCES = re.compile(
    r"(?:les?\s+cas|toute\s+\w+|que|qu['’]|(?:the\s+)?(?:plan|schedule))(?![\w-])", re.IGNORECASE
)

_SENTENCE_ABBREVIATIONS = {
    # Titles before a name, and months before a number, that pysbd's lists lack for news copy.
    "fr": word_set(
        "dr pr mme mmes mlle mlles me mgr st ste gal cdt lt col janv févr avr juil sept oct nov déc"
    ),
    "en": word_set(
        "dr prof gen lt col maj capt sgt gov sen rep rev st mr mrs ms jan feb apr aug sept oct "
        "nov dec"
    ),
}

_MONTH_ABBREVIATIONS = MONTH_ABBREVIATIONS_FR | {m.lower() for m in MONTH_ABBREVIATIONS_EN}


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
        rf"(?<![\w-])(?:(?P<aux>{aux})(?:{inverted})?(?P<adv>(?:,?\s+{adverbs}){{0,3}},?)\s+"
        rf"(?P<pp>{alternation(participles)})"
        rf"|(?P<fin>{alternation(finite)})(?:{inverted2})?)(?![\w-])",
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
# Reflexive frames: "s'est indigné le maire", "s'inquiète-t-elle", "se sont félicités X".
_FR_REFLEXIVE = (
    "indign inquiét inquièt félicit alarm insurg emport exclam étonn réjou défend agac offusqu "
    "interrog désol plaign"
).split()
_FR_RESTRICTED = re.compile(
    r"(?<![\w-])(?:s['’](?:est|était)|se\s+sont)(?:-(?P<pi>il|elle|on|ils|elles))?\s+"
    r"(?:(?P<said>(?:limitée?|contentée?|bornée?)\s+(?:à|de)\s+"
    r"(?:dire|déclarer|répondre|indiquer|affirmer|rappeler|souligner|préciser))"
    rf"|(?:{'|'.join(_FR_REFLEXIVE)})[a-zé]*)(?![\w-])"
    rf"|(?<![\w-])s['’](?:{'|'.join(_FR_REFLEXIVE)})[a-zé]*(?:-t-(?P<pi2>il|elle|on))?(?![\w-])",
    re.IGNORECASE,
)

_FRAME_PARTICIPLES = frozenset(
    w.lower() for w in (*_FR_FRAME_VERBS, *_EN_FRAME_VERBS, *_EN_FRAME_VERBS.values())
) | frozenset(f for forms in _FR_FRAME_VERBS.values() for f in forms.split())

# Lower-cased words at which a cue can start (a hyphenated "a-t-il" counts by its first part).
_CUE_STARTS = {
    "fr": word_set("a ont avait avaient aurait auraient aura auront")
    | {
        f.split()[0]
        for forms in (*_FR_VERBS.values(), *_FR_FRAME_VERBS.values())
        for f in forms.split()
    }
    | {f.split()[0] for forms in _FR_PHRASES.values() for f in forms},
    "en": word_set("has have had")
    | {
        w.lower()
        for w in (*_EN_VERBS, *_EN_VERBS.values(), *_EN_FRAME_VERBS, *_EN_FRAME_VERBS.values())
    },
}

_SOURCE_STARTS = word_set("selon d' d’ according pour de")

# Source prepositions. "Pour X, ..." is one only at the start of a clause (checked in code);
# "de source policière", "de sources concordantes": the speaker is the source named after "de".
_SOURCES = re.compile(
    r"(?<![\w-])(?P<src>selon|d['’]après(?!-)|according\s+to|pour|de(?=\s+sources?\s+\w))"
    r"(?![\w-])",
    re.IGNORECASE,
)

# A reporting frame of any verb right after a quotation and its comma, with the speaker after
# it ("« ... », a réagi M. X", "« ... », s'est indigné le maire", "« ... », tempête-t-elle",
# '"...," retorted the minister'): after a closed quotation the verb can only frame it, so
# the verb need not be in the lexicon. Groups as in _compile_cues.
_QUOTE_FRAME = re.compile(
    r"(?P<aux>(?:a|ont|avait|avaient)|s['’](?:est|était)|se\s+sont)"
    r"(?:-t-|-)?(?P<pi>il|elle|ils|elles)?"
    rf"(?:(?:,?\s+{_FR_ADVERBS}){{0,2}},?)\s+"
    r"(?P<pp>[a-zà-ÿ]+(?:ée?s?|ie?s?|ue?s?|it|ert|int|is))(?![\w-])"
    r"|(?P<fin>(?:s['’])?[a-zà-ÿ]{3,}(?:e|it|ent))(?:-t-|-)?(?P<pi2>il|elle|ils|elles)?(?![\w-])"
    r"|(?P<en>(?:(?:has|have|had)\s+)?[a-z]+ed|said|says|told|wrote|put)(?![\w-])",
    re.IGNORECASE,
)

# English "'...,' the mayor fumed": a speaker of a few words, then any past-tense verb.
_QUOTE_FRAME_AFTER = re.compile(r"(?:[a-z]+ed|said|says|told|wrote)(?![\w-])")

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
    r"in\s+a\s+statement|dans\s+un\s+communiqué|"
    rf"{_FR_INSERTIONS}|{_EN_INSERTIONS}"
)

_ADDRESSEE = (
    r"(?:à|au|aux)\s+(?:l['’]|la\s+|le\s+|les\s+)?(?:[A-Z]{2,}\b|presse|journalistes|"
    r"des\s+journalistes|la\s+radio|la\s+télévision|Reuters|[A-Z]\w+(?=\s+(?:que|qu['’])))"
    r"|to\s+(?:reporters|journalists)"
)

_SKIP_AFTER_CUE = re.compile(rf"(?:\s+|,\s*)*(?:{_DATE}|{_ADVERB}|{_ADDRESSEE})(?![\w-])")

_THAT = word_set("que qu' qu’ that")

_LEADING_CONJUNCTION = re.compile(r"^(?:but|and|yet|mais|et|or)\s+(?=\w)", re.IGNORECASE)

# Words that open a sentence to link it to the previous one ("But X, ..., said", "Mais le
# maire, Jean Dupuis, a affirmé"); they are not part of the subject that follows them.
_DISCOURSE_CONJUNCTIONS = word_set(
    "but and yet however nevertheless nonetheless meanwhile mais et or pourtant cependant "
    "toutefois néanmoins donc"
)

# Present participles that frame what follows them as the main clause's subject's words
# ("Others put the figure lower, saying that ..."). Denials are left out: the pairing reads
# a denial from the cue ("denied", "a démenti") and would not recognise "denying", "niant".
_PARTICIPLE_CUES = {
    "fr": word_set(
        "affirmant assurant estimant expliquant précisant soulignant ajoutant déclarant "
        "indiquant jugeant rappelant arguant avertissant"
    ),
    "en": word_set(
        "saying adding claiming insisting warning arguing noting stressing explaining "
        "stating asserting"
    ),
}

# A wire dateline opening a story's first sentence: the place in capitals, the date, the
# agency in parentheses and a dash ("AUBRAC, France, June 9 (Reuters) - ", "LYON, 3 mai 2026
# (AFP) - "). It belongs to no one's words; the sentence starts after it.
_DATELINE = re.compile(
    r"[A-ZÀ-Ý][A-ZÀ-Ý'’ .-]{2,}(?:,[^()\n]{1,40})?\s*\([A-Z][\w .-]{1,20}\)\s*[-–—]+\s+"
)

# Sentence post-pass: a one-letter initial's period followed by a word that never follows an
# initial (a pronoun, an indefinite article, a source preposition) ends a sentence ("une
# plainte contre X. Selon elle, ..."), which pysbd reads as "John F. Kennedy". Not "Le"/"La",
# which open surnames ("J. Le Goff"), nor after "M." (Monsieur).
_INITIAL_END = re.compile(
    r"(?<![\w.'’-])[A-LN-Z]\.(?=\s+(?:Un|Une|Des|Il|Elle|Ils|Elles|On|Selon|D['’]après|Pour|"
    r"Mais|The|He|She|It|They|We|According|But)(?![\w-]))"
)

# Sentence post-pass: a sentence closed inside a quotation and followed by a new one
# ("« C'est fini. » Puis ...") that pysbd keeps together.
_QUOTED_END = re.compile(r"[.!?…]\s?[»”\"](?=\s+[«\"“A-ZÀ-ÖØ-Þ])")

_ABBREVIATION_END = re.compile(r"(?<![\w.])(\w+)\.$")

# Line breaks with the spaces around them; two or more newlines make a paragraph break.
_LINE_BREAKS = re.compile(r"[ \t\r]*\n[ \t\r\n]*")

_SENTENCE_END = '.!?…:»”"'

_LOOKBACK = 4  # sentences within which a pronoun's antecedent is looked for
