"""What a build records in the cache folder for the next one.

The keys of its inputs and of its output with its report, so a build with nothing changed
stops at once (`python -m generator build` reports the last result); the search key of
the pages its search index was made from, so an index that still fits is kept; and the key
each whole page (`explainer.json`) was made from, so an unchanged one is linked unread.
"""

from __future__ import annotations

import contextlib
import json

from generator.config import SiteConfig
from generator.errors import InputError
from generator.fingerprint import output_key
from generator.report import BuildReport


class LastBuild:
    def __init__(self, config: SiteConfig) -> None:
        self.config = config
        self._record = config.cache_dir / "last-build.json"
        self._search_key = config.cache_dir / "search-key"
        self._made = config.cache_dir / "made-from.json"

    def report_if_unchanged(self, inputs: str) -> BuildReport | None:
        """The last build's report when nothing it read has changed since (`inputs` is the
        inputs' key now) and its output is still in place, else None."""
        try:
            state = json.loads(self._record.read_text(encoding="utf-8"))
            if (
                state["inputs"] != inputs
                or not state["output"]
                or (state["output"] != output_key(self.config.output_dir))
            ):
                return None
            report = BuildReport(**state["report"], unchanged=True)
            report.errors = [InputError(**e) for e in state["errors"]]
            return report
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def remember(self, inputs: str, report: BuildReport) -> None:
        numbers = {k: getattr(report, k) for k in ("explainers", "actors", "pages")}
        state = {
            "inputs": inputs,
            "output": output_key(self.config.output_dir),
            "report": numbers,
            "errors": [e.to_dict() for e in report.errors],
        }
        self._record.write_text(json.dumps(state), encoding="utf-8")

    def indexed_search_key(self) -> str:
        """The search key of the pages the output's current search index was built from."""
        if not (self.config.output_dir / "pagefind").is_dir():
            return ""
        try:
            return self._search_key.read_text()
        except OSError:
            return ""

    def mark_search_indexed(self, key: str) -> None:
        """Record that the output's search index was made from pages with this search key."""
        self._search_key.write_text(key)

    def made_from(self) -> dict[str, list]:
        """What the output's whole pages were made from (see SiteWriter.store_made)."""
        try:
            made = json.loads(self._made.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return made if isinstance(made, dict) else {}

    def remember_made(self, made: dict[str, list]) -> None:
        """Record it for the output just put in place; failing only costs the next build
        some reading (it checks each file's identity anyway)."""
        with contextlib.suppress(OSError):
            self._made.write_text(json.dumps(made), encoding="utf-8")
