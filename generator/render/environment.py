"""Rendering with Jinja2: the theme lookup order, autoescape, template errors with lines, and
pages made with the blocks saved by an earlier build (incremental/saved_blocks.py)."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import jinja2
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
from generator.incremental.precompile import Precompiler
from generator.incremental.saved_blocks import FragmentStore, Lazy, ValueFingerprints
from generator.incremental.template_analysis import TemplateAnalysis, TemplatePlan
from generator.render.filters import FILTERS


class RenderedPage:
    """A rendered page, and the key its template's blocks were saved or found under.

    A page made by `reuse` is `whole`: its key determines all of its text, which is read
    from the saved blocks (or made) only when asked for, so a page whose file the last build
    already wrote from the same key costs no reading at all (see SiteWriter.store_made)."""

    def __init__(
        self,
        text: str | Callable[[], str],
        fragment_key: str | None = None,
        *,
        whole: bool = False,
    ) -> None:
        self._text = text
        self.fragment_key = fragment_key
        self.whole = whole

    @property
    def text(self) -> str:
        if not isinstance(self._text, str):
            self._text = self._text()
        return self._text


class Renderer:
    """One Jinja environment per build: site theme first, then the default theme.

    A site template can extend the one it replaces as "default:<name>".
    """

    def __init__(
        self,
        config: SiteConfig,
        *,
        live_reload: bool = False,
        fragments: FragmentStore | None = None,
        code: str = "",
    ) -> None:
        """`fragments`: where render_page keeps the blocks of page templates between builds;
        `code`: a key of the generator's code, part of every fragment's key."""
        self.config = config
        self.fragments = fragments
        folders = [str(d / "templates") for d in config.theme_dirs]
        self.env = Environment(
            loader=ChoiceLoader(
                [
                    _ThemeLoader(folders),
                    PrefixLoader(
                        {"default": _ThemeLoader(str(DEFAULT_THEME / "templates"))},
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
        self._fingerprints = ValueFingerprints()
        self._analysis = TemplateAnalysis(
            self.env,
            fragments.templates_file if fragments else None,
            salt=code,
            read=fragments.read if fragments else False,
        )
        # What every page's blocks also depend on: the code, Jinja and the globals above.
        settings = self._fingerprints.of(config)
        self._base_key = f"{code}\0{jinja2.__version__}\0{live_reload}\0{settings}"
        if settings is None:  # (cannot happen with a loaded site.toml) nothing is saved
            self.fragments = None
        self._precompiler: Precompiler | None = None

    def know_origins(self, origins: dict[int, str]) -> None:
        """What this build's explainers were made from (id -> digest), which stands for each
        in the saved blocks' keys (see saved_blocks.ValueFingerprints)."""
        self._fingerprints.origins = origins

    def compile_ahead(self) -> None:
        """Start compiling the theme's templates in another process, to be used from
        `prepare` on: for a build that has other work to do first (see
        incremental/precompile.py)."""
        themes = self.env.loader.loaders[0]  # the site's theme, then the default one
        self._precompiler = Precompiler(self.env, themes.list_templates(), self._analysis)

    def close(self) -> None:
        """Stop compiling ahead, if that was started and not used (the build failed)."""
        if self._precompiler is not None:
            self._precompiler.close()
            self._precompiler = None

    def url(self, path: str = "/") -> str:
        """Site-absolute link that respects base_url's path: url("/actors/") → /repo/actors/."""
        return self.config.base_path + "/" + path.lstrip("/")

    def absolute_url(self, path: str = "/") -> str:
        return self.config.base_url.rstrip("/") + "/" + path.lstrip("/")

    def render(self, template: str, **context: object) -> str:
        """Render one template; a template mistake becomes an InputError with file and line."""
        with _template_errors(template):
            return self.env.get_template(template).render(**context)

    def prepare(self, templates: Iterable[str]) -> None:
        """Work out which blocks of these page templates can be saved, and keep what that
        took for the next build: before forking, so worker processes do not each do it.
        Templates compiled ahead are taken in here, for the same reason."""
        if self._precompiler is not None:
            self._precompiler.install()
            self._precompiler = None
        for template in templates:
            with _template_errors(template):
                self._plan(template)
        self._analysis.save()

    def render_page(self, template: str, values: dict[str, object]) -> RenderedPage:
        """Render a page, reusing the blocks its template wrote for the same inputs in an
        earlier build (see saved_blocks.py). `values` may hold Lazy values: they are computed
        only if something that reads them is rendered."""
        with _template_errors(template):
            compiled = self.env.get_template(template)
            plan = self._plan(template)
            key = self._fragment_key(template, plan, values) if plan else None
            saved = self.fragments.get(key) if key else None
            if saved is not None and saved.keys() <= plan.blocks.keys():
                live = set(plan.live)
                for name, reads in plan.blocks.items():
                    if name not in saved:
                        live |= reads
                context = compiled.new_context(_materialize(values, live))
                for name, text in saved.items():
                    context.blocks[name][0] = _constant(text)
                return RenderedPage(self._run(compiled, context), key)
            context = compiled.new_context(_materialize(values, None))
            captured: dict[str, str | None] = {}
            if key:
                for name in plan.blocks:
                    context.blocks[name][0] = _capture(context.blocks[name][0], name, captured)
            text = self._run(compiled, context)
            if key and None not in captured.values():
                self.fragments.put(key, captured)
                return RenderedPage(text, key)
            return RenderedPage(text)

    def reuse(self, kind: str, basis: object, make: Callable[[], str]) -> RenderedPage:
        """The text `make` makes from `basis` alone (with the configuration and the code),
        reused from an earlier build while `basis` is unchanged."""
        fingerprint = self._fingerprints.of(basis) if self.fragments else None
        if fingerprint is None:
            return RenderedPage(make())
        key = hashlib.sha256(f"{self._base_key}\0{kind}\0{fingerprint}".encode()).hexdigest()

        def text() -> str:
            saved = self.fragments.get(key)
            if saved is not None and "text" in saved:
                return saved["text"]
            made = make()
            self.fragments.put(key, {"text": made})
            return made

        return RenderedPage(text, key, whole=True)

    def _run(self, compiled: jinja2.Template, context: jinja2.runtime.Context) -> str:
        try:
            return self.env.concat(compiled.root_render_func(context))
        except Exception:
            self.env.handle_exception()  # re-raises with the template's file and line

    def _plan(self, template: str) -> TemplatePlan | None:
        return None if self.fragments is None else self._analysis.plan(template)

    def _fragment_key(
        self, template: str, plan: TemplatePlan, values: dict[str, object]
    ) -> str | None:
        """The key of the template's saveable blocks, made from everything they read; None
        if some value has no fingerprint or is not known before rendering."""
        if not self.env.globals.keys().isdisjoint(values):
            return None  # a value hiding a global: the analysis counted the global's name
        key = hashlib.sha256(f"{self._base_key}\0{template}\0{plan.digest}".encode())
        for name in plan.reads:
            if name in values:
                value = values[name]
                basis = value.basis if isinstance(value, Lazy) else value
                fingerprint = self._fingerprints.of(basis)
                if fingerprint is None:
                    return None
                key.update(f"\0{name}\0{fingerprint}".encode())
            elif name not in self.env.globals:
                return None  # set by a parent template or undefined: render it every time
        key.update(("\0" + "\0".join(sorted(plan.blocks))).encode())
        return key.hexdigest()


