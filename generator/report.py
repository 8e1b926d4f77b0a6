"""What a build reports: its counts, the time of each stage, the seeds that failed."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.errors import InputError
from generator.render.filters import plural


@dataclass
class BuildReport:
    explainers: int = 0
    actors: int = 0
    pages: int = 0
    parsed: int = 0  # articles parsed by spaCy (not from the cache)
    written: int = 0  # files whose bytes changed
    kept: int = 0  # files identical to the previous build's
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)  # per-seed failures
    unchanged: bool = False  # nothing changed since the last build, so nothing was done

    def summary(self) -> str:
        counts = (
            f"{plural(self.explainers, 'explainer', 'explainers')}, "
            f"{plural(self.actors, 'actor', 'actors')}"
        )
        if self.unchanged:
            text = (
                f"Nothing changed since the last build ({counts}); checked in {self.seconds:.2f} s"
            )
            return text + "".join(f"\n  {error}" for error in self.errors)
        text = (
            f"Built {counts}, {plural(self.pages, 'page', 'pages')} in {self.seconds:.2f} s "
            f"({self.parsed} parsed, {plural(self.written, 'file', 'files')} written)"
        )
        if self.errors:
            failed = plural(len(self.errors), "seed", "seeds")
            text += f"; {failed} failed:\n" + "\n".join(f"  {error}" for error in self.errors)
        return text
