"""Surface features of one block of text, shared by the text and HTML paths.

Only the shape of the text is used here (length, punctuation, capitalisation, a few closed lists of
phrases that news sites use for furniture); the DOM signals live in ``html.py`` and the cross-page
repetition in ``stats.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import compress
from operator import itemgetter, not_
from typing import NamedTuple

from .timestamps import CLDR_UNNUMBERED_TIME_MAX_WORDS, cldr_timestamp

# The letters outside ASCII that a case-insensitive pattern matches to ASCII ones (İ ı -> i, ſ -> s, K -> k).
_FOLDS_BY_LETTER = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
_ASCII_FOLDS = tuple("".join(_FOLDS_BY_LETTER.values()))


def initials(firsts: str) -> str:
    """The characters a case-insensitive pattern's match can start with, when its first character is one of
    ``firsts`` (lower case): each in both cases, and the letters outside ASCII that fold to it. A line whose
    first character is none of them is answered without the regex engine (``text[:1] in ...``; an empty
    line is let through)."""
    variants = [char + char.upper() + _FOLDS_BY_LETTER.get(char, "") for char in firsts]
    return "".join(dict.fromkeys("".join(variants)))


# Characters from the most to the least frequent in news pages' blocks (lower-cased); any other is rarer still.
_BY_FREQUENCY = " eaitnosrldchpmufwygv.kb,'j-xqz"


def _rarity(char: str) -> tuple[int, str]:
    rank = _BY_FREQUENCY.find(char)
    return len(_BY_FREQUENCY) if rank < 0 else rank, char  # the character: one order whatever the set's


def literal_pattern(literals: tuple[str, ...]) -> re.Pattern | None:
    """A regex that finds any of ``literals`` (None for none). Each literal is looked for from one of its
    characters, its key: the pattern opens with one branch per key, so that the engine skips to the
    positions holding one of them (a branch per first letter would stop at nearly every letter of a text).
    The keys are few and rare: each literal's rarest character, less each of those (the most frequent
    first) whose literals all hold another key. A branch goes on with the rest of a literal, then a
    look-behind checks the whole of it: the engine turns away an alternative on its first character."""
    if not literals:
        return None
    if "" in literals:
        return re.compile("")  # the empty literal is in every text
    literals = tuple(dict.fromkeys(literals))
    keys = {max(literal, key=_rarity) for literal in literals}
    for char in sorted(keys, key=_rarity):
        rest = keys - {char}
        if all(any(other in rest for other in literal) for literal in literals):
            keys = rest
    by_key: dict[str, list[str]] = {}
    for literal in literals:
        ranks = [(_rarity(char), -index) for index, char in enumerate(literal) if char in keys]  # ties: the first
        key = -max(ranks)[1]
        after = re.escape(literal[key + 1:]) + (f"(?<={re.escape(literal)})" if key else "")
        by_key.setdefault(literal[key], []).append(after)
    # An alternative opening with a look-behind last: the engine cannot turn it away on a character.
    branches = [re.escape(char) + "(?:" + "|".join(sorted(rests, key=lambda rest: rest.startswith("(?<="))) + ")"
                for char, rests in sorted(by_key.items())]
    return re.compile("|".join(branches))


def alternation(literals: Iterable[str]) -> str:
    """The regex source of an alternation of ``literals`` as a trie ("say|says|saying" -> "say(?:ing|s)?"): the
    same strings, and the engine tries a few first characters at a position, not every literal. For a pattern
    read as a yes or no (search, match, fullmatch) the order of the alternatives does not matter."""
    root: dict = {}
    for literal in literals:
        node = root
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}

    def source(node: dict) -> str:
        alternatives = [re.escape(char) + source(child) for char, child in sorted(node.items()) if char]
        if not alternatives:
            return ""
        if len(alternatives) == 1 and "" not in node:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")" + ("?" if "" in node else "")

    return source(root)


class LiteralGate:
    """Whether a text could hold one of ``literals`` (lower case), looked for in its lower-cased form; a text
    with a letter that folds to ASCII always could (see ``GatedPattern``)."""

    def __init__(self, literals: tuple[str | re.Pattern, ...], screened: bool = False) -> None:
        """An entry of ``literals`` may be a case-sensitive pattern over the lower-cased (ASCII) text instead,
        where a literal alone would let most texts through (" app" is in "apparently"); it must start with
        a literal, so that the regex engine finds it as fast as a substring test. ``screened``: each ASCII entry
        of the gate is one of SCREEN's (``tests/test_preannotate.py`` checks it), so a text SCREEN turns away
        (``gate_view``) is not searched for them again."""
        self.literals = literals
        self.screened = screened
        self._ascii = literal_pattern(tuple(entry for entry in literals if isinstance(entry, str) and entry.isascii()))
        self._other_literals = tuple(entry for entry in literals if isinstance(entry, str) and not entry.isascii())
        self._patterns = tuple(entry for entry in literals if not isinstance(entry, str))

    @classmethod
    def union(cls, *gates: LiteralGate) -> LiteralGate:
        """A gate that lets through what any of ``gates`` lets through: one test for a text that most of
        them turn away."""
        return cls(tuple(entry for gate in gates for entry in gate.literals), all(gate.screened for gate in gates))

    def could_match(self, text: str, view: tuple[str, str, bool, bool] | None = None) -> bool:
        """``view`` is ``gate_view(text)`` when the caller has it (several gates read one text); else the cached one,
        which the other gates reading the text share."""
        lowered, ascii_lowered, folds, screened_out = gate_view(text) if view is None else view
        if not (screened_out and self.screened) and not self.finds_none_in(ascii_lowered):
            return True
        for literal in self._other_literals:  # a plain loop: cheaper than any() over a generator
            if literal in lowered:
                return True
        return folds

    def finds_none_in(self, ascii_lowered: str) -> bool:
        """Whether ``ascii_lowered`` (``gate_view``'s second) holds none of the gate's ASCII literals and patterns."""
        if self._ascii is not None and self._ascii.search(ascii_lowered) is not None:
            return False
        for entry in self._patterns:
            if entry.search(ascii_lowered) is not None:
                return False
        return True


class GatedPattern(LiteralGate):
    """A case-insensitive pattern of which every match holds one of ``literals`` (lower case): a text
    holding none is answered without the regex engine, which would otherwise try each alternative at
    every position of a long paragraph. Same answers as ``pattern``: a text with a letter that folds to
    ASCII goes to the regex whatever the substring test says (``tests/test_preannotate.py`` checks each
    gate against its pattern)."""

    def __init__(self, pattern: re.Pattern, literals: tuple[str | re.Pattern, ...], screened: bool = False) -> None:
        super().__init__(literals, screened)
        self.pattern = pattern

    def search(self, text: str, view: tuple[str, str, bool, bool] | None = None) -> re.Match | None:
        return self.pattern.search(text) if self.could_match(text, view) else None

    def findall(self, text: str, view: tuple[str, str, bool, bool] | None = None) -> list:
        return self.pattern.findall(text) if self.could_match(text, view) else []


# A page's blocks pass the gates stage by stage (the features, the line marks, the model's columns, the rules), each
# stage reading all of them: a view made by the first stage is still here for the others on pages of up to this many
# blocks.
GATE_VIEW_CACHE_SIZE = 1 << 10


@lru_cache(maxsize=GATE_VIEW_CACHE_SIZE)
def gate_view(text: str) -> tuple[str, str, bool, bool]:
    """What the gates read: ``text`` lower-cased, that again with each non-ASCII character replaced by "?",
    ``may_fold_to_ascii(text)``, and whether SCREEN finds none of its ASCII entries in the second. An ASCII literal
    occurs in the second wherever it occurs in the first, and a substring test on an ASCII string spares converting
    the literal to the text's wider characters, literal after literal; a regex entry of a gate finds there what it
    finds in the first, or more (a letter made "?" is no word character), which lets the text through to the
    pattern that decides. Cached: the several gates reading one text lower it, look for the folding letters and
    search the screen once."""
    lowered = text.lower()
    ascii_lowered = lowered if lowered.isascii() else lowered.encode("ascii", "replace").decode("ascii")
    return lowered, ascii_lowered, may_fold_to_ascii(text), SCREEN.finds_none_in(ascii_lowered)


def may_fold_to_ascii(text: str) -> bool:
    """Whether ``text`` holds a letter a case-insensitive pattern matches to an ASCII one (an ASCII text
    cannot: ``isascii`` is a flag read; four substring tests are cheaper than a character-class search)."""
    if text.isascii():
        return False
    for letter in _ASCII_FOLDS:
        if letter in text:
            return True
    return False


# Possessive: nothing after a run gives back a character of it, so the words are the same, found without
# the engine keeping the positions to backtrack to.
WORD_RE = re.compile(r"[^\W_]++(?:['’\-.][^\W_]++)*+")
# What separates the runs of letters and digits inside one WORD_RE word.
_WORD_CONNECTORS = "'’-."
_WORD_RUN_RE = re.compile(r"\w+")
# The characters whose case folding is a word character and one that is none ("İ" folds to "i" and a combining
# dot, U+0345 to "ι"): in a text holding one, the runs of word characters of the folded text are not the folded
# runs of the text (``tests/test_preannotate.py`` checks the set against every code point).
FOLD_SPLITS_RUNS = ("\u0130\u01f0\u0345\u0390\u03b0\u1e96\u1e97\u1e98\u1e99\u1f50\u1f52\u1f54\u1f56\u1fb6\u1fb7"
                    "\u1fc6\u1fc7\u1fd2\u1fd3\u1fd6\u1fd7\u1fe2\u1fe3\u1fe4\u1fe6\u1fe7\u1ff6\u1ff7")
_FOLD_SPLITS_RUNS_RE = re.compile(f"[{FOLD_SPLITS_RUNS}]")


def normalised(text: str) -> str:
    """A text without case, spacing and punctuation: its runs of word characters, case-folded, joined by
    one space (the same as replacing each run of other characters by a space and stripping the ends)."""
    return " ".join(_WORD_RUN_RE.findall(text.casefold()))


def _key(text: str, words: list[str]) -> str:
    """``normalised(text)`` from its WORD_RE ``words``, without scanning the text for the runs again: the words
    cover every letter and digit of the text, their runs parted by a connector each, so without an underscore
    (a word character no word holds) the runs are the words' parts; and case folding keeps every character
    of a run inside one and every other outside, unless the text holds one of FOLD_SPLITS_RUNS. Those are
    letters folding to two or three characters but U+0345, no word character: the others are looked for
    only in words whose folding is longer."""
    if "_" in text or "\u0345" in text:
        return normalised(text)
    joined = " ".join(words)
    for connector in _WORD_CONNECTORS:
        if connector in joined:
            joined = joined.replace(connector, " ")
    folded = joined.casefold()
    if len(folded) != len(joined) and _FOLD_SPLITS_RUNS_RE.search(joined) is not None:
        return normalised(text)
    return folded

# Relative and absolute timestamps as teaser lists and bylines print them.
_MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAYS = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?"
# Time zones as news sites print them after a time.
_ZONES = r"(?:GMT|BST|UTC|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AEST|AEDT|IST|SAST|EAT|WAT|JST|HKT|SGT|NZST|NZDT)"
TIMESTAMP_RE = re.compile(
    r"^(?:(?:updated|published|posted|last updated|first published|modified)\s*:?\s*(?:on\s+)?)?(?:"
    r"(?:\d+|an?|one|two|few)\s*(?:s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?|w|wks?|"
    r"weeks?|mo|months?|y|yrs?|years?)\s+ago"
    r"|just now|yesterday|today|an? (?:minute|hour|day|week) ago"
    r"|(?:" + _WEEKDAYS + r",?\s+)?(?:" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTHS + r",?(?:\s+\d{4})?)"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?:\s+\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?)?"
    r"|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?"
    # a clock time with a dot, as British sites print a live blog's entries ("13.55 GMT", "9.30am"): with its
    # half of the day or its zone, which no price or score has
    r"|\d{1,2}\.\d{2}\s*(?:[ap]\.?m\.?(?:\s*" + _ZONES + r")?|" + _ZONES + r")"
    # Chinese and Japanese: "2026年11月26日 18時05分", "2026年11月26日（木）18:05", "11月26日", "3時間前", "5分钟前"
    r"|(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:\s*[(（][^)）]{1,3}[)）])?"
    r"(?:\s*(?:午前|午後|上午|下午)?\s*\d{1,2}(?:[:：]\d{2}|時(?:\d{1,2}分)?|点(?:\d{1,2}分)?))?"
    r"|\d+\s*(?:秒|分|分钟|分鐘|時間|小时|小時|天|日|週間|周|か月|ヶ月|个月|個月|年)前"
    r")(?:\s*[|•·-]\s*\d+\s*min(?:ute)?s?\s+read)?\.?$",
    re.IGNORECASE,
)
# The same in French, German, Spanish, Italian, Dutch and Portuguese: "il y a 5 heures", "vor 3 Stunden", "hace 2
# días", "3 ore fa", "2 uur geleden", "há 3 horas", "hier", "14h32", "Publié le 12 mars 2024 à 18h30", "12.03.2024,
# 14:20 Uhr", "Actualizado el 12 de marzo de 2024", "Pubblicato il 27 novembre 2026 alle 18:30", "27 de Novembro de
# 2026, 7:30"; and Russian dates: "26 ноября 2026, 12:40". ASCII digits ([0-9], not \d): a line it matches starts with one of FOREIGN_TIMESTAMP_INITIALS.
# Months and weekdays are spelled out or cut to unambiguous stems ("set", "out" are words too).
_MONTHS_FOREIGN = (r"(?:janv(?:ier)?|f[ée]vr(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|"
                   r"oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?|j[aä]n(?:uar|ner)?|feb(?:ruar)?|m[äa]rz|april|"
                   r"juni|juli|august|september|oktober|november|dez(?:ember)?|ene(?:ro)?|febrero|marzo|abr(?:il)?|"
                   r"mayo|jun(?:io)?|jul(?:io)?|ago(?:sto)?|sep(?:t)?iembre|octubre|noviembre|dic(?:iembre)?|"
                   # Italian, Dutch and Portuguese
                   r"gen(?:naio)?|febbraio|aprile|mag(?:gio)?|giu(?:gno)?|lug(?:lio)?|settembre|ott(?:obre)?|"
                   r"dicembre|januari|februari|maart|mrt|mei|augustus|okt|janeiro|fev(?:ereiro)?|mar[çc]o|maio|"
                   r"junho|julho|setembro|outubro|novembro|dezembro|"
                   # Russian, in the genitive a date prints them in ("26 ноября 2026")
                   r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\.?")
_WEEKDAYS_FOREIGN = (r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|"
                     r"freitag|samstag|sonntag|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|"
                     r"luned[ìi]|marted[ìi]|mercoled[ìi]|gioved[ìi]|venerd[ìi]|sabato|domenica|maandag|dinsdag|"
                     r"woensdag|donderdag|vrijdag|zaterdag|zondag|(?:segunda|ter[çc]a|quarta|quinta|sexta)(?:-feira)?)")
# What opens a published or updated time ("Publié le", "Aktualisiert am", "Pubblicato il", "Bijgewerkt op").
_FOREIGN_STAMP_CUE = (r"(?:publié|mis à jour|modifié|actualisé|aktualisiert|veröffentlicht|publiziert|zuletzt aktualisiert|stand|"
                      r"publicado|actualizado|atualizado|modificado|pubblicato|aggiornato|modificato|gepubliceerd|"
                      r"bijgewerkt|laatst bijgewerkt)\s*:?\s*(?:(?:le|am|el|à|um|il|em|op)\s+)?")
_FOREIGN_STAMP = (
    r"(?:"
    r"il y a (?:[0-9]+|une?|quelques) (?:s|sec|secondes?|min|minutes?|h|heures?|j|jours?|semaines?|mois|ans?)"
    r"|vor (?:[0-9]+|einer?|wenigen) (?:sek(?:unden?)?|min(?:uten?)?\.?|std\.?|stunden?|tag(?:en)?|wochen?|"
    r"monat(?:en)?|jahr(?:en)?)"
    r"|hace (?:[0-9]+|una?|un[oa]s|poc[oa]s) (?:s|seg(?:undos?)?|min(?:utos?)?|h|horas?|d[ií]as?|semanas?|mes(?:es)?|"
    r"años?)"
    r"|h[áa] (?:[0-9]+|uma?|poucos) (?:s|seg(?:undos?)?|min(?:utos?)?|h|horas?|dias?|semanas?|m[eê]s(?:es)?|anos?)"
    r"|(?:[0-9]+|un|un'|una|qualche|pochi) ?(?:secondi|min(?:uti|uto)?|or[ae]|giorn[oi]|settiman[ae]|mes[ei]"
    r"|ann[oi]) fa"
    r"|(?:[0-9]+|een|enkele) (?:sec(?:onden)?|min(?:uten|uut)?|uur|dag(?:en)?|we(?:ek|ken)|maand(?:en)?|jaar) geleden"
    r"|hier|aujourd['’]hui|gestern|heute|ayer|hoy|ieri|oggi|gisteren|vandaag|ontem|hoje"
    r"|(?:" + _WEEKDAYS_FOREIGN + r",?\s+)?(?:le\s+|el\s+|il\s+)?[0-9]{1,2}(?:er|\.|º)?\s+(?:de\s+)?(?:"
    + _MONTHS_FOREIGN + "|" + _MONTHS + r")(?:\s+(?:de\s+)?[0-9]{4})?"
    r"|[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}"
    r")(?:,?\s*(?:à|um|a las|às|alle|ore|om|[-–]|\|)?\s*[0-9]{1,2}(?:[:h.][0-9]{2})?\s*(?:h|uhr|uur)?)?")
FOREIGN_TIMESTAMP_RE = re.compile(
    r"^(?:[0-9]{1,2}h[0-9]{2}$|"  # a French clock time alone: "14h32"
    # a time, and the time it was updated after it: "Publié le 20 novembre 2026 à 21h14, modifié le 21 novembre",
    # "…, modifié à 21h15"
    r"(?:" + _FOREIGN_STAMP_CUE + r")?" + _FOREIGN_STAMP + r"(?:[,;|]?\s*" + _FOREIGN_STAMP_CUE + r"(?:"
    + _FOREIGN_STAMP + r"|[0-9]{1,2}[:h.][0-9]{2}))?\.?$)",
    re.IGNORECASE,
)
# A line the pattern is tried on has at most this many words ("Publié le 20 novembre 2026 à 21h14, modifié le 21
# novembre 2026 à 08h02"), and without a digit this many ("Zuletzt aktualisiert am gestern", "il y a quelques minutes").
FOREIGN_TIMESTAMP_MAX_WORDS = 16
FOREIGN_RELATIVE_TIME_MAX_WORDS = 8
# A TIMESTAMP_RE match without a digit is a relative time of this many words at most, its update label included
# ("first published on a few weeks ago"): every date, clock time and count of its other forms holds a digit.
UNNUMBERED_TIMESTAMP_MAX_WORDS = 6
# What a line the pattern matches starts with: most lines are answered without the regex engine.
FOREIGN_TIMESTAMP_INITIALS = initials("pmasizlevhgdjfobwtqu") + "0123456789"
DATE_ANYWHERE_RE = re.compile(
    r"\b(?:" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+" + _MONTHS + r"\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}:\d{2}\s*[ap]\.?m\b|\d+\s+(?:minutes?|hours?|days?)\s+ago)",
    re.IGNORECASE,
)
# "5 min read", "4-minute read", "3 mins to read", "Reading time: 4 minutes", and the same in German, French,
# Spanish, Portuguese, Italian, Dutch and Russian: "3 Min. Lesezeit", "Lecture 4 min.", "5 min de lectura", "Leestijd 3
# minuten", "Время чтения: 3 минуты".
READ_TIME_RE = re.compile(
    r"(?:\b\d+(?:\s*|-)min(?:ute)?s?\.?\s+(?:read|to read|lesezeit|lesedauer|de lecture|de lectura|de leitura|"
    r"di lettura|leestijd)"
    r"|^(?:reading time|read time|lesezeit|lesedauer|lecture|temps de lecture|lectura|tiempo de lectura|leitura|"
    r"tempo de leitura|tempo di lettura|lettura|leestijd|время чтения)\s*:?\s*\d+\s*"
    r"(?:min(?:ute[ns]?|utos?|uti|s)?\.?|мин(?:ут[аы]?)?\.?)?)$",
    re.IGNORECASE)

# Headings that open a list of links to other pages (teasers) or a block of site furniture: literal phrases, read as a
# trie (``alternation``: a long alternation of phrases is tried phrase by phrase), and what follows them.
_LIST_HEADINGS = (
    "recent", "latest", "popular", "related", "trending", "recommended", "featured", "top", "more", "most",
    # "editor's picks" with or without either apostrophe and either "s"
    *(f"editor{before}{plural}{after} pick{picks}"
      for before in ("", "'") for plural in ("", "s") for after in ("", "'") for picks in ("", "s")),
    "also", "other", "you may", "you might", "we recommend", "don't miss", "dont miss", "read more", "read next",
    "up next", "further reading", "sponsored", "promoted", "around the web", "from the web", "elsewhere",
    "in case you missed", "watch", "must read", "in other news", "what to read next", "next up", "keep reading",
    "continue reading", "more stories", "explore",
    # French, German and Spanish ones
    "lire aussi", "à lire aussi", "à lire également", "sur le même sujet", "les plus lus", "dans la même rubrique",
    "vous aimerez aussi", "à voir aussi", "dernières actualités", "les dernières infos", "mehr zum thema", "mehr aus",
    "meistgelesen", "das könnte sie auch interessieren", "das könnte dich auch interessieren", "auch interessant",
    "weitere artikel", "lesen sie auch", "verwandte artikel", "neueste artikel", "más noticias", "te puede interesar",
    "también te puede interesar", "lo más leído", "noticias relacionadas", "lee también", "te recomendamos",
    "contenido relacionado", "últimas noticias", "sur le même thème", "à découvrir", "ne manquez pas",
    "les plus partagés", "les plus commentés", "les plus populaires", "voir aussi", "articles similaires",
    "articles liés", "autres articles", "passend zum artikel", "passend zum thema", "weitere nachrichten",
    "weitere themen", "mehr nachrichten", "mehr news", "mehr artikel", "auch lesenswert", "dazu passend",
    "ähnliche artikel", "empfohlene artikel", "ver también", "lea también", "lo más visto", "más leídos",
    "más leídas", "más vistos", "más vistas", "las más leídas", "las más vistas", "los más leídos", "los más vistos",
    "las más leídos", "las más vistos", "los más leídas", "los más vistas", "otras noticias", "artículos relacionados",
    "también te puede gustar",
    # Italian, Dutch and Portuguese ones
    "leggi anche", "potrebbe interessarti", "potrebbero interessarti", "ti potrebbe interessare",
    "ti potrebbero interessare", "altri articoli", "altre notizie", "articoli correlati", "notizie correlate",
    "più letti", "più lette", "più visti", "più viste", "i più letti", "i più lette", "i più visti", "i più viste",
    "le più letti", "le più lette", "le più visti", "le più viste", "ultime notizie", "da non perdere", "vedi anche",
    "guarda anche", "lees ook", "meer nieuws", "meer over", "meest gelezen", "meest bekeken", "laatste nieuws",
    "het laatste nieuws", "gerelateerde artikelen", "ook interessant", "bekijk ook", "zie ook", "anderen lazen ook",
    "leia também", "leia mais", "veja também", "veja mais", "mais lidos", "mais lidas", "mais vistos", "mais vistas",
    "as mais lidos", "as mais lidas", "as mais vistos", "as mais vistas", "os mais lidos", "os mais lidas",
    "os mais vistos", "os mais vistas", "mais notícias", "últimas notícias", "notícias relacionadas",
    "artigos relacionados",
    # Swedish, Russian, Japanese and Chinese ones
    "läs också", "läs mer", "mer om", "mest läst", "читайте также", "по теме", "самое читаемое", "関連記事",
    "関連ニュース", "相关新闻", "相關新聞", "延伸閱讀", "延伸阅读",
    # promoted stories from other sites
    "contenu sponsorisé", "contenus sponsorisé", "contenu sponsorisés", "contenus sponsorisés", "contenido patrocinado",
    "contenuti sponsorizzati", "gesponsorde inhoud", "conteúdo patrocinado",
)
LIST_HEADING_RE = re.compile(r"^" + alternation(_LIST_HEADINGS) + r"\b[\w\s'’&:,-]{0,40}$", re.IGNORECASE)
# Furniture: share/follow prompts, account and subscription calls, legal lines, ads.
FURNITURE_START_RE = re.compile(
    r"^(?:follow|share|like|subscribe|sign (?:up|in)|log ?in|log ?out|register|join|download|"
    r"get (?:the|our)|click|tap|tweet|email|print|comment|reply|advertisement|advertising|"
    r"ad|sponsored|skip to|jump to|back to top|menu|search|close|home|cookie|accept|"
    r"read (?:more|full|the full)|see (?:more|all)|view (?:more|all|comments)|show (?:more|comments)|"
    # (a media label before a headline is the headline's: "Watch: Loyola's buzzer-beater in double overtime")
    r"load more|loading|image|photo|(?:video|watch|listen)(?!\s?:\s+\S+\s+\S+\s+\S)|play|copyright|all rights|terms|"
    r"privacy|"
    # "share" in Spanish, Portuguese, French, German, Italian and Dutch ("Compartir en WhatsApp", "Partilhar notícia")
    r"compartir|compartilhar|partilhar|partager|teilen|condividi|delen)\b",
    re.IGNORECASE,
)
FURNITURE_RE = GatedPattern(re.compile(
    r"(?:©|\(c\)\s*\d{4}|all rights reserved|cookie|newsletter|subscribe(?!d)|sign up|"
    r"privacy policy|terms of (?:use|service)|follow us|share (?:this|on)\b|click here|"
    r"javascript|your browser|ad blocker|unsubscribe|inbox|trademark|"
    # "all rights reserved" in Italian, German, French, Spanish, Dutch and Portuguese
    r"diritti riservati|riproduzione riservata|rechte vorbehalten|droits réservés|derechos reservados|"
    r"rechten voorbehouden|direitos reservados)",
    re.IGNORECASE,
), ("©", "(c)", "all rights reserved", "cookie", "newsletter", "subscribe", "sign up", "privacy policy", "terms of",
    "follow us", "share ", "click here", "javascript", "your browser", "ad blocker", "inbox", "trademark",
    "diritti riservati", "riproduzione riservata", "rechte vorbehalten", "droits réservés", "derechos reservados",
    "rechten voorbehouden", "direitos reservados"), screened=True)
# The same, share prompts, privacy policy, terms of use and "skip to the main content" in Japanese and Chinese: each
# holds a Han or kana letter (which have no case), looked for only in a text holding one (``unspaced_counts``).
UNSPACED_FURNITURE_RE = re.compile(
    r"記事をシェア|シェアする|分享到|分享本文|分享此文|無断転載|著作権|版权所有|版權所有|"
    r"プライバシーポリシー|个人信息保护|隐私政策|隱私政策|隱私權政策|利用規約|使用条款|使用條款|"
    r"メインコンテンツへ|本文へ|跳到主要内容|跳至主要內容")
# Second-person and first-person-plural address: promos, subscription and comment prompts.
_ADDRESS_WORDS = ("you", "your", "yours", "you're", "we", "our", "us", "we're", "we've")
ADDRESS_RE = GatedPattern(re.compile(r"\b(?:" + "|".join(_ADDRESS_WORDS) + r")\b", re.IGNORECASE),
                         ("you", "we", "our", "us"))


def _spelled_case(literal: str) -> str:
    """``literal`` (lower case) as a case-sensitive pattern matching it in any case: "we'" -> "[wW][eE]'"."""
    return "".join(f"[{char}{char.upper()}]" if char.upper() != char else re.escape(char) for char in literal)


# ADDRESS_RE for a text without a letter that folds to ASCII: the same words in the same order, each letter's two
# cases spelled out instead of IGNORECASE and the first letter read first, so that the engine skips to the
# letters the words start with (a pattern opening with \b, or any IGNORECASE letter, is tried at every
# position). The first letter is a word character: \b before it is "no word character before it".
_ADDRESS_FAST_RE = re.compile(
    "[" + "".join(sorted({_spelled_case(word[0])[1:-1] for word in _ADDRESS_WORDS})) + r"](?<!\w.)(?:"
    + "|".join(f"(?<={_spelled_case(word[0])}){_spelled_case(word[1:])}" for word in _ADDRESS_WORDS) + r")\b")


def address_count(text: str) -> int:
    """``len(ADDRESS_RE.findall(text))``, about three times faster."""
    pattern = ADDRESS_RE.pattern if gate_view(text)[2] else _ADDRESS_FAST_RE  # (the cached fold test)
    return len(pattern.findall(text))


# Calls to action and site notices as full sentences, anywhere in a block of any length: subscription
# and app prompts, comment and letter invitations, legal and advertising notices.
PROMO_RE = GatedPattern(re.compile(
    r"\b(?:subscri(?:be|ber|ption)s?|newsletters?|sign(?:ing)? (?:me )?up|log ?in|sign in|register(?:ed)? "
    r"(?:now|here|for)|download (?:the|our)|(?:our|the) (?:\w+ ){0,2}app\b|by email|in your inbox|inbox|"
    r"never miss|get the latest|follow us|like us on|click here|tap here|read more|support (?:our|independent) "
    r"journalism|become a (?:member|subscriber)|for as little as|paywall|ad[- ]free|ads free|letters? to the editor|"
    r"leave a comment|disclaimer|disclosure|we may (?:receive|earn)|affiliate|compensation for|privacy policy|"
    r"terms of (?:use|service)|cookies?|your browser|browser version|javascript|all rights reserved|copyright)\b|©",
    re.IGNORECASE,
), ("subscri", "newsletter", "sign up", "signing up", "sign me up", "signing me up", "log in", "login", "sign in",
    "register", "download", re.compile(r" app\b"), "by email", "inbox", "never miss", "get the latest", "follow us",
    "like us on", "click here", "tap here", "read more", "journalism", "become a", "for as little as", "paywall",
    "ad-free", "ad free", "ads free", "to the editor", "leave a comment", "disclaimer", "disclosure", "we may",
    "affiliate", "compensation for", "privacy policy", "terms of", "cookie", "browser", "javascript",
    "all rights reserved", "copyright", "©"), screened=True)
# Author bios and contact lines; a bio also tells the author's career ("She has been writing about local
# politics for the Post since 2008").
BIO_RE = GatedPattern(re.compile(
    r"\b(?:is an? (?:\w+ ){0,3}(?:writer|reporter|editor|correspondent|contributor|columnist|journalist|"
    r"producer|author|host)|is the (?:\w+ )?author of|can be reached|reach (?:him|her|them) at|follow (?:him|her|them)|email (?:him|her)|"
    r"contributed (?:to )?(?:this|reporting)|(?:has|have) been (?:writing|reporting|blogging) (?:about|on|for))\b",
    re.IGNORECASE,
), ("writer", "reporter", "editor", "correspondent", "contributor", "columnist", "journalist", "producer", "author",
    "host", "reach", "follow", "email", "contributed", "been writing", "been reporting", "been blogging"),
    screened=True)
# Photo captions and credits as news sites print them (guidelines 8.4).
CAPTION_RE = GatedPattern(re.compile(
    r"\b(?:photo(?:graph)?s?|image|picture|illustration|credit|caption|getty|reuters/|ap photo|afp|epa|"
    r"shutterstock|istock|pictured|file photo|handout|courtesy|screenshot|screengrab|video still)\b"
    r"|^(?:in this|this (?:photo|image|picture|undated|file|satellite|illustration|handout))\b"
    r"|\b(?:left|right|center|centre|top|bottom|above|below),|^(?:above|top|left|right|below|main image):",
    re.IGNORECASE,
), ("photo", "image", "picture", "illustration", "credit", "caption", "getty", "reuters/", "afp", "epa", "stock",
    "handout", "courtesy", "screen", "video still", "in this", "this undated", "this file", "this satellite",
    "left,", "right,", "center,", "centre,", "top,", "bottom,", "above,", "below,", "above:", "top:", "left:",
    "right:", "below:"), screened=True)
CONTACT_RE = GatedPattern(re.compile(r"https?://|www\.|@\w|\w@\w+\.\w|\.com\b", re.IGNORECASE),
                          ("http", "www.", "@", ".com"), screened=True)
# The gates that features_of (FURNITURE_RE) and the learned model's columns (``learned.text_signals``) read for
# nearly every block, and that turn nearly every block away: one search of their union per text (``gate_view``)
# turns a text away from all of them at once, where each gate searched it through on its own.
SCREEN = LiteralGate.union(FURNITURE_RE, PROMO_RE, BIO_RE, CAPTION_RE, CONTACT_RE)
# "By Jane Doe", "By: Jane Doe", "Reported by Jane Doe", "Reporter: Jane Doe".
BYLINE_RE = re.compile(r"^(?:(?:by|written by|words by|reporting by|reported by|from)\s*:?\s+"
                       r"|(?:reporter|author|writer|correspondent)\s*:\s*)\S", re.IGNORECASE)
# The word for "by" before the writer's name in French, German, Spanish, Italian and Dutch.
FOREIGN_BYLINE_CUES = "par|von|por|di|door"
# "Par Claire Dubois", "Von Anna Schmidt", "Por Juan Pérez", "di Marco Santini", "Door Sanne de Vries": a capital
# after the word, which starts sentences too ("Par ailleurs, ...", "Von Berlin aus ...": short lines of prose,
# which a name in capitals tells apart).
_FOREIGN_BYLINE_RE = re.compile(f"^(?:{FOREIGN_BYLINE_CUES})"
                                r"\s+([^\W\d_])[\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,5}(?:\s*[|,/]|$)", re.IGNORECASE)
# A byline in Japanese or Chinese: the reporter's title ("記者", "本报记者", "特派員") but not the press conference
# or club a headline names ("記者会見", "记者会"), a "text by" ("文／", "撰文"), or a newspaper desk before the name
# ("政治部　森田彩香"); looked for in lines of at most 12 words.
CJK_BYLINE_RE = re.compile(r"記者(?!会見|クラブ|団)|记者(?!会|招待|团|站|节)|特派員|特派员|編集委員|撰文|^文\s*[/／:：]|"
                           r"(?:政治|経済|经济|社会|國際|国際|国际|外信|文化|運動|スポーツ|地域|報道|报道)部\s")
# The particles of a family name, in lower case inside a name ("Sanne de Vries", "Ana dos Santos"), and the
# "and" between two names ("Claire Dubois et Julien Moreau").
NAME_PARTICLES = frozenset("de del della di da das do dos van der den ter ten von zu et und y e en".split())


def foreign_byline(text: str) -> bool:
    """A byline in French, German, Spanish, Portuguese, Italian or Dutch (``_FOREIGN_BYLINE_RE``) naming someone:
    every word after the cue capitalised but a family name's particles and an "and", the first and the last
    capitalised."""
    match = _FOREIGN_BYLINE_RE.match(text)
    if match is None:
        return False
    words = text[match.start(1):match.end()].rstrip("|,/ ").split()
    return (words[0][:1].isupper() and words[-1][:1].isupper()
            and all(word[:1].isupper() or word in NAME_PARTICLES for word in words))


# English words whose presence after a quotation marks it as speech (the quote finder's, with the other
# languages' in quotes._MORE_REPORTING).
SPEECH_VERBS = (
    "said|says|say|saying|told|tells|tell|wrote|writes|write|added|adds|asked|asks|stated|states|"
    "tweeted|tweets|posted|explained|explains|noted|notes|insisted|insists|argued|argues|claimed|claims|"
    "warned|warns|replied|replies|responded|responds|recalled|recalls|continued|continues|"
    "acknowledged|admitted|admits|announced|announces|declared|declares|urged|urges|read|reads|"
    "according to|quoted|quoting|remarked|remarks|commented|comments|suggested|suggests|"
    "told reporters|wrote on|said in|called|calls|described|describes|put it|pointed out|shouted|"
    "whispered|joked|jokes|conceded|concedes|maintained|maintains|believes|thinks|thought|"
    "emphasized|stressed|stresses|observed|observes|predicted|predicts|vowed|vows|promised|promises|"
    # the -ing forms ("calling it “…”", "describing the bill as “…”") and chants (guidelines 7.2)
    "telling|adding|asking|stating|tweeting|posting|explaining|noting|insisting|arguing|claiming|warning|"
    "replying|responding|recalling|announcing|declaring|urging|calling|describing|reading|writing|vowing|"
    "promising|chant|chants|chanted|chanting|branded|brands|branding|in the words of"
)

# Chinese and Japanese, and Thai, Lao, Khmer and Burmese, are written without spaces between words: a run of
# their letters is one WORD_RE match however long. ``features_of`` counts such a run's characters instead, at
# the rate the script holds words (a Chinese or Japanese word is about two characters: "知事は述べた" is "the
# governor said"; a Thai word about four), and its length as that of as many words of a language written with
# spaces: a story's paragraph in those languages is as long as one in English to the rules and the model.
_HAN_KANA = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SOUTHEAST_ASIAN = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Burmese, Khmer
UNSPACED_LETTERS = _HAN_KANA + _SOUTHEAST_ASIAN  # the inside of a character class
_UNSPACED_RE = re.compile(f"([{_HAN_KANA}]+)|[{_SOUTHEAST_ASIAN}]+")
# Whether a text holds any: one character class, searched five times faster than the alternation above.
UNSPACED_LETTER_RE = re.compile(f"[{UNSPACED_LETTERS}]")
HAN_KANA_CHARS_PER_WORD = 2
SOUTHEAST_ASIAN_CHARS_PER_WORD = 4
# A word of a language written with spaces is about this many characters, its space included.
SPACED_CHARS_PER_WORD = 6


def unspaced_counts(text: str, words: list[str]) -> tuple[int, int] | None:
    """The words and the length of ``text`` (its WORD_RE ``words``) when it holds letters of a script written
    without spaces (None when it holds none): each run of such letters counted at its script's rate, at least
    one word, and as long as as many words written with spaces; the words holding none, and the characters
    outside the runs, as they are. A word holding such a run is counted by its runs alone ("2026年", "iPhoneを"
    are a word each, as "A㐀A" is: the runs are no words apart from the letters around them)."""
    if text.isascii() or UNSPACED_LETTER_RE.search(text) is None:
        return None
    count = chars = 0
    for match in _UNSPACED_RE.finditer(text):
        length = match.end() - match.start()
        rate = HAN_KANA_CHARS_PER_WORD if match.group(1) else SOUTHEAST_ASIAN_CHARS_PER_WORD
        count += -(-length // rate)
        chars += length
    spaced = sum(1 for word in words if UNSPACED_LETTER_RE.search(word) is None)
    return spaced + count, len(text) - chars + count * SPACED_CHARS_PER_WORD


# A sentence ends with a full stop, a question or exclamation mark (full-width ones too: "…と述べた。"), and the
# marks closing a quotation after it ("「…だ。」"; "“" and "‘" close what "„" and "‚" open in German, Czech, Slovak
# and their neighbours: „Wer hat das gesagt?“ ends a sentence, as "Who said that?”" does).
SENTENCE_END_RE = re.compile(r"[.!?…:;。！？][\"'”’“‘»)\]」』）〉》】]*$|[\"”»][.!?]?$")
# (From the first mark of a run of them only, and possessive: what it gives back could only be the run's marks, where
# neither the closing marks nor the white space match; a search from each mark of a long run, "……", reading it to
# its end each time, is quadratic. A split from a later mark of a run is one from its first anyway.)
SENTENCE_SPLIT_RE = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’»)\]]*+\s++(?=[\"'“‘«(\[]?[A-Z0-9])")
# Sentences of Chinese and Japanese end with full-width marks and no space after them: a split after a run of
# them followed by more text, but not by a mark closing a quotation ("「…だ。」と述べた" is one sentence). A
# pattern of its own, for the texts holding such a mark: an alternative in SENTENCE_SPLIT_RE would slow its
# search through every other text to twice as long.
_UNSPACED_SPLIT_RE = re.compile(r"[。！？]+(?![」』）〉》】])\s*(?=\S)")
_TRUNCATED_RE = re.compile(r"(?:…|\.\.\.)$")
_SMALL_WORDS = frozenset(
    "a an the and or but nor for of in on at to by with from as is are was were be into onto over under "
    "vs vs. via per than that this its it his her their our your my up out off new".split()
)


class BlockFeatures(NamedTuple):
    """The shape of one block's text. A named tuple, not a dataclass: ``features_of`` makes one per distinct
    text, and a tuple is made at once where a frozen dataclass sets its fields one by one; a tuple
    holding only numbers, strings and a tuple of strings is also left alone by the garbage collector, and the
    cache holds thousands. ``text_like`` and ``headline_like`` are derived from the other fields (make one
    with ``features_of``, which derives them)."""

    # Of a text in a script written without spaces, as if it were written with them (``unspaced_counts``).
    n_words: int
    n_chars: int
    n_sentences: int
    ends_like_sentence: bool
    ends_with_full_stop: bool
    truncated: bool
    title_case_share: float
    lower_word_share: float
    digit_share: float
    is_timestamp: bool
    is_list_heading: bool
    is_furniture: bool
    is_byline: bool
    is_bullet: bool
    # The distinct words, lower-cased (the learned model compares them with the title); a tuple, not a set:
    # the garbage collector leaves a tuple of strings alone.
    words: tuple[str, ...]
    # Running prose (``_text_like``) and a title (``_headline_like``): the rules and the model read these for
    # every block again and again.
    text_like: bool
    headline_like: bool
    # The text ``normalised``: the learned model counts a page's blocks by it and matches them to the article body.
    key: str


def _text_like(n_words: int, ends_like_sentence: bool, ends_with_full_stop: bool, lower_word_share: float,
               is_timestamp: bool) -> bool:
    """Running prose: enough words, mostly lower case, ending like a sentence (or long anyway)."""
    if is_timestamp or n_words < 5:
        return False
    if lower_word_share < (0.2 if ends_with_full_stop and n_words >= 12 else 0.3):
        return False
    return (ends_like_sentence and n_words >= 7) or n_words >= 16


def _headline_like(n_words: int, n_sentences: int, ends_with_full_stop: bool, is_timestamp: bool,
                   is_list_heading: bool) -> bool:
    """A title: a few words, one sentence at most, no closing full stop."""
    if is_timestamp or is_list_heading or not 3 <= n_words <= 30:
        return False
    return n_sentences <= 1 and not ends_with_full_stop


# A site's furniture comes back within a few pages, long before this many other blocks have passed; a full
# collection walks every entry of the cache's own table and list, so a larger cache costs more than the few
# repeats it alone keeps save.
FEATURES_CACHE_SIZE = 1 << 13
# The per-text caches of text columns and line marks hold as many: a full collection still walks
# every entry of a cache's table and list, about 10-17 ms per 57k entries, three times in 2000 pages.
TEXT_CACHE_SIZE = FEATURES_CACHE_SIZE
_DIGIT_RE = re.compile(r"\d")
_STRICT_END_RE = re.compile(r"[.!。！][\"'”’“‘»)\]」』）〉》】]*$")
_TAIL = 40
# The characters a match of SENTENCE_END_RE can end with (the text it reads has no trailing whitespace, so its
# "$" is its end); a match of _STRICT_END_RE or _TRUNCATED_RE ends with one of them too.
_SENTENCE_END_LAST = ".!?…:;\"'”’“‘»)]。！？」』）〉》】"
# The parts of those patterns, as ``features_of`` reads them without the regex engine: the marks closing a
# quotation after a sentence's end, the sentence's marks (SENTENCE_END_RE's, _STRICT_END_RE's), SENTENCE_END_RE's
# closing double marks, _TRUNCATED_RE's endings.
_CLOSING_MARKS = "\"'”’“‘»)]」』）〉》】"
SENTENCE_MARKS = ".!?…:;。！？"
_STRICT_MARKS = ".!。！"
_DOUBLE_CLOSERS = "\"”»"
_TRUNCATION_MARKS = ("…", "...")
# What SENTENCE_SPLIT_RE reads before the white space of a split: a sentence's ends and the closing marks after them.
_SPLIT_END = ".!?…\"'”’»)]"
# The sentence marks a match of SENTENCE_SPLIT_RE starts with.
_SPLIT_MARKS = ".!?…"

# The characters WORD_RE cuts a word at that belong inside it: the scripts of India and Sri Lanka write a word's
# vowels and some consonants as combining marks, no word characters to ``\w`` (WORD_RE cuts "एक्सक्लूसिव",
# "exclusive", into five words), and Hebrew writes its abbreviations with a geresh or gershayim inside the word
# ("צה״ל", "ד״ר": two words each to WORD_RE). Words holding them are counted as runs of these and of word characters
# (U+0900-U+0DFF but for the danda and the double danda, which end sentences; U+05F3-U+05F4); the ``words`` stay
# WORD_RE's (the learned model and the normalised key read those).
_JOINED = "\u0900-\u0963\u0966-\u0dff\u05f3\u05f4"
# (for the rules that read a word whole: ``zones._line_shape``)
JOINED_LETTERS = _JOINED
_JOINED_RE = re.compile(f"[{_JOINED}]")
_JOINED_WORD_RE = re.compile(f"(?:[^\\W_]|[{_JOINED}])+(?:['’\\-.](?:[^\\W_]|[{_JOINED}])+)*")
# Whether a text holds a letter of a script written without spaces or one of _JOINED: one search of a text for both,
# where most texts outside ASCII (accents, curly quotation marks) hold neither and were searched twice through.
_SCRIPTS_RE = re.compile(f"[{UNSPACED_LETTERS}{_JOINED}]")


@lru_cache(maxsize=FEATURES_CACHE_SIZE)
def features_of(text: str) -> BlockFeatures:
    """The features of one block's text (cached: both paths and the template check ask for them)."""
    words = WORD_RE.findall(text)
    unspaced = None  # no letter of a script written without spaces (``unspaced_counts``)
    n_words, n_chars = len(words), len(text)
    if not text.isascii() and _SCRIPTS_RE.search(text) is not None:
        unspaced = unspaced_counts(text, words)
        if unspaced is not None:
            n_words, n_chars = unspaced
        elif _JOINED_RE.search(text) is not None:
            n_words = len(_JOINED_WORD_RE.findall(text))
    digit_count = len(_DIGIT_RE.findall(text))
    digits = digit_count / len(text) if text else 0.0
    # The counts run as map/compress over the words' initials, not word by word in Python. A word starts
    # with a letter or a digit ([^\W_]) and is a letter word unless it is a digit (\d is exactly
    # str.isdecimal): without a digit in the text, every word is one.
    lowered = list(map(str.lower, words))
    letter_lowered = lowered
    initials = list(map(itemgetter(0), words))
    if digit_count:
        is_letter = list(map(not_, map(str.isdecimal, initials)))
        letter_lowered = list(compress(lowered, is_letter))
        initials = list(compress(initials, is_letter))
    letter_words = len(initials)
    upper = list(map(str.isupper, initials))
    capitalised = upper.count(True)
    small = list(map(_SMALL_WORDS.__contains__, letter_lowered))
    content_words = letter_words - small.count(True)
    title_case = (capitalised - sum(compress(upper, small))) / content_words if content_words else 0.0
    lower = (letter_words - capitalised) / letter_words if letter_words else 0.0
    # the end-anchored patterns only look at the last characters (searching a long paragraph for "$"
    # tries every position)
    stripped = text.rstrip()[-_TAIL:]
    # and only when the last character is one a match of theirs can end with (most lines without
    # closing punctuation are spared all three)
    last = stripped[-1:]
    ends_sentence = truncated = strict_end = False
    if last and last in _SENTENCE_END_LAST:
        # the patterns read as string operations, which give the same answers (``tests/test_preannotate.py``
        # checks them against the patterns): what is left without the closing marks ends in the sentence's
        # mark, or the text ends in a closing double quotation mark; "$" is the end (no trailing whitespace)
        end = stripped.rstrip(_CLOSING_MARKS)[-1:]
        ends_sentence = (end != "" and end in SENTENCE_MARKS) or last in _DOUBLE_CLOSERS
        truncated = stripped.endswith(_TRUNCATION_MARKS)
        strict_end = not truncated and end != "" and end in _STRICT_MARKS
    short = n_words <= 8
    # the cheap length tests first: the regexes below are the cost of this function on long paragraphs
    # a split needs a sentence's end (. ! ? …) with white space and more text after it: most short lines have
    # none, and most paragraphs of one sentence have theirs only at their end (after it, only closing marks), so
    # they are one piece without the regex (the pieces of a split: one more than the matches, which findall lists
    # without cutting the text)
    head = text.rstrip().rstrip(_SPLIT_END)
    n_sentences = 0 if not n_words else len(SENTENCE_SPLIT_RE.findall(text, _first_split_mark(text))) + 1 if (
        "." in head or "!" in head or "?" in head or "…" in head) else 1
    if n_words and not text.isascii() and ("。" in text or "！" in text or "？" in text):
        n_sentences += len(_UNSPACED_SPLIT_RE.findall(text))
    # every READ_TIME_RE and DATE_ANYWHERE_RE match holds a digit; a foreign time without one is a few words
    # ("vor wenigen Minuten", "Mis à jour hier"), one with a date and its update up to FOREIGN_TIMESTAMP_MAX_WORDS
    is_timestamp = ((digit_count > 0 or n_words <= UNNUMBERED_TIMESTAMP_MAX_WORDS)
                    and TIMESTAMP_RE.match(text) is not None) or (
        n_words <= (FOREIGN_TIMESTAMP_MAX_WORDS if digit_count else FOREIGN_RELATIVE_TIME_MAX_WORDS)
        and text[:1] in FOREIGN_TIMESTAMP_INITIALS and bool(FOREIGN_TIMESTAMP_RE.match(text))) or (
        digit_count > 0 and ((n_words <= 6 and bool(READ_TIME_RE.search(text)))
                             or (n_words <= 16 and not strict_end and bool(DATE_ANYWHERE_RE.search(text))))) or (
        # the other languages' timestamps, in CLDR's words
        n_words <= (FOREIGN_TIMESTAMP_MAX_WORDS if digit_count else CLDR_UNNUMBERED_TIME_MAX_WORDS)
        and cldr_timestamp(text, digit_count > 0))
    is_list_heading = short and bool(LIST_HEADING_RE.match(text.rstrip(":›»>→ ")))
    # the fields in order, made as a tuple of the type without its __new__ (a Python function: a frame per text)
    return _new_tuple(BlockFeatures, (
        n_words,
        n_chars,
        n_sentences,
        ends_sentence,
        strict_end,
        truncated,
        title_case,
        lower,
        digits,
        is_timestamp,
        is_list_heading,
        (n_words <= 40 and (FURNITURE_RE.search(text) is not None or (
            unspaced is not None and UNSPACED_FURNITURE_RE.search(text) is not None)))
        or (n_words <= 6 and bool(FURNITURE_START_RE.match(text))),
        # every CJK_BYLINE_RE match holds a Han or kana letter; a byline asks no question: a headline naming the
        # reporter does ("记者探访：…为何…？", the reporter's visit)
        n_words <= 12 and (bool(BYLINE_RE.match(text)) or foreign_byline(text)
                           or (unspaced is not None and CJK_BYLINE_RE.search(text) is not None
                               and "？" not in text and "?" not in text)),
        text[:1] in "•·▪►-*–",
        tuple(set(lowered)),
        _text_like(n_words, ends_sentence, strict_end, lower, is_timestamp),
        _headline_like(n_words, n_sentences, strict_end, is_timestamp, is_list_heading),
        _key(text, words),
    ))


_new_tuple = tuple.__new__


def _first_split_mark(text: str) -> int:
    """Where the first match of SENTENCE_SPLIT_RE can start: at the text's first sentence mark (. ! ? …), with which
    every match starts (no look-behind before it). The search from there finds the same matches, and str.find skips
    the text before it faster than the regex engine, which tries the pattern's first character at every position."""
    first = len(text)
    for mark in _SPLIT_MARKS:
        found = text.find(mark, 0, first)
        if found >= 0:
            first = found
    return first
