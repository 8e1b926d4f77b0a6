"""Large sites stay readable: the index in pages, and long lists on glossary and actor pages
cut to the newest with the rest one step away."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.config import load_config
from generator.errors import InputErrors
from generator.knowledge.load import Knowledge
from generator.model import Actor, Explainer, Extraction, Term, TokenTable
from generator.publish.staging import SiteWriter
from generator.render.environment import Renderer
from generator.render.routes import render_site
from generator.site import assemble

ARTICLES = 30


def _explainer(n: int) -> Explainer:
    extraction = Extraction(
        slug=f"story-{n:02d}",
        title=f"Story number {n}",
        dateline=None,
        date=dt.date(2024, 1, 1) + dt.timedelta(days=n),  # story-29 is the newest
        summary=[],
        actors=[],
        quotes=[],
        context=[],
        terms=[],
        mentions=[],
        tokens=TokenTable(),
        paragraphs=[f"Paragraph of story {n}."],
    )
    mayor = Actor("jane-roe", "Jane Roe", "person", role="mayor", mentions=2, key=True)
    term = Term("quorum", "The smallest number of members who must be present.", id="quorum")
    return Explainer(extraction, [mayor], [], [f"Summary {n}."], [], [term])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("paged")
    (folder / "site.toml").write_text('title = "Paged"\nper_page = 8\n')
    config = load_config(folder / "site.toml")
    built = assemble([_explainer(n) for n in range(ARTICLES)], Knowledge(), dt.datetime.now(dt.UTC))
    writer = SiteWriter(config.output_dir)
    render_site(built, Renderer(config), writer)
    writer.commit()
    writer.wait()
    return config.output_dir


def _links(page: Path) -> list[str]:
    return re.findall(r'href="/(story-\d+)/"', page.read_text())


def test_the_index_is_cut_into_pages_newest_first(site):
    pages = [site / "index.html"] + [site / "page" / str(n) / "index.html" for n in (2, 3, 4)]
    listed = [_links(page) for page in pages]
    assert [len(found) for found in listed] == [8, 8, 8, 6]
    everything = [slug for found in listed for slug in found]
    assert everything == [f"story-{n:02d}" for n in reversed(range(ARTICLES))]
    assert not (site / "page" / "1").exists() and not (site / "page" / "5").exists()


def test_each_page_links_its_neighbours_and_says_where_it_is(site):
    first = (site / "index.html").read_text()
    assert 'rel="next" href="/page/2/"' in first and 'rel="prev"' not in first
    second = (site / "page" / "2" / "index.html").read_text()
    assert 'rel="prev" href="/"' in second and 'rel="next" href="/page/3/"' in second
    assert "Page 2 of 4" in second and "<title>Explainers, page 2 of 4 · Paged</title>" in second
    assert 'aria-current="true">Explainers' in second  # the site menu still says where we are
    last = (site / "page" / "4" / "index.html").read_text()
    assert 'rel="next"' not in last


def test_a_term_lists_its_newest_explainers_and_searches_for_the_rest(site):
    glossary = (site / "glossary" / "index.html").read_text()
    used_in = re.findall(r'href="/(story-\d+)/#term-quorum"', glossary)
    assert used_in == [f"story-{n:02d}" for n in range(29, 21, -1)]
    assert '#term-quorum">Story number 22</a>; <span class="used-more">and 22 more' in glossary
    assert 'href="/search/?q=quorum"' in glossary


def test_an_actor_page_details_the_newest_and_lists_every_earlier_one(site):
    page = (site / "actors" / "jane-roe" / "index.html").read_text()
    detailed, earlier = page.split('class="earlier-h"')
    assert len(re.findall(r'<li class="appearance">', detailed)) == 20
    assert re.findall(r'href="/(story-\d+)/#actor-jane-roe"', earlier) == [
        f"story-{n:02d}" for n in range(9, -1, -1)
    ]


def test_per_page_must_be_positive(tmp_path):
    (tmp_path / "site.toml").write_text("per_page = 0\n")
    with pytest.raises(InputErrors) as caught:
        load_config(tmp_path / "site.toml")
    assert "per_page" in str(caught.value) and ":1:" in str(caught.value)
