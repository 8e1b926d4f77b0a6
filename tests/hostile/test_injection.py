"""Nothing in front matter or knowledge-base Markdown can put markup or script into a page."""

from __future__ import annotations

import shutil

from generator.config import load_config
from generator.pipeline import build
from tests.sites import assert_nothing_injected, entry, make_site

EVIL_MARKDOWN = (
    "Defined <script>alert('kb')</script> here. <img src=x onerror=alert(1)> "
    "[click](javascript:alert(2)) [data](data:text/html;base64,PHNjcmlwdD4=) "
    '![pic](data:image/png;base64,iVBORw0KGgo=) <a href="javascript:alert(3)">raw</a>\n\n'
    "```html\n<script>alert('code')</script>\n```\n"
)
EVIL = '\\"><script>alert(9)</script><b onclick=alert(8)>'


def test_knowledge_base_and_front_matter_cannot_inject(tmp_path):
    config = load_config(make_site(tmp_path))
    for seed in config.seeds_dir.glob("*"):
        if seed.name != "gaza-delegation-talks.txt":
            seed.unlink()
    shutil.rmtree(config.content_dir)
    content = config.content_dir
    entry(
        content,
        "glossary",
        "cease-fire",
        f'term = "cease-fire"\naliases = ["{EVIL}"]\ncategory = "war"',
        EVIL_MARKDOWN,
    )
    entry(
        content,
        "context",
        "rafah",
        f'title = "Rafah {EVIL}"\nkind = "place"\ntriggers = ["Rafah"]',
        EVIL_MARKDOWN,
    )
    entry(
        content,
        "actors",
        "netanyahu",
        f'name = "Benjamin Netanyahu"\nkind = "person"\nrole = "PM {EVIL}"\naffiliation = "{EVIL}"',
        EVIL_MARKDOWN,
    )
    entry(
        content,
        "explainers",
        "talks-resume-on-bringing-israeli-officials-to-the-us",
        f'summary = ["{EVIL}"]\nroles = {{ "karine-jean-pierre" = "{EVIL}" }}',
        EVIL_MARKDOWN,
    )
    entry(content, "pages", "about", f'title = "About {EVIL}"', EVIL_MARKDOWN)
    seed = config.seeds_dir / "gaza-delegation-talks.txt"
    seed.write_text(
        f'+++\ntags = ["{EVIL}"]\nsource_url = "https://example.org/?q={EVIL[2:9]}"\n'
        f"+++\n{seed.read_text()}"
    )
    report = build(config)
    assert report.errors == []
    pages = [p for p in config.output_dir.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 10
    for page in pages:
        html = page.read_text()
        assert_nothing_injected(html)
    about = (config.output_dir / "about" / "index.html").read_text()
    assert "Defined &lt;script&gt;alert(‘kb’)&lt;/script&gt; here." in about  # shown as text
    assert "[click](javascript:alert(2))" in about  # a link that is dropped stays text
    assert "<title>About &#34;&gt;&lt;script&gt;alert(9)" in about
