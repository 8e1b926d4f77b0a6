"""Convert two corpora annotated by others into articles and gold files for `make eval`.

    python tests/extraction/make_gold.py --data DIR    (what `make gold` runs)

DIR holds `gum-dev/` (GUM: `xml/` and WebAnno `tsv/`) and `litbank-quotations/` (LitBank
quotations: `tsv/*_brat.txt` and `*_brat.ann`). Each document becomes a seed the generator
reads (`<name>.txt`) and a gold file (`<name>.json`) under tests/extraction/gum/ and
tests/extraction/litbank/, in `dev/` or `held-out/`. tests/extraction/README.md gives the
conventions; running the script again writes the very same bytes.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "extraction"
HELD_OUT_EVERY = 3  # of the documents sorted by name, every third (the 3rd, 6th, …) is held out

# Elements whose start or end starts a new paragraph; the others (s, q, w, hi, ref, …) are inline.
GUM_BLOCKS = {"head", "p", "item", "list", "l", "lg", "sp", "figure", "caption", "table"}
# Not prose: figure captions and infobox tables are left out of the article, with their mentions.
GUM_DROPPED = {"figure", "table"}
ACTOR_TYPES = ("person", "organization")  # GUM entity types that are actors
# Links that join two mentions of one entity. Not bridging, discourse deixis, nor predication
# ("Bernoulli was a Fellow of the Royal Society" does not make "Fellow" his name).
IDENTITY_LINKS = {"coref", "ana", "cata", "appos"}
# Words that may join the parts of one proper name: "University of Helsinki", "Bank & Trust".
NAME_JOINERS = {
    "of",
    "for",
    "the",
    "and",
    "&",
    "de",
    "du",
    "da",
    "von",
    "van",
    "der",
    "la",
    "le",
    "-",
}

CLITICS = {"n't", "'s", "'re", "'ve", "'ll", "'d", "'m"}
GLUE_LEFT = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "…", "….", "”", "’"}
GLUE_RIGHT = {"(", "[", "{", "$", "#", "“", "‘"}


class SourceError(Exception):
    """The corpus is missing or not in the expected form; the message says which file."""


@dataclass
class Token:
    text: str
    glue_left: bool = False  # no space before it
    glue_right: bool = False  # no space after it


def detokenise(tokens: list[Token]) -> tuple[str, list[tuple[int, int]]]:
    """The tokens as running text, and each token's (start, end) offsets in it."""
    out: list[str] = []
    spans = []
    length = 0
    for i, token in enumerate(tokens):
        if i and not (token.glue_left or tokens[i - 1].glue_right):
            out.append(" ")
            length += 1
        spans.append((length, length + len(token.text)))
        out.append(token.text)
        length += len(token.text)
    return "".join(out), spans


def is_clitic(text: str) -> bool:
    return text.replace("’", "'").lower() in CLITICS


