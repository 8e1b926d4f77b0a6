"""The on-disk extraction cache: one JSON file per (seed content, model, extractor version).

An entry that cannot be read or decoded (see cachefile.py) is deleted and the article
extracted again; an entry that cannot be written only costs the next build that work.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from generator.incremental.cachefile import DAMAGE, discard, read_json, write_bytes
from generator.incremental.codec import extraction_from_dict, extraction_to_dict
from generator.model import Article, Extraction


class ExtractionCache:
    def __init__(self, folder: Path, model: str, extractor_version: str) -> None:
        self.folder = folder / "extract"
        self.salt = f"{model}\0{extractor_version}"

    def key(self, article: Article) -> str:
        return hashlib.sha256(f"{self.salt}\0{article.digest}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, article: Article) -> Extraction | None:
        """The cached extraction, or None; a damaged entry is deleted, not trusted."""
        path = self._path(self.key(article))
        try:
            extraction = extraction_from_dict(read_json(path))
        except FileNotFoundError:
            return None
        except DAMAGE:
            discard(path)
            return None
        # Front-matter slugs are part of the content, but de-duplicated slugs are not.
        extraction.slug = article.slug
        extraction.source_path = str(article.path)
        return extraction

    def put(self, article: Article, extraction: Extraction, data: bytes | None = None) -> None:
        """Keep the extraction for later builds, if the cache folder lets us. `data`: its
        entry, if the process that parsed it made that already (see `entry`)."""
        if data is None:
            data = entry(extraction)
        with contextlib.suppress(OSError):
            write_bytes(self._path(self.key(article)), data)


def entry(extraction: Extraction) -> bytes:
    """What the cache keeps of an extraction. Made by the process that parsed the article
    (a worker), so that the build, which receives them all, need only write it."""
    return json.dumps(extraction_to_dict(extraction), ensure_ascii=False).encode("utf-8")
