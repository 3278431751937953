"""The quote finder: balanced marks of every common style, apostrophes, multi-paragraph quotations,
quotes only inside article text, and the direct-quotation test of the guidelines (section 7)."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotation.preannotate import Preannotator
from annotation.preannotate.features import SPEECH_VERBS, alternation
from annotation.preannotate.quotes import (
    _MIN_WORDS_RE, _NAMING_BEFORE_RE, _SPEECH_IN_RE, _WORD_CHAR_RE, _WORD_RE, MIN_QUOTE_WORDS, NAMED_AS_WORDS,
    NAMING_ARTICLES, NAMING_TAIL, NAMING_WORDS, QUOTE_MARKS, REPORTING_WORDS, WORKS_BEFORE_COMMA, _NAMING_BY_AGENT_RE,
    _could_be_named_before, _could_name_by_agent, _in_paragraph, _paragraphs, _speakers, find_quotes)
from schemas.records import Document
from schemas.rules import span_faults

APOSTROPHE_WORDS = ["don’t", "Moscow’s", "players’", "’90s", "rock ’n’ roll", "’em", "it's", "James'", "o’clock",
                    "Zelenskyy’s)’s", "class of ’22", "’tis"]
PLAIN_WORDS = ["the", "minister", "said", "on", "Tuesday", "that", "talks", "would", "continue", "and", "—", ",", "東京で",
               "と話した"]


def quotes_of(text: str) -> list[str]:
    return [text[start:end] for start, end in find_quotes(text, [(0, len(text))])]


@pytest.mark.parametrize(("text", "expected"), [
    ("He said: “We will win this fight together.”", ["“We will win this fight together.”"]),
    ("Il a dit « nous allons gagner ce combat ensemble » hier.", ["« nous allons gagner ce combat ensemble »"]),
    ("Er sagte „wir werden diesen Kampf gewinnen“ gestern.", ["„wir werden diesen Kampf gewinnen“"]),
    ("Er sagte »wir werden diesen Kampf gewinnen« gestern.", ["»wir werden diesen Kampf gewinnen«"]),
    ('She said "we are not going anywhere soon" and left.', ['"we are not going anywhere soon"']),
    ("Kuleba: ‘We discussed territorial integrity today’", ["‘We discussed territorial integrity today’"]),
    ("He added 'the players' union will not accept this offer' later.",
     ["'the players' union will not accept this offer'"]),
    ("Il a dit ‹ nous allons gagner ce combat › hier.", ["‹ nous allons gagner ce combat ›"]),
    # Swedish and Finnish open and close with the same guillemet (7.1: »…»), also over two paragraphs
    ("Hän sanoi: »Emme luovu tästä koskaan», ja lähti.", ["»Emme luovu tästä koskaan»"]),
    ("Han sa: »Vi kämpar vidare i år.\n\n»Vi ger aldrig upp», sa han.", ["»Vi kämpar vidare i år.",
                                                                         "»Vi ger aldrig upp»"]),
    ("“He told me ‘never again,’ and left,” she said.", ["“He told me ‘never again,’ and left,”"]),
    ("“We will,” she said, “do it.”", ["“We will,”", "“do it.”"]),
    ("He called the plan “reckless.”", ["“reckless.”"]),
    ("China has declared a “no-limits” friendship with Russia.", ["“no-limits”"]),
    ("The “no-limits” era of their friendship is over.", []),
    ("The so-called “peace plan” failed again.", []),
    ("In the ’90s the players’ union and rock ’n’ roll didn’t mix, Moscow’s envoy said.", []),
    ("An unbalanced “quotation that never closes in this paragraph.", []),
])
def test_quotation_styles(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # reporting verbs in their -ing forms and chants (guidelines 7.2: "chanted", "described … as")
    ("His office issued a statement describing the bill as “dead on arrival” in the House.", ["“dead on arrival”"]),
    ("The rally ended with the crowd chanting “Four more years!” at the stage.", ["“Four more years!”"]),
    ("She left the party in 2019, calling it “a cult” on her way out.", ["“a cult”"]),
    # a court's ruling and the words a report cites
    ("The tribunal held that the landlord had acted “in bad faith” throughout.", ["“in bad faith”"]),
    ("Regulator blocks the deal, citing “lasting damage” to savers", ["“lasting damage”"]),
    # the source at the end of the sentence
    ("The chancellor has 'no plans' to raise fuel duty at next month's Budget, a senior minister has said.",
     ["'no plans'"]),
    # a work named by its kind is a title, not a quotation, with or without an article
    ("Asked about the singer’s 1998 hit “Don’t Look Back,” the challenger said nothing.", []),
    ("She said the BBC documentary “Fresh Start” had changed her mind.", []),
    # scare quotes with a reporting verb only in the next sentence are not the source's words
    ("The regime’s “elections” were held on Sunday. Observers said turnout was low.", []),
    # a name in title case before the noun it names is no quotation, however long
    ("The union’s “Fair Deal for Dockers” campaign drew support, its leader said.", []),
    ("Supporters wore “Make America Great Again” hats at the rally.", []),
    ("“Back To Work Now” was all he said.", ["“Back To Work Now”"]),
    # the reporting verb after the next quotation reports that one; a naming verb reports what follows it
    ("The chancellor’s flagship “growth plan” rests on “fantasy economics”, a think tank has warned.",
     ["“fantasy economics”"]),
    ("Chancellor’s ‘growth plan’ branded ‘fantasy economics’ by think tank", ["‘fantasy economics’"]),
    # British nesting: double marks inside single ones; only the outermost pair (7.3)
    ("‘He said “no” to me twice,’ she said.", ["‘He said “no” to me twice,’"]),
    ("The players' union said “we will strike” and the owners' group said no.", ["“we will strike”"]),
    # a work named after a comma; "in the words of" reports
    ("Her new book, \"The Long Road Home,\" is out in May.", []),
    ("According to the report, “the economy will shrink next year.”", ["“the economy will shrink next year.”"]),
    ("It was, in the words of one official, “a total mess.”", ["“a total mess.”"]),
    # reporting verbs of French, German and Spanish pages
    ("Le secrétaire général a dénoncé un « passage en force » mardi.", ["« passage en force »"]),
    ("Die Finanzministerin sprach von einer „lösbaren Aufgabe“ im Haushalt.", ["„lösbaren Aufgabe“"]),
    ("El ministro dijo que era «un error grave» y se fue.", ["«un error grave»"]),
    # a single mark after an s that the next mark opens after is a closing mark, not a plural possessive
    ("Mark Ellis said the government's 'mixed messages' were 'causing real anxiety for families'.",
     ["'mixed messages'", "'causing real anxiety for families'"]),
    ("He added 'the players' union will not accept this offer' later.",
     ["'the players' union will not accept this offer'"]),
])
def test_direct_quotation_test_reads_the_whole_sentence(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # reporting words of other languages before a fragment (7.2 "fragments are quotes")
    ("Die Opposition spricht von einem „politischen Fehler“ der Regierung.", ["„politischen Fehler“"]),
    ("Der Verband nannte den Entwurf eine „Zumutung“ für Familien.", ["„Zumutung“"]),
    ("Mieterverband warnt vor «höheren Mieten»", ["«höheren Mieten»"]),
    ("La ministre a qualifié le texte de « recul historique ».", ["« recul historique »"]),
    ("La oposición habló de «un error histórico» en el pleno.", ["«un error histórico»"]),
    ("De minister noemde het plan „onhaalbaar” in de Kamer.", ["„onhaalbaar”"]),
    ("Ordföranden säger att nedläggningen är ”ett tungt beslut” för orten.", ["”ett tungt beslut”"]),
    ("Oppositionen kallar budgeten ”orealistisk” i ett uttalande.", ["”orealistisk”"]),
    ("Губернатор назвал решение «ошибкой» на заседании.", ["«ошибкой»"]),
    ("Министр заявил, что план был принят «без обсуждения» в думе.", ["«без обсуждения»"]),
    # the marked part of a compound is a label, whatever the sentence reports (7.2)
    ("Sie warf dem Minister vor, mit seinem Veto-„Plan“ die Koalition zu gefährden.", []),
    ("The senator’s anti-“woke” bill, critics said, was a distraction.", []),
    # French "sa" (his, her) is no Swedish "said"
    ("Le maire présente sa « priorité » budgétaire.", []),
    # English base forms, a court's finding, an Italian past participle
    ("Health boards warn of a “very hard” winter ahead.", ["“very hard”"]),
    ("The judge found that the delay, while “unfortunate”, caused no prejudice.", ["“unfortunate”"]),
    ("L’allenatore ha parlato di una gara «gettata via» nel finale.", ["«gettata via»"]),
    # the source opens a sentence longer than the characters read first before the marks
    ("Laut Polizei hat der Fahrer am späten Abend auf der Landstraße zwischen den beiden Ortschaften im dichten "
     "Nebel und bei viel zu hoher Geschwindigkeit „grob fahrlässig“ einen Radfahrer überholt.", ["„grob fahrlässig“"]),
    # an elided article or preposition before a spaced guillemet (7.1: the mark opens after it)
    ("Le ministre a parlé d’« une erreur historique » hier.", ["« une erreur historique »"]),
    # the German Konjunktiv I reports by itself (indirect speech), and so does "so" with the source after German
    # marks, but not after English ones
    ("Die Vorwürfe seien «haltlos».", ["«haltlos»"]),
    ("Das Ergebnis ist «ein klares Signal», so Müller.", ["«ein klares Signal»"]),
    ("Der Entwurf gilt als „nicht zustimmungsfähig“, hieß es aus dem Ministerium.", ["„nicht zustimmungsfähig“"]),
    ("The plan is “a mess”, so Trump left.", []),
    # one capitalised word before a lower-case one is a German noun, not a name in title case
    ("Der Minister sagte, der Plan sei ein „Fehler“ gewesen.", ["„Fehler“"]),
    # naming words of other languages, and a naming word with its article (7.2 "naming word")
    ("Die sogenannte „schwarze Null“ sei nicht zu halten, sagte er.", []),
    ("La llamada «ley de vivienda» entró en vigor, explicó el ministro.", []),
    ("The measure, formally titled the “Protecting Family Farms and Rural Jobs Act,” passed on Tuesday.", []),
    # a stock phrase named as one, whatever the sentence reports
    ("She said the old adage “a rising tide lifts all boats” no longer holds.", []),
    # long words after a label -- a named kind of thing, a possessive -- need a reporting word (7.2 question 1)
    ("Der Kanton stimmt über die Volksinitiative «Ja zu bezahlbaren Wohnungen für alle» ab.", []),
    ("Der Minister nannte die Initiative «einen gefährlichen Angriff auf den Wohlstand».",
     ["«einen gefährlichen Angriff auf den Wohlstand»"]),
    ("The scheme, like the minister’s “we are where we are”, has become a cliché.", []),
    ("Her reply echoed the minister’s “we are where we are”, critics said.", ["“we are where we are”"]),
    # after a determiner, only words that modify a noun are a label: the noun itself is borrowed words
    ("Critics mocked the “Roads. We Are On It.” campaign for months.", []),
    ("The directive ordered a “struggle against crime, graft and disorder”.",
     ["“struggle against crime, graft and disorder”"]),
    # the small words of titles in other languages; an attribution that stands before its words (according to,
    # segundo) reports the next quotation, not the name before it
    ("The mayor said the council would fund its “Tulong sa Bayan” programme.", []),
    ("The state created the “Housing Support Regime for All Families”, a measure that, according to the ministry, "
     "will bring “immediate relief” to renters.", ["“immediate relief”"]),
    ("O governo aprovou o «Programa Nacional de Apoio à Habitação», que, segundo o ministro, será «um alívio enorme» "
     "para as famílias.", ["«um alívio enorme»"]),
    # a name in title case inside a sentence, not in a headline set in title case
    ("Now we have “Better Roads for All 3.0”, which nobody wanted.", []),
    ("Senator Breaks With Party: ‘We Will Not Vote for This Bill’", ["‘We Will Not Vote for This Bill’"]),
])
def test_reporting_and_naming_words_of_other_languages_and_labels(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # verbs that judge what they report as it (7.2: described … as “…”)
    ("The mayor dismissed the report as “a stitch-up” on Monday.", ["“a stitch-up”"]),
    ("Coach hails ‘outstanding’ defence after shutout", ["‘outstanding’"]),
    ("Unions slammed the offer as “derisory” within the hour.", ["“derisory”"]),
    # the same words with no such verb are a label
    ("The “derisory” offer was on the table within the hour.", []),
])
def test_verbs_that_judge_what_they_report(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a slogan named as a slogan, after a colon too, or a banner (7.2: slogans named as slogans)
    ("The march starts at noon. Its motto: “Streets for people, not cars”.", []),
    ("Die Gewerkschaft ruft zum Streik auf. Das Motto: „Mehr Zeit für die Pflege“.", []),
    ("La marcha sale a las doce con un lema: «Ni un recorte más en la sanidad».", []),
    ("Hundreds rallied at city hall under the banner “Fund Our Buses Now.”", []),
    # a work's words after a colon are a quotation from it
    ("The inspectors were blunt in the report: “We found serious failings in care.”",
     ["“We found serious failings in care.”"]),
])
def test_a_slogan_after_its_name_and_a_colon_is_a_name(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a word for "as" after a verb the reporting words do not list: what the verb judges the thing to be, in the
    # judge's words (7.2: described … as “…”), in any language
    ("The panel waved the plan through as “broadly sound” on Friday.", ["“broadly sound”"]),
    ("Der Verband wertete den Entwurf als „halbherzig“ und kündigte Widerstand an.", ["„halbherzig“"]),
    ("Le syndicat range la réforme comme « injuste » depuis le début.", ["« injuste »"]),
    ("O tribunal considerou o recurso como «manifestamente infundado» e arquivou-o.",
     ["«manifestamente infundado»"]),
    ("Úřad návrh zamítl jako „nedostatečný“ a vrátil ho zpět.", ["„nedostatečný“"]),
    ("Kommunen betecknade förslaget som ”orimligt” i sitt svar.", ["”orimligt”"]),
    # comparing or naming, not judging: such as “…”, known as “…”, and a name in capitals
    ("Costs such as “overheads” rose again this year.", []),
    ("The bridge, known as “the Hump” locally, was shut.", []),
    # a proper name given as a name, whatever the verb: an article in lower case, then a capital (7.2 names) -- read
    # on a page long enough to tell that its language writes its nouns in lower case; a judgment with a name
    # further in is the judge's words
    ("La trama de contratos del ayuntamiento, rebautizada en la prensa local como «la Operación Tijeras», sigue "
     "abierta tras la decisión del juez de instrucción, que ha pedido más documentos a la empresa y a los técnicos "
     "del área de obras de la ciudad durante este mes.", []),
    ("The union greeted the ruling at the court in the capital as “a win for Lagos” and said it would press on with "
     "the case for the rest of the year, as the members of the board and the workers of the firm had asked.",
     ["“a win for Lagos”"]),
    # a language that writes its nouns in capitals judges in them too
    ("Der Verband wertete den Entwurf der Regierung am Montag in Berlin als „einen halbherzigen Schritt“ und "
     "kündigte Widerstand an. Die Opposition sprach von einem Fehler, die Gewerkschaften von einer Chance, die "
     "Kirchen von einer Zumutung für die Familien im Land und die Kommunen von einer Belastung ihrer Haushalte.",
     ["„einen halbherzigen Schritt“"]),
])
def test_a_verb_with_a_word_for_as_presents_the_judges_words(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the verbs a report varies "said" with, in each language of the pages
    ("The minister reiterated that the deal was “non-negotiable” on Monday.", ["“non-negotiable”"]),
    ("Le porte-parole a rétorqué que c’était « une manœuvre » de l’opposition.", ["« une manœuvre »"]),
    ("El alcalde ha reiterado que es «inviable» en el pleno.", ["«inviable»"]),
    ("Il sindaco ha replicato che è «inaccettabile» per la città.", ["«inaccettabile»"]),
    ("O ministro reconheceu que houve «falhas» no processo.", ["«falhas»"]),
    ("De burgemeester liet weten dat het plan „onhaalbaar” is.", ["„onhaalbaar”"]),
    ("The clinic was quiet. “So tired, really,” she went on.", ["“So tired, really,”"]),
    # the forms in -s that are nouns too report nothing: Hitler's demands for more “living space”
    ("The treaty met the empire’s demands for more “living space” in the east.", []),
])
def test_verbs_a_report_varies_said_with(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # marked words that are a sentence of their own are an utterance, however short (dialogue)
    ("“Open the gate!” the guard shouted. “Now.”", ["“Open the gate!”", "“Now.”"]),
    ("“Go home.”", ["“Go home.”"]),
    # or a paragraph of their own, as a subheading
    ("The ward was quiet.\n\n‘We did it’\n\nThe nurses cheered.", ["‘We did it’"]),
    # not when the sentence goes on before them, nor without the sentence's end inside the marks
    ("It was the last film of the festival, “Go Home.”", []),
    ("The sign was clear. “Go Home” was painted on it.", []),
])
def test_marked_words_that_are_a_sentence_of_their_own(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an attribution clause after a quotation that opens its sentence, in languages with no reporting words in
    # the code: a comma inside the marks, a dash after them, or a comma after them and a clause to the sentence's
    # end (7.2 question 1)
    ("Rapat selesai larut malam. \"Kami menolak,\" ujar juru bicara partai itu di Jakarta.",
     ['"Kami menolak,"']),
    ("\"Hapana,\" alisema waziri wa fedha bungeni.", ['"Hapana,"']),
    ("„Nem engedünk” – mondta a polgármester a keddi ülés után, majd elhagyta a termet.", ["„Nem engedünk”"]),
    ("«Ні», — відповів міністр після засідання уряду.", ["«Ні»"]),
    ("Kokous venyi myöhään. ”Ei koskaan”, vastasi ministeri Virtanen tiistaina.", ["”Ei koskaan”"]),
    ("«Όχι», απάντησε ο υπουργός στους δημοσιογράφους.", ["«Όχι»"]),
    # a name opening its sentence before its apposition (a second comma), or in title case
    ("„Gazeta Wyborcza”, największy dziennik w kraju, opisała sprawę w sobotę.", []),
    ("„Solidarność”, związek zawodowy, zorganizowała protest.", []),
    ("“Fresh Start,” the governor’s housing programme, has been delayed again.", []),
    ("“Fresh Start,” as the housing programme is known, has been delayed again.", []),
    # nor a name the page marks elsewhere with no source, opening a sentence before its apposition
    ("Jihokorejský thriller „Parazit“ vyhrál hlavní cenu.\n\n„Parazit,“ satira o rozdílech v bohatství, uspěl i "
     "v Cannes.", []),
    # nor a name in the middle of a sentence
    ("Program \"Rumah Rakyat\", yang diluncurkan Senin, tertunda.", []),
    ("Program \"rumah murah\" – proyek andalan pemerintah – tertunda lagi.", []),
    # the second piece of a quotation its attribution interrupts (7.4)
    ("„To je chyba,“ pokračoval Novák, „velká chyba.“", ["„To je chyba,“", "„velká chyba.“"]),
    ("”Ei”, vastasi hän, ”ei tänä vuonna.”", ["”Ei”", "”ei tänä vuonna.”"]),
    # the attribution between the pieces may set off its speaker's title and name with commas of its own
    ("«Τα νούμερα», είπε η πρόεδρος του συλλόγου, Ελένη Μαρκου, «δεν βγαίνουν φέτος.»",
     ["«Τα νούμερα»", "«δεν βγαίνουν φέτος.»"]),
    ("„Peníze“, dodal předseda svazu, Jan Horák, „tu prostě nejsou.“", ["„Peníze“", "„tu prostě nejsou.“"]),
    # marked words inside a sentence, then a comma and a clause naming who said them that ends the sentence
    ("Hun fikk bare beskjed om å «vente på svar», sa Nordby.", ["«vente på svar»"]),
    ("A polgármester szerint a város „nem tudott semmiről”, mondta Kovács Anna.", ["„nem tudott semmiről”"]),
    # not a clause that goes on the sentence (a verb, its object) or names no one
    ("Ferrer, preguntada por un «socio amigo», evitó entrar en detalles.", []),
    ("Hun fikk bare beskjed om å «vente på svar», sa han.", []),
    # but a name with its apposition, then a marked term the sentence goes on to, is no interrupted quotation
    ("„Solidarność”, związek zawodowy, zorganizowała „Marsz”.", []),
    # not marked words after a name the sentence goes on from
    ("Vláda spustila „Nový start“ s heslem, „bydlení pro všechny“, které převzala opozice.", []),
    # a sentence in marks a colon introduces, its end inside the marks or right after them, or a comma with its
    # end inside them
    ("Zapytany o to w poniedziałek przez dziennikarzy premier odpowiedział krótko: „Nie”.", ["„Nie”"]),
    ("Ketika ditanya soal jadwal pemilihan, menteri itu hanya menjawab singkat: “Kita lihat.”", ["“Kita lihat.”"]),
    ("Ketika ditanya soal jadwal pemilihan, menteri itu hanya menjawab singkat, “Kita lihat.”", ["“Kita lihat.”"]),
    # not terms a colon introduces, in lower case or ending no sentence
    ("Dwa słowa podsumowują ten rok w gospodarce: „drożyzna” i „niepewność”.", []),
    ("Słowo roku wybrali w tym tygodniu czytelnicy, „Drożyzna”.", []),
    # nor a name after a comma, or in title case after a colon, whatever punctuation ends it
    ("Festival skončil filmem, „Návrat.“", []),
    ("Festival skončil jeho posledním filmem: „Cesta Domů.“", []),
])
def test_punctuation_that_sets_off_someones_words_in_any_language(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a closing mark before the punctuation of another script closes (7.1): the Arabic comma, question mark and
    # semicolon, the Devanagari danda, the full-width comma
    ("أكد الوزير أن الحكومة «ستواصل دعم المزارعين هذا العام»، مضيفاً أن الخطة جاهزة.",
     ["«ستواصل دعم المزارعين هذا العام»"]),
    ("«هل هذه هي الديمقراطية التي وعدتم بها»؟ سأل النائب.", ["«هل هذه هي الديمقراطية التي وعدتم بها»"]),
    ("मंत्री ने कहा \"हम यह योजना अगले साल लागू करेंगे\"। बैठक खत्म हुई।", ['"हम यह योजना अगले साल लागू करेंगे"']),
    # but not the mark that opens a Spanish question after it
    ("Dijo «vamos a ganar esta pelea juntos»¿ y ahora qué?", []),
])
def test_a_closing_mark_before_the_punctuation_of_another_script(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


_ATTRIBUTED_TWICE = ("„Tohle není rozpočet, to je seznam slibů,“ uvedl předseda opozice Jan Malý.\n\n"
                     "„Každý rok slyšíme totéž a nic se nemění,“ uvedl Malý.\n\n")


@pytest.mark.parametrize(("text", "term", "quoted"), [
    # a verb the page attributes two quotations with (uvedl) presents short marked words in its sentence, in a
    # language with no reporting words in the code (7.2 question 1)
    (_ATTRIBUTED_TWICE + "Malý uvedl, že jde o „hazard“.", "„hazard“", True),
    # not in a sentence without it, nor when the page attributes one quotation with it
    (_ATTRIBUTED_TWICE + "Vláda mluví o „reformě“ důchodů.", "„reformě“", False),
    ("„Tohle není rozpočet, to je seznam slibů,“ uvedl předseda opozice Jan Malý.\n\n"
     "Ministr uvedl, že jde o „hazard“.", "„hazard“", False),
    # the verb, not a pronoun before it (on řekl): a short word
    ("„Tohle není rozpočet,“ on řekl.\n\n„Nic se nemění,“ on řekl.\n\nZítra on představí „zelený“ plán.",
     "„zelený“", False),
    ("„Tohle není rozpočet,“ on řekl.\n\n„Nic se nemění,“ on řekl.\n\nZítra řekl, že jde o „hazard“.",
     "„hazard“", True),
    # the word before the colons that introduce two quotations (mondta:)
    ("A miniszter a parlamentben azt mondta: „Ez a költségvetés a jövőről szól.”\n\n"
     "Az ellenzék vezetője azt mondta: „Ez a költségvetés a múltról szól.”\n\n"
     "A polgármester is azt mondta, hogy a terv „őrültség”.", "„őrültség”", True),
    # not a name before the colon (a headline's source)
    ("Orbán: „Ez a költségvetés a jövőről szól.”\n\nOrbán: „Ez a költségvetés a múltról szól.”\n\n"
     "Orbán szerint a terv „őrültség”.", "„őrültség”", False),
    # not a word the page uses more often elsewhere: the noun of the subject (ministeri Virtanen sanoi)
    ("”Emme aio luovuttaa tässä asiassa,” ministeri Virtanen sanoi.\n\n"
     "”Budjetti on tasapainossa ja kestävä,” ministeri Virtanen sanoi.\n\n"
     "Ministeriö kertoi, että ministeri matkustaa. Hallitus ja ministeri neuvottelevat. Kokous ja ministeri "
     "jatkavat. Lehdistö ja ministeri keskustelevat. Kansa ja ministeri odottavat.\n\n"
     "Huomenna ministeri esittelee ”vihreän” ohjelman.", "”vihreän”", False),
])
def test_the_pages_own_attribution_verbs_present_short_marked_words(text: str, term: str, quoted: bool) -> None:
    assert (term in quotes_of(text)) == quoted


@pytest.mark.parametrize(("text", "expected"), [
    # Spanish news reports in the perfect: the participle is the reporting word (7.2 question 1)
    ("El portavoz ha calificado la reforma de «chapuza» en el pleno.", ["«chapuza»"]),
    ("La consejera ha acusado al Gobierno de «abandono» de la comarca.", ["«abandono»"]),
    ("Los vecinos han tachado la obra de «despilfarro».", ["«despilfarro»"]),
    # the French present of "juger" and the plural of the present
    ("Le syndicat juge la mesure « injuste » pour les salariés.", ["« injuste »"]),
    ("Les élus dénoncent un « mépris » de la région.", ["« mépris »"]),
    # without a reporting word the same short words are a label
    ("La reforma de la «chapuza» sigue en el pleno.", []),
])
def test_reporting_words_in_the_perfect_and_the_plural(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # corner brackets with the quoting particle and a reporting verb; the nested 『…』 inside (7.3)
    ("担当者は「今後の情報に十分注意してください」と呼びかけました。", ["「今後の情報に十分注意してください」"]),
    ("女性は「孫に『大丈夫』と言われた」と話しました。", ["「孫に『大丈夫』と言われた」"]),
    # a headline's quotation after its source, long enough to be someone's words
    ("気象庁「週末は大雨に厳重に警戒を」", ["「週末は大雨に厳重に警戒を」"]),
    # a short one after its source opening the headline; and として before a verb of opposing
    ("市長「再検討する」　新駅計画で", ["「再検討する」"]),
    # or after the ideographic space that parts the headline's phrases
    ("新駅計画に住民反発　市長「再検討する」", ["「再検討する」"]),
    ("新駅計画に反発　新しい「安心」", []),
    # or closing the headline right after a noun, wherever the source stands in it (after a comma, with a particle)
    ("増税案を巡る審議、財務相「避けられない」", ["「避けられない」"]),
    ("物流停止で運送会社が会見「再開は来月」", ["「再開は来月」"]),
    # not after a sentence's end in the paragraph: a name closing a sentence of the body
    ("市は新しい公園を公開した。名称は「未来」", []),
    ("野党は「無責任だ」として批判を強めている。", ["「無責任だ」"]),
    # a noun with a particle before the marks is no headline's source
    ("新しい「安心」を届ける", []),
    # terms: joined by と ("and"), or a noun of the sentence (を), however long
    ("市は「安全」と「安心」を重視する。", []),
    ("気象庁は「南海トラフ地震臨時情報巨大地震注意」を発表しました。", []),
    # curly marks with no spaces around them: Chinese and Korean
    ("外交部发言人表示：“中方坚决反对。”", ["“中方坚决反对。”"]),
    ("“我们会继续努力”，他说。", ["“我们会继续努力”"]),
    ("장관은 “최선을 다하겠다”라고 말했다.", ["“최선을 다하겠다”"]),
    # short words set off by punctuation, with no reporting verb the code knows: a sentence of its own, its end
    # inside the marks, or what a colon introduces
    ("「我們不會退讓。」工會代表李先生答覆記者。", ["「我們不會退讓。」"]),
    ("工會代表李先生：「絕不退讓」", ["「絕不退讓」"]),
    # Chinese reporting verbs in the traditional script, and a verb of two letters with its object before the marks
    ("「會繼續推動」，部長強調。", ["「會繼續推動」"]),
    ("颱風來襲前，市長呼籲居民「保持冷靜」。", ["「保持冷靜」"]),
    ("在辩论中，他批评对手“双重标准”。", ["“双重标准”"]),
    # a reporting verb set off by a comma earlier in the sentence: the marked words that close a clause of it are
    # the source's; marked words the clause goes on after are a term in it
    ("工會理事長陳大明表示，公司一再拖延，這次應該「馬上加薪」。", ["「馬上加薪」"]),
    ("市长指出，所谓的“智慧城市”计划已经推迟两年。", []),
    # not what "called" names
    ("建成30年來，這座橋被稱為「城市之門」。", []),
    # not a term before a particle, whatever introduces it
    ("今年の目標：「安全」を最優先にする。", []),
])
def test_chinese_japanese_and_korean_quotations(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a name that ends in its year or version, run into by a sentence in a script without capitals (Arabic, Hebrew,
    # Tamil): a plan, a programme, a report (7.2 names and titles)
    ("أعلنت الوزارة خطة «مدن خضراء للجميع 2035» لتوسيع الحدائق العامة.", []),
    ('המשרד פרסם את התוכנית "ערים ירוקות לכולם 2035" בשבוע שעבר.', []),
    ("பள்ளிக் கல்வித் துறையின் “கற்றல் மேம்பாடு திட்டம் 2.0” கடந்த ஆண்டு தொடங்கப்பட்டது.", []),
    # words a colon introduces are someone's, whatever they end in; so are words in capitals a reporting verb presents
    ("وقال الوزير للصحفيين: «سنبني ألف مدرسة جديدة بحلول 2030»", ["«سنبني ألف مدرسة جديدة بحلول 2030»"]),
    ("Der Minister sagte „Wir bauen tausend Schulen bis 2030“ gestern.", ["„Wir bauen tausend Schulen bis 2030“"]),
])
def test_numbered_names_in_scripts_without_capitals(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # an elided word at the start of a word is no opening mark (7.1), in Dutch too
    ("In ’s-Hertogenbosch zijn de winkels’ openingstijden ruim, zei de wethouder.", []),
    # a dropped g and the ’n’ of "and" end a word, not the quotation, when a later mark can close it
    ("‘We’re goin’ home now, lads,’ he said.", ["‘We’re goin’ home now, lads,’"]),
    ("He said ‘I love rock ’n’ roll music, always,’ and left.", ["‘I love rock ’n’ roll music, always,’"]),
])
def test_apostrophes_never_start_or_end_a_quotation(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a headline's source before a colon, or its quotation first and a colon after it (7.1)
    ("Starmer: ‘Not good enough’", ["‘Not good enough’"]),
    ("Scholz: „Keine neuen Schulden“", ["„Keine neuen Schulden“"]),
    ("‘Not good enough’: Broncos sack coach after horror season", ["‘Not good enough’"]),
    # a name in title case before the colon; a colon after a long clause names no source
    ("“Housing for All”: what the plan means for renters", []),
    # the source after a dash that ends the headline
    ("Rail fare rise ‘unavoidable’ – Transport Secretary", ["‘unavoidable’"]),
    ("Hospital cuts “a betrayal” — union leader\n\nThe union said more.", ["“a betrayal”"]),
    # a reporting verb in the next paragraph is no source of the headline's marked words
    ("Parking fees ‘frozen’ for pensioners\n\nThe mayor said the budget was balanced.", []),
    ("Parking fees ‘frozen’ for pensioners\n\nThe budget was balanced, the mayor said.", []),
    # a dash and lower-case words after the marks name no source
    ("Rail fare rise ‘unavoidable’ – and other myths", []),
    ("The rule is simple for the minister and her team: ‘no comment’", []),
    # a source in a script without case before the colon
    ("وزير المالية: «لا ضرائب جديدة»\n\nقال الوزير إن الموازنة متوازنة.", ["«لا ضرائب جديدة»"]),
    ("שר האוצר: \"אין מסים חדשים\"\n\nהשר אמר כי התקציב מאוזן.", ['"אין מסים חדשים"']),
])
def test_headline_attribution_by_a_colon(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # double marks of another kind inside guillemets, and guillemets inside „ “: only the outer pair (7.3)
    ("Le maire a tranché : « Nous avons perdu. Mais comme dit mon père, “on ne lâche rien”. »",
     ["« Nous avons perdu. Mais comme dit mon père, “on ne lâche rien”. »"]),
    ("«Abbiamo detto “adesso tocca a noi” e lo abbiamo fatto», ha spiegato il tecnico.",
     ["«Abbiamo detto “adesso tocca a noi” e lo abbiamo fatto»"]),
    ("Sie sagte: „Er rief »nie wieder« und ging hinaus.“", ["„Er rief »nie wieder« und ging hinaus.“"]),
    # an outer mark that never closes leaves the nested quotation standing on its own
    ("« Le syndicat a dit “nous ne signerons jamais cet accord” hier soir", ["“nous ne signerons jamais cet accord”"]),
    # a nested quotation that opens or closes with its outer one, a space (or a thin one) between the marks
    ("The senator read the memo aloud: “ ‘Take the bridge out of service now,’ ” she said.",
     ["“ ‘Take the bridge out of service now,’ ”"]),
    ("“ ‘Never again,’ he told me, and he left,” she said.", ["“ ‘Never again,’ he told me, and he left,”"]),
    ("Sie las vor: „\u2009‚Das Werk bleibt offen, das verspreche ich euch‘\u2009“.",
     ["„\u2009‚Das Werk bleibt offen, das verspreche ich euch‘\u2009“"]),
])
def test_nested_quotations_of_another_kind_of_mark_give_the_outer_one(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # straight marks inside straight marks, a closer for each in the paragraph: only the outer pair (7.3)
    ('Asked about the final, he shrugged. "We all want it. But the manager told us "one game at a time", so that is '
     'what we do."',
     ['"We all want it. But the manager told us "one game at a time", so that is what we do."']),
    # two quotations in a row, the first closed before the second opens, stay two
    ('"We are ready," the captain said. "The pitch is perfect and the fans will be loud."',
     ['"We are ready,"', '"The pitch is perfect and the fans will be loud."']),
])
def test_nested_quotations_of_the_same_mark_give_the_outer_one(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a nickname after "alias" or "aka" (7.2: nicknames are names), whatever the sentence reports
    ("The suspect, known locally by the alias “Big Ramon,” was arrested, police said.", []),
    ("Police said the dealer, aka “the Chemist”, had fled.", []),
    # the participle "called" after a comma, an adverb or "be" names; with "by" it reports who called it so
    ("A band of rain, sometimes called a “bomb cyclone”, hit the coast, the forecaster said.", []),
    ("The new levy, called the “garden tax”, starts in May, she said.", []),
    ("The plan, called “reckless and cruel” by critics, passed.", ["“reckless and cruel”"]),
    ("Police were called “within minutes” of the attack, witnesses said.", ["“within minutes”"]),
    # an adverb after a subject pronoun makes "called" the speaker's verb
    ("He loved jazz, which he once called “the sound of my father’s kitchen”, until the end.",
     ["“the sound of my father’s kitchen”"]),
    ("The ferry, which they often called “the old tub”, sank in 1990.", ["“the old tub”"]),
    ("The ferry, often called “the old tub”, sank in 1990.", []),
    ("Il Parma ha inserito Bonny, detto «il Treno», e la squadra ha spinto.", []),
    # the name someone takes for themselves is a name; how they describe themselves is their words
    ("The two men, who called themselves “the Night Riders”, were charged, police said.", []),
    ("Le collectif, qui se fait appeler « les Sentinelles du Port », a manifesté, a dit la police.", []),
    ("He calls himself “a plain-spoken builder from the coast” in every speech.",
     ["“a plain-spoken builder from the coast”"]),
    # a naming word with who gives the name between it and the marks, and the renaming words
    ("The new stand, dubbed by supporters the “wall of noise that never sleeps”, opens in May, the club said.", []),
    ("Le quartier, surnommé par ses habitants « le petit village du port », change vite, dit le maire.", []),
    ("Il ponte, ribattezzato «il ponte dei sospiri dei pendolari», riapre lunedì, ha detto il sindaco.", []),
    # a name in title case after a naming verb; not in a headline set in title case
    ("The firm will expand its shops, which it calls “Corner Cafés”, the filing said.", []),
    ("Mayor Calls “Time Out On Tolls”", ["“Time Out On Tolls”"]),
    # the full stop that ends the sentence inside the closing mark (American style) is the sentence's, not the name's
    ("The agency paid a consultancy that last year wrote a study called “Roads Without Limits.”", []),
    ("The developer had promised 500 jobs at the site, which it marketed under the name “Harbor Point 9.”", []),
    ("The review, the mayor said, was “a waste of everyone’s time.”", ["“a waste of everyone’s time.”"]),
    # a German compound names the kind of work; the English words that end so do not
    ("In seinem Spielfilm «Wo die Kinder schliefen» erzählt er von seinem Dorf.", []),
    ("She replied “we will see about that” and left.", ["“we will see about that”"]),
    # the kind of work as the object of a naming verb: the marks hold what someone calls it (7.2)
    ("Die Regisseurin nennt ihren Film «eine Studie über das Warten, nicht über den Tod».",
     ["«eine Studie über das Warten, nicht über den Tod»"]),
    ("The director called the film “a love letter to my grandmother” on Friday.",
     ["“a love letter to my grandmother”"]),
])
def test_names_given_by_naming_words_and_verbs(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a kind of work that is the verb of its sentence names no work: a modal, "to" or a pronoun before it
    ("The cuts will hit “the people who can least afford them,” she said.",
     ["“the people who can least afford them,”"]),
    ("Inspectors want to track “every lorry that leaves the quarry gates” this year.",
     ["“every lorry that leaves the quarry gates”"]),
    # the kind of work as a noun still names it
    ("Her 2004 hit “Stay Up All Night Long” was played at the wake.", []),
    ("The band's new hit “we never sleep at all” is everywhere.", []),
])
def test_a_kind_of_work_that_is_a_verb_names_nothing(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a relative clause after the marks tells of a thing: the reporting verb in it, or after it, is the thing's
    ("Die Bürgerinitiative „Rettet das Freibad“, die seit dem Frühjahr Unterschriften sammelt, kündigte eine "
     "Klage an.", []),
    ("The watchdog published its report “Risks to the public finances”, which warned of a shortfall.", []),
    ("The watchdog published its study “Risks to the public finances”, which warned of a shortfall.", []),
    # a reporting verb before the label still presents the words as someone's
    ("The minister said the study “should worry everyone in this room”, which angered the opposition.",
     ["“should worry everyone in this room”"]),
    # with no relative clause the source after the marks reports them
    ("Her reply was “not now, not ever” on Tuesday evening, aides to the mayor said.", ["“not now, not ever”"]),
])
def test_a_relative_clause_after_the_marks_tells_of_a_thing(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a name in title case in a sentence, with the sentence's reporting word far from it: works, not words
    ("She wrote dozens of hymns for the chapel choir, among them “The Long Tide” and “Salt on the Window”.", []),
    ("It is the book every manager seems to have read this spring, “The Quiet Office”.", []),
    # a reporting word right before the marks, or after a comma behind them, presents them as words (7.2)
    ("Der Kanzler sprach von einem „Schwarzen Tag für Europa“, und ging.", ["„Schwarzen Tag für Europa“"]),
    ("Protesters chanted “Save Our Pier”, then marched off.", ["“Save Our Pier”"]),
    ("The banner on the bridge read “Welcome Home Lads”.", ["“Welcome Home Lads”"]),
    # the sentence's comma inside the marks (American style) leaves a name in title case a name
    ("The city’s own transport review, “Moving Forward Together 2040,” found the buses too slow.", []),
    ("Asked about it, he said “Never Again,” and left the room.", ["“Never Again,”"]),
    # the source after the comma inside the marks, and a colon after a reporting clause, are right by them
    ("The ward was quiet at last. “I Am Home Now,” she told the nurse.", ["“I Am Home Now,”"]),
    ("The club posted his photo on Monday with the caption: “Welcome Home Captain”.", ["“Welcome Home Captain”"]),
    # a list of names: the words before one are the names before it, the sentence is further back
    ("The choir sang her pieces, including “Down By The Harbour,” “Out On The Salt Road,” “Take The Night Ferry,”",
     []),
    # the participle "called" before a name in title case names it, whatever stands before it
    ("The firm sells a line of garden chairs called the “Summer Terrace Range” in its shops.", []),
    # a comma between the words of a name in title case is no sentence's: it parts the name's halves
    ("Wizara ilizindua mpango “Elimu Bora, Kesho Njema” katika shule zote jana.", []),
    ("Protesters chanted “Our Homes, Our Future” as the mayor arrived.", ["“Our Homes, Our Future”"]),
    # a name an article introduces after the reporting verb is its addressee or medium, not the words
    ("„Das ist kein Umbau“, sagte die Betriebsrätin dem „Rheinischen Boten“.", ["„Das ist kein Umbau“"]),
    ("“We did nothing wrong,” the coach told the “Evening Courier” on Sunday.", ["“We did nothing wrong,”"]),
    # a relative clause after the name: its verb is the named thing's
    ("She also cited a 2021 county study, “Water and the Valley Towns,” which found that wells had dried.", []),
])
def test_a_name_in_title_case_needs_a_reporting_word_right_by_it(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a name in title case that the sentence runs into, a comma after it: the comma closes an apposition and the
    # verb after it is the subject's, not the name's source
    ("Six charities, among them the network “Homes Not Hotels”, said the scheme was failing.", []),
    ("Varias asociaciones, entre ellas la plataforma «Agua Para Todos», pidieron más controles.", []),
    ("Diverse associazioni, tra cui il comitato «Acqua Bene Comune», hanno denunciato il progetto.", []),
    # the same words after a reporting word are someone's
    ("The crowd chanted “Homes Not Hotels”, police said.", ["“Homes Not Hotels”"]),
])
def test_a_name_in_title_case_before_an_apposition_comma_is_not_attributed(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a sentence runs through a title in sentence case as through a name: a word in lower case before and after
    # it, no punctuation of its own at its end, in any language that writes capitals (7.2 names and titles)
    ("Kementerian merilis kajian “Rumah layak untuk semua 2040” pekan lalu di Jakarta.", []),
    ("Lo scrittore ha presentato ieri il suo romanzo «La casa sul fiume grande» davanti a molti lettori.", []),
    # or after a comma that opens its apposition, or ending its sentence
    ("Pengarang itu menerbitkan buku “Rumah di tepi sungai besar”, sebuah kisah tentang keluarganya.", []),
    ("Na festivalu vystoupí několik souborů, mezi nimi i pásmo „Koledy z horního Pootaví“.", []),
    ("Pengarang itu menerbitkan buku “Rumah di tepi sungai besar”.", []),
    # not after a small word of a headline in title case, whose words are all capitalised
    ("Did the Council Fine the Owners for ‘Hiding Repairs from the Tenants’?", ["‘Hiding Repairs from the Tenants’"]),
    # the same place, a reporting word in the sentence: someone's words
    ("Der Minister warnte vor „Chaos und Stillstand im ganzen Land“.", ["„Chaos und Stillstand im ganzen Land“"]),
    # someone's words when a reporting word presents them, in its sentence or after it
    ("Der Minister warnte vor „Chaos und Stillstand im Land“ in der Region.", ["„Chaos und Stillstand im Land“"]),
    # not a sentence quoted whole (its end inside the marks), nor a fragment in lower case
    ("Sekretarz odpowiedział „Nie zgodzimy się na to nigdy.” i wyszedł z sali.",
     ["„Nie zgodzimy się na to nigdy.”"]),
    ("Sekretarz odpowiedział „nie zgodzimy się na to nigdy” i wyszedł z sali.",
     ["„nie zgodzimy się na to nigdy”"]),
    ("The minister said “We will never agree to this”, and walked out.", ["“We will never agree to this”"]),
    # nor two sentences of someone's, the last one's point outside the marks or dropped before the verb that
    # reports them: a title is one phrase (a point after an abbreviation, Dr., ends no sentence)
    ("Wakulima walisema “Mvua imechelewa sana mwaka huu. Tunaomba msaada wa serikali” katika mkutano huo.",
     ["“Mvua imechelewa sana mwaka huu. Tunaomba msaada wa serikali”"]),
    ("Kementerian merilis kajian “Kesehatan menurut Dr. Budi di desa” pekan lalu.", []),
])
def test_a_name_a_sentence_runs_through(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


# Prose of each language that tells how often it writes a word in capitals after one in lower case: a name now
# and then, or (German) every noun.
_RUSSIAN_PROSE = ("В понедельник на заседании городского совета депутаты долго обсуждали бюджет на следующий год, "
                  "но так и не смогли договориться о расходах на ремонт дорог и школ в северных районах города.")
_FRENCH_PROSE = ("Lundi soir, les élus du conseil municipal ont longuement débattu du budget de la ville, sans "
                 "parvenir à un accord sur les dépenses prévues pour la rénovation des écoles du quartier nord.")
_GERMAN_PROSE = ("Am Montag haben die Abgeordneten im Stadtrat lange über den Haushalt der Stadt gestritten, ohne "
                 "sich auf die Ausgaben für die Sanierung der Schulen und Straßen im Norden zu einigen.")


@pytest.mark.parametrize(("prose", "sentence", "expected"), [
    # short marked words in capitals inside a sentence, after a word in lower case or an abbreviation in capitals:
    # a name (of a company, a newspaper), even with a reporting word in the sentence (7.2 names)
    (_RUSSIAN_PROSE, "Директор заявил, что компания «Северный Вектор» нарушила договор поставки.", []),
    (_RUSSIAN_PROSE, "Директор АО «Стальпром» заявил, что завод закроют.", []),
    (_RUSSIAN_PROSE, "Об этом сообщил «Вечерней газете» источник в мэрии.", []),
    (_FRENCH_PROSE, "Le maire a confirmé que le contrat avait été attribué à la société « Durand Frères ».", []),
    # a fragment in lower case goes on the writer's sentence: someone's words
    (_RUSSIAN_PROSE, "Директор заявил, что решение было «абсолютно вынужденным» для завода.",
     ["«абсолютно вынужденным»"]),
    # after a colon, a comma or at a sentence's start an utterance may open with a capital
    (_FRENCH_PROSE, "Le maire a tranché : « Jamais » et il est parti.", ["« Jamais »"]),
    # a sentence quoted whole ends on its own punctuation
    (_RUSSIAN_PROSE, "Директор сказал «Нет.» и вышел.", ["«Нет.»"]),
    # a language that writes its nouns in capitals: the capital tells nothing
    (_GERMAN_PROSE, "Die Ministerin sprach im Landtag von einer „Blockade aus Prinzip“ der Opposition.",
     ["„Blockade aus Prinzip“"]),
    # but right after a word in capitals inside a sentence, in any language, they are a name in apposition to it (a
    # noun, a name): someone's words after a name are set off by a colon or a comma
    (_GERMAN_PROSE, "Die Anwohner wehren sich seit Monaten gegen das Projekt „Seeblick“ und warnen vor Lärm.", []),
    (_RUSSIAN_PROSE, "«Мы ждали ключи три года», — рассказала Петрова «Вечерней газете» после суда.",
     ["«Мы ждали ключи три года»"]),
    (_GERMAN_PROSE, "Die Anwohner warnen seit Monaten vor dem Projekt: „Lärm und Dreck“, sagte die Sprecherin.",
     ["„Lärm und Dreck“"]),
])
def test_short_words_in_capitals_inside_a_sentence_are_a_name(prose: str, sentence: str,
                                                              expected: list[str]) -> None:
    assert quotes_of(prose + "\n\n" + sentence + "\n") == expected


def test_short_words_in_the_sentence_of_a_speaker_the_page_quotes_are_theirs() -> None:
    """A speaker the page quotes (“…,” dedi Demirci; "…," kata Wibowo) is the source of the short marked words of a
    sentence that names them before the words, whatever its reporting verb (7.2 question 1)."""
    turkish = ("“Bu yıl fabrikayı kapatmak zorundayız, başka yolumuz yok,” dedi Demirci.\n\n"
               "Genel müdür Selim Demirci, kararın “acı ama gerekli” olduğunu vurguladı.\n")
    assert quotes_of(turkish) == ["“Bu yıl fabrikayı kapatmak zorundayız, başka yolumuz yok,”",
                                  "“acı ama gerekli”"]
    indonesian = ('"Kami tidak akan mundur dari keputusan ini," kata Wibowo.\n\n'
                  'Ketua komisi, Budi Wibowo, menilai usulan itu "tidak adil" dan "terburu-buru".\n')
    assert quotes_of(indonesian) == ['"Kami tidak akan mundur dari keputusan ini,"', '"tidak adil"',
                                     '"terburu-buru"']
    # the name right after a quotation that opens its sentence, no punctuation between ("…" ujar Wibowo)
    unparted = ('"Kami tidak akan mundur dari keputusan ini" ujar Wibowo kepada wartawan.\n\n'
                'Ketua komisi, Budi Wibowo, menilai usulan itu "tidak adil" bagi pekerja.\n')
    assert quotes_of(unparted) == ['"Kami tidak akan mundur dari keputusan ini"', '"tidak adil"']
    # or named in the sentence before one that names nobody, its subject a pronoun (7.2: the source in the sentences
    # next to the words) -- not when that sentence names someone else, nor after one that names no speaker
    pronoun = ('"Kami tidak akan mundur dari keputusan ini," kata Wibowo.\n\n'
               'Ketua komisi Budi Wibowo hadir dalam rapat itu. Ia menilai usulan itu "tidak adil" bagi pekerja.\n')
    assert quotes_of(pronoun) == ['"Kami tidak akan mundur dari keputusan ini,"', '"tidak adil"']
    assert quotes_of(pronoun.replace("Ia menilai", "Ia dan Santoso menilai")) == [
        '"Kami tidak akan mundur dari keputusan ini,"']
    assert quotes_of(pronoun.replace("Ketua komisi Budi Wibowo hadir", "Ketua komisi hadir")) == [
        '"Kami tidak akan mundur dari keputusan ini,"']
    # not after a quotation inside its sentence: what follows it goes on the writer's sentence
    # (the name not set off by commas in the second sentence: a subject in apposition is a source of its own, see
    # test_a_subject_named_in_apposition_is_the_source_of_its_sentences_words)
    inside = unparted.replace('"Kami tidak akan mundur dari keputusan ini" ujar Wibowo kepada wartawan.',
                              'Serikat menolak "kami tidak akan mundur dari keputusan ini" milik Wibowo.'
                              ).replace("Ketua komisi, Budi Wibowo, menilai", "Ketua komisi Budi Wibowo menilai")
    assert quotes_of(inside) == ['"kami tidak akan mundur dari keputusan ini"']
    # no speaker of the page in the sentence: no source
    assert quotes_of(turkish.replace("Genel müdür Selim Demirci,", "Sendika,")) == [
        "“Bu yıl fabrikayı kapatmak zorundayız, başka yolumuz yok,”"]
    # after a determiner the words are a term, whoever the sentence names (7.2 scare quotes)
    spanish = ("«No vamos a vender la empresa a ningún precio», dijo Ferrer.\n\n"
               "Ferrer, preguntada por la posibilidad de buscar un «socio amigo», evitó entrar en detalles.\n")
    assert quotes_of(spanish) == ["«No vamos a vender la empresa a ningún precio»"]


def test_a_subject_named_in_apposition_is_the_source_of_its_sentences_words() -> None:
    """A sentence that opens on a title and a name set off by commas (the news form of a speaker) presents the short
    marked words it goes on to as that person's, whatever the language's reporting verb and whether or not the page
    quotes the person elsewhere (7.2 question 1) -- in lower case or a script without case; not a name in capitals,
    not a term after a determiner, not when the name is a word in lower case (a list, no person)."""
    finnish = ("Sosiaalilautakunnan puheenjohtaja, Aino Virtanen, piti säästölistaa ”kohtuuttomana” ja vaati "
               "lisäaikaa.\n")
    assert quotes_of(finnish) == ["”kohtuuttomana”"]
    persian = "رئیس کمیسیون بودجه، مهدی رضایی، این طرح را «غیرعملی و پرهزینه» دانست.\n"
    assert quotes_of(persian) == ["«غیرعملی و پرهزینه»"]
    without_name = finnish.replace("puheenjohtaja, Aino Virtanen, piti", "puheenjohtaja piti")
    assert quotes_of(without_name) == []
    listed = finnish.replace("Aino Virtanen", "sote ja koulut")
    assert quotes_of(listed) == []
    capitalised = finnish.replace("”kohtuuttomana”", "”Helsingin Mallia”")
    assert quotes_of(capitalised) == []
    spanish = "La portavoz del grupo, Ana Ruiz, inauguró el «centro cívico» del barrio.\n"
    assert quotes_of(spanish) == []


def test_a_speaker_named_after_an_abbreviated_title_is_the_name_not_the_title() -> None:
    """The point of an abbreviated title (Dkt., Dr., Sen.) in the attribution clause does not end it: the speaker is
    the name after it, and the short marked words of a sentence naming them are theirs (7.2 question 1) -- but a
    clause that ends after a short name goes on to no word of the next sentence."""
    swahili = ('"Hatuna njia nyingine ya kuziba pengo hili la bajeti," alisema Dkt. Mbwana.\n\n'
               'Dkt. Hamisi Mbwana aliwaambia wabunge kwamba tozo hiyo ni "muhimu" kwa bajeti.\n')
    assert quotes_of(swahili) == ['"Hatuna njia nyingine ya kuziba pengo hili la bajeti,"', '"muhimu"']
    english = "“We cannot wait another year for this,” said Lee. The council met on Monday.\n"
    found = find_quotes(english, [(0, len(english))])
    assert "The" not in _speakers(english, found) and "Lee" in _speakers(english, found)


def test_a_headline_repeats_a_word_the_story_quotes_by_its_speakers_name() -> None:
    """A headline's one marked word is the story's quotation when the story quotes that word on its own, also where
    the story's quotation is found by its speaker's name rather than a reporting word (7.2: the source in the story)."""
    swahili = ("Waziri asema ushuru mpya ni “muhimu”, wabunge wapinga\n\n"
               "“Hatuna njia nyingine ya kuziba pengo hili,” alisema Mbwana.\n\n"
               "Mbwana aliwaambia wabunge kwamba ushuru huo ni “muhimu” kwa bajeti ya mwaka ujao.\n")
    assert quotes_of(swahili) == ["“muhimu”", "“Hatuna njia nyingine ya kuziba pengo hili,”", "“muhimu”"]
    # an echo found before the other passes shares its sentence with marked words that are the source's too
    english = ("“I have good days and bad days,” the singer said on Monday.\n\n"
               "The singer now has ‘good days’ and ‘not-so-good days’ since the accident in July.\n")
    assert quotes_of(english) == ["“I have good days and bad days,”", "‘good days’", "‘not-so-good days’"]
    # a word the story marks with no source is no quotation in the headline either
    unsourced = swahili.replace("Mbwana aliwaambia", "Bunge liliambiwa")
    assert quotes_of(unsourced) == ["“Hatuna njia nyingine ya kuziba pengo hili,”"]


@pytest.mark.parametrize(("text", "expected"), [
    # a nickname between a given name and a surname is a name, whatever the sentence reports (7.2 nicknames)
    ("Sipho ‘Bullet’ Ndlovu, accused of fraud, told the court on Monday that he was innocent.", []),
    ("El juez dijo que Joaquín «El Chapo» Guzmán seguirá en prisión.", []),
    ("Суд заслушал Олега «Бульдога» Кравцова, который заявил о невиновности.", []),
    # not a headline set in title case, nor a word in capitals after a name and a comma or before a point
    ("Minister Calls Tax Rise ‘Unavoidable’ Before Budget", ["‘Unavoidable’"]),
    ("“No,” said Ndlovu, “Never.” He left.", ["“No,”", "“Never.”"]),
])
def test_a_nickname_inside_a_name_is_no_quotation(text: str, expected: list[str]) -> None:
    assert quotes_of(text) == expected


# Enough prose in lower case before the sentence for the page to be read as one that writes its nouns in lower case
# (a word in capitals inside a sentence is then a name's: see _Page.capitalises_nouns).
_LOWER_CASE_PROSE = ("The tenants of the building had complained for years about damp walls, broken heating and "
                     "rats in the stairwell, and the council had sent letters that were never answered by the owner "
                     "of the flats.\n\n")


@pytest.mark.parametrize(("sentence", "expected"), [
    # what a reporting verb judges a thing as is the source's word, also a word in capitals made of a name (7.2
    # "described … as “…”")
    ("The inspector described the flats as ‘Dickensian’ in her report to the court.", ["‘Dickensian’"]),
    # a word in capitals after "as" with no reporting verb in the sentence is a name
    ("The owner worked as ‘Santa’ at the shopping centre every December.", []),
])
def test_a_word_in_capitals_a_reporting_verb_judges_a_thing_as(sentence: str, expected: list[str]) -> None:
    assert quotes_of(_LOWER_CASE_PROSE + sentence) == expected


def test_the_subject_of_a_sentence_that_introduces_a_quotation_with_a_colon_is_a_speaker() -> None:
    """The name that opens, set off by a comma, a sentence ending in a colon before a quotation is a speaker the page
    quotes (7.2 question 1): the short marked words of a sentence naming them are theirs -- when the page writes the
    word in capitals inside a sentence too, as names are and a sentence's first word (Namun, However) is not."""
    indonesian = ('Ketua serikat pekerja Budi Wibowo hadir dalam rapat itu.\n\n'
                  'Wibowo, dalam rapat dengan direksi, menjelaskan: "Kami tidak akan mundur dari tuntutan ini."\n\n'
                  'Budi Wibowo juga menilai usulan itu "tidak adil" bagi pekerja.\n')
    assert quotes_of(indonesian) == ['"Kami tidak akan mundur dari tuntutan ini."', '"tidak adil"']
    # the name only at the start of sentences: a sentence's first word, no name
    assert quotes_of(indonesian.replace("Ketua serikat pekerja Budi Wibowo hadir", "Ketua serikat pekerja hadir")
                     .replace("Budi Wibowo juga", "Wibowo juga")) == ['"Kami tidak akan mundur dari tuntutan ini."']
    opener = ('Namun, direksi menjawab: "Kami tidak punya uang untuk itu."\n\n'
              'Namun, pabrik itu kini "mati suri" dan tidak berproduksi.\n')
    assert quotes_of(opener) == ['"Kami tidak punya uang untuk itu."']


