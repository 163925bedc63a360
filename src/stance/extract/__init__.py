"""Statements ("who said what") in French and English news articles.

stance scores *pairs* of statements; this module finds them in an article. A statement is the
sentence (or clause) that carries an attribution, the speaker as written, the attribution frame
(the *cue*) and the reported content without the frame (the *claim*)::

    >>> [s.speaker for s in extract("Le pont a rouvert lundi, selon la mairie.")]
    ['la mairie']

How it works, and why by rules:

1. **Sentences** come from pysbd, which knows both languages' abbreviations and keeps quoted
   sentences with their frame ("« A. B », a-t-il dit"); a small post-pass fixes the boundaries
   it gets wrong on news copy, and leaves a wire dateline ("LYON, 3 mai 2026 (AFP) - ") out of
   the sentence it opens (see :func:`_sentences`).
2. **Cues** are found with one compiled regex per language: reporting verbs in every form a
   wire story uses (compound "a déclaré", inverted "a-t-il ajouté", "juge-t-elle", present
   "estime que", "said", "has promised", "says"), and source prepositions ("selon X",
   "d'après X", "according to X", "Pour X, ...", "de source policière"). A phrase inserted
   between the speaker and the verb is read with the verb ("a pour sa part affirmé", "X, for
   its part, said", "X in turn said": ``insertions.tsv``); after a quotation and its comma any
   verb frames it, in the lexicon or not ("« ... », a réagi M. X", "s'est indigné le maire",
   '"...," the mayor fumed'); a figure verb frames only a figure ("put the toll at 14", "a
   chiffré à 40 le nombre de ..."). A cue inside quotation marks belongs to the
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
   matching gender and number. A mention by title or surname alone ("la préfète", "the
   governor", "M. Aubanel") is the person named before with that title or surname, and the
   speaker is then that person's full name; "la même source" is the source named before.
   A company called by what it is ("the company", "l'établissement"), a management alone
   ("la direction"), a possession ("her office", "son cabinet"), a body by its first word
   ("l'agence") and another role for a person ("la magistrate") are named after what the
   article named before (:mod:`.bodies`; word lists ``organisations.tsv`` and ``roles.tsv``).
   A claim that opens with a pronoun gets its ``referent`` (the speaker when the claim
   follows its frame and agrees with the pronoun; else the subject of the previous sentence
   or of its claim), which :func:`stance.pairs.statement_text` puts in the pronoun's place.
4. One sentence may hold several attributions by different speakers; it is then cut into one
   clause per speaker.

A dependency parser (spaCy's small French model) was measured against these rules on the
project's annotated articles: it was less accurate and more than ten times slower (figures in
``training/bench_extract.py``'s docstring), so pysbd is the only dependency.

The package follows the rules' order: :mod:`.lexicon` (word lists and patterns),
:mod:`.sentences`, :mod:`.clauses` (a sentence as the rules read it), :mod:`.speakers`,
:mod:`.bodies` (speakers named through a company, an owner or a role), :mod:`.attribution`
(frames), :mod:`.articles` (the public entry points), and
:mod:`.evaluation` (scoring against annotated keys, which is not extraction).

Known limits: a pronoun is resolved by gender and number as the wording shows them ("la
préfète", "plusieurs responsables"), not from first names, so "Selon lui" may go to a nearby
woman named without a title, and a referent is given only where the wording shows it can be;
a speaker described without a name is linked to the person named earlier only through a
shared title word ("la préfète" / "la préfète du Gard, X") or a role of ``roles.tsv`` ("Le chef
du Pentagone" after "le secrétaire à la défense Ashton Carter"); a question reports nothing, even
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

from .articles import extract, read_article
from .evaluation import match_key, score_articles, score_extraction
from .lexicon import DENIAL_FORMS, QUOTE_PAIRS
from .speakers import same_person, speakers_agree
from .statement import LANGS, Statement

__all__ = [
    "DENIAL_FORMS",
    "LANGS",
    "QUOTE_PAIRS",
    "Statement",
    "extract",
    "match_key",
    "read_article",
    "same_person",
    "score_articles",
    "score_extraction",
    "speakers_agree",
]
