"""`python -m generator.eval` (what `make eval` runs): the extractor's figures on every set."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.config import load_config
from generator.errors import InputError, InputErrors
from generator.eval.claims import claims_json, claims_table, evaluate_claims
from generator.eval.datasets import SETS
from generator.eval.evaluate import evaluate
from generator.eval.glossary import evaluate_glossary, glossary_json, glossary_table
from generator.eval.report import table, write_json

# The gold sets are the repository's (tests/extraction), whichever site.toml is used.
REPOSITORY = Path(__file__).resolve().parents[2]


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="python -m generator.eval",
        description="Score the extractor and a plain spaCy baseline against the gold sets.",
    )
    top.add_argument(
        "--config", default="site.toml", help="path to site.toml (default: %(default)s)"
    )
    top.add_argument(
        "--sets",
        default=",".join(SETS),
        help="comma-separated sets to score (default: all: %(default)s)",
    )
    top.add_argument(
        "--json",
        type=Path,
        help="where to write the figures as JSON (default: eval.json in the cache folder)",
    )
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        config = load_config(args.config)
        names = [n.strip() for n in args.sets.split(",") if n.strip()]
        evaluation = evaluate(names, config, REPOSITORY)
        glossary, glossary_errors = evaluate_glossary(config, REPOSITORY)
        claims, claims_errors = evaluate_claims(config, REPOSITORY)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except InputErrors as exc:
        for error in exc.errors:
            print(f"error: {error}", file=sys.stderr)
        return 2
    evaluation.errors.extend(glossary_errors + claims_errors)
    for error in evaluation.errors:  # reported, and the other articles still scored
        print(f"error: {error}", file=sys.stderr)
    print(table(evaluation))
    print("\nThe glossary (tests/extraction/glossary/):")
    print(glossary_table(glossary))
    print("\nClaims, right span and speaker (tests/extraction/claims/):")
    print(claims_table(claims))
    path = args.json or config.cache_dir / "eval.json"
    write_json(evaluation, path, glossary_json(glossary), claims_json(claims))
    cached = sum(len(s.articles) for s in evaluation.sets) - evaluation.parsed
    print(
        f"\n{evaluation.parsed} articles parsed, {cached} from the cache, "
        f"in {evaluation.seconds:.1f} s; figures in {path}"
    )
    return 1 if evaluation.errors else 0


if __name__ == "__main__":
    sys.exit(main())