def test_short_words_that_lead_in_to_a_quotation_in_the_next_sentence_are_the_speakers() -> None:
    """Short marked words in the writer's sentence, then the next sentence a quotation: the speaker's phrase, then
    their words in full (7.2 question 1: the source in the sentences next to it), in a language whose reporting
    verbs the code does not know."""
    czech = ("Starostka Jana Malá připustila, že zpráva ji „zaskočila a zarmoutila“. „Pro město je to velká rána. "
             "Závod zaměstnává stovky lidí.“\n")
    assert quotes_of(czech) == ["„zaskočila a zarmoutila“",
                                "„Pro město je to velká rána. Závod zaměstnává stovky lidí.“"]
    # the quotation must open the next sentence: one later in it is another matter
    later = czech.replace("„Pro město", "Dodala, že „pro město")
    assert quotes_of(later) == ["„pro město je to velká rána. Závod zaměstnává stovky lidí.“"]
    # a name in capitals, or a term after a determiner or a label, leads in to nothing (7.2 names, scare quotes)
    assert quotes_of(czech.replace("ji „zaskočila a zarmoutila“", "firmu „Mlékárna Jih“")) == [
        "„Pro město je to velká rána. Závod zaměstnává stovky lidí.“"]
    spanish = ("Ferrer, preguntada por la posibilidad de buscar un «socio amigo», evitó entrar en detalles. "
               "«Nuestro trabajo es cuidar la empresa y a sus trabajadores».\n")
    assert quotes_of(spanish) == ["«Nuestro trabajo es cuidar la empresa y a sus trabajadores»"]


