"""The on-disk extraction cache: one JSON file per (seed content, model, extractor version)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from generator.codec import extraction_from_dict, extraction_to_dict
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
        """The cached extraction, or None; a truncated or corrupt entry is deleted, not trusted."""
        path = self._path(self.key(article))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            extraction = extraction_from_dict(data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            path.unlink(missing_ok=True)
            return None
        # Front-matter slugs are part of the content, but de-duplicated slugs are not.
        extraction.slug = article.slug
        extraction.source_path = str(article.path)
        return extraction

    def put(self, article: Article, extraction: Extraction) -> None:
        path = self._path(self.key(article))
        path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(extraction_to_dict(extraction), ensure_ascii=False)
        # Write then rename, so a killed build never leaves half an entry under the real name.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
        os.replace(tmp, path)
