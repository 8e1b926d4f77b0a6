"""Knowledge learned across the site: a person's role found in one explainer is used where
another names them without it."""

from __future__ import annotations

import datetime as dt

from generator.config import load_config
from generator.knowledge.load import Knowledge
from generator.model import Actor
from generator.pipeline import Builder
from generator.render.explainer_json import explainer_json
from generator.site import assemble
from tests.explainers import make_explainer
from tests.sites import ROOT

NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def dermer(name: str = "Ron Dermer", **facts) -> Actor:
    return Actor(id="ron-dermer" if " " in name else "dermer", name=name, kind="person", **facts)


def explainers():
    first = make_explainer(
        "Ron Dermer, Israel's strategic affairs minister, flew to Washington.",
        slug="talks",
        actors=[dermer(role="Strategic Affairs Minister", affiliation="Israel")],
        date=dt.date(2024, 3, 18),
    )
    later = make_explainer(
        "Dermer met the national security adviser.",
        slug="meeting",
        actors=[dermer("Dermer"), Actor(id="jane-roe", name="Jane Roe", kind="person")],
        date=dt.date(2024, 3, 20),
    )
    return first, later


def test_a_role_found_in_one_explainer_is_given_where_another_names_the_person_alone():
    first, later = explainers()
    assemble([first, later], Knowledge(), NOW)
    alone = later.actors[0]
    assert (alone.role, alone.affiliation) == ("Strategic Affairs Minister", "Israel")
    assert alone.learned_from == "talks"
    assert explainer_json(later)["actors"][0]["learned_from"] == "talks"
    assert later.actors[1].role is None  # nobody says who Jane Roe is
    assert first.actors[0].learned_from is None  # its own article said it


def test_what_was_learned_goes_when_the_explainer_it_came_from_goes():
    first, later = explainers()
    assemble([first, later], Knowledge(), NOW)
    assert later.actors[0].learned_from == "talks"
    assemble([later], Knowledge(), NOW)  # the next build, the first seed deleted
    alone = later.actors[0]
    assert (alone.role, alone.affiliation, alone.learned_from) == (None, None, None)


def test_a_surname_two_people_share_learns_nothing():
    first, later = explainers()
    later.actors.append(Actor(id="roe", name="Roe", kind="person"))
    other = make_explainer(
        "Anna Dermer, a historian, and Judge Jane Roe spoke.",
        slug="history",
        actors=[
            Actor(id="anna-dermer", name="Anna Dermer", kind="person", role="Historian"),
            Actor(id="jane-roe", name="Jane Roe", kind="person", role="Judge"),
        ],
    )
    assemble([first, later, other], Knowledge(), NOW)
    assert later.actors[0].role is None  # which Dermer?
    assert (later.actors[2].role, later.actors[2].learned_from) == ("Judge", "history")


def test_the_page_links_a_learned_role_to_the_explainer_it_came_from(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(
        "Senate Breaks Filibuster\n\nWASHINGTON (AP) -- Senator Jane Holt broke the "
        "filibuster on Tuesday.\n"
    )
    (tmp_path / "seeds" / "b.txt").write_text(
        "Holt Calls For Calm\n\nWASHINGTON (AP) -- Jane Holt called for calm on Friday.\n"
    )
    (tmp_path / "site.toml").write_text(f'title = "T"\ntheme = "{ROOT / "theme"}"\n')
    config = load_config(tmp_path / "site.toml")
    Builder(config, keep=False).build(search=False)
    page = (config.output_dir / "holt-calls-for-calm" / "index.html").read_text()
    assert (
        'Senator <a class="learned-from" href="/senate-breaks-filibuster/">'
        "(as another explainer says)</a>"
    ) in page
