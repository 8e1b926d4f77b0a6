"""Seeds: which files in seeds/ are articles, and the reader each format goes to.

`.txt` → text.py (the wires' plain-text layouts), `.md` → markdown.py, `.html`/`.htm` →
html.py (a saved web page), `.xml` → nitf.py when its root is `nitf`, newsml.py when it is a
NewsML-G2 `newsItem` or `newsMessage` (which may hold several articles). Every reader gets
its bytes from files.py: regular files inside seeds/ only, bounded, never blocking.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from generator.errors import InputError, shown
from generator.model import Article
from generator.read.files import decode_text, read_seed_bytes
from generator.read.html import read_html
from generator.read.markdown import read_markdown
from generator.read.story import SeedFile
from generator.read.text import read_text

__all__ = [
    "SEED_SUFFIXES",
    "assign_unique_slugs",
    "decode_text",
    "is_seed",
    "list_seeds",
    "read_article",
    "read_seed",
]

READERS: dict[str, Callable[[bytes, Path], Article]] = {
    ".txt": read_text,
    ".md": read_markdown,
    ".html": read_html,
    ".htm": read_html,
}
SEED_SUFFIXES = (*READERS, ".xml")


def is_seed(path: Path) -> bool:
    """Seed files: a format read here, not hidden, not an editor's backup."""
    name = path.name
    return (
        path.suffix.lower() in SEED_SUFFIXES
        and not name.startswith((".", "#", "~"))
        and not name.endswith("~")
    )


def list_seeds(folder: Path) -> list[Path]:
    """Seed files under a folder, sorted, following no symlinked folders (no loops)."""
    if not folder.is_dir():
        return []
    found = []
    for parent, _, names in os.walk(folder):  # (walk enters no symlinked folder)
        found += [path for name in names if is_seed(path := Path(parent, name))]
    return sorted(found)


def read_seed(path: Path, folder: Path | None = None) -> SeedFile:
    """Every article in a seed file, and an error for each of its news items that could not
    be read; InputError naming the file and line when the file itself is bad.
    `folder`: the seeds folder, out of which no link is followed (see files.py)."""
    data = read_seed_bytes(path, folder)
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return _read_xml(data, path)
    return SeedFile([READERS[suffix](data, path)])


def read_article(path: Path, folder: Path | None = None) -> Article:
    """The one article a seed file holds; InputError naming the file and line if it holds
    none that can be read, or several (a NewsML-G2 message: `build` reads them all)."""
    seed = read_seed(path, folder)
    if seed.errors:
        raise seed.errors[0]
    if len(seed.articles) != 1:
        raise InputError(
            f"holds {len(seed.articles)} news items, not one article",
            path=path,
            hint="`build` publishes each; to look at one, save it as a file of its own",
        )
    return seed.articles[0]


def _read_xml(data: bytes, path: Path) -> SeedFile:
    # Here: lxml takes a while to import, and most sites have no XML seed.
    from generator.read.newsml import is_newsml, read_newsml
    from generator.read.nitf import read_nitf
    from generator.read.xml import local_name, parse_xml

    root = parse_xml(data, path)
    if local_name(root) == "nitf":
        return SeedFile([read_nitf(root, data, path)])
    if is_newsml(root):
        return read_newsml(root, data, path)
    raise InputError(
        f"is XML whose root is <{local_name(root)}>, neither NITF nor NewsML-G2",
        path=path,
        line=root.sourceline,
        hint="XML seeds are NITF (<nitf>) or NewsML-G2 (<newsItem>, <newsMessage> in the "
        "namespace http://iptc.org/std/nar/2006-10-01/)",
    )


def assign_unique_slugs(
    articles: list[Article], reserved: Mapping[str, str]
) -> tuple[list[Article], list[InputError]]:
    """Make slugs unique in file order; a clash between chosen (front matter) slugs is an error.

    `reserved`: the names explainers may not take, with what holds each (`slugs.
    reserved_names`). Derived slugs that clash get "-2", "-3"…. Returns the articles kept,
    in their order, and an error for each one dropped.
    """
    errors: list[InputError] = []
    owner: dict[str, Article] = {}
    dropped: set[int] = set()
    # Chosen slugs claim their names first, so a derived slug never takes one from them.
    for article in sorted(articles, key=lambda a: not a.slug_chosen):
        slug = article.slug
        if slug in owner or slug in reserved:
            if article.slug_chosen:
                other = owner.get(slug)
                errors.append(
                    InputError(
                        f"slug `{slug}` is already used by "
                        + (shown(other.path) if other else reserved[slug]),
                        path=article.path,
                        line=1,
                        hint="give one of them another `slug` in its front matter",
                    )
                )
                dropped.add(id(article))
                continue
            number = 2
            while f"{slug}-{number}" in owner or f"{slug}-{number}" in reserved:
                number += 1
            article.slug = f"{slug}-{number}"
        owner[article.slug] = article
    return [a for a in articles if id(a) not in dropped], errors
