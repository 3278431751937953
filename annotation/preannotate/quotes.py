"""Direct quotations inside article text.

A quotation is a balanced pair of quotation marks of one family (double: “ ” " „ ‟ « »; single:
‘ ’ ' ‚ ‹ ›), including the marks. Which way a mark faces comes from its neighbours, not its glyph
(„…“ and »…« open with what English uses to close): a mark *opens* when it follows the start of a
paragraph, a space or an opening bracket and precedes a non-space, and *closes* when it follows a
non-space and precedes a space, punctuation of any script (the Arabic comma ، too) or the paragraph end.
A single mark between two letters or digits, or before a year (’90s) or a common elision (’em, ’til), is an
apostrophe and never opens.

A quotation may run over several paragraphs: by convention the paragraph that continues it opens
again and only the last one closes, so an unclosed quotation continues when the next paragraph opens
with a mark of the same family, and is dropped as unbalanced otherwise. Double quotation marks are the
primary quotes; single ones count as quotes only outside double ones (British style), and short
phrases in quotes with no speech verb nearby are scare quotes or titles, not quotations -- unless a
quotation elsewhere on the page holds the same words (a headline's fragment of what the story quotes in
full), they are a sentence of their own (“Step back.”, as in dialogue), punctuation sets them off as someone's
words whatever the language („Ne,“ řekl; «Όχι», είπε ο υπουργός; „Nem” – mondta), or their sentence holds a word
the page attributes its own quotations with (uvedl, after „…,“ uvedl Novák twice) or names, before them, a speaker
the page quotes (Demirci, after “…,” dedi Demirci), or, in lower case, they share their sentence with a quotation found
(ministerstvo „…“, ale bude „…“); so are longer ones after a label
(a kind of thing, a determiner, a possessive) with no reporting word that presents them -- a reporting verb
in a relative clause after the marks (its report “…”, which warned) is the thing's, not theirs -- and a
term the page marks after a naming word or verb ("dubbed the “mansion tax”", "sometimes called a “bomb
cyclone”") wherever it is marked. A name in title case inside a sentence (a song, a film, a programme) is
someone's words only with a reporting word right by it (chanted “…”, “…,” she said), not one elsewhere in
the sentence (she wrote songs, among them “…”). A long one in sentence case that a sentence runs through as through
a name -- a word in lower case before it and after it or after its comma, no punctuation of its own at its end (the
report ”…” arvioi; the novel «…», a story of …) -- is someone's words only with a reporting word in its sentence.
Short words in capitals inside a sentence, after a word in lower case, are a name (the company «…»), on a page
whose language writes its nouns in lower case (read from the page: German capitalises them).
A pair of marks of another kind inside an open quotation (« … “…” … ») is nested in it: only the outer pair is a
quotation.

Chinese, Japanese and Korean text has no spaces around its marks: the corner brackets 「…」 face the way
they look, and so do curly marks next to those scripts (他说：“…” , “…”라고); short words there are someone's when
punctuation sets them off (「…。」, …：「…」) as in other scripts. Japanese 『…』 only nests inside 「…」 or names a
work, so it is no mark of its own here (the outer quotation holds it, 7.3). A headline there attributes its
closing quotation without a colon (社長が謝罪会見「…」).

Marked words that end in a number and that a sentence runs into are a name (a plan, a report, an edition: “Agenda
2063”) in a script without capitals too, where no title case shows it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter

from annotation.preannotate.features import SPEECH_VERBS, alternation, may_fold_to_ascii

DOUBLE_MARKS = "“”\"„‟«»「」"
SINGLE_MARKS = "‘’'‚‛‹›"
QUOTE_MARKS = DOUBLE_MARKS + SINGLE_MARKS
# marks that pair only with their own counterparts (not with any mark of their family): the closers of each opener;
# Swedish and Finnish close an opening » with » (7.1: »…»), German and Danish with «
_GUILLEMET_PAIRS = {"«": "»", "»": "«»", "‹": "›", "›": "‹›", "「": "」", "」": "「"}
_OPENING_PUNCTUATION = "([{—–-/:\u00a0"
_CLOSING_PUNCTUATION = ".,;:!?)]}…—–-/"
# The clause and sentence punctuation of other scripts a closing mark stands before (Arabic «…»، ؛ ؟, the Devanagari
# danda, the Armenian and Ethiopic full stops, the full-width comma and stop): the non-ASCII characters of the
# categories of other punctuation, closing brackets and dashes, but the marks that open a Spanish question or
# exclamation.
_CLOSING_CATEGORIES = frozenset(("Po", "Pe", "Pd"))
_OPENING_PO = "¿¡"
# Elided words an apostrophe starts: English (’em, ’tis, ’cause), Dutch (’t, ’s, ’k, ’n); a quotation never
# opens with a word of a letter or two like these.
_ELISIONS = ("em", "til", "tis", "twas", "twere", "n", "cause", "cos", "cuz", "bout", "round", "t", "s", "k")
_ELISION_RE = re.compile(r"(?:" + alternation(_ELISIONS) + r")\b")
_YEAR_RE = re.compile(r"\d\d(?:s)?\b")
# Reporting words of the languages with their own marks (guidelines 7.2: "said, told, wrote …" in each
# language) and more English ones, added to features.SPEECH_VERBS: the present, past and plural forms a news
# sentence uses (spricht/sprechen von „…“, nennt/nannte „…“, warnt vor «…», a qualifié de « … »).
_MORE_REPORTING = (
    # English: the base forms of the plural present (health boards warn of a “…”), and the verbs of courts,
    # critics and reports (the judge found that the delay, while “…”)
    "warn|claim|argue|insist|admit|explain|reply|respond|acknowledge|announce|declare|urge|describe|suggest|"
    "predict|concede|stress|deny|denied|denies|complain|complained|complains|accuse|accused|accuses|condemn|"
    "condemned|condemns|criticise|criticised|criticises|criticize|criticized|criticizes|hailed|ruled|"
    "found that|finds that|concluded|testified|confirmed|revealed|labelled|labeled|termed|"
    # a court's ruling (held that the prosecution proved its case “…”) and the words a report cites (citing “…”)
    "held that|holds that|citing|cites|cited|"
    # the verbs that judge what they report as it (dismissed the remark as “…”, hails “…”, slammed it as “…”)
    "dismissed|dismisses|dismissing|hail|hails|hailing|slammed|slams|slamming|blasted|blasts|pointing out|"
    # and the verbs of speech a report varies "said" with (reiterated, quipped, retorted, pledged, texted); not
    # their forms in -s that are nouns too (demands, pledges, recounts, cautions)
    "reiterated|reiterates|asserted|asserts|alleged|alleges|quipped|quips|retorted|countered|lamented|"
    "cautioned|pledged|boasted|pleaded|demanded|recounted|"
    "texted|emailed|messaged|confided|proclaimed|mused|yelled|screamed|exclaimed|grumbled|fumed|scoffed|"
    "objected|protested|apologised|apologized|characterised|characterized|praised|praises|lauded|hit back|"
    "fired back|shot back|lashed out|went on|goes on|assured|assures|indicated|slam|reveals|"
    # German; with the Konjunktiv I of indirect speech (das Gesetz sei eine „…“), which reports by itself
    "sagte|sagt|erklärte|erklärt|betonte|betont|sprach|meinte|warnte|forderte|kritisierte|schrieb|laut|"
    "sagen|sagten|erklärten|betonten|meinten|fordert|fordern|forderten|warnt|warnen|warnten|kritisiert|kritisieren|"
    "kritisierten|spricht|sprechen|sprachen|nennt|nannte|nennen|nannten|bezeichnet|bezeichnete|bezeichnen|"
    "bezeichneten|schreibt|schreiben|schrieben|ruft|rief|riefen|mahnt|mahnte|lobt|lobte|beklagt|beklagte|klagt|"
    "klagte|räumt|räumte|versichert|versicherte|verspricht|versprach|kündigte|teilte|zufolge|äußert|"
    "äußerte|antwortet|antwortete|ergänzt|ergänzte|fügte|unterstrich|bekräftigte|befand|urteilte|bemängelte|"
    "monierte|twitterte|zitiert|zitierte|warf|wirft|fragte|fragt|behauptete|behauptet|bestätigte|bestätigt|"
    "erläuterte|erläutert|verwies|bilanzierte|resümierte|appellierte|drohte|schimpfte|spottete|polterte|"
    "sei|seien|könne|müsse|solle|wolle|dürfe|habe|werde|"
    # French
    "déclaré|déclare|affirmé|affirme|ajouté|ajoute|assuré|assure|dénoncé|dénonce|estimé|estime|expliqué|"
    "explique|souligné|souligne|indiqué|indique|précisé|précise|insisté|insiste|martelé|lancé|jugé|selon|"
    "dit|qualifié|qualifie|parle|parlé|évoque|évoqué|averti|avertit|prévient|prévenu|répond|répondu|reconnu|"
    "reconnaît|confié|confie|raconte|raconté|poursuit|poursuivi|regrette|regretté|salue|salué|fustige|fustigé|"
    "réclame|réclamé|promet|promis|annonce|annoncé|rappelle|rappelé|lâche|lâché|tranche|tranché|ironise|résume|"
    "résumé|confirme|confirmé|témoigne|témoigné|déplore|déploré|critique|critiqué|conclut|reprend|interroge|"
    "indigne|lance|souffle|glisse|assène|martèle|plaide|défend|admet|réagit|réagi|commente|"
    "rétorqué|rétorque|répliqué|réplique|raillé|raille|tonné|tonne|glissé|soufflé|constaté|constate|"
    "signalé|signale|accusé|félicité|félicite|mis en garde|met en garde|"
    # the present of "juger" (le Medef juge la décision « … »), "écrire", and the plural of the present (les
    # syndicats dénoncent « … »)
    "juge|jugent|écrit|écrivent|disent|affirment|déclarent|estiment|dénoncent|expliquent|assurent|soulignent|"
    "qualifient|réclament|ajoutent|préviennent|regrettent|"
    # Spanish
    "dijo|afirmó|declaró|señaló|aseguró|explicó|añadió|según|"
    "dice|dicen|afirma|asegura|señala|añade|declara|explica|calificó|califica|habló|habla|denunció|denuncia|"
    "advirtió|advierte|reconoció|reconoce|criticó|critica|lamentó|lamenta|insistió|insiste|subrayó|subraya|apuntó|"
    "apunta|recordó|recuerda|sostuvo|sostiene|resume|calcula|admite|admitió|manifestó|indicó|destacó|destaca|"
    "comentó|defendió|defiende|prometió|pidió|pide|reclamó|alertó|contó|relata|relató|sentenció|concluyó|"
    "agregó|expresó|opinó|considera|consideró|aclaró|precisó|confesó|"
    # the participles of the perfect, the past of news from Spain (ha calificado el fuego de «…», ha acusado a la
    # oposición de montar un «…»), and "tachar de", "tildar de" (to brand as)
    "dicho|afirmado|declarado|señalado|asegurado|explicado|añadido|calificado|denunciado|advertido|reconocido|"
    "criticado|lamentado|insistido|subrayado|apuntado|sostenido|admitido|manifestado|indicado|destacado|"
    "comentado|defendido|prometido|reclamado|alertado|relatado|sentenciado|concluido|agregado|expresado|"
    "aclarado|precisado|confesado|acusado|acusa|acusó|tachado|tacha|tachó|tildado|tilda|tildó|"
    "recalcó|recalca|recalcado|reiteró|reitera|reiterado|exigió|exige|exigido|reprochó|reprocha|reprochado|"
    "replicó|replica|replicado|valoró|valora|valorado|"
    # Italian
    "detto|dichiarato|spiegato|spiega|aggiunto|aggiunge|sottolineato|sottolinea|secondo|definito|definisce|"
    "afferma|affermato|avverte|avvertito|denunciato|commentato|ribadito|ribadisce|annunciato|annuncia|parla|"
    "osserva|conclude|ricorda|attacca|incalza|commenta|parlato|parlando|"
    "scritto|scrive|criticato|chiesto|chiede|assicurato|assicura|replicato|osservato|precisato|precisa|"
    "attaccato|concluso|ammesso|ammette|raccontato|racconta|tuona|tuonato|dichiara|"
    # Portuguese
    "disse|diz|afirmou|declarou|segundo|explicou|acrescentou|ressaltou|destacou|classificou|chamou|criticou|"
    "alertou|defendeu|garantiu|frisou|sublinhou|lembrou|avaliou|completou|"
    "disseram|afirmaram|avisou|reforçou|admitiu|reconheceu|negou|acusou|comentou|escreveu|contou|revelou|"
    "assegurou|prometeu|pediu|apontou|observou|"
    # Dutch
    "zei|zegt|aldus|volgens|noemde|noemt|schreef|schrijft|verklaarde|stelde|waarschuwde|benadrukte|sprak|spreekt|"
    "vindt|meent|stelt|vertelt|vertelde|reageerde|benadrukt|"
    "zeggen|zeiden|liet weten|laat weten|noemden|waarschuwt|schreven|twitterde|erkende|erkent|ontkende|ontkent|"
    "riep|roept|vroeg|vraagt|antwoordde|antwoordt|beloofde|belooft|"
    # Swedish (sade: "said", not its short form "sa", the French "sa"; kallar: "calls"; enligt: "according to")
    "säger|sade|sagt|uppger|uppgav|skriver|skrev|menar|menade|berättar|berättade|konstaterar|konstaterade|"
    "betonar|betonade|hävdar|hävdade|förklarar|förklarade|svarar|svarade|varnar|varnade|anser|ansåg|tycker|"
    "kallar|kallade|enligt|"
    # Russian, in the past of each gender and number and the present (сказал, сказала, сказали; говорит), and
    # "по словам" (according to); назвал: "called"
    "сказал|сказала|сказали|говорит|говорят|заявил|заявила|заявили|заявляет|отметил|отметила|отметили|"
    "подчеркнул|подчеркнула|пояснил|пояснила|добавил|добавила|сообщил|сообщила|сообщили|написал|написала|"
    "рассказал|рассказала|признал|признала|ответил|ответила|предупредил|предупредила|считает|считают|"
    "назвал|назвала|назвали|называет|называют|по словам"
)
REPORTING_WORDS = tuple(dict.fromkeys(SPEECH_VERBS.split("|") + _MORE_REPORTING.split("|")))
# Verbs that name what they report after them (called it “…”, described it as “…”, branded “…”): after a
# quotation they report something else ("The “growth plan” branded “fantasy economics”").
_NAMING_VERBS = frozenset(
    "called calls calling described describes describing branded brands branding nennt nannte nennen nannten "
    "labelled labeled termed bezeichnet bezeichnete bezeichnen bezeichneten qualifié qualifie qualifient calificó "
    "califica calificado tachado tacha tachó tildado tilda tildó "
    "definito definisce classificou chamou noemde noemt kallar kallade назвал назвала назвали называет "
    "называют".split())
# The verbs as tries (``alternation``): the patterns are only asked whether they match, and a trie is several
# times faster than the list of the verbs, which the engine tries one by one at every word.
_VERBS_AFTER = alternation(verb for verb in REPORTING_WORDS if verb not in _NAMING_VERBS)
_SPEECH_AFTER_RE = re.compile(r"^[\s,:;—–-]*(?:[\w.’'-]+\s+){0,4}(?:" + _VERBS_AFTER + r")\b", re.IGNORECASE)
_SPEECH_IN_RE = re.compile(r"\b(?:" + alternation(REPORTING_WORDS) + r")\b", re.IGNORECASE)
_SPEECH_AFTER_ANYWHERE_RE = re.compile(r"\b(?:" + _VERBS_AFTER + r")\b", re.IGNORECASE)
# The reporting words that stand before the words they report, never after them: according to the report, “…”.
_FORWARD_ATTRIBUTIONS = frozenset(
    "according to|in the words of|selon|según|laut|zufolge|secondo|segundo|volgens|enligt|по словам".split("|"))
_VERBS_BEFORE_NEXT_RE = re.compile(r"\b(?:" + alternation(
    verb for verb in REPORTING_WORDS if verb not in _NAMING_VERBS and verb not in _FORWARD_ATTRIBUTIONS) + r")\b",
    re.IGNORECASE)


def _forms(stems: str, endings: str) -> list[str]:
    """Each stem with each ending ("" for none): _forms("baptis", "é ée")."""
    return [stem + ending for stem in stems.split() for ending in endings.split(" ")]


# Naming words (7.2): what stands in marks after them is a name or term, never someone's words, whatever
# the sentence reports; an article may stand between (titled the “…”, known as the “…”). German, French,
# Spanish, Italian, Portuguese and Dutch ones too: sogenannte „…“, baptisé « … », la llamada «…».
NAMING_WORDS = (
    "so-called", "so called", "dubbed", "known as", "nicknamed", "titled", "entitled", "named", "aka", "a.k.a.",
    "renamed", "rebranded", "genannt", "namens", "getauft",
    "genaamd", "getiteld", "zogenaamd", "zogenaamde", *_forms("sogenannte", " n m r s"),
    *("so " + word for word in _forms("genannte", " n m r s")),
    *_forms("baptis rebaptis surnomm intitul dénomm", "é ée és ées"),
    *_forms("denominad titulad apodad llamad chamad intitulad bautizad rebautizad", "o a os as"),
    *_forms("cosiddett soprannominat intitolat denominat battezzat ribattezzat", "o a i e"),
    *(word + " como" for word in _forms("conocid conhecid", "o a os as")),
    # a name someone gives themselves (who called themselves “…”, die sich „…“ nennen)
    *(f"{verb} {reflexive}" for verb in "call calls called calling".split()
      for reflexive in "itself himself herself themselves".split()),
    *(f"{verb} sich" for verb in "nennt nannte nennen nannten".split()),
    *(f"{verb} zich" for verb in "noemt noemde noemen noemden".split()),
    *(f"se {verb} appeler" for verb in "fait font faisait".split()),
    *(f"se {verb} llamar" for verb in "hace hacen hacía".split()),
    *(f"si {verb} chiamare" for verb in "fa fanno faceva".split()))
# The articles a name may start with: the Twins, les Veilleurs.
_NAME_ARTICLES = frozenset("the les la le el los las die der das il gli de het".split())
# The words that make a naming word of a verb of calling: she calls herself “…”.
_REFLEXIVES = frozenset("itself himself herself themselves sich zich appeler llamar chiamare".split())
NAMING_ARTICLES = ("the", "a", "an", "der", "die", "das", "den", "el", "la", "le", "il")
# Words that name what follows as a term, a stock phrase or a work, with or without an article: the word
# “…”, der Begriff „…“, the old adage “…”, his 1998 hit “…”, the BBC documentary “…”.
NAMED_AS_WORDS = (
    *(f"the {kind}" for kind in "term phrase word slogan motto hashtag label title film book song album show "
                                "series report novel play podcast saying expression banner".split()),
    *"adage proverb cliché idiom maxim mantra sprichwort redewendung floskel proverbe dicton refrán".split(),
    "el dicho", "l’adage", "l'adage",
    "das wort", "dem wort", "der begriff", "den begriff", "dem begriff", "titel", "schlagwort", "stichwort",
    "le mot", "le terme", "l’expression", "l'expression", "el término", "la palabra", "el lema", "la expresión",
    "la parola", "il termine", "o termo", "a palavra",
    *"film movie song album single hit anthem track documentary memoir novel podcast episode sitcom musical opera "
     "exhibition catchphrase nickname alias slogan motto hashtag".split())
# The kinds of words in NAMED_AS_WORDS that name the marked words after a colon too (Das Motto: „…“, their
# slogan: “…”): a slogan's words are the slogan, whoever chants them (7.2: slogans named as slogans) -- not the kinds
# of work, whose words a colon introduces as a quotation from them (the report: “We found …”).
SLOGAN_KINDS = frozenset("slogan motto hashtag mantra catchphrase lema leitspruch wahlspruch".split())
# A work named after a comma: her new book, “The Long Road Home,” is out.
WORKS_BEFORE_COMMA = tuple("film movie song album single hit documentary memoir novel book podcast episode play "
                           "show series".split())
# The words as tries (see _VERBS_AFTER): the pattern is searched at every position of the tail.
_NAMING_BEFORE_RE = re.compile(
    r"\b(?:(?:" + alternation(NAMING_WORDS) + r")(?:\s+(?:" + alternation(NAMING_ARTICLES) + r"))?"
    r"|" + alternation(NAMED_AS_WORDS) + r")\s*$|\b(?:" + alternation(WORKS_BEFORE_COMMA) + r"),\s*$",
    re.IGNORECASE)
# What a tail (no trailing space) that _NAMING_BEFORE_RE matches ends with: one of its words (a work's with the
# comma), or an article as its last word -- a tail ending in none is answered without the regex engine, which
# tries each word at every position (one with a letter a case-insensitive pattern matches to an ASCII one goes to
# it: ``may_fold_to_ascii``).
_NAMING_ENDS = (*NAMING_WORDS, *NAMED_AS_WORDS, *(f"{work}," for work in WORKS_BEFORE_COMMA))
# The last characters of each of _NAMING_ENDS, as many as the shortest has: a tail ending in none of them ends in
# none of the entries, told by one set lookup (endswith over the tuple compares each of its entries in turn).
_NAMING_END_CHARS = min(map(len, _NAMING_ENDS))
_NAMING_END_LASTS = frozenset(end[-_NAMING_END_CHARS:] for end in _NAMING_ENDS)
_NAMING_ARTICLE_SET = frozenset(NAMING_ARTICLES)


def _could_be_named_before(tail: str) -> bool:
    """Whether _NAMING_BEFORE_RE could match ``tail``, which ends in no space (False: it does not)."""
    lowered = tail.lower()
    if lowered[-_NAMING_END_CHARS:] in _NAMING_END_LASTS and lowered.endswith(_NAMING_ENDS):
        return True
    words = lowered.rsplit(None, 1)
    return (bool(words) and words[-1] in _NAMING_ARTICLE_SET) or may_fold_to_ascii(tail)


# A naming word, then who gives the name (by, dai, par, por, von, door and up to three words) and perhaps an
# article: dubbed by fans the “…”, ribattezzato dai tifosi "…", surnommé par ses voisins « … ».
_NAMING_AGENTS = ("by", "da", "dai", "dagli", "dal", "dalla", "dalle", "par", "por", "pelos", "pelas", "pelo", "pela",
                  "von", "vom", "door")
_NAMING_BY_AGENT_RE = re.compile(
    r"\b(?:" + alternation(NAMING_WORDS) + r")\s+(?:" + "|".join(_NAMING_AGENTS) + r")(?:\s+[\w’'-]+){1,3}?"
    r"(?:\s+(?:" + alternation(NAMING_ARTICLES) + r"))?\s*$", re.IGNORECASE)
# Where the pattern matches a tail, the agent is a word of its own (between spaces) among its last words: one for
# the agent, three for who and one for the article; a tail without one is answered without the regex engine (one
# with a letter a case-insensitive pattern matches to an ASCII one goes to it: ``may_fold_to_ascii``).
_AGENT_SET = frozenset(_NAMING_AGENTS)
_AGENT_LAST_WORDS = 5


def _could_name_by_agent(tail: str) -> bool:
    """Whether _NAMING_BY_AGENT_RE could match ``tail`` (False: it does not)."""
    return not _AGENT_SET.isdisjoint(tail.lower().split()[-_AGENT_LAST_WORDS:]) or may_fold_to_ascii(tail)
# What makes the marked words after it a label when no reporting word presents them as someone's (see
# _label_before): a named kind of thing (the bill “…”, la loi « … »), a possessive (the politician’s “at the
# end of the day”), a determiner when a noun follows the marks (the “Meth. We're On It.” campaign).
_LABEL_KINDS = frozenset(
    "act bill law initiative plan programme program scheme strategy campaign operation motion referendum project "
    "manifesto treaty reform loi projet campagne opération mouvement parti réforme rapport référendum ley proyecto "
    "programa iniciativa campaña operación movimiento partido reforma informe legge decreto piano programma "
    "iniziativa campagna operazione movimento partito riforma rapporto "
    # the published works of an inquiry: its report “…”, the study «…»
    "report study survey review audit inquiry studie étude estudio studio estudo".split())
# Not "that": before marks it is mostly the conjunction (said that “…”).
_DETERMINERS = frozenset(
    "a an the its their his her our this these those der die das den dem des ein eine einen einem einer eines "
    "un une le la les el los las il lo gli uno".split())
# German compounds end in their kind (Klimagesetz, Volksinitiative), and so do French elided ones (l’initiative);
# a possessive ends in ’s or s’.
_LABEL_ENDINGS = tuple("initiative gesetz kampagne programm strategie aktion bewegung partei vorlage bericht "
                       "studie ’s 's s’ s'".split())
# Words ending in ’s that are no possessive.
_CONTRACTIONS = frozenset(word + mark + "s" for word in "it that there what he she who here where let".split()
                          for mark in "’'")


def _term_after_determiner_or_label(tail: str, after: str) -> bool:
    """Whether the marked words are a term the writer names, not someone's words: ``tail`` (what stands before
    them, stripped) ends in a word that is a determiner or makes a label of them (buscar un «caballero blanco»);
    ``after``: what follows them."""
    return tail[-1:].isalpha() and (tail.rpartition(" ")[2].lower() in _DETERMINERS or _label_before(tail, after))


def _label_before(tail: str, after: str) -> bool:
    """Whether the last word of ``tail`` (what stands before the marks, stripped) makes a label of them;
    ``after``: what follows them."""
    word = tail.rpartition(" ")[2].lower()
    if word in _DETERMINERS:
        # in the “struggle against terrorism” the words are the noun, someone's words (7.2 borrowed words)
        return after[:1].isspace() and _named_noun_after(after)
    return word in _LABEL_KINDS or (word.endswith(_LABEL_ENDINGS) and word not in _CONTRACTIONS)


_DETERMINER_BEFORE_RE = re.compile(r"\b(?:a|an|the|its|their|his|her|our|this|that|these|those)\s*$", re.IGNORECASE)
BEFORE_TAIL = 32
# _NAMING_BEFORE_RE's matches are at most 22 characters long ("calling themselves the", "documentary,"),
# spaces aside: it reads one more (for its \b) and no further (a search tries every position).
NAMING_TAIL = 23
_NOUN_AFTER_RE = re.compile(r"^\s+[a-z]")
_SENTENCE_END_RE = re.compile(r"[.!?]\s+(?=[A-Z“\"‘'])")
_WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
# How far before a short quotation its sentence is read for the source's reporting verb.
SENTENCE_BEFORE_CHARS = 320
# How far after a short quotation its sentence is read for the source's reporting verb.
SENTENCE_AFTER_CHARS = 160
# Shorter quotations need a speech verb next to them (or a comma inside) to count.
MIN_QUOTE_WORDS = 4
# Whether a quotation's first MIN_QUOTE_WORDS words are there, matched from its first word on, without a match
# object per word: the words _WORD_RE finds one after another, parted by what is no word character (where the
# next one starts), each atomic, so that no word gives characters back to make more words of them.
_WORD_CHAR_RE = re.compile(r"\w")
_MIN_WORDS_RE = re.compile(r"(?>\w+(?:['’-]\w+)*)(?:\W*+(?>\w+(?:['’-]\w+)*)){%d}" % (MIN_QUOTE_WORDS - 1))


def _is_space(char: str | None) -> bool:
    if char is None:
        return True
    if char.isascii():  # the ASCII characters of categories Zs and Cc are all at or below " ", or DEL
        return char <= " " or char == "\x7f"
    return char.isspace() or unicodedata.category(char) in ("Zs", "Cc")


# The kinds of marks within a family: a pair of one kind inside a pair of another is nested (see
# _quotes_in_region); straight and curly marks are one kind (a straight quotation may close with a curly mark).
_MARK_KINDS = {**dict.fromkeys("«»‹›", "guillemet"), **dict.fromkeys("「」", "corner")}


def _family(mark: str) -> str:
    return "double" if mark in DOUBLE_MARKS else "single"


def _is_apostrophe(text: str, position: int, before: str | None, after: str | None) -> bool:
    """``before`` and ``after``: the characters around ``position`` within its paragraph (None at its ends)."""
    if before is not None and after is not None and before.isalnum() and after.isalnum():
        return True
    if not (before is None or _is_space(before) or before in _OPENING_PUNCTUATION or before in QUOTE_MARKS):
        return False  # not at a word's start (most marks here close a quotation): no year or elision follows
    tail = text[position + 1:position + 6].lower()
    # ’90s, class of ’22; ’em, ’til
    return _YEAR_RE.match(tail) is not None or _ELISION_RE.match(tail) is not None


# _facing reads the mark and its two neighbours only: a page has few kinds of them (a letter, a space, a point
# around a mark), and its answer is looked up (several times cheaper than its tests).
FACING_CACHE_SIZE = 1 << 12


@lru_cache(maxsize=FACING_CACHE_SIZE)
def _facing(char: str, before: str | None, after: str | None) -> tuple[bool, bool]:
    """(can open, can close) of the mark ``char`` between ``before`` and ``after`` (None at the paragraph's
    ends)."""
    before_space, after_space = _is_space(before), _is_space(after)
    can_open = not after_space and (before_space or before in _OPENING_PUNCTUATION or before in QUOTE_MARKS)
    can_close = not before_space and (after_space or after in _CLOSING_PUNCTUATION or after in QUOTE_MARKS
                                      or _is_script_punctuation(after))
    if char in "«‹" and after_space and (before_space or before in _OPENING_PUNCTUATION):
        can_open, can_close = after is not None, False  # French spacing: « texte »
    elif char in "»›" and before is not None and before_space and (after_space or after in _CLOSING_PUNCTUATION):
        can_open, can_close = False, True
    if can_open and can_close:
        # e.g. `("word")` or `—"Yes`: decide by which side is a letter
        can_open = after is not None and after.isalnum()
        can_close = not can_open
    elif not (can_open or can_close) and (char in "「」" or char in "“”‘’" and (_is_cjk(before) or _is_cjk(after))):
        # no spaces around marks in CJK text (他说：“…”, “…”라고, 」と): the corner brackets and the curly marks
        # there face the way they look
        can_open, can_close = char in "「“‘" and not after_space, char in "」”’" and not before_space
    return can_open, can_close


def _is_script_punctuation(char: str) -> bool:
    """Whether ``char`` (no space) is clause or sentence punctuation of a script other than Latin (see
    _CLOSING_CATEGORIES)."""
    return not char.isascii() and char not in _OPENING_PO and unicodedata.category(char) in _CLOSING_CATEGORIES


def _is_cjk(char: str | None) -> bool:
    """Han, kana, Hangul, and the CJK and full-width punctuation."""
    return char is not None and ("\u3000" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af"
                                 or "\uf900" <= char <= "\uffef")


# _pairs is asked of two marks at a time, of which there are this many pairs: its answers are looked up.
@lru_cache(maxsize=len(QUOTE_MARKS) ** 2)
def _pairs(opener: str, closer: str) -> bool:
    if opener in _GUILLEMET_PAIRS or closer in _GUILLEMET_PAIRS:
        return closer in _GUILLEMET_PAIRS.get(opener, "")
    return _family(opener) == _family(closer)


# A paragraph: a line trimmed as str.strip trims it (\s is exactly str.isspace), found in one scan of the region.
_PARAGRAPH_RE = re.compile(r"\S(?:[^\r\n]*\S)?")


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [match.span() for match in _PARAGRAPH_RE.finditer(text, start, end)]


_MARK_RE = re.compile("[" + re.escape(QUOTE_MARKS) + "]")
# Where a paragraph ends (see _PARAGRAPH_RE).
_PARAGRAPH_END_RE = re.compile(r"[\r\n]")


def _in_paragraph(chunk: str) -> str:
    """``chunk`` up to the end of its paragraph: a carriage return or a line feed (the regex only for the few
    texts with a carriage return; a partition at the first line feed is several times cheaper)."""
    return _PARAGRAPH_END_RE.split(chunk, maxsplit=1)[0] if "\r" in chunk else chunk.partition("\n")[0]


# The marks but the single ones between two letters or digits (it's, don’t: most single marks), which _marks
# passes over anyway, found without a Python step each ([^\W_] is exactly str.isalnum).
_MARK_NOT_INSIDE_WORD_RE = re.compile("[" + re.escape(QUOTE_MARKS) + "](?:(?<=[" + re.escape(DOUBLE_MARKS)
                                      + "])|(?<![^\\W_].)|(?![^\\W_]))")
# A mark opening a word after a space: where the next quotation starts (not an apostrophe inside a word).
_OPENING_MARK_RE = re.compile(r"(?<!\S)[" + re.escape(QUOTE_MARKS) + r"](?=\w)")


# A French article or preposition elided before a spaced guillemet (d’« … », l’« … », qu’« … »), read in the
# seven characters before the mark: the guillemet opens as after a space (a mark right after the apostrophe,
# d’«un», opens already: the apostrophe is a quote mark to _facing).
_ELIDED_ARTICLE_RE = re.compile(r"(?<!\w)(?:[dljsnmtc]|qu|lorsqu|puisqu|jusqu)[’']$", re.IGNORECASE)


_Mark = tuple[int, str, bool, bool]


def _marks(text: str, start: int, end: int) -> tuple[list[_Mark], list[_Mark]]:
    """The quotation marks of the paragraph ``[start, end)`` that can open or close: (position, mark, can open,
    can close), the double ones and the single ones (parted here, where each mark's family is known already)."""
    doubles: list[_Mark] = []
    singles: list[_Mark] = []
    # the marks alone, not a Python step per character; the look-behind reads the character before the paragraph
    # for a mark opening it, where there is none for _marks: only when that one is no letter or digit either
    marks = _MARK_RE if start and text[start - 1].isalnum() else _MARK_NOT_INSIDE_WORD_RE
    for match in marks.finditer(text, start, end):
        position, char = match.start(), match.group()
        before = text[position - 1] if position > start else None
        after = text[position + 1] if position + 1 < end else None
        single = char in SINGLE_MARKS
        if single and (
                # most single marks are apostrophes inside a word: tested here, without a call
                (before is not None and after is not None and before.isalnum() and after.isalnum())
                or _is_apostrophe(text, position, before, after)):
            continue
        if char in "«‹" and before in ("’", "'") and _ELIDED_ARTICLE_RE.search(text, max(start, position - 7),
                                                                               position):
            before = " "  # an elided article or preposition opens the quotation as a space does: d’« un recul »
        # a nested quotation that opens or closes with its outer one, a space between the two marks (“ ‘…,’ ” she
        # read; a thin or no-break space as often): the outer mark faces as if it touched the inner one
        # (the mark two characters off is tested first: most marks have none there, and _is_space is a call)
        if (position + 3 < end and text[position + 2] in QUOTE_MARKS and _is_space(after)
                and _nested_mark_at(text, char, position + 2, position + 3, start, end)):
            after = text[position + 2]
        elif (position - 3 >= start and text[position - 2] in QUOTE_MARKS and _is_space(before)
              and _nested_mark_at(text, char, position - 2, position - 3, start, end)):
            before = text[position - 2]
        can_open, can_close = _facing(char, before, after)
        if can_open or can_close:
            (singles if single else doubles).append((position, char, can_open, can_close))
    return doubles, singles


def _nested_mark_at(text: str, outer: str, position: int, beyond: int, start: int, end: int) -> bool:
    """Whether a mark of the other family than ``outer`` stands at ``position`` with no space at ``beyond`` (the
    character on its far side from the outer mark), both inside the paragraph ``[start, end)``."""
    return (start <= beyond < end and text[position] in QUOTE_MARKS
            and (text[position] in DOUBLE_MARKS) != (outer in DOUBLE_MARKS) and not _is_space(text[beyond]))


def _is_quotation(text: str, start: int, end: int, paragraph_start: int, page: _Page) -> bool:
    """The direct-quotation test of the guidelines (7.2), approximated: words in marks that are not a
    name or term (after "so-called", "dubbed", ...), and that either are long enough to be someone's words
    or have a reporting verb in their sentence; a modifier in front of a noun with no reporting verb before
    it is a label (scare quotes), not a quotation. The words after a naming word go into ``page.named``, short
    ones with no source found into ``page.unsourced``."""
    # the words inside: none, or MIN_QUOTE_WORDS at least (a long quotation is not read to its end)
    first_word = _WORD_CHAR_RE.search(text, start + 1, end - 1)
    if first_word is None:
        return False
    long = _MIN_WORDS_RE.match(text, first_word.start(), end - 1) is not None
    if start - 2 >= paragraph_start and text[start - 1] in "-‐" and text[start - 2].isalnum():
        return False  # the marked part of a compound (Veto-„Fahrplan“, anti-“woke”) is a label, not someone's words
    before = text[max(paragraph_start, start - 120):start]
    # what follows in the paragraph: a reporting verb in the next one is no source of these words
    after = _in_paragraph(text[end:end + 60])
    # the end-anchored patterns read the last characters only (a search tries every position); their
    # matches, spaces aside, are shorter than BEFORE_TAIL, so the cut never makes a word boundary of its own
    tail = before.rstrip()[-BEFORE_TAIL:]
    # every naming and label word ends in a letter, a comma or an apostrophe: most tails (a colon, a dash)
    # are known without reading them
    last = tail[-1:]
    wordy = last.isalpha() or last in ",’'"
    if (wordy and _named_by_words(text, start, end, before, tail, after)
            or last == ":" and _slogan_before_colon(tail)):
        page.named.add(_term(text, start, end))
        return False
    if not long and _CJK_RE.search(text, start + 1, end - 1):
        # no spaces: the words are not counted by spaces
        return _is_cjk_quotation(text, start, end, before, paragraph_start)
    if not long and _is_own_sentence(text, start, end, before, paragraph_start):
        return True
    # the word after first (after a space: _NEXT_WORD_RE's \s is str.isspace): it is seldom a noun, and the
    # quotation is not read again
    if after[:1].isspace() and _named_noun_after(after) and _is_title(text, start, end):
        return False  # a name in title case before its noun: the union’s “Fair Deal for Dockers” campaign
    if not long and text[start + 1].isupper() and _nickname_inside_name(text, start, end, before, after):
        return False  # a nickname between a given name and a surname: Mandla ‘Chippa’ Dube
    if text[end - 2].isdigit() and _numbered_name_in_a_caseless_script(text, first_word.start(), tail):
        # the programme «سَكَن 2030», the report "… 2026": a name, someone's words only with a reporting word right by
        # them, as a name in title case below
        return _reported_right_by(text, end, before, tail, after)
    if text[start + 1].isupper() and _is_title_in_prose(text, start, end, before):
        # a name in title case in a sentence (we get “Housing for All 2.0”, songs such as “The Long Tide”): the
        # words of a source only when a reporting word stands right by them; one further off reports something
        # else (she wrote songs, among them “…”)
        return _reported_right_by(text, end, before, tail, after)
    if long:
        if not (wordy and (_label_before(tail, after) or _name_inside_sentence(text, start, end, tail, after))):
            return True
        # long words after a label (the initiative «…», the politician’s “at the end of the day”) or a name inside
        # its sentence: someone's words only when a reporting word presents them, in this sentence or the one
        # before (7.2, question 1)
        return _SPEECH_IN_RE.search(before) is not None or _reported_after(text, end)
    if (_capitalised_inside_sentence(text, start, end, before) and not page.capitalises_nouns(text, paragraph_start)
            and not (_judged_as(tail) and _SPEECH_IN_RE.search(_SENTENCE_END_RE.split(before)[-1]))):
        # a name: the company «Камснабмаш», la société « Rhodania Travaux » -- but not what a reporting verb judges a
        # thing as, a word made of a name among them (described the conditions as ‘Dickensian’: 7.2 "described …
        # as “…”")
        return False
    if _capitalised_after_a_name(text, start, end, before):
        return False  # a name after a name or a noun: das Quartier „Schussenblick“, рассказала Зверева «…»
    sentence_before = _SENTENCE_END_RE.split(before)[-1]
    if len(sentence_before) == len(before) and start - len(before) > paragraph_start:
        # the sentence starts before the characters read: its source may open it (Laut Anklage hat der Mann
        # … „…“ überwiesen)
        sentence_before = _SENTENCE_END_RE.split(text[max(paragraph_start, start - SENTENCE_BEFORE_CHARS):start])[-1]
    if _SPEECH_IN_RE.search(sentence_before):
        return True  # borrowed words: China has declared a “no-limits” friendship
    if _judged_as(tail):
        # what a verb judged a thing as (odmítl jako „…“), but not a proper name given as a name (bautizado como “el
        # Pozogate”): an article in lower case, then a word in capitals, in a language that writes its nouns in
        # lower case (7.2: names and coined terms are not quotes)
        return not (_capital_after_first_word(text, start, end)
                    and not page.capitalises_nouns(text, paragraph_start))
    if _DETERMINER_BEFORE_RE.search(tail) and _NOUN_AFTER_RE.match(after) and text[end - 2].isalnum():
        return False  # the “no-limits” era: a label used as a modifier, with no source
    if _SPEECH_AFTER_RE.match(after) or text[start] in "„»«" and _GERMAN_SOURCE_AFTER_RE.match(after):
        return True
    if _headline_attribution(text, start, end, paragraph_start, after):
        return True
    if _attributed_after(text, start, end, before, paragraph_start, after):
        page.attributed.append((start, end))
        return True
    if _speaker_closes_sentence(text, end, after):
        return True
    if _second_piece(before) or _introduced_sentence(text, start, end, before, after):
        return True
    # the source named at the end of the sentence: "The chancellor has 'no plans' to raise fuel duty at next
    # month's Budget, a senior minister has said."
    if _reported_after(text, end):
        return True
    if _quotation_follows(text, start, end, tail, after):
        return True
    page.unsourced.append((start, end))
    return False


# The rest of a sentence after marked words, then the next sentence opening with a quotation mark before a word.
_QUOTATION_NEXT_RE = re.compile(r"[^.!?…\r\n]*[.!?…][" + re.escape(QUOTE_MARKS) + r")\]]?[^\S\r\n]+["
                                + re.escape(QUOTE_MARKS) + r"](?=\w)")


def _quotation_follows(text: str, start: int, end: int, tail: str, after: str) -> bool:
    """Whether short marked words lead in to a quotation that is the next sentence: the writer gives a speaker's
    phrase in their own sentence, then the speaker's words in full (7.2 question 1, the source in the sentences next
    to it, whatever the language's reporting verbs): przyznała, że informacja ją „zaskoczyła i zmartwiła”. „Dla
    naszego miasta …” -- not a name in capitals (В «Уралинвестгрупп» обвинения отвергли. «Мы …») nor a term after a
    determiner or a label (buscar un «caballero blanco», evitó dar detalles. «Nuestro …»)."""
    if text[start + 1].isupper() or _QUOTATION_NEXT_RE.match(text, end, end + SENTENCE_AFTER_CHARS) is None:
        return False
    return not _term_after_determiner_or_label(tail, after)


# A reporting word and at most two words after it at the end of what stands before the marks: they chanted
# “…”, he told reporters: “…”, wrote on Friday “…”.
_SPEECH_RIGHT_BEFORE_RE = re.compile(
    r"\b(" + alternation(REPORTING_WORDS) + r")\b(?:[\s,:—–-]+[\w’'-]+){0,2}[\s,:—–-]*$", re.IGNORECASE)
# The definite articles among _DETERMINERS.
_DEFINITE_ARTICLES = frozenset("the der die das den dem des le la les el los las il lo gli".split())
# The words before "read" that make it the reader's verb (have read the book), not the text's (the sign read).
_READER_BEFORE = frozenset("have has had having to i we you".split())


# The words for "as" of a verb that presents what someone called a thing (described the plan as “…”, bezeichnete
# das Gesetz als „…“, qualifie la loi comme « … », classifica a proposta como «…», odmítl výklad jako „…“,
# назвал его как «…», вважає як «…», beskrev det som ”…”), after a word, and the words before "as" that compare
# or name rather than report (such as “…”, the same as “…”; known as “…” is a naming word, _named_by_words).
_AS_WORDS = frozenset("as als comme come como jako как як som".split())
_NOT_JUDGING_BEFORE_AS = frozenset("such same so just".split())
_JUDGED_AS_RE = re.compile(r"(?<![\w’'-])([^\W\d_][\w’'-]*)[^\S\r\n]+([^\W\d_]+)$")


def _judged_as(tail: str) -> bool:
    """Whether a word for "as" after another word ends ``tail`` (the words before the marks, no trailing space):
    the marked words are what a verb of the sentence judges a thing to be, in the judge's words -- guidelines 7.2
    name "described … as “…”" among the reporting phrases -- in any language, with a verb of judging the reporting
    words do not list (rejected the reading as „…“, classifies the bill as «…»)."""
    if tail[-2:].lower() not in ("as", "ls", "me", "mo", "ko", "ак", "як", "om"):
        return False  # most tails end in another word: known without the regex engine
    match = _JUDGED_AS_RE.search(tail)
    return (match is not None and match.group(2).lower() in _AS_WORDS
            and match.group(1).lower() not in _NOT_JUDGING_BEFORE_AS)


def _capital_after_first_word(text: str, start: int, end: int) -> bool:
    """Whether the first of the marked words ``[start, end)`` is in lower case and the second starts with a capital
    (not an abbreviation in capitals throughout): an article before a proper name (el Pozogate, la Manif), where a
    judgment with a name further in (a win for Britain) has its second word in lower case."""
    words = _WORD_RE.findall(text, start + 1, end - 1)
    return (len(words) > 1 and words[0][:1].islower()
            and words[1][:1].isupper() and not words[1].isupper())


# A word after the marks and a space, perhaps after a comma (an apposition: the novel «…», a story of …): the
# sentence goes on.
_LOWER_WORD_AFTER_RE = re.compile(r",?[^\S\r\n]+([^\W\d_])")
# Or the sentence ends right after them (among them the show „…”.): a sentence quoted whole after a word of the
# writer's, with no colon or comma before it, is rare outside English, whose "said" the reporting words know.
_SENTENCE_END_AFTER_RE = re.compile(r"[.!?…](?:\s|$)")


def _name_inside_sentence(text: str, start: int, end: int, tail: str, after: str) -> bool:
    """Marked words that a sentence runs through as it would through a name, in any language that writes
    capitals: a word in lower case before them (``tail``, stripped) and after them or the sentence's end, the first
    marked word capitalised and no punctuation of theirs at their end -- the title of a work in sentence case (the
    report ”Julkisen talouden näkymät 2030” arvioi; his book «El país que no va ser» per …; among them the show „Colinde
    de iarnă din Banat”.), where a sentence quoted
    whole inside another would end on its own punctuation or start in lower case; a comma after them opens an
    apposition (the novel «Le scale del vento», ci vive …) (7.2 names and titles). Not words that hold a
    sentence's end of their own, a word in lower case, its point and a capital (“Bu bir iflas değil. Herkese
    ödeyeceğiz” ifadelerini kullandı): a quotation of two sentences whose last point a language sets outside the
    marks, or drops before the verb that reports it, where a title is a phrase."""
    if not text[start + 1].isupper() or not text[end - 2].isalnum():
        return False
    word_before = tail.rpartition(" ")[2]
    if not word_before[:1].islower() or not word_before[-1:].isalpha():
        return False
    match = _LOWER_WORD_AFTER_RE.match(after)
    if match is None:
        # the sentence's end after them, after a word of the writer's that is no small word of a headline in title
        # case (Did the Family Reprimand Them for ‘Stealing from a Charity’?)
        if _SENTENCE_END_AFTER_RE.match(after) is None or word_before.lower() in _TITLE_SMALL_WORDS:
            return False
    elif not match.group(1).islower():
        return False
    return not any(word[0].islower() and capital.isupper()
                   for word, capital in _SENTENCE_INSIDE_RE.findall(text, start + 1, end - 1))


# A sentence's end inside marked words: a word of a few letters (not an abbreviation: Dr., St.), its point, a space
# and the next word's first letter.
_SENTENCE_INSIDE_RE = re.compile(r"(?<![\w’'-])([^\W\d_]{3,})[.!?…][^\S\r\n]+([^\W\d_])")


def _numbered_name_in_a_caseless_script(text: str, first: int, tail: str) -> bool:
    """Whether marked words that end in a number (checked by the caller) are a name that a sentence runs into, in a
    script without capitals spaced by words (Arabic, Hebrew, Tamil): the word before them is the sentence's own (no
    colon, comma or dash introduces them), and their first letter has no case. The names of plans, programmes,
    reports and editions carry their year or version (Vision 2030, “Agenda 2063”; guidelines 7.2: names and titles
    are not quotes); where a script writes capitals, the title-case tests read such a name from them, and this one has
    nothing else to read it from. ``first``: the first letter of the marked words; ``tail``: the words before them."""
    letter = text[first]
    if not letter.isalpha() or letter.lower() != letter.upper() or _CJK_RE.match(letter):
        return False
    return tail[-1:] != "" and unicodedata.category(tail[-1])[0] in "LM"


def _reported_right_by(text: str, end: int, before: str, tail: str, after: str) -> bool:
    """Whether a reporting word stands right before the marks (the end of ``tail``, the last of ``before``), or
    in the sentence before a colon that introduces them (with the caption: “…”), or opens the clause after
    them (``after``) behind a comma or a dash, inside the marks or out: “…”, she said; “…,” she said."""
    if tail.rpartition(" ")[2].lower() in _DEFINITE_ARTICLES:
        # a name a definite article introduces, the reporting verb's addressee or medium: sagte Yıldız dem
        # „Niederrhein Kurier“, told the “Daily Ledger” (an indefinite one brings someone's phrase: sprach von einem
        # „Schwarzen Tag für Europa“)
        return False
    match = _SPEECH_RIGHT_BEFORE_RE.search(tail)
    if match and not (match.group(1).lower() == "read"
                      and tail[:match.start()].rstrip().rpartition(" ")[2].lower() in _READER_BEFORE):
        return True
    if tail.endswith(":") and _SPEECH_IN_RE.search(before):
        return True
    word_before = tail.rpartition(" ")[2]
    if after[:1] == "," and word_before[:1].islower() and word_before[-1:].isalpha():
        # a name the sentence runs into after a word of its own, a comma after it: the comma closes an apposition,
        # and the verb after it is the sentence's subject's (the group, among them the movement “…”, asked …)
        return False
    if text[end - 2] == "," and _RELATIVE_AFTER_RE.match("," + after):
        return False  # a relative clause's verb is the named thing's: its report, “…,” which found
    return (after[:1] in ",;—–" or text[end - 2] in ",—–") and _SPEECH_AFTER_RE.match(after) is not None


# The end of a sentence before the marks: a point, a question or exclamation mark, perhaps a closing mark.
_SENTENCE_END_BEFORE_RE = re.compile("[.!?…][" + re.escape(QUOTE_MARKS) + r")\]]?\s+$")


# The end of a paragraph, perhaps after spaces.
_PARAGRAPH_END_AT_RE = re.compile(r"[^\S\r\n]*(?:[\r\n]|$)")


def _is_own_sentence(text: str, start: int, end: int, before: str, paragraph_start: int) -> bool:
    """Whether the marked words are a sentence of their own -- a capital first, the sentence's end inside the
    marks, at the start of the paragraph or after another sentence's end -- or a paragraph of their own (a
    subheading ‘It’s over’): “Step back.” says nothing of a name or a term; they are an utterance, as in
    dialogue (an officer shouted. “Step back.”)."""
    if not text[start + 1].isupper():
        return False
    if start == paragraph_start and _PARAGRAPH_END_AT_RE.match(text, end):
        return True
    return text[end - 2] in "!?.…" and (start == paragraph_start or _SENTENCE_END_BEFORE_RE.search(before) is not None)


# German compounds end in the kind of work they name: ihr Spielfilm «…», sein Debütroman „…“, die Fernsehserie
# (not "lied", "oper": English words end so, replied, developer).
WORK_COMPOUND_ENDS = tuple("film roman buch album serie doku dokumentation".split())


def _slogan_before_colon(tail: str) -> bool:
    """Whether ``tail`` (ending in a colon) ends in a kind of slogan and its colon: Das Motto: „…“."""
    word = _WORD_BEFORE_MARK_RE.search(tail[:-1].rstrip())
    return word is not None and word.group(1).lower() in SLOGAN_KINDS


def _named_by_words(text: str, start: int, end: int, before: str, tail: str, after: str) -> bool:
    """Whether the words before the marks (``tail``) make a name of the marked words: a naming word (so-called,
    the film, sein Spielfilm) that is not the object of a naming verb, or a verb that names
    (``_named_by_verb``)."""
    naming = _NAMING_BEFORE_RE.search(tail[-NAMING_TAIL:]) if _could_be_named_before(tail) else None
    if naming:
        if not _REFLEXIVES.isdisjoint(naming.group().lower().split()):
            # the name someone takes (who called themselves “the Twins”), not how they describe themselves
            # (he called himself “a simple farmer”, their words)
            words = text[start + 1:end - 1].split()[:2]
            if len(words) > 1 and words[0] in _NAME_ARTICLES:
                words = words[1:]
            return bool(words) and words[0][0].isupper()
        return not _object_of_naming_verb(tail) and not _kind_is_a_verb(tail, naming.group())
    if _could_name_by_agent(tail) and _NAMING_BY_AGENT_RE.search(tail):
        return True
    head, _, word = tail.rpartition(" ")
    word = word.lower()
    if word.endswith(WORK_COMPOUND_ENDS):
        return not _object_of_naming_verb(tail)
    return word in _NAMING_VERB_GATE and _named_by_verb(text, start, end, before, head, word, after)


# The kinds of work that are verbs too (the cuts would hit “…”, police track “…”), and the words that make a verb
# of them before them: a modal, an auxiliary, "to", a subject pronoun.
_KINDS_ALSO_VERBS = frozenset("hit track film".split())
_VERB_MAKERS = frozenset("would will could can may might must should shall to did does do not never also "
                         "it they he she we i you who which that".split())


def _kind_is_a_verb(tail: str, naming: str) -> bool:
    """Whether the kind of work that ``naming`` (the match of _NAMING_BEFORE_RE ending ``tail``) found is the verb
    of the sentence: "the measure would hit “nurses and teachers”" reports what the measure hits, it names no
    hit song."""
    if naming.strip().lower() not in _KINDS_ALSO_VERBS:
        return False
    return tail[:len(tail) - len(naming)].rstrip().rpartition(" ")[2].lower() in _VERB_MAKERS


def _object_of_naming_verb(tail: str) -> bool:
    """Whether the kind of work before the marks is the object of a naming verb, which presents the marked
    words as what someone calls it: “called the film “a triumph”, nennt ihren Film «…»" (7.2: called … “…”)."""
    return not _NAMING_VERBS.isdisjoint(word.lower() for word in tail.split()[-3:-1])


# Words that make a participle of "called" after them (not the verb of a speaker): a comma (a storm, called
# the “…”), an adverb (sometimes called, also called, commonly called) -- not a form of "be": police were
# called “within minutes”, witnesses said.
_PASSIVE_BEFORE = frozenset("also sometimes often now once so later formerly commonly locally popularly widely "
                            "informally officially affectionately".split())
# Subjects before such an adverb, which make "called" their verb: she once called “…” reports her words.
_SUBJECT_PRONOUNS = frozenset("i you he she we they who".split())
# The participles that name: English "called", Italian "detto" (l’argentino Di Mariano, detto «el Tucu»).
_NAMING_PARTICIPLES = frozenset("called detto detta detti dette".split())
_ARTICLES_AFTER_VERB = frozenset(NAMING_ARTICLES) | {"lo", "un", "una", "uno"}
# The last words before the marks that _named_by_verb reads on from (most quotations have none of them).
_NAMING_VERB_GATE = _NAMING_PARTICIPLES | _NAMING_VERBS | _ARTICLES_AFTER_VERB


def _named_by_verb(text: str, start: int, end: int, before: str, head: str, verb: str, after: str) -> bool:
    """A name given by a verb: the participle "called" (a plume of moisture, sometimes called an “…”), unless
    "by" names who called it so (called “reckless” by critics); or a name in title case after a naming verb
    or participle (the stores it calls “Corner Cafés”, a set called the “Master Builder Line”) -- not in a
    headline set in title case. ``verb``: the last word before the marks (of ``before``, what stands before
    them), in lower case; ``head``: the words before it."""
    if verb in _ARTICLES_AFTER_VERB:
        head, _, verb = head.rstrip().rpartition(" ")
        verb = verb.lower()
    if verb in _NAMING_PARTICIPLES:
        head, _, word = head.rstrip().rpartition(" ")
        # an adverb after a subject is the speaker's: which she once called “…”
        passive = word[-1:] == "," or (word.lower() in _PASSIVE_BEFORE
                                       and head.rpartition(" ")[2].lower() not in _SUBJECT_PRONOUNS)
        if passive and not after.lstrip(" ,").startswith("by "):
            return True
    return verb in _NAMING_VERBS and _is_title_in_prose(text, start, end, before)


# German attribution after German marks: „…“, so Müller; «…», so die Ministerin; „…“, hieß es (not English
# "“a mess”, so Trump left").
_GERMAN_SOURCE_AFTER_RE = re.compile(r"[,\s]*(?:so\s+(?:der\s+|die\s+|das\s+)?[A-ZÄÖÜ]|hie(?:ß|ss)\s+es\b)")
# A headline's source before a colon: "Reeves: ‘…’", "Kemi Badenoch: ‘…’", "Macron : « … »".
_COLON_SOURCE_RE = re.compile(r"[^\W\d_][\w’'.-]*(?:\s+[\w’'.-]+){0,2}\s?:\s*")
# A headline's source after a dash that ends the paragraph: "Tax rise ‘inevitable’ – Reeves", "… – minister".
_DASH_SOURCE_AFTER_RE = re.compile(r"[ \t]*[–—-][ \t]*([^\W\d_][\w’'.-]*)(?:[ \t]+[\w’'.-]+){0,3}[ \t]*(?:[\r\n]|$)")
# How far into its paragraph a headline's quotation after its source can start.
COLON_SOURCE_CHARS = 40


def _headline_attribution(text: str, start: int, end: int, paragraph_start: int, after: str) -> bool:
    """The headline forms of attribution (guidelines 7.1: "Kuleba: ‘We discussed territorial integrity’"):
    a capitalised name of up to three words (or one in a script without case) and a colon open the paragraph before
    the marks, or the
    quotation opens the paragraph and a colon follows it ("‘Not good enough’: Broncos sack coach") -- unless
    it is a name in title case ("“Housing for All”: what the plan means"); or a dash and the source's name
    end the paragraph after it ("Tax rise ‘inevitable’ – Reeves")."""
    source = _DASH_SOURCE_AFTER_RE.match(text, end)
    if source and source.group(1).lower() not in _NOT_NAMED_AFTER:  # not "– and other myths"
        return True
    if start == paragraph_start:
        return after[:1] == ":" and not _is_title(text, start, end)
    first = text[paragraph_start]
    # capitalised, or a letter of a script without case (Arabic, Hebrew: وزير المالية: «…»)
    return (start - paragraph_start <= COLON_SOURCE_CHARS
            and (first.isupper() or first.isalpha() and first.lower() == first.upper())
            and _COLON_SOURCE_RE.fullmatch(text, paragraph_start, start) is not None)


# Forms of punctuation that set marked words off as what someone said in any language, with or without a
# reporting word the code knows (7.2 question 1: the sentence's attribution points to their source).
#
# An attribution clause after a quotation that opens its sentence: a comma inside the marks (“No,” she said;
# „Ne,“ řekl ministr), a dash after them (« Non », — dit-il; „Nem” – mondta) or a comma after them when the
# clause runs to the sentence's end, or to the quotation's next piece (7.4), with no second comma («Όχι», είπε ο
# υπουργός; ”Nej”, sa hon, ”inte i år.”) -- a name with its apposition has one („Solidarność”, związek zawodowy,
# zorganizowała …).
_CLAUSE_AFTER_COMMA_INSIDE_RE = re.compile(r"[^\S\r\n]+(?:[–—][^\S\r\n]*)?[^\W\d_]")
_CLAUSE_AFTER_DASH_RE = re.compile(r"[,،]?[^\S\r\n]*[–—][^\S\r\n]*[^\W\d_]")
_CLAUSE_TO_SENTENCE_END_RE = re.compile(
    r"[,،][^\S\r\n]*[^\W\d_][^,،.!?…\r\n" + re.escape(QUOTE_MARKS) + r"]*(?:[.!?…]|$|[,،–—][^\S\r\n]*["
    + re.escape(QUOTE_MARKS) + "])")
# The second piece of a quotation its attribution interrupts (7.4): after a closing mark with a comma inside
# or after it, the clause (a few words, no sentence's end, no marks) and a comma or a dash: „To je chyba,“ řekl
# Novák, „velká chyba.“ -- not after a name the sentence goes on from (launched “Rebuilding Ireland” with a
# slogan, “…”).
_INTERRUPTED_BEFORE_RE = re.compile(
    "(?:[,،][" + re.escape(QUOTE_MARKS) + "]|[" + re.escape(QUOTE_MARKS) + r"][,،])[^\S\r\n]+[^"
    + re.escape(QUOTE_MARKS) + r".!?:;\r\n]{1,60}?[,،–—][^\S\r\n]*$")
# How far back _INTERRUPTED_BEFORE_RE reads: the clause's 60 characters and the marks, commas and spaces.
INTERRUPTION_TAIL = 72
# The attribution clause between the pieces of an interrupted quotation (7.4) read from after the first piece: a
# comma, the clause -- which may set off its speaker's name with commas of its own («…», σημείωσε ο πρόεδρος της
# Ένωσης, Παύλος Ρήγας, «…»), no sentence's end and no marks -- and a comma or a dash before the next piece's mark;
# read up to INTERRUPTION_AFTER characters (a speaker's title and name).
_CLAUSE_TO_NEXT_PIECE_RE = re.compile(
    r"[,،][^\S\r\n]*[^\W\d_][^.!?…\r\n" + re.escape(QUOTE_MARKS) + r"]*[,،–—][^\S\r\n]*["
    + re.escape(QUOTE_MARKS) + "]")
INTERRUPTION_AFTER = 160
# After a sentence in marks: the end of the paragraph or the next sentence's first letter or mark.
_SENTENCE_AFTER_RE = re.compile(r"[^\S\r\n]*(?:$|[^\W\d_" + re.escape(QUOTE_MARKS) + "])")


def _attributed_after(text: str, start: int, end: int, before: str, paragraph_start: int, after: str) -> bool:
    """An attribution clause after a quotation that opens its sentence, to the sentence's end or to the quotation's
    next piece; not after a name in title case opening it before its apposition (“Fresh Start,” the programme, …)."""
    if not (start == paragraph_start or _SENTENCE_END_BEFORE_RE.search(before)):
        return False
    if text[end - 2] == ",":
        attributed = _CLAUSE_AFTER_COMMA_INSIDE_RE.match(after) is not None
    else:
        attributed = (_CLAUSE_AFTER_DASH_RE.match(after) is not None
                      or _CLAUSE_TO_SENTENCE_END_RE.match(after) is not None
                      or _CLAUSE_TO_NEXT_PIECE_RE.match(text, end, end + INTERRUPTION_AFTER) is not None)
    return attributed and not _is_title(text, start, end)


# The attribution clause that closes a sentence after marked words inside it: a comma (inside the marks or after
# them), a verb in lower case, perhaps a given name or a title, the speaker's name in capitals, the sentence's end
# (… fikk beskjed om å «stole på systemet», sa Solheim.; … a „nem tudtunk róla”, mondta Kovács.).
_SPEAKER_CLOSES_SENTENCE_RE = re.compile(
    r",?[^\S\r\n]*([^\W\d_][\w’'-]*)(?:[^\S\r\n]+[\w’'.-]+)?[^\S\r\n]+([^\W\d_][\w’'-]*)[^\S\r\n]*(?:[.!?…]|$)")


def _speaker_closes_sentence(text: str, end: int, after: str) -> bool:
    """Whether the marked words ending at ``end`` inside a sentence are followed, behind a comma, by a clause that
    names who said them and ends the sentence -- a verb in lower case, a name in capitals -- whatever the verb and
    the language (7.2 question 1: the source in the same sentence; where the quotation opens its sentence,
    _attributed_after reads the clause)."""
    if text[end - 2] != "," and after[:1] not in ",،":
        return False
    match = _SPEAKER_CLOSES_SENTENCE_RE.match(after)
    if match is None:
        return False
    verb, name = match.groups()
    return (verb[0].islower() and name[0].isupper() and not name.isupper()
            and sum(char.isalpha() for char in name) >= SPEAKER_NAME_LETTERS)


def _second_piece(before: str) -> bool:
    """The second piece of a quotation its attribution interrupts (``before``: what stands before it in its
    paragraph)."""
    tail = before.rstrip()[-INTERRUPTION_TAIL:]
    return tail[-1:] in ",،–—" and _INTERRUPTED_BEFORE_RE.search(tail) is not None


def _introduced_sentence(text: str, start: int, end: int, before: str, after: str) -> bool:
    """A sentence in marks -- a capital first, the sentence's end last, not every word capitalised like a title's
    (“Go Home.”) -- that a colon ending a clause introduces, its end inside the marks or right after them
    (odpověděl: „Nikdy.“ / „Nikdy“.), or a comma with its end inside them and a word in lower case (he said,
    “We’ll see.”: after a comma one capitalised word is as likely a name, the film, “Oppenheimer.”); a term a
    colon introduces is in lower case or ends no sentence (two words sum it up: „drożyzna” i „niepewność”)."""
    tail = before.rstrip()
    if tail[-1:] not in ":," or not tail[-2:-1].isalnum() or not text[start + 1].isupper():
        return False
    if text[end - 2] in ".!?…":
        ended = _SENTENCE_AFTER_RE.match(after) is not None
    else:
        ended = tail[-1] == ":" and after[:1] in ".!?…" and _SENTENCE_AFTER_RE.match(after, 1) is not None
    if not ended:
        return False
    words = _WORD_RE.findall(text, start + 1, end - 1)
    return any(word[0].islower() for word in words) or (tail[-1] == ":" and len(words) == 1)


# A relative pronoun after a comma, opening a clause about what stands before it.
_RELATIVE_AFTER_RE = re.compile(
    r",\s*(?:which|who|die|der|das|welche[rsmn]?|qui|dont|que|quien|quienes|cui|che)\b", re.IGNORECASE)


def _reported_after(text: str, end: int) -> bool:
    """Whether a reporting word follows the quotation ending at ``end`` in its sentence, before the next
    quotation: a reporting verb after that one attributes that one ("The chancellor’s “growth plan” rests on
    “fantasy economics”, a think tank warned": the plan's name is no quotation)."""
    sentence_after = _SENTENCE_END_RE.split(
        _in_paragraph(text[end:end + SENTENCE_AFTER_CHARS]), maxsplit=1)[0]
    if _RELATIVE_AFTER_RE.match(sentence_after):
        # the marked words are what a relative clause tells of, a thing: its reporting verb, and the sentence's
        # after it, have the thing as their subject (its report “…”, which warned; die Initiative „…“, die …,
        # kündigte an)
        return False
    pieces = _OPENING_MARK_RE.split(sentence_after, maxsplit=1)
    if len(pieces) == 1:
        return _SPEECH_AFTER_ANYWHERE_RE.search(sentence_after) is not None
    # before another quotation, an attribution that stands before its words (according to, segundo) is that
    # one's: «Regime …», uma medida que, segundo o ministério, vai representar «…»
    return _VERBS_BEFORE_NEXT_RE.search(pieces[0]) is not None


# A letter of the scripts written without spaces between words (Han, kana) or with marks attached (Hangul).
_CJK_RE = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
# How many such letters make about a word, for MIN_QUOTE_WORDS.
CJK_LETTERS_PER_WORD = 3
# A particle after the marks that makes the marked words a noun of the sentence -- what it is about (は),
# its object (を), a modifier (の, 的) -- and the naming ones (とは, と呼ばれる, 이라는): a name or term, never a
# quotation, which is followed by the quoting particle (と, 라고) or ends the sentence.
_CJK_LABEL_AFTER_RE = re.compile(
    "^(?:[をがのはにへでやも的]|と(?:は|呼ば|名付|題|称)|이?라는|이?란|[를을는은의가]|이(?!라))")
# The quoting particle and a reporting verb: 「…」と話しました, 「…」と強く訴えた, “…”라고 말했다, “…”他说.
# Chinese reporting verbs ("他说", "表示", "批评"), after a quotation or before it, in the simplified script and the
# traditional one (Taiwan, Hong Kong: 說, 強調, 呼籲); the verbs of two letters take an object before the marks
# (呼吁朝野“…”, 批評對方「…」) -- not 称, whose 称为 names what follows (被称为“…”).
_ZH_TWO_LETTER_VERBS = ("说道|表示|指出|强调|写道|问道|坦言|回应|透露|呼吁|批评|"
                        "說道|強調|寫道|問道|回應|呼籲|批評")
_ZH_SPEECH_VERBS = "说|称|說|稱|" + _ZH_TWO_LETTER_VERBS
_CJK_SPEECH_AFTER_RE = re.compile(
    "^(?:と(?:して)?、?(?:[^。、「」]{1,10}?[にでく]、?)?(?:話(?!し合)|語|言|述べ|呼びかけ|強調|説明|訴え|指摘|批判|"
    "発表|答え|明らかに|主張|表明|回答|振り返|コメント|書い|記し|報告|要請|求め|伝え|宣言|警告|約束|誓|叫|発言|反論|"
    "否定|認め|明言|述懐|反対|非難|抗議|反発)"
    r"|이?라(?:고|며)|고\s|[，,]?[^。，“”「」]{0,6}?(?:" + _ZH_SPEECH_VERBS + "))")
# The full-width and ASCII ends of a sentence.
_CJK_SENTENCE_ENDS = "。！？!?"
# A headline's source opening the paragraph (or a phrase of it) right before the marks: a noun of Han or katakana
# letters, with no particle (hiragana) or punctuation: 知事「…」, 首相「…」.
CJK_HEADLINE_SOURCE_LETTERS = 8
_CJK_HEADLINE_SOURCE_RE = re.compile("[\u30a0-\u30ff\u3400-\u9fff]{1,%d}" % CJK_HEADLINE_SOURCE_LETTERS)
# A Chinese reporting verb right before the marks (他说：“…”, 外交部表示，“…”), or with its object of a few letters
# between (呼籲朝野「…」).
_CJK_SPEECH_BEFORE_RE = re.compile(
    "(?:" + _ZH_SPEECH_VERBS + r")[：:，,]?\s*$|(?:" + _ZH_TWO_LETTER_VERBS + ")[\u3400-\u9fff]{1,3}$")


# A Chinese reporting verb set off by a comma or a colon in the sentence before the marks (no end of a sentence
# between), and the punctuation after marked words that closes a clause or the sentence.
_CJK_SPEECH_OPENS_SENTENCE_RE = re.compile("(?:" + _ZH_SPEECH_VERBS + ")[，,：:][^。！？!?]*$")
_CJK_CLAUSE_ENDS = "。！？!?，,；;"


def _closes_a_headline(text: str, start: int, after: str, paragraph_start: int) -> bool:
    """Whether the marked words close a headline written in these scripts -- the paragraph's end or an ideographic
    space right after them, no end of a sentence before them in the paragraph -- right after a noun of Han or katakana
    letters: the form of a headline's attribution that needs no colon (…、地裁「…」, 社長が謝罪会見「…」; 7.2 question
    1, the source in the sentence), where a name or term the headline ends on follows a word that inflects for it
    (新しい「安心」)."""
    if after.strip(" \t") and after[:1] != "\u3000":
        return False
    if not _CJK_HEADLINE_SOURCE_RE.fullmatch(text, start - 1, start):
        return False
    return not any(char in _CJK_SENTENCE_ENDS for char in text[paragraph_start:start])


def _is_cjk_quotation(text: str, start: int, end: int, before: str, paragraph_start: int) -> bool:
    """The direct-quotation test for marked words in Chinese, Japanese or Korean: no naming particle after
    them, and a reporting verb next to them, a headline's source before them (知事「…」) or enough letters to
    be someone's words (a headline's 気象庁「…に注意を」)."""
    after = _in_paragraph(text[end:end + 24])
    if _CJK_LABEL_AFTER_RE.match(after):
        return False
    if _CJK_SPEECH_AFTER_RE.match(after) or _CJK_SPEECH_BEFORE_RE.search(before[-8:]):
        return True
    # the source opens the headline, or the part of it after an ideographic space, which parts a Japanese
    # headline's phrases (住民反発　市長「…」)
    # (looked for only as far back as a source can start: an ideographic space further back leaves too many letters
    # before the marks, and so does the paragraph's start then; a search to the paragraph's start for each pair of
    # marks is quadratic over a long paragraph)
    reach = max(paragraph_start, start - CJK_HEADLINE_SOURCE_LETTERS - 1)
    source_start = text.rfind("\u3000", reach, start) + 1 or paragraph_start
    if _CJK_HEADLINE_SOURCE_RE.fullmatch(text, source_start, start):
        return True
    if _closes_a_headline(text, start, after, paragraph_start):
        return True
    if after[:1] in _CJK_CLAUSE_ENDS and _CJK_SPEECH_OPENS_SENTENCE_RE.search(before):
        # a reporting verb that a comma or colon sets off earlier in the sentence presents all of it as the source's
        # words: the marked words that close one of its clauses are what the source said (許文彬指出，……，而不是「…」。)
        # -- not marked words the clause goes on after, a term in it (她指出，行业中所谓的“价格内卷”已经开始…)
        return True
    if text[end - 2] in _CJK_SENTENCE_ENDS or before[-1:] in "：:":
        # what punctuation sets off as someone's words in any of these languages, with a reporting verb the code
        # knows or not: a sentence of its own, its end inside the marks (「…。」王議員強調), or the words a colon
        # introduces (在野黨團：「…」), as _is_own_sentence and _introduced_sentence find them in other scripts
        return True
    letters = sum(1 for char in text[start + 1:end - 1] if char.isalnum())
    return letters >= MIN_QUOTE_WORDS * CJK_LETTERS_PER_WORD


# Lower-case words after a quotation that are no noun it modifies: verbs, pronouns, conjunctions.
_NOT_NAMED_AFTER = frozenset(
    "is was are were be been being has have had will would can could should may might must do does did and or but "
    "nor so he she they it we you i to of in on at for with as that which who whom from by than then".split())
_NEXT_WORD_RE = re.compile(r"\s+([a-z][\w’'-]*)")


def _named_noun_after(after: str) -> bool:
    """Whether a lower-case word that may be a noun follows the quotation ("campaign", "hats"): not a verb,
    pronoun, conjunction or reporting verb."""
    match = _NEXT_WORD_RE.match(after)
    return (match is not None and match.group(1) not in _NOT_NAMED_AFTER
            and _SPEECH_IN_RE.fullmatch(match.group(1)) is None)


# Words a title leaves in lower case.
_TITLE_SMALL_WORDS = frozenset(
    "a an the and or but nor for of in on at to by with from as vs via per "
    # the same words of the other languages of the pages: Régime de Soutien à la Rente, Tulong sa Tsuper
    "de du des la le les et à au aux en el del y e da do dos das di della delle dei van von der den dem und für "
    "zu im am vom zum zur sa ng mga".split())


def _is_title(text: str, start: int, end: int) -> bool:
    """Whether the quotation ``[start, end)`` holds two or more words in title case, the first capitalised,
    with no sentence punctuation (a point between digits is none: “Housing for All 2.0”, nor a comma between
    its words: “Clean Water, Good Health”): a name (of a
    campaign, a programme, a slogan). One capitalised word may be a German noun. A comma before the closing
    mark is the sentence's, which American style sets inside the marks (its study, “Homes for All 2030,” found),
    and so is a full stop there that ends the sentence (a report called “After the Freeze.”)."""
    sentence_point = text[end - 2] == "." and (end == len(text) or text[end].isspace())
    inner_end = end - 2 if text[end - 2] == "," or sentence_point else end - 1
    # most quotations start in lower case, end on punctuation inside the marks, or have a lower-case word
    # early on: known without reading them through
    if not text[start + 1].isupper() or text[inner_end - 1] in _SENTENCE_PUNCTUATION:
        return False
    for match in _LOWER_WORD_RE.finditer(text, start + 1, inner_end):
        if match.group() not in _TITLE_SMALL_WORDS:
            return False
    if _SENTENCE_PUNCTUATION_RE.search(text, start + 1, inner_end):
        return False
    words = _WORD_RE.findall(text, start + 1, inner_end)
    return len(words) > 1 and all(
        word[0].isupper() or word[0].isdigit() or word.lower() in _TITLE_SMALL_WORDS for word in words)


_SENTENCE_PUNCTUATION = ".,;:!?…"
# A comma before a space is none either: every word around it capitalised, it parts a name's halves (a campaign
# “Clean Water, Good Health”, a memoir “Good Morning, It’s Still Dark”).
_SENTENCE_PUNCTUATION_RE = re.compile(r",(?!\s)|[;:!?…]|\.(?!\d)")
# a lower-case word after a space (not the end of a word the tail cut)
_LOWER_WORD_RE = re.compile(r"(?<=\s)[a-z]+\b")


def _is_title_in_prose(text: str, start: int, end: int, before: str) -> bool:
    """A name in title case inside a sentence -- not in a headline set in title case, whose every word is
    capitalised (``before``: what stands before the marks in their paragraph, read back further than the last
    words, which may be other names in title case: including “Blue Harbour,” “Salt Road,” “…”)."""
    return _is_title(text, start, end) and any(
        word not in _TITLE_SMALL_WORDS for word in _LOWER_WORD_RE.findall(before))


class _Spans:
    """Spans ``[start, end)``, which may overlap one another, to ask which of them overlap a span: sorted, with the
    largest end among the spans up to each, so that a question reads only the spans that reach it and not all of
    them (a scan of all of them for each of a page's quotations is quadratic)."""

    __slots__ = ("spans", "starts", "reach")

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        self.reach = list(accumulate((end for _, end in self.spans), max))

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that overlap ``[start, end)``."""
        index = bisect_left(self.starts, end) - 1
        found = []
        while index >= 0 and self.reach[index] > start:
            if self.spans[index][1] > start:
                found.append(self.spans[index])
            index -= 1
        return found

    def overlap(self, start: int, end: int) -> bool:
        """Whether a span overlaps ``[start, end)``."""
        before = bisect_left(self.starts, end)
        return before > 0 and self.reach[before - 1] > start


# The last word before the marks and the spaces after it, read in what stands before them in their paragraph.
_WORD_BEFORE_MARK_RE = re.compile(r"(?<![\w’'-])([^\W\d_][\w’'-]*)[^\S\r\n]*$")


def _capitalised_after_a_name(text: str, start: int, end: int, before: str) -> bool:
    """Whether the short marked words ``[start, end)`` start with a capital right after a word in capitals, in a
    sentence with a word in lower case before them (no headline in title case), with no punctuation of a sentence at
    their end: a name in apposition to the name or noun before it (das Quartier „Schussenblick“, рассказала Зверева
    «Камскому вестнику») in any language, also one that writes its nouns with a capital -- someone's words after a
    name are set off by a colon or a comma, and a sentence quoted whole ends on its own punctuation (7.2 names,
    7.3)."""
    inner = text[start + 1:end - 1].strip()
    if not inner or not inner[0].isupper() or inner[-1] in _SENTENCE_PUNCTUATION:
        return False
    match = _WORD_BEFORE_MARK_RE.search(before[-BEFORE_TAIL:])
    if match is None or not match.group(1)[0].isupper():
        return False
    return any(word[0].islower() for word in _CLAUSE_WORD_RE.findall(_ANY_SENTENCE_END_RE.split(before)[-1]))


# A word in capitals right after the marks and a space: a surname after a nickname.
_CAPITALISED_WORD_AFTER_RE = re.compile(r"[^\S\r\n]+([^\W\d_][\w’'-]*)")
# A nickname has a word or two.
NICKNAME_WORDS = 2


def _nickname_inside_name(text: str, start: int, end: int, before: str, after: str) -> bool:
    """Whether the short marked words ``[start, end)`` are a nickname inside a person's name: a word or two in
    capitals with no punctuation of a sentence, between a word in capitals before them and one after them, a space
    apart (Mandla ‘Chippa’ Dube, Joaquín «El Chapo» Guzmán) -- with words in lower case after them, not in a headline
    set in title case, whose every word is capitalised (7.2: nicknames are names, not quotations)."""
    words = _WORD_RE.findall(text, start + 1, end - 1)
    if not 1 <= len(words) <= NICKNAME_WORDS or not all(word[0].isupper() for word in words):
        return False
    if text[end - 2] in _SENTENCE_PUNCTUATION:
        return False
    match = _WORD_BEFORE_MARK_RE.search(before[-BEFORE_TAIL:])
    if match is None or match.end() - match.start() == len(match.group(1)) or not match.group(1)[0].isupper():
        return False  # no word, or no space between it and the marks
    name_before = match.group(1)
    following = _CAPITALISED_WORD_AFTER_RE.match(after)
    if following is None or not following.group(1)[0].isupper() or following.group(1).isupper() or (
            name_before.isupper()):
        return False
    return any(word[0].islower() and word not in _TITLE_SMALL_WORDS for word in _CLAUSE_WORD_RE.findall(after))


def _capitalised_inside_sentence(text: str, start: int, end: int, before: str) -> bool:
    """Whether the short marked words ``[start, end)`` start with a capital in the middle of a sentence, right
    after one of its words in lower case or an abbreviation in capitals (``before``: what stands before the marks
    in their paragraph), with no punctuation of a sentence at their end: in a language that writes its nouns in
    lower case, the capital makes them a name -- of a company, a newspaper, a programme (the company
    «Росагротехснаб», told «Камскому деловому вестнику», la société « Rhodania Travaux ») -- where a fragment of
    someone's words goes on the writer's sentence in lower case (7.2 names; 7.3: a sentence quoted whole ends on
    its own punctuation)."""
    inner = text[start + 1:end - 1].strip()  # French spacing: « Rhodania Travaux »
    if not inner or not inner[0].isupper() or inner[-1] in _SENTENCE_PUNCTUATION:
        return False
    match = _WORD_BEFORE_MARK_RE.search(before[-BEFORE_TAIL:])
    if match is None:
        return False  # after punctuation (a colon, a comma, a dash) or at the paragraph's start: an utterance may open
    word = match.group(1)
    return word[0].islower() or (len(word) > 1 and word.isupper())


# The share of words in capitals after a word in lower case above which a page writes its nouns with a capital
# (German: about two in five; other languages' prose, with its names, one in ten or fewer), and how many such pairs
# of words a page needs for the share to be read (fewer: the page is taken to write its nouns with capitals, and no
# capital is taken as a name's).
NOUN_CAPITALS_SHARE = 0.25
NOUN_CAPITALS_MIN_PAIRS = 20
# A word and the first letter of the next one, parted by spaces only (a sentence's punctuation would start a word in
# capitals for another reason).
_WORD_PAIR_RE = re.compile(r"(?<![\w’'-])([^\W\d_])[\w’'-]*[ \t]+(?=([^\W\d_]))")


class _Page:
    """What the quotation test learns of the page as it reads it, for the quotations of every region."""

    __slots__ = ("regions", "named", "unsourced", "attributed", "_noun_counts")

    def __init__(self, regions: Sequence[tuple[int, int]]) -> None:
        self.regions = regions  # the article spans of the page
        self.named: set[str] = set()  # the terms the page marks after a naming word
        self.unsourced: list[tuple[int, int]] = []  # short marked words with no source in their sentence
        # short marked words found by the punctuation of an attribution clause after them alone
        self.attributed: list[tuple[int, int]] = []
        # per paragraph of the regions: its start, and the pairs of words counted up to its end (see
        # capitalises_nouns), the ones in lower case and the ones in capitals after a word in lower case
        self._noun_counts: tuple[list[int], list[int], list[int]] | None = None

    def capitalises_nouns(self, text: str, paragraph_start: int) -> bool:
        """Whether the page's language writes its nouns with a capital (German), read from its article text up to
        the end of the paragraph at ``paragraph_start`` (what follows changes no quotation before it): the share of
        words in capitals right after a word in lower case (NOUN_CAPITALS_SHARE). Asked of few pages (a short marked
        word in capitals inside a sentence); the counts are made once, per paragraph."""
        if self._noun_counts is None:
            starts, lower_counts, capital_counts = [], [], []
            lower = capitals = 0
            for region_start, region_end in self.regions:
                for start, end in _paragraphs(text, region_start, region_end):
                    for match in _WORD_PAIR_RE.finditer(text, start, end):
                        if match.group(1).islower():
                            if match.group(2).isupper():
                                capitals += 1
                            elif match.group(2).islower():
                                lower += 1
                    starts.append(start)
                    lower_counts.append(lower)
                    capital_counts.append(capitals)
            self._noun_counts = starts, lower_counts, capital_counts
        starts, lower_counts, capital_counts = self._noun_counts
        paragraphs = bisect_right(starts, paragraph_start)
        if not paragraphs:
            return True
        lower, capitals = lower_counts[paragraphs - 1], capital_counts[paragraphs - 1]
        pairs = lower + capitals
        return pairs < NOUN_CAPITALS_MIN_PAIRS or capitals > NOUN_CAPITALS_SHARE * pairs


def find_quotes(text: str, regions: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations ``[start, end)`` (marks included) inside each region of ``text`` (the article spans)."""
    found: list[tuple[int, int]] = []
    page = _Page(regions)
    for region_start, region_end in regions:
        # the marks are read once for both families
        paragraphs = _paragraphs(text, region_start, region_end)
        double_marks, single_marks = [], []
        for paragraph_start, paragraph_end in paragraphs:
            doubles_of, singles_of = _marks(text, paragraph_start, paragraph_end)
            double_marks.append(doubles_of)
            single_marks.append(singles_of)
        doubles = _quotes_in_region(text, region_start, region_end, "double", paragraphs, double_marks, page)
        singles = _quotes_in_region(text, region_start, region_end, "single", paragraphs, single_marks, page)
        if singles:
            double_spans = _Spans(doubles)
            nested: set[tuple[int, int]] = set()
            for quote in singles:
                overlapping = [other for other in double_spans.overlapping(*quote) if other not in nested]
                # British nesting, ‘He said “no” to me,’ she said: only the outermost pair (guidelines 7.3); a
                # double quotation that overlaps the single one without lying inside it keeps it out
                if all(quote[0] < other[0] and other[1] < quote[1] for other in overlapping):
                    nested.update(overlapping)
                    found.append(quote)
            if nested:
                doubles = [other for other in doubles if other not in nested]
        found.extend(doubles)
    if page.named:
        # a term the page names once (dubbed the “mansion tax”) is a name wherever it is marked, also before:
        # the headline's “announces ‘mansion tax’” quotes nobody (7.2)
        found = [quote for quote in found if _term(text, *quote) not in page.named]
    if page.unsourced:
        if page.attributed:
            # short words the page marks elsewhere with no source are a name it repeats, also where a comma
            # after them opens an apposition, not an attribution (the thriller “Parasite” … “Parasite,” the
            # satire about …, was …)
            names = {_term(text, *quote) for quote in page.unsourced}
            found = [quote for quote in found if quote not in page.attributed or _term(text, *quote) not in names]
        found.extend(_reported_in_the_pages_words(text, regions, page, found))
        found.extend(_echoes(text, page, found))
        found.extend(_said_by_the_pages_speakers(text, page, found))
        found.extend(_said_by_a_subject_in_apposition(text, page, found))
        found.extend(_in_a_quoting_sentence(text, page, found))
        # and again last: the words a headline repeats of a quotation the passes after the first look found (a
        # one-word “lazima” of the story's sentence that names its speaker); an echo found first may share its
        # sentence with other marked words (has ‘good days’ and ‘not-so-good days’)
        found.extend(_echoes(text, page, found))
    return sorted(found)


# What closes a clause right after marked words: a comma of any script, a semicolon, the sentence's end.
_CLAUSE_END_AFTER = ",،、，;；.!?…。！？"


def _in_a_quoting_sentence(text: str, page: _Page, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The short marked words with no source found that start in lower case and share their sentence with a quotation
    found (7.2 question 1, the source in the same sentence; 7.4, two pieces joined by the writer's words are both
    the source's): Mluvčí Malá uvedla, že ministerstvo „respektuje kompetence kraje“, ale bude „pečlivě sledovat
    dostupnost péče“ -- whatever the language's reporting verbs. Not words in capitals or in a script without case
    (a name: the party "…", the report titled «…»), nor a term after a determiner or a label (the “mansion tax”)."""
    found_spans = _Spans(found)
    quoted = []
    for start, end in page.unsourced:
        first_word = _WORD_CHAR_RE.search(text, start + 1, end - 1)
        if first_word is None or not first_word.group().islower() or found_spans.overlap(start, end):
            continue
        paragraph_start = _paragraph_start(text, start, SENTENCE_BEFORE_CHARS)
        before = text[max(paragraph_start, start - SENTENCE_BEFORE_CHARS):start]
        sentence_start = start - len(_ANY_SENTENCE_END_RE.split(before)[-1])
        after = _in_paragraph(text[end:end + SENTENCE_AFTER_CHARS])
        sentence_end = end + len(_ANY_SENTENCE_END_RE.split(after, maxsplit=1)[0])
        # a quotation before them in the sentence, or one after them when they close a clause of it (a comma, a
        # semicolon, the sentence's end after them): marked words the sentence goes on from before its quotation are
        # its subject, a name (the chancellor’s “growth plan” rests on “fantasy economics”, a think tank warned)
        closes_clause = after[:1] in _CLAUSE_END_AFTER or not after.strip()
        if not any(sentence_start <= other_start and other_end <= sentence_end and (other_end <= start or closes_clause)
                   for other_start, other_end in found_spans.overlapping(sentence_start, sentence_end)):
            continue
        if not _term_after_determiner_or_label(before.rstrip(), after[:60]):
            quoted.append((start, end))
    return quoted


# The words the page attributes its quotations with, read in the attribution clauses after quotations that open
# their sentence (see _attributed_after): the first of their first words in lower case that has a few letters --
# the verb of "„…,“ řekl ministr", "“…,” she said", "«…», — сказала вона", "”…”, sanoi hän": a pronoun or an
# article before it is shorter, the noun of its subject comes after it; and the word in lower case right before
# the colon that introduces a quotation, the verb of "a miniszter azt mondta: „…”", "Bakan şunu söyledi: “…”".
ATTRIBUTION_CLAUSE_WORDS = 3
ATTRIBUTION_WORD_LETTERS = 4
# How far before a quotation _attributing_word reads whether a sentence ends before it.
ATTRIBUTION_BEFORE_CHARS = 120
# A word is the page's reporting word when it attributes two quotations at least, and at least one in three of
# its uses on the page does (a noun or a word of every sentence is used more often elsewhere).
ATTRIBUTING_QUOTATIONS = 2
USES_PER_ATTRIBUTION = 3
_KNOWN_REPORTING_WORDS = frozenset(REPORTING_WORDS)
_CLAUSE_WORD_RE = re.compile(r"(?<![\w’'-])[^\W\d_][\w’'-]*")
_CLAUSE_END_RE = re.compile("[.!?…:;\r\n" + re.escape(QUOTE_MARKS) + "]")
# The word right before a colon and the spaces after it, at the end of what stands before a quotation.
_WORD_BEFORE_COLON_RE = re.compile(r"(?<![\w’'-])([^\W\d_][\w’'-]*):[^\S\r\n]*$")
# How far before a quotation the word before its colon is read: a word and the colon, or the spaces after it.
COLON_WORD_CHARS = 40


def _attributing_word(text: str, start: int, end: int) -> str | None:
    """The word that attributes the quotation ``[start, end)``, if it is in lower case, has a few letters and is
    no reporting word the code knows (those presented the page's marked words already: said, sagte): the one
    before the colon that introduces it, or the verb of the attribution clause after it."""
    if text[start - 2:start].rstrip().endswith(":"):
        match = _WORD_BEFORE_COLON_RE.search(text, max(0, start - COLON_WORD_CHARS), start)
        verb = match.group(1) if match else None
        if verb is None or not verb[0].islower() or len(verb) < ATTRIBUTION_WORD_LETTERS:
            return None
        return None if verb in _KNOWN_REPORTING_WORDS else verb
    # most quotations have no comma or dash at their end: known before their paragraph is looked for
    punctuation_after = text[end:end + 3].lstrip(" \t")[:1]
    if text[end - 2] != "," and not (punctuation_after and punctuation_after in ",،–—"):
        return None
    after = _in_paragraph(text[end:end + 60])
    clause = _CLAUSE_END_RE.split(after.lstrip(" ,،–—\t"), maxsplit=1)[0]
    words = [word for word in _CLAUSE_WORD_RE.findall(clause) if word[0].islower()][:ATTRIBUTION_CLAUSE_WORDS]
    verb = next((word for word in words if len(word) >= ATTRIBUTION_WORD_LETTERS), None)
    if verb is None or verb in _KNOWN_REPORTING_WORDS:
        return None
    paragraph_start = _paragraph_start(text, start, ATTRIBUTION_BEFORE_CHARS)
    before = text[max(paragraph_start, start - ATTRIBUTION_BEFORE_CHARS):start]
    return verb if _attributed_after(text, start, end, before, paragraph_start, after) else None


def _reported_in_the_pages_words(text: str, regions: Sequence[tuple[int, int]], page: _Page,
                                 found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The short marked words with no source found whose sentence holds a reporting word the page itself uses
    to attribute its quotations (7.2 question 1, in a language whose reporting words the code does not know):
    Novák uvedl, že jde o „hazard“ on a page where „…,“ uvedl Novák attributes two quotations."""
    # most of them lie in a quotation found after all (a single pair inside a double one): the page's words are
    # learned, a look after each of its quotations, only for the rest (on one page in fifteen)
    found_spans = _Spans(found)
    unsourced = [(start, end) for start, end in page.unsourced if not found_spans.overlap(start, end)]
    if not unsourced:
        return []
    attributing: dict[str, int] = {}
    for start, end in found:
        verb = _attributing_word(text, start, end)
        if verb is not None:
            attributing[verb] = attributing.get(verb, 0) + 1
    candidates = {word for word, count in attributing.items() if count >= ATTRIBUTING_QUOTATIONS}
    if not candidates:
        return []
    reporting = set()
    for word in candidates:
        # the word's uses on the page, as a word of its own (the look-behind after the word: a pattern that starts
        # with it is searched for as a string, several times faster)
        uses = re.compile(re.escape(word) + r"(?![\w’'-])(?<![\w’'-]" + re.escape(word) + ")")
        if sum(len(uses.findall(text, *region)) for region in regions) <= USES_PER_ATTRIBUTION * attributing[word]:
            reporting.add(word)
    if not reporting:
        return []
    reported = []
    for start, end in unsourced:
        paragraph_start = _paragraph_start(text, start, SENTENCE_BEFORE_CHARS)
        sentence_before = _SENTENCE_END_RE.split(text[max(paragraph_start, start - SENTENCE_BEFORE_CHARS):start])[-1]
        sentence_after = _SENTENCE_END_RE.split(_in_paragraph(text[end:end + SENTENCE_AFTER_CHARS]), maxsplit=1)[0]
        if not reporting.isdisjoint(_CLAUSE_WORD_RE.findall(sentence_before + " " + sentence_after)):
            reported.append((start, end))
    return reported


# A speaker's name has a few letters at least (not an article or a pronoun that opens a clause in capitals).
SPEAKER_NAME_LETTERS = 3
# A title abbreviated before a name, at the end of what is read of a clause: a word in capitals of a few letters
# (Dr, Dkt, Sen, Prof, Mme), its point next.
_ABBREVIATION_END_RE = re.compile(r"(?<![\w’'-])[^\W\d_]{1,4}$")
# The end of a sentence in any script that writes capitals: a point, a question or exclamation mark, perhaps a
# closing mark or bracket, spaces, then a capital or an opening mark.
_ANY_SENTENCE_END_RE = re.compile("[.!?…][" + re.escape(QUOTE_MARKS) + r")\]]?\s+(?=[^\W\d_a-z]|["
                                  + re.escape(QUOTE_MARKS) + "])")


# The first letter of the word after a closing mark and spaces (on its line).
_FIRST_LETTER_AFTER_RE = re.compile(r"[^\S\r\n]+([^\W\d_])")
# How far before a quotation _opens_sentence reads: a sentence's mark, a closing mark and the spaces after them.
SENTENCE_END_BEFORE_CHARS = 8


def _lower_word_after(text: str, end: int) -> bool:
    """Whether a word in lower case follows the closing mark ending at ``end``, after spaces and no punctuation."""
    match = _FIRST_LETTER_AFTER_RE.match(text, end)
    return match is not None and match.group(1).islower()


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the quotation at ``start`` opens its paragraph or follows the end of a sentence."""
    paragraph_start = _paragraph_start(text, start, SENTENCE_END_BEFORE_CHARS)
    return start == paragraph_start or _SENTENCE_END_BEFORE_RE.search(text, paragraph_start, start) is not None


def _speakers(text: str, found: list[tuple[int, int]]) -> set[str]:
    """The names of the page's speakers: the words in capitals of the attribution clauses after its quotations,
    behind a comma or a dash (“…,” said Smith; „…“ – mondta Kovács; "…," kata Rahmat; “…,” dedi Aydınoğlu), or
    right after the closing mark of a quotation that opens its sentence, the clause's first word in lower case (“…”
    diyen Oral, “…” ujar Wibowo: the words of a sentence that starts in marks are someone's, and what follows them
    unparted is who said them) --
    but words in capitals throughout (a shout, an abbreviation) -- and the subject set off by a comma at the start
    of a sentence that introduces a quotation with a colon (Karahasan, … gösterdi: “…”), when the page writes it in
    capitals inside a sentence too: a name, not a sentence's first word (However, Sin embargo)."""
    names, subjects = set(), set()
    for start, end in found:
        if text[start - 2:start].rstrip().endswith(":"):
            subjects.add(_subject_before_colon(text, start))
        punctuation_after = text[end:end + 3].lstrip(" \t")[:1]
        if text[end - 2] not in ",،" and not (punctuation_after and punctuation_after in ",،–—") and not (
                _lower_word_after(text, end) and _opens_sentence(text, start)):
            continue
        rest = _in_paragraph(text[end:end + 80]).lstrip(" ,،–—\t")
        clause = _CLAUSE_END_RE.split(rest, maxsplit=1)[0]
        abbreviation = _ABBREVIATION_END_RE.search(clause)
        if rest[len(clause):len(clause) + 1] == "." and abbreviation and abbreviation.group()[0].isupper():
            # the point of an abbreviated title before the name (alisema Dkt. Mbwana, said Sen. Tull): the name
            # after it is the speaker's when it is all the clause has left, words in capitals
            name = _CLAUSE_END_RE.split(rest[len(clause) + 1:], maxsplit=1)[0]
            if all(word[0].isupper() for word in _CLAUSE_WORD_RE.findall(name)):
                clause += " " + name
        names.update(word for word in _CLAUSE_WORD_RE.findall(clause)
                     if word[0].isupper() and not word.isupper()
                     and sum(char.isalpha() for char in word) >= SPEAKER_NAME_LETTERS)
    subjects.discard(None)
    # a sentence's first word is in capitals whatever it is: a name is also written so after another word
    # (Selim Karahasan); each subject is looked for once, however many quotations it introduces
    names.update(name for name in subjects
                 if re.search(r"\w[^\S\r\n]" + re.escape(name) + r"(?![\w’'-])", text) is not None)
    return names


# A sentence's first word in capitals, set off by a comma: its subject (Karahasan, sıkıntının kaynağı …).
_SUBJECT_COMMA_RE = re.compile(r"[^\S\r\n]*([^\W\d_][\w’'-]*),")


def _subject_before_colon(text: str, start: int) -> str | None:
    """The word in capitals that opens, set off by a comma, the sentence introducing with a colon the quotation at
    ``start`` (Karahasan, … gösterdi: “…”)."""
    paragraph_start = _paragraph_start(text, start, SENTENCE_BEFORE_CHARS)
    sentence = _ANY_SENTENCE_END_RE.split(text[max(paragraph_start, start - SENTENCE_BEFORE_CHARS):start])[-1]
    match = _SUBJECT_COMMA_RE.match(sentence)
    if match is None:
        return None
    name = match.group(1)
    if not name[0].isupper() or name.isupper() or sum(char.isalpha() for char in name) < SPEAKER_NAME_LETTERS:
        return None
    return name


def _said_by_the_pages_speakers(text: str, page: _Page, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The short marked words with no source found whose sentence names, before them, someone the page quotes
    (7.2 question 1: the source in the same sentence, whatever the language's reporting verbs): Kemal Aydınoğlu,
    kararın “zor ama kaçınılmaz” olduğunu söyledi, on a page where “…,” dedi Aydınoğlu attributes a quotation; or
    whose sentence names nobody after a sentence that names such a speaker (Anne Lappalainen kertoo … Hän kuvaili
    tiedottamista ”…”) -- not after a determiner or a label, which make a term of them (Sellés … buscar un «caballero
    blanco»)."""
    found_spans = _Spans(found)
    unsourced = [(start, end) for start, end in page.unsourced if not found_spans.overlap(start, end)]
    if not unsourced:
        return []
    speakers = _speakers(text, found)
    if not speakers:
        return []
    said = []
    for start, end in unsourced:
        paragraph_start = _paragraph_start(text, start, SENTENCE_BEFORE_CHARS)
        before = text[max(paragraph_start, start - SENTENCE_BEFORE_CHARS):start]
        # the writer's own words of the sentence before them, outside the other quotations (a name inside one is
        # no source of these words; inside an open one, these words are part of it)
        sentences = _ANY_SENTENCE_END_RE.split(before)
        pieces = _MARK_NOT_INSIDE_WORD_RE.split(sentences[-1])
        if len(pieces) % 2 == 0:
            continue
        words = _CLAUSE_WORD_RE.findall(" ".join(pieces[::2]))
        if speakers.isdisjoint(words) and not (
                # or a sentence naming nobody -- no word in capitals but its first, outside marks: its subject a
                # pronoun or a noun (Hän kuvaili …, Commissieleden noemen dat …) -- after one naming a speaker (7.2
                # question 1: the source in the sentences next to the words)
                len(sentences) > 1 and not any(word[0].isupper() for word in words[1:])
                and not _names_someone_after(text, end) and _names_a_speaker(sentences[-2], speakers)):
            continue
        tail = pieces[-1].rstrip()
        if _term_after_determiner_or_label(tail, _in_paragraph(text[end:end + 60])):
            continue
        said.append((start, end))
    return said


# A sentence whose subject names a person in apposition: a title or a description of two words at least, a comma,
# the name, a comma and the rest of the sentence up to the marks (Η υφυπουργός …, Μαρία Λιακοπούλου, απάντησε ότι …;
# سخنگوی سازمان …، نرگس احمدی، …; The city's planning chief, Ana Ruiz, called the scheme …).
_SUBJECT_IN_APPOSITION_RE = re.compile(
    r"[^\S\r\n]*(?P<title>[^,،\r\n]+?)[^\S\r\n]*[,،][^\S\r\n]*(?P<name>[^,،\r\n]+?)[^\S\r\n]*[,،][^\S\r\n]*"
    r"(?P<rest>[^,،\r\n]+)")
# A name of one to four words (given names, a surname, perhaps a title before them: Dr., עו"ד).
APPOSITION_NAME_WORDS = 4


def _said_by_a_subject_in_apposition(text: str, page: _Page, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The short marked words with no source found, in lower case or in a script without case, whose sentence opens
    on the news form of a speaker -- a title, then a name set off by commas, then the predicate that leads to them:
    Η υφυπουργός Κοινωνικής Συνοχής, Μαρία Λιακοπούλου, απάντησε ότι οι τροπολογίες είναι «επείγουσες» (7.2 question
    1: the source in the same sentence, whatever the language's reporting verbs; a name set off so is a person's,
    the words the sentence goes on to mark are what the person said). In a script with case the name's words are
    in capitals and the predicate starts in lower case; not after a determiner or a label, which make a term of
    them (the mayor, Ana Ruiz, opened the «…» plant)."""
    found_spans = _Spans(found)
    said = []
    for start, end in page.unsourced:
        first_word = _WORD_CHAR_RE.search(text, start + 1, end - 1)
        if first_word is None or first_word.group().isupper() or found_spans.overlap(start, end):
            continue
        paragraph_start = _paragraph_start(text, start, SENTENCE_BEFORE_CHARS)
        sentence = _ANY_SENTENCE_END_RE.split(text[max(paragraph_start, start - SENTENCE_BEFORE_CHARS):start])[-1]
        match = _SUBJECT_IN_APPOSITION_RE.fullmatch(sentence)
        if match is None or _OPENING_MARK_RE.search(sentence) is not None:
            continue  # no such subject, or a quotation opens in the sentence: the commas may be its (not the mark
            # inside a word of a Hebrew abbreviation, עו"ד)
        title, name, rest = match.group("title", "name", "rest")
        names = _CLAUSE_WORD_RE.findall(name)
        if len(_CLAUSE_WORD_RE.findall(title)) < 2 or not 1 <= len(names) <= APPOSITION_NAME_WORDS:
            continue
        if any(char.isupper() or char.islower() for char in name) and not (
                all(word[0].isupper() for word in names) and rest.lstrip()[:1].islower()):
            continue
        if _term_after_determiner_or_label(rest.rstrip(), _in_paragraph(text[end:end + 60])):
            continue
        said.append((start, end))
    return said


def _names_a_speaker(sentence: str, speakers: set[str]) -> bool:
    """Whether the writer's own words of ``sentence``, outside its quotations, name one of ``speakers``."""
    pieces = _MARK_NOT_INSIDE_WORD_RE.split(sentence)
    return len(pieces) % 2 == 1 and not speakers.isdisjoint(_CLAUSE_WORD_RE.findall(" ".join(pieces[::2])))


def _names_someone_after(text: str, end: int) -> bool:
    """Whether the rest of the sentence after the quotation ending at ``end``, outside other quotations, holds a word
    in capitals."""
    after = _ANY_SENTENCE_END_RE.split(_in_paragraph(text[end:end + SENTENCE_AFTER_CHARS]), maxsplit=1)[0]
    pieces = _MARK_NOT_INSIDE_WORD_RE.split(after)
    return any(word[0].isupper() for word in _CLAUSE_WORD_RE.findall(" ".join(pieces[::2])))


def _paragraph_start(text: str, position: int, reach: int) -> int:
    """Where the paragraph holding ``position`` starts: after the last line feed or carriage return before it
    (the carriage return looked for on its line only: most texts have none, and a search for one would read the
    whole text before) -- or ``reach`` characters before ``position`` if it starts further back: what is read of it
    is as far back as that, and a search to the start of a long paragraph for each of its quotations is quadratic."""
    reached = max(0, position - reach)
    line_start = text.rfind("\n", reached, position) + 1 or reached
    return text.rfind("\r", line_start, position) + 1 or line_start


def _echoes(text: str, page: _Page, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The short marked words with no source of their own that repeat words of a quotation found elsewhere
    on the page: a headline's fragment (Assembly suspends three over “gross misconduct”) has its source where
    the story quotes the words in full (what the Speaker described as “gross misconduct and …”). Two words
    at least: one word of a quotation is no sign its writer quotes it -- but one word the page quotes elsewhere as a
    quotation of its own is (the headline's «маніпуляцією» of the story's Гончарук назвав висновки «маніпуляцією»)."""
    echoes = []
    terms: list[str] = []
    found_spans: _Spans | None = None
    for start, end in page.unsourced:
        term = _term(text, start, end)
        if term in page.named:
            continue
        # most have no second place on the page: their words after the first letter (whose case a headline may
        # change) are looked for as they stand before the page's quotations are read
        rest = text[start:end].strip(_TERM_STRIP)[1:]
        if text.find(rest, end) < 0 and text.rfind(rest, 0, start) < 0:
            continue
        if found_spans is None:
            found_spans = _Spans(found)
        if found_spans.overlap(start, end):
            continue
        terms = terms or [_term(text, *quote) for quote in found]
        if " " not in term:
            if term in terms:  # one word, a quotation of its own elsewhere
                echoes.append((start, end))
            continue
        # not in marks of their own inside it: that quotation names them (“… and they call it ‘fake news’”)
        words = re.compile(r"(?<![\w" + re.escape(QUOTE_MARKS) + r"])" + re.escape(term) + r"(?![\w" +
                           re.escape(QUOTE_MARKS) + r"])")
        if any(words.search(other) for other in terms):
            echoes.append((start, end))
    return echoes


def _term(text: str, start: int, end: int) -> str:
    """The marked words of ``[start, end)`` as a term: without the marks (a continued quotation's piece has
    no closing one), the punctuation at their ends and case."""
    return text[start:end].strip(_TERM_STRIP).casefold()


_TERM_STRIP = " " + _SENTENCE_PUNCTUATION + QUOTE_MARKS


def _quotes_in_region(text: str, region_start: int, region_end: int, family: str,
                      paragraphs: list[tuple[int, int]], marks_by_paragraph: list[list[_Mark]],
                      page: _Page) -> list[tuple[int, int]]:
    """Quote spans of one family; a quotation over several paragraphs gives one span per paragraph,
    every piece but the last ending on its paragraph's last character (annotation guidelines, 5).
    ``paragraphs`` are the region's (``_paragraphs``), ``marks_by_paragraph`` their marks of the family
    (``_marks``)."""
    found: list[tuple[int, int]] = []
    open_at: int | None = None
    open_mark = ""
    first_start = open_paragraph_start = 0
    pieces: list[tuple[int, int]] = []  # the finished paragraphs of a continued quotation
    # A quotation in marks of another kind inside the open one (« … “…” … », „ … «…» … “) is nested: only the
    # outer pair is a quotation (guidelines 7.3). The nested ones are kept (``inner``) for when the outer
    # never closes, and then tested as quotations of their own.
    nested_at: int | None = None
    nested_mark = ""
    inner: list[tuple[int, int]] = []
    for number, ((para_start, para_end), marks) in enumerate(zip(paragraphs, marks_by_paragraph, strict=True)):
        closers_of: dict[str, list[int]] = {}  # _closers_after's positions, for this paragraph
        for position, char, can_open, can_close in marks:
            if open_at is None:
                if can_open:
                    open_at, open_mark, open_paragraph_start = position, char, para_start
                    first_start, pieces, nested_at, inner = position, [], None, []
            elif (can_close and _pairs(open_mark, char) and not (nested_at is not None and _pairs(nested_mark, char))
                  and not _possessive_before_closer(text, position, marks)):
                if _is_quotation(text, first_start, position + 1, para_start if not pieces else first_start,
                                 page):
                    found.extend(pieces)
                    found.append((open_at, position + 1))
                open_at, pieces, nested_at, inner = None, [], None, []
            elif nested_at is not None:
                if can_close and _pairs(nested_mark, char):
                    inner.append((nested_at, position + 1))
                    nested_at = None
            elif can_open and position == para_start and open_paragraph_start != para_start:
                open_at, open_paragraph_start = position, para_start  # the continued quotation reopens here
            elif can_open and (_MARK_KINDS.get(char) != _MARK_KINDS.get(open_mark) or (
                    char == open_mark and _closers_after(marks, position, char, closers_of) >= 2)):
                # a pair of the same mark inside the open one ("… the coach said "focus", so I …") is nested too
                # when the paragraph holds a closer for each
                nested_at, nested_mark = position, char
            elif can_open:
                found.extend(_unnested(text, inner, para_start, page))  # the outer one is left unclosed
                open_at, open_mark, open_paragraph_start = position, char, para_start
                first_start, pieces, nested_at, inner = position, [], None, []
        if open_at is not None:
            following = marks_by_paragraph[number + 1] if number + 1 < len(paragraphs) else []
            next_start = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            if bool(following) and following[0][0] == next_start and following[0][2]:
                pieces.append((open_at, para_end))
            else:
                found.extend(_unnested(text, inner, para_start, page))
                open_at, pieces = None, []
            nested_at, inner = None, []
    if family == "single" and found:
        found = _outside_double(text, found, region_start, region_end)
    return found


def _closers_after(marks: list, position: int, opener: str, closers_of: dict[str, list[int]]) -> int:
    """How many marks of the paragraph after ``position`` can close a quotation opened with ``opener``.
    ``closers_of`` keeps, per opener, the positions of the paragraph's marks that close it: made once, so that a
    paragraph of thousands of the same mark is not read again for each of them (quadratic)."""
    positions = closers_of.get(opener)
    if positions is None:
        positions = closers_of[opener] = [at for at, char, _, can_close in marks if can_close and _pairs(opener, char)]
    return len(positions) - bisect_right(positions, position)


def _unnested(text: str, inner: list[tuple[int, int]], paragraph_start: int, page: _Page) -> list[tuple[int, int]]:
    """The quotations among the nested pairs ``inner`` of an outer mark that never closed."""
    return [quote for quote in inner if _is_quotation(text, *quote, paragraph_start, page)]


def _possessive_before_closer(text: str, position: int, marks: list) -> bool:
    """``the players’ union``, ``goin’ home``, ``rock ’n’ roll``: a single mark ending a word in s (a plural
    possessive), in "in" (a dropped g) or the ’n’ of "and", before a lower-case word, is an apostrophe when the
    next mark in the paragraph can close the quotation instead -- not when it opens another one (``the
    government's 'mixed messages' were 'causing anxiety'``)."""
    if text[position] not in SINGLE_MARKS:
        return False
    if text[position - 1] not in "sS" and not (
            text[position - 1] == "n" and _ELIDED_END_RE.search(text, max(0, position - 3), position)):
        return False
    if not re.match(r" [a-z]", text[position + 1:position + 3]):
        return False
    # the marks are in the order of their positions: the next one found by bisection, not by a scan from the
    # paragraph's first (quadratic over a paragraph of many such marks)
    after = bisect_right(marks, position, key=_POSITION)
    following = marks[after] if after < len(marks) else None
    return following is not None and following[3] and not (following[2] and text[following[0] - 1:following[0]] in " ")


_POSITION = itemgetter(0)
# The ends in n of a word an apostrophe may end (see _possessive_before_closer), read in the three characters
# before it.
_ELIDED_END_RE = re.compile(r"(?:\win|[’']n)$")


def _outside_double(text: str, quotes: list[tuple[int, int]], region_start: int,
                    region_end: int) -> list[tuple[int, int]]:
    """The single-quoted spans of the region that do not sit inside an (even unbalanced) double-quoted stretch: an
    odd number of double marks between the start of their line and them. The region's line feeds and double marks
    are found once, in one scan each, and counted by bisection (a scan back to its line's start for each span is
    quadratic over a long line of quotations)."""
    line_feeds = [match.start() for match in _LINE_FEED_RE.finditer(text, region_start, region_end)]
    doubles = [match.start() for match in _DOUBLE_MARK_RE.finditer(text, region_start, region_end)]
    outside = []
    for quote in quotes:
        feeds_before = bisect_left(line_feeds, quote[0])
        line_start = line_feeds[feeds_before - 1] + 1 if feeds_before else region_start
        if (bisect_left(doubles, quote[0]) - bisect_left(doubles, line_start)) % 2 == 0:
            outside.append(quote)
    return outside


_DOUBLE_MARK_RE = re.compile("[" + re.escape(DOUBLE_MARKS) + "]")
_LINE_FEED_RE = re.compile("\n")
