"""The theme's filters, alone and in an autoescaping template as the theme uses them."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from jinja2 import Environment

from generator.render.filters import (
    FILTERS,
    context_label,
    initial,
    json_for_script,
    kind_label,
    kind_plural,
    long_date,
    plural,
    rich,
    role_line,
    times,
)

HOSTILE = {"headline": "</script><script>alert(1)</script><!-- & \u2028 é", "n": [1, True, None]}


def test_json_for_script_keeps_the_value_and_no_character_that_could_end_the_script():
    text = json_for_script(HOSTILE)
    assert json.loads(text) == HOSTILE
    assert not {"<", ">", "&", "\u2028"} & set(text)
    assert "é" in text  # other text stays as written, not as \u escapes


@pytest.mark.parametrize(
    ("text", "letter"),
    [("cease-fire", "C"), ("  zeta", "Z"), ("Émigré", "E"), ("9/11", "#"), ("1967 war", "#")],
)
def test_initial_files_a_term_under_its_first_letter_without_accents(text, letter):
    assert initial(text) == letter


def test_initial_of_an_empty_term_is_the_catch_all():
    assert initial("") == "#"


def test_kinds_have_labels_and_plurals_and_an_unknown_kind_is_capitalised():
    assert [kind_label(k) for k in ("person", "organization", "ship")] == [
        "Person",
        "Organization",
        "Ship",
    ]
    assert [kind_plural(k) for k in ("person", "group", "place")] == ["People", "Groups", "Places"]


def test_context_labels_read_as_headings_and_an_unknown_kind_as_words():
    assert context_label("whats-next") == "What’s next"
    assert context_label("process") == "How it works"
    assert context_label("back-story") == "Back story"


@pytest.mark.parametrize(
    ("n", "words"), [(1, "once"), (2, "twice"), (3, "3 times"), (0, "0 times")]
)
def test_times(n, words):
    assert times(n) == words


@pytest.mark.parametrize(
    ("n", "words"), [(1, "1 explainer"), (0, "0 explainers"), (2, "2 explainers")]
)
def test_plural(n, words):
    assert plural(n, "explainer", "explainers") == words


def test_long_date_is_a_time_element_with_the_day_unpadded():
    assert long_date(dt.date(2024, 3, 4)) == '<time datetime="2024-03-04">March 4, 2024</time>'


@pytest.mark.parametrize(
    ("role", "affiliation", "line"),
    [
        ("Prime minister", "Israel", "Prime minister, Israel"),
        (None, "Israel", "Israel"),
        ("Senator", "", "Senator"),
        (None, None, ""),
    ],
)
def test_role_line_joins_what_is_known(role, affiliation, line):
    assert role_line(role, affiliation) == line


def test_rich_escapes_article_text_into_a_paragraph_and_keeps_knowledge_base_html():
    assert rich('<b>Bold</b> & "quoted"', "article") == (
        "<p>&lt;b&gt;Bold&lt;/b&gt; &amp; &#34;quoted&#34;</p>"
    )
    assert rich("<p>A <em>truce</em>.</p>", "knowledge") == "<p>A <em>truce</em>.</p>"


def test_in_an_autoescaping_template_the_filters_markup_is_not_escaped_twice():
    env = Environment(autoescape=True)
    env.filters.update(FILTERS)
    template = env.from_string(
        '<script type="application/ld+json">{{ data|tojson_script }}</script>'
        "{{ day|long_date }}{{ body|rich('article') }}{{ kind|kind_plural }}"
    )
    page = template.render(data=HOSTILE, day=dt.date(2024, 3, 4), body="<i>x</i>", kind="person")
    script = page.removeprefix('<script type="application/ld+json">').split("</script>")[0]
    assert json.loads(script) == HOSTILE
    assert page.endswith(
        '</script><time datetime="2024-03-04">March 4, 2024</time><p>&lt;i&gt;x&lt;/i&gt;</p>People'
    )
