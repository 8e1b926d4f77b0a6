"""What a build records in the cache folder for the next one.

The keys of its inputs and of its output with its report, so a build with nothing changed
stops at once (`python -m generator build` reports the last result); the search key of
the pages its search index was made from, so an index that still fits is kept; and the key
each whole page (`explainer.json`) was made from, so an unchanged one is linked unread
(2-4% of a template-edit rebuild at 1,000 articles: docs/benchmarks.md, fifth round).

A record that cannot be read or does not hold what this module writes counts as missing
(see cachefile.py), and one that cannot be written only costs the next build time.
"""

from __future__ import annotations

import contextlib
import json

from generator.config import SiteConfig
from generator.errors import InputError
from generator.incremental.cachefile import DAMAGE, read_bytes, read_json, write_bytes
from generator.incremental.keys import output_key
from generator.report import BuildReport

_COUNTS = ("explainers", "actors", "pages")
# What InputError.to_dict writes: each field's possible types.
_ERROR_FIELDS = {
    "path": (str, type(None)),
    "line": (int, type(None)),
    "message": (str,),
    "hint": (str, type(None)),
}


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
            state = read_json(self._record)
        except DAMAGE:
            return None
        if (
            not _is_record(state)
            or state["inputs"] != inputs
            or not state["output"]
            or (state["output"] != output_key(self.config.output_dir))
        ):
            return None
        report = BuildReport(**state["report"], unchanged=True)
        report.errors = [InputError(**e) for e in state["errors"]]
        return report

    def remember(self, inputs: str, report: BuildReport) -> None:
        state = {
            "inputs": inputs,
            "output": output_key(self.config.output_dir),
            "report": {k: getattr(report, k) for k in _COUNTS},
            "errors": [e.to_dict() for e in report.errors],
        }
        with contextlib.suppress(OSError):
            write_bytes(self._record, json.dumps(state).encode())

    def indexed_search_key(self) -> str:
        """The search key of the pages the output's current search index was built from."""
        if not (self.config.output_dir / "pagefind").is_dir():
            return ""
        try:
            return read_bytes(self._search_key, limit=1024).decode("ascii")
        except DAMAGE:
            return ""

    def mark_search_indexed(self, key: str) -> None:
        """Record that the output's search index was made from pages with this search key."""
        with contextlib.suppress(OSError):
            write_bytes(self._search_key, key.encode("ascii"))

    def made_from(self) -> dict[str, list]:
        """What the output's whole pages were made from (see SiteWriter.store_made); an
        entry not as written is left out (that page is then made again)."""
        try:
            made = read_json(self._made)
        except DAMAGE:
            return {}
        if type(made) is not dict:
            return {}
        return {path: entry for path, entry in made.items() if _is_made_entry(entry)}

    def remember_made(self, made: dict[str, list]) -> None:
        """Record it for the output just put in place; failing only costs the next build
        some reading (it checks each file's identity anyway)."""
        with contextlib.suppress(OSError):
            write_bytes(self._made, json.dumps(made).encode("utf-8"))


def _is_record(state: object) -> bool:
    """Whether `state` is what `remember` writes."""
    return (
        type(state) is dict
        and state.keys() == {"inputs", "output", "report", "errors"}
        and type(state["inputs"]) is str
        and type(state["output"]) is str
        and type(state["report"]) is dict
        and state["report"].keys() == set(_COUNTS)
        and all(type(n) is int for n in state["report"].values())
        and type(state["errors"]) is list
        and all(_is_error(e) for e in state["errors"])
    )


def _is_error(error: object) -> bool:
    return (
        type(error) is dict
        and error.keys() == _ERROR_FIELDS.keys()
        and all(type(error[k]) in types for k, types in _ERROR_FIELDS.items())
    )


def _is_made_entry(entry: object) -> bool:
    """[key, inode, size, modification time], as SiteWriter.store_made returns."""
    return (
        type(entry) is list
        and len(entry) == 4
        and type(entry[0]) is str
        and all(type(n) is int for n in entry[1:])
    )