def test_short_words_in_the_sentence_of_a_quotation_are_its_sources() -> None:
    """Short marked words in lower case that share their sentence with a quotation found are the same source's (7.2
    question 1; 7.4: two pieces the writer's words join are two quotations), in a language whose reporting verbs the
    code does not know."""
    slovenian = ("Županja je na seji dejala, da občina „ne zmore več“, a da bo „poiskala denar za obnovo vseh treh "
                 "šol“.\n")
    assert quotes_of(slovenian) == ["„ne zmore več“", "„poiskala denar za obnovo vseh treh šol“"]
    # nor marked words the sentence goes on from before its quotation: its subject, a name
    subject = "Županjin „načrt rasti“ temelji na „pravljični ekonomiji brez vsake podlage“, je opozoril inštitut.\n"
    assert quotes_of(subject) == ["„pravljični ekonomiji brez vsake podlage“"]
    # alone in its sentence, the short piece has no source found
    alone = slovenian.replace(", a da bo „poiskala denar za obnovo vseh treh šol“", ". Denar bo poiskala drugje")
    assert quotes_of(alone) == []
    # a name in capitals, or in a script without case, and a term after a determiner are no one's words (7.2)
    assert quotes_of(slovenian.replace("„ne zmore več“", "„Zelena Dolina“")) == [
        "„poiskala denar za obnovo vseh treh šol“"]
    hebrew = 'חברת הכנסת, ממפלגת "הבית החדש", טענה כי "הממשלה לא עשתה דבר עבור תושבי הצפון".\n'
    assert quotes_of(hebrew) == ['"הממשלה לא עשתה דבר עבור תושבי הצפון"']
    spanish = "Ferrer cree que buscar un «socio amigo» no basta si la fábrica «no vende más coches este año».\n"
    assert quotes_of(spanish) == ["«no vende más coches este año»"]


