"""A site built from one seed of each format: every article is a page whose text holds no
byline, date line, caption or trailer, whose credits show as a "By" line, and whose summary
starts with the story itself."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.config import load_config
from generator.pipeline import build
from tests.sites import assert_nothing_injected, write_site_toml

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = (
    "ap-byline-trailer.txt",
    "wikinews.txt",
    "wildfire.md",
    "nitf.xml",
    "newsml-message.xml",  # two text items, a picture, and an item with no headline
    "saved-page.html",
)
BYLINES = {
    "senate-sends-stopgap-spending-bill-to-the-president": (
        "By Lisa Mascaro, Mary Clare Jalonick, Kevin Freking and Farnoush Amiri"
    ),
    "wildfire-forces-evacuations-in-southern-california": "By Julie Watson and Amy Taxin",
    "fed-holds-rates-steady-and-still-expects-three-cuts-this": (
        "By Christopher Rugaber, Stan Choe and Paul Wiseman"
    ),
    "strong-earthquake-shakes-northern-japan": "By Mari Yamaguchi",
    "senate-sends-stopgap-bill-to-the-president": "By Lisa Mascaro and Mary Clare Jalonick",
}
NO_BYLINE = (
    "pope-francis-arrives-in-cuba-for-three-day-visit",
    "european-central-bank-keeps-rates-on-hold",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    seeds = folder / "seeds"
    seeds.mkdir()
    for name in SEEDS:
        shutil.copy(FIXTURES / name, seeds / name)
    config = load_config(write_site_toml(folder, seeds=seeds))
    return config, build(config, search=False)


@pytest.mark.slow
def test_every_article_of_every_format_is_a_page_and_the_bad_item_an_error(built):
    config, report = built
    (error,) = report.errors
    assert str(error).startswith(f"{config.seeds_dir / 'newsml-message.xml'}:81: news item 4")
    slugs = {p.parent.name for p in config.output_dir.glob("*/explainer.json")}
    assert slugs == {*BYLINES, *NO_BYLINE}


@pytest.mark.slow
def test_credits_show_as_a_by_line_and_wire_furniture_is_nowhere_on_the_page(built):
    config, _ = built
    for slug, byline in BYLINES.items():
        page = (config.output_dir / slug / "index.html").read_text()
        assert f'<p class="meta byline">{byline}</p>' in page, slug
        assert_nothing_injected(page)
    for slug in (*BYLINES, *NO_BYLINE):
        page = (config.output_dir / slug / "index.html").read_text()
        for furniture in ("contributed to this report", "AP Photo", "Reporting by", "___"):
            assert furniture not in page, (slug, furniture)
    for slug in NO_BYLINE:
        assert "byline" not in (config.output_dir / slug / "index.html").read_text()


@pytest.mark.slow
def test_a_date_line_is_the_date_and_never_the_first_sentence_of_the_summary(built):
    config, _ = built
    data = json.loads(
        (
            config.output_dir
            / "pope-francis-arrives-in-cuba-for-three-day-visit"
            / "explainer.json"
        ).read_text()
    )
    assert data["date"] == "2015-09-19"
    assert data["summary"] and not any("September 19, 2015" in s for s in data["summary"])
    assert data["summary"][0].startswith("Pope Francis arrived in Havana")
