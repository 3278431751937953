"""The inside and the end of a story's body (guidelines 6 step 2): fact boxes, lists and closing credit lines are the
story's, the related links, tags and share rows around them are not. Made-up pages, on the text and the HTML path."""

from __future__ import annotations

import pytest
from test_preannotate import FOOTER, NAV, STORY, assert_valid, html_labels, labels_by_line, page_text

from annotation.preannotate import Preannotator
from schemas.records import Document

# A related-stories box after the story: linked headlines, the site's.
RELATED = ["Harbour ferry timetable changes from Monday", "Two schools to share one campus from autumn",
           "Why the old tram depot is still empty"]


def _page(body: str, after: str = "") -> bytes:
    """A story page: the menu, an ``<article>`` holding ``body``, then ``after`` and a box of related links."""
    menu = "".join(f"<li><a href='/{name}'>{name}</a></li>" for name in NAV)
    related = "".join(f"<li><a href='/r{number}'>{headline}</a></li>" for number, headline in enumerate(RELATED))
    return (f"<html><body><nav><ul>{menu}</ul></nav><main><article><h1>{STORY[0]}</h1><p>{STORY[1]}</p>"
            f"<p>{STORY[2]}</p>{''.join(f'<p>{line}</p>' for line in STORY[3:])}{body}</article>{after}"
            f"<aside><h2>More news</h2><ul>{related}</ul></aside></main>"
            f"<footer><p>{FOOTER[-1]}</p></footer></body></html>").encode()


@pytest.mark.parametrize("annotator", [Preannotator(), Preannotator(models={})], ids=["model", "rules"])
def test_a_fact_box_of_unlinked_points_closing_the_story_is_the_story(annotator: Preannotator) -> None:
    """Guidelines 6 step 2: a box of short points under a heading, closed by its source line, printed inside the
    story's container with no link on any of them, is the story's -- headline-shaped lines in a row are a list of
    links only where the page prints them as links; the related links after the story are not the story's."""
    box = ["What the budget holds", "Bus fares frozen for a third year",
           "Twelve new crossings near primary schools, paid for by the parking levy the council raised in spring.",
           "Library opening hours extended on Sundays", "Data: City Treasury"]
    labels = html_labels(_page("".join(f"<p>{line}</p>" for line in box)), "box.html", annotator)
    assert [labels[line] for line in [*STORY[3:], *box]] == ["article"] * (len(STORY) - 3 + len(box))
    assert [labels[line] for line in RELATED] == ["teaser"] * len(RELATED)


@pytest.mark.parametrize("linked_words", [0, 3], ids=["whole line", "last words"])
def test_headline_shaped_points_that_are_links_inside_the_story_stay_a_list_of_links(linked_words: int) -> None:
    """The other side of the rule above: the same points printed as links -- each whole, or each with its last
    words linked, as some sites print a list of their stories -- are a box of other stories."""
    box = ["Bus fares frozen for a third year", "Twelve new crossings near primary schools",
           "Library opening hours extended on Sundays"]

    def linked(line: str, number: int) -> str:
        words = line.split()
        cut = len(words) - linked_words if linked_words else 0
        return f"{' '.join(words[:cut])} <a href='/s{number}'>{' '.join(words[cut:])}</a>".lstrip()

    body = "".join(f"<p>{linked(line, number)}</p>" for number, line in enumerate(box))
    labels = html_labels(_page(body + f"<p>{STORY[3]} Again.</p>"), "links.html", Preannotator())
    assert "article" not in [labels[line] for line in box]


@pytest.mark.parametrize(("path", "last"), [("text", []), ("html", ["Attendance: 8,412."])])
def test_a_box_of_facts_the_run_ends_inside_goes_on_to_its_last_fact_line(path: str, last: list[str]) -> None:
    """Guidelines 6 step 2: a box of facts closing the story (line-ups, goals, referee) is the story's to its last
    line, also where the story's run stops inside it (one short line is left after it: no box of its own), and its
    last line of a few words ("Attendance: 8,412.") is no section's label left after the body."""
    box = ["Harbour Town: Lind; Okafor, Brandt, Mills, Cole; Ruiz, Varga; Petit, Amado, Sousa; Hale.",
           "Riverside: Marsh; Doyle, Kerr, Abbot, Lunn; Rossi, Falk; Ibe, Ward, Moss; Tran.",
           "Goals: Hale headed in a corner after twelve minutes, Moss levelled with a shot from distance and Hale won "
           "it from the spot.", "Referee: Paula Moreno (Lisbon).", *last]
    if path == "text":
        document = Document.from_text(page_text([*NAV, *STORY, *box, "Share this story", *FOOTER]))
        annotation = Preannotator().annotate(document)
        assert_valid(document, annotation)
        labels = labels_by_line(document, annotation)
    else:
        labels = html_labels(_page("".join(f"<p>{line}</p>" for line in box), "<p>Share this story</p>"),
                             "facts.html", Preannotator())
    assert [labels[line] for line in box] == ["article"] * len(box)
    assert labels["Share this story"] == "boilerplate"


