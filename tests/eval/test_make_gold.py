"""tests/extraction/make_gold.py on small GUM and LitBank files written here."""

from __future__ import annotations

from pathlib import Path

from tests.extraction.make_gold import (
    gum_gold,
    gum_paragraphs,
    litbank_body,
    litbank_document,
    read_gum_tsv,
    read_gum_xml,
)

# GUM: one token a line (token, PTB tag, lemma, CLAWS tag, UPOS, deprel, morphology).
GUM_XML = """<text id="GUM_test" title="Biologist tells of ants" sourceURL="https://example.org/a">
<head>
<s>
Biologist	NN	biologist	NN1	NOUN	nsubj	_
tells	VVZ	tell	VVZ	VERB	root	_
</s>
</head>
<figure>
<caption>
<s>
Image	NN	image	NN1	NOUN	root	_
:	:	:	PUN	PUNCT	punct	_
Mathias	NP	Mathias	NP0	PROPN	dep	_
Krumbholz	NP	Krumbholz	NP0	PROPN	flat	_
</s>
</caption>
</figure>
<sp who="#Wikinews">
<p>
<s>
Nick	NP	Nick	NP0	PROPN	nsubj	_
Bos	NP	Bos	NP0	PROPN	flat	_
of	IN	of	PRF	ADP	case	_
the	DT	the	AT0	DET	det	_
University	NP	University	NP0	PROPN	nmod	_
of	IN	of	PRF	ADP	case	_
Helsinki	NP	Helsinki	NP0	PROPN	nmod	_
studies	VVZ	study	VVZ	VERB	root	_
<quote>
"	``	"	PUQ	PUNCT	punct	_
<w>
self	NN	self	NN1	NOUN	compound	_
-	HYPH	-	PUN	PUNCT	punct	_
medicating	VVG	medicate	VVG	VERB	amod	_
</w>
"	''	"	PUQ	PUNCT	punct	_
</quote>
ants	NNS	ant	NN2	NOUN	obj	_
.	SENT	.	PUN	PUNCT	punct	_
</s>
</p>
</sp>
<sp who="#NickBos">
<p>
<s>
He	PP	he	PNP	PRON	nsubj	_
thanked	VVD	thank	VVD	VERB	root	_
his	PP$	his	DPS	PRON	nmod:poss	_
mother	NN	mother	NN1	NOUN	obj	_
.	SENT	.	PUN	PUNCT	punct	_
</s>
</p>
</sp>
</text>
"""

# WebAnno TSV rows: (address, token, entities, identities, link types, link targets).
GUM_TSV = [
    ("1-1", "Biologist", "person[9]", "_", "_", "_"),
    ("1-2", "tells", "_", "_", "_", "_"),
    ("2-1", "Image", "_", "_", "_", "_"),
    ("2-2", ":", "_", "_", "_", "_"),
    ("2-3", "Mathias", "person[1]", "_", "_", "_"),
    ("2-4", "Krumbholz", "person[1]", "_", "_", "_"),
    ("3-1", "Nick", "person[2]", "_", "coref", "4-1[6_2]"),
    ("3-2", "Bos", "person[2]", "_", "_", "_"),
    ("3-3", "of", "_", "_", "_", "_"),
    ("3-4", "the", "organization[3]", "University_of_Helsinki[3]", "_", "_"),
    ("3-5", "University", "organization[3]", "University_of_Helsinki[3]", "_", "_"),
    ("3-6", "of", "organization[3]", "University_of_Helsinki[3]", "_", "_"),
    (
        "3-7",
        "Helsinki",
        "organization[3]|place[4]",
        "University_of_Helsinki[3]|Helsinki[4]",
        "_",
        "_",
    ),
    ("3-8", "studies", "_", "_", "_", "_"),
    ("3-9", '"', "_", "_", "_", "_"),
    ("3-10", "self", "_", "_", "_", "_"),
    ("3-11", "-", "_", "_", "_", "_"),
    ("3-12", "medicating", "_", "_", "_", "_"),
    ("3-13", '"', "_", "_", "_", "_"),
    ("3-14", "ants", "animal[5]", "_", "_", "_"),
    ("3-15", ".", "_", "_", "_", "_"),
    ("4-1", "He", "person[6]", "_", "ana", "4-3[7_6]"),
    ("4-2", "thanked", "_", "_", "_", "_"),
    ("4-3", "his", "person[7]|person[8]", "_", "_", "_"),
    ("4-4", "mother", "person[8]", "_", "_", "_"),
    ("4-5", ".", "_", "_", "_", "_"),
]


