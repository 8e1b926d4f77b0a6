"""XML seeds parsed safely, and the small lookups the NITF and NewsML-G2 readers share.

A seed's XML comes from outside: it is parsed with no DTD loaded, nothing fetched from the
network and no entity expanded. A document that declares entities (a "billion laughs" file,
or one naming a local file or URL as an entity) is refused by name before any of it is used,
so a seed can neither hang the build nor publish a file of this machine. The encoding is the
one the XML declaration names (UTF-8 when it names none).
"""

from __future__ import annotations

import html.entities
import re
from pathlib import Path

from lxml import etree

from generator.errors import InputError

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,  # libxml2's limits on depth and text sizes stay on
    "remove_comments": True,
    "remove_pis": True,
}
_DECLARED_ENCODING_RE = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding=["']([\w.:-]+)""")
_ENTITY_HINT = "news XML needs no entity declarations; remove the <!DOCTYPE …[ … ]> block"


def parse_xml(data: bytes, path: Path) -> etree._Element:
    """The root element of an XML seed; InputError naming the file and line when it is not
    well-formed, declares entities or uses one XML does not define."""
    try:
        root = etree.fromstring(data, etree.XMLParser(**_PARSER_OPTIONS))
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, data, path) from None
    if root is None:
        raise InputError("holds no XML element", path=path, hint="is the file empty?")
    _refuse_declared_entities(root, data, path)
    _replace_html_entities(root, path)
    return root


def local_name(element: etree._Element) -> str:
    """An element's name without its namespace (`{http://…}newsItem` → `newsItem`)."""
    return etree.QName(element).localname


def first(element: etree._Element, path: str) -> etree._Element | None:
    """The first element at `path` (local names: `body/body.head/hedline`), any namespace."""
    return element.find(_any_namespace(path))


def every(element: etree._Element, path: str) -> list[etree._Element]:
    """Every element at `path` (local names, any namespace), in document order."""
    return element.findall(_any_namespace(path))


def text_of(element: etree._Element | None) -> str:
    """An element's text, its children's included, on one line; "" for no element."""
    if element is None:
        return ""
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _any_namespace(path: str) -> str:
    return "/".join(part if part in (".", "") else "{*}" + part for part in path.split("/"))


def _syntax_error(exc: etree.XMLSyntaxError, data: bytes, path: Path) -> InputError:
    message = re.sub(r", line \d+, column \d+$", "", exc.msg or str(exc))
    line = exc.lineno or None
    undefined = re.search(r"Entity '(\w+)' not defined", message)
    if undefined:
        return _undefined_entity(undefined.group(1), line, path)
    if re.search(r"amplification|entity reference loop", message, re.IGNORECASE):
        return InputError(
            "declares XML entities that expand beyond any article's size, and entities are refused",
            path=path,
            line=_entity_line(data) or line,
            hint=_ENTITY_HINT,
        )
    if message.startswith(("EntityRef", "xmlParseEntityRef")):
        message = "an `&` that does not start an entity (write `&amp;` for the character)"
    declared = _DECLARED_ENCODING_RE.match(data)
    if re.search(r"encoding|bytes", message, re.IGNORECASE):
        encoding = declared.group(1).decode() if declared else "UTF-8"
        return InputError(
            f"is not valid {encoding} ({message})",
            path=path,
            line=line,
            hint='name its encoding on the first line: <?xml version="1.0" '
            'encoding="ISO-8859-1"?> (or save it as UTF-8)',
        )
    return InputError(
        f"is not well-formed XML: {message}",
        path=path,
        line=line,
        hint="the file may be cut short or edited by hand; check it against the wire's original",
    )


def _refuse_declared_entities(root: etree._Element, data: bytes, path: Path) -> None:
    """Entities are refused whatever they hold: expanding them could exhaust memory (a
    billion laughs) or read a local file or a URL (an external entity)."""
    dtd = root.getroottree().docinfo.internalDTD
    declared = list(dtd.iterentities()) if dtd is not None else []
    if declared:
        entity = declared[0]
        target = f" naming {entity.system_url}" if entity.system_url else ""
        raise InputError(
            f"declares the XML entity `{entity.name}`{target}, and entities are refused",
            path=path,
            line=_entity_line(data),
            hint=_ENTITY_HINT,
        )


def _entity_line(data: bytes) -> int | None:
    """The line of the first entity declaration (in an encoding that keeps ASCII as is)."""
    found = data.find(b"<!ENTITY")
    return data[:found].count(b"\n") + 1 if found >= 0 else None


def _replace_html_entities(root: etree._Element, path: Path) -> None:
    """A document naming an external DTD (NITF's) may use its named characters (`&mdash;`):
    those HTML defines become their characters; any other is an error with its line."""
    for entity in list(root.iter(etree.Entity)):
        character = html.entities.html5.get(f"{entity.name};")
        if character is None:
            raise _undefined_entity(entity.name, entity.sourceline, path)
        parent, previous = entity.getparent(), entity.getprevious()
        text = character + (entity.tail or "")
        if previous is not None:
            previous.tail = (previous.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(entity)


def _undefined_entity(name: str, line: int | None, path: Path) -> InputError:
    character = html.entities.html5.get(f"{name};")
    write = f"`{character}` or `&#{ord(character[0])};`" if character else "the character itself"
    return InputError(
        f"uses the entity `&{name};`, which the file does not define",
        path=path,
        line=line,
        hint=f"write {write} instead",
    )
