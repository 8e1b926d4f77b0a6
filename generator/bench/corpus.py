"""A deterministic synthetic corpus of AP-style articles for benchmarks.

Each article has a headline, a dateline, about 600 words, titled names in the AP patterns,
quotes with attributions, and actors that recur across articles, like a real wire feed.
"""

from __future__ import annotations

import random
from pathlib import Path

FIRST = [
    "Maria",
    "James",
    "Aisha",
    "Daniel",
    "Elena",
    "Samuel",
    "Priya",
    "Thomas",
    "Grace",
    "Omar",
    "Laura",
    "Victor",
    "Nadia",
    "Robert",
    "Helen",
    "Carlos",
    "Mei",
    "Peter",
    "Sofia",
    "Ibrahim",
    "Claire",
    "Marcus",
    "Yuki",
    "Frank",
    "Leila",
    "George",
]
LAST = [
    "Alvarez",
    "Brennan",
    "Castillo",
    "Dunmore",
    "Ekwueme",
    "Fairbanks",
    "Gallardo",
    "Hartley",
    "Iwasaki",
    "Jablonski",
    "Kowalczyk",
    "Lindqvist",
    "Mbeki",
    "Novak",
    "Okonkwo",
    "Petrakis",
    "Quintero",
    "Rasmussen",
    "Szabo",
    "Tanaka",
    "Underwood",
    "Valdez",
    "Whitmore",
    "Xiong",
    "Yilmaz",
    "Zeller",
]
TITLES = [
    ("Sen.", "Senator"),
    ("Rep.", "Representative"),
    ("Gov.", "Governor"),
    ("Foreign Minister", None),
    ("Health Minister", None),
    ("Finance Minister", None),
    ("Defense Secretary", None),
    ("press secretary", None),
    ("Mayor", None),
    ("Judge", None),
    ("Dr.", None),
    ("Gen.", None),
]
PARTIES = ["D-Ore.", "R-Texas", "D-N.Y.", "R-Fla.", "I-Vt.", "D-Calif.", "R-Ohio"]
ORGS = [
    ("World Health Organization", "WHO"),
    ("United Nations", "U.N."),
    ("Federal Reserve", "the Fed"),
    ("European Union", "EU"),
    ("International Monetary Fund", "IMF"),
    ("State Department", None),
    ("Supreme Court", None),
    ("Environmental Protection Agency", "EPA"),
]
PLACES = [
    "WASHINGTON",
    "GENEVA",
    "NEW YORK",
    "BRUSSELS",
    "NAIROBI",
    "TOKYO",
    "LONDON",
    "BRASILIA, Brazil",
    "CHICAGO",
    "MANILA, Philippines",
    "AUSTIN, Texas",
    "PARIS",
]
TOPICS = [
    ("budget", "spending bill", "a government shutdown", "the cloture vote"),
    ("vaccine", "measles campaign", "an outbreak", "the emergency declaration"),
    ("tariff", "trade agreement", "a recession", "the retaliatory duties"),
    ("climate", "emissions pledge", "rising seas", "the summit communique"),
    ("court", "injunction", "an appeal", "the ruling"),
    ("interest", "rate decision", "higher inflation", "the basis points"),
]
QUOTES = [
    "We are not going to walk away from the table while families are waiting",
    "This is the most serious test we have faced in a generation",
    "Nobody should be surprised by where the numbers are going",
    "We will keep pressing until there is a deal that works for both sides",
    "The evidence is clear, and we intend to act on it",
    "It is a step forward, but it is not the end of the road",
    "People want answers, and they deserve them now",
    "I think everyone understands what is at stake here",
]
FILLER = [
    "Officials said the talks would continue through the week as negotiators met in "
    "closed sessions and aides traded drafts late into the night.",
    "The dispute has dragged on since last year, when an earlier agreement collapsed "
    "amid disagreements over funding and oversight.",
    "Analysts said the outcome could affect millions of people and shape the debate "
    "ahead of next year's elections.",
    "A vote is expected next week, though no date has been set and leaders cautioned "
    "that the schedule could slip.",
    "Critics argued that the proposal did too little, while supporters said it was the "
    "best compromise available under the circumstances.",
    "The agency released figures on Tuesday showing a sharp rise compared with the same "
    "period a year earlier.",
    "Several lawmakers said they had not yet read the final text and would wait for an "
    "independent analysis before deciding how to vote.",
]


def _person(rng: random.Random, pool: list[tuple[str, str, str]]) -> tuple[str, str, str]:
    return pool[rng.randrange(len(pool))]


def article(rng: random.Random, index: int, people: list[tuple[str, str, str]]) -> str:
    """One article of about 600 words."""
    topic = TOPICS[rng.randrange(len(TOPICS))]
    org, short = ORGS[rng.randrange(len(ORGS))]
    a, b, c = (_person(rng, people) for _ in range(3))
    place = PLACES[rng.randrange(len(PLACES))]
    headline = (
        f"{org} Weighs {topic[1].title()} As {a[1]} Warns Of "
        f"{topic[2].title().removeprefix('A ').removeprefix('An ')} ({index})"
    )
    paragraphs = [
        f"{place} (AP) -- The {org} moved on Wednesday toward a decision on the {topic[1]}, "
        f"after {a[0]} said {topic[2]} could follow if talks failed, officials said.",
        f'"{rng.choice(QUOTES)}," said {a[0]}, who has led the effort since last year.',
        f'{b[0]} said: "{rng.choice(QUOTES)}."',
        f'"{rng.choice(QUOTES)}," {c[0]} said. "{rng.choice(QUOTES)}."',
        f'{a[1]} called the latest offer "deeply flawed" and said {short or org} staff '
        f"would review {topic[3]} before any vote.",
        f'"{rng.choice(QUOTES)}," she said, according to a statement.',
        f"An official who spoke on condition of anonymity said {b[1]} had met privately "
        f"with {c[1]} twice this month.",
    ]
    while sum(len(p.split()) for p in paragraphs) < 590:
        paragraphs.append(" ".join(rng.sample(FILLER, 3)))
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def people_pool(rng: random.Random, size: int = 60) -> list[tuple[str, str, str]]:
    """Recurring actors: (first mention with title, surname, full name)."""
    pool = []
    for _ in range(size):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        title, _expanded = rng.choice(TITLES)
        if title in ("Sen.", "Rep."):
            first = f"{title} {name}, {rng.choice(PARTIES)}"
        else:
            first = f"{title} {name}"
        pool.append((first, name.split()[-1], name))
    return pool


def generate(folder: Path, n: int, seed: int = 1) -> list[Path]:
    """Write n articles into folder (seeds/), the same ones for the same n and seed."""
    rng = random.Random(seed)
    people = people_pool(rng)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        path = folder / f"article-{index:05d}.txt"
        path.write_text(article(rng, index, people), encoding="utf-8")
        paths.append(path)
    return paths


def markdown_bodies(folder: Path) -> list[tuple[str, str]]:
    """(title, body) of every article, for the Markdown generators we compare with."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        headline, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        out.append((headline.strip(), body))
    return out
