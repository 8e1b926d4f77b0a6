"""Markdown from content/ to HTML: markdown-it-py, raw HTML escaped, Pygments for code."""

from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

_FORMATTER = HtmlFormatter(nowrap=True)


def _highlight(code: str, lang: str, _attrs: str) -> str:
    """Pygments spans for fenced code (the theme colours its short class names, e.g. `.k`);
    "" lets markdown-it escape unknown languages itself."""
    try:
        lexer = get_lexer_by_name(lang.strip() or "text")
    except ClassNotFound:
        return ""
    return highlight(code, lexer, _FORMATTER)


def make_markdown() -> MarkdownIt:
    """A CommonMark renderer where HTML in the source is shown as text, never as markup.

    markdown-it's own link validation already drops javascript:, vbscript:, file: and data:
    link targets (data: images of common types excepted).
    """
    md = MarkdownIt("commonmark", {"html": False, "highlight": _highlight, "typographer": True})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.validateLink = _safe_link
    return md.use(footnote_plugin).use(deflist_plugin)


def render(md: MarkdownIt, source: str, doc_id: str) -> tuple[str, int | None]:
    """One content file's body as HTML, with the 0-based line of its first footnote
    reference (None if it has none). Footnote ids start with `doc_id` ("fn-context-rafah-1"),
    since one page shows several entries and each would otherwise number from "fn1"."""
    env = {"docId": doc_id}
    tokens = md.parse(source, env)
    footnote = next(
        (
            token.map[0]
            for token in tokens
            if token.type == "inline"
            and token.map
            and any(child.type == "footnote_ref" for child in token.children or [])
        ),
        None,
    )
    return md.renderer.render(tokens, md.options, env), footnote


def _safe_link(url: str) -> bool:
    # Stricter than markdown-it's default: no data: URLs at all, not even images.
    lowered = "".join(url.split()).lower()
    return not lowered.startswith(("javascript:", "vbscript:", "file:", "data:"))