def write_gum(folder: Path) -> tuple[Path, Path]:
    xml, tsv = folder / "GUM_test.xml", folder / "GUM_test.tsv"
    xml.write_text(GUM_XML, encoding="utf-8")
    rows = ["#FORMAT=WebAnno TSV 3.2", ""]
    for address, token, entities, identities, links, targets in GUM_TSV:
        rows.append(
            f"{address}\t0-0\t{token}\t{entities}\t_\t_\t{identities}\t_\t{links}\t{targets}\t"
        )
    tsv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return xml, tsv


def test_gum_text_leaves_out_headline_and_captions(tmp_path):
    xml, _ = write_gum(tmp_path)
    doc = read_gum_xml(xml)
    assert doc.headline == "Biologist tells"
    assert gum_paragraphs(doc) == [
        'Nick Bos of the University of Helsinki studies "self-medicating" ants.',
        "He thanked his mother.",
    ]
    assert doc.turns == [(1, "Wikinews"), (2, "NickBos")]


def test_gum_actors_are_named_entities_with_their_chains(tmp_path):
    xml, tsv = write_gum(tmp_path)
    mentions, links, _ = read_gum_tsv(tsv)
    gold = gum_gold(read_gum_xml(xml), mentions, links, "a.txt")
    actors = {a["name"]: (a["kind"], a["names"], a["mentions"]) for a in gold["actors"]}
    # Krumbholz is only in a caption, "Biologist" only in the headline, "his mother" is
    # never named; "He" and "his" are Nick Bos by the coreference links.
    assert actors == {
        "Nick Bos": ("person", ["Nick Bos"], ["He", "Nick Bos", "his"]),
        "University of Helsinki": (
            "organization",
            ["University of Helsinki"],
            ["the University of Helsinki"],
        ),
    }
    assert [(p["name"], p["wikipedia"]) for p in gold["places"]] == [("Helsinki", "Helsinki")]


def sentences(*lines: str) -> list[list[str]]:
    """LitBank's form: one sentence a line, tokens separated by spaces."""
    return [line.split(" ") for line in lines]


def test_litbank_text_reads_as_printed():
    body, _ = litbank_body(
        sentences(
            '" Good night t \' ee , " said the man .',
            "I said ' Good night , ' and you ca n't deny it _ now _ .",
        )
    )
    assert (
        body
        == "\"Good night t'ee,\" said the man.\n\nI said 'Good night,' and you can't deny it now."
    )


def test_litbank_paragraphs_follow_the_dialogue():
    body, _ = litbank_body(
        sentences(
            "The parson rode on .",
            "He stopped .",
            '" Stay , " said Jack .',
            '" I have news .',
            'It is good . "',
            "Jack listened .",
        )
    )
    assert body.split("\n\n") == [
        "The parson rode on. He stopped.",
        '"Stay," said Jack.',
        '"I have news. It is good."',
        "Jack listened.",
    ]


def test_litbank_quotes_keep_their_words_and_named_speakers(tmp_path):
    text = tmp_path / "1_test_brat.txt"
    text.write_text(
        "Ann Lee met a boy at the gate .\n"
        '" Go home , " said Ann Lee .\n'
        '" No , " the boy said .\n'
        '" Wait , " the old man said .\n',
        encoding="utf-8",
    )
    ann = tmp_path / "1_test_brat.ann"
    ann.write_text(
        'QUOTE\tQ1\t1\t0\t1\t4\t" Go home , "\n'
        'QUOTE\tQ2\t2\t0\t2\t3\t" No , "\n'
        "ATTRIB\tQ1\tAnn_Lee-0\n"
        'QUOTE\tQ3\t3\t0\t3\t3\t" Wait , "\n'
        "ATTRIB\tQ2\tthe_boy-1\n"
        "ATTRIB\tQ3\tThe_Old_Man-2\n",
        encoding="utf-8",
    )
    body, gold = litbank_document(text, ann, "a.txt")
    assert [(q["text"], body[q["start"] : q["end"]], q["paragraph"]) for q in gold["quotes"]] == [
        ("Go home", "Go home", 2),
        ("No", "No", 3),
        ("Wait", "Wait", 4),
    ]
    speakers = {s["id"]: (s["named"], s["names"]) for s in gold["speakers"]}
    # "The Old Man" is capitalised in the id only: the text says "the old man".
    assert speakers == {
        "Ann_Lee-0": (True, ["Ann Lee"]),
        "the_boy-1": (False, []),
        "The_Old_Man-2": (False, []),
    }
