"""The command line: thin verbs over the pipeline's stages."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from generator.config import load_config, with_scheduler
from generator.errors import InputError, InputErrors, closest


def _print_errors(errors: list[InputError]) -> None:
    for error in errors:
        print(f"error: {error}", file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    from generator.pipeline import build

    config = load_config(args.config)
    if args.scheduler:
        config = with_scheduler(config, args.scheduler)
    report = build(
        config,
        search=not args.no_search,
        force=args.force,
        fresh=args.force,
        allow_empty=args.allow_empty,
        incremental=not args.no_cache,
    )
    print(report.summary(), file=sys.stderr if report.errors else sys.stdout)
    return 1 if report.errors else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from generator.knowledge.enrich import enrich
    from generator.pipeline import Builder
    from generator.read.seeds import read_article
    from generator.render.explainer_json import explainer_json
    from generator.report import BuildReport

    pipeline = Builder(load_config(args.config), keep=False, restore=False)
    _, index = pipeline.knowledge()
    report = BuildReport()
    for _, extraction in pipeline.extractions([read_article(Path(args.file))], report):
        explainer = enrich(extraction, index)
        json.dump(explainer_json(explainer), sys.stdout, ensure_ascii=False, indent=2)
        print()
    _print_errors(report.errors)
    return 1 if report.errors else 0


def cmd_check(args: argparse.Namespace) -> int:
    from generator.commands.check import check

    report = check(load_config(args.config))
    print(report.render())
    if report.errors:
        return 1
    return 1 if args.strict and report.missing else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.commands.serve import serve

    return serve(Path(args.config), host=args.host, port=args.port)


def cmd_new(args: argparse.Namespace) -> int:
    from generator.commands.new import new_site

    folder = Path(args.folder)
    for path in new_site(folder):
        print(f"  {path}")
    print(
        f"A new site is in {folder}/. Build it with:\n"
        f"  python -m generator --config {folder / 'site.toml'} build"
    )
    return 0


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        # Python 3.11's argparse lists the commands but does not guess which one was meant,
        # and names an unknown option without the one that was meant.
        wrong = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        unknown = re.search(r"unrecognized arguments: (-\S+)", message)
        guess = None
        if wrong:
            guess = closest(wrong.group(1), re.findall(r"'([^']*)'", wrong.group(2)))
        elif unknown:
            guess = closest(unknown.group(1), _options(self))
        if guess:
            message += f"; did you mean '{guess}'?"
        super().error(message)


def _options(parser: argparse.ArgumentParser) -> list[str]:
    """Every long option of a parser and of its commands."""
    found = [o for o in parser._option_string_actions if o.startswith("--")]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                found += _options(command)
    return sorted(set(found))


def parser() -> argparse.ArgumentParser:
    top = _Parser(
        prog="python -m generator",
        description="Turn wire articles in seeds/ into a static site of explainers.",
    )
    top.add_argument(
        "--config", default="site.toml", help="path to site.toml (default: %(default)s)"
    )
    verbs = top.add_subparsers(dest="verb", required=True, metavar="COMMAND")

    build = verbs.add_parser("build", help="build the site into the output folder")
    build.add_argument("--no-search", action="store_true", help="skip the search index")
    build.add_argument(
        "--force",
        action="store_true",
        help="rebuild everything, re-reading every seed and content file, even when no input "
        "changed since the last build (parsed articles still come from the cache)",
    )
    build.add_argument(
        "--allow-empty",
        action="store_true",
        help="publish the site even if it has no explainer while the site it replaces has "
        "some (without it, such a build stops and keeps that site)",
    )
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="use and keep nothing in the cache folder: every seed parsed, every page rendered "
        "(slower; the same site)",
    )
    build.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="parse the articles on the Dask cluster whose scheduler is at ADDRESS "
        "(tcp://host:8786) for this build, whatever site.toml's [extract] executor says",
    )
    build.set_defaults(run=cmd_build)

    extract = verbs.add_parser("extract", help="print the explainer JSON of one seed")
    extract.add_argument("file", help="a seed file (.txt or .md)")
    extract.set_defaults(run=cmd_extract)

    new = verbs.add_parser("new", help="start a new site in an empty folder")
    new.add_argument("folder", help="the folder to create")
    new.set_defaults(run=cmd_new)

    serve = verbs.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on change")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8000, help="first port to try (default: 8000)")
    serve.set_defaults(run=cmd_serve)

    check = verbs.add_parser(
        "check", help="list undefined terms, actors with no role, broken references in content/"
    )
    check.add_argument(
        "--strict", action="store_true", help="exit with status 1 when anything is missing"
    )
    check.set_defaults(run=cmd_check)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except InputError as exc:
        _print_errors([exc])
    except InputErrors as exc:
        _print_errors(exc.errors)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return 2
