"""What a build may replace: only an output folder it made (see staging.check_replaceable),
and never a site that has explainers with one that has none."""

from __future__ import annotations

import os
from pathlib import Path

from generator.config import SiteConfig
from generator.errors import InputError, InputErrors
from generator.publish.staging import check_replaceable
from generator.report import BuildReport


def check_before_building(config: SiteConfig) -> None:
    """Before any work: the seeds folder exists, and the output folder is one the build may
    replace (see publish.staging.check_replaceable)."""
    if not config.seeds_dir.is_dir():
        raise InputError(
            "the seeds folder does not exist",
            path=config.seeds_dir,
            hint="create it and put the articles in it, or set `seeds` in site.toml to their "
            "folder",
        )
    check_replaceable(config.output_dir)


def _published_explainers(output: Path) -> int:
    """How many explainers the site in the output folder has (each a folder with its
    explainer.json)."""
    try:
        with os.scandir(output) as entries:
            folders = [e.path for e in entries if e.is_dir(follow_symlinks=False)]
    except OSError:
        return 0
    return sum(os.path.isfile(f"{folder}/explainer.json") for folder in folders)


def keep_published_explainers(config: SiteConfig, report: BuildReport) -> None:
    """Refuse to replace a site that has explainers with one that has none: an emptied or
    wrong seeds folder, or seeds that all failed, would otherwise wipe the site."""
    published = _published_explainers(config.output_dir)
    if not published:
        return
    explainers = "1 explainer" if published == 1 else f"{published} explainers"
    fix = "fix the seeds that failed (above)" if report.errors else "put the articles back"
    refusal = InputError(
        f"no explainer was built from this folder, and the site in {config.output_dir} has "
        f"{explainers}: it is kept as it is",
        path=config.seeds_dir,
        hint=f"{fix}, or fix `seeds` in site.toml; to publish a site with no explainers, "
        "build with --allow-empty",
    )
    raise InputErrors(sorted(report.errors, key=lambda e: str(e.path)) + [refusal])
