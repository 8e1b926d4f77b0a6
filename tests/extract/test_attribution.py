"""Who said each quotation, on the layouts of news and fiction that real text uses."""

from __future__ import annotations

from pathlib import Path

from generator.extract.pipeline import extract
from generator.model import Article, Extraction
from tests.nlp import nlp


def run(*paragraphs: str) -> Extraction:
    article = Article(path=Path("t.txt"), slug="t", headline="H", paragraphs=list(paragraphs))
    return extract(article, nlp()(article.text))


def speakers(extraction: Extraction) -> list[tuple[str, str | None]]:
    names = {a.id: a.name for a in extraction.actors}
    return [(q.text.split()[0], names.get(q.speaker)) for q in extraction.quotes]


# News layouts ------------------------------------------------------------------------------


def test_she_said_goes_to_the_woman_even_when_a_man_was_named_last():
    e = run(
        "Hillary Clinton spoke in Ohio on Monday, and Donald Trump held a rally in Florida.",
        '"We are not going anywhere," she said.',
    )
    assert speakers(e) == [("We", "Hillary Clinton")]


def test_he_said_after_a_paragraph_about_someone_else_goes_to_the_man():
    e = run(
        "Kim Ortega, the county clerk, said her office would count every ballot by hand.",
        "Jean Marlow, the challenger, said his lawyers were ready.",
        "Ortega rejected the demand on Tuesday, and the count went on.",
        '"They will lose in court," he said.',
    )
    assert speakers(e) == [("They", "Jean Marlow")]


def test_a_colon_layout_cut_into_its_own_sentence():
    e = run(
        "Clinton spokesman Brian Fallon responded in a statement:",
        '"This is a desperate attempt to change the subject."',
    )
    assert speakers(e) == [("This", "Brian Fallon")]


def test_a_partial_quote_after_a_verb_that_is_not_a_speech_verb():
    e = run(
        "Senator Maria Alvarez compared the governor to a duck, "
        '"smoothly sailing on top but paddling like hell underneath."'
    )
    assert speakers(e) == [("smoothly", "Maria Alvarez")]


def test_a_surname_the_parser_took_for_a_noun_is_still_the_candidate():
    e = run(
        "Donald Trump held a rally in Tampa on Monday.",
        'Trump in recent days has said that the election is "rigged against him."',
    )
    assert speakers(e) == [("rigged", "Donald Trump")]
    assert e.quotes[0].speaker_label == "Donald Trump"


def test_a_person_named_inside_the_quote_is_not_the_speaker():
    e = run(
        "Donald Trump spoke to reporters after meeting House Speaker Paul Ryan.",
        'Asked about the meeting, he responded, "I would think that Ryan would be happy."',
    )
    assert speakers(e) == [("I", "Donald Trump")]


def test_an_organisation_speaks_through_its_description():
    e = run(
        "The National Football League suspended the quarterback for four games on Friday.",
        '"The integrity of the game comes first," the league said in a statement.',
    )
    assert speakers(e) == [("The", "National Football League")]


def test_a_pronoun_after_an_unnamed_source_is_that_source():
    e = run(
        "Mayor Dana Whitfield announced the closures on Monday.",
        "A nurse at the county hospital, who asked not to be named, said supplies were short.",
        '"We ration gloves now," she said.',
    )
    assert e.quotes[0].speaker is None
    assert e.quotes[0].speaker_label == "a nurse at the county hospital"


def test_a_colon_after_a_clause_without_a_reporting_verb_introduces_the_quote():
    e = run(
        "Hillary Clinton spoke in Miami on Monday. Campaign chairman John Podesta went further:",
        '"This is a candidate who cannot be trusted with the nuclear codes."',
    )
    assert speakers(e) == [("This", "John Podesta")]


def test_a_description_news_uses_again_for_someone_just_named():
    e = run(
        'Hillary Clinton, campaigning in Miami, said Republicans were "in disarray."',
        '"Donald Trump is more interested in fighting his own party," the former secretary '
        "of state told supporters.",
    )
    assert speakers(e) == [("in", "Hillary Clinton"), ("Donald", "Hillary Clinton")]


def test_the_campaign_is_the_campaign_not_its_manager():
    e = run(
        '"We are going to win," said Kellyanne Conway, the Trump campaign manager.',
        "The Clinton campaign said in a statement that Trump had insulted veterans.",
        '"It is a disgrace," the campaign added.',
    )
    kinds = {a.id: a.kind for a in e.actors}
    quote = e.quotes[1]
    assert quote.speaker is None or kinds[quote.speaker] == "organization"
    assert "campaign" in quote.speaker_label.lower()


def test_they_after_unnamed_officials_is_not_a_body_named_before():
    e = run(
        "The FBI opened an inquiry into the emails on Friday.",
        "Two officials familiar with the case said the review would take weeks. "
        '"It is routine," they said.',
    )
    assert e.quotes[0].speaker is None
    assert e.quotes[0].speaker_label == "Two officials familiar with the case"


