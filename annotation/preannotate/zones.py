"""The zone classifier shared by both input paths: per-block evidence in, one label per block out.

The main story is found the way body-text extractors since Finn et al.'s BTE find it: every block gets a
content score (prose counts for itself, furniture and link lists against), and the article is the
contiguous run of blocks with the largest total -- so short lines inside the story (sub-headings, a
one-line paragraph) stay in, and a teaser list after it stays out because its headlines and timestamps
cost more than its summaries earn. The headline, byline and standfirst just above the run are then
added, and what is left is split into teaser items (headline + summary + timestamp) and boilerplate.
When other runs come close to the best one (``candidate_runs``), the learned model's reading of each
decides which is the story (``run_value``): a long promo or comment run can outscore a short article.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from annotation.preannotate.blocks import Block
from annotation.preannotate.features import (
    ADDRESS_RE, BIO_RE, FOREIGN_BYLINE_CUES, JOINED_LETTERS, NAME_PARTICLES, PROMO_RE, READ_TIME_RE, SENTENCE_MARKS,
    SENTENCE_SPLIT_RE, TEXT_CACHE_SIZE, UNSPACED_LETTER_RE, UNSPACED_LETTERS, WORD_RE, BlockFeatures, GatedPattern,
    LiteralGate, features_of, initials)
from annotation.preannotate.learned import DOM_FEATURE_NAMES, normalised

ARTICLE, BOILERPLATE, TEASER = "article", "boilerplate", "teaser"
_TEXT = attrgetter("text")

_COMMENTS_RE = re.compile(
    r"^[\[(]?\s*(?:\d+\s+)?(?:comments?|responses?|replies|discussion|conversation|join the (?:conversation|discussion)|"
    # in Italian, German, French, Spanish, Portuguese and Dutch ("Commenti", "120 Postings", "Kommentare (12)")
    r"commenti|kommentare|postings|commentaires|comentarios|comentários|reacties|"
    r"leave a (?:comment|reply)|(?:top|most) (?:rated|recent|liked|popular) comments|show comments|view comments|"
    # the count after it, in brackets or bare ("Comments (214)", "Comments 214")
    r"add (?:a )?comment|post a comment|reader comments|what do you think\??)\s*(?:\(\d+\)|\d[\d,.]*)?\s*[\])]?:?$"
    r"|^\d+\s+(?:comments?|responses?|replies)\s+(?:to|on)\b"
    r"|^[\[(]\s*\d+\s+comments?\s*[\])]$",
    re.IGNORECASE,
)
# A commenter's name line: "joetoronto says:".
_COMMENTER_RE = re.compile(r"^\S+(?:\s+\S+){0,2}\s+(?:says|said|wrote|writes|replied):$", re.IGNORECASE)
_AD_RE = re.compile(r"^(?:advertisement|advert|ad|sponsored|story continues below(?: advertisement)?|"
                    r"continue reading (?:the main story|below)|scroll to continue.*"
                    # the label in German, French, Spanish, Italian, Dutch and Portuguese
                    r"|anzeige|werbung|publicité|publicidad|pubblicità|advertentie|publicidade"
                    # and in the other languages of the news sites in Europe and around the Mediterranean (a Greek
                    # label in capitals drops its accent: "ΔΙΑΦΗΜΙΣΗ")
                    r"|publicitat|publicitate|reclamă|mainos|annons|annonse|annonce|reklame|auglýsing|reklaam"
                    r"|reklāma|reklama|inzerce|inzercia|oglas|hirdetés|διαφ[ηή]μιση|реклама|оглас|reklam|advertensie"
                    r"|إعلان|اعلان|تبلیغات|آگهی|פרסומת"
                    # of South and South-East Asia and East Africa
                    r"|विज्ञापन|বিজ্ঞাপন|اشتہار|விளம்பரம்|ప్రకటన|जाहिरात|โฆษณา|quảng cáo|iklan|patalastas|tangazo"
                    # and in Japanese, Chinese and Korean
                    r"|広告|广告|廣告|スポンサーリンク|赞助内容|贊助內容|광고)$", re.IGNORECASE)
# A photo caption's credit at its end ("... (AP Photo/Jane Roe, File)", "...Credit: Getty", "REUTERS/Jane
# Roe"), or a caption's own label at its start ("FILE PHOTO:", "Image caption"): a caption of any length.
# The end is looked for in the last CAPTION_TAIL characters only (a search through a long paragraph tries
# every position).
_CAPTION_END_RE = GatedPattern(re.compile(
    r"(?:\((?:photo|image|picture|credit|file|video)[^)]*\)|(?:photo|image|picture|credit)s?\s*:|"
    r"getty images|/ ?afp|/ ?reuters|associated press$|/ ?ap$|shutterstock|istock"
    r"|credit:\s*[^.!?]{1,60}|\((?:ap|afp|reuters|getty|epa|ap photo|file photo)\b[^)]{0,80}\)"
    r"|\breuters/[\w .'-]{2,40}|(?:afp|shutterstock|istock) via getty images)\s*$",
    re.IGNORECASE,
), ("(", "/", "photo", "image", "picture", "credit", "getty", "associated press", "stock"))
_CAPTION_START_RE = re.compile(r"^(?:file photo|image caption|photo|image|caption)\s*:?\s", re.IGNORECASE)
CAPTION_TAIL = 160
# The last characters (before trailing white space) a match of _CAPTION_END_RE can end with when the text holds no
# colon and no slash: its closing parenthesis, and the "s" or "k" of "getty images", "associated press",
# "shutterstock", "istock" in any case IGNORECASE matches (the long s, the Kelvin sign). Every other alternative
# ("photo:", "credit: …", "/ afp", "/ reuters", "reuters/…") holds a colon or a slash.
_CAPTION_END_LAST = ")sS\u017fkK\u212a"


def _may_end_in_credit(tail: str) -> bool:
    """Whether ``_CAPTION_END_RE`` can match ``tail`` at all: most lines end in a full stop and hold no colon and no
    slash, which turns them away without its gate (a lower-cased copy and a search of it)."""
    return ":" in tail or "/" in tail or tail.rstrip()[-1:] in _CAPTION_END_LAST


# The photographer or agency in capitals after a caption's sentence: "... removed from the water in Las
# Croabas. By U.S. CUSTOMS AND BORDER PROTECTION". A byline is a line of its own, not after a sentence.
_CAPITALS_CREDIT_RE = re.compile(r"[.!?][\"”’]?\s+By\s+[A-Z][A-Z.'’&-]*(?:\s+[A-Z][A-Z.'’&-]*){0,6}\s*$")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def line_marks(text: str) -> tuple[bool, bool, bool, bool]:
    """Whether a block's text is a comments heading (``_COMMENTS_RE``), an ad label (``_AD_RE``), a commenter's
    name line (``_COMMENTER_RE``), a caption or photo credit (``is_caption_credit``). Cached, all four at once:
    the content score, the comment zone, the run's labels and the model's flags (for each candidate run) ask
    for them block by block."""
    return (_COMMENTS_RE.match(text) is not None, _AD_RE.match(text) is not None,
            # a commenter's line ends in its colon ("$" also matches before a last newline): most lines are
            # answered without the regex, which tries one to three words before every space
            (text[-1:] == ":" or text[-2:] == ":\n") and _COMMENTER_RE.match(text) is not None,
            _CAPTION_START_RE.match(text) is not None
            or (_may_end_in_credit(tail := text[-CAPTION_TAIL:]) and _CAPTION_END_RE.search(tail) is not None))


# The photographer and the agency or paper, parted by a slash, at a caption's end or as a line of its own: "...
# leaves the courthouse on Friday. (Jane Roe/The Daily Example)", "Jane Roe / Keystone". A name of two words or more
# before the slash: "(AC/DC)" ends a sentence of the story.
_SLASHED_CREDIT_RE = re.compile(
    r"(?:\((?:[A-Z][\w.'’-]*\s){1,4}[A-Z][\w.'’-]*\s?/\s?(?:[A-Z][\w.'’&-]*\s?){1,6}\)"
    r"|(?:^|[.!?]\s+)(?:[A-Z][\w.'’-]*\s){1,3}/ (?:[A-Z][\w.'’&-]*\s?){1,3})$")


# A gallery's counter, alone or opening the photo's caption (guidelines 8.4: "Image 1 of 23"): "1 of 3", "Item 1 of 2
# A pump jack operates ...". A bare count opening a sentence ("1 of 3 voters said ...") is the story's.
_GALLERY_COUNT_RE = re.compile(
    r"^(?:(?:image|photo|picture|item|slide)\s+\d{1,3}\s+of\s+\d{1,3}\b|\d{1,3}\s+of\s+\d{1,3}$)", re.IGNORECASE)


# A photo's credit in other words than the English label's: "Foto: Sara Holm", "Bild: …", "Fotografía: …", the label
# in Cyrillic, Greek and Hebrew letters ("Фото: …", "ΦΩΤΟ: …", "צילום: …"), and a pooled or handout photo's "Supplied:
# Jane Roe", as a line of its own, after the caption's sentence or in brackets closing the caption ("… on Monday
# (Foto: Sara Holm)"); in brackets the label's colon may be left out ("(Foto Archivio)", "(Фото ТАСС)"). A name's
# initial keeps its full stop ("Фото: Н. Поповић"): a stop after one letter ends no sentence.
_FOREIGN_CREDIT_RE = GatedPattern(re.compile(
    r"(?:(?:^|[.!?][\"”’»]?\s+|\s(?=\())\(?(?:foto|fotos|bild|fotografía|fotografia|imagen|immagine|supplied|фото"
    r"|φωτο|φωτογραφία|צילום)\s*:\s*(?:[^.!?:]|(?<=\b\w)\.){2,60}\)?"
    r"|\s\((?:foto|fotos|bild|фото|φωτο|צילום)\s+[^():.!?]{2,40}\))$", re.IGNORECASE),
    ("foto", "bild", "imagen", "immagine", "supplied", "фото", "φωτο", "צילום"))
# The paper or agency and the photographer parted by a slash with no spaces, as a line of its own ("THE DAILY
# EXAMPLE/Jane Roe"); two words or more ("AC/DC" is none).
_SLASH_CREDIT_LINE_RE = re.compile(
    r"^[A-Z][\w.'’&-]*(?:\s[A-Z][\w.'’&-]*){0,4}/[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}$")


# The photographer's name of two to four capitalised words and the paper or agency after a slash, closing a caption
# in any language: after its sentence, with or without a label's colon ("… in the courtroom. Фото: Jane Roe / «The
# Daily Example»"), or after a dash ("… at the hearing - Jane Roe/Example Press"). Two capitalised words before the
# slash at least and the paper's capitalised or quoted ("and/or", "AC/DC", "24/7" and "New York/London routes" are
# none), and not at a line's start ("New York/London flights resume" is a headline). A paper's name may hold short
# particles in lower case ("do", "de", "of").
PARTICLE_MAX_CHARS = 3
_NAMED_SLASH_CREDIT_RE = re.compile(
    r"(?:[.!?][\"”’»]?\s+|\s[-–—]\s)(?:[^\W\d_]{2,15}\s?:\s*)?((?:[^\W\d_][\w.'’-]*\s){1,3}[^\W\d_][\w.'’-]*)"
    r"\s?/\s?([«\"“„][^»\"”“]{1,40}[»\"”“]|[^\W\d_][\w.'’&-]*(?:\s[^\W\d_][\w.'’&-]*){0,3})$")


def _named_slash_credit(text: str) -> bool:
    """Whether ``text`` ends in a photographer's name and the paper or agency after a slash
    (``_NAMED_SLASH_CREDIT_RE``): each word of the name capitalised, and each of the paper's but its particles of
    ``PARTICLE_MAX_CHARS`` letters at most ("Folha do Cerrado"), unless the paper is in quotation marks."""
    found = _NAMED_SLASH_CREDIT_RE.search(text[-CAPTION_TAIL:])
    if found is None or not all(word[:1].isupper() for word in found[1].split()):
        return False
    paper = found[2].split()
    return not paper[0][:1].isalpha() or (paper[-1][:1].isupper() and all(
        word[:1].isupper() or len(word) <= PARTICLE_MAX_CHARS for word in paper))


# A caption's credit after its sentence, in any language: the sentence's end, then a few words and no closing mark,
# each capitalised (or of a script without case), a label's colon or a slash among them ("… near Terschelling. Beeld
# Koos Boersma", "… viral. Fuente: Facebook", "… (26/11/2026). ANTARA FOTO/Jane Roe"). A paragraph ends its sentence,
# and an abbreviation's stop ends none: two letters before it ("10:05 a.m. ET" is a time and its zone), and a sentence
# of CAPTION_SENTENCE_MIN_WORDS words at least ("St. Paul", "Sen. David Roe", "1100 Main Ave. NW" are names).
CAPTION_SENTENCE_MIN_WORDS = 4
_TRAILING_CREDIT_RE = re.compile(r"(?:[^\W_]{2}|[)\"”’»])\.[\"”’»)]?\s+((?:[^\W\d_][\w'’./-]*:?\s+){0,3}[^\W\d_][\w'’./-]*)$")


def _trailing_credit(text: str) -> bool:
    """Whether ``text`` ends in a credit after its sentence (``_TRAILING_CREDIT_RE``)."""
    # the cheap tests first: most lines end in punctuation, or hold no full stop (headlines, menus)
    if not text[-1:].isalpha() or "." not in text:
        return False
    tail = text[-CAPTION_TAIL:]
    found = _TRAILING_CREDIT_RE.search(tail)
    # a byline after the sentence ("… the engineers. By Jane Doe") is the writer's, no photo's credit
    return (found is not None and not any(word[:1].islower() for word in found[1].split())
            and (len(text) > len(tail) or len(tail[:found.start(1)].split()) >= CAPTION_SENTENCE_MIN_WORDS)
            and not features_of(found[1]).is_byline)


# The photographer's credit in full-width brackets closing a caption in Chinese, Japanese or Korean: "（記者陳某攝）",
# "（撮影・鈴木一郎）", "（사진=연합뉴스）" -- the word for a photo or for taking one inside.
_CJK_CREDIT_RE = re.compile(r"（[^（）]{0,30}(?:攝|摄|撮影|写真|照片|圖|图|사진)[^（）]{0,30}）$")


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def is_caption_credit(text: str) -> bool:
    """A caption or photo credit by its first or last words (the learned model reads ``line_marks`` alone:
    the credit in capitals, the slashed credit, the credit in other languages, the credit after the caption's sentence
    and the gallery's counter are the rules'). Cached: the run's labels, the teaser passes and the credit rules ask it
    of one line one to three times, and its eight tests cost more than the look-up."""
    return (line_marks(text)[3] or _trailing_credit(text)
            or (text[-1:] == "）" and _CJK_CREDIT_RE.search(text[-CAPTION_TAIL:]) is not None)
            or ("By " in text and _CAPITALS_CREDIT_RE.search(text[-CAPTION_TAIL:]) is not None)
            or ("/" in text and (_SLASHED_CREDIT_RE.search(text[-CAPTION_TAIL:]) is not None
                                 or _named_slash_credit(text)))
            or (" of " in text[:20] and _GALLERY_COUNT_RE.match(text) is not None)
            or ("/" in text and " " in text and _SLASH_CREDIT_LINE_RE.match(text) is not None)
            or ((":" in text or text[-1:] == ")") and _FOREIGN_CREDIT_RE.search(text[-CAPTION_TAIL:]) is not None))


# A link to another story inside the body: "Read more: <headline>", "READ: <headline>", "RELATED: <headline>", "Also
# on example.com <headline>", and the cue in French, German, Spanish, Portuguese, Italian and Dutch ("Lire aussi |
# <headline>", "Lesen Sie auch: …", "Lee también: …", "Leia também: …", "Leggi anche: …", "Lees ook: …")
# (guidelines 8.2: a teaser, the cue included).
_INLINE_TEASER_RE = re.compile(
    r"^[\[(]?(?:(?:read(?: (?:more|also|next))?|also read|see also"
    r"|related(?: (?:articles?|stories|story|coverage|content|links?))?"
    r"|recommended|must read|don'?t miss|more (?:on|from|about) [\w .'’-]{1,30}"
    r"|(?:à )?lire aussi|voir aussi|lesen sie auch|lesen sie mehr|mehr zum thema|lee también|lea también|leer más"
    r"|leia também|leia mais|veja também|leggi anche|vedi anche|lees ook)\s*[:|»>–—]"
    r"|also on [\w-]+(?:\.[\w-]+)+\b)\s*\S",
    re.IGNORECASE,
)
# What a line the pattern matches starts with: most lines are answered without the regex engine.
_INLINE_TEASER_INITIALS = initials("[(rasmdlvà")
INLINE_TEASER_MAX_WORDS = 30
# A headline printed in capitals between the story's paragraphs, of at least this many words, is a link
# to another story (news sites print their in-story promos so: "SEAN SPICER ELIMINATED FROM 'DANCING WITH
# THE STARS'"); a sub-heading in capitals names a part of the story in a few words.
CAPITALS_TEASER_MIN_WORDS = 6
# A site's tool by the story (guidelines 8.1: widgets near the byline are boilerplate) that the furniture patterns do not
# know: a bare reading or running time ("4 Min"), a gift link ("Gift this article", "Offrir cet article", "Artikel
# verschenken"), a link copier ("Copiar enlace", "Link kopieren"), a player's "listen" in other languages ("Ascolta
# l’articolo", "Escuchar este artículo"), a paywall's label; a line of at most TOOL_LINE_MAX_WORDS words.
_TOOL_LINE_RE = re.compile(
    r"^(?:\d{1,3}\s?min\.?|gift (?:this |the )?(?:article|story)|offrir (?:cet |l['’])article|regalar (?:este |el )?artículo"
    r"|artikel (?:verschenken|merken)|copiar (?:el )?(?:enlace|link)|copier le lien|link kopieren|copia (?:il )?link"
    r"|ascolta(?: l['’]articolo)?|escuchar(?: (?:el|este) artículo)?|écouter(?: l['’]article| cet article)?"
    r"|ouvir (?:o|este) artigo"
    # the paywall's label over the story ("Article réservé aux abonnés", "Nur für Abonnenten")
    r"|(?:article )?réservé aux abonnés|nur für abonnenten|(?:artículo )?(?:solo|exclusivo) para suscriptores"
    r"|subscribers? only|subscriber exclusive)$", re.IGNORECASE)
TOOL_LINE_MAX_WORDS = 4
# A reading time in any words (guidelines 8.1): a number of minutes by the minute's symbol "min" (ISO 80000-3), which
# the Latin and Cyrillic scripts spell their word for the minute from, with a word or two before or after it ("6
# minutos de lectura", "Czas czytania: 5 min", "Время чтения: 3 мин") -- not a time ago ("hace 5 minutos"), which is
# a timestamp.
_READING_MINUTES_RE = re.compile(
    r"^(?:[^\W\d_]+:?\s+){0,2}\d{1,3}\s?(?:min|мин)[^\W\d_]*\.?(?:\s+[^\W\d_]+){0,2}$", re.IGNORECASE)


# A counter the site prints by the story (guidelines 8.1: share, comment and view counters are boilerplate), in any
# language: one number and one word, the number first ("7 comments", "1.284 vizualizări", "86 תגובות") or after the
# word in brackets ("Comments (14)", "Skomentuj (156)") -- the count is what tells it from a section's label. A word is
# a letter, then no space, digit or dot (a vowel sign of an Indic script is no letter to ``\w``; a live entry's time,
# "10 p.m.", is no counter), and a year is no count ("2020 Elections" is a topic).
_COUNTER_RE = re.compile(r"^(?:(?!(?:19|20)\d\d\s)\d[\d.,\u00a0\u202f]*\s+[^\W\d_][^\s\d.]*"
                         r"|[^\W\d_][^\s\d(.]*\s*\(\d[\d.,\u00a0\u202f]*\))$")


def _tool_line(f: BlockFeatures, text: str) -> bool:
    """Whether ``text`` is a site's tool by the story (``_TOOL_LINE_RE``), its reading time in words no pattern knows
    (``_READING_MINUTES_RE``) or a counter of its comments, shares or views (``_COUNTER_RE``)."""
    return f.n_words <= TOOL_LINE_MAX_WORDS and (_TOOL_LINE_RE.match(text) is not None or (
        f.digit_share > 0 and not f.is_timestamp and (_READING_MINUTES_RE.match(text) is not None
                                                      or _COUNTER_RE.match(text) is not None)))
# Longer blocks than this are not taken for a caption, whatever their last words.
CAPTION_MAX_WORDS = 80

# Photo credits printed as a line of their own: "Photograph by …", "Image: …", "Credit: …", "Photo-illustration by …".
_PHOTO_CREDIT_RE = re.compile(
    r"^(?:photo(?:graph)?s?|photo[- ]illustration|images?|pictures?|illustration|video|credit|source)\s*"
    r"(?:by\b|courtesy\b|credit\b|:)",
    re.IGNORECASE,
)
_PHOTO_CREDIT_INITIALS = initials("pivcs")


# A link to buy at a shop, with the price: a deals story's "Get it on Amazon for $39.99", "Buy it at Walmart for
# 238.99". It promotes no article (guidelines 8.2), so it is no teaser however much it looks like a linked headline.
_SHOP_LINK_RE = re.compile(r"^(?:get|buy|shop|order|pre-?order|grab)\b.*?(?:[$£€]\s?\d|\b\d+[.,]\d\d\b)",
                           re.IGNORECASE)
_SHOP_LINK_INITIALS = initials("gbsop")


def _shop_link(text: str) -> bool:
    """Whether ``text`` is a call to buy at a shop, with a price (``_SHOP_LINK_RE``)."""
    return text[:1] in _SHOP_LINK_INITIALS and _SHOP_LINK_RE.match(text) is not None


def _read_more(text: str) -> bool:
    """Whether ``text`` is an inline link to another story ("Read more: <headline>", ``_INLINE_TEASER_RE``)."""
    return text[:1] in _INLINE_TEASER_INITIALS and _INLINE_TEASER_RE.match(text) is not None


# A cue to read another story before its headline, in whatever language ("Lue myös: <headline>", "Baca juga: …",
# "Citește și: …"): two words and a colon -- or three, a language's polite form ("Přečtěte si také: …") -- on the
# headline's line.
READ_ALSO_CUE_WORDS = 2
READ_ALSO_INLINE_CUE_MAX_WORDS = 3
READ_ALSO_HEADLINE_MIN_WORDS = 4
# The cue in a script written without spaces: at most this many letters ("関連", "相关阅读").
READ_ALSO_CUE_CHARS = 4


# A number and a unit's abbreviation closing a line ("9 proc.", "20 tys.", "5 mln."): its stop ends no sentence.
_ABBREVIATED_END_RE = re.compile(r"\d\s?[^\W\d_]{1,4}\.$")


def _cued_headline(f: BlockFeatures, text: str) -> bool:
    """Guidelines 8.2: whether a line is a cue of two or three words and its colon before a headline
    (``READ_ALSO_CUE_WORDS`` to ``READ_ALSO_INLINE_CUE_MAX_WORDS``; the headline may be two "sentences" without a
    closing full stop, as headlines are: "… delayed again. Council blames the contractor"): a link to another story
    set between the story's paragraphs, as "Read more: <headline>" is (``_read_more``) -- not a speaker's question in
    an interview ("Jane Roe: How did it start?"), a label over a sentence with its full stop ("Editor's note: …") nor
    a contact's address ("Press contact: Jane Roe – jane@example.com")."""
    if ":" not in text[:40] and "：" not in text[:READ_ALSO_CUE_CHARS + 1] and text[:1] != "【":
        return False  # no cue's colon, as on most lines (the tests below end in one of these three)
    if (text[-1:] == "." and _ABBREVIATED_END_RE.search(text) is not None
            and _cue_in_words(text.partition(":")[0])):
        # "Read also: … rose 9 pct.": the stop is the unit's abbreviation's, no sentence's end (after a name, "Jane
        # Roe: Theft, held in lieu of $7,000 bond.", it is a sentence's)
        f = features_of(text[:-1])
    if not (f.headline_like or _two_sentence_head(f)) or "@" in text:
        return False
    if text[:1] == "【" or "：" in text[:READ_ALSO_CUE_CHARS + 1]:
        # a script written without spaces writes the cue as a word of a few letters, in lenticular brackets or before a
        # full-width colon ("【関連】<headline>", "相关阅读：<headline>")
        cue, _, headline = text[1:].partition("】") if text[:1] == "【" else text.partition("：")
        return (0 < len(cue) <= READ_ALSO_CUE_CHARS and not cue.isspace() and " " not in cue
                and features_of(headline).n_words >= READ_ALSO_HEADLINE_MIN_WORDS
                and not headline.rstrip().endswith(("?", "？")))
    if ":" not in text[:40]:
        return False
    cue, _, headline = text.partition(":")
    # a headline asking a question after a cue in words ("Read also: Who pays for the bridge?"), not after a
    # speaker's name, whose words are all capitalised ("Jane Roe: How did it start?")
    return (READ_ALSO_CUE_WORDS <= len(cue.split()) <= READ_ALSO_INLINE_CUE_MAX_WORDS
            and len(headline.split()) >= READ_ALSO_HEADLINE_MIN_WORDS
            and not (headline.rstrip().endswith("?") and not _cue_in_words(cue)))


def _cued_between_paragraphs(features: Sequence[BlockFeatures], index: int) -> bool:
    """Whether the line ``index`` stands between the story's paragraphs, as a read-also link does (guidelines 8.2):
    a paragraph over it -- prose, or a short one closed by its full stop ("'We will not be decor,' he added.") --
    and prose under it or under the one line right under it (a live entry's time over the entry's text)."""
    above = features[index - 1]
    return ((above.text_like or above.ends_like_sentence)
            and (features[index + 1].text_like or (index + 2 < len(features) and features[index + 2].text_like)))


def _cue_in_words(cue: str) -> bool:
    """Whether the words before a line's colon are a cue ("Read also", "Czytaj także") rather than a speaker's or
    person's name ("Jane Roe"): one of them in lower case."""
    return any(word[:1].islower() for word in cue.split())


# The platforms a site asks its reader to follow it on or share the story to, by their names, which no language
# translates (not those named by a word of their own: "X", "Threads", "Line"): a short line ending in "on" one, a
# word of three letters at most before the name ("Follow us on Google News", "Partager sur Facebook", "Trimite pe
# WhatsApp", "… στο Google News"), is the site's tool (guidelines 8.3), however it reads; "Regulator fines
# Facebook" is a headline.
_PLATFORM_END_RE = re.compile(r"(?:^|\s)[^\W\d_]{1,3}\s+(?:google news|facebook|instagram|whatsapp|telegram|youtube"
                              r"|tiktok|linkedin|bluesky|mastodon|viber|twitter)\W*$", re.IGNORECASE)
PLATFORM_PROMPT_MAX_WORDS = 10
# The last letters of the platforms' names, and the letters the case-insensitive pattern matches to them (the long
# s, the Kelvin sign): a line ending in another word character ends in no platform's name.
_PLATFORM_LAST_LETTERS = frozenset("sSkKmMpPeEnNyYrR\u017f\u212a")


def _platform_prompt(f: BlockFeatures, text: str) -> bool:
    """Whether a line is a follow or share prompt ending in a platform's name (``_PLATFORM_END_RE``): at most
    ``PLATFORM_PROMPT_MAX_WORDS`` words, no full stop (a sentence naming one is the story's, or a caption's)."""
    last = text[-1:]
    # most short lines end in a word character no name ends in: answered without the regex (a line ending in a
    # mark or a space goes to it: "\W*" there)
    return (1 < f.n_words <= PLATFORM_PROMPT_MAX_WORDS and not f.ends_with_full_stop
            and (last in _PLATFORM_LAST_LETTERS or not (last.isalnum() or last == "_"))
            and _PLATFORM_END_RE.search(text[-40:]) is not None)


# A picture's copyright printed as a line of its own, in any language: the sign and the photographer or agency, no
# year ("© Jane Roe / The Daily Example", "© AFP"); the site's own copyright line has its year or its rights.
PICTURE_COPYRIGHT_MAX_WORDS = 8


def _photo_credit(text: str) -> bool:
    """Whether ``text`` is a photo credit printed as a line of its own (``_PHOTO_CREDIT_RE``, or a picture's copyright
    without a year)."""
    if text[:1] == "©":
        return (len(text.split()) <= PICTURE_COPYRIGHT_MAX_WORDS and not any(map(str.isdigit, text))
                and _RIGHTS_RESERVED_RE.search(text) is None)
    return text[:1] in _PHOTO_CREDIT_INITIALS and _PHOTO_CREDIT_RE.match(text) is not None

# The story's credit line (guidelines, section 6: article): reporting credits printed after the body, and
# the syndication line ("This post originally appeared on Grist.") printed after it or above it.
_CLOSING_CREDIT_RE = re.compile(
    r"^(?:\(?(?:additional |further )?(?:reporting|writing|editing|research)(?: by\b|:)"
    # the writers named with their agency: "Associated Press writers Mary Clare Jalonick and Stephen Groves
    # contributed to this report."
    r"|\(?[\w .,'’-]{2,100} contributed (?:reporting )?to this (?:report|story|article)"
    r"|\(?[\w .,'’-]{2,60} contributed reporting(?: from [\w .,'’-]{2,40})?\.?\)?$"
    r"|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} reported (?:from|in) [\w .,'’-]{2,40}\.(?: [^.]{2,120}\.)?$"
    r"|[(—–-]*\s*with (?:[\w.'’]+ ){0,2}wires?\b"
    # the Canadian papers' share of others' reporting: "— With files from Jane Roe", "(With files from The Canadian
    # Press)"
    r"|[(—–-]*\s*with files from\b"
    # the agencies' share of the story: "(With inputs from agencies)", "With agency inputs", "Avec agences"
    r"|\(?with (?:inputs? from )?(?:agencies|agency inputs|the agencies)\b"
    # an agency's share by its initials, the story's last line: "with AAP", "(With AFP and DPA)"
    r"|\(?with (?-i:[A-Z]{2,5})(?:,? (?:and )?(?-i:[A-Z]{2,5}))*\)?$"
    # the sources of a story written from the wires: "Source: Al Jazeera and news agencies"
    r"|\(?sources?:\s*[\w .,'’&-]{2,60}\b(?:news )?agenc(?:y|ies)\)?\.?$"
    # a reporter's share after a dash: "—Jane Roe with a report from John Doe"
    r"|[—–-]\s*[\w .'’-]{2,60} with (?:a )?reports? from [\w .'’-]{2,60}$"
    # the writer signing off, after a dash (a live blog's entry: "— Jane Roe") or in brackets with the date
    # ("(Jane Roe, 27.11.2026)"), the name's words capitalised
    r"|(?-i:[—–]\s*[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}$)"
    r"|(?-i:\((?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w.'’-]+,\s*\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\)$)"
    # an obituary's closing line of the life's dates: "Jane Roe, singer, born 4 March 1942; died 14 November 2026"
    r"|(?-i:[A-Z][^;]{2,160}\bborn (?:\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+\.? \d{1,2},) \d{4}; died "
    r"(?:\d{1,2} [A-Z][a-z]+|[A-Z][a-z]+\.? \d{1,2},) \d{4}$)"
    r"|\(?this (?:post|article|story|piece) (?:was )?(?:originally |first )?(?:appeared|published|ran) (?:on|in)\b"
    # the same in German, French and Spanish: "Mit Informationen von …", "Avec AFP", "Avec agences", "Con información
    # de …", "Con agencias"
    r"|\(?mit (?:informationen|material) (?:von|der|des)\b|\(?avec (?:l'|l’)?(?:afp|reuters|ap|agences)\b"
    r"|\(?con información de\b|\(?con agencias\b|\(?mit agenturen\b"
    # a contributor in German: "Mitarbeit: Jane Roe"
    r"|mitarbeit:\s*\S)",
    re.IGNORECASE,
)
# An article island -- article blocks of the run cut off from the rest by blocks that are not -- with
# fewer words than this is a promo or widget the run swept in, not the story.
MIN_ISLAND_WORDS = 25
# The headline is looked for this many blocks above the body (bylines, share bars and dates between).
HEADLINE_REACH = 8
# What a byline or date right next to a headline-shaped line adds to its value as the headline: ten blocks of
# distance (0.15 a block), so within HEADLINE_REACH it wins over a video's or photo's title nearer the body.
DATED_HEADLINE_GAIN = 1.5

# Weights of the content score; chosen on synthetic pages and the seed, checked on the eval set.
LIST_HEADING_COST = 15.0
COMMENTS_COST = 40.0
TEMPLATE_COST = 12.0
# Timestamped lists: at least this many timestamps, each within this many blocks of the previous.
LIST_MIN_ITEMS = 3
LIST_PERIOD = 5
LIST_PROSE_MAX_WORDS = 80
# A headline of a list of other stories' headlines (``_headline_lists``) has at most this many words.
HEADLINE_ITEM_MAX_WORDS = 30


class BlockEvidence(NamedTuple):
    """What a path knows about one block beyond its text: a content prior (positive for the main
    story), a cost that forbids crossing the block, and hints for headline and teaser. A named tuple, as
    ``BlockLabel``: one per block of every page, made at once."""

    prior: float = 0.0
    headline: float = 0.0
    template: bool = False
    dom: tuple[float, ...] = ()  # the HTML path's raw DOM features, for the learned model
    heading: bool = False  # the HTML path: a heading element (h1-h6) of the page, not inside a link
    linked: bool = False  # the HTML path: most of the block's element is link text


class BlockLabel(NamedTuple):
    label: str
    score: float
    item: int | None = None  # teaser item number: consecutive blocks of one item share it


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


def content_score(features: BlockFeatures, text: str, evidence: BlockEvidence) -> float:
    """Positive for blocks of the main story, negative for furniture; roughly in words."""
    words = features.n_words
    comments, ad, commenter, _ = line_marks(text)
    if comments:
        score = -COMMENTS_COST
    elif ad:
        score = -2.0
    elif features.is_list_heading:
        score = -LIST_HEADING_COST
    elif commenter:
        score = -10.0
    elif features.text_like:
        score = float(min(words, 120))
        if features.is_furniture:
            score = -3.0 - 0.3 * words if words < 25 else score * 0.3
        elif features.truncated:
            score *= 0.3
    elif features.is_timestamp or features.is_byline:
        score = -1.5
    elif features.is_furniture:
        score = -4.0 - 0.3 * words
    else:
        score = -(2.0 + 0.4 * min(words, 15))
    if evidence.template:
        score = min(score, 0.0) - TEMPLATE_COST
    return score + evidence.prior


def _best_run(scores: Sequence[float]) -> tuple[int, int, float]:
    """The contiguous run ``[start, end)`` with the largest sum (Kadane); empty when all are negative."""
    best = (0, 0, 0.0)
    run_start, total = 0, 0.0
    for index, score in enumerate(scores):
        if total <= 0:
            run_start, total = index, 0.0
        total += score
        if total > best[2]:
            best = (run_start, index + 1, total)
    return best


def _title_similarity(a: str, b: str) -> float:
    left = {w.lower() for w in WORD_RE.findall(a)}
    right = {w.lower() for w in WORD_RE.findall(b)}
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))


# Other runs than the best one stay candidates for the story when their total reaches this share of the
# best (and MIN_RUN_TOTAL): a long promo or comment run can outscore a short article; the learned model
# then chooses between them (``choose_run``). At most MAX_CANDIDATE_RUNS are judged.
MIN_RUN_TOTAL = 20.0
CANDIDATE_RUN_SHARE = 0.25
MAX_CANDIDATE_RUNS = 3


def candidate_runs(scores: Sequence[float]) -> list[tuple[int, int, float]]:
    """The best run, then the best runs of what lies left and right of it (recursively), best first:
    those with a total of at least ``CANDIDATE_RUN_SHARE`` of the best."""
    best = _best_run(scores)
    if best[1] <= best[0]:
        return [best]
    found = [best]
    pending = [(0, best[0]), (best[1], len(scores))]
    while pending:
        low, high = pending.pop()
        if high <= low:
            continue
        start, end, total = _best_run(scores[low:high])
        if end > start and total >= max(MIN_RUN_TOTAL, CANDIDATE_RUN_SHARE * best[2]):
            found.append((low + start, low + end, total))
            pending += [(low, low + start), (low + end, high)]
    found.sort(key=lambda run: (-run[2], run[0]))
    return found[:MAX_CANDIDATE_RUNS]


def run_value(words: Sequence[int], logits) -> float:
    """How much story a run holds by the learned model: each block's words, counted for when the model
    says article and against when it says not."""
    return float(sum(n * (2.0 / (1.0 + math.exp(-max(-30.0, min(30.0, float(l))))) - 1.0)
                     for n, l in zip(words, logits, strict=True)))


@dataclass(frozen=True, slots=True)
class RulePass:
    """The rule-based reading of a page: shape features, content scores and their best run."""

    features: list[BlockFeatures]
    scores: list[float]
    run: tuple[int, int, float]
    list_zone: set[int]
    comment_zone: set[int]
    headline_lists: set[int]
    gallery: set[int]

    def flags(self, blocks: Sequence[Block], evidence: Sequence[BlockEvidence], reach: range | None = None) -> dict:
        """What the learned model reads from this pass (see ``learned.feature_matrix``); the regex flags
        only for the blocks in ``reach`` (default: all), False elsewhere."""
        reach = range(len(blocks)) if reach is None else reach
        marks = [(False,) * 4] * len(blocks)
        part = slice(reach.start, reach.stop, reach.step)  # (one mapped call over the reach, no loop in Python)
        marks[part] = list(map(line_marks, map(_TEXT, blocks[part])))
        comments, ads, commenters, credits = map(list, zip(*marks, strict=True)) if marks else ([],) * 4
        return {
            "scores": self.scores, "run": self.run[:2], "list_zone": self.list_zone, "comment_zone": self.comment_zone,
            "comments": comments, "ads": ads, "commenters": commenters,
            "credits": credits, "template": [e.template for e in evidence],
        }


def rule_pass(blocks: Sequence[Block], evidence: Sequence[BlockEvidence]) -> RulePass:
    features = list(map(features_of, map(_TEXT, blocks)))  # (mapped, no loop in Python: every line of every page)
    scores = [content_score(f, b.text, e) for f, b, e in zip(features, blocks, evidence, strict=True)]
    headline_lists = _headline_lists(blocks, features)
    list_zone = _list_zone(features, blocks) | headline_lists
    for index in list_zone:
        if scores[index] > 0 and features[index].n_words <= LIST_PROSE_MAX_WORDS:
            scores[index] = -0.3 * scores[index]
    comment_zone = set(_comment_zone(blocks, features))
    for index in comment_zone:
        if scores[index] > 0:
            scores[index] = -0.3 * scores[index]
    gallery = _gallery(blocks, features)
    for index in gallery:
        # a gallery inside the story costs and earns nothing: the story's paragraphs under it are in its run
        scores[index] = 0.0
    return RulePass(features, scores, _best_run(scores), list_zone, comment_zone, headline_lists, gallery)


# A gallery's slide counter: "3 / 8", the slide's number and the gallery's count (no words: any language), or in
# words, a short one between the numbers and one before them or none ("Image 3 of 8", "Imaginea 3 din 8", "Bild 3 von
# 8", "3 из 8"): the counters' numbers, one after the other over one count, tell them in any language.
_SLIDE_COUNTER_RE = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})$")
_WORDED_SLIDE_COUNTER_RE = re.compile(r"^(?:[^\W\d_]+\s+)?(\d{1,3})\s+[^\W\d_]{1,4}\s+(\d{1,3})$")
WORDED_SLIDE_COUNTER_MAX_WORDS = 4
# A gallery printed in full shows at least this many counters, one per slide, and at most this many lines (the
# photo's caption and credit) between two.
GALLERY_MIN_SLIDES = 2
SLIDE_MAX_LINES = 3


def _gallery(blocks: Sequence[Block], features: Sequence[BlockFeatures]) -> set[int]:
    """Guidelines 8.4 and 8.5: the lines of a gallery printed slide by slide -- each slide's counter ("2 / 6", "Image 2
    of 6", in any language: ``_WORDED_SLIDE_COUNTER_RE``) and its caption and credit under it, up to the next counter
    (the last slide's as many lines as the slide above it had): ``GALLERY_MIN_SLIDES`` or more counters of one count,
    numbered one after the other, at most ``SLIDE_MAX_LINES`` lines apart."""
    # (index, number, count); a comprehension, the lines' words read first: it reads every line of every page
    counters = [(index, int(found[1]), int(found[2])) for index, f in enumerate(features)
                if f.n_words <= WORDED_SLIDE_COUNTER_MAX_WORDS and blocks[index].text[-1:].isdigit()
                and (found := _SLIDE_COUNTER_RE.match(blocks[index].text)
                     or _WORDED_SLIDE_COUNTER_RE.match(blocks[index].text))]
    if len(counters) < GALLERY_MIN_SLIDES:
        return set()  # most pages: no gallery
    lines: set[int] = set()
    run: list[tuple[int, int, int]] = []
    for counter in [*counters, None]:
        if counter is not None and run and (counter[2] == run[-1][2] and counter[1] == run[-1][1] + 1
                                            and counter[0] - run[-1][0] <= SLIDE_MAX_LINES + 1):
            run.append(counter)
            continue
        if len(run) >= GALLERY_MIN_SLIDES:
            last = run[-1][0] + run[-1][0] - run[-2][0]
            lines.update(range(run[0][0], min(len(blocks), last)))
        run = [] if counter is None or not 1 <= counter[1] <= counter[2] else [counter]
    return lines


# The story's top lines -- standfirst, byline, date -- are the run's first this many: a byline among them is the
# story's (guidelines 8.1) whatever the model reads (the benchmark's article bodies leave bylines out).
TOP_LINES = 3
# Inside the run, a block the learned model gives log-odds of article below this is not article: the
# rules find where the story is (high recall), the model removes what does not belong to it (captions,
# promos, bios, teaser headlines inside the run). Chosen by leave-site-out cross-validation.
VETO_LOGIT = -1.5


def classify_blocks(
    blocks: Sequence[Block],
    evidence: Sequence[BlockEvidence] | None = None,
    title: str | None = None,
    logits=None,
    rules: RulePass | None = None,
    live: bool = False,
    front: bool = False,
    groups: frozenset[int] = frozenset(),
) -> list[BlockLabel]:
    """One label (and confidence) per block. ``logits``: the learned model's article log-odds per block,
    which can take blocks of the run out of the article (``VETO_LOGIT``). ``live``: the page says it is a live
    blog (the HTML path: its schema.org type), so its entries' times and headings are the story's even where the
    model took every one of them out of the run. ``front``: the page says it is a section front, tag, search or
    show page, which has no main story (guidelines 8.5): no run is taken for one. ``groups``: the blocks that open
    a group of lines, where a plain text parts them by blank lines (``blocks.group_starts``)."""
    if evidence is None:
        evidence = [BlockEvidence()] * len(blocks)
    rules = rules or rule_pass(blocks, evidence)
    features, scores = rules.features, rules.scores
    labels: list[BlockLabel | None] = [None] * len(blocks)
    start, end, total = rules.run
    appended = range(0)
    profile = _profile_bio(blocks, features, start, end)
    if (end > start and total >= MIN_RUN_TOTAL and not front and not _lead_item(blocks, features, rules, start, end)
            and not _summary_list(blocks, features, start, end) and not profile):
        # the cue is two words ("Next article"): the word count spares the regex nearly every line
        cue = next((i for i in range(start + 1, min(len(blocks) - 1, end + 1))
                    if features[i].n_words == 2 and _NEXT_STORY_RE.match(blocks[i].text)), None)
        if cue is not None:
            # guidelines 8.2: a second full story appended below the main one (in the run or right after
            # it) is one teaser, from its headline to its last paragraph
            last = _appended_story_end(blocks, features, cue, through=end)
            if last is not None:
                appended, end = range(cue + 1, last), cue
        link_run = _headline_runs(features, evidence, start, end)
        standfirst = _standfirst_under_page_headline(blocks, features, evidence, title, start, end)
        after_list_heading = False
        story_begun = False  # a paragraph of the story lies above
        vetoed: list[int] = []  # blocks the learned model took out of the run
        item_head = -1  # the headline of the list's item right above, while its lines go on
        headline_lists, gallery = rules.headline_lists, rules.gallery  # read for every line of the run
        for index in range(start, end):
            f, text = features[index], blocks[index].text
            # a list of links inside the story: its heading and the headlines under it, each an item with the
            # author and time under it (guidelines 8.2: one teaser per promoted item, a headline alone too)
            item_line = item_head >= 0 and not f.text_like and (f.is_byline or f.is_timestamp
                                                                 or _author_name(f, text))
            list_item = (not item_line and after_list_heading and not f.text_like
                         and (f.headline_like or f.truncated))
            after_list_heading = (f.is_list_heading or list_item or item_line) and not f.text_like
            item_head = index if list_item else item_head if item_line else -1
            junk = (
                index in link_run
                or index in headline_lists
                or list_item
                or f.is_list_heading
                or scores[index] <= -LIST_HEADING_COST
                or evidence[index].template
                or line_marks(text)[1]
                or (f.is_furniture and not f.text_like)
                or (f.n_words <= CAPTION_MAX_WORDS and is_caption_credit(text))
                or (f.n_words <= 6 and READ_TIME_RE.search(text) is not None)
                or (f.n_words <= TOOL_LINE_MAX_WORDS and _tool_line(f, text))
                or (f.n_words <= CREDIT_MAX_WORDS and _photo_credit(text))
                or index in gallery
                or (f.n_words <= PLATFORM_PROMPT_MAX_WORDS and _platform_prompt(f, text))
            )
            if f.n_words <= INLINE_TEASER_MAX_WORDS and index not in gallery and (
                    _read_more(text)
                    or (story_begun and 0 < index < len(blocks) - 1 and _cued_between_paragraphs(features, index)
                        and _cued_headline(f, text))
                    or (evidence[index].linked and not evidence[index].heading and _teaser_head(f)
                        and not f.ends_like_sentence and not _shop_link(text))
                    or (story_begun and _capitals_headline(f, text))
                    or (story_begun and list_item and f.headline_like)):
                # guidelines 8.2: "Read more: <headline>" inside the story is a teaser item of its own, and
                # so is a headline the page prints as a link between the paragraphs, without the cue, and each
                # headline under a list heading there ("Also read", "Lire aussi"), the heading the page's (a gallery's
                # caption printed as a link opens the photo, no other story)
                labels[index] = BlockLabel(TEASER, 0.7, item=-1 - index)
            elif item_head >= 0:
                labels[index] = BlockLabel(TEASER, 0.65, item=-1 - item_head)
            elif (logits is not None and not junk and logits[index] < VETO_LOGIT
                  and not (story_begun and _CLOSING_CREDIT_RE.match(text))
                  and not (index - start < TOP_LINES and (
                      f.is_byline or (f.is_timestamp and standfirst is not None)
                      or (_byline_at(blocks, features, index) and not _job_title(f, text))))
                  and index != standfirst):
                # the story's credit line after its paragraphs is the story's (guidelines 6), whatever the
                # model reads in "contributed reporting", and so are its byline among its top lines -- "By …" or
                # the writer's name over the story's date (``_byline_at``), which the model reads as a comment's
                # header; not the writer's title ("Health Editor"), left to the rules after this loop -- and its
                # standfirst (guidelines 8.1)
                labels[index] = BlockLabel(BOILERPLATE, round(1.0 - _sigmoid(float(logits[index])), 3))
                vetoed.append(index)
            elif junk:
                labels[index] = BlockLabel(BOILERPLATE, round(_sigmoid(1.0 - scores[index] / 4), 3))
            else:
                labels[index] = BlockLabel(ARTICLE, round(_sigmoid(1.0 + scores[index] / 8), 3))
            story_begun = story_begun or (f.text_like and labels[index].label == ARTICLE)
        # a live blog's entries whose times the model took out are entries still, and so are those of a page that
        # declares itself one or shows entry heads: their lines are the story's before the island rule reads the run
        # (an entry's short text between two times is no island)
        declared_or_vetoed = live or _vetoed_entry_heads(features, labels, vetoed, end)
        live = declared_or_vetoed or _has_entry_heads(features, labels, start, end)
        if live:
            for index in _entry_lines(blocks, features, vetoed):
                labels[index] = BlockLabel(ARTICLE, 0.6)
        # the story's date over one short line of its head ("Comments (12)") reads as one entry's time and heading; a
        # live blog shows several (the widgets under the head are read only on a page that is none)
        head_tools = not (declared_or_vetoed
                          or (live and _entry_head_count(features, labels, start, end) >= LIVE_MIN_ENTRY_HEADS))
        _drop_islands(blocks, features, labels, scores, start, end, standfirst)
        _trim_notices(blocks, features, evidence, labels, scores, start, end)
        _promo_boxes(blocks, features, labels, scores, start, end)
        # (a live blog's entries -- a writer's name closing one, the next one's time and heading -- take the shape too)
        for cue, items in [] if live else _read_also_boxes(blocks, features, labels, start, end):
            labels[cue] = BlockLabel(BOILERPLATE, 0.7)
            for item in items:
                for index in item:
                    labels[index] = BlockLabel(TEASER, 0.7, item=-1 - item.start)
        for index in _closing_credit(blocks, features, labels, end):
            labels[index] = BlockLabel(ARTICLE, 0.7)
        for index in _writers_bio(blocks, features, labels, start, end):
            labels[index] = BlockLabel(BOILERPLATE, 0.6)
        for index in _closing_list(blocks, features, evidence, labels, end):
            labels[index] = BlockLabel(ARTICLE, 0.6)
        for index in _inner_lists(blocks, features, evidence, labels, start, end):
            labels[index] = BlockLabel(ARTICLE, 0.6)
        for index in _closing_facts(blocks, features, evidence, labels, end):
            labels[index] = BlockLabel(ARTICLE, 0.6)
        for index in _inner_facts(blocks, features, evidence, labels, start, end):
            labels[index] = BlockLabel(ARTICLE, 0.6)
        for index in _closing_contact(blocks, features, evidence, labels, end):
            labels[index] = BlockLabel(ARTICLE, 0.6)
        for index in _sign_off(blocks, features, evidence, labels):
            labels[index] = BlockLabel(ARTICLE, 0.6)
        for index in _pull_quotes(blocks, features, labels, start, end):
            labels[index] = BlockLabel(BOILERPLATE, 0.7)
        for index in _captions_over_credits(blocks, features, labels, start, end):
            labels[index] = BlockLabel(BOILERPLATE, 0.6)
        _paragraphs_after_inline_teasers(blocks, features, labels, scores, end, live)
        jumps, named = _jump_links(blocks, features, labels, start)
        for index in jumps:
            labels[index] = BlockLabel(BOILERPLATE, 0.7)
        for index in _box_head(features, labels, jumps):
            labels[index] = BlockLabel(BOILERPLATE, 0.7)
        for index in named:
            # the time above an entry the box names is the story's (guidelines 8.5), whatever the model reads
            # in a bare time
            if index > start and labels[index - 1].label == BOILERPLATE and _entry_head(features, index - 1):
                labels[index - 1] = BlockLabel(ARTICLE, 0.6)
        body_start = start
        while (body_start < end - 1 and labels[body_start].label == BOILERPLATE
               and is_caption_credit(blocks[body_start].text)):
            body_start += 1  # a photo's caption opening the run is no headline of the story: its head is above it
        for index in _entry_head_above(features, labels, start, live or bool(jumps)):
            labels[index] = BlockLabel(ARTICLE, 0.6)
            body_start = min(body_start, index)
        for index in _headline_and_byline(blocks, features, evidence, scores, body_start, title, jumps):
            labels[index] = BlockLabel(ARTICLE, 0.7)
        if head_tools:
            for index in _tools_under_head(blocks, features, labels):
                labels[index] = BlockLabel(BOILERPLATE, 0.6)
        for index in _labels_over_headline(blocks, features, labels, start, end):
            labels[index] = BlockLabel(BOILERPLATE, 0.6)
        for index in appended:
            labels[index] = BlockLabel(TEASER, 0.6, item=-1 - appended.start)
        boxed_stories_as_teasers(features, labels, start, end)

    for index in _comment_thread(blocks, features, labels, rules.comment_zone):
        labels[index] = BlockLabel(BOILERPLATE, 0.7)
    for index in rules.gallery:
        if labels[index] is None:
            labels[index] = BlockLabel(BOILERPLATE, 0.7)  # a gallery's counters and captions, also outside the run
    for index, block in enumerate(blocks):
        if labels[index] is not None:
            continue  # (the run's lines: read once, not by each test)
        if "|" in block.text and (
                _TICKER_RE.match(block.text) is not None
                or (features[index].digit_share == 0 and _breadcrumbs(block.text))):
            # a ticker, and a row of three or more links of a few words ("About us | Advertise | Privacy", a story's
            # topics "High Court | Bail | Hyderabad"): many links on a line promote no one story (guidelines 8.2);
            # a row with a number is an item's own line ("World | 2 hours ago | 4 min read")
            labels[index] = BlockLabel(BOILERPLATE, 0.7)
        elif 1 < features[index].n_words <= PLATFORM_PROMPT_MAX_WORDS and _platform_prompt(features[index], block.text):
            labels[index] = BlockLabel(BOILERPLATE, 0.7)  # a follow or share prompt promotes no story (8.2, 8.3)
        elif features[index].digit_share > 0 and _page_numbers(block.text):
            # a list's row of page numbers is the page's (guidelines 8.3), no headline of an item nor a neighbour
            # making one
            labels[index] = BlockLabel(BOILERPLATE, 0.6)
    for index in profile:
        if labels[index] is None:
            labels[index] = BlockLabel(BOILERPLATE, 0.7)  # the writer's profile: no item's headline and summary
    kept = _short_story(features, labels)
    if kept:
        # no story's body nor head: read the page as a front, the lines the run kept as the rest of a front's (its
        # head, its rows of links, its items); where that finds no list, the short story stays (a page of its own)
        story_labels = list(labels)
        for index in kept:
            labels[index] = None
        _assign_teasers(blocks, features, labels, title, groups)
        if len({label.item for label in labels if label is not None and label.label == TEASER}) < LIST_MIN_ITEMS:
            labels[:] = story_labels
            _assign_teasers(blocks, features, labels, title, groups)
    else:
        _assign_teasers(blocks, features, labels, title, groups)
    for index in _named_comments(blocks, features, labels, groups):
        labels[index] = BlockLabel(BOILERPLATE, 0.7)
    for index in _mast_items(features, labels):
        labels[index] = BlockLabel(BOILERPLATE, 0.6)
    return [label or BlockLabel(BOILERPLATE, round(_sigmoid(1.0 - scores[i] / 4), 3))
            for i, label in enumerate(labels)]


# A story's body holds at least this many lines, or this many of them prose (``_short_story``).
STORY_MIN_LINES = 5
STORY_MIN_PROSE_LINES = 3
# A story's date or byline stands at most this many lines above its first kept line (a share row between them).
STORY_HEAD_LINES = 8


def _short_story(features: Sequence[BlockFeatures], labels: list) -> list[int]:
    """Guidelines 8.5: a front has no main story. The article lines the passes over the run kept, where they are
    fewer than ``STORY_MIN_LINES`` and fewer than ``STORY_MIN_PROSE_LINES`` of them prose, with no time or byline
    among them nor in the ``STORY_HEAD_LINES`` lines above them -- less than a story's body and no story's head
    (guidelines 8.1): a front's head or box the run took (the section's name and description, a writer's bio, a
    newsletter's prompt); empty where the kept lines read as a story (a paywalled story's lead under its date) or
    fewer lines than a list's ``LIST_MIN_ITEMS`` items are left unlabelled."""
    kept = []
    prose = unread = 0
    for index, label in enumerate(labels):
        if label is None:
            unread += 1
        elif label.label == ARTICLE:
            kept.append(index)
            prose += features[index].text_like
            if len(kept) >= STORY_MIN_LINES or prose >= STORY_MIN_PROSE_LINES:
                return []
    if unread < LIST_MIN_ITEMS:
        return []  # too few lines left for a front's list
    if kept and any(features[index].is_timestamp or features[index].is_byline
                    for index in range(max(kept[0] - STORY_HEAD_LINES, 0), kept[-1] + 1)):
        return []
    return kept


def _labels_over_headline(blocks, features, labels: list, start: int, end: int) -> list[int]:
    """Guidelines 8.1: a section or category label above the story's headline is the site's, even right next to it.
    Above the story's first paragraph, a line in capitals of at most ``KICKER_MAX_WORDS`` words (no byline or date)
    right over a longer line shaped as a headline is that label ("COURTS", "HEARING ROOM"), whatever its words and
    whatever the passes made of it: the cased scripts print a section's label so, a headline in sentence case."""
    found = []
    for index in range(max(0, start - HEADLINE_REACH), min(end, len(blocks) - 1)):
        f = features[index]
        label = labels[index]
        if f.text_like and label is not None and label.label == ARTICLE:
            break  # the story's first paragraph: what stands under it is no head's
        # the cheap exact tests first: most lines have more words or a lower-case letter
        if (f.n_words > KICKER_MAX_WORDS or label is None or label.label != ARTICLE or f.is_byline or f.is_timestamp
                or not blocks[index].text.isupper()):
            continue
        headline = _headline_features(blocks[index + 1].text, features[index + 1])
        if (headline.headline_like and headline.n_words > KICKER_MAX_WORDS and not headline.is_byline
                and not blocks[index + 1].text.isupper()):
            found.append(index)
    return found


# A story's head line ends in the site's tools in at most this many words ("| 4 min. citire", "Lesezeit: 4 Min."), and
# has at most HEAD_LINE_MAX_WORDS words in all (a byline with the writer's title, the dates, the tools).
TOOL_TAIL_MAX_WORDS = 4
HEAD_LINE_MAX_WORDS = 16
# What parts a head line's pieces ("By Jane Doe | Share", "22:41 · 3 min read").
_TAIL_SEPARATORS = "|·•"
_TOKEN_RE = re.compile(r"\S+")  # a run of non-space characters: a word with its marks, or a bar


def tool_tails(blocks, features, labels: list) -> dict[int, int]:
    """Guidelines 5 and 8.1: a line that mixes zones is split inside the line. The story's byline or date line that
    ends in the site's tools -- a reading time (``READ_TIME_RE``, ``_tool_line``: "Lesezeit: 4 Min.", "| 4 min.
    citire") or, after a bar or a dot, a tool word ("| Share") -- is the story's up to them and the site's from them
    (the bar included: "By Jane Doe" and "| Share | Tweet"). So is a line the rules gave the site whole, right under
    a line of the story, when what stands before its tools is the story's date or byline ("Updated 18 Nov 2026, 7:42
    | 6 min read"): the tools made it read as the site's. By block index of the lines that are split, where in its
    text the site's part starts."""
    found = {}
    for index, label in enumerate(labels):
        f = features[index]
        # the cheap exact tests first: a head line is short, no prose, and holds a separator or a number
        if f.text_like or f.n_words > HEAD_LINE_MAX_WORDS or label.label == TEASER:
            continue
        if label.label == BOILERPLATE and not (index > 0 and labels[index - 1].label == ARTICLE):
            continue
        text = blocks[index].text
        # a tool after a bar or a dot, or a reading time ("min" and "мин" hold "in" or "ин" in any case) with its number
        if not (any(mark in text for mark in _TAIL_SEPARATORS) or (f.digit_share > 0 and (
                "in" in text or "IN" in text or "ин" in text or "ИН" in text))):
            continue
        offset = _tool_tail(text)
        if offset is None:
            continue
        if label.label == BOILERPLATE:
            head = features_of(text[:offset].rstrip())
            if not (head.is_timestamp or head.is_byline):
                continue
        found[index] = offset
    return found


def _tool_tail(text: str) -> int | None:
    """Where the site's tools at the end of a head line start (``tool_tails``), None when it ends in none."""
    words = list(_TOKEN_RE.finditer(text))
    for k in range(max(1, len(words) - TOOL_TAIL_MAX_WORDS), len(words) - 1):
        # the tail from word k on, read without the bar or dot that opens it; with no mark before it, only a reading
        # time in words the patterns know ("… sessão por 15 minutos", "há 4 minutos" end a heading and a time ago)
        if words[k].group() in _TAIL_SEPARATORS:
            tail = text[words[k + 1].start():]
            g = features_of(tail)
            tools = (READ_TIME_RE.match(tail) is not None or _tool_line(g, tail)
                     or (g.is_furniture and g.n_words <= 2))
        else:
            tools = READ_TIME_RE.match(text[words[k].start():]) is not None
        if tools:
            head = text[:words[k].start()].rstrip(" " + _TAIL_SEPARATORS)
            return words[k].start() if any(char.isalnum() for char in head) else None
    return None


def _mast_items(features: Sequence[BlockFeatures], labels: list) -> list[int]:
    """Guidelines 8.1 and 8.3: above a story's headline, a teaser item standing alone -- no item right above or under
    it, no time or summary in it -- among the site's lines is the site's mast (its name, "Skip to main content", a
    support prompt), not a promoted story: promoted stories above a headline come as a strip of items."""
    first_article = next((i for i, label in enumerate(labels) if label is not None and label.label == ARTICLE), None)
    if first_article is None:
        return []
    found: list[int] = []
    index = 0
    while index < first_article:
        label = labels[index]
        if label is None or label.label != TEASER:
            index += 1
            continue
        last = index
        while last + 1 < first_article and labels[last + 1] is not None and labels[last + 1].label == TEASER \
                and labels[last + 1].item == label.item:
            last += 1
        alone = not (index > 0 and labels[index - 1] is not None and labels[index - 1].label == TEASER) and not (
            labels[last + 1] is not None and labels[last + 1].label == TEASER)
        if alone and not any(features[i].is_timestamp or features[i].text_like for i in range(index, last + 1)):
            found += range(index, last + 1)
        index = last + 1
    return found


def boxed_stories_as_teasers(features: Sequence[BlockFeatures], labels: list, start: int, end: int) -> None:
    """Relabel each story boxed inside the run's story (``_boxed_stories``) as one teaser -- not in a live blog,
    whose entries have their own headings and bylines (guidelines 8.5). The HTML path calls it again once the
    markup has made the captions boilerplate: the lines that part a box from the story."""
    stories = _boxed_stories(features, labels, start, end)
    if stories and not _has_entry_heads(features, labels, start, end):
        for story in stories:
            for index in story:
                labels[index] = BlockLabel(TEASER, 0.6, item=-1 - story.start)


def _boxed_stories(features: Sequence[BlockFeatures], labels: list, start: int, end: int) -> list[range]:
    """Guidelines 8.2: another full story printed in a box inside the main one promotes that story: one teaser
    from its headline to its last paragraph. It stands between two parts of the story, parted from each by a
    line that is not the story's (a photo's caption above, an ad label under it); its headline has its byline
    right under it and at least ``APPENDED_STORY_MIN_PARAGRAPHS`` paragraphs under that; and the story holds
    more words around it than it does (a main story's own headline and byline under a first paragraph the run
    swept in are no box)."""
    found: list[range] = []
    words_before, counted = 0, start  # the story's words in [start, counted), boxes left out
    # the bylines first (a list over the run): most runs have none under their first lines
    for byline in [i for i in range(start + 2, end - 1) if features[i].is_byline]:
        index = byline - 1
        f = features[index]
        if index < counted or not _teaser_head(f) or f.text_like or labels[index - 1].label == ARTICLE:
            continue
        words_before += sum(features[i].n_words for i in range(counted, index)
                            if labels[i].label == ARTICLE and features[i].text_like)
        counted = index
        last = byline + 1
        while last < end and features[last].text_like and labels[last].label == ARTICLE:
            last += 1
        boxed = sum(features[i].n_words for i in range(byline + 1, last))
        after = sum(features[i].n_words for i in range(last, end)
                    if labels[i].label == ARTICLE and features[i].text_like)
        if (last - byline - 1 >= APPENDED_STORY_MIN_PARAGRAPHS and last < end and labels[last].label != ARTICLE
                and words_before and after and words_before + after > boxed):
            found.append(range(index, last))
            counted = last
    return found


def _appended_story_line(f: BlockFeatures, text: str, prose: bool) -> bool:
    """A line of a story appended below the main one: its paragraphs, above the first its headline, byline and
    time, and under them its closing credit ("Reporting by …", guidelines 6)."""
    if f.is_furniture or f.is_list_heading or is_notice(text):
        return False
    return f.text_like or (not prose and (f.headline_like or f.is_byline or f.is_timestamp)) or (
        prose and _CLOSING_CREDIT_RE.match(text) is not None)


# A list of items whose summaries are full sentences, with no timestamps to tell it: summaries of at most
# this many words.
SUMMARY_MAX_WORDS = 35


def _summary_list(blocks, features: Sequence[BlockFeatures], start: int, end: int) -> bool:
    """Guidelines 8.5: a section front has no main story. Its items' summaries can be the best run of prose on
    the page when they end in full stops and no timestamp marks the list: the run is such a list when each
    of its paragraphs is a short summary right under a headline in title case, or in any case with its item's
    date right under it (``LIST_MIN_ITEMS`` or more), and its other lines are those headlines, kickers, authors,
    times, list headings and buttons ("Play") -- a story's sections run to more than one short paragraph, and
    carry no date each. The page's own introduction may stand above its list's heading (a podcast's
    description above "Latest episodes"). A byline or date above the first headline only is the story's, whose short
    sections these are (a listicle: "Five Things To Do In Exeter", by, date, then each thing); a list's items
    each show theirs."""
    headlines = []
    for index in range(start, end):
        f, text = features[index], blocks[index].text
        if f.text_like:
            above = features[index - 1] if index > 0 else None
            if f.n_words > SUMMARY_MAX_WORDS or above is None:
                return False
            # a summary with its item's date right under it (an episode list: title, summary, date, duration,
            # "Play") sits under a headline in any case: a story's sections carry no date each
            dated = index + 1 < len(features) and features[index + 1].is_timestamp
            if not (_teaser_head(above) and above.title_case_share >= TITLE_CASE_HEADLINE
                    or dated and above.headline_like and not above.text_like):
                if not headlines and index + 1 < end and features[index + 1].is_list_heading:
                    continue  # the page's own introduction above its list ("Latest episodes")
                return False
            headlines.append(index - 1)
        elif not (_teaser_head(f) or _kicker(f, text) or f.is_byline or f.is_timestamp or f.is_list_heading
                  or (f.is_furniture and f.n_words <= KICKER_MAX_WORDS)):
            return False
    if len(headlines) < LIST_MIN_ITEMS:
        return False
    return not (_byline_above(features, headlines[0]) and not any(_byline_above(features, h) for h in headlines[1:]))


# A writer's name stands at most this many lines above the bio that opens with it (its job title, a photo credit
# between).
PROFILE_NAME_REACH = 3


def _profile_bio(blocks, features: Sequence[BlockFeatures], start: int, end: int) -> range:
    """Guidelines 8.3 (author profile boxes with their bio are boilerplate; 8.5: an author's page lists their
    stories and has no main story): the lines from a writer's name to their bio, where the run's one paragraph of
    prose is that bio -- at most ``BIO_MAX_WORDS`` words, opening with the name on a line of its own right above it
    ("Karin Lindqvist", "Political reporter", "Karin Lindqvist has covered …"): a story's paragraphs never open with
    its byline's name. Empty where the run is none."""
    prose = [index for index in range(start, end) if features[index].text_like]
    if len(prose) != 1 or features[prose[0]].n_words > BIO_MAX_WORDS:
        return range(0)
    bio = prose[0]
    for above in range(max(0, bio - PROFILE_NAME_REACH), bio):
        name = blocks[above].text.strip()
        if blocks[bio].text.startswith(name + " ") and _author_name(features[above], name):
            return range(above, bio + 1)
    return range(0)


def _byline_above(features: Sequence[BlockFeatures], index: int) -> bool:
    """Whether the line right above block ``index`` is a byline or a date."""
    return index > 0 and (features[index - 1].is_byline or features[index - 1].is_timestamp)


def _lead_item(blocks, features: Sequence[BlockFeatures], rules: RulePass, start: int, end: int) -> bool:
    """A front page's lead item (guidelines 8.5: a home page has no main story): the best run is one paragraph
    under a headline -- above it, or in the run where the headline is long enough to score as prose -- with a
    timestamp under it (an author's line between them aside, in the run or under it) that opens the page's list of
    timestamped items, or with its comment count under it right over the next item's headline: the item's summary,
    where a story's time stands above its body, not under its first paragraph. Short lines above the item in the run (the front's heading, its sub-menu, the item's kicker) hold
    no prose, but for one paragraph of the page's own introduction parted from the item by them (a tag page's or a
    show's description). A headline scoring as prose may be one of two sentences ("Episode 118. Why …?")."""
    n = len(features)

    def closing(index: int) -> bool:
        # the item's time opening the page's list of timed items, or its count ("23 comments", "45 bình luận": a
        # short line with a number, no time) right over the next item's headline: a story prints neither under its
        # first paragraph
        return index < n and ((features[index].is_timestamp and index in rules.list_zone) or (
            not features[index].is_timestamp and _item_count(features, index) and index + 1 < n
            and _teaser_head(features[index + 1])))

    if not (closing(end) or closing(end + 1)):
        return False  # the closing line is one of these two lines (below): most runs have neither, answered before
        # the author's lines are read

    def author(index: int) -> bool:  # "By Jane Doe", or the name alone ("Jane Doe")
        return features[index].is_byline or _author_name(features[index], blocks[index].text)

    body_end = end - 1 if end - 1 > start and author(end - 1) else end
    stamp = end + (body_end == end and end < n and author(end))
    if not closing(stamp):
        return False
    first = next((index for index in range(start, body_end) if features[index].text_like), body_end)
    if not all(features[index].text_like for index in range(first, body_end)):
        # the page's own introduction above its list (a tag page's or a show's description, then the list's heading
        # or the item's headline): one paragraph, parted from the item's summary by short lines
        item = body_end
        while features[item - 1].text_like:
            item -= 1
        if item == body_end or sum(features[index].text_like for index in range(first, item)) != 1:
            return False
        first = item
    return ((body_end - first == 1 and first > 0 and _teaser_head(features[first - 1]))
            or (body_end - first == 2 and (_teaser_head(features[first]) or _two_sentence_head(features[first]))))


def _paragraphs_after_inline_teasers(blocks, features, labels: list, scores, end: int, live: bool = False) -> None:
    """The story goes on after a "Read more: <headline>" line that its run stopped at (the cue costs as much as
    a list heading), or after a box of one or two headlines under a list heading (``_box_of_headlines``): from the
    end of the story, each such line is a teaser item of its own (the box's heading boilerplate) and the prose
    paragraphs right under it are the story's, up to the first line that is neither. In a live blog (``live``)
    the paragraph may come with its entry's time and heading above it (``_entry_head``)."""
    if labels[end - 1] is None or labels[end - 1].label != ARTICLE:
        return
    def story_paragraph(index: int) -> bool:
        f, text = features[index], blocks[index].text
        return (labels[index] is None and f.text_like and not f.is_furniture and scores[index] > 0
                and not is_notice(text) and not is_caption_credit(text))

    index = end
    while index < len(blocks):
        cues = index
        while (cues < len(blocks) and labels[cues] is None and features[cues].n_words <= INLINE_TEASER_MAX_WORDS
               and (_read_more(blocks[cues].text) or _cued_headline(features[cues], blocks[cues].text))):
            cues += 1
        heading = cues == index and _box_of_headlines(features, labels, index)
        if heading:
            # a box of the story's own: its heading ("Read more:", "Lesen Sie auch") over a headline or two
            cues = heading
        if cues == index or cues >= len(blocks) or labels[cues] is not None:
            return
        head = (2 if live and cues + 2 < len(blocks) and labels[cues + 1] is None and labels[cues + 2] is None
                and _entry_head(features, cues) else 0)
        if not head and cues + 1 < len(blocks) and _subheading(features, labels, cues) and story_paragraph(cues + 1):
            head = 1  # a sub-heading of the story over the paragraph ("Zur Sache", a fact box's)
        paragraph = cues + head
        if not story_paragraph(paragraph):
            return
        if heading:
            labels[index] = BlockLabel(BOILERPLATE, 0.7)
        for cue in range(index + bool(heading), cues):
            labels[cue] = BlockLabel(TEASER, 0.7, item=-1 - cue)
        for line in range(cues, paragraph):
            labels[line] = BlockLabel(ARTICLE, 0.6)
        # the paragraphs after the first, up to the next cue or the end of the story, and the story's credit line
        # under them (guidelines 6)
        while paragraph < len(blocks) and story_paragraph(paragraph):
            labels[paragraph] = BlockLabel(ARTICLE, round(_sigmoid(1.0 + scores[paragraph] / 8), 3))
            paragraph += 1
        if (paragraph < len(blocks) and labels[paragraph] is None and features[paragraph].n_words <= CREDIT_MAX_WORDS
                and _CLOSING_CREDIT_RE.match(blocks[paragraph].text)):
            labels[paragraph] = BlockLabel(ARTICLE, 0.7)
            return
        index = paragraph


def _subheading(features, labels: list, index: int) -> bool:
    """Whether block ``index`` is shaped as a sub-heading of the story: a few words (``BOX_HEADING_MAX_WORDS``), no
    prose, time, byline, furniture or list heading."""
    f = features[index]
    return (labels[index] is None and f.n_words > 0 and _box_heading(f) and not f.is_furniture
            and not f.is_list_heading)


# A box of links inside the story has at most this many headlines under its heading.
BOX_HEADLINES_MAX = 2


def _box_of_headlines(features, labels: list, index: int) -> int:
    """Guidelines 8.2: the end (past its last headline) of a box of links inside the story that starts at block
    ``index`` -- a list heading ("Read more:", "Lesen Sie auch") over one to ``BOX_HEADLINES_MAX`` headlines, none of
    them prose -- or 0 when none starts there."""
    if labels[index] is not None or not features[index].is_list_heading:
        return 0
    heads = index + 1
    while (heads < len(features) and heads - index <= BOX_HEADLINES_MAX and labels[heads] is None
           and _teaser_head(features[heads]) and not features[heads].text_like):
        heads += 1
    return heads if heads > index + 1 else 0


# A box's cue on a line of its own has at most this many words ("Read also", "Czytaj także:", "【関連記事】").
READ_ALSO_BOX_CUE_MAX_WORDS = 3
# A story holds at most this many boxes of links between its paragraphs.
READ_ALSO_BOXES_MAX = 2
# What a cue holds besides its letters: spaces, its colon, the brackets a script without spaces sets it in.
_CUE_MARKS = frozenset(" :：【】[]")


def _read_also_boxes(blocks, features, labels: list, start: int, end: int) -> list[tuple[int, list[range]]]:
    """Guidelines 8.2: a box of links set between the story's paragraphs -- a cue of a few words on its own line (no
    prose, no sentence's end but a colon), then one to ``BOX_HEADLINES_MAX`` headlines (no sentence's end), each with
    its date under it or none, then the story's next paragraph -- in any language: a sub-heading of the story has its
    paragraph right under it, not a headline. Each box as its cue and its items (a headline and its date: one teaser
    each); the cue is a label over the list (boilerplate). None when the shape comes more than
    ``READ_ALSO_BOXES_MAX`` times."""
    found: list[tuple[int, list[range]]] = []
    for cue in range(start + 1, end - 2):
        f = features[cue]
        # the cue's word count and its paragraph's label, read first: they pass few lines
        if (f.n_words > READ_ALSO_BOX_CUE_MAX_WORDS or labels[cue - 1].label != ARTICLE
                or not (features[cue - 1].text_like or features[cue - 1].ends_like_sentence)
                or f.text_like or f.is_timestamp or _tool_line(f, blocks[cue].text) or features[cue - 1].is_timestamp
                or not all(character.isalpha() or character in _CUE_MARKS for character in blocks[cue].text)):
            # (nor the site's tools under the story's dateline, "Listen to this article", "6 min read"; a cue is words
            # alone, with no figure, quotation mark or slash: a photo's credit "Jane Roe/Example", a quoted title over
            # an embedded player)
            continue
        items: list[range] = []
        index = cue + 1
        while index < end and len(items) < BOX_HEADLINES_MAX:
            g = features[index]
            if (not (_teaser_head(g) or _two_sentence_head(g)) or g.is_timestamp
                    or blocks[index].text[-1:] in SENTENCE_MARKS or _tool_line(g, blocks[index].text)
                    or _read_more(blocks[index].text)):
                # (a "Read also: <headline>" line carries its own cue: the line over it is none)
                break
            stop = index + 1 + (index + 1 < end and features[index + 1].is_timestamp)
            items.append(range(index, stop))
            index = stop
        if items and index < end and labels[index].label == ARTICLE and features[index].text_like:
            found.append((cue, items))
    # a site sets one or two such boxes in a story; the shape repeated all along it is the story's own (a buying guide:
    # a product's name, its price, the shop, then the paragraph on it)
    return found if len(found) <= READ_ALSO_BOXES_MAX else []


def _capitals_headline(f: BlockFeatures, text: str) -> bool:
    """A headline (``_teaser_head``, no closing full stop) in capitals, of ``CAPITALS_TEASER_MIN_WORDS`` or more."""
    return (f.n_words >= CAPITALS_TEASER_MIN_WORDS and _teaser_head(f) and not f.ends_like_sentence
            and text.upper() == text and text.lower() != text)


def _drop_islands(blocks, features, labels: list, scores, start: int, end: int, standfirst: int | None = None) -> None:
    """Article blocks of the run in a group (consecutive article blocks) with fewer than
    ``MIN_ISLAND_WORDS`` words, apart from the group with the most words, become boilerplate -- unless
    the group is prose one block away from the story kept so far: after it (a short last paragraph after a
    promo), or before it with only prose or inline teasers between (a short first paragraph above a caption, a
    paragraph the model took out or a "Related: <headline>" line); and the story's standfirst (``standfirst``),
    parted from it by the byline's pieces; and a paragraph quoting someone between two parts of the story
    (``_quoting_inside``)."""
    groups: list[list[int]] = []
    for index in range(start, end):
        if labels[index].label != ARTICLE:
            continue
        if groups and groups[-1][-1] == index - 1:
            groups[-1].append(index)
        else:
            groups.append([index])
    if len(groups) < 2:
        return
    sizes = [sum(features[i].n_words for i in group) for group in groups]
    main = max(range(len(groups)), key=sizes.__getitem__)
    kept_end = groups[main][-1]
    for number in range(main + 1, len(groups)):
        group = groups[number]
        prose = any(features[i].text_like and not features[i].is_furniture for i in group)
        if sizes[number] >= MIN_ISLAND_WORDS or (prose and group[0] - kept_end <= 2):
            kept_end = group[-1]
        else:
            _relabel(group, labels, scores)
    kept_start = groups[main][0]
    for number in range(main - 1, -1, -1):
        group = groups[number]
        prose = any(features[i].text_like and not features[i].is_furniture for i in group)
        # only across prose (a long caption, a paragraph the model took out): a short line above the
        # byline and date is left as before, since rescuing those lowered the leave-site-out article F1
        # (an inline "Related: <headline>" teaser between them is inside the story: guidelines 8.2)
        cut_by_prose = all(features[i].text_like or labels[i].label == TEASER
                           for i in range(group[-1] + 1, kept_start))
        if (sizes[number] >= MIN_ISLAND_WORDS or (prose and kept_start - group[-1] <= 2 and cut_by_prose)
                or standfirst in group or _head_marks_over(blocks, features, labels, group, kept_start)
                or _quoting_inside(blocks, features, groups, sizes, number, kept_start)):
            kept_start = group[0]
        else:
            _relabel(group, labels, scores)


# A paragraph inside the story is parted from the story's paragraphs above and under it by at most this many
# lines each (an ad label, a photo's caption and credit).
INSIDE_GAP_MAX_LINES = 2


def _head_marks_over(blocks, features, labels: list, group: list[int], kept_start: int) -> bool:
    """Guidelines 8.1: whether island ``group`` is the story's dates and bylines right over the story kept under it,
    parted from it only by what a story's head shows between its byline and its first paragraph -- the site's tools
    ("Reading time: 5 min", "0 comments"), a photo's caption and credit, another date the rules took out ("Last
    modified on …") -- at most ``INSIDE_GAP_MAX_LINES`` lines: the head's words are few, and it is the story's still.
    A line of any other kind between them (a weather box, a paragraph) parts the group from the story."""
    if kept_start - group[-1] > INSIDE_GAP_MAX_LINES + 1:
        return False
    for index in range(group[-1] + 1, kept_start):
        f, text = features[index], blocks[index].text
        if labels[index].label != BOILERPLATE or not (
                f.is_timestamp or _tool_line(f, text) or (f.n_words <= CAPTION_MAX_WORDS and is_caption_credit(text))
                or (f.n_words <= CREDIT_MAX_WORDS and _photo_credit(text))):
            return False
    return all(features[i].is_timestamp or _byline_at(blocks, features, i) for i in group)


def _quoting_inside(blocks, features, groups: list[list[int]], sizes: list[int], number: int, kept_start: int) -> bool:
    """Whether island ``groups[number]`` is one prose paragraph quoting someone (``_QUOTATION_RE``) between the
    story kept under it and a group above it long enough to be kept (``MIN_ISLAND_WORDS``), at most
    ``INSIDE_GAP_MAX_LINES`` lines from each: the story goes on around it ("... and “patched” the software as the
    company continued to sign up additional subscribers", between an ad label and a photo's caption)."""
    group = groups[number]
    if (number == 0 or len(group) != 1 or sizes[number - 1] < MIN_ISLAND_WORDS
            or group[0] - groups[number - 1][-1] > INSIDE_GAP_MAX_LINES + 1
            or kept_start - group[0] > INSIDE_GAP_MAX_LINES + 1):
        return False
    f, text = features[group[0]], blocks[group[0]].text
    return (f.text_like and f.ends_like_sentence and _QUOTATION_RE.search(text) is not None
            and not is_caption_credit(text))


# Quotation marks: a block quoting someone is the story's, whatever words it uses.
_QUOTATION_RE = re.compile(r"[\"“”«»„]")


# What a site tells its reader about itself and the page, as opposed to what a story (a deals column, a
# piece on streaming services) tells about subscriptions and sign-ups: newsletters, letters and comments,
# support appeals, the reader's browser, affiliate disclosures.
_SITE_NOTICE_RE = GatedPattern(re.compile(
    r"\b(?:newsletters?|letters? to the editor|comments?|commenters?|commenting|your browser|browser version|"
    r"support (?:us|our|\w+ journalism)|this (?:article|story|post|page)|our (?:journalism|reporting|work|site|"
    r"forums?|community)|we may (?:receive|earn)|affiliate|commission|disclaimer|in your inbox"
    # the site's reading list: "Save articles to read later and create your own reading list."
    r"|reading list|save (?:articles|stories) to read later"
    # a paywall's notice in French, German, Spanish and Italian: "Il vous reste 38% de cet article à lire. La suite
    # est réservée aux abonnés."
    r"|cet article|réservée? aux abonnés|dieses artikels?|für abonnenten|este artículo|para suscriptores"
    r"|questo articolo|riservato agli abbonati)\b"
    # and "this article" in Japanese, Chinese and Korean (written without spaces: no word's edge after it)
    r"|この記事|本記事|本文章|该文章|這篇文章|이 기사",
    re.IGNORECASE,
# each alternative's literal, so that a paragraph holding none (most) is not searched word by word
), ("newsletter", "to the editor", "comment", "browser", "support", "this article", "this story", "this post",
    "this page", "our journalism", "our reporting", "our work", "our site", "our forum", "our community", "we may",
    "affiliate", "commission", "disclaimer", "in your inbox", "reading list", "to read later", "cet article",
    "aux abonn", "dieses artikel", "für abonnenten", "este artículo", "para suscriptores", "questo articolo",
    "agli abbonati", "この記事", "本記事", "本文章", "该文章", "這篇文章", "이 기사"))


# Follow and share prompts written as a sentence: "Follow Newsbeat on Instagram, Facebook and Twitter.",
# "Like this story? Share it with a friend!".
_FOLLOW_RE = re.compile(
    r"^(?:(?:follow|like|find|join)\b.{0,80}\b(?:facebook|twitter|instagram|youtube|linkedin|tiktok|whatsapp|"
    r"telegram)\b|(?:like|share|enjoyed?) this (?:story|article|post)\b)",
    re.IGNORECASE,
)


def is_notice(text: str) -> bool:
    """The site speaking to its reader about itself (``_SITE_NOTICE_RE``) -- addressed to "you" or from
    "we", or with two such cues ("The disclaimer below does not apply to this article") -- outside any
    quotation: "We want to hear what you think about this article", "Support us ..."; or a follow/share
    prompt (``_FOLLOW_RE``)."""
    if _QUOTATION_RE.search(text) is not None:
        return False
    if _FOLLOW_RE.match(text) is not None:
        return True
    cues = _SITE_NOTICE_RE.findall(text)
    return bool(cues) and (len(cues) >= 2 or ADDRESS_RE.search(text) is not None)


# A story paragraph closing on a call to the reader opens with a sentence of at least this many words.
PROMPT_LEAD_MIN_WORDS = 12


def _ends_in_prompt(text: str) -> bool:
    """Whether a notice (``is_notice``) is only a story paragraph's last sentence: "Let's be honest, distilling
    down the past year's worth of gadget launches into a shortlist is hard. [...] Leave a comment and let us know
    ..." -- the sentences before it are no notice, and the first, of ``PROMPT_LEAD_MIN_WORDS`` words or more,
    speaks about the story's subject, not to the reader ("Join our forums ..."). Such a line is the writer's, its
    sentences mostly story; a line that is the prompt is not."""
    gaps = [gap.start() for gap in SENTENCE_SPLIT_RE.finditer(text)]  # where its sentences part
    if not gaps:
        return False
    first = text[:gaps[0] + 1]
    return (len(WORD_RE.findall(first)) >= PROMPT_LEAD_MIN_WORDS and ADDRESS_RE.search(first) is None
            and not is_notice(text[:gaps[-1] + 1]))


# An author bio opening with the writer's name and beat: "Priya Lomax covers councils ...", "Jane Doe writes about
# work ...", "Aroha Tipene is the Herald's weather reporter ...", "Sanne de Vries is regioverslaggever ...".
_BIO_LEAD_RE = re.compile(
    r"^[A-Z][\w’'-]+(?: (?:de|van|der|da|di|von|[A-Z][\w’'-]+)){1,3} (?:covers|writes about|reports on"
    r"|is the [\w’'-]+(?: [\w’'-]+){0,4} (?:reporter|correspondent|editor|writer|columnist)"
    r"|is (?:\w+)?(?:verslaggever|redacteur|correspondent)|schrijft over|schreibt über|berichtet über|couvre|écrit sur"
    r"|cubre|escribe sobre|scrive di|escreve sobre)\b")
# Author bios longer than this are taken for story text.
BIO_MAX_WORDS = 60
# Lines of at most this many words that are not prose, after the body: section and tag names.
STRAY_LABEL_MAX_WORDS = 3


# The site's legal line (guidelines 8.3: copyright and legal lines): "All rights reserved. This material ... may not
# be reproduced ...".
_RIGHTS_RESERVED_RE = GatedPattern(re.compile(r"\ball rights reserved\b", re.IGNORECASE), ("rights reserved",))


def _trim_notices(blocks, features, evidence, labels: list, scores, start: int, end: int) -> None:
    """Notices, legal lines and author bios (guidelines 8.3: profile boxes) at either end of the story's run are
    the site's, not the story's: from each end of the run inwards, article blocks that are notices, legal lines or
    bios become boilerplate, up to the first article block that is neither (a closing credit line is the
    story's, and so is a fact box's last line, "Source: …": guidelines 6)."""
    for from_end, order in ((True, range(end - 1, start - 1, -1)), (False, range(start, end))):
        for index in order:
            if labels[index].label != ARTICLE:
                continue
            text, f = blocks[index].text, features[index]
            # (the credit pattern, dearest, last: most paragraphs are no bio)
            bio = (f.n_words <= BIO_MAX_WORDS
                   and (BIO_RE.search(text) is not None or _BIO_LEAD_RE.match(text) is not None)
                   and _CLOSING_CREDIT_RE.match(text) is None)
            # a section or tag name left after the body ("Highlights", "POLITICS") is not the story's end
            label = (from_end and not f.text_like and f.n_words <= STRAY_LABEL_MAX_WORDS
                     and _CLOSING_CREDIT_RE.match(text) is None
                     and not (":" in text and _fact_line(blocks, features, evidence, index)))
            if not (bio or label or (is_notice(text) and not _ends_in_prompt(text))
                    or _RIGHTS_RESERVED_RE.search(text) is not None):
                break
            _relabel([index], labels, scores)


# A promo box's heading ("Sign up for the X newsletter") has at most this many words, its lines at most
# PROMO_LINE_MAX_WORDS.
PROMO_HEADING_MAX_WORDS = 12
PROMO_LINE_MAX_WORDS = 40


def _promo_boxes(blocks, features, labels: list, scores, start: int, end: int) -> None:
    """A promo box inside the story (guidelines 8.3: newsletter and subscription prompts): after a short
    call to action that is not article, the short lines addressed to the reader ("Never miss the latest
    news ...", "Every day we'll send you ...") outside any quotation belong to the box, up to the first
    line that does not."""
    index = start
    while index < end:
        heading = (labels[index].label != ARTICLE and features[index].n_words <= PROMO_HEADING_MAX_WORDS
                   and PROMO_RE.search(blocks[index].text) is not None)
        index += 1
        while heading and index < end and labels[index].label != TEASER:
            text = blocks[index].text
            if labels[index].label == ARTICLE:
                if (features[index].n_words > PROMO_LINE_MAX_WORDS or ADDRESS_RE.search(text) is None
                        or _QUOTATION_RE.search(text) is not None):
                    break
                _relabel([index], labels, scores)
            index += 1


def _relabel(group: list[int], labels: list, scores) -> None:
    for index in group:
        labels[index] = BlockLabel(BOILERPLATE, round(_sigmoid(1.0 - scores[index] / 4), 3))


# A writer's name is at least this many words ("Jane Roe"), and the bio says more than the name.
BIO_NAME_MIN_WORDS = 2


def _writers_bio(blocks, features, labels: list, start: int, end: int) -> list[int]:
    """Guidelines 8.3: the story's last paragraph when it is its writer's bio -- prose opening with the name the
    story's byline gives ("Jane Roe is a court reporter …", "Jane Roe – reporter since 2014", under "By JANE ROE"),
    in any language: an author profile box is boilerplate, not the story. Its credit line ("Jane Roe contributed
    reporting") stays the story's."""
    last = next((index for index in range(end - 1, start, -1) if labels[index].label == ARTICLE), None)
    if last is None or not features[last].text_like or _CLOSING_CREDIT_RE.match(blocks[last].text):
        return []
    name = []
    for word in blocks[last].text.split():
        if not (word[:1].isupper() and word.isalpha()):
            break
        name.append(word.lower())
    if len(name) < BIO_NAME_MIN_WORDS:
        return []  # (most last paragraphs: the first word alone is capitalised)
    # the byline among the head's lines, around the story's first paragraph: the name on a line of its own, with its
    # "By" or without (over the writer's title where the date stands further down) -- not a company's name in a line
    # of more words ("THE HOME DEPOT INC.")
    first = next((index for index in range(start, last) if features[index].text_like
                  and labels[index].label == ARTICLE), last)
    for index in range(max(0, start - HEAD_REACH), min(last, first + HEAD_REACH)):
        if features[index].n_words <= len(name) + 1 and not features[index].text_like:
            words = [word.strip(",.").lower() for word in blocks[index].text.split()]
            if words[-len(name):] == name and len(words) <= len(name) + 1:
                return [last]
    return []


def _closing_credit(blocks, features, labels: list, end: int) -> list[int]:
    """The story's credit line ("Additional reporting by …") among the few blocks after the body."""
    for index in range(end, min(len(blocks), end + 3)):
        credit = _CLOSING_CREDIT_RE.match(blocks[index].text) is not None
        if features[index].text_like and not credit:
            break
        if credit and features[index].n_words <= 40:
            return [index]
    return []


# What the site prints under the story's last paragraph before its furniture, the story's too (guidelines 6, 8.1):
# an agency's or the writers' tag in brackets ("(AFP)", "(With inputs from PTI)", "(ant/rdk)"), a one-word label and
# a name ("Editor: Jane Roe"), a short line with an e-mail address (the writer's signature, a press release's
# contact: "Jane Roe, reporter jane.roe@example.com"). At most this many lines.
SIGN_OFF_MAX_LINES = 3
SIGN_OFF_TAG_MAX_WORDS = 8
# in brackets of either width: CJK text prints its own ("（政治部・山田太郎）")
_BRACKETED_TAG_RE = re.compile(r"^[(（][^()（）]{1,60}[)）]$")
# The story's last sentence, printed as a paragraph of its own under the others ("The hearing continues."): a few
# words, at least this many, short of prose (``text_like``), mostly lower case.
CLOSING_SENTENCE_MIN_WORDS = 3
CLOSING_SENTENCE_MIN_LOWER_SHARE = 0.5
_EMAIL_RE = re.compile(r"\w@\w[\w-]*\.\w")


def _sign_off(blocks, features, evidence, labels: list) -> list[int]:
    """Guidelines 6 and 8.1: the lines right under the story's last article line that close it (``SIGN_OFF_MAX_LINES``
    at most, in a row, none prose, a link, furniture or the site's template): a tag in brackets, a one-word label
    with a name (``_labelled_name``) and a short line with an e-mail address (``CONTACT_LINE_MAX_WORDS``). The writer's name alone is left out (sites print it there as an author box's too,
    guidelines 8.3), and so is the story's date printed there (8.1: the story's, but the benchmark's article bodies
    leave it out, and taking it costs their F1 0.0005)."""
    last_article = next((i for i in range(len(labels) - 1, -1, -1) if labels[i] and labels[i].label == ARTICLE), None)
    if last_article is None:
        return []
    found: list[int] = []
    for index in range(last_article + 1, min(len(blocks), last_article + 1 + SIGN_OFF_MAX_LINES)):
        f, text = features[index], blocks[index].text
        # a line the story's run took in and labelled boilerplate (the model reads a bracketed tag or a name with an
        # e-mail address as a widget's) is still read here; a teaser is another story's
        if ((labels[index] is not None and labels[index].label != BOILERPLATE) or f.text_like or f.is_furniture
                or evidence[index].template
                or evidence[index].linked or is_caption_credit(text) or _photo_credit(text)):
            break
        if not ((f.n_words <= SIGN_OFF_TAG_MAX_WORDS and text[:1] in "(（" and _BRACKETED_TAG_RE.match(text))
                or (index == last_article + 1 and _closing_sentence(blocks, features, index))
                or _labelled_name(text)
                or (f.n_words <= CONTACT_LINE_MAX_WORDS and "@" in text and _EMAIL_RE.search(text) is not None)):
            break
        found.append(index)
    return found


def _closing_sentence(blocks, features, index: int) -> bool:
    """Guidelines 6: whether block ``index``, right under the story's last paragraph, is the story's last sentence
    printed on its own ("The hearing continues.", "The law takes effect on 1 January.") -- one sentence with its full
    stop, ``CLOSING_SENTENCE_MIN_WORDS`` words or more and mostly lower case, under prose: no label's colon, no
    time or byline, no notice of the site's ("This article is for subscribers.")."""
    f, text = features[index], blocks[index].text
    return (features[index - 1].text_like and f.n_words >= CLOSING_SENTENCE_MIN_WORDS and f.n_sentences == 1
            and f.ends_with_full_stop and f.lower_word_share >= CLOSING_SENTENCE_MIN_LOWER_SHARE
            and not (f.is_timestamp or f.is_byline) and ":" not in text and _SITE_NOTICE_RE.search(text) is None)


# A pull quote has at least this many words (a shorter repeat is a phrase the story uses twice) and at most this many
# (a longer line held in another is a paragraph a live blog prints again in a later entry).
# A photo's caption over its credit line is one sentence of at most this many words.
CAPTION_SENTENCE_MAX_WORDS = 25
# A credit line names people and agencies: at most this share of its words in lower case ("Image: Jane Roe, left,
# has replaced …" is a caption under its label).
CREDIT_LINE_MAX_LOWER_SHARE = 0.25


def _captions_over_credits(blocks, features, labels: list, start: int, end: int) -> list[int]:
    """Guidelines 8.4: inside the story, a photo's credit printed as a line of its own -- "Foto: Jane Roe", or a
    one-word label and a name in any language ("Kuva: Jane Roe", ``_labelled_name``) that no date next to it makes a
    byline (``_byline_at``), names in capitals -- with the story going on under it, and the one short sentence right
    above it, the photo's caption: both are the photo's, not the story's."""
    found: list[int] = []
    for credit in range(start + 1, end - 1):
        text, f = blocks[credit].text, features[credit]
        if f.text_like or f.lower_word_share > CREDIT_LINE_MAX_LOWER_SHARE or not (
                _credit_line(blocks, features, credit)
                or (":" in text[:20] and _labelled_name(text) and not _byline_at(blocks, features, credit))):
            continue
        caption, after = features[credit - 1], features[credit + 1]
        if (labels[credit - 1].label == ARTICLE and caption.text_like and caption.n_sentences == 1
                and caption.n_words <= CAPTION_SENTENCE_MAX_WORDS
                and labels[credit + 1].label == ARTICLE and after.text_like):
            found += [credit - 1, credit]
    return found


PULL_QUOTE_MIN_WORDS = 5
PULL_QUOTE_MAX_WORDS = 25
# A pull quote opens with a quotation mark (a sentence of the story repeated without one is as often the story's own
# summary or a paragraph the page prints twice, which the benchmark's article bodies keep).
_PULL_QUOTE_OPENERS = "\"'“‘«„‚「『"
# What a pull quote adds around the sentence it repeats: quotation marks, dashes, the sentence's end.
_PULL_QUOTE_STRIP = "\"'“”‘’«»„‚「」『』—–-.…!?,: "


def _pull_quotes(blocks, features, labels: list, start: int, end: int) -> list[int]:
    """Guidelines 8.4: pull quotes -- a sentence of the story printed again in large type between its paragraphs --
    are boilerplate: an article line of the run in quotation marks, below the story's first paragraph, whose words
    (without the marks and punctuation around them) stand in another article line of the run as well."""
    first = next((index for index in range(start, end)
                  if labels[index].label == ARTICLE and features[index].text_like), end)
    candidates = [index for index in range(first + 1, end)
                  if blocks[index].text[:1] in _PULL_QUOTE_OPENERS and labels[index].label == ARTICLE
                  and PULL_QUOTE_MIN_WORDS <= features[index].n_words <= PULL_QUOTE_MAX_WORDS]
    if not candidates:
        return []  # most stories: no line in marks between their paragraphs
    paragraphs = [index for index in range(first, end) if labels[index].label == ARTICLE and features[index].text_like]
    # the paragraphs in one text: a pull quote's words stand in it once more than in its own line (once if prose)
    story = "\n".join(blocks[index].text for index in paragraphs).casefold()
    own = set(paragraphs)
    return [index for index in candidates
            if _occurs_more_than(story, blocks[index].text.strip(_PULL_QUOTE_STRIP).casefold(), index in own)]


def _occurs_more_than(text: str, words: str, times: int) -> bool:
    """``text.count(words) > times``, read only as far as the occurrence that decides it: a story of many lines in
    marks that repeat one another is not read to its end for each of them."""
    at = text.find(words)
    for _ in range(times):
        if at < 0:
            return False
        at = text.find(words, at + (len(words) or 1))  # str.count counts the empty string at every position
    return at >= 0


# A list the story announces at its end ("The tour dates:"): an introduction of at least this many words,
# then at least LIST_MIN_ITEMS lines of one shape.
LIST_INTRO_MIN_WORDS = 3
LIST_INTRO_MAX_WORDS = 25
# A list inside the story, with the story's paragraph under it, may be announced in two words ("Key takeaways:",
# "Key specifications:"): the paragraphs around it show it is the story's.
INNER_LIST_INTRO_MIN_WORDS = 2


def _closing_list(blocks, features, evidence, labels: list, end: int) -> list[int]:
    """A list the story's last lines announce -- a line ending in ":" right after the body, then lines of
    one shape (tour dates, a table's rows) -- is the story's; it ends at the first line of another shape
    or one that is furniture, a list heading, template or (HTML) a link: a list of links is teasers."""
    last_article = next((i for i in range(end - 1, -1, -1) if labels[i] and labels[i].label == ARTICLE), None)
    if last_article is None:
        return []
    intro = last_article if blocks[last_article].text.endswith(":") else last_article + 1
    if intro >= len(blocks) or not blocks[intro].text.endswith(":"):
        return []
    f = features[intro]
    if (not LIST_INTRO_MIN_WORDS <= f.n_words <= LIST_INTRO_MAX_WORDS or f.is_furniture or f.is_list_heading
            or evidence[intro].template):
        return []
    items: list[int] = []
    for index in range(intro + 1, len(blocks)):
        g = features[index]
        if (g.is_furniture or g.is_list_heading or evidence[index].template or evidence[index].linked
                or line_marks(blocks[index].text)[0]
                or (items and not _same_item_shape(g, features[items[0]]))):
            break
        items.append(index)
    if len(items) < LIST_MIN_ITEMS or _topics_list(blocks, features, intro, items):
        return []
    return ([] if intro == last_article else [intro]) + items


# A topics list's heading is a few words ("Tags:", "Lees meer over:", "Mehr zum Thema:"), its entries a word or two.
TOPICS_HEADING_MAX_WORDS = 3
TOPIC_MAX_WORDS = 2


def _topics_list(blocks, features, intro: int, items: list[int]) -> bool:
    """Guidelines 8.3: whether the list under ``intro`` is the page's tags or topics -- a heading of a few words over
    entries of a word or two (the first ones at least: a share prompt may close the list), with no number nor sentence
    mark -- rather than a list the story announces, whose heading is a sentence ("The council's timetable for the
    works:") or whose rows hold facts ("March 2025 -- Foundations poured")."""
    if features[intro].n_words > TOPICS_HEADING_MAX_WORDS:
        return False
    topics = items[:LIST_MIN_ITEMS]
    return all(features[index].n_words <= TOPIC_MAX_WORDS and features[index].digit_share == 0
               and not features[index].ends_like_sentence for index in topics)


# A line of facts under a story: a label of a few words and its colon, then the facts ("Referee: Paul Mercer",
# "Rovers (4-3-3): Dunne; Oyelaran, ...", "Capacity: 1,800 TEU").
_FACT_LINE_RE = re.compile(r"^[^\W\d_][^:]{0,40}:\s+\S")
FACT_LABEL_MAX_WORDS = 5
# Or a figure and what it counts, in any language: a number opening the line, its unit or the word it counts right
# after it ("410 employees at the end of 2025", "1,2 mld zł – …", "40 % of the budget"), a short line -- a box of
# "key figures" is the story's as a box of labelled facts is (guidelines 6 step 2).
_FIGURE_LINE_RE = re.compile(r"^\d[\d.,\u00a0\u202f]*\s?[%‰$€£¥₹]?\s?[^\W\d_]")
FIGURE_LINE_MAX_WORDS = 15
# A story's fact box holds at least this many lines.
FACT_BOX_MIN_LINES = 2


def _fact_line(blocks, features, evidence, index: int) -> bool:
    """Whether line ``index`` is a line of facts (``_FACT_LINE_RE``) -- not tags, a photo credit, a link to another
    story, furniture or the site's template, nor a label over a row of links parted by bars ("Share: Facebook |
    WhatsApp | X", "Topics: Budget | Tax | Parliament", in any language: ``_link_row``), which promote no one story
    (guidelines 8.3)."""
    text, f = blocks[index].text, features[index]
    if text[:1].isdigit():
        # (a date opening a line is no figure: "14. oktober" under a linked headline is a teaser's time; nor a line in
        # title case: "15 Amazing Images of Stars" under the story is a list of links)
        shaped = (f.n_words <= FIGURE_LINE_MAX_WORDS and not f.is_timestamp
                  and f.title_case_share < TITLE_CASE_HEADLINE and _FIGURE_LINE_RE.match(text) is not None)
    else:
        shaped = (_FACT_LINE_RE.match(text) is not None
                  and len(text[:text.index(":")].split()) <= FACT_LABEL_MAX_WORDS)
    return (shaped and not f.is_furniture and not f.is_list_heading and not evidence[index].template
            and not evidence[index].linked and _TAGS_RE.match(text) is None and not _photo_credit(text)
            and not _read_more(text) and not (_link_row(text) and not _figures_row(text)))


def _figures_row(text: str) -> bool:
    """Whether every part of a row parted by " | " holds a figure ("IPC: 2.1% monthly | 24.8% so far | 31.2% a
    year"): a row of values, where a row of links names sections or services ("Share: Facebook | WhatsApp | X")."""
    return all(any(character.isdigit() for character in part) for part in text.split(" | "))


def _closing_facts(blocks, features, evidence, labels: list, end: int) -> list[int]:
    """Guidelines 6.2: the facts a story prints under its last paragraph -- a match's line-ups, scorers and referee,
    a product's specifications, a squad, a month's figures -- as lines of a label and its colon (``_fact_line``),
    ``FACT_BOX_MIN_LINES`` or more, under a heading of a sub-heading's few words or none ("Il tabellino", "The month
    in figures"), are the story's; and where the story's last two lines are such lines already (the run stopped
    inside the box), the fact lines right under them, however few."""
    last_article = next((i for i in range(end - 1, -1, -1) if labels[i] and labels[i].label == ARTICLE), None)
    if last_article is None:
        return []
    if (last_article > 0 and _fact_line(blocks, features, evidence, last_article)
            and _fact_line(blocks, features, evidence, last_article - 1)):
        # the story's run ends inside its box of facts (its last lines, a referee's or a source's, are too short
        # for the run): the box goes on to its last fact line
        index = last_article + 1
        while index < len(blocks) and _fact_line(blocks, features, evidence, index):
            index += 1
        return list(range(last_article + 1, index))
    return list(_fact_box(blocks, features, evidence, last_article + 1, INNER_FACT_HEADING_MAX_WORDS))


def _fact_box(blocks, features, evidence, first: int, heading_words: int) -> range:
    """The box of facts (``_fact_line``) starting at line ``first``: ``FACT_BOX_MIN_LINES`` or more of them, under a
    heading of at most ``heading_words`` words or none; empty when there is none."""
    f = features[first] if first < len(blocks) else None
    heading = f is not None and not _fact_line(blocks, features, evidence, first) and (
        0 < f.n_words <= heading_words and not f.text_like and not f.is_furniture and not f.is_list_heading
        and not f.is_timestamp and not evidence[first].template and not evidence[first].linked)
    index = first + heading
    while index < len(blocks) and _fact_line(blocks, features, evidence, index):
        index += 1
    if index - first - heading < FACT_BOX_MIN_LINES:
        return range(0)
    return range(first, index)


# A box of facts between the story's paragraphs has a heading of at most this many words: a sub-heading of the story
# ("Key figures for the first nine months"), which the paragraphs around it show to be the story's.
INNER_FACT_HEADING_MAX_WORDS = 10


def _inner_facts(blocks, features, evidence, labels: list, start: int, end: int) -> list[int]:
    """Guidelines 6.2: a box of facts between the story's paragraphs (``_fact_box``: "Key figures", then "Revenue:
    6.1 billion (-9%)", "Net debt: 11.9 billion (+4%)") is the story's, as a list inside its body is, whatever the
    rules made of its short lines (two headline-shaped lines in a row read as a list of links)."""
    found: list[int] = []
    for first in range(start + 1, end - FACT_BOX_MIN_LINES):
        if labels[first].label == ARTICLE or labels[first - 1].label != ARTICLE or not features[first - 1].text_like:
            continue
        box = _fact_box(blocks, features, evidence, first, INNER_FACT_HEADING_MAX_WORDS)
        if box and box.stop < end and labels[box.stop].label == ARTICLE and features[box.stop].text_like:
            found += box
    return found


# A press release's contact box under its last paragraph: "Media contact:", "Press Contacts", "Investor enquiries:".
_CONTACT_HEADING_RE = re.compile(r"^(?:(?:media|press|investor|news)\s+)?(?:contacts?|enquiries|inquiries)\s*:?$",
                                 re.IGNORECASE)
# The box's lines: an e-mail address or a telephone number, a name with its title ("Jane Roe, Head of
# Communications"), the release's source ("Source: Example Ltd", "SOURCE Example Ltd").
_CONTACT_DETAIL_RE = re.compile(r"\w@\w+\.\w|\+?\d[\d ()-]{6,}\d")
_CONTACT_NAME_RE = re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}(?:,|$)")
_CONTACT_SOURCE_RE = re.compile(r"^source:?\s+\S", re.IGNORECASE)
CONTACT_LINE_MAX_WORDS = 20
CONTACT_MAX_LINES = 5


def _closing_contact(blocks, features, evidence, labels: list, end: int) -> list[int]:
    """Guidelines 6: a press release's contact box right under its last paragraph -- a heading ("Media contact:"),
    then up to ``CONTACT_MAX_LINES`` short lines of names, addresses and telephone numbers and the release's source,
    one of them an address or a number, the source last -- is the release's, as its closing credit is."""
    last_article = next((i for i in range(end - 1, -1, -1) if labels[i] and labels[i].label == ARTICLE), None)
    heading = None if last_article is None else last_article + 1
    if heading is None or heading >= len(blocks) or _CONTACT_HEADING_RE.match(blocks[heading].text) is None:
        return []
    lines = []
    has_detail = False
    for index in range(heading + 1, min(len(blocks), heading + 1 + CONTACT_MAX_LINES)):
        text = blocks[index].text
        f = features[index]
        if f.n_words > CONTACT_LINE_MAX_WORDS or f.is_list_heading or f.is_furniture or evidence[index].template:
            break
        detail = _CONTACT_DETAIL_RE.search(text) is not None
        source = _CONTACT_SOURCE_RE.match(text) is not None
        if not (detail or source or _CONTACT_NAME_RE.match(text)):
            break
        lines.append(index)
        has_detail = has_detail or detail
        if source:
            break  # the release's source is the box's last line
    if not has_detail:
        return []
    return [heading, *lines]


def _inner_lists(blocks, features, evidence, labels: list, start: int, end: int) -> list[int]:
    """Guidelines 6.2: a list inside the story -- a line of the story ending in ":" ("The final results were as
    follows:"), then lines of one shape (a table's rows), then the story's next paragraph -- is the story's, the
    line announcing it too, whatever the model reads in the bare rows."""
    found: list[int] = []
    for intro in range(start + 1, end - LIST_MIN_ITEMS - 1):
        f = features[intro]
        if (not blocks[intro].text.endswith(":") or labels[intro - 1].label != ARTICLE
                or not INNER_LIST_INTRO_MIN_WORDS <= f.n_words <= LIST_INTRO_MAX_WORDS or f.is_furniture
                or f.is_list_heading or evidence[intro].template):
            continue
        items = intro + 1
        while (items < end and labels[items].label != ARTICLE and not features[items].is_furniture
               and not features[items].is_list_heading and not evidence[items].template
               and not evidence[items].linked and _same_item_shape(features[items], features[intro + 1])):
            items += 1
        if items - intro - 1 >= LIST_MIN_ITEMS and items < end and labels[items].label == ARTICLE:
            found += range(intro, items)
    return found


def _list_zone(features: Sequence[BlockFeatures], blocks: Sequence[Block]) -> set[int]:
    """Blocks of a list whose items carry timestamps (teasers, comments): three or more timestamps
    each at most ``LIST_PERIOD`` blocks after the previous one, unless they are a live blog's entries
    (``_live_entries``), whose times (``_live_times``) no chain runs through."""
    live = _live_times(features, blocks)
    stamps = [i for i, f in enumerate(features) if f.is_timestamp and i not in live]
    zone: set[int] = set()
    for chain in _chains(stamps, LIST_PERIOD):
        if len(chain) >= LIST_MIN_ITEMS and not _live_entries(features, chain):
            # the first item starts before its timestamp: take the blocks shaped like the second item's
            first = chain[0]
            for offset in range(1, chain[1] - chain[0]):
                if first - offset < 0 or not _same_shape(features[first - offset], features[chain[1] - offset]):
                    break
                first -= 1
            zone.update(range(first, chain[-1] + 1))
    return zone


def _chains(indexes: Sequence[int], max_gap: int) -> Iterator[list[int]]:
    """``indexes`` (ascending) cut into runs in which each is at most ``max_gap`` after the previous."""
    chain: list[int] = []
    for index in indexes:
        if chain and index - chain[-1] > max_gap:
            yield chain
            chain = []
        chain.append(index)
    if chain:
        yield chain


# An entry's time of day alone, as live blogs print it: "02.50 GMT", "14:05", "9.30am", "16h40".
_CLOCK_TIME_RE = re.compile(r"^\d{1,2}[:.h]\d{2}(?![\d.:/])")
CLOCK_TIME_MAX_WORDS = 3


def _clock_time(f: BlockFeatures, text: str) -> bool:
    """Whether a line is a timestamp that is a time of day alone (``_CLOCK_TIME_RE``), no date."""
    return f.is_timestamp and f.n_words <= CLOCK_TIME_MAX_WORDS and _CLOCK_TIME_RE.match(text) is not None


# A live blog's entry times are at most this many blocks apart: time, heading, a few paragraphs, an embedded post,
# the entry's byline.
LIVE_ENTRY_MAX_BLOCKS = 12


def _live_times(features: Sequence[BlockFeatures], blocks: Sequence[Block]) -> set[int]:
    """The times of a live blog's entries (guidelines 8.5): ``LIST_MIN_ITEMS`` or more times of day alone
    (``_clock_time``), each at most ``LIVE_ENTRY_MAX_BLOCKS`` after the previous, whose entries hold a live blog's
    paragraphs (``_live_entries``). They are no list's items, and a list's chain of times does not run through
    them: entries longer than ``LIST_PERIOD`` blocks part them, and a key-events box's links (each a time and an
    entry's heading) are times next to them."""
    # (the timestamp flag first: most lines are none, answered without a call)
    clocks = [i for i, f in enumerate(features) if f.is_timestamp and _clock_time(f, blocks[i].text)]
    found: set[int] = set()
    for chain in _chains(clocks, LIVE_ENTRY_MAX_BLOCKS):
        chain = chain[:_entries_end(features, chain)]
        if len(chain) >= LIST_MIN_ITEMS and _live_entries(features, chain):
            found.update(chain)
    return found


def _entries_end(features: Sequence[BlockFeatures], chain: list[int]) -> int:
    """How many of ``chain``'s times can be a live blog's entries: a list of other stories' headlines with their
    times under the blog ("More news": headline, time, headline, time) continues the chain of times, but no
    paragraph follows any of them -- the chain ends after the last time with a paragraph before the next."""
    end = len(chain)
    while end > 1 and not any(
            features[j].text_like and features[j].ends_like_sentence and not features[j].is_furniture
            for j in range(chain[end - 1] + 1, chain[end] if end < len(chain) else min(
                len(features), chain[-1] + 1 + LIST_PERIOD))):
        end -= 1
    return end


# A live blog's entries hold at least this many paragraphs under their times on average; a teaser list's items
# their one summary. Real blogs mix updates of one paragraph with longer ones: one and a half per entry tells them.
LIVE_ENTRY_MIN_PARAGRAPHS = 1.5
# A live entry's heading shorter than this many words is none of a teaser's headlines.
ENTRY_HEADING_MIN_HEADLINE_WORDS = 3


def _live_entries(features: Sequence[BlockFeatures], chain: list[int]) -> bool:
    """Whether the blocks between each timestamp of ``chain`` and the next -- and under the last, up to
    ``LIST_PERIOD`` blocks or the next time or list heading -- hold ``LIVE_ENTRY_MIN_PARAGRAPHS`` paragraphs of
    finished sentences per entry on average: the entries of a live blog, the page's story (guidelines 8.5), not a
    list of items (one summary each) -- an entry of one paragraph among longer ones (a quick update with a
    "Related: …" link under it) is still an entry. The last entry counts: a list's last item has its summary
    above its time, or none under it. The first time may be the story's own date, with only its headline's lines
    between it and the first entry's time, when ``LIST_MIN_ITEMS`` entry times follow it."""
    last = chain[-1] + 1
    while last < min(len(features), chain[-1] + 1 + LIST_PERIOD) and not (
            features[last].is_timestamp or features[last].is_list_heading):
        last += 1
    def paragraph(j: int) -> bool:
        return features[j].text_like and features[j].ends_like_sentence and not features[j].truncated

    def headed(stamp: int, following: int) -> bool:
        # an entry whose time a heading of a word or two ("Polls closed", "Turnout 41%") and a paragraph follow
        # is a full one: a list's item has a headline there, and a kicker of a word or two a headline under it
        if stamp + 2 >= following:
            return False
        heading = features[stamp + 1]
        return (0 < heading.n_words < ENTRY_HEADING_MIN_HEADLINE_WORDS and _entry_heading(heading)
                and paragraph(stamp + 2))

    counts = [max(sum(map(paragraph, range(stamp + 1, following))),
                  LIVE_ENTRY_MIN_PARAGRAPHS if headed(stamp, following) else 0)
              for stamp, following in zip(chain, [*chain[1:], last])]
    if counts[0] == 0 and len(counts) > LIST_MIN_ITEMS:
        counts = counts[1:]  # the entries' times after it still make a list's worth
    return sum(counts) >= LIVE_ENTRY_MIN_PARAGRAPHS * len(counts)


def _headline_lists(blocks: Sequence[Block], features: Sequence[BlockFeatures]) -> set[int]:
    """Lists of other stories' headlines long enough to read as prose: ``LIST_MIN_ITEMS`` or more lines
    in a row, each of prose length but at most a headline's ``HEADLINE_ITEM_MAX_WORDS``, with no closing
    punctuation at all and no bullet. A story's paragraphs end their sentences (a question, a colon before
    a quotation, a quotation's closing mark all count) and its own lists keep their bullets; a sidebar of
    20-word celebrity headlines has neither, and would otherwise pass for the longest run of prose on the
    page. A headline may hold two "sentences" ("Did she bend the rules? Actress and ...", "'We had 45
    minutes!' Host ...") and an ad label may part two items: neither ends the list."""
    found: set[int] = set()
    run: list[int] = []
    for index, f in enumerate([*features, None]):
        if (f is not None and f.text_like and not f.ends_like_sentence and not f.is_bullet
                and f.n_words <= HEADLINE_ITEM_MAX_WORDS and not _closes_quotation(blocks[index].text)):
            run.append(index)
            continue
        if f is not None and run and f.n_words <= 4 and line_marks(blocks[index].text)[1]:
            continue  # "Advertisement" between two items (the word count spares the regex nearly every line)
        if len(run) >= LIST_MIN_ITEMS:
            found.update(run)
        run = []
    return found


# The features' sentence end reads "“" and "‘" as closing marks too („…“, ‚…‘), but not "«", which opens a
# quotation everywhere except in Danish-style »…«: after a sentence's end at the end of a paragraph it closes one
# here (a block of HTML may end on an opening « whose words are the next block's link, after a space).
_DANISH_CLOSER = "«"


def _closes_quotation(text: str) -> bool:
    """Whether ``text`` ends in a sentence's end and the closing mark of Danish-style »…«: a story's paragraph that
    ends its quotation (»… Det holdt ikke.«), no headline without closing punctuation."""
    end = text.rstrip()[-2:]
    return end[-1:] == _DANISH_CLOSER and end[:1] in ".!?…"


def _same_shape(a: BlockFeatures, b: BlockFeatures) -> bool:
    return (a.text_like == b.text_like and a.headline_like == b.headline_like and a.is_timestamp == b.is_timestamp
            and max(a.n_words, b.n_words) <= 2 * min(a.n_words, b.n_words) + 2)


def _same_item_shape(a: BlockFeatures, b: BlockFeatures) -> bool:
    """Two lines of one list: prose or not alike, of comparable length (headline shape is not compared:
    an abbreviation's full stop, "Aug. 2", splits a line into two "sentences")."""
    return a.text_like == b.text_like and max(a.n_words, b.n_words) <= 2 * min(a.n_words, b.n_words) + 2


# A commenter's line ending in the comment's age: "ParkLaneLad, Bristol, 1 hour ago".
_COMMENT_HEAD_RE = re.compile(r",\s*(?:\d+|an?)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
                              r"\s+ago$", re.IGNORECASE)
COMMENT_HEAD_MAX_WORDS = 8
# A comment section's first commenter or time is at most this many lines under its heading (a count, sort controls).
COMMENT_HEAD_REACH = 6


def _comment_zone(blocks: Sequence[Block], features: Sequence[BlockFeatures]) -> range:
    """From a comments heading followed by a commenter's name, a timestamp or a commenter's line ending in the
    comment's age to the end of the page."""
    for index, block in enumerate(blocks):
        if line_marks(block.text)[0]:
            following = range(index + 1, min(len(blocks), index + 1 + COMMENT_HEAD_REACH))
            if any(features[j].is_timestamp or _commenter(blocks[j].text, features[j]) for j in following):
                return range(index, len(blocks))
    return range(0)


# A ticker or a trending bar: a label and its colon, then three or more topics or results parted by "|" ("Trending:
# Metro Phase 3 | Cauvery water row | IPL auction", "Results: A 2-19 B 1-17 | C 0-22 D 1-15 | ..."): the site's
# navigation, no teaser item (guidelines 8.2: an item promotes one article).
_TICKER_RE = re.compile(r"^[^|:]{1,30}:\s*[^|]+(?:\s\|\s[^|]+){2,}$")


def _comment_thread(blocks, features: Sequence[BlockFeatures], labels: list, zone: set[int]) -> list[int]:
    """Guidelines 8.3: the comment section (``_comment_zone``) with a commenter's line under its heading, down to
    the next list's heading ("More top stories"): its lines left unlabelled are its sort controls, commenters'
    names and comments, none of them a teaser item however they are shaped. (A comment count in a teaser item,
    with the next item's time under it, opens a zone too: it has no commenter.)"""
    lines = sorted(zone)[1:]
    if not any(_commenter(blocks[index].text, features[index]) for index in lines[:COMMENT_HEAD_REACH]):
        return []
    thread = []
    for index in lines:
        if features[index].is_list_heading:
            break
        if labels[index] is None:
            thread.append(index)
    return thread


# A comment section printing each comment under its writer's bare name shows at least this many such pairs, its
# writer's name at most COMMENTER_NAME_MAX_WORDS words ("Daniel Roy", "Suzanne P."), and stands within this many lines.
NAMED_COMMENTS_MIN_PAIRS = 2
COMMENTER_NAME_MAX_WORDS = 3
COMMENT_SECTION_MAX_LINES = 40


def _commenter_name(f: BlockFeatures, text: str) -> bool:
    """A commenter's bare name: a few words, each opening with a capital (or in a script without case), no digits, no
    prose; an initial's full stop ("Suzanne P.") ends no sentence."""
    words = text.split()
    return (0 < len(words) <= COMMENTER_NAME_MAX_WORDS and not f.text_like and f.digit_share == 0
            and not f.is_furniture and not f.is_list_heading and all(not word[:1].islower() for word in words))


def _named_comments(blocks, features: Sequence[BlockFeatures], labels: list,
                    groups: frozenset[int] = frozenset()) -> list[int]:
    """Guidelines 8.3: on a story page (a line of it is the article's), the comment section under its heading
    (``line_marks``: "Comments", "86 commentaires") that prints each comment under its writer's bare name -- a name,
    then the comment's sentences with their stops, ``NAMED_COMMENTS_MIN_PAIRS`` times or more -- is the site's down to
    the next list heading (or, in a plain text parted by blank lines, to its group's end): its names, comments and
    prompts ("Log in to comment.") are no teaser items, however much a columnist's name over a headline a pair looks
    like. (A comment section whose commenters carry a time or their "says:" is read by ``_comment_thread``.)"""
    n = len(blocks)
    if not any(label is not None and label.label == ARTICLE for label in labels):
        return []
    for heading in range(n):
        if (labels[heading] is not None and labels[heading].label == ARTICLE) or features[heading].n_words > 6 \
                or not line_marks(blocks[heading].text)[0]:
            continue
        end = heading + 1
        while (end < min(n, heading + COMMENT_SECTION_MAX_LINES) and end not in groups
               and not features[end].is_list_heading
               and not (labels[end] is not None and labels[end].label == ARTICLE)):
            end += 1
        pairs = sum(1 for index in range(heading + 1, end - 1)
                    if _commenter_name(features[index], blocks[index].text)
                    and features[index + 1].ends_like_sentence and features[index + 1].n_words >= 3)
        if pairs >= NAMED_COMMENTS_MIN_PAIRS:
            return [index for index in range(heading + 1, end)
                    if labels[index] is None or labels[index].label == TEASER]
    return []


def _commenter(text: str, f: BlockFeatures) -> bool:
    """A commenter's line: a name and its colon ("joetoronto says:"), or a name ending in the comment's age."""
    return line_marks(text)[2] or (f.n_words <= COMMENT_HEAD_MAX_WORDS and _COMMENT_HEAD_RE.search(text) is not None)


_LINK_DENSITY = DOM_FEATURE_NAMES.index("link_density")


def _headline_runs(features: Sequence[BlockFeatures], evidence: Sequence[BlockEvidence], start: int,
                   end: int) -> set[int]:
    """Inside the story, two or more headline-shaped lines in a row are a list of links, not sub-headings
    -- unless the page marks them up as headings, or (the HTML path) prints none of them as a link below the body's
    first paragraph. A byline ("记者 周以宁 发自上海", "By Jane
    Roe in Paris") is shaped as a headline but is none: the story's head has it between its headline and its widgets."""
    found: set[int] = set()
    run: list[int] = []
    body_begun = False  # a paragraph of the story's body (one the island rule keeps) lies above
    for index in [*range(start, end), None]:
        f = features[index] if index is not None else None
        if (f is not None and f.headline_like and f.n_words >= 4 and not f.text_like and not f.is_byline
                and not evidence[index].heading):
            run.append(index)
            continue
        # on the HTML path a list of links shows a link: inside the body, headline-shaped lines with no link text
        # at all are the story's own short lines (a fact box's points: guidelines 6 step 2), where a list of
        # stories links each line, or some words of it ("Paid political ads are not the problem. <a>Our
        # perceptions are</a>"); above the body they are its head's caption and credit, left to the rules for those
        if len(run) >= 2 and not (body_begun and evidence[run[0]].dom
                                  and not any(evidence[i].dom[_LINK_DENSITY] for i in run)):
            found.update(run)
        run = []
        body_begun = body_begun or (f is not None and f.text_like and f.n_words >= MIN_ISLAND_WORDS)
    return found


# A byline printed piece by piece has lines of at most this many words: "By", a name, a handle, a date.
BYLINE_PIECE_MAX_WORDS = 3


def _standfirst_under_page_headline(blocks, features, evidence, title: str | None, start: int, end: int) -> int | None:
    """Guidelines 8.1: the run's first block when it is the story's standfirst -- prose right under the line the
    page marks as its headline (a headline hint: an <h1>, the page's title), with only the byline's pieces (a
    byline or a date among them: "By", names, handles, the date, a player's "Close", a drop cap) between it and
    the body's first paragraph."""
    f = features[start]
    if start == 0 or not f.text_like or f.is_furniture:
        return None
    above = blocks[start - 1].text
    if not (evidence[start - 1].headline > 0 or (title and _title_similarity(above, title) >= 0.6)):
        return None
    byline = False
    for index in range(start + 1, end):
        f = features[index]
        if f.text_like:
            return start if byline and not f.is_furniture else None
        # under the byline or date, the site's widgets ("Ajouter à vos sélections") and the lead photo's caption
        # may stand before the body: any line that is not prose
        if not (byline or f.is_byline or f.is_timestamp or f.n_words <= BYLINE_PIECE_MAX_WORDS):
            return None
        byline = byline or f.is_byline or f.is_timestamp
    return None


def _standfirst(blocks, features, evidence, window: range) -> int | None:
    """With no headline near the body, the standfirst: the prose line right above the byline, when only
    the byline's pieces (short lines that are not prose: "By", names, handles, the date, share buttons)
    stand between it and the body -- the headline above it is then too far up to be found."""
    for index in reversed(window):
        f = features[index]
        if f.is_byline or f.is_timestamp or (not f.text_like and f.n_words <= BYLINE_PIECE_MAX_WORDS):
            continue
        text = blocks[index].text
        if (f.text_like and not f.is_furniture and not evidence[index].template and not is_caption_credit(text)
                and not is_notice(text) and not _credit_line(blocks, features, index + 1)):
            return index  # (a caption over its photo's credit is no standfirst, guidelines 8.4)
        return None
    return None


def _entry_head(features, index: int) -> bool:
    """Whether blocks ``index`` and ``index + 1`` are a live-blog entry's time and heading."""
    return features[index].is_timestamp and _entry_heading(features[index + 1])


def _entry_heading(f: BlockFeatures) -> bool:
    """Whether a line under an entry's time is shaped as its heading: a headline, or a word or two ("Polls
    closed", "Closing summary", "Turnout 38.4%") -- no prose, time, byline or furniture."""
    return ((f.headline_like or 0 < f.n_words < 3) and not f.text_like and not f.is_timestamp and not f.is_byline
            and not f.is_furniture and not f.is_list_heading)


def _entry_heads(features, labels: list, start: int, end: int) -> Iterator[int]:
    """The lines of the story's run that open an entry with a time and a heading (``_entry_head``): a live blog's
    layout (guidelines 8.5), which a story's own lines repeat around the run."""
    # (the time first: most lines of a run are none, answered before the labels and the call)
    return (i for i in range(start, end - 1) if features[i].is_timestamp and labels[i].label == ARTICLE
            and labels[i + 1].label == ARTICLE and _entry_head(features, i))


def _has_entry_heads(features, labels: list, start: int, end: int) -> bool:
    """Whether entries of the story's run open with a time and a heading (``_entry_heads``)."""
    return next(_entry_heads(features, labels, start, end), None) is not None


# A live blog's layout (``_entry_head``) shows at least this many entry heads; a story's date over a short line of its
# head is one.
LIVE_MIN_ENTRY_HEADS = 2


def _entry_head_count(features, labels: list, start: int, end: int) -> int:
    """How many entries of the story's run open with a time and a heading (``_entry_heads``)."""
    return sum(1 for _ in _entry_heads(features, labels, start, end))


# Entries whose time the model took out, and kept their heading and text, show a live blog's layout from this many.
VETOED_ENTRY_HEADS_MIN = 2


def _vetoed_entry_heads(features, labels: list, vetoed: list[int], end: int) -> bool:
    """Guidelines 8.5: whether the run is a live blog whose entry times the learned model took out one by one (a bare
    time reads as a teaser list's): ``VETOED_ENTRY_HEADS_MIN`` entries or more of a vetoed time (``_entry_head``),
    its heading (kept, or taken out too) and the entry's prose kept under it."""
    taken_out = set(vetoed)
    return sum(1 for index in vetoed
               if index + 2 < end and _entry_head(features, index)
               and (labels[index + 1].label == ARTICLE or index + 1 in taken_out)
               and labels[index + 2].label == ARTICLE and features[index + 2].text_like) >= VETOED_ENTRY_HEADS_MIN


def _entry_lines(blocks, features, vetoed: list[int]) -> list[int]:
    """Guidelines 8.5: in a live blog every entry's time, heading and byline are the story's. Of the lines the
    learned model took out of the run (``vetoed``), those shaped so: an entry's time of day alone
    (``_clock_time``), a heading right under one, and a name (of at most ``BYLINE_PIECE_MAX_WORDS`` words, or
    ``_name_shaped``) right above one, or above an ad label or the entry's "Related: …" link above one (the writer
    of the entry above it). The model reads each bare line alone, as a teaser list's time or headline; the entries
    around it tell what it is. A key-events box's lines, times with their headings, are none of these."""
    def entry_time(index: int) -> bool:
        return 0 <= index < len(blocks) and _clock_time(features[index], blocks[index].text)

    def next_entry_time(index: int) -> bool:
        # an ad label, or the entry's link to another story ("Related: …", a teaser), may stand between an
        # entry's last line and the next entry's time
        return entry_time(index + 1) or (index + 2 < len(blocks) and entry_time(index + 2) and (
            line_marks(blocks[index + 1].text)[1]
            or (features[index + 1].n_words <= INLINE_TEASER_MAX_WORDS and _read_more(blocks[index + 1].text))))

    found = []
    for index in vetoed:
        f = features[index]
        if (entry_time(index)
                or (entry_time(index - 1) and _entry_heading(f))
                or (next_entry_time(index) and ((not f.text_like and not f.headline_like
                                                  and f.n_words <= BYLINE_PIECE_MAX_WORDS)
                                                 or _name_shaped(f, blocks[index].text)))):
            found.append(index)
    return found


def _entry_head_above(features, labels: list, start: int, live: bool) -> list[int]:
    """Guidelines 8.5: a live blog's entries are the story. Its first entry's time and heading cost more than
    they earn, so the run starts under them; in a run whose entries open so (``live``), the two lines right
    above the run that do the same open its first entry."""
    if (not live or start < 2 or labels[start - 2] is not None or labels[start - 1] is not None
            or not _entry_head(features, start - 2)):
        return []
    return [start - 2, start - 1]


# A jump link is as long as a heading at most, and the time before a heading in it ("22:14 Exit poll ...") is
# set off by at most these characters.
JUMP_LINK_MAX_WORDS = 30
_JUMP_SEPARATORS = " -–—|:·•"
# A box of jump links names at least this many of the story's headings.
JUMP_BOX_MIN_ENTRIES = 2


def _jump_links(blocks, features, labels: list, body_start: int) -> tuple[list[int], list[int]]:
    """Guidelines 8.5: "Key events" and contents lists jump to the story's own entries on the same page; they
    are boilerplate, not teasers. Such a link outside the story repeats one of the story's headings (an article
    line that is not prose), with the entry's time before it or not, and a box names ``JUMP_BOX_MIN_ENTRIES``
    of them. The links, and the headings they name."""
    headings: dict[str, list[tuple[str, int]]] = {}  # by the last word: the few headings a line's end can be
    for index in range(body_start, len(blocks)):
        f, label = features[index], labels[index]
        # a heading of a word or two is an entry's under its time ("23.02 GMT", "Polls closed")
        if (label is not None and label.label == ARTICLE and _entry_heading(f) and (
                f.headline_like or (index > 0 and _clock_time(features[index - 1], blocks[index - 1].text)))):
            heading = blocks[index].text.casefold()
            headings.setdefault(heading.rsplit(None, 1)[-1], []).append((heading, index))
    if sum(map(len, headings.values())) < JUMP_BOX_MIN_ENTRIES:
        return [], []  # no box can name enough of them (most stories)
    found: dict[int, tuple[str, int]] = {}  # jump link -> the heading it repeats
    for index, (block, f) in enumerate(zip(blocks, features, strict=True)):
        if labels[index] is not None or f.text_like or not 0 < f.n_words <= JUMP_LINK_MAX_WORDS:
            continue
        text = block.text.casefold()
        for heading in headings.get(text.rsplit(None, 1)[-1], ()):
            before = text[:len(text) - len(heading[0])].rstrip(_JUMP_SEPARATORS) if text.endswith(heading[0]) else None
            if before is not None and (not before or features_of(before).is_timestamp):
                found[index] = heading
                break
    # a box lists several entries; copies of one heading are the story's headline printed again after its body
    # (a "highlights" strip), repeated in the page's header
    if len({heading for heading, _ in found.values()}) < JUMP_BOX_MIN_ENTRIES:
        return [], []
    return list(found), [index for _, index in found.values()]


# A box's heading ("Key events", "Les moments clés") has at most this many words.
BOX_HEADING_MAX_WORDS = 4


def _box_heading(f: BlockFeatures) -> bool:
    """Whether a line right above a box of jump links is its heading: a few words, not prose or a time."""
    return f.n_words <= BOX_HEADING_MAX_WORDS and not f.text_like and not f.is_timestamp and not f.is_byline


# A box of jump links has at most this many lines above its first: its heading and a toggle ("Key events", "Show
# key events only").
BOX_HEAD_LINES = 2


def _box_head(features, labels: list, jumps: Sequence[int]) -> list[int]:
    """Guidelines 8.5: the lines right above a box of jump links that are its heading or its toggle (``_box_heading``:
    a few words, no prose or time), as many as ``BOX_HEAD_LINES``, left unlabelled so far: the box's, boilerplate."""
    found = []
    index = min(jumps, default=0) - 1
    while index >= 0 and len(found) < BOX_HEAD_LINES and labels[index] is None and _box_heading(features[index]):
        found.append(index)
        index -= 1
    return found


# A headline and a deck under it, both shaped like headlines, have at least this many words each: a section
# name or kicker above a headline has fewer.
DECK_MIN_WORDS = 6


def _deck_pair(blocks, features, evidence, index: int) -> bool:
    """Guidelines 8.1: whether blocks ``index`` and ``index + 1`` are a headline and the deck under it, both
    shaped like headlines (no full stop), with the byline or date right under the deck -- the search for the
    headline takes the nearer of the two."""
    if index + 2 >= len(blocks) or not (features[index + 2].is_timestamp or _byline_at(blocks, features, index + 2)):
        return False
    # words between spaces: a link's address is one, however many words its path holds (a script written without
    # spaces has its words counted from its letters)
    return all(_teaser_head(features[i]) and (len(blocks[i].text.split()) >= DECK_MIN_WORDS or (
                   features[i].n_words >= DECK_MIN_WORDS and UNSPACED_LETTER_RE.search(blocks[i].text) is not None))
               and not evidence[i].template and not evidence[i].linked and not is_caption_credit(blocks[i].text)
               for i in (index, index + 1))


def _standfirst_under_headline(features, index: int) -> bool:
    """Whether block ``index``, shaped like a headline, is rather the standfirst under the one above it: prose
    in sentence case (a sentence with no full stop: "Union leaders say the cuts would leave ... "understaffed"")
    right under a headline in title case."""
    f = features[index]
    if not f.text_like or f.title_case_share >= TITLE_CASE_HEADLINE or index == 0:
        return False
    above = features[index - 1]
    return _teaser_head(above) and above.title_case_share >= TITLE_CASE_HEADLINE and not above.text_like


# A kicker in capitals closed by a full stop at a headline's start ("EN DIRECT.", "VIDÉO.", "EXCLUSIVE.") makes
# the headline two "sentences".
_KICKER_STOP_RE = re.compile(r"^[^\W\d_a-zß-ÿ][^\W\da-zß-ÿ]*(?: [^\W\d_a-zß-ÿ][^\W\da-zß-ÿ]*){0,2}[.:]\s+(?=\S)")


# A quotation in a headline, in the marks of guidelines 7.1 (each opening mark with the marks that close it), with the
# stop, colon or dash after it: "„Nie podpiszemy budżetu w tej formie”. Koalicja pęka", "‘We are not writing a blank
# check’: Senate leaders stall", "Mer: «Бюджет війни». Міськрада ухвалила". The opening mark starts a word and the
# closing one ends one, so an apostrophe ("Moscow’s") neither opens nor closes a quotation.
_HEADLINE_QUOTATION_RE = re.compile(
    r"(?:(?<![^\s:–—(-])(?:“[^“”]+”|‘[^‘’]+’|\"[^\"]+\"|'[^']+'|«[^«»]+»|„[^„“”]+[“”]|‚[^‚‘’]+[‘’]|「[^「」]+」"
    r"|『[^『』]+』|»[^»«]+[«»]|”[^”]+”)(?![^\W_]))\s*[.:!?…]*")
_QUOTATION_OPENERS = frozenset("“‘\"'«„‚「『»”")


def _headline_features(text: str, f: BlockFeatures) -> BlockFeatures:
    """The shape of a line as a headline: without a kicker in capitals before it (``_KICKER_STOP_RE``), and with each
    quotation it prints read as one word (``_HEADLINE_QUOTATION_RE``, guidelines 8.1 and 7.1): a headline citing
    what someone said ("„We will not sign it”. Coalition cracks") holds the quotation's full stop, question mark or
    the stop after it, which makes it two "sentences" and no headline to the plain count."""
    if f.n_sentences < 2:
        return f
    if not _QUOTATION_OPENERS.isdisjoint(text):
        unquoted = _HEADLINE_QUOTATION_RE.sub("Q ", text).strip()
        if unquoted != text.strip():
            g = features_of(unquoted)
            if g.n_sentences < 2:
                return g
    if not text[:1].isupper():
        return f
    kicker = _KICKER_STOP_RE.match(text)
    if kicker is None or not kicker.group().strip()[:-1].isupper():
        return f
    return features_of(text[kicker.end():])


# What parts a trail of sections ("Business | Markets | Finance", "Startseite › Region › Neustadt").
# (From the first of a run of white space only, and possessive: a split from each space of a long run, reading it to
# its end each time, is quadratic; a split from a later one of a run is one from its first anyway.)
_CRUMB_SEPARATOR_RE = re.compile(r"(?<!\s)\s++[|›»>/]\s+")
CRUMB_MIN_PARTS = 3


def _breadcrumbs(text: str) -> bool:
    """Whether ``text`` is a trail of section names: ``CRUMB_MIN_PARTS`` or more, of a few words each
    (``KICKER_MAX_WORDS``), parted by "|", "›", "»", ">" or "/" -- no headline."""
    parts = _CRUMB_SEPARATOR_RE.split(text)
    return len(parts) >= CRUMB_MIN_PARTS and all(len(part.split()) <= KICKER_MAX_WORDS for part in parts)


def _options_row(text: str) -> bool:
    """Whether ``text`` is a control's label and its options ("Sort by: Relevance | Date", in any language): a label
    of a few words (``KICKER_MAX_WORDS``) and a colon, then two options or more of a few words each, parted as a trail
    of sections is (``_CRUMB_SEPARATOR_RE``) -- no headline."""
    label, colon, options = text.partition(": ")
    if not colon or len(label.split()) > KICKER_MAX_WORDS:
        return False
    parts = _CRUMB_SEPARATOR_RE.split(options)
    return len(parts) >= 2 and all(len(part.split()) <= KICKER_MAX_WORDS for part in parts)


# Three numbers in a row, parted by spaces: "1 2 3", as a list's row of page numbers opens.
_NUMBER_ROW_RE = re.compile(r"(?<![\d.,:/])(\d{1,4}) (\d{1,4}) (\d{1,4})(?![\d.,:/])")


def _page_numbers(text: str) -> bool:
    """Whether ``text`` is a list's row of page numbers in any language ("1 2 3 … 129 Next »", "Page 4 5 6 … 18"):
    three numbers in a row, each one more than the one before -- no headline (guidelines 8.3)."""
    return any(int(b) == int(a) + 1 and int(c) == int(b) + 1 for a, b, c in _NUMBER_ROW_RE.findall(text))


def _link_row(text: str) -> bool:
    """Whether ``text`` is a row of links parted by " | ": the site's (``_breadcrumbs``: "Imprint | Privacy | Terms")
    or a control's options (``_options_row``) -- no headline."""
    return " | " in text and (_breadcrumbs(text) or _options_row(text))


# The clock of an audio or video player not yet started, with the clip's length after it or not: "00:00", "0:00",
# "00:00 / 06:41" (a story's time of day has its date).
_PLAYER_CLOCK_RE = re.compile(r"^0{1,2}:00(?::00)?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
# "00:00 / 06:41": the clock and the clip's length, four numbers
PLAYER_CLOCK_MAX_WORDS = 4


def _headline_and_byline(blocks, features, evidence, scores, body_start: int, title: str | None,
                         jumps: Sequence[int] = ()) -> list[int]:
    """Blocks just above the body that belong to the story: headline, standfirst, byline, dateline (``_story_head``),
    and the byline or dates the site prints right over the headline (``_marks_over_headline``)."""
    headline, chosen = _story_head(blocks, features, evidence, scores, body_start, title, jumps)
    chosen = chosen if headline is None else [*_marks_over_headline(blocks, features, headline), *chosen]
    if evidence[body_start].dom:
        return chosen  # the HTML path: the head above the DOM's article body is left as found (an owner decision)
    above = _head_above(blocks, features, evidence, min(chosen, default=body_start))
    if above and not chosen:
        # the head found above the run's first line, which the rules took for none of it: that line is the
        # standfirst (or the story's first paragraph), and the byline's lines right under it are the head's
        row = _byline_row(blocks, features, body_start + 1)
        chosen = [body_start, *row] if any(_byline_at(blocks, features, index) for index in row) else [body_start]
    return [*above, *chosen]


def _head_shaped_headline(blocks, features, evidence, index: int) -> bool:
    """Whether block ``index`` is shaped as a story's headline (guidelines 8.1), in any language: one line of more
    than ``KICKER_MAX_WORDS`` words, one sentence or two (a quotation and what frames it: "Strike called off.
    Unions: «We won»"), no full stop at its end, no byline or date, no furniture, trail of sections, row of links, tool, reading time,
    caption or photo credit, and not a line the site prints on its other pages."""
    f, text = features[index], blocks[index].text
    if (f.n_words <= KICKER_MAX_WORDS or f.ends_with_full_stop or f.is_timestamp or f.is_furniture
            or evidence[index].template):
        return False  # (a section's kicker over the headline has a few words: "Prozess am Bundesstrafgericht")
    if len(text.split()) <= KICKER_MAX_WORDS and UNSPACED_LETTER_RE.search(text) is None:
        return False  # a link's address: many words by the word pattern, one between spaces
    g = _headline_features(text, f)
    return (g.n_sentences <= 2 and not (f.is_byline or _byline_at(blocks, features, index))
            and len(_CRUMB_SEPARATOR_RE.split(text)) == 1 and not _tool_line(f, text)
            and READ_TIME_RE.search(text) is None and not is_caption_credit(text) and not _photo_credit(text))


# The standfirst's byline or date stands at most this many lines under it (the byline, then the date; or a
# writer's name the rules do not read as one, then the date).
STANDFIRST_MARK_REACH = 2


def _head_above(blocks, features, evidence, top: int) -> list[int]:
    """Guidelines 8.1, the plain-text path: the headline right over the story's standfirst, where the head the rules
    found (or the run) opens with the standfirst and the byline or date stands under it (``STANDFIRST_MARK_REACH``):
    a head in its order -- headline, standfirst, byline, dates -- whatever the model made of the headline (a
    headline framing a quotation is two "sentences" to the plain count: ``_head_shaped_headline``), with the byline
    printed right over it (``_marks_over_headline``). Empty otherwise: a line shaped as a headline over a story's
    first lines without that order -- a widget's, a teaser's, the page's own title -- is left as the rules found it
    (the benchmark's article body leaves out the story's head: each such line costs its text F1)."""
    if top < 1 or not _head_shaped_headline(blocks, features, evidence, top - 1):
        return []
    f, text = features[top], blocks[top].text
    # (the standfirst says more than the headline over it: a shorter line under a headline is the next item of a list)
    if not (f.text_like and f.title_case_share < TITLE_CASE_HEADLINE and f.n_words > features[top - 1].n_words
            and not is_caption_credit(text)):
        return []
    if not any((features[index].is_timestamp and READ_TIME_RE.search(blocks[index].text) is None)
               or _byline_at(blocks, features, index)
               for index in range(top + 1, min(len(features), top + 1 + STANDFIRST_MARK_REACH))):
        return []
    return [*_marks_over_headline(blocks, features, top - 1), top - 1]


def _marks_over_headline(blocks, features, headline: int) -> list[int]:
    """Guidelines 8.1: the story's byline printed right over its headline ("Par Jane Roe | Publié le …"), as some sites
    print it, is the story's, like one under it. (A date alone there is left as the rules found it: the benchmark's
    article body leaves out the story's head, and sites that print the date over the headline -- agencies' -- cost it
    0.0006 text F1 with no other change.)"""
    if headline > 0 and features[headline - 1].is_byline:
        return [headline - 1]
    if headline > 1 and features[headline - 1].is_timestamp and features[headline - 2].is_byline:
        return [headline - 2, headline - 1]  # the byline and the date under it, over the headline
    return []


def _marks_over_run_headline(blocks, features, body_start: int, title: str | None) -> list[int]:
    """Guidelines 8.1: the story's byline and date printed right over its headline, where the run opens -- with the
    date under the byline ("Von Jane Roe, Stuttgart", "27.11.2026 – 11:14 Uhr", then the headline) or with the
    standfirst under the headline ("Jane Roe", "Courts Correspondent", "Thursday 3 February 2025 08:40 GMT", the
    headline, the standfirst): the byline's lines, the headline and the standfirst are the story's head, the headline
    the last of the list -- the head is not looked for above the byline, where the site's name or menu stands. Empty
    when the run opens otherwise, or when the page's ``title`` does not name the line taken for the headline."""
    first = features[body_start]
    if first.is_timestamp:
        headline = body_start + 1
    elif (body_start > 0 and first.text_like and first.title_case_share < TITLE_CASE_HEADLINE
          and not first.ends_like_sentence and not is_caption_credit(blocks[body_start].text)):
        # the run opens with the standfirst: prose without its full stop (under a photo's caption, the run's first
        # paragraph has its stop)
        headline = body_start - 1
    else:
        return []
    if headline >= len(features):
        return []
    f = _headline_features(blocks[headline].text, features[headline])
    if not (f.headline_like and f.n_sentences <= 1 and not (f.is_byline or f.is_timestamp or f.is_furniture)
            and not _options_row(blocks[headline].text) and not _breadcrumbs(blocks[headline].text)
            and not _labelled_piece(f, blocks[headline].text) and READ_TIME_RE.search(blocks[headline].text) is None):
        # (a share row under the dates, "Share: Facebook | X", or the reading time, "Reading time: 5 min", is shaped
        # as a headline but is none)
        return []
    if title and _title_similarity(blocks[headline].text, title) < 0.6:
        return []  # a page with its title names its headline: a widget's line under the dates is none
    row = []  # the byline's row over the headline, read upwards: dates, the writer's title, the byline
    index = headline - 1
    while index >= 0 and ((features[index].is_timestamp and READ_TIME_RE.search(blocks[index].text) is None)
                          or _byline_at(blocks, features, index) or _writer_title(blocks, features, index)):
        row.insert(0, index)
        index -= 1
    # a name without its "By" has two words or more: a section's kicker over the dates ("POLITICS") has one
    if not (any(features[index].is_timestamp for index in row)
            and any(features[index].is_byline or (_byline_at(blocks, features, index)
                                                  and len(blocks[index].text.split()) >= 2) for index in row)):
        return []
    head = [*row, headline]
    under = headline + 1
    if (under < len(features) and features[under].text_like
            and features[under].title_case_share < TITLE_CASE_HEADLINE and not is_caption_credit(blocks[under].text)):
        head.insert(-1, under)  # the standfirst under the headline, prose in sentence case (the headline stays last)
    return head


def _story_head(blocks, features, evidence, scores, body_start: int, title: str | None,
                jumps: Sequence[int] = ()) -> tuple[int | None, list[int]]:
    """The story's headline (None when none is found) and the blocks just above the body that belong to the story:
    headline, standfirst, byline, dateline. A box of links jumping to the story's entries (``jumps``) stands between
    the body and the headline: the headline is looked for above it, and as near to it as to the body."""
    if _standfirst_over_byline(blocks, features, body_start):
        # the run opens with the standfirst: a share bar, a player or a photo's caption between the head and the
        # paragraphs parted the byline's lines and the headline from the story, whatever the model or
        # _drop_islands made of them
        return body_start - 1, [body_start - 1, body_start, *_byline_row(blocks, features, body_start + 1)]
    marks = _marks_over_run_headline(blocks, features, body_start, title)
    if marks:
        return marks[-1], marks
    window = range(max(0, body_start - HEADLINE_REACH), body_start)
    box = min((index for index in jumps if index in window), default=None)
    first = features[body_start]
    if (box is None and first.headline_like and first.n_sentences <= 1 and not first.is_byline
            and not first.is_timestamp and not (_standfirst_under_headline(features, body_start)
                                                 and not _breadcrumbs(blocks[body_start - 1].text))):
        # the run starts with its own headline: the byline and the dates right under it, or under the standfirst
        # under it, are the story's, whatever the model reads in them (a line under a box of jump links is the box's
        # toggle, "Show key events only": the headline stands above the box); a trail of sections over it ("Home >
        # News > Courts") is no headline it would be the standfirst of (guidelines 8.1)
        if _deck_pair(blocks, features, evidence, body_start):
            # the headline over its deck, both shaped as headlines, and the byline under them: the three are the
            # story's head whatever the model made of the deck or _drop_islands of the headline it cut off
            row = _byline_row(blocks, features, body_start + 2)
            return body_start, [body_start, body_start + 1, *row] if any(
                _byline_at(blocks, features, index) for index in row) else []
        below = body_start + 1 + (body_start + 1 < len(features) and features[body_start + 1].text_like)
        # the photo between the head and the byline: its caption over its credit, or the credit alone (8.4) -- not
        # the byline shaped as a credit ("Jane Roe / Kirkhaven" over the date)
        if (below < len(features) and not features[below].is_timestamp and not _byline_at(blocks, features, below)
                and _credit_line(blocks, features, below + 1) and not _byline_at(blocks, features, below + 1)):
            below += 2
        elif _credit_line(blocks, features, below) and not _byline_at(blocks, features, below):
            below += 1
        row = _byline_row(blocks, features, below)
        return body_start, row if any(_byline_at(blocks, features, index) for index in row) else []
    if box is not None:
        if box > 0 and _box_heading(features[box - 1]):
            box -= 1  # the box's own heading ("Key events") is no headline
        window = range(max(0, box - HEADLINE_REACH), box)
    headline: int | None = None
    best = 0.0
    for index in window:
        f = _headline_features(blocks[index].text, features[index])
        hint = evidence[index].headline
        if title:
            hint += 2.0 * (_title_similarity(blocks[index].text, title) >= 0.6)
        # the byline or date right under or above the line, or under the standfirst right under it: the headline
        # over its standfirst and byline is the story's head however many widgets part it from the body (8.1)
        dated = _dated(blocks, features, index) or _standfirst_over_byline(blocks, features, index + 1)
        # the byline under the standfirst under the headline: the head's three lines, found by their byline when the
        # headline stands beyond the window (the search adds the two above it), before a widget's or a caption's
        # line nearer the body that is shaped as a headline ("Listen to this story"); a byline carrying its date on
        # its own line is left to the plain search (no dev page needs it, and the benchmark's one such head, over
        # seven share buttons, is outside its article body: 0.0005 text F1)
        head_byline = (index > 1 and features[index - 1].text_like and not features[index].is_timestamp
                       and _byline_at(blocks, features, index)
                       and _standfirst_over_byline(blocks, features, index - 1))
        dated = dated or head_byline
        looks = (f.headline_like and f.n_words >= 3 and not f.is_furniture and not f.is_byline
                 # a writer's title right under the byline ("Political Editor") is no headline, nor the byline
                 # by the writer's role ("Author: Jane Roe" over the date)
                 and not (index > 0 and features[index - 1].is_byline)
                 and not (":" in blocks[index].text and _byline_at(blocks, features, index))
                 and not (_job_title(f, blocks[index].text) and _byline_at(blocks, features, index - 1))
                 # a story's headline comes back on the site's other pages as their teaser: printed on several
                 # pages, it is the headline still where the story's byline or date stands next to it (``_dated``)
                 and not (evidence[index].template and not dated) and not _breadcrumbs(blocks[index].text)
                 and not (f.digit_share > 0 and _market_line(blocks[index].text))) or head_byline
        if is_caption_credit(blocks[index].text) or _photo_credit(blocks[index].text):
            continue  # a photo caption naming the story's subject echoes the title but is no headline
        if _tool_line(f, blocks[index].text):
            continue  # a site's tool under the date ("Offrir cet article") is shaped as a headline but is none
        if looks or hint > 0:
            value = hint + (1.0 if looks else 0.0) + (0.3 if f.title_case_share >= 0.6 else 0.0) \
                + 0.15 * (index - window.stop) + DATED_HEADLINE_GAIN * dated
            if value > best:
                best, headline = value, index
    standfirst = headline is None
    if standfirst:
        headline = _standfirst(blocks, features, evidence, window)
    if headline is None:
        return None, []
    chosen = [headline]
    if headline - 1 in window and _deck_pair(blocks, features, evidence, headline - 1):
        chosen.insert(0, headline - 1)  # the headline above the deck the search came to first
    elif _standfirst_over_byline(blocks, features, headline):
        chosen.insert(0, headline - 1)  # the headline above the standfirst the search came to first
    elif (headline - 2 >= 0 and _byline_at(blocks, features, headline)
          and (_standfirst_over_byline(blocks, features, headline - 1)
               or _deck_pair(blocks, features, evidence, headline - 2))):
        # the search came to the byline: the headline and the standfirst above, or the headline and its deck
        chosen[:0] = [headline - 2, headline - 1]
    for index in range(headline + 1, body_start):
        f = features[index]
        if evidence[index].template or f.is_list_heading or scores[index] <= -LIST_HEADING_COST:
            continue
        if index == headline + 1 and _deck_pair(blocks, features, evidence, headline):
            chosen.append(index)  # the deck under the headline, a sentence without its full stop
            continue
        if READ_TIME_RE.search(blocks[index].text):
            continue  # "4 min read" is a site widget (guidelines 8.1)
        if f.n_words <= CAPTION_MAX_WORDS and is_caption_credit(blocks[index].text):
            continue  # the photo's caption between the byline and the body (guidelines 8.4)
        if f.text_like and _credit_line(blocks, features, index + 1):
            continue  # and a caption over the photo's credit printed as a line of its own
        if f.n_words <= PLAYER_CLOCK_MAX_WORDS and _PLAYER_CLOCK_RE.match(blocks[index].text):
            continue  # an audio player's clock ("Listen to this article", "00:00") is a widget (guidelines 8.1)
        if f.text_like and is_notice(blocks[index].text) and not _ends_in_prompt(blocks[index].text):
            continue  # the site speaking to its reader under the byline (guidelines 8.3)
        if (f.is_timestamp or (f.text_like and not f.is_furniture) or _byline_at(blocks, features, index)
                or _writer_title(blocks, features, index)
                or _CLOSING_CREDIT_RE.match(blocks[index].text)):
            chosen.append(index)
    if _byline_at(blocks, features, body_start) and chosen[-1] == body_start - 1:
        # the run opens with the byline right under the head: it, the writer's title and the dates are the story's,
        # whatever the model or _drop_islands made of them (a player or a photo parts them from the paragraphs)
        chosen.extend(_byline_row(blocks, features, body_start))
    return None if standfirst else chosen[0], chosen


# The story's head -- headline, standfirst, byline, dates -- is read within this many lines of its first article line.
HEAD_REACH = 12


def _tools_under_head(blocks, features, labels: list) -> list[int]:
    """Guidelines 8.1 and 8.4: the short lines between the story's head and its first paragraph -- under the last
    byline or date of the head, over the first line of prose -- are the site's widgets (share and comment buttons,
    "Listen", the font size, a comment or reading-time counter) or a photo's credit, in whatever language: a story's
    head closes with its byline or date, and what the story says comes as prose after it. A line of at most
    ``TOOL_LINE_MAX_WORDS`` words, no prose, no full stop, no date, byline or writer's title (``_job_title``: "Business
    Reporter" under the name when the date is not read as one), not the byline's name repeated ("Staff Reports" under
    "By Staff Reports -" and the date), not a dateline in capitals. The caller leaves out live
    blogs, whose entries open with a time and a short heading (``LIVE_MIN_ENTRY_HEADS``)."""
    first = next((index for index, label in enumerate(labels) if label and label.label == ARTICLE), None)
    if first is None:
        return []
    last_mark: int | None = None
    byline_words: set[str] = set()  # the words of the head's bylines: the writer's name repeated over the body is one
    for index in range(first, min(len(blocks), first + HEAD_REACH)):
        f = features[index]
        if f.is_timestamp or _byline_at(blocks, features, index):
            # (the head's byline or date, whatever label the run gave it)
            last_mark = index
            if not f.is_timestamp:
                byline_words.update(blocks[index].text.lower().split())
        elif f.text_like and last_mark is not None and labels[index] and labels[index].label == ARTICLE:
            return [between for between in range(last_mark + 1, index)
                    if labels[between] and labels[between].label == ARTICLE
                    and features[between].n_words <= TOOL_LINE_MAX_WORDS and not features[between].text_like
                    and not features[between].ends_with_full_stop
                    and not blocks[between].text.isupper()
                    and not _job_title(features[between], blocks[between].text)
                    and not byline_words.issuperset(blocks[between].text.lower().split())]
    return []


def _credit_line(blocks, features, index: int) -> bool:
    """Whether block ``index`` is a photo's credit printed as a line of its own ("Supplied: Jane Roe", "Photo: …", "THE
    DAILY EXAMPLE/Jane Roe"): no prose, at most ``CREDIT_MAX_WORDS`` words."""
    if index >= len(features):
        return False
    f, text = features[index], blocks[index].text
    return not f.text_like and f.n_words <= CREDIT_MAX_WORDS and (_photo_credit(text) or is_caption_credit(text))


# A story's head prints at most this many dates in a row: published, updated.
HEAD_DATES_MAX = 2


def _standfirst_over_byline(blocks, features, index: int) -> bool:
    """Guidelines 8.1: whether block ``index`` is the story's standfirst between its headline and its byline --
    prose in sentence case, with its full stop or without, the byline right under it (or the dates, published and
    updated, with the byline under them) and a line shaped as a headline right above it (a long headline in title case
    is the story's own, whatever stands above it)."""
    if index == 0 or index + 1 >= len(features):
        return False
    f = features[index]
    above = _headline_features(blocks[index - 1].text, features[index - 1])
    # a headline of three words ("Jane Roe obituary") heads a standfirst as well as a longer one, not a kicker in
    # capitals ("BLACK DEATH FEARS") over a headline long enough to read as prose
    dates = index + 1  # the byline under the dates: published, then updated
    while dates < len(features) and dates - index <= HEAD_DATES_MAX and features[dates].is_timestamp:
        dates += 1
    return (f.text_like and f.title_case_share < TITLE_CASE_HEADLINE
            and _byline_at(blocks, features, dates)
            and (_teaser_head(above) or (above.headline_like and not (above.is_furniture or above.is_byline)
                                          and not blocks[index - 1].text.isupper()))
            and not is_caption_credit(blocks[index - 1].text))


def _writer_title(blocks, features, index: int) -> bool:
    """Whether block ``index`` is the writer's title right under the byline ("Local Government Editor"): a few words,
    no prose, furniture or digits ("6 min" under the byline is a player's). Under a byline without its "By"
    (``_byline_at``), only with the date right under it: a share tool's "Save" under the name is none."""
    f = features[index]
    if index > 0 and _job_title(f, blocks[index].text) and _byline_at(blocks, features, index - 1):
        return True
    if (index == 0 or f.text_like or f.is_furniture or f.digit_share > 0 or not 0 < f.n_words <= BYLINE_PIECE_MAX_WORDS
            or ("@" in blocks[index].text and _EMAIL_RE.search(blocks[index].text) is None)):
        return False  # (a handle, "Twitter: @janeroe", is the writer's account to follow, no title; an address is)
    return features[index - 1].is_byline or (
        index + 1 < len(features) and features[index + 1].is_timestamp and _byline_at(blocks, features, index - 1))


# A byline printed without its "By" -- the writer's name, with their title, desk or town ("Jade Thornton, Showbiz
# Reporter", "Sundar Sethuraman Mumbai", "Redacción") -- has at most this many words.
NAME_BYLINE_MAX_WORDS = 5
# A byline with its role ("Door onze verslaggever Sanne Hoekstra-de Wit") has at most this many characters.
NAME_BYLINE_MAX_CHARS = 80


# Words of a site's tools, which no byline holds: "Gift Article", "Save Story", "Listen Now" are capitalised as
# names are.
_TOOL_WORDS = frozenset("article articles story stories share save listen print comment comments subscribe follow gift "
                        "read email copy link more".split())


def _name_shaped(f: BlockFeatures, text: str) -> bool:
    """Whether a line could be a byline without its "By" (``NAME_BYLINE_MAX_WORDS``): no prose, time, digits or site
    furniture, no photo credit, and every word capitalised but a family name's particles (a script without case
    has no capitals: "中村 彩花")."""
    if (not 0 < f.n_words <= NAME_BYLINE_MAX_WORDS or f.text_like or f.is_timestamp or f.is_furniture
            or f.is_list_heading or f.digit_share > 0 or f.ends_like_sentence or _photo_credit(text)
            or is_caption_credit(text)):
        return False
    # a handle or an address ("@janedoe", "jane.doe@example.com") is a byline's piece but no name, nor is a label and
    # its value ("Ressort: Inland"); two writers are joined by "and" ("Jane Doe and John Roe")
    words = text.replace(",", " ").split()
    return "@" not in text and ":" not in text and all(
        (word[:1].isalpha() and not word[:1].islower()) or word in NAME_PARTICLES or word == "and"
        for word in words) and _TOOL_WORDS.isdisjoint(map(str.lower, words))


# A writer's title names their job ("BBC Wales health correspondent", "Senior Political Reporter"): at most this many
# words, one of them a job's.
JOB_TITLE_MAX_WORDS = 6
_JOB_WORDS = frozenset("correspondent correspondents editor editors reporter reporters writer columnist journalist "
                       "critic producer presenter analyst".split())
_JOB_ENDINGS = tuple(_JOB_WORDS)


# A one-word label and what it labels: "Editor: Jane Roe", "Interview: Jane Roe, Bern".
_LABELLED_NAME_RE = re.compile(r"^[^\W\d_]+\s?:\s*(\S.*)$")


def _labelled_name(text: str) -> bool:
    """Whether ``text`` is a one-word label and a name of two words or more (``_name_shaped``, a place after its comma
    too): a byline or a credit by its role ("Interview: Jane Roe, Bern", "Editor: Jane Roe"), in any language; not
    tags ("Tags: …") or a label and its one value ("Ressort: Inland")."""
    labelled = _LABELLED_NAME_RE.match(text) if ":" in text[:20] else None
    if labelled is None or _TAGS_RE.match(text) is not None:
        return False
    name = labelled[1]
    return len(name.split()) >= 2 and _name_shaped(features_of(name), name)


# "By" and the writer's role before the name: "Door onze verslaggever Sanne de Wit", "Par notre envoyée spéciale Jeanne
# Roe" -- the cue, then words only (a name's hyphens and apostrophes inside them).
_ROLE_BYLINE_RE = re.compile(f"^(?:{FOREIGN_BYLINE_CUES})" r"(?:\s+[^\W\d_][\w'’.-]*)+$", re.IGNORECASE)
# The role has one to three words, the name two to four.
ROLE_MAX_WORDS = 3
ROLE_NAME_WORDS = range(2, 5)


def _role_byline(text: str) -> bool:
    """Whether ``text`` is "by" in another language, the writer's role and their name (``_ROLE_BYLINE_RE``): the
    role's words with one in lower case, then the name's, capitalised but its particles. Shaped as a sentence's opening
    too ("Par ailleurs le ministre Jean Roe"): ``_byline_at`` takes it for a byline only with the story's date next to
    it."""
    if len(text) > NAME_BYLINE_MAX_CHARS or _ROLE_BYLINE_RE.match(text) is None:
        return False
    words = text.split()[1:]
    named = 0  # the name's words, counted from the end
    while named < len(words) and (words[-1 - named][:1].isupper() or words[-1 - named] in NAME_PARTICLES):
        named += 1
    role = words[:len(words) - named]
    return (named in ROLE_NAME_WORDS and words[-named][:1].isupper() and 0 < len(role) <= ROLE_MAX_WORDS
            and any(word[:1].islower() for word in role))


def _name_over_place(text: str) -> bool:
    """Whether ``text`` is the writer's name and their town parted by a slash ("Mert Yücel / DENİZLİ", "Jane Roe /
    Kirkhaven"): two pieces each shaped as a name (``_name_shaped``). Shaped as a photo's credit ("Jane Roe /
    Keystone") too: ``_byline_at`` takes it for a byline only with the story's date next to it, which no credit under a
    caption has."""
    parts = text.split(" / ")
    return len(parts) == 2 and all(_name_shaped(features_of(part), part) for part in parts)


# A row of the story's credits: a writer and an editor, a text's and its photos' authors, each under their label.
CREDITS_ROW_MAX_PARTS = 3


def _credits_row(text: str) -> bool:
    """Whether ``text`` is a row of two or more labelled names parted by bars ("Penulis: Jane Roe | Editor: John Roe",
    "Text: Jane Roe | Photos: John Roe", in any language: ``_labelled_name``): the story's byline whatever stands
    around it -- one labelled name alone may be a photo's credit ("Foto: Jane Roe"), two are the story's credits."""
    parts = text.split(" | ")
    return 2 <= len(parts) <= CREDITS_ROW_MAX_PARTS and all(map(_labelled_name, parts))


def _job_title(f: BlockFeatures, text: str) -> bool:
    """Whether a line is a writer's title naming their job (``_JOB_WORDS``): no prose, digits or furniture. A language
    that joins words writes the job as the end of one ("Vetenskapsreporter", "Wirtschaftsreporter")."""
    return (0 < f.n_words <= JOB_TITLE_MAX_WORDS and not f.text_like and not f.is_furniture and f.digit_share == 0
            and any(word.endswith(_JOB_ENDINGS) for word in text.lower().replace(",", " ").split()))


def _byline_at(blocks, features, index: int) -> bool:
    """Guidelines 8.1: whether block ``index`` is the story's byline -- "By …", or a name printed without the "By"
    (``_name_shaped``) that the story's date tells from a section's or a widget's label: the date right under it,
    or under the writer's title or a reading time right under it ("Lim Wei Ting", "Science Correspondent",
    "Updated …"), or a name of two words or more right under the date."""
    if not 0 <= index < len(features):
        return False
    f = features[index]
    if f.is_byline:
        return True
    text = blocks[index].text
    if " | " in text and _credits_row(text):
        return True
    # (" / " parts the name from the place: a line without it is answered without splitting it)
    if not (_name_shaped(f, text) or _labelled_name(text) or (" / " in text and _name_over_place(text))
            or _role_byline(text)):
        return False
    if index + 1 < len(features) and _job_title(features[index + 1], blocks[index + 1].text):
        return True  # the writer's title under the name ("Jane Roe", "Health correspondent")
    for after in range(index + 1, min(index + 3, len(features))):
        g = features[after]
        if g.is_timestamp and READ_TIME_RE.search(blocks[after].text) is None:
            return True
        if g.text_like or g.n_words > BYLINE_PIECE_MAX_WORDS or g.is_byline:
            break
    return index > 0 and features[index - 1].is_timestamp and len(blocks[index].text.split()) >= 2


def _byline_row(blocks, features, index: int) -> list[int]:
    """The byline's lines in a row from block ``index``: bylines (``_byline_at``), the writer's title
    (``_writer_title``) and the dates -- not "5 min read", which reads as a time but is a site widget -- and a short
    labelled piece between two of them ("Source: Reuters", "来源：东岸财经" between the date and the reporter's line),
    which the row goes on around: the story's credit, printed among its byline's lines (guidelines 8.1)."""
    row = []
    while index < len(features):
        goes_on = index + 1 < len(features) and (features[index + 1].is_timestamp
                                                 or _byline_at(blocks, features, index + 1))
        if features[index].is_timestamp and READ_TIME_RE.search(blocks[index].text) is not None:
            if not (row and goes_on):
                break
            # the reading time between the byline and the date is passed over (guidelines 8.1: a widget)
        elif (features[index].is_timestamp or _byline_at(blocks, features, index)
              or _writer_title(blocks, features, index)
              or (row and goes_on and _labelled_piece(features[index], blocks[index].text))):
            if (not (features[index].is_timestamp or features[index].is_byline) and features[index - 1].is_timestamp
                    and any(not features[taken].is_timestamp for taken in row)):
                break  # a second name under the dates of a row that has its byline is a widget's ("שתפו בפייסבוק",
                # share on Facebook, in a script without capitals reads as a name)
            row.append(index)
        else:
            break
        index += 1
    return row


_LABELLED_PIECE_RE = re.compile(r"^[^\W\d_]+\s?[:：]\s*\S")


def _labelled_piece(f: BlockFeatures, text: str) -> bool:
    """Whether a line is a one-word label and a value of a few words (``NAME_BYLINE_MAX_WORDS`` in all): no prose."""
    return (0 < f.n_words <= NAME_BYLINE_MAX_WORDS and not f.text_like and not f.is_furniture
            and _LABELLED_PIECE_RE.match(text) is not None)


def _dated(blocks, features: Sequence[BlockFeatures], index: int) -> bool:
    """Whether the story's byline or date stands right above or under block ``index`` (guidelines 8.1: the
    headline's neighbours): a video's or photo's title nearer the body has none."""
    # a reading time ("5 min read") reads as a time but is a widget's, which a share tool's line is as near to
    def story_date(i: int) -> bool:
        return 0 <= i < len(features) and ((features[i].is_timestamp and READ_TIME_RE.search(blocks[i].text) is None)
                                           or _byline_at(blocks, features, i))

    # under a byline's block of two lines or more (the writer, the date, "Updated …") stands the story's first
    # widget, caption or paragraph: the headline heads the block, and no second byline or date stands over a headline
    return story_date(index + 1) or (story_date(index - 1) and not story_date(index - 2))


def _teaser_head(f: BlockFeatures) -> bool:
    return (f.headline_like and f.n_words >= 4 and not f.is_furniture and not f.is_byline
            and not f.is_list_heading)


# A list of the story's tags or topics on one line (guidelines 6: boilerplate), not a headline.
_TAGS_RE = re.compile(r"^(?:tags?|tagged|topics?|filed under|categories|keywords|related topics)\s*:", re.IGNORECASE)
_TAGS_INITIALS = initials("tfckr")
# A summary cut short the way blogs print excerpts: "… the mayor said on Tuesday. […]".
_EXCERPT_END_RE = re.compile(r"\[(?:…|\.\.\.)\]$")
# The last lines of a promoted item: its "Read more" link and its comment count.
_ITEM_TAIL_RE = re.compile(
    r"^(?:read more|continue reading|read the full (?:story|article)|full story|(?:\d+|no|one) comments?|"
    r"comments?\s*\(\d+\)|(?:\d+|no|one) repl(?:y|ies)"
    # the comment count in German, French and Spanish: "312 Kommentare", "45 commentaires", "8 comentarios"
    r"|(?:\d+|kein|keine|ein|un|une|una?) (?:kommentare?|commentaires?|réactions?|comentarios?)"
    # a count printed bare with a thousands separator ("1,204"), which no rank or page number has
    r"|\d{1,3}(?:[,.\u202f]\d{3})+)\W*$", re.IGNORECASE)
# A gallery's or a visual story's count of its pictures, slides or clips, in English, German, French and Spanish.
_MEDIA_COUNT_RE = re.compile(r"^\d{1,4}\s+(?:photos?|pictures?|images?|slides?|videos?|fotos?|bilder|diapositivas)$",
                             re.IGNORECASE)
# The cue above a second story appended below the main one (infinite scroll).
_NEXT_STORY_RE = re.compile(r"^next (?:article|story|post)\s*[:»>›→]?$", re.IGNORECASE)
# The appended story is a full one, not one promoted item with its summary: this many paragraphs at least.
APPENDED_STORY_MIN_PARAGRAPHS = 2


def _appended_story_end(blocks, features, cue: int, through: int = 0, labels: list | None = None) -> int | None:
    """Where a second story appended under its cue ("Next article") ends: its lines up to ``through``, then each line
    such a story holds (``_appended_story_line``) that ``labels`` leaves open; None unless they hold
    ``APPENDED_STORY_MIN_PARAGRAPHS`` paragraphs."""
    last, prose = cue + 1, False
    while last < len(blocks) and (last < through or ((labels is None or labels[last] is None) and _appended_story_line(
            features[last], blocks[last].text, prose))):
        prose = prose or features[last].text_like
        last += 1
    return last if sum(f.text_like for f in features[cue + 1:last]) >= APPENDED_STORY_MIN_PARAGRAPHS else None
# A sponsor's line inside a promoted item, after its summary: "Paid for by Northway Bank".
_SPONSOR_LINE_RE = re.compile(
    r"^(?:paid (?:for )?by|sponsored by|presented by|promoted by|in partnership with|brought to you by)\s+\S",
    re.IGNORECASE)
# A paywall's mark on an item ("Z+", "SZ Plus", "F+ (abopflichtiger Inhalt)", "Subscribers only"): a badge that
# never heads a list.
# (A name before "+" is read possessively, a word that is no mark turned away without trying its shorter starts;
# its letters are of a script written with spaces: eight Han letters are four words, more than a badge holds.)
_MARK_LETTER = rf"[^\W\d_{UNSPACED_LETTERS}]"
_PAYWALL_BADGE = (rf"(?:{_MARK_LETTER}{{1,8}}+ ?\+(?: \((?:abopflichtiger inhalt|abo|premium|plus)\))?"
                  rf"|(?:{_MARK_LETTER}{{1,8}}? ?)?plus|abo|\(?abopflichtig(?:er inhalt)?\)?|subscribers? only|members only"
                  r"|réservé aux abonnés|solo para suscriptores"
                  # a premium article's mark in two words: "Premium-Artikel", "Artigo premium", "Prémiový článek"
                  rf"|(?:premium|prémiov[ýé])[- ]{_MARK_LETTER}{{1,10}}|{_MARK_LETTER}{{1,10}} premium)")
_PAYWALL_BADGE_RE = re.compile(rf"^{_PAYWALL_BADGE}$", re.IGNORECASE)
# The heading of a list of promoted stories from other sites (a native-ads widget), in English, German, French,
# Spanish, Italian, Dutch and Portuguese.
_SPONSORED_HEADING_RE = re.compile(
    r"^(?:sponsored|promoted|paid|partner|around the web|from the web|from our partners|ads by|anzeigen?|"
    r"gesponsert|publicité|contenus? sponsorisés?|contenido patrocinado|contenuti sponsorizzati|gesponsorde|"
    r"conteúdo patrocinado)", re.IGNORECASE)
# An advertiser's name with its label under a promoted headline: "Cruise Deals | Search Ads", "TechTipsDaily ·
# Sponsored".
_ADVERTISER_RE = re.compile(
    r"^[^|·•]{1,40}[|·•]\s*(?:sponsored|search ads|ads?|promoted|paid content|advertisement|anzeige|publicité|"
    r"sponsorisé|publicidad|patrocinado|gesponsord|sponsorizzato)$", re.IGNORECASE)
ADVERTISER_MAX_WORDS = 8


def _advertiser(f: BlockFeatures, text: str) -> bool:
    """Whether a line under a promoted headline names its advertiser: a few words that are no sentence, time or
    heading ("Retirement Insider", "HealthyJointsDaily"), or a name with its label (``_ADVERTISER_RE``)."""
    if f.text_like or f.is_timestamp or f.is_list_heading:
        return False
    return f.n_words <= KICKER_MAX_WORDS or (f.n_words <= ADVERTISER_MAX_WORDS
                                             and _ADVERTISER_RE.match(text) is not None)


def _list_goes_on(blocks, features, labels: list, index: int) -> bool:
    """Whether block ``index``, unlabelled, is the list's: an item's headline, a badge or a sponsor's line, a list
    heading, or furniture ("Load more")."""
    if index >= len(blocks) or labels[index] is not None:
        return False
    f, text = features[index], blocks[index].text
    return (f.is_furniture or f.is_list_heading or _item_head(features, labels, index)
            or _badge(text) or _SPONSOR_LINE_RE.match(text) is not None)


# A badge above one item's headline (guidelines 8.2: inside the item's extent, part of its teaser span): the
# kind of piece or of medium, in English, German, French, Spanish, Portuguese, Italian, Russian, Greek, Arabic,
# Chinese and Japanese (and a paywall's mark, ``_badge``), with the full stop or colon some sites print after it ("Live."). A
# site's section names ("Politics") are no badges: they head lists and fill menus.
_BADGE_RE = re.compile(
    r"^(?:sponsored|promoted|paid (?:post|content)|partner content|advertorial"
    r"|analysis|opinion|comment|commentary|column|exclusive|premium|video|watch|listen|live|live updates|breaking"
    r"|explainer|review|interview|podcast|gallery|photos|fact check"
    r"|kommentar|analyse|meinung|exklusiv|liveblog|bildergalerie|fotostrecke|eilmeldung"
    r"|tribune|éditorial|chronique|vidéo|en direct|direct|exclusif|abonnés|décryptage|entretien"
    r"|análisis|opinión|exclusiva|vídeo|en directo|directo|entrevista|tribuna|galería|última hora"
    r"|análise|opinião|exclusivo|ao vivo|analisi|commento|esclusiva|intervista|diretta|urgente"
    r"|manşet|özel|analiz|yorum|röportaj|canlı"
    r"|фото|видео|мнение|онлайн|эксклюзив|интервью"
    r"|فيديو|تحليل|رأي|مباشر|حصري|مقابلة"
    r"|影音|影片|視頻|视频|動画|直播|獨家|独家|評論|评论|社論|社论|專訪|专访|解説|速報|速报"
    # Greek, printed in capitals without their accents too ("ΑΝΑΛΥΣΗ")
    r"|αν[αά]λυση|[αά]ποψη|β[ιί]ντεο|σχ[οό]λιο|αποκλειστικ[οό]|συν[εέ]ντευξη|ζωνταν[αά])[.:]?$",
    re.IGNORECASE)
# What every paywall's mark holds (lower-cased): most lines are turned away without the regex.
_PAYWALL_GATE = LiteralGate(("+", "plus", "abo", "only", "réservé", "suscriptores", "premium", "prémiov"))


def _badge(text: str) -> bool:
    """Whether ``text`` is a badge (``_BADGE_RE``) or a paywall's mark (``_PAYWALL_BADGE_RE``)."""
    return _BADGE_RE.match(text) is not None or (_PAYWALL_GATE.could_match(text)
                                                 and _PAYWALL_BADGE_RE.match(text) is not None)


# The heading of an author's page over the list of their stories ("Articles by Neelam Pandey", "Alle Artikel von
# Anna Roth"), in English, German, French and Spanish: a list heading, not an item's headline. (Where it is used, the
# words every such heading holds, " by ", " von ", " de ", turn most lines away without the regex.)
_AUTHOR_LIST_HEADING_RE = re.compile(
    r"^(?:(?:all|more|latest|recent) )?(?:articles|stories|posts|columns|reports) by \S"
    r"|^(?:alle )?(?:artikel|beiträge) von \S|^(?:tous les )?articles de \S|^(?:artículos|notas) de \S", re.IGNORECASE)
AUTHOR_LIST_HEADING_MAX_WORDS = 8
# A headline in title case has at least this share of its content words capitalised.
TITLE_CASE_HEADLINE = 0.6
# A summary shaped like a headline (no closing punctuation) is this many times as long as the headline at
# least, or it is in sentence case under a headline in title case (SUMMARY_LOWER_SHARE_GAIN more of its words
# in lower case); the next item's headline in sentence case is neither ("Georgia election law faces new legal
# challenge", then "Schumer sets up vote on filibuster rules change").
SUMMARY_WORDS_RATIO = 1.5
SUMMARY_LOWER_SHARE_GAIN = 0.2
# A video's or an episode's running time shown in its item ("Duration: 2 minutes 11 seconds", "Dauer: 3 Min.", or
# bare: "41 Min."), in English, German, French and Spanish.
# With its label, the time may be a clock's: "Duration: 3:42", in Arabic "المدة: 3:42".
_RUNNING_TIME_LABEL = r"(?:duration|length|running time|dauer|länge|durée|duración|المدة)\s*:?\s*"
_RUNNING_TIME_RE = re.compile(
    rf"^{_RUNNING_TIME_LABEL}\d{{1,2}}:\d{{2}}(?::\d{{2}})?$|^(?:{_RUNNING_TIME_LABEL})?"
    r"(?:\d+\s*(?:h|hours?|hrs?|min|mins|minutes?|s|secs?|seconds?|std|stunden?|minuten?|sek|sekunden?|heures?|"
    r"secondes?|horas?|minutos?|segundos?)\.?\s*)+$", re.IGNORECASE)
# An item's time cut to a number and a unit: "2h", "45m", "3d".
_SHORT_TIME_RE = re.compile(r"^\d{1,2}\s?(?:s|m|min|h|hr|d|w)$", re.IGNORECASE)
# An item's date written year first with slashes or dots, as Japanese, Chinese and Korean sites print it, with its
# clock time: "2026/11/20", "2026.11.20 18:05".
_YEAR_FIRST_DATE_RE = re.compile(r"^[12]\d{3}([/.])\d{1,2}\1\d{1,2}(?:\s+\d{1,2}:\d{2})?$")
YEAR_FIRST_DATE_MAX_WORDS = 5
RUNNING_TIME_MAX_WORDS = 8
# An item's time told relative to now in German, French, Spanish, Portuguese, Italian, Dutch, Swedish, Norwegian,
# Danish, Russian and Arabic ("vor 3 Std.", "il y a 2 heures", "hace 5 minutos", "3 ore fa", "gestern, 22:15",
# "3 dagar sedan", "for 2 timer siden", "2 часа назад", "منذ 4 ساعات"), and an Arabic date; the English ones are
# timestamps already.
_TIME_UNITS = (r"(?:sek\.?|sekunden|min\.?|minuten?|minutes?|minutos?|minuti|std\.?|stunden?|h|heures?|horas?|ore|uur"
               r"|tagen?|jours?|días?|dias|giorni|dagen)")
_RELATIVE_TIME_RE = re.compile(
    rf"^(?:(?:vor|il y a|hace|há)\s+\d{{1,3}}\s*{_TIME_UNITS}|\d{{1,3}}\s*{_TIME_UNITS}\s+(?:fa|geleden)"
    r"|(?:för\s+|for\s+)?\d{1,3}\s*(?:sekunder|minuter|minutter|minut|minutt|min\.?|timmar|timme|timer|time|t"
    r"|dagar|dager|dage|dag|døgn)\s+(?:sedan|siden)"
    r"|\d{1,3}\s*(?:секунд[уы]?|сек\.?|минут[уы]?|мин\.?|час(?:а|ов)?|дн(?:я|ей)|день)\s+назад"
    # the Russian day word only with its clock time ("вчера, 22:15"): bare, it is the date line parting a list by
    # day ("Вчера", guidelines 8.2)
    r"|(?:вчера|сегодня),?\s+(?:в\s+)?\d{1,2}:\d{2}"
    r"|(?:gestern|heute|hier|aujourd'hui|ayer|hoy|ontem|hoje|ieri|oggi|gisteren|vandaag)"
    r"(?:,?\s+(?:um |à |a las |às |alle |om )?\d{1,2}[:.h]\d{2}(?: uhr)?)?"
    # Arabic: "منذ 4 ساعات", "منذ ساعتين" (two hours: a dual has no number), "منذ يوم"; and a date, "25 نوفمبر 2026"
    r"|منذ\s+(?:\d{1,3}\s+)?(?:ثوان|ثانية|دقيقة|دقيقتين|دقائق|ساعة|ساعتين|ساعات|يوم|يومين|أيام|أسبوع|أسبوعين|أسابيع)"
    r"|\d{1,2}\s+(?:يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر)(?:\s+\d{4})?)$",
    re.IGNORECASE)
_RELATIVE_TIME_INITIALS = initials("vihågaohf0123456789всم")
RELATIVE_TIME_MAX_WORDS = 5
# A picture credit inside an item ("Photo: Getty Images") has at most this many words.
CREDIT_MAX_WORDS = 15
# A headline-shaped credit has at most this share of its words in lower case ("Photo: Damian Dovarganes, AP").
CREDIT_MAX_LOWER_SHARE = 0.5
# A kicker above an item's headline has at most this many words: "ELECTIONS", "WHITE HOUSE", an author's name.
KICKER_MAX_WORDS = 3
# Kickers are taken into their items when a list of at least this many items repeats them, one per item.
KICKER_MIN_ITEMS = 3


# What parts a page's title into its headline, section and site name: "The Long Read Aloud | Podcasts | Radio".
# The parts are normalised, which strips the spaces around a separator: a pattern opening with the separator itself
# lets the engine skip to it.
_TITLE_SEPARATOR_RE = re.compile(r"[|·]| [–—-] ")


def _title_parts(title: str | None) -> frozenset[str]:
    """The parts of a page's title (``_TITLE_SEPARATOR_RE``), normalised (``learned.normalised``)."""
    if not title:
        return frozenset()
    return frozenset(filter(None, map(normalised, _TITLE_SEPARATOR_RE.split(title))))


# A time in words no rule knows has at most this many words ("2 oras na ang nakalipas", "Nobyembre 23, 2026").
PAGE_TIME_MAX_WORDS = 5
# ... and a page prints at least this many of one shape.
PAGE_TIMES_MIN = 2


def _page_times(blocks, features, labels: list) -> list[int]:
    """Guidelines 8.2: items' own times, in any language, learned from the page. A list prints every item's time in
    one format, so the unlabelled short lines holding a number whose shape (``_line_shape``: "5 oras na ang nakalipas"
    and "2 oras na ang nakalipas" are one) recurs in ``PAGE_TIMES_MIN`` texts or more (one line printed twice is the
    page's: "Comments (37)" over the story and over its comments), none next to another (a column of figures) and one
    at least under a longer line (a headline or a summary it closes), are times -- or a count an item shows in that
    place ("124.503 views"): the item's too. Not a bare number (a rank), a line of words and a number after a label
    ("Dead: 96"), a count of pictures or comments (each closes its item as it is: "11 Slides"), a count of results, a
    score or a market's quote."""
    # most lines are answered without the regexes, and most pages have fewer short lines with a number than a shape
    # needs texts: answered without any
    short = [index for index, f in enumerate(features)
             if 0 < f.n_words <= PAGE_TIME_MAX_WORDS and f.digit_share > 0 and labels[index] is None
             and not f.is_timestamp and not f.text_like]
    if len(short) < PAGE_TIMES_MIN:
        return []
    shapes: dict[str, list[int]] = {}
    for index in short:
        text = blocks[index].text
        # (the tests by their cost: the count of results, which lists the line's words, last)
        if (_LETTERS_RE.search(text) is None or _market_line(text) or _FACT_LINE_RE.match(text)
                or _item_time(features, blocks, index) or _MEDIA_COUNT_RE.match(text) or _ITEM_TAIL_RE.match(text)
                or _result_line(text) or _count_line(text)):
            continue
        shapes.setdefault(_line_shape(text), []).append(index)
    times: list[int] = []
    for lines in shapes.values():
        if (len({blocks[index].text for index in lines}) >= PAGE_TIMES_MIN
                and all(below - above > 1 for above, below in zip(lines, lines[1:]))
                and any(index > 0 and features[index - 1].n_words > KICKER_MAX_WORDS for index in lines)):
            times.extend(lines)
    return times


# The site's menu at the top of a page: at least this many entries of at most MENU_ENTRY_MAX_WORDS words in a row,
# opening within the page's first PAGE_HEAD_MAX_LINES lines.
MENU_MIN_ENTRIES = 4
MENU_ENTRY_MAX_WORDS = 2
PAGE_HEAD_MAX_LINES = 8


def _page_head(blocks, features, labels: list) -> range:
    """The page's head: the lines above the site's menu when the menu opens the page (its name, its motto, today's
    date: "Serving the valley since 1887", "Tuesday, 24 November 2026"). They promote no article (guidelines 8.3),
    however much a headline and its time they look like. The menu is a column of short entries, or a row of them
    on one line ("News | Counties | Business | Sports": ``_breadcrumbs``, labelled the page's already) under short
    lines alone (``SITE_NAME_MAX_WORDS``, no prose). Empty where no menu opens the page."""
    short = [labels[index] is None and 0 < f.n_words <= MENU_ENTRY_MAX_WORDS
             for index, f in enumerate(features[:PAGE_HEAD_MAX_LINES + MENU_MIN_ENTRIES])]
    for start in range(1, len(short) - MENU_MIN_ENTRIES + 1):
        if all(short[start:start + MENU_MIN_ENTRIES]):
            return range(start)
    for start in range(1, min(PAGE_HEAD_MAX_LINES, len(blocks))):
        f = features[start - 1]
        if labels[start - 1] is not None or f.n_words > SITE_NAME_MAX_WORDS or f.text_like:
            break
        if labels[start] is not None and labels[start].label == BOILERPLATE and _breadcrumbs(blocks[start].text):
            return range(start)
    return range(0)


# The site's name is one of the page's first lines (under a skip link or a cookie banner); the footer it opens holds
# at most this many lines (the name, the publisher's imprint, the site's app and links, its copyright line).
SITE_NAME_HEAD_LINES = 8
SITE_NAME_MAX_WORDS = 6
FOOTER_MAX_LINES = 12


def _site_footer(blocks, features, labels: list) -> range:
    """Guidelines 8.3 (site names, legal lines): the page's footer, opened by the first line under the page's
    story (if any) that names the site -- the longest of the page's first short lines that its copyright line at
    the end names ("Valley Herald" in "© 2026 Valley Herald") -- alone or inside a line ("Download the Valley
    Herald app", "Valley Herald – a member of the Press Council"), when it runs to the page's end in
    ``FOOTER_MAX_LINES`` lines, none of them prose: the publisher's imprint, the site's app and links under its
    name promote no article, however much a headline and a date they look like. A heading naming the site over a
    list ("More from Valley Herald") opens none. Empty where none."""
    n = len(blocks)
    first = max(n - FOOTER_MAX_LINES, 0)
    story = [index for index in range(n) if labels[index] is not None and labels[index].label == ARTICLE]
    if story:
        first = max(first, story[-1] + 1)
    legal = [blocks[index].text for index in range(first, n)
             if "©" in blocks[index].text or "copyright" in blocks[index].text.lower()]
    if not legal:
        return range(0)
    names = [blocks[index].text.strip() for index, f in enumerate(features[:min(SITE_NAME_HEAD_LINES, first)])
             if 0 < f.n_words <= SITE_NAME_MAX_WORDS and len(blocks[index].text.strip()) > 3
             and any(blocks[index].text.strip() in line for line in legal)]
    if not names:
        return range(0)
    name = max(names, key=len)
    for index in range(first, n):
        text = blocks[index].text
        if labels[index] is None and name in text:
            if (features[index].is_list_heading or text.rstrip().endswith(":")
                    or any(features[other].text_like and not features[other].is_furniture
                           for other in range(index, n))):
                return range(0)
            return range(index, n)
    return range(0)


def _assign_teasers(blocks, features, labels: list, title: str | None = None,
                    groups: frozenset[int] = frozenset()) -> None:
    """Group unlabelled blocks into teaser items: a headline, then its summary, author and timestamp (a
    timestamp right under the headline may come before the summary); then the kickers above the headlines
    of a list that repeats them (``_attach_kickers``). A numbered list's items are made first
    (``_numbered_items``). A line that is a part of the page's ``title`` is the page's own heading, not an item
    that links to another page (a podcast's or a section's name above its list of episodes or stories)."""
    n = len(blocks)
    title_parts = _title_parts(title)
    for index in (*_page_head(blocks, features, labels), *_site_footer(blocks, features, labels)):
        if labels[index] is None:
            labels[index] = BlockLabel(BOILERPLATE, 0.6)
    page_times = _page_times(blocks, features, labels)
    if page_times:
        # the item passes read the page's own times as any timestamp (a copy: the rest of the page keeps its features)
        features = list(features)
        for index in page_times:
            features[index] = features[index]._replace(is_timestamp=True, headline_like=False)
    unopened = [label is None for label in labels]
    story_page = any(label is not None and label.label == ARTICLE for label in labels)
    _numbered_items(blocks, features, labels)
    _time_opened_items(blocks, features, labels, groups)
    # the first lines of the items of lists that open each item with its rank or its time
    opened_firsts = {first for first, _ in _teaser_items(labels) if unopened[first]}
    _kicker_pairs(blocks, features, labels)
    _two_sentence_rows(blocks, features, labels)
    _framed_promotions(blocks, features, labels)
    item_number = 0
    index = 0
    after_list_heading = False
    # (summary, timestamp) of the list's items so far: a list repeats one layout (guidelines 8.2), so a bare
    # headline under a list heading is an item only in a list of bare headlines
    list_layout: tuple[bool, bool] | None = None
    # whether an item of the list under the heading showed a summary (None: no item yet)
    list_summaries: bool | None = None
    # the last line of the item made last when that item was a headline and its time alone: the item right under it
    # follows its layout, and takes no summary under its time
    bare_item_end = -1
    # how many such items stand in a row, the last ending at ``bare_item_end``
    bare_row = 0
    # the index of the item made last when it was a headline alone: the headline right under it is in a row of them
    lone_head = -1
    # how many such items stand in a row, the last at ``lone_head``
    lone_row = 0
    # under a heading of promoted stories ("Around the Web", "Sponsored Content"): each item names its advertiser;
    # whether an item of the list did
    sponsored = named_advertiser = False
    # the last line of the item made last when it closed with its writer's name under its headline (``_signed_item``)
    signed_end = -2  # (none: -1 would be the line above the page's first)
    while index < n:
        f = features[index]
        if labels[index] is not None:
            after_list_heading = False
            index += 1
            continue
        line = blocks[index].text
        sponsored = sponsored and after_list_heading
        if (sponsored and index + 1 < n and labels[index + 1] is None and _SPONSOR_LINE_RE.match(line)
                and _item_head(features, labels, index + 1)):
            # the sponsor above a promoted headline ("Sponsored by Halvorsen Capital", then the headline)
            item_number += 1
            labels[index] = labels[index + 1] = BlockLabel(TEASER, 0.65, item_number)
            index += 2
            continue
        if f.n_words == 2 and _NEXT_STORY_RE.match(line):
            # the cue above a second full story appended below the page's lists ("Next article"): the story, from
            # its headline to its last paragraph, is one teaser (guidelines 8.2), as one appended to the main story
            # is (``classify_blocks``); the cue is the page's
            last = _appended_story_end(blocks, features, index, labels=labels)
            if last is not None:
                item_number += 1
                for member in range(index + 1, last):
                    labels[member] = BlockLabel(TEASER, 0.6, item_number)
                index = last
                continue
        if f.n_words <= INLINE_TEASER_MAX_WORDS and _read_more(line):
            # "Read more: <headline>" after the story or between other lines: one promoted item on its own
            # line (guidelines 8.2), which takes no summary from the line under it
            item_number += 1
            labels[index] = BlockLabel(TEASER, 0.7, item_number)
            index += 1
            continue
        if f.is_list_heading or (f.n_words <= AUTHOR_LIST_HEADING_MAX_WORDS
                                 and (" by " in line or " By " in line or " von " in line or " de " in line)
                                 and _AUTHOR_LIST_HEADING_RE.match(line)):
            # a "Sponsored" badge over each item reads as a heading: the list and its layout go on under it
            promoted = _SPONSORED_HEADING_RE.match(line) is not None
            if not (promoted and after_list_heading):
                list_layout = list_summaries = None
            after_list_heading = True
            sponsored, named_advertiser = promoted, named_advertiser and sponsored and promoted
            index += 1
            continue
        if (not (_item_head(features, labels, index)
                 or (f.n_sentences == 2 and _cut_headline_over_item(blocks, features, labels, index)))
                or _no_headline(blocks, f, index)
                or (": " in line and _tags_under_story(blocks, features, labels, index))
                or (title_parts and f.key in title_parts)
                or _over_headline_and_summary(blocks, features, labels, index, groups)):
            # a tags line, a line introducing what follows, a count of results or pages, a search page's sort order
            # or filter (also in words no rule knows), a row of the site's links, a match result in a scores widget,
            # a market's quote in a ticker, a time or a video's running time are no headlines (``_no_headline``;
            # guidelines 8.3: boilerplate), nor is the page's own name (its title's), nor a line over a headline with
            # its summary (a section's sub-menu: "Police Courts Public Safety"); furniture ("Search", "Follow us on
            # Twitter") ends a list
            after_list_heading = after_list_heading and not (f.is_furniture and not _badge(line))
            index += 1
            continue
        members = [index]
        has_summary = has_time = has_author = has_credit = has_section = has_count = marked = signed = False
        # a headline of two sentences (``_item_head``: "… in St. Paul, flipping vehicle" under another item), or
        # one right under an item of a headline alone, has a summary only shaped as one: the line under it is as
        # likely the next headline ("OpenAI is building a phone …", then "I tried the $3,499 Vision Pro 2 and …");
        # so has one in a list whose items so far have none (guidelines 8.2: a list repeats one layout); in a list
        # whose items have summaries, a line longer than the headline with the item's time under it is its summary.
        # Under a list of bare headlines on a story page, a sentence under the last one without an item's time under
        # it is none either: the site's notice after the list ("Comments are closed on this article."), not a summary
        # only this item would show
        in_row = not _teaser_head(f) or lone_head == index - 1 or (after_list_heading and list_summaries is False)
        summaries = after_list_heading and list_summaries is True
        # (on a story page: a front's lists are read as they were)
        bare_list = (story_page and after_list_heading and list_summaries is False
                     and list_layout == (False, False))
        cursor = index + 1
        while cursor < n and labels[cursor] is None:
            g = features[cursor]
            text = blocks[cursor].text
            if (sponsored and cursor == index + 1 and _advertiser(g, text)
                    and (named_advertiser or _ADVERTISER_RE.match(text) or _list_goes_on(blocks, features, labels,
                                                                                         cursor + 1))):
                # the advertiser's name under a promoted headline ("HealthyJointsDaily", "Cruise Deals | Search
                # Ads"): the item's last line -- a name without its label where the list shows that layout, an
                # item above naming its advertiser or the next item or the widget's furniture ("Load more") under
                # the name (not the page's "About Us", "Advertise" under the list's last item)
                has_author = named_advertiser = True
                members.append(cursor)
                cursor += 1
                break
            if cursor == index + 1 and _signed_item(blocks, features, labels, index, signed_end):
                # the writer's name under the headline, in a list of headlines signed so (an opinion box, readers'
                # letters): the item's last line
                has_author = signed = True
                members.append(cursor)
                cursor += 1
                break
            if (not has_time and _item_time(features, blocks, cursor)) or (
                    has_time and members[-1] == cursor - 1 and _clock_time(features[cursor - 1], blocks[cursor - 1].text)
                    and not _clock_time(g, text) and _item_time(features, blocks, cursor)):
                # the item's time; a time right under a bare clock's ("02:48", then "8 hours ago") is the item's,
                # the clock a video's running time
                has_time = True
            elif (not has_author and not g.text_like
                  and (_SPONSOR_LINE_RE.match(text) or (g.is_byline and not _SPONSORED_HEADING_RE.match(text)))):
                # the item's author or sponsor: "By Jane Doe", "Paid for by …" -- not the heading of a list of
                # promoted stories under it, which reads as a byline ("From Our Partners")
                has_author = True
            elif (not has_author and not has_time and (has_summary or members[-1] == index) and cursor + 1 < n
                  and _item_time(features, blocks, cursor + 1) and _author_name(g, text)):
                # a name between the summary and the time: the author ("Liz Navratil", "2h"); between the headline
                # and the time it stands where a search result's section does (a summary may follow the time), also
                # over a reading time ("Jane Roe", "5 mins read")
                has_author = has_summary
                has_section = not has_summary
            elif (has_summary and not has_time and not has_section and members[-1] == cursor - 1 and cursor + 1 < n
                  and labels[cursor + 1] is None and _kicker(g, text) and _item_time(features, blocks, cursor + 1)
                  and not (cursor + 3 < n and _teaser_head(features[cursor + 2])
                           and _item_time(features, blocks, cursor + 3))):
                # the item's section between its summary and its time, as search results print it too (guidelines
                # 8.2: "Regional", then "24 November 2026"): a short line no item opens with -- the next item's kicker
                # stands over its headline, not over a time; not over a list whose times open its items (time,
                # headline, time: "Latest news" over its first time)
                has_section = True
            elif (not has_credit and g.n_words <= CREDIT_MAX_WORDS
                  and (_photo_credit(text) or is_caption_credit(text))
                  and not (_teaser_head(g) and ((cursor + 1 < n and features[cursor + 1].is_timestamp)
                                                or (cursor + 2 < n and features[cursor + 2].is_timestamp
                                                    and _kicker(features[cursor + 1], blocks[cursor + 1].text))
                                                or g.lower_word_share > CREDIT_MAX_LOWER_SHARE))):
                # its picture's credit, shown inside the item (guidelines 8.2); a headline with its time under it
                # ("Photos: Opening day on the new line", a date, or its section then its date: "Gallery", a date)
                # or in lower case ("Photos: Nepal's quake survivors spend night in the open") is the next item's:
                # a credit names people and agencies
                has_credit = True
            elif g.n_words <= RUNNING_TIME_MAX_WORDS and _RUNNING_TIME_RE.match(text):
                pass  # a video's running time ("Duration: 2 minutes 11 seconds")
            elif (cursor == index + 1 and g.n_words <= KICKER_MAX_WORDS and _badge(text)
                  and not (cursor + 1 < n and labels[cursor + 1] is not None and labels[cursor + 1].label == TEASER)
                  and not (cursor + 1 < n and labels[cursor + 1] is None
                           and (features[cursor + 1].headline_like or _item_head(features, labels, cursor + 1)
                                or (_item_time(features, blocks, cursor + 1)
                                    and _times_above_headlines(blocks, features, index))
                                or (cursor + 2 < n and labels[cursor + 2] is None
                                    and _author_name(features[cursor + 1], blocks[cursor + 1].text)
                                    and _item_head(features, labels, cursor + 2))))):
                # a badge right under the headline ("Abonnés", "Video") with no headline under it to open, however
                # short, nor the next time of a list whose times stand above the headlines, nor a columnist's name
                # above a headline (an "Opinion" list's heading), nor an item made already (which it heads): the
                # item's own (guidelines 8.2), which marks the headline a promoted one
                marked = True
            elif not has_count and g.n_words <= 3 and _MEDIA_COUNT_RE.match(text):
                # a gallery's or a story's count of pictures or slides ("24 photos", "11 Slides"): the item's last
                # line, which only a promoted item shows
                has_count = marked = True
                members.append(cursor)
                cursor += 1
                break
            elif (cursor == index + 1 and cursor + 1 < n and labels[cursor + 1] is None and _kicker(g, text)
                  and (_item_time(features, blocks, cursor + 1)
                       or (cursor + 2 < n and labels[cursor + 2] is None and not _badge(text)
                           and _item_time(features, blocks, cursor + 2)
                           and _section_author(features, blocks, cursor + 1)))
                  and not READ_TIME_RE.search(blocks[cursor + 1].text)
                  and bare_item_end != index - 1
                  and not (index > 0 and labels[index - 1] is None and _item_time(features, blocks, index - 1))):
                # the item's section or author between its headline and its time, as search results print them
                # ("News", then "24 November 2026"; or both, "News", "By Jane Roe" in words no rule knows:
                # ``_section_author``): a date, not the "3 min read" under a story's top lines; where a time
                # stands above the headline (no item took it, or the item above is a headline and that time alone: a
                # time-first list read upside down until ``_time_first_layout``), the time under the short line is
                # the next item's, the short line this item's last ("Read") or the next one's badge
                has_section = True
            elif (has_section and not has_author and cursor == index + 2 and cursor + 1 < n
                  and _item_time(features, blocks, cursor + 1) and _section_author(features, blocks, cursor)):
                has_author = True  # the author under the section (above)
            elif (cursor == index + 1 and cursor + 1 < n and labels[cursor + 1] is None and _kicker(g, text)
                  and not _badge(text) and _summary_shaped(features[cursor + 1], blocks[cursor + 1].text)
                  and cursor + 2 < n and labels[cursor + 2] is None and _item_time(features, blocks, cursor + 2)):
                # the item's section between its headline and its summary with the item's time under it (guidelines
                # 8.2: "a search result's section"; "Politics", then prose cut short or ending in a full stop, then
                # "2 hours ago"): the next item's kicker stands over a headline, never over a summary, and a box's
                # heading over its blurb ("Forum", "Post your comments here.") has no time under the blurb
                has_section = True
            elif (not has_summary and not has_time and not g.is_furniture and not g.is_list_heading
                  and (not in_row or (_summary_shaped(g, text) and not (
                      bare_list and not (cursor + 1 < n and _item_time(features, blocks, cursor + 1)))))
                  # right under two or more items of a headline and its time alone, a summary has a time under it
                  # too: a list repeats one layout, and the page's text under its last item is no summary of it
                  and (bare_item_end != index - 1 or bare_row < 2
                       or (cursor + 1 < n and _item_time(features, blocks, cursor + 1)))
                  and (g.text_like or g.truncated or g.ends_like_sentence
                       or (_teaser_head(g) and g.n_words > f.n_words
                           and (summaries and cursor + 1 < n and _item_time(features, blocks, cursor + 1)))
                       or (_teaser_head(g) and g.n_words > f.n_words and g.lower_word_share > f.lower_word_share
                           and (g.n_words >= SUMMARY_WORDS_RATIO * f.n_words
                                or (f.title_case_share >= TITLE_CASE_HEADLINE
                                    and g.lower_word_share >= f.lower_word_share + SUMMARY_LOWER_SHARE_GAIN))))):
                has_summary = True
            elif (not has_summary and has_time and cursor == index + 2 + (has_section or marked)
                  and features[cursor - 1].is_timestamp
                  and (bare_item_end != index - 1 or g.truncated) and _summary_shaped(g, text)):
                # headline, date, summary (a section or a badge between headline and date: "Opinion"): a summary
                # reads as one (cut short, or a sentence ending in a full stop), which the next item's headline does
                # not, even when it is a question; right under an item of a headline and its time alone, only a
                # summary cut short: a sentence after a list of such items is the site's ("RTÉ.ie is the website
                # of …")
                has_summary = True
            elif (has_summary or has_time or has_author) and (_ITEM_TAIL_RE.match(text) or _bare_count(blocks, cursor)
                                                              or (members[-1] == cursor - 1
                                                                  and _item_time(features, blocks, cursor - 1)
                                                                  and _counted_tail(g, text))):
                # the item's "Read more" or comment count (guidelines 8.2); an item without summary or time shows
                # it under its byline ("By Jane Roe", "12 comments"), which makes it an item as a time would
                has_count = True
            else:
                break  # what is none of the item's lines ends it
            members.append(cursor)
            cursor += 1
        in_list = after_list_heading and list_layout in (None, (False, False))
        # the neighbours are read last: most items have a summary or a time; the last headline of a row of two
        # items of a headline alone or more, opening as theirs do (a word or a number), is the row's too (each of
        # those was made for the headline under it; a pair alone tells too little: a skip link over the site's name
        # -- but for a pair over the site's row of links, which ends the page's lists); a headline with its byline right
        # under another item goes on with the list (the story's own headline and byline stand under no item)
        if (has_summary or has_time or in_list or signed or (has_author and (has_count or (
                index > 0 and labels[index - 1] is not None and labels[index - 1].label == TEASER))) or marked
                or (lone_head == index - 1 and len(members) == 1
                    and (lone_row >= 2 or (lone_row == 1 and cursor < n and _link_row(blocks[cursor].text)))
                    and line[:1].isdigit() == blocks[lone_head].text[:1].isdigit())
                or _neighbour_heads(blocks, features, labels, index, cursor)
                # a headline alone closing a plain text's group of lines right under an item of the group: the
                # list's last item (the group is the list: its heading or the page's lines stand apart)
                or (groups and cursor == index + 1 and index not in groups and (cursor in groups or cursor == n)
                    and labels[index - 1] is not None and labels[index - 1].label == TEASER)) and not (
                opened_firsts and _over_opened_list(features, labels, opened_firsts, index, cursor)):
            if after_list_heading:
                list_layout = (has_summary, has_time)
                list_summaries = bool(list_summaries) or has_summary
            item_number += 1
            score = 0.55 + 0.1 * has_summary + 0.1 * has_time + 0.1 * after_list_heading
            for member in members:
                labels[member] = BlockLabel(TEASER, round(score, 3), item_number)
            bare = len(members) == 2 and has_time and not has_summary
            bare_row = (bare_row + 1 if bare_item_end == index - 1 else 1) if bare else 0
            bare_item_end = cursor - 1 if bare else -1
            lone_row = (lone_row + 1 if lone_head == index - 1 else 1) if len(members) == 1 else 0
            lone_head = index if len(members) == 1 else -1
            signed_end = cursor - 1 if signed else -1
            index = cursor
        else:
            index += 1
    _headline_rows(blocks, features, labels)
    # the items are read again only after a pass changed them (most pages: none of the three does)
    items = _teaser_items(labels)
    if _time_first_layout(blocks, features, labels, items):
        items = _teaser_items(labels)
    if _trailing_summaries(blocks, features, labels, items):
        items = _teaser_items(labels)
    if _repeated_gaps(blocks, features, labels, items):
        items = _teaser_items(labels)
    if _layout_items(blocks, features, labels, items):
        items = _teaser_items(labels)
    if _credits_under_kickers(blocks, features, labels, items):
        items = _teaser_items(labels)
    if _periodic_items(blocks, features, labels):
        items = _teaser_items(labels)
    if _closed_items(blocks, features, labels):
        items = _teaser_items(labels)
    if story_page and _heading_over_timed_list(features, labels, items):
        items = _teaser_items(labels)
    if story_page and _pair_under_paired_list(blocks, features, labels, items):
        items = _teaser_items(labels)
    _attach_kickers(blocks, features, labels, items, groups)
    _section_names_over_items(blocks, features, labels)
    _promo_under_lists(blocks, features, labels)
    for index in _day_headings(blocks, features, labels):
        label = labels[index]
        labels[index] = BlockLabel(BOILERPLATE, 0.6)
        if labels[index - 1] == label:
            # read into an item above and below it: the lines under it are an item of their own (no item runs over
            # its list's day line)
            part = BlockLabel(TEASER, label.score, _unused_item_number(labels))
            after = index + 1
            while after < len(labels) and labels[after] == label:
                labels[after] = part
                after += 1
    if groups:
        _group_headings(blocks, features, labels, groups)
        _closing_group(blocks, features, labels, groups)
        _prompt_groups(features, labels, groups)
    else:
        _lists_closed_by_times(blocks, features, labels)


# A page's last group of lines is its footer when it ends the page in the site's copyright line or its row of
# links and holds at most this many lines and this many would-be items.
FOOTER_GROUP_MAX_ITEMS = 2


# A time of day opening a line: alone ("21:40") or before the item's headline ("08:30 Uhr Hafen meldet Rekord").
_CLOCK_OPENING_RE = re.compile(r"\d{1,2}[:.h]\d{2}(?![\d.:/])")
# A day's date line over a list's items parts them by day where at least this many items of a time of day stand on
# each side of it, read at most this many lines away.
DAY_HEADING_MIN_CLOCKS = 2
DAY_HEADING_REACH = 8


def _day_headings(blocks, features, labels: list) -> list[int]:
    """Guidelines 8.2: date lines that part a list of items by day ("Yesterday, Thursday 27 November") are the
    page's. A list whose items show a time of day alone -- on a line of its own or opening the headline -- prints
    the items' day once, on a line of its own above the day's first item: a line the items took in that is a date
    with no time of day (a timestamp holding no clock), with ``DAY_HEADING_MIN_CLOCKS`` times of day or more above it
    and under it before any other date, in any language. An item's own date comes once per item: in a video list
    ("2:41" running time, "3 hours ago" or "8 November") no two clocks stand between two dates."""
    n = len(blocks)

    def clock_count(lines: range) -> int:
        count = 0
        for j in lines:
            if _CLOCK_OPENING_RE.match(blocks[j].text) is not None:
                count += 1
            elif features[j].is_timestamp:
                break  # another date: the run of times of day ends
        return count

    found = []
    for index in range(1, n - 1):
        label = labels[index]
        if not features[index].is_timestamp or label is None or label.label != TEASER:
            continue
        text = blocks[index].text
        if ":" in text or _CLOCK_OPENING_RE.match(text) is not None:
            continue  # a time of day: an item's own time
        if (clock_count(range(index + 1, min(n, index + 1 + DAY_HEADING_REACH))) >= DAY_HEADING_MIN_CLOCKS
                and clock_count(range(index - 1, max(-1, index - 1 - DAY_HEADING_REACH), -1)) >= DAY_HEADING_MIN_CLOCKS):
            found.append(index)
    return found


def _closing_group(blocks, features, labels: list, groups: frozenset[int]) -> None:
    """Guidelines 8.3: on a page (a story or a front) whose plain text parts its lines into groups by blank lines,
    the last group ending the page in the site's copyright line or its row of links ("Privacy |
    Cookies | Contact") is the site's footer: the newsletter prompt, the follow prompt and its networks, the
    publisher's imprint above the links ("Subscribe to our newsletter", "Top stories every morning"; "Editor:
    Jane Roe", "The Daily Example follows the press code.") promote no article, however much a headline and its
    summary they look like. A group of a list's items (three or more, or one with its time) is a list still."""
    n = len(blocks)
    first = max(groups)
    last = blocks[n - 1].text
    if n - first > FOOTER_MAX_LINES or not ("©" in last or "copyright" in last.lower() or _link_row(last)):
        return
    members = [index for index in range(first, n) if labels[index] is not None and labels[index].label == TEASER]
    if (not members or len({labels[index].item for index in members}) > FOOTER_GROUP_MAX_ITEMS
            or any(features[index].is_timestamp for index in members)):
        return
    for index in members:
        labels[index] = BlockLabel(BOILERPLATE, 0.6)


def _prompt_groups(features, labels: list, groups: frozenset[int]) -> None:
    """Guidelines 8.2 and 8.3: a plain text that parts its lines into groups by blank lines shows each list, and each
    of the page's boxes, as a group. A group opening with one would-be item of no time, under which the group holds
    only the page's lines -- a newsletter's or an app's prompt over its e-mail field and its button ("Get the morning
    briefing", "Your e-mail address", "Sign up"), or the publisher's imprint over the copyright line, read as a row
    of one-line items -- is such a box, not a list; on a page with no story, so is a group
    of one line alone that no time closes ("Load more videos", "Follow us on Facebook" between the lists and the
    footer): a list promotes its items under a heading, or in a layout its neighbours repeat. Both promote no
    article, in whatever words."""
    n = len(labels)
    front = not any(label is not None and label.label == ARTICLE for label in labels)
    edges = [0, *sorted(groups), n]
    for start, end in zip(edges, edges[1:]):
        first = labels[start]
        if first is None or first.label != TEASER:
            continue
        last = start
        while last + 1 < end and labels[last + 1] is not None and labels[last + 1].item == first.item:
            last += 1
        if last == start:
            # a row of one-line would-be items over the page's lines: the box's lines (a prompt, its blurb and its
            # field; the imprint's lines over the copyright line), each no item of a list
            while (last + 1 < end and labels[last + 1] is not None and labels[last + 1].label == TEASER
                   and labels[last + 1].item != labels[last].item
                   and (last + 2 >= end or labels[last + 2] is None or labels[last + 2].item != labels[last + 1].item)):
                last += 1
        if (any(features[index].is_timestamp for index in range(start, last + 1))
                or _item_runs_on(labels, groups, start, end)):
            continue
        closing = range(last + 1, end)
        if (all(labels[index] is None or labels[index].label == BOILERPLATE for index in closing)
                if closing else front and last == start):
            for index in range(start, last + 1):
                labels[index] = BlockLabel(BOILERPLATE, 0.6)


def _item_runs_on(labels: list, groups: frozenset[int], start: int, end: int) -> bool:
    """Whether the group of lines ``start``..``end`` opens or closes with part of an item that goes on in a group of
    one line above or under it: a plain text that parts every line by a blank line (as some scrapers print each
    block) puts each line of an item -- its kicker, headline, summary, time -- in a group of its own. (A line alone
    in its group under a list's last item, "Follow us", is no part of that item, however the item was read.)"""
    def same_item(above: int, below: int) -> bool:
        return (0 <= above and below < len(labels) and labels[above] is not None and labels[below] is not None
                and labels[above].label == TEASER and labels[below].label == TEASER
                and labels[above].item == labels[below].item)

    return ((same_item(start - 1, start) and (start - 1 == 0 or start - 1 in groups))
            or (same_item(end - 1, end) and (end + 1 == len(labels) or end + 1 in groups)))


def _group_headings(blocks, features, labels: list, groups: frozenset[int]) -> None:
    """Guidelines 8.3 and 8.5: a plain text that parts its lines into groups by blank lines (``groups``: the first
    line of each) shows the page's parts as groups. The first group, holding the site's menu (a row of three links
    or more), is the page's head: the site's name, its menu, the front's name and description promote no article
    however much a headline they look like. A short line opening a later group over two items or more is that
    group's heading ("Sport", a region's name) where the second item opens with a badge ("Video") or an item of the
    group opens with no short line of its own: the items repeat no kickers then, so the line is no kicker of the
    first. A badge word opening the group ("Opinion", "Podcast") is its heading only where no item under the first
    opens with a short line: a list that marks its pieces repeats the marks. The short lines inside the groups are
    read first (``_kickers_inside_groups``)."""
    _groups_closed_by_times(features, labels, groups)
    _groups_closed_by_short_lines(blocks, features, labels, groups)
    head_end = min(groups)
    if any(_breadcrumbs(blocks[index].text) for index in range(head_end)):
        for index in range(head_end):
            if labels[index] is not None and labels[index].label == TEASER:
                labels[index] = BlockLabel(BOILERPLATE, 0.6)
    _kickers_inside_groups(blocks, features, labels, groups)
    items = _teaser_items(labels)
    edges = sorted(groups) + [len(labels)]
    for number, (first, last) in enumerate(items[:-1]):
        if first not in groups:
            continue
        kicker = _kicker(features[first], blocks[first].text)
        if not (kicker or _section_name(features, first)):
            continue
        end = edges[bisect_right(edges, first)]
        inside = [start for start, _ in items[number + 1:] if start < end]
        # (a short line made an item alone heads two items or more: a one-line item of its own is a bare headline)
        if len(inside) < 1 + (first == last):
            continue
        if not kicker:
            # a section's name longer than a kicker ("San Antonio y litoral", "Most commented"): shorter than the
            # first line of every other item of the group, none of them a kicker
            if all(features[start].n_words > features[first].n_words
                   and not _kicker(features[start], blocks[start].text) for start in inside):
                labels[first] = BlockLabel(BOILERPLATE, 0.6)
        elif _badge(blocks[first].text):
            # a badge word over a group of items none of which repeats a short line over its headline is the
            # group's heading ("Opinion", "Podcast" over the section's items)
            if all(not _kicker(features[start], blocks[start].text) for start in inside):
                labels[first] = BlockLabel(BOILERPLATE, 0.6)
        elif (_badge(blocks[inside[0]].text)
              or any(not _kicker(features[start], blocks[start].text) for start in inside)):
            labels[first] = BlockLabel(BOILERPLATE, 0.6)


# A section's name at the top of a group has at most this many words, and at most half as many as the headline
# under it.
SECTION_NAME_MAX_WORDS = 5


def _section_name(features, index: int) -> bool:
    """Whether block ``index`` is shaped as a section's name over a headline: ``SECTION_NAME_MAX_WORDS`` words at
    most, no sentence, time or byline, and at most half as many words as the line under it."""
    f = features[index]
    return (f.n_words <= SECTION_NAME_MAX_WORDS and index + 1 < len(features)
            and 2 * f.n_words <= features[index + 1].n_words and not f.text_like and not f.ends_like_sentence
            and not f.is_timestamp and not f.is_byline)


# A plain text heads its sections at the top of its groups where at least this many groups open with a short line
# right over an item.
GROUP_HEADINGS_MIN = 2


def _kickers_inside_groups(blocks, features, labels: list, groups: frozenset[int]) -> None:
    """Guidelines 8.2 and 8.3: a section's heading is the page's, a kicker or a badge over an item's headline is the
    item's. A plain text whose groups (``groups``: the first line of each) open with a short line over an item, in
    ``GROUP_HEADINGS_MIN`` groups or more, parts its sections by blank lines: a short line inside a group, between
    the end of one item and the headline of the next or between the group's heading and its first headline, is no
    section's heading then but the next item's kicker or badge ("Exclusive", "Sponsored", a town's name), in any
    language -- a line shaped as a headline is a bare item of its own."""
    n = len(labels)

    def teaser(index: int) -> bool:
        return 0 <= index < n and labels[index] is not None and labels[index].label == TEASER

    openers = sum(1 for start in groups if start + 1 < n and teaser(start + 1)
                  and 0 < features[start].n_words <= KICKER_MAX_WORDS and not features[start].is_timestamp)
    if openers < GROUP_HEADINGS_MIN:
        return
    edges = sorted(groups) + [n]
    for index in range(1, n - 1):
        if (index not in groups and index + 1 not in groups
                and (labels[index] is None or labels[index].label == BOILERPLATE)
                and teaser(index + 1)
                and ((teaser(index - 1) and labels[index + 1].item != labels[index - 1].item)
                     or (index - 1 in groups and (labels[index - 1] is None or labels[index - 1].label == BOILERPLATE)
                         and 0 < features[index - 1].n_words <= KICKER_MAX_WORDS
                         and all(map(teaser, range(index + 1, edges[bisect_right(edges, index)])))))
                and not features[index].headline_like and _kicker(features[index], blocks[index].text)):
            # (right under the group's heading too, in a group of items alone: "Lifestyle", then "Recept" over the
            # first item's headline -- not over a results widget that closes with its "All results")
            labels[index] = labels[index + 1]


def _unused_item_number(labels: list) -> int:
    """A number above every item's on the page, and above zero (a row of bare headlines numbers its items below)."""
    return 1 + max([0, *(label.item for label in labels if label is not None and label.item is not None)])


def _groups_closed_by_times(features, labels: list, groups: frozenset[int]) -> None:
    """Guidelines 8.2: a list repeats one layout, and no item runs over the blank line that parts two groups of a
    plain text. A group whose last line is a timestamp under an item shows its items' layout: each timestamp (a run
    of them: a running time, then the date) closes its item. Where the items made in such a group do not follow it
    -- one opens with a timestamp, one runs over the group's edge, or the last time was left out of the last item
    -- its item lines are cut again after each run of timestamps, the last time closing the last item."""
    edges = sorted(groups) + [len(labels)]
    next_item = None
    for start, end in zip(edges, edges[1:]):
        last = end - 1
        if not (features[last].is_timestamp and last > start and labels[last - 1] is not None
                and labels[last - 1].label == TEASER and (labels[last] is None or labels[last].label != ARTICLE)):
            continue
        left_out = labels[last] is None or labels[last].label != TEASER
        members = [index for index in range(start, end) if labels[index] is not None and labels[index].label == TEASER]
        crossing = ((members[0] == start and labels[start - 1] == labels[start])
                    or (end < len(labels) and labels[end] == labels[last]))
        time_first = any(features[index].is_timestamp and labels[index - 1] != labels[index]
                         and not features[index - 1].is_timestamp for index in members)
        if not (left_out or crossing or time_first):
            continue
        if left_out:
            members.append(last)
        if next_item is None:
            next_item = _unused_item_number(labels)
        number, score = next_item, labels[last - 1].score
        for index in members:
            if index > members[0] and (labels[index - 1] is None or labels[index - 1].label != TEASER or (
                    features[index - 1].is_timestamp and not features[index].is_timestamp)):
                next_item += 1
                number = next_item
            labels[index] = BlockLabel(TEASER, score, number)
        next_item += 1


# A list whose items its times close holds at least this many items, each closed by its time.
TIME_CLOSED_MIN_ITEMS = 2


def _lists_closed_by_times(blocks, features, labels: list) -> None:
    """Guidelines 8.2 and 8.1: a list repeats one layout, and an item's time is the item's. A text that shows no
    groups (every line under a blank line, as scrapers print each block, or no blank line at all) still shows each
    list as a run of item lines: teaser lines and timestamps, over at most one short line between two of them (a
    duration, a view count). Which line closes every item is decided for the whole run, not line by line: a run
    whose first line (under a date) is no time and whose last time stands under an item closes each item with its
    run of times, where a time was read as opening an item -- it belongs to the item above it, as the short line
    between an item's headline and its time does. A date with no time of day opening a run whose other times all
    have one closes no item: it is the list's day line, the page's. (Lines under the last time, "Load more", keep
    their reading; a run that opens with a time is a list of items led by their times.)"""
    n = len(labels)

    def item_line(index: int) -> bool:
        label = labels[index]
        return label is not None and (label.label == TEASER
                                      or (label.label == BOILERPLATE and features[index].is_timestamp))

    index = 0
    while index < n:
        if not item_line(index):
            index += 1
            continue
        start = end = index
        while end < n and (item_line(end) or (
                end > start and end + 1 < n and item_line(end + 1) and labels[end] is not None
                and labels[end].label == BOILERPLATE and 0 < features[end].n_words <= KICKER_MAX_WORDS
                and any(character.isdigit() for character in blocks[end].text))):
            end += 1  # (over a short line with a number between two item lines: a duration, a view count)
        _close_items_by_times(blocks, features, labels, start, end)
        index = end


def _close_items_by_times(blocks, features, labels: list, start: int, end: int) -> None:
    """Cut the run of item lines ``start``..``end`` into items each closed by its run of times, where the run is
    laid out so (``_lists_closed_by_times``)."""
    first = start
    if (features[start].is_timestamp and not _CLOCK_OPENING_RE.search(blocks[start].text)
            and all(_CLOCK_OPENING_RE.search(blocks[index].text)
                    for index in range(start + 1, end) if features[index].is_timestamp)):
        first += 1  # a date over times of day: the list's day line
    last = end - 1
    while last > first and not features[last].is_timestamp:
        last -= 1  # lines under the list's last time ("Load more") are no item closed by a time
    end = last + 1
    if not (first < last and not features[first].is_timestamp and not features[last - 1].is_timestamp):
        return
    # the items as read: those that open with a time under another item's line were cut the other way
    opened_by_times = sum(1 for index in range(first + 1, end)
                          if features[index].is_timestamp and not features[index - 1].is_timestamp
                          and labels[index] != labels[index - 1])
    if not opened_by_times:
        return
    items: list[list[int]] = [[]]
    for index in range(first, end):
        if items[-1] and features[items[-1][-1]].is_timestamp and not features[index].is_timestamp:
            items.append([])
        items[-1].append(index)
    closed = sum(1 for item in items if features[item[-1]].is_timestamp)
    if closed < TIME_CLOSED_MIN_ITEMS:
        return
    number = _unused_item_number(labels)
    score = labels[last - 1].score
    for index in range(start, first):
        labels[index] = BlockLabel(BOILERPLATE, 0.6)
    for item in items:
        for index in item:
            labels[index] = BlockLabel(TEASER, score, number)
        number += 1


# Of the items of a group cut by the short lines closing them, at least this many and this share end in one.
CLOSED_GROUP_MIN_ITEMS = 2
CLOSED_GROUP_MIN_SHARE = 0.5


def _groups_closed_by_short_lines(blocks, features, labels: list, groups: frozenset[int]) -> None:
    """Guidelines 8.2: one span per item, its author inside it, and a list repeats one layout. A group of a plain
    text (``groups``: the first line of each) that ends in a short line -- of ``KICKER_MAX_WORDS`` words at most, no
    time -- under a longer one shows its items closed by such a line: the author's name or the agency under the
    headline ("Marta Gil", "Agencias"). Its lines (under the heading the page's lines above gave it) are cut again into
    items, each of the short lines above its headline (a kicker, a badge), the headline, the summary under it, and
    the first short line under them; a second headline opens an item of its own. Only a group that is not the one
    right above the story's first (its head reads so too), holding an item made already, no time (those close their
    items, ``_groups_closed_by_times``), no story line and no line of the page's, where ``CLOSED_GROUP_MIN_ITEMS``
    items or more, and ``CLOSED_GROUP_MIN_SHARE`` of them, end in a short line."""
    edges = sorted(groups) + [len(labels)]
    next_item = None
    # the group right above the story's first one is its head, which reads so too (headline, standfirst, byline)
    story = next((index for index, label in enumerate(labels) if label is not None and label.label == ARTICLE), -1)
    for start, end, after in zip(edges, edges[1:], [*edges[2:], len(labels)]):
        last = end - 1
        if not (not end <= story < after and 0 < features[last].n_words <= KICKER_MAX_WORDS
                and features[last - 1].n_words > KICKER_MAX_WORDS):
            continue
        first = start
        while first < end and labels[first] is not None and labels[first].label == BOILERPLATE:
            first += 1  # the group's heading
        if any(features[index].is_timestamp or (labels[index] is not None and labels[index].label != TEASER)
               for index in range(first, end)) or not any(labels[index] is not None for index in range(first, end)):
            continue  # a time, a line of the story or the page's, or no item made inside: no group of such items
        items: list[list[int]] = []
        current: list[int] = []
        body = False  # whether the item being read has its headline
        for index in range(first, end):
            if features[index].n_words <= KICKER_MAX_WORDS:
                current.append(index)
                if body:
                    items.append(current)
                    current, body = [], False
            else:
                if body and not _summary_shaped(features[index], blocks[index].text):
                    items.append(current)
                    current = []
                current.append(index)
                body = True
        if current:
            items.append(current)
        closed = sum(features[item[-1]].n_words <= KICKER_MAX_WORDS for item in items)
        if closed < CLOSED_GROUP_MIN_ITEMS or closed < CLOSED_GROUP_MIN_SHARE * len(items):
            continue
        if next_item is None:
            next_item = _unused_item_number(labels)
        for item in items:
            for index in item:
                labels[index] = BlockLabel(TEASER, 0.6, next_item)
            next_item += 1


def _menu_entries(blocks, features, labels: list) -> frozenset[str]:
    """The entries of the site's menu above the page's first item or story line: the texts of the runs of
    ``MENU_MIN_ENTRIES`` lines or more of at most ``KICKER_MAX_WORDS`` words each ("News", "Business", "Sport")."""
    entries: set[str] = set()
    run: list[int] = []
    first_item = next((index for index, label in enumerate(labels) if label is not None and label.label != BOILERPLATE),
                      len(labels))
    for index in range(first_item + 1):
        if index < first_item and 0 < features[index].n_words <= KICKER_MAX_WORDS:
            run.append(index)
            continue
        if len(run) >= MENU_MIN_ENTRIES:
            entries.update(blocks[entry].text.strip() for entry in run)
        run = []
    return frozenset(entries)


def _site_line(labels: list, index: int) -> bool:
    """Whether block ``index`` is the page's, or no pass took it (the page's lines are labelled last)."""
    return labels[index] is None or labels[index].label == BOILERPLATE


# A button under a promo box ("Sign up", "Subscribe now"): a line of the page's of at most this many words.
PROMO_BUTTON_MAX_WORDS = 2


def _promo_under_lists(blocks, features, labels: list) -> None:
    """Guidelines 8.3 (newsletter and subscription prompts): on a front, a box of a heading and a sentence with no
    time ("Get the Morning Briefing", "Top stories in your inbox every weekday"), under the page's last list with
    only the site's lines between them, none of them a list's heading, right under an ad label (``_AD_RE``) and over
    the site's button (a line of ``PROMO_BUTTON_MAX_WORDS`` words at most: "Sign up"), promotes no article however
    much a headline and its summary it looks like: an item of a list stands in the list, a lone one under its
    list's heading ("Editor's pick", which no layout tells from a promo's heading)."""
    if any(label is not None and label.label == ARTICLE for label in labels):
        return  # (a story page: answered before its items are gathered)
    items = _teaser_items(labels)
    if len(items) < LIST_MIN_ITEMS:
        return
    first, last = items[-1]
    above, under = first - 1, last + 1
    if not (last - first == 1 and features[last].n_words > KICKER_MAX_WORDS and under < len(blocks)
            and _site_line(labels, under)
            and 0 < features[under].n_words <= PROMO_BUTTON_MAX_WORDS
            and not any(features[index].is_timestamp or _item_time(features, blocks, index)
                        for index in range(first, under))):
        return
    gap = range(items[-2][1] + 1, first)
    if (not gap or any(not _site_line(labels, index) or features[index].is_list_heading for index in gap)
            or not _AD_RE.match(blocks[above].text.strip())):
        return
    for index in range(first, under):
        labels[index] = BlockLabel(BOILERPLATE, 0.6)


def _section_names_over_items(blocks, features, labels: list) -> None:
    """Guidelines 8.3 and 8.5: on a front, a section's heading over its items ("Sport", "Business") is the page's, an
    item's kicker is the item's -- the same short line in the same place over a headline. A front parted into
    sections heads them with the names its menu at the page's top links to; so on a page where a line repeating an
    entry of that menu stands between two items as no item's line (over the next section's), a short line opening an
    item that repeats an entry too, with the item right under it opening with no short line of its own (the list
    shows no kickers), is one more section's heading, not the item's kicker. A list whose items each open with a short line keeps them,
    even where they repeat the menu's entries ("Inflación", "Campo" over each headline), and so does a list on a page
    whose lists no menu name heads (a story's "Most read" with one item's kicker "Crime")."""
    items = _teaser_items(labels)
    # most items open with their headline: answered without the menu
    opened = [number for number, (first, last) in enumerate(items[:-1])
              if first < last and _kicker(features[first], blocks[first].text)]
    if not opened:
        return
    menu = _menu_entries(blocks, features, labels)
    starts = {first for first, _ in items}
    if not any(index + 1 in starts and (labels[index] is None or labels[index].label == BOILERPLATE)
               and blocks[index].text.strip() in menu for index in range(items[0][1] + 1, items[-1][0])):
        return  # no list of the page under its first is headed by a menu's name (the line right under the menu is one)
    for number in opened:
        first, last = items[number]
        following = items[number + 1][0]
        if (blocks[first].text.strip() in menu and following <= last + 2
                and not _kicker(features[following], blocks[following].text)):
            labels[first] = BlockLabel(BOILERPLATE, 0.6)


# The lines between a list's description and its first item: at most this many short ones (its tabs: "Today",
# "This week").
INTRO_GAP_MAX_LINES = 2


def _over_opened_list(features, labels: list, opened_firsts: set[int], first: int, after: int) -> bool:
    """Guidelines 8.2 and 8.5: a list repeats one layout, and a front's own description over its list is the page's
    ("The stories our readers spent the most time with", "Updated around the clock"). The lines ``[first, after)``,
    shaped as a headline and its date, stand right over the first item of a list whose items each open with their
    rank or their time (``opened_firsts``), with no item above them on the page: they do not open as the list's items
    do, so they are its description and the date or tab under it ("Thursday 12 November", "Today"), no item."""
    gap = after
    while (gap < len(features) and gap - after < INTRO_GAP_MAX_LINES and gap not in opened_firsts
           and labels[gap] is None and 0 < features[gap].n_words <= KICKER_MAX_WORDS
           and not features[gap].is_list_heading):
        gap += 1
    if gap not in opened_firsts:
        return False
    return not any(label is not None and label.label == TEASER for label in labels[:first])


def _no_headline(blocks, f: BlockFeatures, index: int) -> bool:
    """Whether the line at ``index``, however much a headline it looks, is none by its shape: a tags line, a line
    introducing what follows (a commenter's "Jane Roe says:"), a count of results or pages, a match result, a market's
    quote or a strip of quotes, a search page's sort order or filter, a row of the site's links ("Imprint | Privacy |
    Terms"), a video's running time or a short time (guidelines 8.3: boilerplate, 8.2: an item's own line)."""
    line = blocks[index].text
    return ((line[:1] in _TAGS_INITIALS and _TAGS_RE.match(line) is not None)
            or line.endswith(":")
            or (f.digit_share > 0 and (_count_line(line) or _result_line(line) or _market_line(line)
                                      or _quote_strip(blocks, index)))
            or _search_control(line)
            or _link_row(line)
            or (f.n_words <= RUNNING_TIME_MAX_WORDS
                and (_RUNNING_TIME_RE.match(line) is not None or _SHORT_TIME_RE.match(line) is not None)))


# A story's tags after their label, in any language ("Теги: суд, бюджет, Пермь", "Ämnen: Forskning · Skog · Klimat"):
# a label of at most this many words and its colon, then this many names or more parted by commas or middle dots,
# each of at most KICKER_MAX_WORDS words.
TAG_LABEL_MAX_WORDS = 2
TAG_LIST_MIN_PARTS = 3
_TAG_SEPARATOR_RE = re.compile(r"\s*[,·]\s+")


# The story's tags stand under its last line, or under at most this many lines of the site's (an author's box, a
# notice).
TAGS_REACH = 3


def _tags_under_story(blocks, features, labels: list, index: int) -> bool:
    """Whether the line at ``index`` is the story's tags under its last line (``_labelled_list``), with no list's
    heading, headline or item between them (an author's box, a notice may stand there): there, not in a list, where a
    headline may read so ("Live: Australia v England, first Test, day two")."""
    above = index - 1
    while (above >= max(0, index - TAGS_REACH) and (labels[above] is None or labels[above].label == BOILERPLATE)
           and not features[above].is_list_heading and not features[above].headline_like
           and not _two_sentence_head(features[above])):
        above -= 1
    return (above >= 0 and labels[above] is not None and labels[above].label == ARTICLE
            and _labelled_list(blocks[index].text))


def _labelled_list(text: str) -> bool:
    """Whether ``text`` is a labelled list of tags or topics in any language (guidelines 8.3: tag and topic lists are
    boilerplate): a short label and its colon, then ``TAG_LIST_MIN_PARTS`` names or more of a few words each, parted
    by commas or middle dots, with no sentence's end -- no headline, which says something of its subject after its
    colon."""
    label, _, names = text.partition(": ")
    if len(label.split()) > TAG_LABEL_MAX_WORDS or names.rstrip()[-1:] in ".!?…":
        return False
    parts = _TAG_SEPARATOR_RE.split(names.strip())
    return len(parts) >= TAG_LIST_MIN_PARTS and all(0 < len(part.split()) <= KICKER_MAX_WORDS for part in parts)


def _headline_rows(blocks, features, labels: list) -> None:
    """Guidelines 8.2: a teaser with only a headline is still a teaser, and a list repeats one layout.
    ``LIST_MIN_ITEMS`` or more lines in a row, each shaped as a headline -- of two "sentences" too, a question among
    them ("Emekli ikramiyesi ne zaman yatacak? Tarih belli oldu") -- and each unlabelled or an item of its line alone,
    are a list of bare headlines: one item each. The main pass leaves out those its questions part (a question by one
    headline alone may be a paywall's prompt: "Already a subscriber? Log in")."""
    n = len(blocks)

    def bare_item(index: int) -> bool:
        label = labels[index]
        return (label.label == TEASER and (index == 0 or labels[index - 1] != label)
                and (index + 1 == n or labels[index + 1] != label))

    def make_items(run: list[int], after: int) -> None:
        if run and labels[run[-1]] is None and after + 1 < n and labels[after] is not None and (
                labels[after].label == TEASER and labels[after + 1] == labels[after]):
            run.pop()  # the heading of the list of longer items under it ("More on school policy")
        if len(run) >= LIST_MIN_ITEMS:
            for member in run:
                if labels[member] is None:
                    labels[member] = BlockLabel(TEASER, 0.6, -1 - member)

    run: list[int] = []
    for index, f in enumerate(features):
        if (labels[index] is None or bare_item(index)) and (
                _teaser_head(f) or (_two_sentence_head(f) and not f.text_like)) and not _no_headline(blocks, f, index):
            # (a row's headlines open alike: a word under headlines opening with their times is a box's "Show all")
            if run and blocks[index].text[:1].isdigit() != blocks[run[0]].text[:1].isdigit():
                make_items(run, index)
                run = []
            run.append(index)
        elif run:  # (most lines close no run: no call for them)
            make_items(run, index)
            run = []
    make_items(run, n)


# Items of one list stand at most this many lines apart (an item left unmade between two: its date, headline,
# summary, running time and "Play").
LIST_GAP_MAX_LINES = 6


def _layout_items(blocks, features, labels: list, items: list[tuple[int, int]]) -> bool:
    """Guidelines 8.2: a list repeats one layout, read from its items. Where most items of a list (``LIST_MIN_ITEMS``
    at least) open with a short line of one shape ("NOV 26", "Episode 211": ``_line_shape``) and close with another
    ("Read", "Play"), an item that lacks them takes them from right above and under it, and the unlabelled lines
    between two items of the list that open and close so, a headline among them, are an item of their own -- one
    the first pass left unmade (a headline too short: "Your Thanksgiving guide"). A list's items are parted by at
    most ``LIST_GAP_MAX_LINES`` unlabelled lines, none a list heading. ``items``: ``_teaser_items(labels)``; True
    when a line was taken."""
    n = len(blocks)
    shapes: dict[int, str] = {}  # a line's shape once: the items' ends are read again and again

    def shape_of(index: int) -> str:
        shape = shapes.get(index)
        if shape is None:
            shape = shapes[index] = _line_shape(blocks[index].text)
        return shape

    def free(start: int, end: int) -> bool:
        return all(labels[i] is None and not features[i].is_list_heading for i in range(start, end))

    lists: list[list[tuple[int, int]]] = []
    for item in items:
        if lists and item[0] - lists[-1][-1][1] - 1 <= LIST_GAP_MAX_LINES and free(lists[-1][-1][1] + 1, item[0]):
            lists[-1].append(item)
        else:
            lists.append([item])
    taken = False
    for members in lists:
        if len(members) < LIST_MIN_ITEMS:
            continue  # most lists
        needed = max(LIST_MIN_ITEMS, len(members) // 2 + 1)
        ends = []
        for side in (0, 1):
            if sum(features[item[side]].n_words <= GAP_LINE_MAX_WORDS for item in members) < needed:
                # the shape must be that of ``needed`` short lines at least: fewer short lines, no shape is
                # read (most lists: their items open with a headline, close with a summary)
                ends.append(None)
                continue
            at_side = [shape_of(item[side]) for item in members]
            shape, count = Counter(at_side).most_common(1)[0]
            short = all(features[item[side]].n_words <= GAP_LINE_MAX_WORDS for item, at in zip(members, at_side)
                        if at == shape)
            ends.append(shape if count >= needed and short else None)
        opener, closer = ends
        if opener is None and closer is None:
            continue
        longest = max(last - first + 1 for first, last in members)
        for first, last in members:
            if (opener is not None and first > 0 and labels[first - 1] is None
                    and shape_of(first) != opener and shape_of(first - 1) == opener):
                labels[first - 1] = labels[first]
                taken = True
            if (closer is not None and last + 1 < n and labels[last + 1] is None
                    and shape_of(last) != closer and shape_of(last + 1) == closer):
                labels[last + 1] = labels[last]
                taken = True
        if opener is None or closer is None:
            continue
        for (_, above_last), (below_first, _) in zip(members, members[1:]):
            start, end = above_last + 1, below_first
            while start < end and labels[start] is not None:
                start += 1
            while end > start and labels[end - 1] is not None:
                end -= 1
            if (2 <= end - start <= longest and free(start, end) and shape_of(start) == opener
                    and shape_of(end - 1) == closer
                    and any(features[i].headline_like for i in range(start + 1, end - 1))):
                for index in range(start, end):
                    labels[index] = BlockLabel(TEASER, 0.6, -1 - start)
                taken = True
    return taken


def _credits_under_kickers(blocks, features, labels: list, items: list[tuple[int, int]]) -> bool:
    """Guidelines 8.2 (8.2 comes before 8.4 there): a photo credit between an item's kicker or badge and its
    headline ("Analysis", "Photo: Jane Roe/Reuters", the headline) is inside the item: each such credit is taken
    into the item under it, so that the kicker above it stands right above the item (``_attach_kickers``). A credit
    with no line of the item above it is the picture's alone (guidelines 8.4). ``items``: ``_teaser_items(labels)``;
    True when a line was taken."""
    taken = False
    for first, _ in items:
        credit = first - 1
        if not (credit >= 1 and labels[credit] is None and features[credit].n_words <= CREDIT_MAX_WORDS
                and (_photo_credit(blocks[credit].text) or is_caption_credit(blocks[credit].text))):
            continue
        if _free_kicker(blocks, features, labels, credit - 1):
            labels[credit] = labels[first]
            taken = True
    return taken


# A rank number on a line of its own above a promoted item: "1", "2.", "#3", "No. 4".
_RANK_RE = re.compile(r"^(?:#|no\.? ?|nr\.? ?)?([0-9]{1,2})[.)]?$", re.IGNORECASE)
RANK_MAX_CHARS = 7
# A rank number opening a promoted item's own line: "1. Headline", "2) Headline".
_INLINE_RANK_RE = re.compile(r"^([0-9]{1,2})[.)]\s+\S")
_RANK_INITIALS = frozenset("0123456789#nN")
# A numbered list of this many items is one too when a headline stands under each number: a row of page numbers has
# no headlines between its numbers.
SHORT_RANKED_MIN_ITEMS = 2
# A numbered item's lines after its number: its kicker and headline, and a summary, time or author; or its
# headline, author and time.
RANKED_ITEM_MAX_LINES = 4


def _rank(text: str) -> int | None:
    """The number of a rank line (``_RANK_RE``), else None."""
    if len(text) > RANK_MAX_CHARS or text[:1] not in _RANK_INITIALS:
        return None
    match = _RANK_RE.match(text)
    return int(match.group(1)) if match else None


def _numbered_items(blocks, features, labels: list) -> None:
    """A numbered list ("Most read": 1, headline, 2, headline, ...): ``LIST_MIN_ITEMS`` or more rank lines
    (``SHORT_RANKED_MIN_ITEMS`` with a headline under each) counting up from 1, each followed by up to
    ``RANKED_ITEM_MAX_LINES`` unlabelled lines that are no prose paragraph, list heading (but for a badge right
    under the number: "Contenido patrocinado"), furniture (but for an item's badge: "Video") or ad label; each number
    opens an item that ends before the next (``_ranked_chain_items``). The ranks printed on the items' own lines
    ("1. Fuel prices fall sharply") make such a list too (``_inline_ranked_items``). Items are numbered
    ``-1 - first block`` like the other items made outside the main pass."""
    _inline_ranked_items(blocks, features, labels)
    # the length first: most lines are longer than any rank line, and are answered without a call
    ranks = [i for i, block in enumerate(blocks)
             if len(block.text) <= RANK_MAX_CHARS and labels[i] is None and _rank(block.text) is not None]
    if len(ranks) < SHORT_RANKED_MIN_ITEMS:
        return  # most pages
    chain: list[int] = []
    for rank in [*ranks, None]:
        if (rank is not None and chain and _rank(blocks[rank].text) == _rank(blocks[chain[-1]].text) + 1
                and 2 <= rank - chain[-1] <= RANKED_ITEM_MAX_LINES + 1
                and all(_ranked_item_line(blocks, features, labels, i) for i in range(chain[-1] + 1, rank))):
            chain.append(rank)
            continue
        if len(chain) >= LIST_MIN_ITEMS or (len(chain) >= SHORT_RANKED_MIN_ITEMS and all(
                _teaser_head(features[rank + 1]) or _prose_headline(features[rank + 1]) for rank in chain)):
            _ranked_chain_items(blocks, features, labels, chain)
        chain = [rank] if rank is not None and _rank(blocks[rank].text) == 1 else []


def _ranked_item_line(blocks, features, labels: list, index: int) -> bool:
    """Whether the line at ``index`` may be a line of a numbered item under its rank: unlabelled, no prose paragraph,
    list heading (but for a badge right under a bare rank), furniture (but for an item's badge: guidelines 8.2, a
    "Video" inside a card is the item's), ad label or rank."""
    f, text = features[index], blocks[index].text
    return (labels[index] is None and not (f.is_list_heading and _rank(blocks[index - 1].text) is None)
            and not (f.is_furniture and not _badge(text)) and not line_marks(text)[1]
            and not (f.text_like and f.n_words > SUMMARY_MAX_WORDS) and _rank(text) is None
            and _INLINE_RANK_RE.match(text) is None)


def _ranked_chain_items(blocks, features, labels: list, chain: list[int]) -> None:
    """Label the items of a numbered list whose ranks stand at ``chain``: each rank opens an item that ends before
    the next; the last takes as many lines as the item before it (guidelines 8.2: a list repeats one layout) -- or,
    where the item before ends in its time, up to its own time -- and ends above the first line no item shows (an ad
    label, the next list's heading, furniture: the page's), however few lines that leaves it."""
    period = chain[-1] - chain[-2]
    last = chain[-1] + period
    if _item_time(features, blocks, chain[-1] - 1):
        reach = range(chain[-1] + 1, min(len(blocks), chain[-1] + RANKED_ITEM_MAX_LINES + 1))
        last = next((i + 1 for i in reach if _item_time(features, blocks, i)), last)
    last = min(last, len(blocks))
    last = next((i for i in range(chain[-1] + 1, last) if not _ranked_item_line(blocks, features, labels, i)), last)
    for first, after in zip(chain, [*chain[1:], last], strict=True):
        for index in range(first, after):
            labels[index] = BlockLabel(TEASER, 0.65, -1 - first)


def _inline_ranked_items(blocks, features, labels: list) -> None:
    """A numbered list printed with each rank on its item's first line ("1. Fuel prices fall sharply", "2. …":
    ``_INLINE_RANK_RE``): ``LIST_MIN_ITEMS`` or more unlabelled such lines counting up from 1, each a rank and a
    headline (no prose paragraph, furniture or list heading), the next at most ``RANKED_ITEM_MAX_LINES`` item lines
    (``_ranked_item_line``: its summary, author, reading time) below the one before, open one item each, the rank
    included (guidelines 8.2: rank numbers of a numbered list are the item's; ``_ranked_chain_items``). The rank
    makes the line read as two sentences, so the main pass takes none of them for a headline. Items are numbered
    ``-1 - first block`` like the other items made outside the main pass."""
    def rank(index: int) -> int | None:
        f = features[index]
        match = _INLINE_RANK_RE.match(blocks[index].text)
        if match is None or (f.text_like and f.n_words > SUMMARY_MAX_WORDS) or f.is_furniture or f.is_list_heading:
            return None
        return int(match.group(1))

    chains: list[list[int]] = []
    # (the lines opening with a digit first: most lines are none, answered without a call)
    for index in [i for i, block in enumerate(blocks) if block.text[:1].isdigit() and labels[i] is None]:
        number = rank(index)
        if (number is not None and number > 1 and chains and number == len(chains[-1]) + 1
                and index - chains[-1][-1] <= RANKED_ITEM_MAX_LINES + 1
                and all(_ranked_item_line(blocks, features, labels, i) for i in range(chains[-1][-1] + 1, index))):
            chains[-1].append(index)  # the next rank, on the next line or under the item's few lines
        elif number == 1:
            chains.append([index])
    for chain in chains:
        if len(chain) >= LIST_MIN_ITEMS:
            _ranked_chain_items(blocks, features, labels, chain)


# A list of items opening with their times: at least this many times, each with its item's headline under it.
TIME_LIST_MIN_ITEMS = 2


def _time_opened_items(blocks, features, labels: list, groups: frozenset[int] = frozenset()) -> None:
    """Guidelines 8.2: a list's layout is read from its first item. A list whose first time stands above its headline
    ("14:32", headline; "Posted Sat 22 Nov 2026 at 4:10am", headline, summary) -- under a heading, furniture, the
    page's other zones, or a short line that is no headline (a day's name: "Today") -- is cut before each time shaped
    as the first, ``TIME_LIST_MIN_ITEMS`` or more with an item's headline under each (under a second time, "Updated
    …", and a badge, "Video"), at most ``LIST_GAP_MAX_LINES`` lines apart: each time opens the item that ends before
    the next, the last taking the lines of an item up to the longest above it without a line parting the days (then
    only its byline, time or count) and stopping at a heading, furniture or an ad label. A short line closing an item
    ("Politics", "Вчера") is the item's only where most items of the list close with one, and a time closing it (a
    date, "Yesterday": not a time of day) only where most close with a time: else it parts the list's days. A list
    whose items close with a time is left to ``_layout_items``. A plain text's blank line (``groups``) above a time
    ends what stands above it: a time opening a group of lines closes no item above. Items are numbered
    ``-1 - first block``."""
    n = len(blocks)

    def timed(index: int) -> bool:
        return labels[index] is None and _item_time(features, blocks, index)

    def head_under(time: int) -> bool:
        index = time + 1
        while index < min(n, time + 1 + ITEM_GAP_MAX_LINES) and timed(index):
            index += 1  # a second time ("Updated …") under the first
        if index + 1 < n and labels[index] is None and _kicker(features[index], blocks[index].text):
            index += 1  # a badge or kicker above the headline
        # a headline read as prose too ("Bridge closed. Detour until March"), with no closing full stop: the times
        # above the headlines tell the list, not the headlines' shape
        return index < n and labels[index] is None and (_item_head(features, labels, index) or (
            _prose_headline(features[index]) and not features[index].ends_with_full_stop))

    def item_line(index: int) -> bool:
        f = features[index]
        return (labels[index] is None and not f.is_list_heading and not line_marks(blocks[index].text)[1]
                and not (f.text_like and f.n_words > SUMMARY_MAX_WORDS))

    def opens_list(time: int) -> bool:
        # no headline or prose above it up to a heading, furniture or the page's other zones: else the time closes
        # the item above (headline, summary, byline, time)
        for above in range(time - 1, max(-1, time - 2 - LIST_GAP_MAX_LINES), -1):
            if above + 1 in groups:
                return True  # (the group's first line: above it, the text's other parts)
            f = features[above]
            if (labels[above] is not None or f.is_list_heading or f.is_furniture or line_marks(blocks[above].text)[1]
                    or timed(above)):
                # (a time above closes the item above it, or parts the list's days)
                return labels[above] is None or labels[above].label != TEASER
            if f.n_words > KICKER_MAX_WORDS or f.text_like or f.is_byline or _teaser_head(f):
                return False
        return True

    def closing(index: int) -> bool:
        f = features[index]
        return _item_time(features, blocks, index) or (f.n_words <= 2 and f.digit_share == 0 and not _badge(
            blocks[index].text) and not _teaser_head(f) and not f.is_furniture)

    def tail(index: int) -> bool:
        text = blocks[index].text
        return (features[index].is_byline or _item_time(features, blocks, index) or _ITEM_TAIL_RE.match(text) is not None
                or _MEDIA_COUNT_RE.match(text) is not None)

    def opener_like(index: int) -> bool:
        # (not a second time right under the first: "Posted …", "Updated …")
        return (timed(index) and not timed(index - 1)
                and _line_shape(blocks[index].text) == _line_shape(blocks[chain[0]].text))

    # a time has a headline under it in a list of timed items only: most pages have none, and most lines have no line
    # of a headline's length (four words at least) in reach under them, answered without a call
    reach = ITEM_GAP_MAX_LINES + 2
    long = [f.n_words >= 4 for f in features]
    times = [i for i in range(n - 1)
             if (features[i].n_words <= RELATIVE_TIME_MAX_WORDS or features[i].is_timestamp)
             and True in long[i + 1:i + 1 + reach] and timed(i) and head_under(i)]
    if len(times) < TIME_LIST_MIN_ITEMS:
        return
    chain: list[int] = []
    for time in [*times, None]:
        if time is not None and chain and time - chain[-1] <= LIST_GAP_MAX_LINES + 1:
            if (all(timed(i) for i in range(chain[-1] + 1, time))
                    or _line_shape(blocks[time].text) != _line_shape(blocks[chain[0]].text)):
                continue  # an item's second time ("Updated …") or a line parting the list's days ("Yesterday")
            if all(item_line(i) and not opener_like(i) for i in range(chain[-1] + 1, time)):
                # (a time shaped as the openers without a headline under it opens an item too short to tell)
                chain.append(time)
                continue
        if len(chain) >= TIME_LIST_MIN_ITEMS:
            ends = [*chain[1:]]
            closed = sum(after - first > 2 and closing(after - 1) for first, after in zip(chain, ends))

            def parts_days(first: int, after: int) -> bool:
                # the line closing the item parts the list's days: a time in another format than the openers' (a
                # date, "Yesterday": the openers are the items' times) -- a time of day alone parts no days, under a
                # headline it is a video's running time ("1:23") -- or another short line where most items show
                # none (where most do, it is the items' own: their section, "Politics")
                return (after - first > 2 and closing(after - 1)
                        and not _clock_time(features[after - 1], blocks[after - 1].text)
                        and (2 * closed < len(chain) - 1 or _item_time(features, blocks, after - 1)))

            # (the line parting the days after an item is none of its lines)
            longest = max(after - first - parts_days(first, after) for first, after in zip(chain, ends))
            last = chain[-1] + 1
            # the last item takes the lines of an item up to the longest above, and then its byline, time or count,
            # in its group of lines; a badge over a time is the next list's ("Premium", then its first time)
            # under the last item's headline, a short line is the list's control ("Load more", "More news"), not
            # the item's, unless most items close with one (their section)
            short_closers = 2 * closed >= len(chain) - 1
            while (last < n and last - chain[-1] <= RANKED_ITEM_MAX_LINES and item_line(last) and last not in groups
                   and not (features[last].is_furniture and not _badge(blocks[last].text))
                   and not opener_like(last) and not (_badge(blocks[last].text) and last + 1 < n and timed(last + 1))
                   and (last - chain[-1] < longest or tail(last))
                   and (short_closers or features[last].n_words > KICKER_MAX_WORDS or tail(last)
                        or True not in long[chain[-1] + 1:last])):
                last += 1
            ends.append(last)
            # items closing with a second time too ("02:45", headline, "27 November 2026") are left to
            # ``_layout_items``, which reads the list from its openers and closers: the first time may be a
            # running time
            if 2 * sum(_item_time(features, blocks, after - 1) for after in ends[:-1]) < len(chain) - 1:
                for first, after in zip(chain, ends):
                    if parts_days(first, after) or (after - first > 2 and after < n and timed(after)
                                                    and _badge(blocks[after - 1].text)):
                        after -= 1  # the line parting the list's days, or a badge over the next time (a heading)
                    for index in range(first, after):
                        labels[index] = BlockLabel(TEASER, 0.65, -1 - first)
        # a list opens at the last of the times over its first headline: the others part its days ("Today", "12:41")
        chain = [time] if time is not None and not timed(time + 1) and opens_list(time) else []


# A headline of a kicker-and-headline pair read as prose (two short sentences: "Congress keeps kicking the can. The
# can is getting heavy.") has at most this many words.
PAIR_HEADLINE_MAX_WORDS = 20


def _prose_headline(f: BlockFeatures) -> bool:
    """A headline that reads as prose (two short sentences: "I was a landlord for 20 years. Rent control isn't the
    enemy."), which a list's layout tells apart: 4 to ``PAIR_HEADLINE_MAX_WORDS`` words, not cut short, and no
    furniture, byline, time or list heading."""
    return (4 <= f.n_words <= PAIR_HEADLINE_MAX_WORDS and not f.truncated and not f.is_furniture and not f.is_byline
            and not f.is_timestamp and not f.is_list_heading)


# An opinion box of this many items, each a columnist's name over a headline, is a list of items too.
NAMED_PAIRS_MIN_ITEMS = 2


def _kicker_pairs(blocks, features, labels: list) -> None:
    """Guidelines 8.2: a list's layout is read from its first item. A list of ``KICKER_MIN_ITEMS`` or more items of a
    kicker and a headline each (an opinion box: "Jennifer Alvarez", her column's headline; "Editorial", a headline),
    under a line that is no item's (a heading, "Opinion", furniture, the page's other zones), with no line of four
    words or more right under its last headline (the next item's, or an author under each headline) nor a line shaped
    as its last kicker (``_line_shape``: "9:47 น." under the last headline, the times "10:52 น." … read as kickers close
    the items above them, ``_periodic_items``), is one item per
    pair -- a headline read as prose too ("I was a landlord for 20 years. Rent control isn't the enemy."), one at
    least reading as a headline; a box of ``NAMED_PAIRS_MIN_ITEMS`` such items is one too when each kicker is a
    person's name (``_author_name``, no picture credit: the columnists of an opinion box). Items are numbered ``-1 - first block``."""
    n = len(blocks)

    def kicker(index: int) -> bool:
        # (an item's time is none: "2023/11/20", a headline, is a time-first item or the time closing the one above)
        return (index < n and labels[index] is None and _kicker(features[index], blocks[index].text)
                and not _item_time(features, blocks, index))

    def head(index: int) -> bool:
        f = features[index]
        return (labels[index] is None and not _kicker(f, blocks[index].text)
                and (_teaser_head(f) or _prose_headline(f)))

    # a list opens where a short line, then a longer one, come KICKER_MIN_ITEMS times, unlabelled: the lines' word
    # counts, read as one string, turn nearly every page away at once
    shapes = "".join(["x" if label is not None else "s" if f.n_words <= KICKER_MAX_WORDS else "l"
                      for label, f in zip(labels, features)])
    run = "sl" * NAMED_PAIRS_MIN_ITEMS
    after = 0  # the line under the last list read
    index = shapes.find(run)
    while index >= 0:
        above = index - 1
        if index >= after and kicker(index) and head(index + 1) and (
                above < 0 or (labels[above] is not None and labels[above].label != TEASER)
                or (labels[above] is None and features[above].n_words <= KICKER_MAX_WORDS)):
            end = index
            while kicker(end) and end + 1 < n and head(end + 1):
                end += 2
            pairs = range(index, end, 2)
            if (((len(pairs) >= KICKER_MIN_ITEMS and any(_teaser_head(features[first + 1]) for first in pairs))
                 or (len(pairs) >= NAMED_PAIRS_MIN_ITEMS
                     and all(_author_name(features[first], blocks[first].text)
                             and not is_caption_credit(blocks[first].text) for first in pairs)))
                    and not (end < n and labels[end] is None and features[end].n_words > KICKER_MAX_WORDS)
                    and not (end < n and labels[end] is None and features[end].digit_share > 0
                             and _line_shape(blocks[end].text) == _line_shape(blocks[pairs[-1]].text))):
                for first in pairs:
                    labels[first] = labels[first + 1] = BlockLabel(TEASER, 0.6, -1 - first)
            after = end
        index = shapes.find(run, index + 1)


# A list read from its lines' shapes alone (``_periodic_items``) repeats items of this many lines: a headline and up to
# three lines around it (a kicker, a summary, a time, a count).
PERIOD_MIN_LINES = 2
PERIOD_MAX_LINES = 4


def _period_sign(f: BlockFeatures, text: str) -> str:
    """A line's shape as ``_periodic_items`` compares it: "H" a headline (``_teaser_head``), "S" prose (a summary),
    "F" furniture or a heading, "L" another long line; a short line (``KICKER_MAX_WORDS`` words at most) is "W" when
    it holds no digit (a kicker, a badge, "Yesterday") and its ``_line_shape`` when it does, so that two times of
    one format are one shape whatever their words ("kl. 10.52" and "kl. 9.47": "a. 0.0")."""
    if f.is_furniture or f.is_list_heading:
        return "F"
    if f.n_words > KICKER_MAX_WORDS:
        return "H" if _teaser_head(f) else "S" if f.text_like or f.ends_with_full_stop else "L"
    return _line_shape(text) if f.digit_share > 0 else "W"


def _periodic_items(blocks, features, labels: list) -> bool:
    """Guidelines 8.2: a promoted list repeats one layout, whatever words its times, kickers and badges are written
    in. A run of unlabelled lines whose shapes (``_period_sign``) repeat every k lines (``PERIOD_MIN_LINES`` to
    ``PERIOD_MAX_LINES``), ``LIST_MIN_ITEMS`` periods or more, each period holding one headline and a short line, is
    cut into items of k lines: a time of a format no rule knows ("kl. 10.52", "10:52 น.") or a kicker in any script
    opens or closes its item as the same line of the other items does. Lines of the run over whole periods stand at
    its top (the list's heading is shaped as a line of its items: "Latest" over "Politics", headline, "Yesterday").
    A run of whole periods whose first two lines no pass took is cut so too over the items the passes made in it: they
    read the list out of step (a time and a kicker over each headline, the time taken for the item above's; the
    layout is read from the first item). Items are numbered ``-1 - first block`` like the other items made outside
    the main pass."""
    n = len(blocks)
    # most pages have no run of short lines and headlines: counted first, answered without the shapes (an item's
    # lines are read too: its headline, and the lines around it the passes took out of step)
    heads = [i for i in range(n) if (labels[i] is None or labels[i].label == TEASER) and _teaser_head(features[i])]
    if len(heads) < LIST_MIN_ITEMS:
        return False
    taken = False
    signs: list[str] = [
        _period_sign(f, block.text) if label is None or label.label == TEASER else f"x{i}"  # (no other zone's line)
        for i, (block, f, label) in enumerate(zip(blocks, features, labels))]
    for period in range(PERIOD_MIN_LINES, PERIOD_MAX_LINES + 1):
        start = 0
        while start + period < n:
            if signs[start] != signs[start + period]:
                start += 1
                continue
            end = start  # the run: signs[i] == signs[i + period] for i in [start, end)
            while end + period < n and signs[end] == signs[end + period]:
                end += 1
            length = end + period - start
            count = length // period
            first = start + length - count * period
            if count >= LIST_MIN_ITEMS and (
                    all(labels[i] is None for i in range(first, first + count * period))
                    or (first == start and labels[start] is None and labels[start + 1] is None)):
                layout = signs[first:first + period]
                if (layout.count("H") == 1 and "F" not in layout and "L" not in layout
                        and any(sign not in ("H", "S") for sign in layout)):
                    for item in range(first, first + count * period, period):
                        for index in range(item, item + period):
                            labels[index] = BlockLabel(TEASER, 0.6, -1 - item)
                            signs[index] = f"x{index}"
                    taken = True
            start = end + period
    return taken


# An item closed by its time (``_closed_items``) has at most this many lines: a kicker, its headline, a summary or
# its author, a video's running time and a search result's section over the time.
CLOSED_ITEM_MAX_LINES = 5


def _closed_items(blocks, features, labels: list) -> bool:
    """Guidelines 8.2: a promoted list repeats one layout, and an item's own time closes it. ``LIST_MIN_ITEMS`` or
    more times of one format of numbers (``_line_shape``: "26.11.2026", "24.11.2026"), each at most
    ``CLOSED_ITEM_MAX_LINES`` lines under the one before, bound the list's items: the lines after a time up to the
    next are one item (a summary right under a time is that time's item's) -- its kicker or badge, a video's running time ("01:36", another format) and its section
    between headline and time included, however the passes cut them -- when they hold one headline and no line of
    another zone, heading or furniture; the first item ends at the first time. The list's times close its items only
    where a headline stands above the first time and none under the last (times opening their items are
    ``_time_opened_items``'). Lines under the last time that the passes gave to its item ("Load more") are the
    page's. True when a line moved."""
    n = len(blocks)

    def free(index: int) -> bool:
        label = labels[index]
        return label is None or label.label == TEASER

    def head(index: int) -> bool:
        # (a summary cut short reads as a headline too: "… mostram…")
        f = features[index]
        return free(index) and not f.truncated and (_teaser_head(f) or _two_sentence_head(f))

    def item_line(index: int) -> bool:
        f = features[index]
        return (free(index) and not f.is_list_heading and not (f.is_furniture and not _badge(blocks[index].text))
                and not line_marks(blocks[index].text)[1])

    def headed(segment: range) -> bool:
        # one headline; or none that reads as one, but the first line the segment's one long line: between two
        # times of the list, with short lines under it (its section, a badge), it is the item's headline however
        # it ends ("Column: I called 14 insurers. Here's what they told me.")
        heads = sum(head(i) for i in segment)
        if heads == 1:
            return True
        if heads:
            return False
        if (features[segment[0]].n_words > KICKER_MAX_WORDS and not features[segment[0]].truncated
                and all(features[i].n_words <= KICKER_MAX_WORDS for i in segment[1:])):
            return True
        # or, all its lines short, one line of words alone among lines holding numbers (an episode's number, its
        # running time, its date): a short headline ("Ostatnia zima", between "Episode 41" and "44 min")
        worded = [i for i in segment if features[i].digit_share == 0]
        return (len(worded) == 1 and all(features[i].n_words <= KICKER_MAX_WORDS for i in segment)
                and not _badge(blocks[worded[0]].text))

    # a format is one of numbers ("26.11.2026", "10:52"): most lines have no digit and are answered without a call;
    # most pages have fewer than LIST_MIN_ITEMS such times, answered without the shapes
    times = [i for i, f in enumerate(features) if f.digit_share > 0 and (labels[i] is None or labels[i].label == TEASER)
             and _item_time(features, blocks, i)]  # (``free`` inlined: read for every line with a digit)
    if len(times) < LIST_MIN_ITEMS:
        return False
    chains: list[list[int]] = []
    open_chains: dict[str, list[int]] = {}  # shape -> the chain of times of that format still open
    for time in times:
        shape = _line_shape(blocks[time].text)
        chain = open_chains.get(shape)
        if chain is not None and time - chain[-1] <= CLOSED_ITEM_MAX_LINES:
            chain.append(time)
        else:
            open_chains[shape] = chain = [time]
            chains.append(chain)
    moved = False
    timed = set(times)
    for chain in chains:
        if len(chain) < LIST_MIN_ITEMS or all(time + 1 in timed for time in chain):
            # (each time right over another time: an episode's running time over its date, the date closing the item)
            continue
        first, last = chain[0], chain[-1]
        if (not any(head(i) for i in range(max(0, first - CLOSED_ITEM_MAX_LINES + 1), first))
                or (last + 1 < n and head(last + 1))):
            continue  # the times open their items, or stand alone over the list
        # the passes read such a list right (most lists) unless they left one of its times out, or took the first
        # as closing its item and a later one as opening the next (out of step: "26/11", then the next headline)
        closes_first = labels[first] is not None and (first + 1 == n or labels[first + 1] != labels[first])
        if not (any(labels[time] is None for time in chain)
                or (closes_first and any(labels[time] is not None and labels[time - 1] != labels[time]
                                         and time + 1 < n and labels[time + 1] == labels[time]
                                         for time in chain[1:]))):
            continue
        before = labels[last]
        # an item's summary may stand under its time (headline, section, date, summary: guidelines 8.2): a line
        # shaped as a summary right under a time closes that time's item, since a summary never opens one -- the
        # next item opens with its kicker or headline
        ends = [time + 1 if time + 1 < n and not head(time + 1) and item_line(time + 1)
                and _summary_shaped(features[time + 1], blocks[time + 1].text) else time for time in chain]
        segments = [range(above + 1, end + 1) for above, end in zip(ends, ends[1:])]
        # the first item: the one the passes made holding the first time, or the one right above the unlabelled lines
        # over it and those lines, or those lines up to its headline and the kicker over it
        start = first
        while (labels[start] is None and start > 0 and first - start < CLOSED_ITEM_MAX_LINES - 1
               and item_line(start - 1)):
            if head(start):
                if labels[start - 1] is None and _kicker(features[start - 1], blocks[start - 1].text):
                    start -= 1
                break
            start -= 1
        item = labels[start]
        while item is not None and start > 0 and labels[start - 1] == item:
            start -= 1
        segments.insert(0, range(start, ends[0] + 1))
        for segment in segments:
            if (len(segment) > CLOSED_ITEM_MAX_LINES or not headed(segment)
                    or not all(item_line(i) for i in segment)
                    or (labels[segment[0]] is not None and labels[segment[-1]] is not None
                        and labels[segment[0]].item == labels[segment[-1]].item
                        and all(labels[i] == labels[segment[0]] for i in segment)
                        and (segment[-1] + 1 >= n or labels[segment[-1] + 1] != labels[segment[-1]])
                        and (segment[0] == 0 or labels[segment[0] - 1] != labels[segment[0]]))):
                continue  # not one item's lines, or one item already
            for index in segment:
                labels[index] = BlockLabel(TEASER, 0.6, -1 - segment[0])
            moved = True
        # the lines under the last time the passes gave to its item are no item's
        under = ends[-1] + 1
        while before is not None and under < n and labels[under] == before:
            labels[under] = None
            under += 1
            moved = True
    return moved


def _section_author(features, blocks, index: int) -> bool:
    """Whether the line at ``index``, under a search result's section ("News"), is its author: a kicker's line that
    is a name (``_author_name``: "By Jane Roe" in words no rule knows) -- not the short lines over the next list ("Show
    older", "Latest", then that list's first time)."""
    f, text = features[index], blocks[index].text
    return _kicker(f, text) and _author_name(f, text)


def _counted_tail(f: BlockFeatures, text: str) -> bool:
    """A short line (``KICKER_MAX_WORDS`` words at most) opening with a number and holding words: right under an item's
    time it is the item's comment count, reading time or count of views in any language ("112 comments", "5 min read",
    "48 replies" in words no rule knows; guidelines 8.2). A kicker that holds a number names it last ("Elections 2026",
    "Episode 410") and a rank has no words: each opens the next item."""
    return (0 < f.n_words <= KICKER_MAX_WORDS and text[:1].isdigit() and not f.is_list_heading and not f.is_furniture
            and _LETTERS_RE.search(text) is not None)


# A comment count printed as a bare number has at most this many digits.
COUNT_MAX_DIGITS = 6


def _bare_count(blocks, index: int) -> bool:
    """A comment count printed as a bare number ("312") -- not a page number of a row of them ("1", "2", "3")."""
    text = blocks[index].text
    if not (len(text) <= COUNT_MAX_DIGITS and text.isascii() and text.isdigit()):
        return False
    following = blocks[index + 1].text if index + 1 < len(blocks) else ""
    return not (following.isascii() and following.isdigit())


def _item_time(features, blocks, index: int) -> bool:
    """A timestamp, an item's time cut short (``_SHORT_TIME_RE``: "2h"), a date written year first
    (``_YEAR_FIRST_DATE_RE``: "2026/11/20") or a time told in another language (``_RELATIVE_TIME_RE``: "vor 3 Std.")."""
    f, text = features[index], blocks[index].text
    return f.is_timestamp or (f.n_words <= 2 and _SHORT_TIME_RE.match(text) is not None) or (
        f.n_words <= YEAR_FIRST_DATE_MAX_WORDS and f.digit_share > 0.5 and _YEAR_FIRST_DATE_RE.match(text) is not None
    ) or (
        f.n_words <= RELATIVE_TIME_MAX_WORDS and text[:1] in _RELATIVE_TIME_INITIALS
        and _RELATIVE_TIME_RE.match(text) is not None)


def _times_above_headlines(blocks, features, index: int) -> bool:
    """Whether the headline at ``index`` ends a run of times and headlines read from a time above its first headline
    ("20 Nov", headline, "19 Nov", headline, "18 Nov", headline): a time-first list, whose next time opens the next
    item (guidelines 8.2: the layout is read from the first item)."""
    above = index - 1
    while above >= 1 and _item_time(features, blocks, above) and _teaser_head(features[above - 1]):
        above -= 2
    return above >= 0 and _item_time(features, blocks, above)


# A list's heading is read off the items under it when at least this many of them show one layout.
HEADED_LIST_MIN_ITEMS = 2


def _heading_over_timed_list(features, labels: list, items: list[tuple[int, int]]) -> bool:
    """Guidelines 8.2: a promoted list repeats one layout, and a label on a line of its own above the list ("Related",
    "Latest from the region") is the page's, not an item. On a story page, where ``HEADED_LIST_MIN_ITEMS`` or more items
    right under the list's first are each a headline with its own time under it, a first item that breaks the layout
    by one line at its top -- a line alone with no time, or a line over its headline and time -- opens with the list's
    heading: shorter than each headline under it, no sentence, no teaser right above it (a badge over one item in a
    list is that item's). The heading becomes boilerplate; the headline and time under it stay their item. True when
    a line moved."""
    moved = False
    for number, (first, last) in enumerate(items):
        under = items[number + 1:number + 1 + HEADED_LIST_MIN_ITEMS]
        size = last - first + 1
        # the cheap exact tests first: most items are none of the two shapes, or have no list under them
        if len(under) < HEADED_LIST_MIN_ITEMS or size not in (1, 3) or under[0][0] != last + 1:
            continue
        if not all(end - start == 1 and features[end].is_timestamp and not features[start].is_timestamp
                   and (k == 0 or start == under[k - 1][1] + 1) for k, (start, end) in enumerate(under)):
            continue
        heading = features[first]
        middle = features[first + 1] if size == 3 else None
        # (a line over a summary and its time is that item's headline: the list's first item shows a summary)
        if heading.is_timestamp or heading.ends_like_sentence or (middle is not None and not (
                features[last].is_timestamp and not middle.is_timestamp and not middle.ends_like_sentence
                and not middle.truncated)):
            continue
        if first > 0 and labels[first - 1] is not None and labels[first - 1].label == TEASER:
            continue
        headlines = [start for start, _ in under] + ([first + 1] if size == 3 else [])
        if heading.n_words >= min(features[index].n_words for index in headlines):
            continue
        labels[first] = BlockLabel(BOILERPLATE, 0.6)
        moved = True
    return moved


# A line under an item's headline that a list repeats (its time, its count of views) has at most this many words.
PAIRED_TAIL_MAX_WORDS = 3


def _pair_under_paired_list(blocks, features, labels: list, items: list[tuple[int, int]]) -> bool:
    """Guidelines 8.2: a promoted list repeats one layout. On a story page, under ``HEADED_LIST_MIN_ITEMS`` or more
    items in a row that are each a headline and one short line under it (a time, a count of views: at most
    ``PAIRED_TAIL_MAX_WORDS`` words, and no more than the longest of the list's), a headline and a short line right
    under the last item, which no pass took, are one more item of the list, whatever words the short line is in (a
    time no pattern knows: "вчора") -- opening in a capital only where a short line of the list does (the site's
    name over "Legal notice" under a list of dates is the page's footer), under a headline no shorter than the list's
    shortest (a box's heading over a name, "About the author", is none). True when an item was made."""
    made = False
    row = 0  # the items in a row, each a headline and its short line, ending at the item read
    longest = 0  # the most words of those short lines
    capital = False  # whether one of those short lines opens in a capital letter
    shortest = 0  # the fewest words of the row's headlines
    for number, (first, last) in enumerate(items):
        paired = last == first + 1 and features[last].n_words <= PAIRED_TAIL_MAX_WORDS and not (
            features[last].headline_like or features[first].is_timestamp)
        joined = number > 0 and items[number - 1][1] == first - 1
        row = (row + 1 if joined else 1) if paired else 0
        longest = (max(longest, features[last].n_words) if joined else features[last].n_words) if paired else 0
        capital = paired and ((capital and joined) or blocks[last].text[:1].isupper())
        shortest = (min(shortest, features[first].n_words) if joined else features[first].n_words) if paired else 0
        head, tail = last + 1, last + 2
        if row < HEADED_LIST_MIN_ITEMS or tail >= len(features) or labels[head] is not None or labels[tail] is not None:
            continue
        if number + 1 < len(items) and items[number + 1][0] <= tail:
            continue
        f, g = features[head], features[tail]
        if not (_teaser_head(f) and f.n_words >= shortest and not f.ends_like_sentence and not f.is_furniture
                and not f.is_list_heading and 0 < g.n_words <= longest and not g.headline_like and not g.is_furniture and not g.is_list_heading
                and (capital or not blocks[tail].text[:1].isupper())):
            continue
        number_made = 1 + max((label.item for label in labels if label is not None and label.label == TEASER
                               and label.item is not None and label.item > 0), default=0)
        labels[head] = labels[tail] = BlockLabel(TEASER, 0.6, number_made)
        made = True
    return made


def _teaser_items(labels: list) -> list[tuple[int, int]]:
    """(first block, last block) of each teaser item made so far, in page order."""
    items: list[tuple[int, int]] = []
    # the teaser blocks picked out first: a comprehension, not a Python step per block of the page
    for index in [index for index, label in enumerate(labels) if label is not None and label.label == TEASER]:
        if items and items[-1][1] == index - 1 and labels[index - 1].item == labels[index].item:
            items[-1] = (items[-1][0], index)
        else:
            items.append((index, index))
    return items


# Items of one list stand at most this many short lines apart (a badge, a second time: "Updated …").
ITEM_GAP_MAX_LINES = 2


def _time_first_layout(blocks, features, labels: list, items: list[tuple[int, int]]) -> bool:
    """Guidelines 8.2: a list's layout is read from its first and last items. Items are made headline first,
    a timestamp after a summary closing its item; when instead the first item has its timestamp above its
    headline, and the last none under its summary -- or every item ends in a timestamp and a headline is left
    under the last -- every timestamp opens the item under it: the list is cut again before each timestamp
    (a run of them, "Posted …", "Updated …", opens one item), the short lines between items (a badge) going to
    the item they stand in. ``items``: ``_teaser_items(labels)``; True when a block moved."""
    moved = False
    # rows of items, each but the last ending in a timestamp, parted by at most ITEM_GAP_MAX_LINES timestamps and
    # badges ("Updated …", "Video")
    rows: list[list[tuple[int, int]]] = []
    for item in items:
        last = rows[-1][-1] if rows else None
        if (last is not None and last[1] > last[0] and features[last[1]].is_timestamp
                and _short_gap(blocks, features, labels, last[1] + 1, item[0])):
            rows[-1].append(item)
        else:
            rows.append([item])
    next_item = None  # a number for an item the cut adds (a headline left under the list), found when needed
    for row in rows:
        above = row[0][0] - 1
        # the time opens the item above its kicker: "12:41", "UK politics", the headline
        while (row[0][0] - above < ITEM_GAP_MAX_LINES and above >= 0 and labels[above] is None
               and not features[above].is_timestamp and _kicker(features[above], blocks[above].text)):
            above -= 1
        if len(row) < 2 or above < 0 or labels[above] is not None or not features[above].is_timestamp:
            continue
        end = row[-1][1]
        if features[end].is_timestamp:
            # every item ends in a timestamp: the headline left under the last one closes the list
            if not (end + 1 < len(blocks) and labels[end + 1] is None and _teaser_head(features[end + 1])):
                continue
            end += 1
        numbers = [labels[first].item for first, _ in row]
        score = labels[row[0][0]].score
        number = None
        opener = _line_shape(blocks[above].text)
        index = above
        while index <= end:
            if features[index].is_timestamp and (index == above or not features[index - 1].is_timestamp):
                # a run of times opens one item ("Posted …", "Updated …") from its first time shaped as the first
                # item's: a date above it parts the list's days ("Wednesday 26 November 2026", then "23:45"), no item's
                run = index
                while run < end and features[run + 1].is_timestamp:
                    run += 1
                first = next((j for j in range(index, run + 1) if _line_shape(blocks[j].text) == opener), index)
                for separator in range(index, first):
                    # a time of day alone parts no days: under the item above it is a video's running time ("1:23")
                    running = number is not None and _clock_time(features[separator], blocks[separator].text)
                    labels[separator] = BlockLabel(TEASER, score, number) if running else None
                index = first
                if numbers:
                    number = numbers.pop(0)
                else:
                    if next_item is None:
                        next_item = 1 + max(label.item for label in labels
                                            if label is not None and label.item is not None)
                    number, next_item = next_item, next_item + 1
            labels[index] = BlockLabel(TEASER, score, number)
            index += 1
        moved = True
    return moved


_LETTERS_RE = re.compile(r"[^\W\d_]+")
# (the vowel signs and viramas of the scripts of India, no word characters to ``\w``, inside a word: "फ़रवरी" is one;
# read only in a line holding one, the others answered by the faster _LETTERS_RE)
_JOINED_LETTERS_RE = re.compile(rf"(?:[^\W\d_]|(?!\d)[{JOINED_LETTERS}])+")
_JOINED_LETTER_RE = re.compile(f"[{JOINED_LETTERS}]")
# A number, its thousands parted by a comma, a point or a thin space ("1,284", "18.000") taken whole: a count is one
# number however large ("댓글 1,284" and "댓글 932" are one shape); a time's or a date's parts have fewer digits.
_DIGITS_RE = re.compile(r"\d{1,3}(?:[,.\u202f]\d{3})+(?!\d)|\d+")


def _line_shape(text: str) -> str:
    """A line with its words and numbers each made one sign: "12:41" and "23:45" are "0:0", "Wednesday 26 November
    2026" is "a 0 a 0", "Comments 1,284" and "Comments 932" "a 0"."""
    letters = _LETTERS_RE if text.isascii() or _JOINED_LETTER_RE.search(text) is None else _JOINED_LETTERS_RE
    return _DIGITS_RE.sub("0", letters.sub("a", text))


# The short lines parting two items of a list that repeats them (a time, a label, "Read", "Play"): at most this
# many lines, of at most GAP_LINE_MAX_WORDS words each.
GAP_MAX_LINES = 3
GAP_LINE_MAX_WORDS = 4


def _gap_shape(features, blocks, index: int) -> str | None:
    """The shape of a line parting two items -- "T" a time ("NOV 26", "2h", "38 min"), "D" another line with a
    digit ("Episode 211"), "W" words ("Read", "Europe") -- or None for a line that parts no items: prose, a list
    heading, a longer line."""
    f = features[index]
    if f.n_words > GAP_LINE_MAX_WORDS or f.text_like or f.is_list_heading:
        return None
    if _item_time(features, blocks, index):
        return "T"
    return "D" if f.digit_share > 0 else "W"


def _repeated_gaps(blocks, features, labels: list, items: list[tuple[int, int]]) -> bool:
    """Guidelines 8.2: a list repeats one layout, read from its first and last items. Items parted by the same
    short lines each time ("38 min", "Play", "Episode 211"; "Read", "NOV 26") are cut so that a gap's first
    lines close the item above it and the others open the item under it, at a cut that the lines above the
    list's first item (the openers: "Episode 212") and under its last (the closers: "33 min", "Play") allow --
    read over every run of items parted by gaps of that shape. ``items``:
    ``_teaser_items(labels)``; True when a line was taken."""
    n = len(blocks)
    runs: dict[tuple[str, ...], list[list[int]]] = {}  # gap shape -> runs of item numbers parted by it
    shape_before: tuple[str, ...] | None = None
    for number in range(1, len(items)):
        start, end = items[number - 1][1] + 1, items[number][0]
        shape = None
        if 0 < end - start <= GAP_MAX_LINES and all(labels[i] is None for i in range(start, end)):
            shapes = tuple(_gap_shape(features, blocks, i) for i in range(start, end))
            shape = None if None in shapes else shapes
        if shape is not None and shape != ("W",) * len(shape):
            # gaps of words alone are kickers above the items or authors under them (``_attach_kickers``)
            if shape == shape_before:
                runs[shape][-1].append(number)
            else:
                runs.setdefault(shape, []).append([number - 1, number])
        shape_before = shape
    if not runs:
        return False  # most pages
    taken = False
    for shape, chains in runs.items():
        size = len(shape)
        low, high = 0, size  # the cut: the gap's first ``cut`` lines close the item above
        for chain in chains:
            above = 0  # lines above the first item shaped as the gap's last ones
            while (above < size and items[chain[0]][0] - above - 1 >= 0
                   and labels[items[chain[0]][0] - above - 1] is None
                   and _gap_shape(features, blocks, items[chain[0]][0] - above - 1) == shape[size - above - 1]):
                above += 1
            under = 0  # lines under the last item shaped as the gap's first ones
            while (under < size and items[chain[-1]][1] + under + 1 < n and labels[items[chain[-1]][1] + under + 1] is None
                   and _gap_shape(features, blocks, items[chain[-1]][1] + under + 1) == shape[under]):
                under += 1
            low, high = max(low, size - above), min(high, under)
        if low > high or sum(len(chain) for chain in chains) < LIST_MIN_ITEMS:
            continue  # no cut fits the list's ends
        # the most openers the runs' first items allow: the lines under a run's last item can be those of an item
        # the list shows next but was not made (a headline too short: "Your Thanksgiving guide")
        cut = low
        for chain in chains:
            first, last = items[chain[0]][0], items[chain[-1]][1]
            for index in range(first - (size - cut), first):
                labels[index] = labels[first]
            for index in range(last + 1, last + 1 + cut):
                labels[index] = labels[last]
            for number in chain[1:]:
                above_end, below_start = items[number - 1][1], items[number][0]
                for index in range(above_end + 1, below_start):
                    labels[index] = labels[above_end] if index <= above_end + cut else labels[below_start]
        taken = True
    return taken


def _short_gap(blocks, features, labels: list, start: int, end: int) -> bool:
    """Whether the blocks ``[start, end)`` between two items are at most ``ITEM_GAP_MAX_LINES`` unlabelled short
    lines of an item (timestamps, kickers, badges)."""
    if end - start > ITEM_GAP_MAX_LINES:
        return False
    return all(labels[index] is None and (features[index].is_timestamp or _kicker(features[index], blocks[index].text))
               for index in range(start, end))


_NUMBER_RE = re.compile(r"\d[\d,.\-–]*")
_COUNT_WORDS = frozenset("showing displaying viewing about page pages of results result items articles stories "
                         "posts found total".split())


# A count of results in any language: the range shown, a word, then the total ("Mostrando 1–20 de 312 resultados"),
# in a line of at most this many words of letters.
COUNT_RANGE_MAX_WORDS = 4
_COUNT_RANGE_RE = re.compile(r"(?<![\d.,:])(\d+)\s*[-–]\s*(\d+)\s+([^\W\d_]+)\s+(\d[\d.,\s]*\d|\d)(?![\d.,:])")


def _count_line(text: str) -> bool:
    """A count of search results or pages: "Showing 1-6 of 243 results", "About 1,240 results", "Page 1 of 48",
    and the query it names after "for" ("... results for “bushfire”"); in any language, a short line showing a range
    of results from the first, then their total ("Menampilkan 1-12 dari 486 hasil": ``_COUNT_RANGE_RE``)."""
    ranged = _COUNT_RANGE_RE.search(text)
    # (one word in lower case between range and total: "de", "dari", "из"; a score names the team: "1-2 Chelsea 2026")
    if ranged is not None and ranged.group(1) == "1" and ranged.group(3).islower():
        total = int(re.sub(r"\D", "", ranged.group(4)))
        if int(ranged.group(2)) < total and sum(not word[:1].isdigit() for word in text.split()) <= COUNT_RANGE_MAX_WORDS:
            return True
    # word by word up to "for": a line's first word that is neither a number nor a count's answers most lines
    number = False
    for word in WORD_RE.findall(text):
        word = word.lower()
        if word == "for":
            break
        if _NUMBER_RE.fullmatch(word) is not None:
            number = True
        elif word not in _COUNT_WORDS:
            return False
    return number


# A search page's controls: its sort order and filters ("Sort by: Relevance | Date", "Sortieren nach: Relevanz",
# "Zeitraum: Letzte 12 Monate", "Trier par : pertinence"), in English, German, French, Spanish, Italian, Dutch and
# Portuguese.
_SEARCH_CONTROL_RE = re.compile(
    r"^(?:sort(?:ed)? by|order by|filter(?:ed)? by|filters?|date range|time range|period|refine by|"
    r"sortieren nach|sortiert nach|sortierung|filtern nach|zeitraum|trier par|trié par|filtrer par|période|"
    r"ordenar por|ordenado por|filtrar por|periodo|ordina per|ordinati per|filtra per|sorteer op|gesorteerd op|"
    r"filter op|periode)\s*:", re.IGNORECASE)
_SEARCH_CONTROL_INITIALS = initials("softdprzg")


def _search_control(text: str) -> bool:
    """Whether ``text`` is a search page's sort order or filter (``_SEARCH_CONTROL_RE``)."""
    return ":" in text and text[:1] in _SEARCH_CONTROL_INITIALS and _SEARCH_CONTROL_RE.match(text) is not None


# A market's quote in a ticker: "Dow 44,102.31 +0.42%", "Brent $71.84 -1.20%", in any script: its value (and the
# value's unit: "Gold 2,310 USD ▲ 0.4%"), its change signed or marked by an arrow, in per cent (the Arabic "٪", with
# the Arabic separators "٬" and "٫").
_MARKET_LINE_RE = re.compile(r"^\S.{0,30}?\s[$€£¥]?\d[\d,.٬٫]*(?:\s+[^\W\d_]+)?\s+[+\-−–▲▼↑↓]\s?\d[\d,.٬٫]*\s?[%٪]$")


def _market_line(text: str) -> bool:
    """Whether ``text`` is a market's quote in a ticker (``_MARKET_LINE_RE``): no headline."""
    return text[-1:] in ("%", "٪") and _MARKET_LINE_RE.match(text) is not None


# A rate or price in a ticker without its change: a name of one or two words, then the value, with a fraction or a
# currency's mark ("Dollar $1,412.50", "EUR 24,62 Kč", "EUR/TRY 44,91", "Gold 2 310 USD"), in any script.
_BARE_QUOTE_RE = re.compile(
    r"^[^\W\d][^\s\d]*(?:\s[^\W\d][^\s\d]*)?\s(?P<before>[$€£¥₽₺₹₴₦]\s?)?\d{1,3}(?:[,.\u00a0 ]?\d{3})*"
    r"(?P<fraction>[,.٫]\d{1,4})?(?:\s?(?P<unit>[$€£¥₽₺₹₴₦]|[^\W\d_]{1,3}))?$")


def _bare_quote(text: str) -> bool:
    """Whether ``text`` is shaped as a quote without its change (``_BARE_QUOTE_RE``) with a fraction, a currency's
    mark or a unit in its value ("Tokyo 12" is no quote)."""
    match = _BARE_QUOTE_RE.match(text)
    return match is not None and any(match.group(part) for part in ("before", "fraction", "unit"))


def _quote_strip(blocks, index: int) -> bool:
    """Whether the block at ``index`` is a quote in a ticker without its change (``_bare_quote``) beside another
    quote (a ticker lists several, guidelines 8.2: no item): a headline naming a price stands alone ("Pound falls to
    $1.21" is one line among headlines)."""
    if not _bare_quote(blocks[index].text):
        return False
    return any(0 <= other < len(blocks) and (_bare_quote(blocks[other].text) or _market_line(blocks[other].text))
               for other in (index - 1, index + 1))


# A match result: "FC Bayern München 3:1 Borussia Dortmund", "Leeds 2-0 Burnley".
_SCORE_RE = re.compile(r"\s\d{1,3}\s?[:–-]\s?\d{1,3}\s")
# A match result with the score after both names and a short mark after it (overtime, shoot-out): "Sparta – Třinec
# 3:2 pp", "Frölunda – Skellefteå 3–2 (SD)", "Leeds - Burnley 2-0".
# (A label before the names makes a headline: "Highlights: Leeds – Burnley 2-0".)
_END_SCORE_RE = re.compile(r"^([^:\s][^:]*?\s[–-]\s[^:]*?\S)\s\d{1,3}\s?[:–-]\s?\d{1,3}(?:\s+\S{1,6})?$")
RESULT_MAX_WORDS = 10


def _result_line(text: str) -> bool:
    """A scores widget's line (``_SCORE_RE``, ``_END_SCORE_RE``): names on both sides of the score or of a dash
    before it, no word of the names in lower case (capitalised, a number, or of a script without case) -- a
    headline about the match has words in lower case ("Bayern beat Dortmund 3-1")."""
    match = _END_SCORE_RE.match(text)
    if match is not None:
        names = match.group(1)  # (the mark after the score may be in lower case: "pp")
    else:
        parts = _SCORE_RE.split(text)
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            return False
        names = text
    words = names.split()
    # (a script without case, Arabic or Chinese, has no word in lower case either)
    return len(text.split()) <= RESULT_MAX_WORDS and not any(word[:1].islower() for word in words)


def _summary_shaped(f: BlockFeatures, text: str) -> bool:
    """A summary by its own shape: cut short, or prose ending in a full stop (or a blog's "[…]")."""
    return f.truncated or (f.text_like and (f.ends_with_full_stop or _EXCERPT_END_RE.search(text) is not None))


def _trailing_summaries(blocks, features, labels: list, items: list[tuple[int, int]]) -> bool:
    """Guidelines 8.2 (a list repeats one layout): items made of a headline and its author and time, each
    followed by one summary-shaped line left out (headline, author, time, summary), ``LIST_MIN_ITEMS`` or more
    in a row: each such line closes the item above it. ``items``: ``_teaser_items(labels)``; True when a line
    was taken."""
    n = len(blocks)
    # whether a summary-shaped line lies under each item, read before any is taken: the lines a chain takes lie
    # above the items after it
    unders = [first < last and last + 1 < n and labels[last + 1] is None
              and _summary_shaped(features[last + 1], blocks[last + 1].text) for first, last in items]
    if unders.count(True) < LIST_MIN_ITEMS:
        return False  # no chain is long enough (most pages)
    taken = False
    chain: list[tuple[int, int]] = []
    for item, under in [*zip(items, unders, strict=True), (None, False)]:
        if under and (not chain or item[0] == chain[-1][1] + 2):
            chain.append(item)
            continue
        if len(chain) >= LIST_MIN_ITEMS:
            for first, last in chain:
                labels[last + 1] = labels[first]
            taken = True
        chain = [item] if under else []
    return taken


def _over_headline_and_summary(blocks, features, labels: list, index: int,
                               groups: frozenset[int] = frozenset()) -> bool:
    """Whether block ``index`` stands over a headline that has its summary under it (``_summary_shaped``: prose
    ending in a full stop, or cut short; no furniture, the page's copyright line): that headline opens the item, and the line above it, shaped as a headline
    too, is no item's headline (a section's sub-menu, "Police Courts Public Safety"; guidelines 8.2: one item's
    lines are its kicker, headline, summary, author and time). A headline longer than a box's heading
    (``BOX_HEADING_MAX_WORDS``) right under an item of more lines than its headline is a bare item of the list, as a
    sub-menu never stands between two items (under a row of bare headlines it may head the list under it); so is one
    that shares its group of lines with the headline under it (``groups``: the blocks a plain text opens a group with,
    after a blank line), a list's heading standing in a group of its own over the list."""
    head, summary = index + 1, index + 2
    if (index > 1 and labels[index - 1] is not None and labels[index - 1].label == TEASER
            and labels[index - 2] == labels[index - 1] and features[index].n_words > BOX_HEADING_MAX_WORDS):
        return False
    if groups and index + 1 not in groups and features[index].n_words > BOX_HEADING_MAX_WORDS:
        return False  # (a list's first item, a bare headline over items with their summaries)
    return (summary < len(blocks) and labels[head] is None and labels[summary] is None
            and _teaser_head(features[head]) and not _summary_shaped(features[head], blocks[head].text)
            and not features[summary].is_furniture and _summary_shaped(features[summary], blocks[summary].text))


def _neighbour_heads(blocks, features, labels: list, first: int, after: int) -> bool:
    """Whether the headline of the item ``[first, after)`` has a neighbour headline, unlabelled, right above or
    right under the item, or one parted from it by a kicker (``_kicker_apart``): headlines in a row. A headline of
    two sentences without a closing full stop ("Farmers block the border. Talks resume on Monday") is one too, but
    for a question (a paywall's "Already a subscriber? Log in"); a row of links (``_link_row``) is none. The page's
    first line is the page's (a skip link over the site's name) unless two headlines follow it: no item of a row,
    nor a neighbour making one."""
    n = len(blocks)
    # (a page opening with three headlines in a row, a front without a menu, has its first line an item; a skip link
    # is followed by the site's name and its menu, the name often headline-shaped, the menu's entries not)
    top = 0 if n > 2 and all(labels[i] is None and _teaser_head(features[i]) for i in (1, 2)) else 1
    if first < top:
        return False
    for j in (first - 1, after):
        if top <= j < n and labels[j] is None and (_teaser_head(features[j]) or (
                _two_sentence_head(features[j]) and not features[j].text_like and "?" not in blocks[j].text)) and (
                not _link_row(blocks[j].text)):
            return True
    return ((first >= 3 and _kicker_apart(blocks, features, labels, first - 1, first - 2))
            or _kicker_apart(blocks, features, labels, after, after + 1))


def _signature(text: str) -> bool:
    """Whether a line is a writer's name (``_author_name``) alone or with their place in brackets or their role after
    a comma ("Luis Herrera (Santander)", "Marta Ruiz, presidenta de la asociación de vecinos"): how an opinion box
    or a page of readers' letters signs each headline."""
    if not text[:1].isupper():
        return False  # (most lines, answered at once: a name opens with a capital; one opening with its particle,
        # "van der Berg", is left out)
    if _writer_name(text):
        return True
    for mark in (" (", ", "):
        name, found, rest = text.partition(mark)
        if found and rest and _writer_name(name):
            return True
    return False


def _writer_name(text: str) -> bool:
    """A person's name alone (``_author_name``), or one of up to ``NAME_BYLINE_MAX_WORDS`` words holding a family
    name's particle ("Ángela Ruiz de Somavía", ``_name_shaped``)."""
    words = text.split()
    if len(words) > NAME_BYLINE_MAX_WORDS:
        return False  # (a summary or a headline: most lines tried)
    f = features_of(text)
    return _author_name(f, text) or (f.n_words >= 3 and _name_shaped(f, text)
                                     and not NAME_PARTICLES.isdisjoint(words))


def _signed_item(blocks, features, labels: list, head: int, signed_end: int) -> bool:
    """Guidelines 8.2 (a list repeats one layout, read from its first item): whether the line under the headline at
    ``head`` is its writer's name (``_signature``) -- in a list of headlines each signed under it: the item above
    closed so (it ends at ``signed_end``), or the next headline has a name under it too and no name stands above
    this one (a list of names over headlines, read from its second item, would look the same)."""
    n = len(blocks)
    name = head + 1
    # (a summary, prose, under most headlines: answered without reading it as a name)
    if not (name < n and labels[name] is None and not features[name].text_like and _signature(blocks[name].text)):
        return False
    if signed_end == head - 1:
        return True
    return (not (head > 0 and labels[head - 1] is None and _signature(blocks[head - 1].text))
            and name + 2 < n and labels[name + 1] is None and labels[name + 2] is None
            and _item_head(features, labels, name + 1) and _signature(blocks[name + 2].text))


def _item_head(features, labels: list, index: int) -> bool:
    """A teaser headline (``_teaser_head``), or one of two "sentences" (a question, then more: "Who Is Jane
    Roe? The Senator Who Defies Her Party") with its item's timestamp right under it (or under its byline right
    under it: "Carbon capture is a distraction. Here's where the money should go", "By Jane Roe", "Nov 23"), or
    right under another item (headlines in a row: "He spent $40,000 on stem cell shots. Now he's suing")."""
    f = features[index]
    if _teaser_head(f):
        return True
    n = len(features)
    return (_two_sentence_head(f) and (not f.text_like or f.n_words <= PAIR_HEADLINE_MAX_WORDS)
            and ((index + 1 < n and features[index + 1].is_timestamp)
                 or (index + 2 < n and features[index + 1].is_byline and features[index + 2].is_timestamp)
                 or (index > 0 and labels[index - 1] is not None and labels[index - 1].label == TEASER)))



def _two_sentence_head(f: BlockFeatures) -> bool:
    """Whether a line of two "sentences" and a headline's length, without a full stop at its end, may be a headline
    (not a time, list heading, furniture or byline)."""
    return (f.n_sentences == 2 and 4 <= f.n_words <= HEADLINE_ITEM_MAX_WORDS and not f.ends_with_full_stop
            and not f.is_timestamp and not f.is_list_heading and not f.is_furniture and not f.is_byline)


# A row of headlines where two "sentences" each tell them: this many lines in a row at least, two of them of two.
TWO_SENTENCE_ROW_MIN_LINES = 3
TWO_SENTENCE_ROW_MIN_PAIRS = 2


def _two_sentence_rows(blocks, features, labels: list) -> None:
    """A row of ``TWO_SENTENCE_ROW_MIN_LINES`` or more unlabelled headlines, one a line, where two or more read as
    two "sentences" without a closing full stop ("Most read": "Snowstorm in the mountains. Pass closed", "Power
    prices rise in January. How much will we pay?", then a plain headline): each line is an item of its own
    (guidelines 8.2: one teaser per promoted item). The main pass takes such a line for an item only under another
    item or over its time; a row of them with nothing else has neither, and a paragraph of prose ends its sentence
    or runs longer (``PAIR_HEADLINE_MAX_WORDS``). A line opening with its rank is the numbered lists' pass's
    (``_numbered_items``), whose short rows may be a table's ("1. Real Madrid 31 pts"); a headline with its summary or
    time under it, and a line over such a headline (the next list's heading), are no bare headline of the row. On a
    story page (a line of it is the article's)."""
    def pair(index: int) -> bool:
        f = features[index]
        return (_two_sentence_head(f) and (not f.text_like or f.n_words <= PAIR_HEADLINE_MAX_WORDS)
                and _rank(blocks[index].text) is None)

    def item_line(index: int) -> bool:
        return labels[index] is None and (_summary_shaped(features[index], blocks[index].text)
                                          or _item_time(features, blocks, index))

    if not any(label is not None and label.label == ARTICLE for label in labels):
        return  # (on a story page: a front's lists are read by the other passes)
    if sum(labels[index] is None and pair(index) for index in range(len(blocks))) < TWO_SENTENCE_ROW_MIN_PAIRS:
        return  # a row needs that many two-sentence lines among the unlabelled ones, which most pages lack
    run: list[int] = []
    for index in range(len(blocks) + 1):
        if (index < len(blocks) and labels[index] is None and (pair(index) or _teaser_head(features[index]))
                and not _over_headline_and_summary(blocks, features, labels, index)):
            run.append(index)
            continue
        if run and index < len(blocks) and item_line(index):
            run.pop()  # the last headline has its summary or time under it: an item the main pass makes
        if len(run) >= TWO_SENTENCE_ROW_MIN_LINES and sum(map(pair, run)) >= TWO_SENTENCE_ROW_MIN_PAIRS:
            for member in run:
                labels[member] = BlockLabel(TEASER, 0.6, -1 - member)
        run = []


# Where a line's first "sentence" ends and a second opens: a stop, a question or an exclamation mark, then a letter
# ("Tired of card debt? Here is how", "退休金不夠用？三步驟") -- not an abbreviation's stop before a number ("kl. 6.30").
_SECOND_SENTENCE_RE = re.compile(r"[.?!。？！]\s*[^\W\d_]")
# A first "sentence" of one word of at most this many characters before its stop is an abbreviation ("St.", "Gen.").
ABBREVIATION_MAX_CHARS = 4


def _framed_promotions(blocks, features, labels: list) -> None:
    """Guidelines 8.2: a promoted story's badge, sponsor and advertiser are inside its item. On a front, a line of two
    "sentences" (``_two_sentence_head``: a promoted story's copy, "Tired of card debt? Here is how to pay it in one
    go") that no pass took, between two short lines of no sentence, time or byline -- a badge or a sponsor's name over
    it, a badge or an advertiser's name under it, with no item's time under that -- is a promoted item with them, as
    a headline with its time is: prose is no line between two labels. Its first sentence is more than one short
    word (``ABBREVIATION_MAX_CHARS``: a stop there is an abbreviation's, "St. Ives man charged …"; a sentence of
    unspaced script is one long "word": "退休金不夠用？三步驟"). The label over it is the item's only under another
    short line of the page's (the box's heading: "Sponsored content", then "Partner", the copy, "Ad"); right under
    an item it heads the box (guidelines 8.2: a label over a one-item box is boilerplate). A line read as a headline
    is the main pass's; a story page's lines between its paragraphs are the story's."""
    n = len(blocks)

    def label_line(index: int) -> bool:
        f = features[index]
        return (labels[index] is None and 0 < f.n_words <= KICKER_MAX_WORDS and not f.text_like
                and not f.is_timestamp and not f.is_byline)

    if any(label is not None and label.label == ARTICLE for label in labels):
        return
    for index in range(1, n - 1):
        f = features[index]
        if (f.n_sentences != 2 or labels[index] is not None or not _two_sentence_head(f) or _teaser_head(f)
                or (f.text_like and f.n_words > PAIR_HEADLINE_MAX_WORDS)
                or not (label_line(index - 1) and label_line(index + 1))
                or (index + 2 < n and _item_time(features, blocks, index + 2))):
            continue
        stop = _SECOND_SENTENCE_RE.search(blocks[index].text)
        head = blocks[index].text[:stop.start()].strip() if stop is not None else ""
        if not head or (" " not in head and len(head) <= ABBREVIATION_MAX_CHARS):
            continue
        first = index - 1 if index >= 2 and label_line(index - 2) else index
        for member in range(first, index + 2):
            labels[member] = BlockLabel(TEASER, 0.6, -1 - index)


def _cut_headline_over_item(blocks, features, labels: list, index: int) -> bool:
    """A headline read as two "sentences", cut at an abbreviation or a question ("St. Paul man charged in Lake Street
    shooting", "Injured in a crash? What to do in the first 48 hours"), with an item's lines under it (guidelines
    8.2): a byline, an author's name or a summary cut short and the item's time ("Louis Krauss", "5h"), or a
    gallery's count ("24 photos")."""
    f = features[index]
    under = index + 1
    if not (_two_sentence_head(f) and not f.text_like and under < len(blocks) and labels[under] is None):
        return False
    g, text = features[under], blocks[under].text
    return (g.is_byline or (g.n_words <= 3 and _MEDIA_COUNT_RE.match(text) is not None)
            or (under + 1 < len(blocks) and labels[under + 1] is None and (_author_name(g, text) or g.truncated)
                and _item_time(features, blocks, under + 1)))


def _free_kicker(blocks, features, labels: list, index: int) -> bool:
    """Whether block ``index`` is on the page, unlabelled and shaped like a kicker (``_kicker``)."""
    return 0 <= index < len(blocks) and labels[index] is None and _kicker(features[index], blocks[index].text)


def _kicker_apart(blocks, features, labels: list, kicker: int, head: int) -> bool:
    """Whether block ``kicker`` is a kicker line and block ``head`` an item's headline (of an item already made,
    or unlabelled): headlines parted by a kicker each are a list of items, as headlines in a row are."""
    if not (0 <= head < len(blocks) and _free_kicker(blocks, features, labels, kicker)):
        return False
    label = labels[head]
    return (label.label == TEASER) if label is not None else _teaser_head(features[head])


def _kicker(f: BlockFeatures, text: str) -> bool:
    """A short label above an item's headline: a category, an author's name, a badge (``_badge``, of
    ``KICKER_MAX_WORDS`` words at most: a longer line is answered without the regexes)."""
    if f.n_words > KICKER_MAX_WORDS:
        return False
    if _badge(text):
        return True
    return (not f.text_like and not f.is_timestamp and not f.is_byline and not f.is_list_heading and not f.is_furniture
            and not any(line_marks(text)[:3]))


def _attach_kickers(blocks, features, labels: list, items: list[tuple[int, int]],
                    groups: frozenset[int] = frozenset()) -> None:
    """Guidelines 8.2: an item's kicker, badge and author are inside its extent. Promoted lists repeat one layout:
    when every item of a list of ``KICKER_MIN_ITEMS`` or more after the first is parted from the item before by
    exactly one kicker line, most of them no badge, each such line (and one above the first item) opens the
    item under it, and the layout goes on above (``_kickers_above_chain``) -- unless they are the items' authors'
    names under them (``_authors_under``), each closing the item above. A badge (``_BADGE_RE``: "Analysis",
    "Video", "Sponsored") opens the item right under it unless it reads as the heading of the items under it
    ("Opinion", ``_badge_items``), and closes the item above when it stands under its time and opens none.
    ``items``: ``_teaser_items(labels)``."""

    def unlabelled_badge(index: int) -> bool:
        return (0 <= index < len(blocks) and labels[index] is None and features[index].n_words <= KICKER_MAX_WORDS
                and _badge(blocks[index].text))

    def badge_over_kicker(number: int) -> bool:
        """Whether item ``number`` has a paywall's mark above its kicker line, right under the item above: "Z+",
        "Wohnungsbau", then the headline (another badge there, "Opinion", may head the items under it)."""
        first = items[number][0]
        return (number > 0 and items[number - 1][1] == first - 3 and unlabelled_badge(first - 2)
                and _PAYWALL_BADGE_RE.match(blocks[first - 2].text) is not None
                and _free_kicker(blocks, features, labels, first - 1))

    joined: dict[int, int] = {}  # kicker block -> first block of the item it opens
    chain: list[int] = []  # numbers of items in a row parted by one kicker line each (and a badge above it)
    for number in range(len(items) + 1):
        linked = 0 < number < len(items) and ((items[number][0] - items[number - 1][1] == 2
                                               and _free_kicker(blocks, features, labels, items[number][0] - 1))
                                              or badge_over_kicker(number))
        if linked:
            chain = chain or [number - 1]
            chain.append(number)
            continue
        # the layout is the kickers' when they are more than badges ("Analysis" above one item and an author's
        # name under another make none)
        if (len(chain) >= KICKER_MIN_ITEMS
                and sum(not unlabelled_badge(items[m][0] - 1) for m in chain[1:]) >= KICKER_MIN_ITEMS - 1):
            if _authors_under(blocks, features, labels, items, chain):
                for member in chain:
                    joined[items[member][1] + 1] = items[member][0]
            else:
                for member in chain:
                    if member == chain[-1] and _heads_a_list(blocks, features, items, member):
                        continue
                    if _free_kicker(blocks, features, labels, items[member][0] - 1):
                        joined[items[member][0] - 1] = items[member][0]
                    if badge_over_kicker(member):
                        joined[items[member][0] - 2] = items[member][0]
                _kickers_above_chain(blocks, features, labels, items, chain[0], joined)
        elif len(chain) == 2:
            for name, first in _names_by_a_pair(blocks, features, labels, items, chain):
                joined[name] = first
        chain = []
    _kickers_under_list_heading(blocks, features, labels, items, joined)
    _lone_kickers(blocks, features, labels, items, joined, groups)
    if not groups:  # blank lines part the sections of a page that has them: a short line inside a group is a kicker
        for heading in _section_heads_among_kickers(blocks, features, labels, items, joined):
            del joined[heading]
    # a badge stands above an item's headline: an item opening with its time has it under the time
    badges = [unlabelled_badge(first - 1) and first - 1 not in joined and not features[first].is_timestamp
              for first, _ in items]
    if any(badges):
        for number in _badge_items(blocks, features, labels, items, badges, joined):
            joined[items[number][0] - 1] = items[number][0]
    # a badge under an item's time, where no item follows, closes it ("Oct. 5, 2026", "Gallery", then "Previous")
    starts = {first for first, _ in items}
    for first, last in items:
        under = last + 1
        if (features[last].is_timestamp and unlabelled_badge(under) and under not in joined
                and under + 1 not in starts and under + 1 not in joined):
            joined[under] = first
    for kicker, first in joined.items():
        labels[kicker] = labels[first]


def _section_heads_among_kickers(blocks, features, labels: list, items: list[tuple[int, int]],
                                 joined: dict[int, int]) -> list[int]:
    """Guidelines 8.2 and 8.3: a list repeats one layout, and a section's heading is the page's. A front that parts
    its lists into sections by short lines alone (no blank line between them) heads each section as it headed the
    one above: a short line right under a run of items (each right under the one above, none with a kicker of its
    own) headed by a short line of the page's, and over a run of two items or more none of which but the first it
    would open shows a kicker, is the next section's heading ("Housing" under the items headed "Markets"), not the
    first item's kicker: a list that marks its items repeats the marks. A run headed by a list's heading ("Most
    read": one list, no sections) or by a badge (an item's mark: "Premium") shows no section's heading. The kickers
    of ``joined`` (kicker line -> first line of its item) that are such headings, top down (a heading found heads
    the run under it for the next)."""
    if not joined:
        return []
    n = len(blocks)
    item_at_first = {first: number for number, (first, _) in enumerate(items)}
    item_at_last = {last: number for number, (_, last) in enumerate(items)}
    headings: list[int] = []

    def page_short_line(index: int) -> bool:
        # a line of the page's (or one found a heading above) of a kicker's length, no number in it (a time, a
        # running time: "VIDEO | 04:12"), no item's kicker
        return (0 <= index < n and (index in headings or (index not in joined and _site_line(labels, index)))
                and 0 < features[index].n_words <= KICKER_MAX_WORDS and features[index].digit_share == 0)

    for kicker in sorted(joined):
        number = item_at_first.get(joined[kicker])
        above = item_at_last.get(kicker - 1)
        if (number is None or above is None or kicker != items[number][0] - 1
                or features[items[number][0]].is_timestamp):
            continue
        following = number + 1
        while following < len(items) and items[following][0] == items[following - 1][1] + 1:
            following += 1
        if following - number < 2:
            continue
        # the run of items right above, each right under the one above it, up to the line heading it
        while above > 0 and items[above - 1][1] == items[above][0] - 1:
            above -= 1
        heading = items[above][0] - 1
        if (page_short_line(heading) and not features[heading].is_list_heading
                and (heading in headings or not _badge(blocks[heading].text))):
            headings.append(kicker)
    return headings


def _heads_a_list(blocks, features, items: list[tuple[int, int]], number: int) -> bool:
    """Guidelines 8.2 and 8.3: a list repeats one layout. The kicker line above the last item of a row of items that
    each open with one heads a list of its own ("Unternehmen", a section no menu names) where the next item follows
    right under that item without a kicker, in the same layout (``_item_layout``): that list shows no kickers."""
    if number + 1 >= len(items) or items[number + 1][0] != items[number][1] + 1:
        return False
    return _item_layout(blocks, features, items[number + 1]) == _item_layout(blocks, features, items[number])


def _kickers_under_list_heading(blocks, features, labels: list, items: list[tuple[int, int]],
                                joined: dict[int, int]) -> None:
    """Guidelines 8.2: a list's layout is read from its first item. A kicker line right under a list heading and
    above the list's first item ("More Weather", "Weather", headline) is that item's, the heading being the
    list's; the kicker lines right above the list's other items open them too -- unless a kicker stands over
    two items or more without kickers of their own, a sub-heading of the list's items under it ("Politics",
    then three headlines). The list's items are those parted by a few short lines (``_short_gap``); the found
    kickers are added to ``joined``."""

    def own_kicker(first: int) -> bool:
        kicker = first - 1
        return kicker > 0 and kicker not in joined and _free_kicker(blocks, features, labels, kicker)

    if not any(first >= 2 and features[first - 2].is_list_heading for first, _ in items):
        return  # no item under a list heading and a kicker (most pages): no list's layout to read
    number = 0
    while number < len(items):
        first = items[number][0]
        members = [number]
        while (members[-1] + 1 < len(items)
               and _short_gap(blocks, features, labels, items[members[-1]][1] + 1, items[members[-1] + 1][0])):
            members.append(members[-1] + 1)
        number = members[-1] + 1
        if not (own_kicker(first) and features[first - 2].is_list_heading):
            continue
        kickers = [own_kicker(items[member][0]) for member in members]
        if any(not above and not below for above, below in zip(kickers, kickers[1:])):
            continue  # a kicker over two items without theirs heads them
        for member, kicker in zip(members, kickers, strict=True):
            if kicker:
                joined[items[member][0] - 1] = items[member][0]


def _item_layout(blocks, features, item: tuple[int, int]) -> tuple[str, ...]:
    """The shapes of an item's lines: "T" a line longer than a kicker (a headline, a summary, however they read),
    else its ``_period_sign`` (a kicker's "W", a time's ``_line_shape``). Two items of one layout show the same lines
    in the same formats ("Galatasaray - Kasımpaşa maç özeti", "04:32" and "Haftanın en güzel 5 golü", "03:10")."""
    return tuple("T" if features[index].n_words > KICKER_MAX_WORDS
                 else _period_sign(features[index], blocks[index].text) for index in range(item[0], item[1] + 1))


def _lone_kickers(blocks, features, labels: list, items: list[tuple[int, int]], joined: dict[int, int],
                  groups: frozenset[int] = frozenset()) -> None:
    """Guidelines 8.2 and 8.3: a label on a line of its own above a list is the list's, one above an item's headline
    inside the list is the item's. A kicker line right above an item that no list shows repeated
    (``_attach_kickers``) is the item's where its place tells: under another short line over it, the list's heading
    (itself under no short line: not a menu's last entries) -- "Top stories", "Politics", the headline; or under an
    item closed by its time, which it cannot close. It heads the items under it instead ("Video", then headlines
    with their running times) where the next item follows right under its item, without a kicker, in the same
    layout (``_item_layout``) -- but not inside a group of lines (``groups``: the blocks a plain text opens a group
    with, after a blank line), where a short line or badge right under an item closed by its time or its count
    (``_item_count``) is the next item's, whatever the items under it show. The found kickers are added to
    ``joined``."""
    n = len(blocks)

    def short(index: int) -> bool:
        # (an ad label over a list heads nothing: "Advertisement", then the list's own heading)
        return (0 <= index < n and labels[index] is None and index not in joined
                and features[index].n_words <= KICKER_MAX_WORDS and not _item_time(features, blocks, index)
                and not line_marks(blocks[index].text)[1])

    for number, (first, last) in enumerate(items):
        kicker = first - 1
        # (a longer item is a story appended to the page, its cue above it: "Next article")
        if not (last - first < CLOSED_ITEM_MAX_LINES and _free_kicker(blocks, features, labels, kicker)
                and kicker not in joined and (_teaser_head(features[first]) or _two_sentence_head(features[first]))
                and not _breadcrumbs(blocks[first].text)):
            continue
        under_item = (number > 0 and items[number - 1][1] == kicker - 1
                      and (_item_time(features, blocks, kicker - 1)
                           or (items[number - 1][0] < kicker - 1 and _item_count(features, kicker - 1))))
        if under_item and groups and kicker not in groups:
            # inside a group of lines (guidelines 8.2: an item's kicker or badge is inside its extent): a plain text
            # parts a front's sections by blank lines, so a short line right under an item's closing line (its time
            # or count), no blank line between, is the next item's kicker, not a section's heading over the items
            # under it
            joined[kicker] = first
            continue
        if _badge(blocks[kicker].text):
            continue  # (read by ``_badge_items``)
        # (an item of a headline alone under two short lines may be a heading itself: "Join the discussion",
        # "You may also like", then the list)
        # (a heading holds no number: "Comments (214)" over "Join the discussion" is a count)
        under_heading = (first < last and short(kicker - 1) and features[kicker - 1].digit_share == 0
                         and not short(kicker - 2))
        if not (under_heading or under_item):
            continue
        # the next item, right under this one or under its own kicker; or a headline alone right under this one
        following = items[number + 1] if number + 1 < len(items) else None
        if following is None or following[0] > last + 2 or (following[0] == last + 2
                                                             and not _free_kicker(blocks, features, labels, last + 1)):
            following = (last + 1, last + 1) if last + 1 < n and labels[last + 1] is None and _teaser_head(
                features[last + 1]) else None
        if following is not None and _item_layout(blocks, features, following) == _item_layout(blocks, features,
                                                                                               (first, last)):
            continue  # the heading of items of one layout
        joined[kicker] = first


def _item_count(features, index: int) -> bool:
    """Whether the line at ``index`` is short (``KICKER_MAX_WORDS`` words at most) and holds a number: under an item's
    other lines, its comment count or views in any language and format ("Diskuse (156)", "45 bình luận", "1.2k
    views"), which closes the item (guidelines 8.2)."""
    f = features[index]
    return 0 < f.n_words <= KICKER_MAX_WORDS and f.digit_share > 0 and not f.is_list_heading


def _authors_under(blocks, features, labels: list, items: list[tuple[int, int]], chain: list[int]) -> bool:
    """Guidelines 8.2: the layout is read from the first and last items. The lines parting the items of ``chain``
    are their authors' names under them, not kickers above them, when each is a person's name (``_author_name``),
    the last item has one under it too (unlabelled) and the first none above it."""
    under_last = items[chain[-1]][1] + 1
    above_first = items[chain[0]][0] - 1
    return (under_last < len(blocks) and labels[under_last] is None
            and all(_author_name(features[i], blocks[i].text) for i in
                    [under_last, *(items[member][0] - 1 for member in chain[1:])])
            and not (above_first >= 0 and labels[above_first] is None
                     and _author_name(features[above_first], blocks[above_first].text)))


def _names_by_a_pair(blocks, features, labels: list, items: list[tuple[int, int]],
                     chain: list[int]) -> list[tuple[int, int]]:
    """Guidelines 8.2: the layout is read from the first and last items. Two items parted by one person's name
    (``_author_name``: "Declan Furlong") are too few to show a kicker layout, but their ends tell whose name it is:
    with another name under the last item and none above the first, each name is the author's under the item
    above it; with another name above the first and none under the last, each opens the item under it (an
    opinion box: "Helena Vasconcelos", then her column's headline). Names at both ends or at neither tell nothing,
    nor do two items of different layouts (a site's name above its menu made an item, then a section's name above
    a headline and its byline). (name block, first block of its item) for each name taken."""
    (first_a, last_a), (first_b, last_b) = items[chain[0]], items[chain[1]]
    if last_a - first_a != last_b - first_b:
        return []

    def name(index: int) -> bool:
        return (0 <= index < len(blocks) and labels[index] is None
                and _author_name(features[index], blocks[index].text))

    if not name(first_b - 1):
        return []
    above, under = name(first_a - 1), name(last_b + 1)
    if under and not above:
        return [(last_a + 1, first_a), (last_b + 1, first_b)]
    if above and not under:
        return [(first_a - 1, first_a), (first_b - 1, first_b)]
    return []


def _badge_items(blocks, features, labels: list, items: list[tuple[int, int]], badges: list[bool],
                 joined: dict[int, int]) -> list[int]:
    """The numbers of the items whose badge (``badges``: an unlabelled badge line right above the item) is theirs.
    Above a list's first item a badge is the list's heading ("Opinion") unless a list heading stands above it
    ("More top stories", "Video") or the list shows other badges or kickers ("Live Updates" above its first item,
    "Analysis" above its third); between two items it is inside the second unless it opens items of one layout
    that no item above it in the list shares, none of them with a badge ("Tribune" further down makes "Vidéo" one;
    a search page mixes results with and without a summary, so the item right above may differ by its summary alone)."""
    lists = [0]  # the number of the list each item is in: items parted by a few short lines are one list
    for number in range(1, len(items)):
        lists.append(lists[-1] + (not _short_gap(blocks, features, labels, items[number - 1][1] + 1, items[number][0])))
    opened_in_list = Counter(lists[number] for number, (first, _) in enumerate(items)
                             if badges[number] or first - 1 in joined)
    layouts = [_item_layout(blocks, features, item) for item in items]
    # whether an item further down the same list shows a badge too
    badge_below = [False] * len(items)
    for number in range(len(items) - 2, -1, -1):
        badge_below[number] = lists[number + 1] == lists[number] and (badges[number + 1] or badge_below[number + 1])
    sections = _badged_sections(labels, items, badges, lists, layouts)
    taken = []
    for number, (first, _) in enumerate(items):
        if not badges[number] or number in sections:
            continue
        if number > 0 and first - items[number - 1][1] == 2:
            heading = (number + 1 < len(items) and lists[number + 1] == lists[number] and not badge_below[number]
                       and layouts[number] == layouts[number + 1]
                       and all(layouts[other] != layouts[number] for other in range(number)
                               if lists[other] == lists[number]))
        else:
            # a lead item (a summary the items under it lack) shows its own badge ("Breaking", then the lead's
            # headline and summary over headlines with their times): a heading stands over items of one layout
            lead = (number + 1 < len(items) and lists[number + 1] == lists[number]
                    and layouts[number] != layouts[number + 1]
                    and all(layouts[other] == layouts[number + 1] for other in range(number + 1, len(items))
                            if lists[other] == lists[number]))
            # (a heading heads two items at least: a badge over a lone item under other items is its own, "Gallery"
            # over a headline -- but for the page's own headline, and its story under it, a section's name above it:
            # "Live", "Podcast")
            alone = (number > 0 and not (number + 1 < len(items) and lists[number + 1] == lists[number])
                     and not any(label is not None and label.label == ARTICLE for label in labels[first:]))
            heading = not ((first >= 2 and features[first - 2].is_list_heading) or opened_in_list[lists[number]] > 1
                           or lead or alone)
        if not heading:
            taken.append(number)
    return taken


def _badged_sections(labels: list, items: list[tuple[int, int]], badges: list[bool], lists: list[int],
                     layouts: list[tuple[str, ...]]) -> set[int]:
    """Guidelines 8.2 and 8.3: a list repeats one layout, and a section's name heads items of its own. The numbers of
    the items whose badge (``badges``) names the front's next section ("Podcast" over an episode with its running
    time, "Opinion" over two columns), not the item's kind: the badge stands under an item of the list (``lists``)
    that ends a section -- of two items or more of one layout (``_item_layout``), or itself under such a badge --
    and no item from the badge down to the next badge or the list's end shares that item's layout. A badge on one
    item of a list ("Video" over a clip with its running time, then headlines with their times again; "Exclusive"
    over a headline under the lead item) is the item's."""
    sections: set[int] = set()
    badged = [number for number, badge in enumerate(badges) if badge]
    for number, below in zip(badged, [*badged[1:], len(items)]):
        above = number - 1
        # (nothing but the page's lines between the item and the badge: no other short line heads the section)
        if (above < 0 or lists[above] != lists[number]
                or any(labels[index] is None for index in range(items[above][1] + 1, items[number][0] - 1))):
            continue
        end = next((other for other in range(number, below) if lists[other] != lists[number]), below)
        ended = ((above > 0 and lists[above - 1] == lists[above] and layouts[above - 1] == layouts[above])
                 or any(section <= above and all(lists[other] == lists[section] for other in range(section, above + 1))
                        and not any(badges[other] for other in range(section + 1, above + 1))
                        for section in sections))
        # (the section's lead item shows its badge: "Top story" over a headline with its summary, then headlines
        # with their times)
        lead = number + 2 < end and layouts[number] != layouts[number + 1] == layouts[number + 2]
        if ended and not lead and layouts[above] not in layouts[number:end]:
            sections.add(number)
    return sections


def _kickers_above_chain(blocks, features, labels: list, items: list[tuple[int, int]], number: int,
                         joined: dict[int, int]) -> None:
    """The kicker layout read from a list's items goes on above item ``number``, the first found in it: a short
    line made an item alone right above it ("Nach dem 2:2", ``KICKER_MAX_WORDS`` + 1 words at most) is its
    kicker; and the item ending right above its kicker is one of the list when it has a kicker line above it too
    (added to ``joined``)."""
    while True:
        first = items[number][0]
        kicker = first - 1
        if number > 0 and items[number - 1] == (kicker, kicker) and features[kicker].n_words <= KICKER_MAX_WORDS + 1:
            labels[kicker] = labels[first]
            number -= 1
        elif kicker not in joined:
            return
        previous = number - 1
        if previous < 0 or items[previous][1] != kicker - 1:
            return
        above = items[previous][0] - 1
        if not _free_kicker(blocks, features, labels, above):
            return
        joined[above] = items[previous][0]
        number = previous


# A person's name on a line of its own: two to four capitalised words of letters ("Stephen Collinson"; a name of
# four words in many languages: two given names and two family names, "Ana María Ruiz Soto", "Phan Thị Thu Hà").
_NAME_RE = re.compile(r"^[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){1,3}$")
# Words a heading in title case holds and a person's name does not ("Ideas That Matter", "Out Of Office").
_NAME_STOP_WORDS = frozenset("a an the and or of for to in on at by with from that this".split())


def _author_name(f: BlockFeatures, text: str) -> bool:
    """A line that is a person's name alone (``_NAME_RE``, every word capitalised, none of ``_NAME_STOP_WORDS``, no
    badge)."""
    if f.is_timestamp or f.is_list_heading or f.is_furniture or _NAME_RE.match(text) is None:
        return False
    words = text.split()
    return (all(word[:1].isupper() for word in words) and not any(word.lower() in _NAME_STOP_WORDS for word in words)
            and not _badge(text))
