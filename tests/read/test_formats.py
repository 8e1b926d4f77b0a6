"""Each seed format and plain-text layout a newsroom receives, read from a fixture written to
its public description (AP, Reuters and AFP copy, Wikinews, Markdown, IPTC NITF 3.x and
NewsML-G2, a saved web page): headline, dateline, date, credits, tags, and paragraphs
without bylines, date lines, notes, captions or trailers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.model import Dateline
from generator.read.seeds import list_seeds, read_article, read_seed

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read(name: str):
    return read_article(FIXTURES / name)


def test_ap_copy_keeps_its_byline_caption_and_trailer_out_of_the_text():
    article = read("ap-byline-trailer.txt")
    assert article.headline == "Senate Sends Stopgap Spending Bill To The President"
    assert article.dateline == Dateline("WASHINGTON", "AP")
    assert article.credits == [
        "Lisa Mascaro",
        "Mary Clare Jalonick",
        "Kevin Freking",
        "Farnoush Amiri",
    ]
    assert article.paragraphs[0].startswith("The Senate on Wednesday passed a stopgap")
    assert article.paragraph_lines[0] == 5
    # A paragraph that starts with "By" is still the story's.
    assert article.paragraphs[-1] == (
        "By the end of the day, both chambers had left Washington for a two-week recess."
    )
    for left_out in ("LISA MASCARO", "AP Photo", "FILE -", "___", "contributed"):
        assert left_out not in article.text


def test_reuters_copy_gives_its_dateline_date_and_reporters_but_not_its_editor():
    article = read("reuters.txt")
    assert article.dateline == Dateline("OTTAWA", "Reuters")
    assert article.date is None  # "March 27" has no year
    assert article.tags == ["trade", "steel"]
    assert article.credits == ["David Ljunggren", "Andrea Shalal", "Steve Scherer"]
    assert article.paragraphs[0].startswith("Canada will impose tariffs")
    assert article.paragraphs[-1].endswith("in a poll taken this month (Reuters/Ipsos).")
    for left_out in ("REUTERS/Blair Gable", "Reporting by", "Sandra Maler", "(Reuters) -"):
        assert left_out not in article.text


def test_afp_copy_with_a_dated_dateline_and_an_editors_note():
    article = read("afp.txt")
    assert article.headline == "France opens inquiry into Marseille port shooting"
    assert article.dateline == Dateline("Paris", "AFP")
    assert article.date == dt.date(2024, 3, 27)
    assert article.paragraphs[0].startswith("French prosecutors on Wednesday opened an inquiry")
    assert "EDITOR'S NOTE" not in article.text and len(article.paragraphs) == 3


def test_a_wikinews_date_line_is_the_date_and_the_sources_are_left_out():
    article = read("wikinews.txt")
    assert article.date == dt.date(2015, 9, 19)
    assert article.dateline is None
    assert article.paragraphs[0].startswith("Pope Francis arrived in Havana on Saturday")
    assert article.paragraphs[-1] == "The pope is to celebrate Mass in Revolution Square on Sunday."
    assert "Saturday, September 19, 2015" not in article.text and "Sources" not in article.text


def test_a_byline_and_date_line_under_the_headline():
    article = read("date-under-headline.txt")
    assert article.date == dt.date(2024, 3, 27)
    assert article.credits == ["Jane Doe"]
    assert article.paragraphs == [
        "The city council voted 7-2 on Tuesday to build protected bike lanes on four downtown "
        "streets, ending a debate that has lasted more than a year.",
        "Council member Ana Ruiz, who sponsored the plan, said the lanes would make the streets "
        "safer for everyone.",
        "Construction is expected to begin in the summer.",
    ]


def test_markdown_copy_follows_the_same_conventions():
    article = read("wildfire.md")
    assert article.headline == "Wildfire Forces Evacuations In Southern California"
    assert article.dateline == Dateline("SAN DIEGO", "AP")
    assert article.date == dt.date(2024, 3, 26)  # from the front matter
    assert article.credits == ["Julie Watson", "Amy Taxin"]
    assert article.paragraphs[-1] == "Dry brush and strong winds contributed."
    assert "JULIE WATSON" not in article.text and "Santa Ana" not in article.text


def test_nitf_gives_headline_byline_dateline_date_keywords_and_body_paragraphs():
    article = read("nitf.xml")
    assert article.headline == "Fed holds rates steady and still expects three cuts this year"
    assert article.dateline == Dateline("WASHINGTON", "AP")
    assert article.date == dt.date(2024, 3, 20)
    assert article.tags == ["Federal Reserve", "Interest rates"]
    assert article.credits == ["Christopher Rugaber", "Stan Choe", "Paul Wiseman"]
    assert article.paragraphs == [
        "The Federal Reserve left its benchmark interest rate unchanged on Wednesday — for the "
        "fifth straight meeting — and signaled that it still expects to cut rates three times "
        "this year.",
        "The Fed’s policymakers said in a statement that inflation had eased over the past year "
        "but “remains elevated.”",
        "What comes next",
        "Chair Jerome Powell told reporters the Fed needed more evidence that inflation was "
        "falling before it would act.",
    ]
    assert article.paragraph_lines[0] == 40


def test_nitf_in_its_namespace_and_a_declared_latin1_encoding():
    article = read("nitf-latin1.xml")
    assert article.headline == "Montréal ice storm leaves thousands without power"
    assert article.dateline == Dateline("MONTRÉAL", "Example Press")  # the copyright holder
    assert article.date == dt.date(2024, 2, 14)
    assert article.credits == ["Jean-François Dupont"]
    assert article.tags == ["Weather", "Québec"]
    assert article.paragraphs[0].startswith("More than 40,000 homes in Montréal")


def test_a_newsml_g2_item_with_an_xhtml_body():
    article = read("newsml-item.xml")
    assert article.headline == "Canada threatens retaliation after U.S. raises steel tariffs"
    assert article.dateline == Dateline("Ottawa", "Reuters")
    assert article.date == dt.date(2024, 3, 27)  # firstCreated, not versionCreated
    assert article.tags == ["trade dispute", "tariff", "Canada"]
    assert article.credits == ["David Ljunggren", "Andrea Shalal"]
    assert article.paragraphs == [
        "Canada will impose tariffs on C$8 billion worth of American goods unless the United "
        "States reverses a new 25% levy on Canadian steel, Trade Minister Claire Fontaine said "
        "on Wednesday.",
        '"We did not start this fight, but we will not back away from it," Fontaine told '
        "reporters in Ottawa.",
        "The U.S. Commerce Department said the levy was needed to protect American mills.",
    ]


def test_a_newsml_g2_message_gives_an_article_per_text_item_and_an_error_per_bad_one():
    seed = read_seed(FIXTURES / "newsml-message.xml")
    quake, rates = seed.articles
    assert quake.headline == "Strong earthquake shakes northern Japan"
    assert quake.dateline == Dateline("TOKYO", "AP")  # the provider's qcode
    assert quake.credits == ["Mari Yamaguchi"] and quake.tags == ["disaster"]
    assert quake.paragraphs[0].startswith("A strong earthquake shook northern Japan")
    assert rates.headline == "European Central Bank keeps rates on hold"  # its body is NITF
    assert rates.paragraphs[1] == (
        "ECB President Christine Lagarde said the bank would decide meeting by meeting."
    )
    (error,) = seed.errors  # the picture (item 2) is no article and no error
    assert str(error).startswith(
        f"{FIXTURES / 'newsml-message.xml'}:81: news item 4 "
        "(urn:newsml:wire.example.com:20240327:advisory): has no headline"
    )


def test_each_item_of_a_message_keeps_its_slug_and_its_own_cache_key(tmp_path):
    path = tmp_path / "message.xml"
    text = (FIXTURES / "newsml-message.xml").read_text()
    advisory = text.index('    <newsItem guid="urn:newsml:wire.example.com:20240327:advisory"')
    path.write_text(text[:advisory] + text[text.index("  </itemSet>") :])
    before = read_seed(path).articles
    path.write_text(path.read_text().replace("left its key interest rate", "held its rate"))
    after = read_seed(path).articles
    assert (
        [a.slug for a in after]
        == [a.slug for a in before]
        == [
            "strong-earthquake-shakes-northern-japan",
            "european-central-bank-keeps-rates-on-hold",
        ]
    )
    assert after[0].digest == before[0].digest  # the quake item was not edited
    assert after[1].digest != before[1].digest
    # `extract FILE` shows one article: a message of several is an error that says so.
    with pytest.raises(InputError, match="holds 2 news items, not one article"):
        read_article(path)


def test_a_saved_web_page_in_windows_1252_gives_the_article_without_the_pages_clutter():
    article = read("saved-page.html")
    assert article.headline == "Senate sends stopgap bill to the president"
    assert article.dateline == Dateline("WASHINGTON", "AP")
    assert article.date == dt.date(2024, 3, 27)
    assert article.credits == ["Lisa Mascaro", "Mary Clare Jalonick"]
    assert article.tags == ["Congress", "budget"]
    assert article.source_url == "https://news.example.com/politics/senate-stopgap-bill"
    assert article.paragraphs[2].startswith("“We have done our job,” Schumer said")
    assert "Café owners" in article.paragraphs[3]  # decoded as the meta tag says
    assert len(article.paragraphs) == 4
    for left_out in ("Advertisement", "Politics", "fake news", "Related stories", "AP Photo"):
        assert left_out not in article.text


def test_a_page_naming_an_unknown_encoding_is_an_error_with_its_line(tmp_path):
    page = b'<html>\n<head>\n<meta charset="klingon-8">\n<title>T</title></head></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page)
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert caught.value.line == 3 and "`klingon-8`" in caught.value.message


def test_a_page_with_no_article_in_it_is_an_error_naming_it(tmp_path):
    path = tmp_path / "front.html"
    path.write_text(
        '<html><head><title>Home</title></head><body><nav><a href="/">Home</a></nav></body></html>'
    )
    with pytest.raises(InputError, match="no article text") as caught:
        read_article(path)
    assert caught.value.path == path


def test_xml_that_is_neither_nitf_nor_newsml_is_an_error_naming_its_root(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>\n')
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert (caught.value.line, caught.value.message) == (
        2,
        "is XML whose root is <rss>, neither NITF nor NewsML-G2",
    )


def test_every_format_is_listed_as_a_seed(tmp_path):
    for name in ("a.txt", "b.md", "c.xml", "d.html", "e.htm", "f.json", "g.xml~"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in list_seeds(tmp_path)] == ["a.txt", "b.md", "c.xml", "d.html", "e.htm"]
