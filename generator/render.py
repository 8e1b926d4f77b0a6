"""Rendering with Jinja2: the theme lookup order, autoescape, and template errors with lines."""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)

from generator.config import DEFAULT_THEME, SiteConfig
from generator.errors import InputError
from generator.filters import FILTERS


class Renderer:
    """One Jinja environment per build: site theme first, then the default theme.

    A site template can extend the one it replaces as "default:<name>".
    """

    def __init__(self, config: SiteConfig, *, live_reload: bool = False) -> None:
        self.config = config
        folders = [str(d / "templates") for d in config.theme_dirs]
        self.env = Environment(
            loader=ChoiceLoader(
                [
                    FileSystemLoader(folders),
                    PrefixLoader(
                        {"default": FileSystemLoader(str(DEFAULT_THEME / "templates"))},
                        delimiter=":",
                    ),
                ]
            ),
            autoescape=select_autoescape(["html", "xml"], default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # one environment per build: templates cannot change during it
        )
        self.env.globals.update(
            site=config, url=self.url, absolute_url=self.absolute_url, live_reload=live_reload
        )
        self.env.filters.update(FILTERS)

    def url(self, path: str = "/") -> str:
        """Site-absolute link that respects base_url's path: url("/actors/") → /repo/actors/."""
        return self.config.base_path + "/" + path.lstrip("/")

    def absolute_url(self, path: str = "/") -> str:
        return self.config.base_url.rstrip("/") + "/" + path.lstrip("/")

    def render(self, template: str, **context: object) -> str:
        """Render one template; a template mistake becomes an InputError with file and line."""
        try:
            return self.env.get_template(template).render(**context)
        except TemplateSyntaxError as exc:
            raise InputError(
                f"template syntax error: {exc.message}",
                path=exc.filename or template,
                line=exc.lineno,
            ) from exc
        except TemplateError as exc:
            path, line = _template_frame(template)
            raise InputError(
                f"template error: {exc}",
                path=path,
                line=line,
                hint="check the name; what each template gets is listed in docs/themes.md",
            ) from exc


def _template_frame(template: str) -> tuple[str, int | None]:
    """The innermost template file and line in the current exception's traceback."""
    tb = sys.exc_info()[2]
    found: tuple[str, int | None] = (template, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".json")) and Path(filename).exists():
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
