"""Claims on the pages: each actor card shows what the actor said, quoted and paraphrased, in
article order; unnamed sources have their own entry; actor pages and explainer.json list the
claims too."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from generator.config import load_config
from generator.knowledge.load import Knowledge
from generator.model import Actor, Claim, Quote
from generator.publish.staging import SiteWriter
from generator.render.environment import Renderer
from generator.render.routes import render_site
from generator.site import assemble
from tests.explainers import make_explainer

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "generator" / "schema" / "explainer-1.json").read_text())
PARAGRAPHS = [
    "Prime Minister Jane Roe said the budget was balanced.",
    '"We kept our promises," Roe said.',
    'Roe accused the opposition of "wrecking" the talks.',
    "A senior official said the vote would be <script>delayed</script>.",
    "The Treasury said revenue had risen.",
]
TEXT = "\n\n".join(PARAGRAPHS)


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def claim(words: str, speaker: str | None, label: str, verb: str, paragraph: int) -> Claim:
    start, end = span(words)
    return Claim(words, speaker, label, verb, paragraph, '"' in words, start, end)


def quote(words: str, speaker: str, paragraph: int) -> Quote:
    start, end = span(words)
    return Quote(words, speaker, "Jane Roe", paragraph, start, end)


def explainer():
    roe = Actor("jane-roe", "Jane Roe", "person", role="Prime Minister", mentions=3, key=True)
    claims = [
        claim("the budget was balanced", "jane-roe", "Jane Roe", "said", 1),
        claim('the opposition of "wrecking" the talks', "jane-roe", "Jane Roe", "accused", 3),
        claim("the vote would be <script>delayed</script>", None, "a senior official", "said", 4),
        claim("revenue had risen", "treasury", "Treasury", "said", 5),
    ]
    quotes = [quote("We kept our promises", "jane-roe", 2), quote("wrecking", "jane-roe", 3)]
    made = make_explainer(*PARAGRAPHS, slug="budget", actors=[roe], quotes=quotes)
    made.extraction.claims = claims
    # The Treasury is hidden by an editor: its claim keeps its words without a speaker.
    made.claims = [*claims[:3], replace(claims[3], speaker=None)]
    return made


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("claims")
    (folder / "site.toml").write_text('title = "Claims"\n')
    config = load_config(folder / "site.toml")
    built = assemble([explainer()], Knowledge(), dt.datetime(2024, 5, 1, tzinfo=dt.UTC))
    writer = SiteWriter(config.output_dir)
    render_site(built, Renderer(config), writer)
    writer.commit()
    writer.wait()
    return config.output_dir


def text_of(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def card(page: str, element_id: str) -> str:
    start = page.index(f'id="{element_id}"')
    return page[start : page.index("</li>", start)]


def test_an_actor_card_shows_quotes_and_claims_in_article_order_claims_marked(site):
    page = (site / "budget" / "index.html").read_text()
    said = text_of(card(page, "actor-jane-roe"))
    assert said.index("Paraphrase said the budget was balanced") < said.index(
        "“We kept our promises”"
    )
    assert said.index("“We kept our promises”") < said.index(
        "Paraphrase accused the opposition of &#34;wrecking&#34; the talks"
    )
    assert "“wrecking”" not in said  # the partial quote is shown inside its claim only


def test_unnamed_sources_have_their_own_entry_and_a_hidden_actor_is_none_of_them(site):
    page = (site / "budget" / "index.html").read_text()
    entry = card(page, "unnamed-sources")
    assert "Unnamed sources" in entry
    assert "A senior official" in entry
    assert "the vote would be &lt;script&gt;delayed&lt;/script&gt;" in entry
    assert "<script>delayed" not in page
    assert "revenue had risen" not in entry


def test_the_actor_page_lists_the_claims_with_the_quotes(site):
    page = text_of((site / "actors" / "jane-roe" / "index.html").read_text())
    first = page.index("Paraphrase said the budget was balanced")
    assert first < page.index("“We kept our promises”") < page.index("Paraphrase accused")


def test_explainer_json_has_the_claims_and_the_schema_still_takes_a_file_without_them(site):
    data = json.loads((site / "budget" / "explainer.json").read_text())
    jsonschema.validate(data, SCHEMA)
    assert data["claims"][1] == {
        "text": 'the opposition of "wrecking" the talks',
        "speaker": "jane-roe",
        "speaker_label": "Jane Roe",
        "verb": "accused",
        "paragraph": 3,
        "partial_quote": True,
    }
    assert [c["speaker"] for c in data["claims"]] == ["jane-roe", "jane-roe", None, None]
    older = {k: v for k, v in data.items() if k != "claims"}
    jsonschema.validate(older, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "claims": [{"text": "x", "speaker": None}]}, SCHEMA)