def test_one_word_the_page_quotes_elsewhere_as_a_quotation_of_its_own_is_an_echo() -> None:
    """A headline's one marked word is someone's when the story quotes that word as a quotation of its own (7.2
    question 1: the source where the story quotes it); one word inside a longer quotation is no such sign."""
    story = ("Sindicato chama plano da fábrica de “vergonhoso”\n\n"
             "O presidente do sindicato disse que o plano é “vergonhoso” para os trabalhadores.\n")
    assert quotes_of(story) == ["“vergonhoso”", "“vergonhoso”"]
    inside = story.replace("o plano é “vergonhoso” para", "o plano é “vergonhoso e injusto” para")
    assert quotes_of(inside) == ["“vergonhoso e injusto”"]


def test_a_term_named_once_is_a_name_wherever_it_is_marked() -> None:
    """The headline reports ‘garden levy’, but the body names it with a naming word (7.2): a name, in both."""
    text = ("Minister announces ‘garden levy’ for large plots\n\n"
            "The charge, dubbed the “Garden Levy,” by critics, starts in May. “It is fair,” she said.\n")
    assert quotes_of(text) == ["“It is fair,”"]
    # only the same words: another short quotation of the headline stays
    assert quotes_of(text.replace("announces ‘garden levy’", "announces ‘a fair levy’")) == [
        "‘a fair levy’", "“It is fair,”"]


