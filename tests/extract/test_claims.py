"""Attributed claims: what speakers are reported to have said outside quotation marks, on
the layouts news uses, and what is no claim."""

from __future__ import annotations

import json

from generator.incremental.codec import extraction_from_dict, extraction_to_dict
from generator.model import Claim, Extraction
from tests.nlp import extraction_of


def said(e: Extraction) -> list[tuple[str | None, str, str]]:
    """(speaker's name, verb, text) of each claim, in article order."""
    names = {a.id: a.name for a in e.actors}
    return [(names.get(c.speaker), c.verb, c.text) for c in e.claims]


def test_indirect_speech_is_a_claim_of_its_speaker_and_a_quote_is_not():
    e = extraction_of(
        "Fed Chair Miriam Castellanos said the committee would need more evidence before "
        'cutting rates. "The job is not done," Castellanos said.',
        "Mark Ellison, the treasury secretary, said at an event in New York that the "
        "administration respected the central bank's independence.",
    )
    assert said(e) == [
        (
            "Miriam Castellanos",
            "said",
            "the committee would need more evidence before cutting rates",
        ),
        (
            "Mark Ellison",
            "said",
            "the administration respected the central bank's independence",
        ),
    ]
    assert [c.paragraph for c in e.claims] == [1, 2]
    claim = e.claims[1]
    assert "\n\n".join(e.paragraphs)[claim.start : claim.end] == claim.text


def test_a_claim_before_its_speaker_goes_to_the_body_a_description_means():
    e = extraction_of(
        "The U.S. Centers for Disease Control and Prevention (CDC) sent a team of "
        "epidemiologists to Nigeria. The CDC team arrived in the city of Kano last week, "
        "the agency said.",
    )
    assert said(e) == [
        (
            "Centers for Disease Control and Prevention",
            "said",
            "The CDC team arrived in the city of Kano last week",
        )
    ]


def test_according_to_gives_the_clause_up_to_the_phrase_and_the_body_behind_the_source():
    e = extraction_of(
        "Consumer prices rose 3.1% in the year through May, according to the Labor "
        "Department's consumer price index, down from a peak of 9.1% two years ago.",
        "According to Halvard Labs, the data went on sale on a criminal forum on March 12.",
    )
    assert said(e) == [
        ("Labor Department", "according to", "Consumer prices rose 3.1% in the year through May"),
        ("Halvard Labs", "According to", "the data went on sale on a criminal forum on March 12"),
    ]


def test_told_accused_denied_and_confirmed():
    e = extraction_of(
        "Jefferson County Sheriff Marisa Quintero told reporters that most residents had left "
        "by early afternoon.",
        "The Pacific Shipping Council accused the union of holding the economy hostage.",
        "Union president Rosalind Achebe denied that her members had walked away.",
        "The Republican National Committee confirmed that it had sent lawyers to Madison.",
    )
    assert said(e) == [
        ("Marisa Quintero", "told reporters", "most residents had left by early afternoon"),
        ("Pacific Shipping Council", "accused", "the union of holding the economy hostage"),
        ("Rosalind Achebe", "denied", "her members had walked away"),
        ("Republican National Committee", "confirmed", "it had sent lawyers to Madison"),
    ]


def test_an_unnamed_source_keeps_the_phrase_that_introduced_it():
    e = extraction_of(
        "A senior Fed official, who spoke on condition of anonymity to discuss internal "
        "deliberations, said several members had argued for a cut. The official said the "
        'debate was "unusually sharp" by the standards of the committee.',
    )
    assert [(c.speaker, c.speaker_label) for c in e.claims] == [
        (None, "a senior Fed official"),
        (None, "a senior Fed official"),
    ]
    assert e.claims[1].text == 'the debate was "unusually sharp" by the standards of the committee'


