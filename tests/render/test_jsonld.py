"""schema.org data for the pages: the types search engines read, and a headline that cannot
break out of its script element."""

from __future__ import annotations

import datetime as dt
import json
from html.parser import HTMLParser

from generator.model import Actor, Dateline, Term
from generator.render.filters import json_for_script
from generator.render.jsonld import (
    actor_ld,
    collection_ld,
    explainer_ld,
    glossary_ld,
    reading_minutes,
)
from generator.site import ActorEntry, Appearance, GlossaryItem
from tests.explainers import make_explainer

HOLT = Actor(
    id="jane-holt",
    name="Jane Holt",
    kind="person",
    role="Senator",
    affiliation="Senate",
    aliases=["Holt"],
)
SENATE = Actor(id="senate", name="Senate", kind="organization", role="Upper house")
DEMOCRATS = Actor(id="democrats", name="Democrats", kind="group")
OHIO = Actor(id="ohio", name="Ohio", kind="place")


def absolute(path: str) -> str:
    return "https://example.org/sub" + path


def test_an_explainer_is_a_background_news_article_mentioning_its_actors():
    explainer = make_explainer(
        "WASHINGTON (AP) -- " + "word " * 700,
        slug="senate-vote",
        title="Senate Votes",
        summary=["The Senate voted.", "Holt led."],
        actors=[HOLT, SENATE, DEMOCRATS, OHIO],
        glossary=[Term(term="cloture", definition="Ending debate.")],
        date=dt.date(2024, 3, 4),
        dateline=Dateline("WASHINGTON", "AP"),
        source_url="https://apnews.com/1",
        tags=["congress"],
    )
    data = explainer_ld(explainer, "Explainers", "en", absolute)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BackgroundNewsArticle"
    assert data["headline"] == "Senate Votes"
    assert data["description"] == "The Senate voted. Holt led."
    assert data["url"] == data["mainEntityOfPage"] == "https://example.org/sub/senate-vote/"
    assert data["wordCount"] == 703
    assert data["timeRequired"] == "PT3M"  # 703 words at 230 a minute
    assert data["datePublished"] == "2024-03-04"
    assert data["dateline"] == "WASHINGTON"
    assert data["sourceOrganization"] == {"@type": "Organization", "name": "AP"}
    assert data["isBasedOn"] == "https://apnews.com/1"
    assert data["keywords"] == ["congress"]
    assert data["about"] == [{"@type": "DefinedTerm", "name": "cloture"}]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Explainers",
        "url": "https://example.org/sub/",
    }
    assert data["mentions"] == [
        {
            "@type": "Person",
            "name": "Jane Holt",
            "url": "https://example.org/sub/actors/jane-holt/",
            "alternateName": ["Holt"],
            "jobTitle": "Senator",
            "affiliation": {"@type": "Organization", "name": "Senate"},
        },
        {  # no jobTitle: schema.org gives one to people only
            "@type": "Organization",
            "name": "Senate",
            "url": "https://example.org/sub/actors/senate/",
        },
        {
            "@type": "Organization",  # a group of people is an Organization to schema.org
            "name": "Democrats",
            "url": "https://example.org/sub/actors/democrats/",
        },
        {"@type": "Place", "name": "Ohio", "url": "https://example.org/sub/actors/ohio/"},
    ]


def test_what_an_article_does_not_say_is_left_out_rather_than_null():
    data = explainer_ld(make_explainer("Short."), "Explainers", "en", absolute)
    for key in ("datePublished", "dateline", "sourceOrganization", "isBasedOn", "keywords"):
        assert key not in data
    assert "about" not in data and data["mentions"] == []
    assert data["timeRequired"] == "PT1M"  # never zero minutes


def test_reading_time_rounds_to_the_nearest_minute():
    assert reading_minutes(make_explainer("word " * 344)) == 1
    assert reading_minutes(make_explainer("word " * 346)) == 2