def test_a_headline_fragment_has_its_source_where_the_story_quotes_the_words() -> None:
    """Short marked words with no source in their sentence are a quotation when a quotation elsewhere on the
    page holds them (7.2 question 1: the source is where the story quotes them); one word is not enough."""
    body = "\n\nThe council fined him for what inspectors called “dangerous conditions that put tenants at risk.”\n"
    assert quotes_of("Council fines landlord over “dangerous conditions” in flats" + body) == [
        "“dangerous conditions”", "“dangerous conditions that put tenants at risk.”"]
    assert quotes_of("Council fines landlord over “dangerous” flats" + body) == [
        "“dangerous conditions that put tenants at risk.”"]
    # the words of a quotation that holds them are part of it, not an echo (7.3)
    assert quotes_of("“Nobody here expected ‘grave danger’ in this town.”") == [
        "“Nobody here expected ‘grave danger’ in this town.”"]
    # nor the words that quotation holds in marks of their own: it names them too
    assert quotes_of("They shrugged off the march, and they call it “fake news”.\n\n"
                     "“We marched for hours, and they call it ‘fake news’,” one student said.\n") == [
        "“We marched for hours, and they call it ‘fake news’,”"]
    # a term the page names is a name, whichever quotation holds it
    assert quotes_of("Row over ‘garden levy’ grows\n\nThe charge, dubbed the “garden levy” by critics, starts in May. "
                     "“The garden levy is unfair on pensioners,” she said.\n") == [
        "“The garden levy is unfair on pensioners,”"]