def _materialize(values: dict[str, object], names: set[str] | None) -> dict[str, object]:
    """The values to render with: Lazy ones computed if in `names` (all if None), the
    others left out (nothing will read them)."""
    ready = {}
    for name, value in values.items():
        if not isinstance(value, Lazy):
            ready[name] = value
        elif names is None or name in names:
            ready[name] = value.value()
    return ready


def _constant(text: str) -> Callable[[object], Iterator[str]]:
    def block(context: object) -> Iterator[str]:
        yield text

    return block


def _capture(
    render: Callable[[object], Iterator[str]], name: str, into: dict[str, str | None]
) -> Callable[[object], Iterator[str]]:
    def block(context: object) -> Iterator[str]:
        text = "".join(render(context))
        # Called again with another result (a parent calling it in a loop): not one text.
        into[name] = text if into.get(name, text) == text else None
        yield text

    return block


class _ThemeLoader(FileSystemLoader):
    """Theme files, where one that is not UTF-8 is a template error naming it and the line
    of its first bad byte (Jinja would raise UnicodeDecodeError from wherever it loaded)."""

    def get_source(self, environment: Environment, template: str) -> tuple:
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            for folder in self.searchpath:
                path = Path(folder) / template
                if path.is_file():
                    line = path.read_bytes()[: exc.start].count(b"\n") + 1
                    raise TemplateSyntaxError(
                        "not UTF-8 text: save the template as UTF-8", line, template, str(path)
                    ) from None
            raise


@contextmanager
def _template_errors(template: str) -> Iterator[None]:
    """Template mistakes become InputErrors naming the file and line: syntax, undefined
    names, and what an expression raises when it runs (`{{ 1 // 0 }}`, a macro calling
    itself without end)."""
    try:
        yield
    except InputError:
        raise
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
    except Exception as exc:
        path, line = _template_frame(template)
        if line is None:  # raised outside any template: the generator's own code
            raise
        raise _runtime_error(exc, path, line) from exc


def _runtime_error(exc: Exception, path: str, line: int) -> InputError:
    """What an expression of a template raised while rendering, at its file and line."""
    if isinstance(exc, RecursionError):
        return InputError(
            "a macro or include calls itself without end",
            path=path,
            line=line,
            hint="make the call stop: put it inside an {% if %} that turns false",
        )
    return InputError(
        f"template error: {type(exc).__name__}: {exc}",
        path=path,
        line=line,
        hint="fix the expression on this line of the template",
    )


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
