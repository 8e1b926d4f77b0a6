"""Convert Open English WordNet's YAML source into the dictionary the glossary reads.

`make dictionary DATA=path/to/oewn` runs it: DATA holds `yaml/` (the `src/yaml` folder of
the Open English WordNet repository) and `SOURCE.txt` (the commit it was taken from). The
output, `generator/knowledge/data/oewn.dict`, keeps only what a glossary needs: for each
lemma, folded as matching folds an article's words, its senses in WordNet's order with the
part of speech, the definition, the first example and a few synonyms, and the lemma's
frequency in general English (wordfreq, read here so that a build never loads it). Relations
between synsets are dropped. Lemmas with a capital letter are names (places, people,
institutions) and are left out: a glossary never defines a name.

The same input gives the same bytes: entries are sorted, and nothing depends on time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from generator.errors import InputError
from generator.knowledge.dictionary import (
    DEFAULT_PATH,
    POS_ORDER,
    Sense,
    fold_lemma,
    write_dictionary,
)

MAX_SYNONYMS = 4
# A synset's part of speech as WordNet writes it; satellite adjectives ("s") are adjectives.
# A second homograph of a lemma is written "n-2".
POS = {"n": "n", "v": "v", "a": "a", "s": "a", "r": "r"}


def _pos(key: str) -> str:
    return POS[key.split("-")[0]]


def _load_yaml(path: Path) -> dict:
    import yaml  # a development dependency: only this converter reads YAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"is not valid YAML: {getattr(exc, 'problem', None) or exc}",
            path=path,
            line=mark.line + 1 if mark else None,
            hint="take the file again from the Open English WordNet source",
        ) from None


def _first_example(synset: dict) -> str:
    for example in synset.get("example", []):
        text = example.get("text") if isinstance(example, dict) else example
        if text:
            return " ".join(str(text).split())
    return ""


def read_synsets(folder: Path) -> dict[str, dict]:
    """Every synset by id, from the files named after their lexicographer file."""
    synsets: dict[str, dict] = {}
    for path in sorted(folder.glob("*.yaml")):
        if path.name.startswith(("entries-", "frames")):
            continue
        synsets.update(_load_yaml(path))
    return synsets


def read_entries(folder: Path) -> dict[str, dict[str, list[str]]]:
    """Lemma -> part of speech -> synset ids in WordNet's sense order."""
    entries: dict[str, dict[str, list[str]]] = {}
    for path in sorted(folder.glob("entries-*.yaml")):
        for lemma, by_pos in _load_yaml(path).items():
            lemma = str(lemma)
            for pos, entry in by_pos.items():
                ids = [sense["synset"] for sense in entry.get("sense", [])]
                entries.setdefault(lemma, {}).setdefault(pos, []).extend(ids)
    return entries


def senses_of(lemma: str, by_pos: dict[str, list[str]], synsets: dict[str, dict]) -> list[Sense]:
    senses = []
    for pos in sorted(by_pos, key=lambda p: (POS_ORDER.index(_pos(p)), p)):
        for synset_id in by_pos[pos]:
            synset = synsets[synset_id]
            members = [str(m) for m in synset.get("members", [])]
            senses.append(
                Sense(
                    pos=_pos(pos),
                    definition=" ".join(str(synset["definition"][0]).split()),
                    example=_first_example(synset),
                    synonyms=[m for m in members if m != lemma][:MAX_SYNONYMS],
                )
            )
    return senses


def convert(data: Path) -> tuple[dict[str, dict], dict]:
    """The dictionary's entries by folded lemma, and its header (source and licence)."""
    from wordfreq import zipf_frequency

    folder = data / "yaml"
    synsets, entries = read_synsets(folder), read_entries(folder)
    converted: dict[str, dict] = {}
    # Sorted, so that when two spellings fold together ("cease-fire", "ceasefire") the
    # merged senses come in one order, whatever order the files were read in.
    for lemma in sorted(entries):
        if any(c.isupper() for c in lemma):
            continue
        key = fold_lemma(lemma)
        if not key:
            continue
        entry = converted.setdefault(key, {"lemma": lemma, "senses": []})
        seen = {(s.pos, s.definition) for s in entry["senses"]}
        for sense in senses_of(lemma, entries[lemma], synsets):
            if (sense.pos, sense.definition) not in seen:
                entry["senses"].append(sense)
    for key, entry in converted.items():
        entry["senses"].sort(key=lambda s: POS_ORDER.index(s.pos))  # stable: order kept
        # A phrase is as rare as its rarest word: wordfreq counts words, not phrases.
        entry["zipf"] = min(zipf_frequency(w, "en") for w in key.split(" "))
    source = (data / "SOURCE.txt").read_text(encoding="utf-8").strip()
    header = {
        "source": f"Open English WordNet ({source})",
        "licence": "CC BY 4.0; derived from Princeton WordNet (WordNet licence)",
    }
    return converted, header


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(
        prog="python -m generator.knowledge.dictionary_build",
        description="Convert Open English WordNet (YAML source) into the glossary's dictionary.",
    )
    top.add_argument("data", type=Path, help="folder holding yaml/ and SOURCE.txt")
    top.add_argument("--out", type=Path, default=DEFAULT_PATH, help="default: %(default)s")
    args = top.parse_args(argv)
    if not (args.data / "yaml").is_dir() or not (args.data / "SOURCE.txt").is_file():
        print(
            f"error: {args.data} holds no yaml/ folder and SOURCE.txt\n"
            "  hint: DATA is the Open English WordNet source: its src/yaml folder as yaml/, "
            "and SOURCE.txt naming the commit",
            file=sys.stderr,
        )
        return 2
    try:
        entries, header = convert(args.data)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    size = write_dictionary(args.out, entries, header)
    print(f"{len(entries):,} lemmas, {size:,} bytes: {args.out}")
    print(json.dumps(header))
    return 0


if __name__ == "__main__":
    sys.exit(main())