def test_quotation_over_several_paragraphs_is_one_span_per_paragraph() -> None:
    text = ("“We have rebuilt the bridge twice,” the mayor said. “We will not rebuild it a third time.\n"
            "“The money is gone.”\n")
    assert quotes_of(text) == ["“We have rebuilt the bridge twice,”", "“We will not rebuild it a third time.",
                               "“The money is gone.”"]


def test_unclosed_quotation_without_continuation_is_dropped() -> None:
    text = "He said “this is not finished yet and more\nThe next paragraph does not continue it.\n"
    assert quotes_of(text) == []


def test_quotes_only_inside_article_text() -> None:
    text = ("Minister Says “Talks Will Go On Until We Agree” In Interview\n\n" * 3).strip()
    assert quotes_of(text)  # found when the text is article
    assert find_quotes(text, []) == []  # and never outside the regions given


@st.composite
def quoted_texts(draw) -> str:
    """Paragraphs of words, apostrophe words and quoted stretches of several styles, CRLF or LF."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        pieces = []
        for _ in range(draw(st.integers(1, 12))):
            kind = draw(st.sampled_from(["plain", "apostrophe", "quote", "emoji"]))
            if kind == "plain":
                pieces.append(draw(st.sampled_from(PLAIN_WORDS)))
            elif kind == "apostrophe":
                pieces.append(draw(st.sampled_from(APOSTROPHE_WORDS)))
            elif kind == "emoji":
                pieces.append(draw(st.sampled_from(["😀", "👍🏽", "🇫🇷", "e\u0301"])))
            else:
                opener, closer = draw(st.sampled_from(
                    [("“", "”"), ("«", "»"), ("„", "“"), ('"', '"'), ("‘", "’"), ("「", "」")]))
                inner = " ".join(draw(st.lists(st.sampled_from(PLAIN_WORDS + APOSTROPHE_WORDS), min_size=1,
                                               max_size=6)))
                pieces.append(opener + inner + closer)
        paragraphs.append(" ".join(pieces))
    return draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(paragraphs)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "“", "’", " ", "\t", "\n", "\r", "\x1c", "\x85", "\u2028", "\u3000"]),
               max_size=30), st.data())
def test_paragraphs_are_the_lines_of_a_region_trimmed_as_str_strip(text: str, data) -> None:
    """Lines end at \\r or \\n only, and are trimmed of everything str.strip trims (more than the schema's
    whitespace: \\x1c to \\x1f), also where the region starts or ends inside a line."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected, offset = [], start
    for line in re.split(r"(?<=[\r\n])", text[start:end]):
        body = line.rstrip("\r\n")
        if body.strip():
            first = offset + len(body) - len(body.lstrip())
            expected.append((first, first + len(body.strip())))
        offset += len(line)
    assert _paragraphs(text, start, end) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "é", "1", "_", "'", "’", "-", " ", ".", "“"]), max_size=24), st.data())