def test_the_glossary_is_one_defined_term_set_with_plain_text_definitions():
    items = [
        GlossaryItem(
            "cloture-motion",
            Term(
                term="cloture",
                definition="<p>Ending a <em>debate</em> by vote.</p>",
                source="knowledge",
            ),
        ),
        GlossaryItem("veto", Term(term="veto", definition="A <no> from the president.")),
    ]
    data = glossary_ld(items, "Explainers", absolute)
    assert data["@type"] == "DefinedTermSet"
    assert data["@id"] == data["url"] == "https://example.org/sub/glossary/"
    assert data["name"] == "Glossary · Explainers"
    assert data["hasDefinedTerm"] == [
        {
            "@type": "DefinedTerm",
            "@id": "https://example.org/sub/glossary/#cloture-motion",
            "name": "cloture",
            "description": "Ending a debate by vote.",
            "inDefinedTermSet": "https://example.org/sub/glossary/",
        },
        {
            "@type": "DefinedTerm",
            "@id": "https://example.org/sub/glossary/#veto",
            "name": "veto",
            "description": "A <no> from the president.",  # article text: never HTML
            "inDefinedTermSet": "https://example.org/sub/glossary/",
        },
    ]


def test_an_actor_page_is_a_profile_page_about_the_actor_and_the_explainers_naming_them():
    vote = make_explainer("Holt voted.", slug="senate-vote", title="Senate Votes", actors=[HOLT])
    later = Actor(
        id="jane-holt", name="Jane Holt", kind="person", role="Governor", affiliation="Ohio"
    )
    budget = make_explainer("Holt spoke.", slug="budget", title="Budget Passes", actors=[later])
    entry = ActorEntry(
        id="jane-holt",
        name="Jane Holt",
        kind="person",
        appearances=[Appearance(vote, HOLT, []), Appearance(budget, later, [])],
    )
    data = actor_ld(entry, absolute)
    assert data["@type"] == "ProfilePage"
    assert data["url"] == "https://example.org/sub/actors/jane-holt/"
    assert data["mainEntity"] == {
        "@type": "Person",
        "name": "Jane Holt",
        "url": "https://example.org/sub/actors/jane-holt/",
        "jobTitle": "Senator",  # the role in the first explainer
        "affiliation": [
            {"@type": "Organization", "name": "Senate"},
            {"@type": "Organization", "name": "Ohio"},
        ],
        "subjectOf": [
            {
                "@type": "BackgroundNewsArticle",
                "headline": "Senate Votes",
                "url": "https://example.org/sub/senate-vote/",
            },
            {
                "@type": "BackgroundNewsArticle",
                "headline": "Budget Passes",
                "url": "https://example.org/sub/budget/",
            },
        ],
    }


def test_an_organisation_page_has_no_job_title_whatever_the_articles_call_it():
    senate = make_explainer("The Senate voted.", actors=[SENATE])
    entry = ActorEntry("senate", "Senate", "organization", [Appearance(senate, SENATE, [])])
    assert actor_ld(entry, absolute)["mainEntity"] == {
        "@type": "Organization",
        "name": "Senate",
        "url": "https://example.org/sub/actors/senate/",
        "subjectOf": [
            {
                "@type": "BackgroundNewsArticle",
                "headline": "A headline",
                "url": "https://example.org/sub/story/",
            }
        ],
    }


def test_a_listing_is_a_collection_page_numbering_its_items_from_one():
    data = collection_ld("Explainers", absolute("/"), "All of them.", [("A", "/a/"), ("B", "/b/")])
    assert data["@type"] == "CollectionPage"
    assert data["mainEntity"] == {
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "A", "url": "/a/"},
            {"@type": "ListItem", "position": 2, "name": "B", "url": "/b/"},
        ],
    }


class Scripts(HTMLParser):
    """The elements of a page and the text of each script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self.scripts.append("")

    def handle_data(self, data):
        if self.tags and self.tags[-1] == "script":
            self.scripts[-1] += data


def test_a_headline_with_a_closing_script_tag_stays_inside_the_json_ld():
    title = "Officials </script ><script>alert(1)</script> & <!-- react"
    holt = Actor(id="x", name="</SCRIPT/><img src=x onerror=alert(2)>", kind="person")
    explainer = make_explainer("Text.", title=title, actors=[holt], summary=["</script>"])
    data = explainer_ld(explainer, "Explainers", "en", absolute)
    script = json_for_script(data)
    # What ends a script element's text in a browser, or makes "</script>" stop ending it.
    assert "</script" not in script.lower() and "<!--" not in script
    parsed = Scripts()
    parsed.feed(f'<script type="application/ld+json">{script}</script><p>after</p>')
    assert parsed.tags == ["script", "p"]  # one script, and the page goes on after it
    assert json.loads(parsed.scripts[0]) == data
    assert data["headline"] == title
