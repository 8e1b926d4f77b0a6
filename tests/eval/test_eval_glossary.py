"""`make eval`'s glossary figures: needed terms defined, senses right, obvious entries."""

from __future__ import annotations

import json
from pathlib import Path

from generator.eval.glossary import ArticleGlossary, glossary_table, judge, load_glossary_gold
from generator.model import Term
from tests.explainers import make_explainer, span

PARAGRAPHS = ("Officials said the aquifers fell, the cease-fire held and the farmer sold hay.",)


def gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold" / "story.json"
    path.parent.mkdir()
    path.write_text(
        json.dumps(
            {
                "article": "articles/story.txt",
                "written": 6,
                "blind": True,
                "needed": ["aquifer", "ceasefire|truce", "water table"],
                "acceptable": ["hay"],
                "senses": [
                    {"term": "aquifer", "definition": "Underground water.", "right": True},
                    {"term": "farmer", "definition": "A cook.", "right": False},
                ],
            }
        )
    )
    return path


def term(phrase: str, headword: str, definition: str, source: str = "dictionary") -> Term:
    return Term(headword, definition, source, headword, *span(PARAGRAPHS, phrase))


def test_each_entry_shown_is_judged_against_the_gold(tmp_path):
    explainer = make_explainer(
        *PARAGRAPHS,
        glossary=[
            term("aquifers", "aquifer", "Underground water."),
            term("cease-fire", "cease-fire", "<p>A halt.</p>", "knowledge"),
            term("farmer", "farmer", "A cook."),
            term("hay", "hay", "Dried grass."),
        ],
    )
    defined, shown = judge(explainer, load_glossary_gold(gold(tmp_path)))
    assert defined == 2  # aquifer, and cease-fire as the gold's "ceasefire"; not water table
    assert [(s.term, s.obvious, s.right) for s in shown] == [
        ("aquifer", False, True),
        ("cease-fire", False, None),
        ("farmer", True, False),
        ("hay", False, None),  # acceptable; its sense not judged yet
    ]
    result = ArticleGlossary("story", True, 3, {"starter": defined, "empty": defined})
    result.shown = {"starter": shown, "empty": shown}
    table = glossary_table([result])
    assert "needed+defined (empty KB)" in table and "0.67" in table
    assert "story: hay: Dried grass." in table  # listed to be judged