def write_if_changed(path: Path, text: str) -> None:
    """Write a file unless it already holds this text, so a rerun leaves files untouched."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def seed_text(headline: str, paragraphs: list[str], source_url: str) -> str:
    return f'+++\nsource_url = "{source_url}"\n+++\n' + "\n\n".join([headline, *paragraphs]) + "\n"


def gold_json(gold: dict) -> str:
    return json.dumps(gold, ensure_ascii=False, indent=1) + "\n"


def split_of(index: int) -> str:
    return "held-out" if index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1 else "dev"


# ---------------------------------------------------------------- GUM


@dataclass
class GumToken:
    text: str
    tag: str  # Penn Treebank tag (GUM's own variant): `` and '' tell opening from closing marks
    upos: str
    paragraph: int  # -1: left out (headline, caption, table)
    word: int  # id of the <w> element it is part of (hyphenated words), or -1


@dataclass
class GumDocument:
    headline: str
    source_url: str
    sentences: list[list[GumToken]]
    turns: list[tuple[int, str]]  # (first paragraph of a speaker's turn, who)


def _attribute(tag_line: str, name: str) -> str | None:
    found = re.search(rf'\b{name}="([^"]*)"', tag_line)
    return found.group(1) if found else None


@dataclass
class _GumReader:
    """The state of reading one GUM XML file, line by line."""

    sentences: list[list[GumToken]] = field(default_factory=list)
    headline: list[GumToken] = field(default_factory=list)
    turns: list[tuple[int, str]] = field(default_factory=list)
    stack: list[str] = field(default_factory=list)  # the open elements
    paragraph: int = -1  # the current paragraph's number; a block boundary opens a new one
    fresh: bool = True  # a block boundary was passed since the last token
    word: int = -1  # the open <w> element's number
    words: int = 0
    in_headline: bool = False
    head_seen: bool = False

    def open(self, name: str, line: str) -> None:
        self.stack.append(name)
        self.fresh = self.fresh or name in GUM_BLOCKS
        if name == "head" and not self.head_seen and self.paragraph < 0:
            self.head_seen = self.in_headline = True
        elif name == "s":
            self.sentences.append([])
        elif name == "w":
            self.word, self.words = self.words, self.words + 1
        elif name == "sp":  # the turn starts with the next paragraph (1-based)
            who = (_attribute(line, "who") or "").lstrip("#")
            self.turns.append((self.paragraph + 2, who))

    def close(self, name: str) -> None:
        self.stack.pop()
        self.fresh = self.fresh or name in GUM_BLOCKS
        if name == "head":
            self.in_headline = False
        elif name == "w":
            self.word = -1

    def token(self, fields: list[str]) -> None:
        dropped = self.in_headline or any(name in GUM_DROPPED for name in self.stack)
        if not dropped and self.fresh:
            self.paragraph += 1
            self.fresh = False
        text = html.unescape(fields[0])
        paragraph = -1 if dropped else self.paragraph
        token = GumToken(text, fields[1], fields[4], paragraph, self.word)
        self.sentences[-1].append(token)
        if self.in_headline:
            self.headline.append(token)


def read_gum_xml(path: Path) -> GumDocument:
    """Tokens by sentence, each with the paragraph it belongs to; a <head> before the first
    paragraph is the headline (else the document's title); captions and tables are marked
    left out (paragraph -1)."""
    reader = _GumReader()
    source_url = title = ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("<text "):
            source_url = _attribute(line, "sourceURL") or ""
            title = html.unescape(_attribute(line, "title") or "")
        if line.startswith("</"):
            name = line[2:].rstrip(">")
            if reader.stack[-1:] != [name]:
                raise SourceError(f"{path}:{number}: </{name}> closes <{reader.stack[-1:]}>")
            reader.close(name)
        elif line.startswith("<"):
            if not line.endswith("/>"):
                reader.open(re.match(r"<(\w+)", line).group(1), line)
        else:
            fields = line.split("\t")
            if len(fields) < 5 or not reader.sentences:
                raise SourceError(f"{path}:{number}: expected a token line inside <s>")
            reader.token(fields)
    last = reader.paragraph + 1
    turns = [(first, who) for first, who in reader.turns if 1 <= first <= last]
    headline = _gum_text(reader.headline)[0] or title
    return GumDocument(headline, source_url, reader.sentences, turns)


def _gum_tokens(tokens: list[GumToken]) -> list[Token]:
    out = []
    for i, t in enumerate(tokens):
        same_word = i and t.word >= 0 and tokens[i - 1].word == t.word
        out.append(
            Token(
                t.text,
                glue_left=bool(same_word)
                or t.tag in ("''", "POS", "SENT")
                or t.text in GLUE_LEFT
                or is_clitic(t.text),
                glue_right=t.tag == "``" or t.text in GLUE_RIGHT,
            )
        )
    return out


def _gum_text(tokens: list[GumToken]) -> tuple[str, list[tuple[int, int]]]:
    return detokenise(_gum_tokens(tokens))


@dataclass
class Mention:
    entity: str  # the TSV's entity number, as written
    kind: str
    identity: str | None
    tokens: list[tuple[int, int]] = field(default_factory=list)  # (sentence, token), 0-based


def read_gum_tsv(path: Path) -> tuple[dict[str, Mention], list[tuple[str, str]], dict]:
    """Every entity mention, the identity links between mentions (pairs of entity ids), and
    the text of each token by (sentence, token)."""
    mentions: dict[str, Mention] = {}
    links: list[tuple[str, str]] = []
    words: dict[tuple[int, int], str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t") + ["_"] * 11
        address = re.fullmatch(r"(\d+)-(\d+)", fields[0])
        if address is None:
            raise SourceError(f"{path}:{number}: expected a token address such as 3-14")
        position = (int(address.group(1)) - 1, int(address.group(2)) - 1)
        words[position] = fields[2]
        # Only the entities that have an identity list one, each with its entity number.
        identities = dict(
            (number, name) for name, number in re.findall(r"([^|]+)\[(\d+)\]", fields[6])
        )
        for kind in fields[3].split("|"):
            if kind == "_":
                continue
            found = re.fullmatch(r"(\w+)\[(\d+)\]", kind)
            if found is None:
                raise SourceError(f"{path}:{number}: expected an entity such as person[12]")
            mention = mentions.setdefault(
                found.group(2),
                Mention(found.group(2), found.group(1), identities.get(found.group(2))),
            )
            mention.tokens.append(position)
        for link, target in zip(fields[8].split("|"), fields[9].split("|"), strict=False):
            ids = re.search(r"\[(\d+)_(\d+)\]", target)
            if link in IDENTITY_LINKS and ids:
                links.append((ids.group(1), ids.group(2)))
    return mentions, links, words


def chains(mentions: dict[str, Mention], links: list[tuple[str, str]]) -> list[list[Mention]]:
    """Mentions grouped into entities: by identity links, then by the same Wikipedia identity
    and type; in order of first mention."""
    parent = {key: key for key in mentions}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(a: str, b: str) -> None:
        if a in parent and b in parent:
            parent[root(a)] = root(b)

    for a, b in links:
        join(a, b)
    by_identity: dict[tuple[str, str], str] = {}
    for key, mention in mentions.items():
        if mention.identity:
            join(key, by_identity.setdefault((mention.kind, mention.identity), key))
    groups: dict[str, list[Mention]] = defaultdict(list)
    for key in sorted(mentions, key=lambda k: min(mentions[k].tokens)):
        groups[root(key)].append(mentions[key])
    return list(groups.values())


def mention_name(mention: Mention, doc: GumDocument, nested: set[tuple[int, int]]) -> str | None:
    """The proper name a mention holds ("Nick Bos" in "biologist Nick Bos"), or None.

    A proper name is a run of PROPN tokens (with joiners such as "of" between them). Tokens of
    a smaller mention inside this one name that other entity ("Helsinki" in "his Helsinki
    lab"), except that an organisation may be named by a place ("the US government").
    """
    tokens = sorted(mention.tokens)
    sentence = doc.sentences[tokens[0][0]]
    positions = [t for _, t in tokens]
    for start, position in enumerate(positions):
        token = sentence[position]
        if token.upos != "PROPN":
            continue
        if (tokens[0][0], position) in nested or not token.text[:1].isupper():
            continue
        end = start
        for later in range(start + 1, len(positions)):
            word = sentence[positions[later]]
            if word.upos == "PROPN":
                end = later
            elif word.text.lower() not in NAME_JOINERS and word.tag != "POS":
                break
        return _gum_text([sentence[p] for p in positions[start : end + 1]])[0]
    return None


def nested_tokens(mention: Mention, mentions: list[Mention]) -> set[tuple[int, int]]:
    """Tokens of the mention that belong to another entity's smaller mention inside it (an
    organisation's place name is its own: "the US government")."""
    own = set(mention.tokens)
    inside: set[tuple[int, int]] = set()
    for other in mentions:
        if other is mention or not set(other.tokens) < own:
            continue
        if not (mention.kind == "organization" and other.kind == "place"):
            inside |= set(other.tokens)
    return inside


def display_name(names: Counter[str]) -> str:
    """The entity's most frequent name, in its longest written form ("Bos" → "Nick Bos")."""
    common = max(names, key=lambda n: (names[n], len(n)))
    words = common.split()
    fuller = [
        n
        for n in names
        if any(n.split()[i : i + len(words)] == words for i in range(len(n.split())))
    ]
    return max(fuller, key=lambda n: len(n.split()))


def gum_gold(
    doc: GumDocument, mentions: dict[str, Mention], links: list[tuple[str, str]], article: str
) -> dict:
    """Actors (named people and organisations) and named places, with their mentions."""
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions.values():
        by_sentence[mention.tokens[0][0]].append(mention)
    actors, places = [], []
    for chain in chains(mentions, links):
        shown = [m for m in chain if all(doc.sentences[s][t].paragraph >= 0 for s, t in m.tokens)]
        kind = Counter(m.kind for m in shown).most_common(1)[0][0] if shown else None
        if kind not in (*ACTOR_TYPES, "place"):
            continue
        names: Counter[str] = Counter()
        strings = []
        for mention in shown:
            sentence = doc.sentences[mention.tokens[0][0]]
            strings.append(_gum_text([sentence[t] for _, t in sorted(mention.tokens)])[0])
            nested = nested_tokens(mention, by_sentence[mention.tokens[0][0]])
            name = mention_name(mention, doc, nested)
            if name:
                names[name] += 1
        if not names:
            continue  # named only by pronouns or descriptions: no extractor can name it
        identity = next((m.identity for m in chain if m.identity), None)
        entry = {
            "name": display_name(names),
            "kind": kind,
            "names": list(names),
            "mentions": sorted(set(strings)),
            "wikipedia": unquote(identity) if identity else None,
        }
        (places if kind == "place" else actors).append(entry)
    return {
        "article": article,
        "corpus": "GUM",
        "actors": actors,
        "places": places,
        "quotes": None,
        "turns": [{"paragraph": first, "speaker": who} for first, who in doc.turns],
    }


def gum_paragraphs(doc: GumDocument) -> list[str]:
    paragraphs: dict[int, list[GumToken]] = defaultdict(list)
    for sentence in doc.sentences:
        for token in sentence:
            if token.paragraph >= 0:
                paragraphs[token.paragraph].append(token)
    return [_gum_text(paragraphs[p])[0] for p in sorted(paragraphs)]


def check_alignment(doc: GumDocument, words: dict[tuple[int, int], str], tsv: Path) -> None:
    """The annotation must be of the very tokens of the XML file."""
    xml = {
        (s, t): token.text
        for s, tokens in enumerate(doc.sentences)
        for t, token in enumerate(tokens)
    }
    if xml != words:
        wrong = min(set(xml.items()) ^ set(words.items()))[0]
        raise SourceError(
            f"{tsv}: token {wrong[0] + 1}-{wrong[1] + 1} differs from the XML file's "
            f"({words.get(wrong)!r} against {xml.get(wrong)!r})"
        )


def convert_gum(source: Path) -> dict[Path, str]:
    xml_dir, tsv_dir = source / "xml", source / "tsv"
    names = sorted(p.stem for p in xml_dir.glob("*.xml"))
    if not names:
        raise SourceError(f"{xml_dir}: no GUM .xml files")
    files: dict[Path, str] = {}
    for index, name in enumerate(names):
        doc = read_gum_xml(xml_dir / f"{name}.xml")
        tsv = tsv_dir / f"{name}.tsv"
        if not tsv.is_file():
            raise SourceError(f"{tsv}: missing (every xml/ document needs its tsv/ annotation)")
        mentions, links, words = read_gum_tsv(tsv)
        check_alignment(doc, words, tsv)
        folder = OUT / "gum" / split_of(index)
        article = folder / f"{name}.txt"
        files[article] = seed_text(doc.headline, gum_paragraphs(doc), doc.source_url)
        gold = gum_gold(doc, mentions, links, str(article.relative_to(ROOT)))
        files[folder / f"{name}.json"] = gold_json(gold)
    return files


# ---------------------------------------------------------------- LitBank

SPEAKER_TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "captain", "aunt"}
NOT_NAMES = {
    "a", "an", "the", "that", "this", "one", "other", "another", "some", "they", "i", "my",
    "our", "his", "her", "their", "you", "narrator",
}  # fmt: skip


def litbank_tokens(sentences: list[list[str]]) -> list[list[Token]]:
    """Tokens with their spacing; "_" (Project Gutenberg's italics) is left out."""
    out = []
    inside = False  # whether a straight double quote is open
    for sentence in sentences:
        words = [w for w in sentence if w != "_"]
        tokens = []
        single_open = False  # whether a straight single quote is open in this sentence
        for i, text in enumerate(words):
            if text == '"':
                # A mark that starts a sentence always opens: novels reopen a quotation at each
                # of its paragraphs without closing the one before.
                inside = i == 0 or not inside
                tokens.append(Token(text, glue_left=not inside, glue_right=inside))
            elif text == "'":
                before = words[i - 1] if i else ""
                after = words[i + 1] if i + 1 < len(words) else ""
                token = _single_quote(before, after, single_open)
                if token.glue_left != token.glue_right:  # not an elision
                    single_open = token.glue_right
                tokens.append(token)
            else:
                glue_left = text in GLUE_LEFT or is_clitic(text)
                tokens.append(Token(text, glue_left=glue_left, glue_right=text in GLUE_RIGHT))
        out.append(tokens)
    return out


def _single_quote(before: str, after: str, single_open: bool) -> Token:
    """A straight single quote: an elision inside a word ("t'ee", "o't", "Pa'son"), a closing
    mark after punctuation or an open quote, a possessive after "s", else an opening mark."""
    if before[-1:].isalpha() and after[:1].islower() and min(len(before), len(after)) <= 2:
        return Token("'", glue_left=True, glue_right=True)
    if (before and before[-1] in ",.;!?") or single_open:
        return Token("'", glue_left=True)
    if before.endswith("s") and after[:1].islower():
        return Token("'", glue_left=True)
    if after[:1].isalnum():
        return Token("'", glue_right=True)
    return Token("'", glue_left=True)


def opens_quote(tokens: list[Token]) -> bool:
    return bool(tokens) and tokens[0].text in ('"', "“", "‘") and tokens[0].glue_right


def litbank_paragraphs(sentences: list[list[Token]]) -> list[int]:
    """The paragraph of each sentence. The excerpts give sentences, not paragraphs, so they
    are rebuilt as novels set dialogue: a line that opens with a quotation mark starts a
    paragraph, and so does the narration after a line of dialogue (unless that line ends
    inside its quotation, which the next sentence continues)."""
    paragraph_of = []
    paragraph = 0
    after_dialogue = False
    for i, tokens in enumerate(sentences):
        if i and (opens_quote(tokens) or after_dialogue):
            paragraph += 1
        paragraph_of.append(paragraph)
        marks = [t for t in tokens if t.text in ('"', "“", "”", "‘")]
        after_dialogue = bool(marks) and not marks[-1].glue_right
    return paragraph_of


def speaker_name(speaker_id: str) -> str:
    """A readable name from a LitBank speaker id: Mr__Sherlock_Holmes-22 → Mr. Sherlock Holmes."""
    name = re.sub(r"-\d+$", "", speaker_id)
    name = re.sub(r"(?i)\b(mrs?|ms|dr|st)__", lambda m: m.group(1) + ". ", name)
    name = name.replace("_s_", "'s ").replace("___", ", ").replace("_", " ")
    name = re.sub(r"\s+", " ", name).strip().split(", ")[0]
    if name.isupper():
        name = name.title()
    return name


def named_speaker(name: str, sentences: list[list[str]]) -> str | None:
    """The speaker's proper name, if the text names them; None for "the boy", "I", "a man".

    A proper name starts with a capital, is not a determiner or pronoun, and one of its words
    (titles aside) is written with a capital inside a sentence of the text (not only as a
    sentence's first word, where any word is capitalised) more often than in lower case ("Old
    Sea-dog" is no name where the text says "the old sea-dog").
    """
    name = re.sub(r"^The (?=[A-Z])", "", name)
    words = name.split()
    if not words or not words[0][:1].isupper() or words[0].lower() in NOT_NAMES or "'s" in name:
        return None
    words = [w for w in words if w[:1].isupper()]
    name = " ".join(words)
    inside = Counter(w for s in sentences for i, w in enumerate(s) if i and s[i - 1] not in '"“‘')
    lower = Counter(w for s in sentences for w in s if w.islower())
    key = [w for w in words if w.rstrip(".").lower() not in SPEAKER_TITLES]
    return name if any(inside[w] > lower[w.lower()] for w in key) else None


@dataclass
class QuoteRow:
    id: str
    start: tuple[int, int]  # (sentence, token), 0-based
    end: tuple[int, int]  # inclusive


def read_litbank_ann(path: Path) -> tuple[list[QuoteRow], dict[str, str]]:
    quotes, speakers = [], {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fields = line.split("\t")
        try:
            if fields[0] == "QUOTE":
                s1, t1, s2, t2 = (int(f) for f in fields[2:6])
                quotes.append(QuoteRow(fields[1], (s1, t1), (s2, t2)))
            elif fields[0] == "ATTRIB":
                speakers[fields[1]] = fields[2]
            elif line.strip():
                raise ValueError
        except (ValueError, IndexError):
            raise SourceError(f"{path}:{number}: expected a QUOTE or ATTRIB row") from None
    return quotes, speakers


Offsets = dict[tuple[int, int], tuple[int, int]]  # (sentence, token) → (start, end) in the body


def litbank_body(words: list[list[str]]) -> tuple[str, Offsets]:
    """The article's text (paragraphs joined by a blank line) and where each token is in it."""
    sentences = litbank_tokens(words)
    paragraph_of = litbank_paragraphs(sentences)
    offsets: Offsets = {}
    paragraphs: list[str] = []
    for number in range(paragraph_of[-1] + 1 if paragraph_of else 0):
        members = [i for i, p in enumerate(paragraph_of) if p == number]
        text, spans = detokenise([t for i in members for t in sentences[i]])
        base = sum(len(p) + 2 for p in paragraphs)
        keys = [(i, k) for i in members for k, w in enumerate(words[i]) if w != "_"]
        for key, (start, end) in zip(keys, spans, strict=True):
            offsets[key] = (base + start, base + end)
        paragraphs.append(text)
    return "\n\n".join(paragraphs), offsets


def gold_quote(row: QuoteRow, body: str, offsets: Offsets, speaker: str | None) -> dict | None:
    """The quoted words (inside the marks) with their place; None if it covers no token."""
    span = [key for key in offsets if row.start <= key <= row.end]
    if not span:
        return None
    start, end = offsets[span[0]][0], offsets[span[-1]][1]
    while start < end and body[start] in "\"“‘' ":
        start += 1
    while end > start and body[end - 1] in "\"”’' ,":
        end -= 1
    paragraph = body.count("\n\n", 0, start) + 1
    return {
        "text": body[start:end],
        "start": start,
        "end": end,
        "paragraph": paragraph,
        "speaker": speaker,
    }


def speaker_entry(speaker_id: str, words: list[list[str]]) -> dict:
    name = speaker_name(speaker_id)
    named = named_speaker(name, words)
    return {
        "id": speaker_id,
        "name": named or name,
        "names": [named] if named else [],
        "named": named is not None,
    }


def litbank_document(text_path: Path, ann_path: Path, article: str) -> tuple[str, dict]:
    """The seed text and the gold of one LitBank excerpt."""
    lines = text_path.read_text(encoding="utf-8").splitlines()
    words = [[w for w in line.split(" ") if w] for line in lines]
    body, offsets = litbank_body(words)
    rows, attributions = read_litbank_ann(ann_path)
    speakers: dict[str, dict] = {}
    quotes = []
    for row in sorted(rows, key=lambda r: (r.start, r.end)):
        speaker = attributions.get(row.id)
        quote = gold_quote(row, body, offsets, speaker)
        if quote is None:
            raise SourceError(f"{ann_path}: quote {row.id} covers no token of the text")
        quotes.append(quote)
        if speaker and speaker not in speakers:
            speakers[speaker] = speaker_entry(speaker, words)
    gold = {
        "article": article,
        "corpus": "LitBank",
        "actors": None,
        "places": None,
        "speakers": list(speakers.values()),
        "quotes": quotes,
    }
    return body, gold


def litbank_title(name: str) -> str:
    """ "1023_bleak_house" → "Bleak House"."""
    small = {"a", "an", "and", "the", "of", "in", "on", "to", "for", "at", "by", "or"}
    words = name.split("_")[1:]
    return " ".join(w if i and w in small else w[:1].upper() + w[1:] for i, w in enumerate(words))


def convert_litbank(source: Path) -> dict[Path, str]:
    folder = source / "tsv"
    names = sorted(p.name[: -len("_brat.ann")] for p in folder.glob("*_brat.ann"))
    if not names:
        raise SourceError(f"{folder}: no LitBank *_brat.ann files")
    # Excerpts without a quotation have nothing to score.
    names = [n for n in names if "QUOTE\t" in (folder / f"{n}_brat.ann").read_text("utf-8")]
    files: dict[Path, str] = {}
    for index, name in enumerate(names):
        out = OUT / "litbank" / split_of(index)
        article = out / f"{name}.txt"
        body, gold = litbank_document(
            folder / f"{name}_brat.txt",
            folder / f"{name}_brat.ann",
            str(article.relative_to(ROOT)),
        )
        url = f"https://www.gutenberg.org/ebooks/{name.split('_')[0]}"
        files[article] = seed_text(litbank_title(name), body.split("\n\n"), url)
        files[out / f"{name}.json"] = gold_json(gold)
    return files


# ---------------------------------------------------------------- main


def check_readable(files: dict[Path, str]) -> None:
    """Each article must read back as the text the gold's offsets refer to."""
    from generator.read.seeds import read_article

    for path, text in files.items():
        if path.suffix != ".txt":
            continue
        article = read_article(path)
        body = text.split("+++\n", 2)[2].split("\n\n", 1)[1].rstrip("\n")
        if article.text != body:
            raise SourceError(f"{path}: the seed reader does not read back the text written")


def write_all(files: dict[Path, str]) -> None:
    """Write the files, and remove converted files of documents no longer converted."""
    for folder in ("gum", "litbank"):
        for old in (OUT / folder).glob("*/*.*"):
            if old not in files and old.suffix in (".txt", ".json"):
                old.unlink()
    for path, text in sorted(files.items()):
        write_if_changed(path, text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        required=True,
        help="folder holding gum-dev/ and litbank-quotations/",
    )
    args = parser.parse_args(argv)
    try:
        files = {
            **convert_gum(args.data / "gum-dev"),
            **convert_litbank(args.data / "litbank-quotations"),
        }
        write_all(files)
        check_readable(files)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(
            f"error: {exc.filename}: not found; --data must hold gum-dev/ and "
            "litbank-quotations/ (see tests/extraction/README.md)",
            file=sys.stderr,
        )
        return 2
    print(f"{len(files) // 2} documents in {OUT.relative_to(ROOT)}/gum and /litbank")
    return 0


if __name__ == "__main__":
    sys.exit(main())