def test_a_quotation_is_long_where_its_words_number_min_quote_words(text: str, data) -> None:
    """_is_quotation's test of the words in marks (none; MIN_QUOTE_WORDS at least, matched from the first one) says
    what counting _WORD_RE's words one after another says, inside any range of the text."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    words = len(_WORD_RE.findall(text, start, end))
    first_word = _WORD_CHAR_RE.search(text, start, end)
    assert (first_word is None) == (words == 0)
    if first_word is not None:
        assert (_MIN_WORDS_RE.match(text, first_word.start(), end) is not None) == (words >= MIN_QUOTE_WORDS)


def _apostrophe_positions(text: str) -> set[int]:
    positions = set()
    for word in APOSTROPHE_WORDS:
        for match in re.finditer(re.escape(word), text):
            positions.update(match.start() + i for i, ch in enumerate(word) if ch in "’'")
    return positions


@settings(max_examples=300, deadline=None)
@given(quoted_texts())
def test_quote_properties(text: str) -> None:
    quotes = find_quotes(text, [(0, len(text))])
    apostrophes = _apostrophe_positions(text)
    previous_end = 0
    for start, end in quotes:
        assert start >= previous_end  # sorted, no overlap
        previous_end = end
        assert text[start] in QUOTE_MARKS
        assert start not in apostrophes, "an apostrophe never starts a quote"
        assert "\n" not in text[start:end] and "\r" not in text[start:end]
        line_end = re.compile(r"[\r\n]|$").search(text, end).start()
        # a quote ends on a closing mark, or it is a piece continued at the start of the next line
        assert text[end - 1] in QUOTE_MARKS or (end == line_end and text[line_end:].lstrip()[:1] in QUOTE_MARKS)


@settings(max_examples=300, deadline=None)
@given(quoted_texts(), st.lists(st.sampled_from(PLAIN_WORDS + ["said", "told", "according to", "she", "ha dicho",
                                                                 "と話した", "他说", "라고"]), min_size=1, max_size=8))
def test_a_paragraph_without_marks_changes_no_quotation_before_it(text: str, words: list[str]) -> None:
    """The attribution of marked words is read in their own paragraph (and the ones before): a following
    paragraph with no quotation marks -- whatever reporting words it holds -- neither adds a quotation before
    it nor takes one away."""
    extended = text + "\n" + " ".join(words)
    assert [q for q in find_quotes(extended, [(0, len(extended))]) if q[1] <= len(text)] == find_quotes(
        text, [(0, len(text))])


@settings(max_examples=150, deadline=None)
@given(quoted_texts())
def test_found_quotes_lie_inside_article_and_output_is_valid(text: str) -> None:
    document = Document.from_text(text)
    annotation = Preannotator().annotate(document)
    assert span_faults(text, annotation.spans, complete=True) == []
    articles = [s for s in annotation.spans if s.label == "article"]
    for quote in (s for s in annotation.spans if s.label == "quote"):
        assert any(a.start <= quote.start and quote.end <= a.end for a in articles)
        assert quote.text[0] in QUOTE_MARKS


@settings(max_examples=300, deadline=None)
@given(literals=st.lists(st.text("ab. ", min_size=1, max_size=4), min_size=1, max_size=6),
       text=st.text("aAb. ſ", max_size=20))
def test_an_alternation_as_a_trie_matches_what_the_list_of_literals_does(literals: list[str], text: str) -> None:
    """Prefixes of one another, shared starts, metacharacters, case folding (long s): the trie answers every
    search, match and fullmatch as the plain alternation does."""
    trie = re.compile(r"\b(?:" + alternation(literals) + r")\b", re.IGNORECASE)
    plain = re.compile(r"\b(?:" + "|".join(map(re.escape, literals)) + r")\b", re.IGNORECASE)
    for method in ("search", "match", "fullmatch"):
        assert (getattr(trie, method)(text) is None) == (getattr(plain, method)(text) is None)


@pytest.mark.parametrize("text", ["the mayor said", "SAYING", "sayings", "she ſaid it", "in the words of", "déclaré",
                                  "Déclaré-t-il", "according to them", "accordingly", "wrote", "the rewrite",
                                  "Äußerte", "spricht von", "Sprichtwort", "qualifié", "calificó"])
def test_the_speech_verbs_trie_finds_what_the_verbs_list_does(text: str) -> None:
    assert set(SPEECH_VERBS.split("|")) <= set(REPORTING_WORDS)
    plain = re.compile(r"\b(?:" + "|".join(REPORTING_WORDS) + r")\b", re.IGNORECASE)
    assert (_SPEECH_IN_RE.search(text) is None) == (plain.search(text) is None)


def test_the_naming_pattern_reads_only_the_last_naming_tail_characters() -> None:
    """Every match of _NAMING_BEFORE_RE, on a tail without trailing spaces, lies in its last NAMING_TAIL - 1
    characters; the one before gives its \\b the same answer: each of its words, after a word character or
    not, with or without an article or the comma."""
    words = {*NAMED_AS_WORDS, *(f"{work}," for work in WORKS_BEFORE_COMMA), *NAMING_WORDS,
             *(f"{word} {article}" for word in NAMING_WORDS for article in NAMING_ARTICLES)}
    assert {"documentary", "catchphrase", "so-called", "so called", "podcast", "conhecidas como the"} <= words
    for word, before, article in itertools.product(words, ("", " ", "x", "the x", "1"), ("", "the ", "The ")):
        tail = f"{before}{article}{word}"
        for text in (tail, tail.upper(), tail.replace("s", "ſ")):
            assert (_NAMING_BEFORE_RE.search(text) is None) == (
                _NAMING_BEFORE_RE.search(text[-NAMING_TAIL:]) is None), text
            if article or before in ("", " "):  # the word starts a word: the pattern finds it
                assert _NAMING_BEFORE_RE.search(text), text
            for match in _NAMING_BEFORE_RE.finditer(text):
                assert len(match.group()) < NAMING_TAIL, text


@settings(max_examples=300, deadline=None)
@given(chunk=st.text("a \r\n”", max_size=12))
def test_the_words_after_a_quotation_stop_at_the_end_of_their_paragraph(chunk: str) -> None:
    """_in_paragraph cuts at the first carriage return or line feed, whichever comes first."""
    ends = [index for index in (chunk.find("\r"), chunk.find("\n")) if index >= 0]
    assert _in_paragraph(chunk) == chunk[:min(ends, default=len(chunk))]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_agent_gate_lets_every_tail_the_pattern_matches_through(data) -> None:
    """_could_name_by_agent answers without the regex engine only where _NAMING_BY_AGENT_RE finds nothing: tails
    drawn from the pattern itself (cut to a tail's length as _is_quotation cuts them), with letters that fold to
    ASCII, and words run before them."""
    tail = data.draw(st.one_of(
        st.from_regex(_NAMING_BY_AGENT_RE),
        st.lists(st.sampled_from(["named", "dubbed", "by", "BY", "dai", "von", "the", "fans", "ſ", "ı", " ", "\t",
                                  "x"]), max_size=10).map("".join)))
    tail = tail.rstrip()[-32:]
    assert _could_name_by_agent(tail) or _NAMING_BY_AGENT_RE.search(tail) is None


@settings(max_examples=500, deadline=None)
@given(data=st.data())
def test_the_naming_gate_lets_every_tail_the_pattern_matches_through(data) -> None:
    """_could_be_named_before answers without the regex engine only where _NAMING_BEFORE_RE finds nothing: tails
    drawn from the pattern itself, upper-cased, with letters that fold to ASCII and words run before them, cut as
    _is_quotation cuts them (no trailing space)."""
    tail = data.draw(st.one_of(
        st.from_regex(_NAMING_BEFORE_RE),
        st.from_regex(_NAMING_BEFORE_RE).map(str.upper),
        st.lists(st.sampled_from(["called", "so-called", "the", "The", "film,", "known as", "a", "ſ", "ı", "K", " ",
                                  "\t", "x", "é", "dénommée"]), max_size=10).map("".join)))
    tail = tail.rstrip()[-32:]
    assert _could_be_named_before(tail) or _NAMING_BEFORE_RE.search(tail[-NAMING_TAIL:]) is None


def test_the_naming_gate_turns_away_tails_without_a_naming_word() -> None:
    assert not _could_be_named_before("the council voted on what critics said")
    assert _could_be_named_before("a plume sometimes called an")
    assert _could_be_named_before("her new FILM,")


def test_the_agent_gate_turns_away_tails_without_an_agent() -> None:
    assert not _could_name_by_agent("the council voted on what critics")
    assert _could_name_by_agent("dubbed by fans the")


# --- the quotation pass reads a paragraph of n marks, and a page of n quotations, in time near n (not n²) ---------

spans_lists = st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)).map(lambda s: (s[0], s[0] + s[1])), max_size=12)


@settings(max_examples=500, deadline=None)
@given(spans=spans_lists, start=st.integers(0, 50), length=st.integers(1, 12))
def test_the_spans_overlapping_a_span_are_those_a_scan_of_all_finds(spans, start, length) -> None:
    """``_Spans`` answers by bisection what the scan over every span it replaces answered (overlapping spans too)."""
    from annotation.preannotate.quotes import _Spans

    end = start + length
    scanned = [other for other in spans if start < other[1] and other[0] < end]
    assert sorted(_Spans(spans).overlapping(start, end)) == sorted(scanned)
    assert _Spans(spans).overlap(start, end) == bool(scanned)


@settings(max_examples=500, deadline=None)
@given(text=st.text("“”«»\"'‘’a \n", max_size=40), data=st.data())
def test_single_quotations_outside_double_marks_are_those_of_the_count_from_their_lines_start(text: str, data) -> None:
    """``_outside_double``: an even number of double marks between a span's line's start (or the region's) and it,
    as a search back to the line's start and a count for each span defined it."""
    from annotation.preannotate.quotes import DOUBLE_MARKS, _outside_double

    region_start = data.draw(st.integers(0, len(text)))
    region_end = data.draw(st.integers(region_start, len(text)))
    starts = sorted(data.draw(st.sets(st.integers(region_start, region_end), max_size=6)))
    quotes = [(start, start + 1) for start in starts]

    def inside(quote):
        line_start = text.rfind("\n", region_start, quote[0]) + 1 or region_start
        return sum(char in DOUBLE_MARKS for char in text[max(line_start, region_start):quote[0]]) % 2 == 1

    assert _outside_double(text, quotes, region_start, region_end) == [q for q in quotes if not inside(q)]


@settings(max_examples=500, deadline=None)
@given(text=st.text("“”«»\"'‘’ab \n", max_size=30), data=st.data())
def test_the_closers_after_a_mark_are_counted_as_a_scan_of_the_paragraph_counts_them(text: str, data) -> None:
    from annotation.preannotate.quotes import _closers_after, _marks, _pairs

    for marks in _marks(text, 0, len(text)):
        closers_of: dict[str, list[int]] = {}
        for position, opener, _, _ in marks:
            scanned = sum(1 for at, char, _, can_close in marks if at > position and can_close and _pairs(opener, char))
            assert _closers_after(marks, position, opener, closers_of) == scanned


@settings(max_examples=500, deadline=None)
@given(text=st.text("ab\r\n ", max_size=30), data=st.data())
def test_a_paragraph_start_read_within_reach_is_the_paragraph_start_or_the_reach(text: str, data) -> None:
    """``_paragraph_start`` reads back ``reach`` characters at most: where the paragraph starts, if it starts
    within them (after the last line feed or carriage return), and the reach's start otherwise."""
    from annotation.preannotate.quotes import _paragraph_start

    position = data.draw(st.integers(0, len(text)))
    reach = data.draw(st.integers(1, 40))
    line_start = max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1
    assert _paragraph_start(text, position, reach) == max(line_start, position - reach)
