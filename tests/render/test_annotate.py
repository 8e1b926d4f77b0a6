"""The article's paragraphs as HTML: actor links, term definitions, and escaped text."""

from __future__ import annotations

from generator.model import Actor, Mention, Term
from generator.render.annotate import annotated_paragraphs
from tests.explainers import make_explainer, span

HOLT = Actor(id="jane-holt", name="Jane Holt", kind="person")


def under_sub(path: str) -> str:
    """The site's URLs when base_url has the path /sub."""
    return "/sub" + path


def mention(paragraphs: tuple[str, ...], phrase: str, actor: str, nth: int = 0) -> Mention:
    return Mention(actor, *span(paragraphs, phrase, nth))


def term(paragraphs: tuple[str, ...], phrase: str, definition: str, **fields: str) -> Term:
    start, end = span(paragraphs, phrase)
    return Term(term=phrase, definition=definition, start=start, end=end, **fields)


def test_the_first_mention_of_an_actor_links_to_its_card_and_all_text_is_escaped():
    paragraphs = (
        'WASHINGTON (AP) -- <i>Today</i> Jane Holt met <b>Tom</b> & "friends".',
        "Holt said <script>alert(1)</script> was in the draft.",
    )
    explainer = make_explainer(
        *paragraphs,
        actors=[HOLT],
        mentions=[
            mention(paragraphs, "Jane Holt", "jane-holt"),
            mention(paragraphs, "Holt", "jane-holt", nth=1),
        ],
    )
    first, second = annotated_paragraphs(explainer, under_sub)
    assert first == (
        "WASHINGTON (AP) -- &lt;i&gt;Today&lt;/i&gt; "
        '<a class="actor-link" href="#actor-jane-holt">Jane Holt</a> met '
        "&lt;b&gt;Tom&lt;/b&gt; &amp; &#34;friends&#34;."
    )
    # Only the first mention is a link; later ones stay text.
    assert second == "Holt said &lt;script&gt;alert(1)&lt;/script&gt; was in the draft."


def test_a_glossary_term_opens_its_definition_and_links_to_the_glossary_under_base_url():
    paragraphs = ("Holt said the cease-fire would hold.",)
    cease_fire = term(
        paragraphs,
        "cease-fire",
        id="cease-fire",
        source="knowledge",
        definition="<p>A halt to <em>fighting</em>.</p>",
    )
    (html,) = annotated_paragraphs(make_explainer(*paragraphs, glossary=[cease_fire]), under_sub)
    assert html.startswith(
        'Holt said the <button type="button" class="term" popovertarget="def-cease-fire">'
        "cease-fire</button>"
    )
    assert '<span class="term-pop" id="def-cease-fire" popover data-pagefind-ignore>' in html
    # The knowledge base's HTML is kept inline: its paragraph tags would break the sentence.
    assert '<span class="term-def">A halt to <em>fighting</em>.</span>' in html
    assert '<a class="term-more" href="/sub/glossary/#cease-fire">In the glossary</a>' in html
    assert html.endswith("</span> would hold.")


def test_a_definition_from_the_article_is_escaped_and_a_quote_in_a_term_stays_in_its_attribute():
    paragraphs = ('Officials crossed the "red line" again.',)
    red_line = term(paragraphs, '"red line"', definition="<script>alert(1)</script>")
    (html,) = annotated_paragraphs(make_explainer(*paragraphs, glossary=[red_line]), under_sub)
    assert "<script>" not in html
    assert '<span class="term-def">&lt;script&gt;alert(1)&lt;/script&gt;</span>' in html
    assert 'popovertarget="def-red-line">&#34;red line&#34;</button>' in html  # slug: no id
    assert 'aria-label="Close the definition of &#34;red line&#34;"' in html


def test_of_two_overlapping_marks_the_earliest_and_then_the_longest_is_kept():
    paragraphs = ("The Jane Holt Act passed, and Jane Holt spoke.",)
    explainer = make_explainer(
        *paragraphs,
        actors=[HOLT],
        mentions=[mention(paragraphs, "Jane Holt", "jane-holt")],
        glossary=[term(paragraphs, "Jane Holt Act", id="holt-act", definition="A law.")],
    )
    (html,) = annotated_paragraphs(explainer, under_sub)
    assert html.startswith(
        'The <button type="button" class="term" popovertarget="def-holt-act">Jane Holt Act</button>'
    )
    assert "actor-link" not in html  # the actor's first mention lay inside the term
    assert html.endswith("</span> passed, and Jane Holt spoke.")


def test_a_mark_across_a_paragraph_break_is_left_out_and_the_next_ones_still_apply():
    paragraphs = ("The talks ended with Jane", "Holt and Tom Reyes leaving.")
    reyes = Actor(id="tom-reyes", name="Tom Reyes", kind="person")
    across = Mention("jane-holt", span(paragraphs, "Jane")[0], span(paragraphs, "Holt")[1])
    explainer = make_explainer(
        *paragraphs,
        actors=[HOLT, reyes],
        mentions=[across, mention(paragraphs, "Tom Reyes", "tom-reyes")],
    )
    assert annotated_paragraphs(explainer, under_sub) == [
        "The talks ended with Jane",
        'Holt and <a class="actor-link" href="#actor-tom-reyes">Tom Reyes</a> leaving.',
    ]


def test_a_term_the_article_never_uses_adds_nothing_to_the_text():
    paragraphs = ("Holt said the vote mattered.",)
    unused = Term(term="filibuster", definition="A delay.", id="filibuster")  # start -1
    assert annotated_paragraphs(make_explainer(*paragraphs, glossary=[unused]), under_sub) == [
        "Holt said the vote mattered."
    ]