def test_pronouns_and_a_clause_of_manner_follow_their_subject():
    e = extraction_of(
        "Fed Governor Thomas Lindgren cast the only dissenting vote. He favored a cut of a "
        "quarter point, arguing that unemployment had risen for four straight months.",
        "Nigeria's health minister, Amara Okafor, spoke on Monday. She said the government had "
        "set aside emergency funds to pay vaccinators.",
    )
    assert said(e) == [
        ("Thomas Lindgren", "arguing", "unemployment had risen for four straight months"),
        ("Amara Okafor", "said", "the government had set aside emergency funds to pay vaccinators"),
    ]


def test_a_partial_quote_is_marked_and_keeps_its_closing_mark():
    e = extraction_of(
        'Netanyahu said the U.S. abstention on the U.N. vote was "very, very bad." Israel '
        "has so far rejected American appeals.",
    )
    [claim] = e.claims
    assert claim.text == 'the U.S. abstention on the U.N. vote was "very, very bad."'
    assert claim.partial_quote
    assert (
        not extraction_of("Raman said a weaker jobs report could change minds.")
        .claims[0]
        .partial_quote
    )


def test_what_was_not_said_asked_for_or_only_imagined_is_no_claim():
    e = extraction_of(
        "Rourke would not say whether anyone at the department would be disciplined.",
        "Osterhout declined to say whether a lawsuit was planned.",
        "If the court says the law is valid, the state will enforce it at once.",
        "Treasury Secretary Mark Ellison urged lawmakers on Wednesday to act quickly.",
        "Reporters asked whether the president would intervene.",
        "That said, the union wants to avoid a repeat.",
        'Whitfield said: "Every month the Fed waits, another family gives up."',
        "The agency warned residents not to drink from the river.",
        "Osterhout said the campaign would decide next week.",
    )
    assert said(e) == [("Osterhout", "said", "the campaign would decide next week")]


def test_the_claim_reported_by_another_is_the_speakers_and_nested_attribution_is_its_text():
    e = extraction_of(
        "Foreign Minister Park Ji-hoon told his counterpart Kenji Hamada that the fishermen "
        "should be released without delay, the ministry said in a statement.",
        "Ines Kovac said the U.N. would publish a report comparing pledges with the cuts "
        "scientists say are needed.",
    )
    assert said(e) == [
        (
            "Park Ji-hoon",
            "told his counterpart Kenji Hamada",
            "the fishermen should be released without delay",
        ),
        (
            "Ines Kovac",
            "said",
            "the U.N. would publish a report comparing pledges with the cuts scientists say "
            "are needed",
        ),
    ]


def test_a_second_act_of_the_speaker_is_not_part_of_the_claim():
    e = extraction_of(
        "White House press secretary Lena Ortiz said the administration supported the bill "
        "and urged the House of Representatives to pass it without changes.",
    )
    assert said(e) == [("Lena Ortiz", "said", "the administration supported the bill")]


def test_claims_come_back_from_the_extraction_cache_as_they_were():
    e = extraction_of("The WHO said it expects the first phase to be completed next month.")
    again = extraction_from_dict(json.loads(json.dumps(extraction_to_dict(e))))
    assert again.claims == e.claims
    assert all(isinstance(c, Claim) for c in again.claims) and again.claims


def test_a_quotation_opening_the_clause_keeps_its_opening_mark():
    e = extraction_of(
        'But a Republican aide, who spoke on condition of anonymity, said "a dozen or more" '
        "conservatives were prepared to vote against it.",
    )
    assert [c.text for c in e.claims] == [
        '"a dozen or more" conservatives were prepared to vote against it'
    ]


def test_what_the_reporter_adds_about_the_speaker_after_and_is_not_the_claim():
    e = extraction_of(
        'Castellanos said the committee would need "greater confidence" that inflation was '
        "moving steadily toward 2% before lowering rates, and she declined to say when that "
        "might happen.",
        "Netanyahu said the abstention was bad, and that it encouraged Hamas.",
    )
    assert [c.text for c in e.claims] == [
        'the committee would need "greater confidence" that inflation was moving steadily '
        "toward 2% before lowering rates",
        "the abstention was bad, and that it encouraged Hamas",
    ]