def test_a_second_reference_does_not_take_someone_with_another_title():
    e = run(
        "Sen. Elizabeth Warren spoke in Boston on Monday.",
        '"He is unfit," the president said.',
    )
    assert e.quotes[0].speaker is None


def test_what_someone_said_stands_for_them():
    e = run(
        "Donald Trump attacked Hillary Clinton on Monday.",
        'Clinton\'s response was swift: "He is temperamentally unfit."',
        'According to a statement from the Clinton campaign, the remarks were "beneath the '
        'office."',
    )
    assert speakers(e)[0] == ("He", "Hillary Clinton")
    campaign = [a for a in e.actors if a.id == e.quotes[1].speaker]
    assert [a.kind for a in campaign] == ["organization"]
    assert "Clinton" in campaign[0].name


def test_a_dateline_the_parser_made_the_subject_is_not_the_speaker():
    e = run(
        "NEW YORK (AP) — Hillary Clinton's running mate, Tim Kaine, said Sunday that Donald "
        'Trump had "no business" being president.'
    )
    assert speakers(e) == [("no", "Tim Kaine")]


# Fiction layouts ---------------------------------------------------------------------------


def test_an_inverted_tag_with_a_description_of_a_named_person():
    e = run(
        "Parson Tringham rode past on his grey mare.",
        '"Good night, Sir John," said the parson.',
    )
    assert speakers(e) == [("Good", "Parson Tringham")]


def test_fiction_dialogue_tags():
    e = run(
        "Tommy Beresford and Prudence Cowley met in Dover Street.",
        '"Not seen you for simply centuries," murmured Tommy.',
        '"Gratuity?" hinted Prudence.',
    )
    assert speakers(e) == [("Not", "Tommy Beresford"), ("Gratuity?", "Prudence Cowley")]


def test_single_curly_marks_are_quotations_and_apostrophes_are_not():
    e = run(
        "‘We won’t move,’ said Maria Lopez. It’s the union’s call, and the girls’ teachers agree.",
        "“Because of ‘women and children first,’ of course,” said Tommy Beresford.",
    )
    assert [q.text for q in e.quotes] == [
        "We won’t move",
        "Because of ‘women and children first,’ of course",  # a quotation within a quotation
    ]
    assert speakers(e) == [("We", "Maria Lopez"), ("Because", "Tommy Beresford")]


def test_both_parts_of_a_split_quote_go_to_its_tag_not_to_a_clause_inside_it():
    e = run(
        "Anna Fortescue poured the tea for Mr. Walter Hale.",
        "“Oh, Mr. Hale,” exclaimed Mrs. Fortescue, as he finished, “I had just written to you!”",
    )
    assert speakers(e) == [("Oh,", "Anna Fortescue"), ("I", "Anna Fortescue")]


def test_a_pronoun_never_means_the_one_the_quote_calls_by_name():
    e = run(
        "Marilla Cuthbert and Rachel Lynde sat in the kitchen.",
        '"Are you in earnest, Marilla?" she demanded.',
    )
    assert speakers(e) == [("Are", "Rachel Lynde")]


# Conversations -----------------------------------------------------------------------------


def test_untagged_lines_of_a_conversation_take_turns():
    e = run(
        "Tommy Beresford and Prudence Cowley met in Dover Street.",
        '"Not seen you for simply centuries," said Tommy.',
        '"I have been in France," said Prudence.',
        '"Where are you off to now?"',
        '"Nowhere at all."',
        '"Then come and chew a bun with me."',
    )
    assert speakers(e) == [
        ("Not", "Tommy Beresford"),
        ("I", "Prudence Cowley"),
        ("Where", "Tommy Beresford"),
        ("Nowhere", "Prudence Cowley"),
        ("Then", "Tommy Beresford"),
    ]


def test_a_line_is_not_given_to_the_one_it_calls_by_name():
    e = run(
        "Tommy Beresford and Prudence Cowley met in Dover Street.",
        '"Not seen you for simply centuries," said Tommy.',
        '"I have been in France," said Prudence.',
        '"Tommy, where are you off to now?"',
        '"Nowhere at all."',
    )
    # Turn-taking gives the third line to Tommy, but it calls him: it is not his.
    assert speakers(e)[2:] == [("Tommy,", None), ("Nowhere", "Prudence Cowley")]


def test_a_line_whose_paragraph_tells_what_someone_does_is_theirs():
    e = run(
        "Tommy Beresford waited on the deck of the ship.",
        "Prudence Cowley came up the gangway with her bags.",
        '"I am carrying papers, vitally important papers." Tommy looked round and lowered '
        "his voice.",
    )
    assert speakers(e) == [("I", "Tommy Beresford")]


def test_a_line_after_narration_is_spoken_by_whom_the_narration_ends_on():
    e = run(
        "Tommy Beresford asked whether she was an American, a patriotic one.",
        "Mary Collins flushed and looked away.",
        '"I guess you have no right to ask such a thing!"',
    )
    assert speakers(e) == [("I", "Mary Collins")]
