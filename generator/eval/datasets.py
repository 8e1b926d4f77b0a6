"""The sets `make eval` measures, each a folder of gold files (tests/extraction/README.md).

"seen" is the hand-written gold, written together with the rules: it shows what the rules
were made to do, not how well they do on text nobody here wrote. The GUM and LitBank sets
come from corpora annotated by others, split once into a dev part (rules may be tuned on it)
and a held-out part (nobody tunes on it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError, closest
from generator.eval.gold import Gold, load_gold

GOLD_ROOT = Path("tests") / "extraction"
SETS = {  # name: (label, folder under tests/extraction)
    "seen": ("seen (written with the rules)", "gold"),
    "gum-dev": ("GUM dev", "gum/dev"),
    "gum-held-out": ("GUM held-out", "gum/held-out"),
    "litbank-dev": ("LitBank dev", "litbank/dev"),
    "litbank-held-out": ("LitBank held-out", "litbank/held-out"),
}
DEV_SETS = ("gum-dev", "litbank-dev")


@dataclass
class DataSet:
    name: str
    label: str
    golds: list[Gold] = field(default_factory=list)


def check_names(names: list[str]) -> None:
    for name in names:
        if name not in SETS:
            guess = closest(name, SETS)
            hint = f"did you mean `{guess}`?" if guess else f"the sets: {', '.join(SETS)}"
            raise InputError(f"no evaluation set `{name}`", hint=hint)


def load_sets(names: list[str], root: Path) -> tuple[list[DataSet], list[InputError]]:
    """The named sets with their gold files; a file that cannot be used is an error and left
    out, and the others are still loaded."""
    check_names(names)
    sets, errors = [], []
    for name in names:
        label, folder = SETS[name]
        found = DataSet(name, label)
        paths = sorted((root / GOLD_ROOT / folder).glob("*.json"))
        if not paths:
            errors.append(
                InputError(
                    "holds no gold files",
                    path=GOLD_ROOT / folder,
                    hint="run `make gold` (see tests/extraction/README.md)",
                )
            )
        for path in paths:
            try:
                found.golds.append(load_gold(path, root))
            except InputError as exc:
                errors.append(exc)
        sets.append(found)
    return sets, errors