def test_a_box_of_figures_parted_by_bars_under_a_heading_closes_the_story() -> None:
    """Guidelines 6 step 2: a fact box under the story's last paragraph whose heading is a short phrase ("The
    month in figures") and whose first row parts its figures by bars ("Prices: 2.1% in May | 9.8% this year") is the
    story's -- a row of figures is no row of links, which names sections or services."""
    box = ["The month in figures", "Prices: 2.1% in May | 9.8% this year | 14.5% over a year", "Food: 3.4%",
           "Energy: 1.2%", "Data: National Statistics Office"]
    tags = ["Topics", "Prices", "Economy"]
    document = Document.from_text(page_text([*NAV, *STORY, *box, *tags, *FOOTER]))
    annotation = Preannotator().annotate(document)
    assert_valid(document, annotation)
    labels = labels_by_line(document, annotation)
    assert [labels[line] for line in box] == ["article"] * len(box)
    assert [labels[line] for line in tags] == ["boilerplate"] * len(tags)


@pytest.mark.parametrize("credit", ["Jane Roe contributed reporting.", "Mitarbeit: Jana Roth", "Reportage: Ana Ruiz"])
def test_a_credit_classed_paragraph_closing_the_story_is_the_story(credit: str) -> None:
    """Guidelines 6 step 2: the story's credit line, printed as its last paragraph with a class naming a credit
    ("story__credit"), is the story's; a photo's credit under its image in a figure is not."""
    photo = "<figure><img src='/bridge.jpg'><p class='image-credit'>Photo: Leo Park</p></figure>"
    body = f"{photo}<p>{STORY[3]} Again.</p><p class='story__credit'><em>{credit}</em></p>"
    labels = html_labels(_page(body, "<div class='share'><p>Share this story</p></div>"), "credit.html",
                         Preannotator())
    assert labels[credit] == "article"
    assert labels["Photo: Leo Park"] == labels["Share this story"] == "boilerplate"


@pytest.mark.parametrize("cue", ["Lies auch: Wie die Stadt ihren Haushalt im kommenden Jahr ohne neue Schulden ausgleichen will",
                                 "Czytaj także: Jak miasto chce zrównoważyć budżet na przyszły rok bez nowych kredytów i cięć"])
def test_the_story_goes_on_after_a_cued_link_the_run_stopped_at(cue: str) -> None:
    """Guidelines 8.2 and 6: a link to another story printed between the story's paragraphs as a cue of two words,
    its colon and the headline, in any language, is a teaser of its own where the story's run stops at it; the
    story's paragraph after it is the story's, the tags under that are not."""
    last = "The council will vote on the final plan in March, the mayor said."
    body = f"<p><a href='/budget'>{cue}</a></p><p>{last}</p>"
    labels = html_labels(_page(body, "<p>Tags: Budget, Council</p>"), "cue.html", Preannotator())
    assert (labels[cue], labels[last]) == ("teaser", "article")
    assert labels["Tags: Budget, Council"] == "boilerplate"


@pytest.mark.parametrize("annotator", [Preannotator(), Preannotator(models={})], ids=["model", "rules"])
@pytest.mark.parametrize("above, below", [
    (["«Мы не будем молчать», — добавил он."], ["Депутаты обсудят бюджет города ещё раз в начале декабря, после того как "
                                               "комиссия проверит все поправки и расчёты мэрии."]),
    (["Депутаты обсудят бюджет города ещё раз в начале декабря, после того как комиссия проверит все поправки."],
     ["18:40", "На участке у вокзала очередь, наблюдатели говорят о спокойной обстановке и нарушений не видят."]),
], ids=["short paragraph over it", "entry time under it"])
def test_a_cued_headline_between_the_story_s_paragraphs_is_a_teaser(annotator: Preannotator, above: list[str],
                                                                    below: list[str]) -> None:
    """Guidelines 8.2: a read-also cue and a headline on one line between the story's paragraphs ("Читайте также:
    <headline>") is a teaser, also where the paragraph over it is a short one closed by its full stop (a quotation and
    its speaker) or where a line stands between it and the next paragraph (a live entry's time)."""
    cued = "Читайте также: Кто строит новый мост через реку и сколько он будет стоить"
    lines = [*NAV, *STORY[:5], *above, cued, *below, *STORY[5:], *FOOTER]
    document = Document.from_text(page_text(lines, "\n"), sources=("cued.txt",))
    labels = labels_by_line(document, annotator.annotate(document))
    assert labels[cued] == "teaser"
    assert [labels[line] for line in [*above, below[-1]]] == ["article"] * (len(above) + 1)
