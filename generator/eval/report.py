"""The evaluation as a compact table and as JSON (for tests and for comparing runs)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from generator.eval.evaluate import Evaluation, SetResult
from generator.eval.score import Score

SYSTEMS = ("extractor", "baseline")
COLUMNS = [  # (figure, heading)
    ("actor_p", "actor P"),
    ("actor_r", "actor R"),
    ("role", "role"),
    ("quote_r", "quotes found"),
    ("attr_found", "right of found"),
    ("attr_all", "right of all"),
]
TOTAL = "total (GUM + LitBank)"


def total(sets: list[SetResult], system: str) -> Score:
    """The sum over the sets annotated by others (the seen set is not a measure)."""
    score = Score()
    for result in sets:
        if result.name != "seen":
            score.add(result.total(system))
    return score


def _cell(value: float | None, heading: str) -> str:
    return f"{'—' if value is None else f'{value:.2f}':>{max(len(heading), 7)}}"


def _rows(label: str, docs: int, scores: dict[str, Score]) -> list[str]:
    lines = []
    for system in SYSTEMS:
        figures = scores[system].figures
        cells = "  ".join(_cell(figures[key], heading) for key, heading in COLUMNS)
        first = system == SYSTEMS[0]
        lines.append(
            f"{label if first else '':31} {str(docs) if first else '':>4}  {system:9} {cells}"
        )
    return lines


def table(evaluation: Evaluation) -> str:
    headings = "  ".join(f"{heading:>7}" for _, heading in COLUMNS)
    lines = [f"{'set':31} {'docs':>4}  {'system':9} {headings}"]
    for result in evaluation.sets:
        scores = {system: result.total(system) for system in SYSTEMS}
        lines += _rows(result.label, len(result.articles), scores)
    real = [r for r in evaluation.sets if r.name != "seen"]
    if len(real) > 1:
        docs = sum(len(r.articles) for r in real)
        lines += _rows(TOTAL, docs, {system: total(real, system) for system in SYSTEMS})
    return "\n".join(lines)


def _summary(score: Score) -> dict:
    return {"figures": score.figures, "counts": score.counts}


def as_json(
    evaluation: Evaluation, glossary: dict | None = None, claims: dict | None = None
) -> dict:
    sets = {}
    for result in evaluation.sets:
        sets[result.name] = {
            "label": result.label,
            "documents": len(result.articles),
            **{system: _summary(result.total(system)) for system in SYSTEMS},
            "articles": {
                a.name: {
                    "extractor": a.extractor.figures,
                    "baseline": a.baseline.figures,
                    "problems": a.extractor.problems,
                }
                for a in result.articles
            },
        }
    real = [r for r in evaluation.sets if r.name != "seen"]
    return {
        "sets": sets,
        "total": {system: _summary(total(real, system)) for system in SYSTEMS},
        "glossary": glossary,
        "claims": claims,
        "errors": [e.to_dict() for e in evaluation.errors],
    }


def write_json(
    evaluation: Evaluation, path: Path, glossary: dict | None = None, claims: dict | None = None
) -> None:
    """Write the figures (with the glossary's and the claims', if given), replacing the file
    whole (a reader never sees half of it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(as_json(evaluation, glossary, claims), ensure_ascii=False, indent=1)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    os.replace(tmp, path)
