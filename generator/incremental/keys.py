"""Keys of what a build reads and writes, from file stats rather than contents.

They tell a build whether anything changed since the last one
(`LastBuild.report_if_unchanged`), which knowledge base and seeds it may reuse, and whether
its saved state was written by the same code (saved_state.py).

Three words name what the build compares, in incremental/ and render/ alike:

- **digest**: a SHA-256 of bytes or text the build holds: a seed file (`Article.digest`), a
  content file (`Knowledge.entry_digests`), a template's source with those it uses
  (`TemplatePlan.digest`), what Pagefind reads of a page.
- **fingerprint**: a SHA-256 that stands for a Python value a template is given, made from
  its pickled contents or from what its class's `fingerprint_basis()` returns
  (`saved_blocks.ValueFingerprints`); equal fingerprints, equal values for a template.
- **key**: what a cache entry or a record of the last build is looked up or compared by,
  made from digests, fingerprints or file stats: an extraction's (`ExtractionCache.key`),
  saved blocks' (`RenderedPage.fragment_key`), the stat keys of this module and the search
  key. (The signing key of saved_state.py is a secret, not one of these.)
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from generator.config import SiteConfig
from generator.read.seeds import list_seeds


def stat_key(path: Path) -> tuple:
    return _key(path.stat())


def _key(stat: os.stat_result) -> tuple:
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def tree_key(folder: Path) -> tuple:
    """Changes whenever a Markdown file under the folder is added, removed or modified."""
    if not folder.is_dir():
        return ()
    return tuple((str(p), stat_key(p)) for p in sorted(folder.rglob("*.md")))


def code_files() -> list[Path]:
    """The generator's own code (not its .pyc files, which appear as modules get imported)."""
    return sorted(Path(__file__).parent.rglob("*.py"))


def _stats_key(files: Iterable[Path], salt: str = "", keep: dict[Path, tuple] | None = None) -> str:
    """A key of the files' names, sizes and modification times; `keep` receives each
    file's stat key."""
    key = hashlib.sha256(salt.encode())
    for path in files:
        name = str(path)
        try:
            stat = os.stat(name)
        except OSError:  # deleted while we looked: its absence is what the key records
            continue
        if keep is not None:
            keep[path] = _key(stat)
        # fsencode: a name that is not UTF-8 counts too (reading its seed reports it)
        key.update(os.fsencode(name) + f"\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return key.hexdigest()


def code_key() -> str:
    """Changes whenever the generator's code does."""
    return _stats_key(code_files())


def inputs_key(
    config: SiteConfig, search: bool, stats: dict[Path, tuple] | None = None
) -> tuple[str, str]:
    """Two keys: one that changes whenever anything a build reads changes (site.toml,
    seeds, content/, the theme and the generator's code), and one for what the site is made
    from before any template is rendered (site.toml, seeds, content/). `stats` receives
    each file's stat key."""
    sources = [config.path] if config.path else []
    sources += list_seeds(config.seeds_dir)
    if config.content_dir.is_dir():
        sources += sorted(config.content_dir.rglob("*.md"))
    sources_key = _stats_key(sources, "", stats)
    rest = []
    for folder in config.theme_dirs:
        if folder.is_dir():
            rest += sorted(p for p in folder.rglob("*") if p.is_file())
    rest += code_files()
    salt = f"{search}\0{config.output_dir}\0{sources_key}"
    return _stats_key(rest, salt, stats), sources_key


def output_key(output_dir: Path) -> str:
    """Changes when the output folder is replaced or its index page is touched."""
    try:
        folder, index = output_dir.stat(), (output_dir / "index.html").stat()
    except OSError:
        return ""
    return f"{folder.st_ino}:{folder.st_mtime_ns}:{index.st_ino}:{index.st_mtime_ns}"
