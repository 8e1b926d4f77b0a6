"""`make eval`'s claims: the matcher, the gold files' checks, the baseline, and the issue's
targets on the articles written blind."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator.config import load_config
from generator.eval.__main__ import main
from generator.eval.claims import (
    GoldClaim,
    baseline_claims,
    evaluate_claims,
    score_claims,
)
from generator.model import Actor, Claim
from tests.nlp import extraction_of, nlp

ROOT = Path(__file__).resolve().parents[2]
NETANYAHU = Actor(id="b-n", name="Benjamin Netanyahu", kind="person", aliases=["Netanyahu"])
GOLD = GoldClaim("his decision to cancel was meant to deliver a message to Hamas", 8, ["Netanyahu"])


def claim(text: str, paragraph: int = 8, speaker: str | None = "b-n") -> Claim:
    return Claim(text, speaker, "Netanyahu", "said", paragraph)


def test_a_claim_matches_when_half_its_words_are_shared_in_the_same_paragraph():
    near = claim("his decision to cancel was meant to deliver a message")
    assert score_claims([near], [NETANYAHU], [GOLD]).figures == {
        "precision": 1.0,
        "recall": 1.0,
        "speaker": 1.0,
    }
    elsewhere = score_claims([replace(near, paragraph=9)], [NETANYAHU], [GOLD])
    assert (elsewhere.matched, elsewhere.figures["precision"]) == (0, 0.0)
    too_little = score_claims([claim("his decision to cancel")], [NETANYAHU], [GOLD])
    assert too_little.matched == 0


def test_a_wrong_speaker_is_found_but_not_right_and_an_extra_claim_costs_precision():
    other = Actor(id="k", name="Karine Jean-Pierre", kind="person")
    found = [claim(GOLD.text, speaker="k"), claim("talks have restarted", paragraph=1)]
    score = score_claims(found, [NETANYAHU, other], [GOLD])
    assert score.figures == {"precision": 0.0, "recall": 1.0, "speaker": 0.0}
    assert score.problems[-1] == "extra ¶1 'talks have restarted'"


def test_an_unnamed_source_is_right_only_when_nobody_is_named():
    gold = GoldClaim("the debate was unusually sharp", 11, None)
    nobody = score_claims([claim(gold.text, 11, speaker=None)], [NETANYAHU], [gold])
    someone = score_claims([claim(gold.text, 11)], [NETANYAHU], [gold])
    assert (nobody.speaker_right, someone.speaker_right) == (1, 0)


def test_the_baseline_takes_a_verbs_clause_and_the_name_at_its_subject_only():
    e = extraction_of(
        "Fed Chair Miriam Castellanos spoke on Wednesday. She said the committee would wait.",
        "Lindgren favored a cut, arguing that unemployment had risen.",
    )
    doc = nlp()("\n\n".join(e.paragraphs))
    found = baseline_claims(doc, e)
    assert [(c.text, c.speaker) for c in found] == [("the committee would wait", None)]


def _claims_site(tmp_path: Path, golds: dict[str, dict]) -> Path:
    folder = tmp_path / "tests" / "extraction" / "claims" / "gold"
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    for name, data in golds.items():
        (folder / f"{name}.json").write_text(json.dumps(data, indent=2))
    return tmp_path


def test_a_bad_gold_file_names_its_line_and_the_others_are_still_scored(tmp_path):
    good = json.loads((ROOT / "tests/extraction/claims/gold/cup-final-shootout.json").read_text())
    unknown = json.loads(json.dumps(good))
    unknown["claims"][1]["speaker"] = "mark-whitbey"
    typo = json.loads(json.dumps(good))
    typo["claims"][1]["text"] = "the prize money would be spent on the youth acadmy"
    root = _claims_site(tmp_path, {"a-good": good, "b-unknown": unknown, "c-typo": typo})
    config = replace(load_config(ROOT / "site.toml"), cache=str(tmp_path / "cache"))
    results, errors = evaluate_claims(config, root)
    folder = root / "tests/extraction/claims/gold"
    assert [str(e).split("\n")[0] for e in errors] == [
        f"{folder / 'b-unknown.json'}:20: a claim's speaker 'mark-whitbey' is not among the "
        "`speakers`",
        f"{folder / 'c-typo.json'}:23: a claim's text is not in paragraph 6 of "
        f"{root / 'seeds/cup-final-shootout.txt'}",
    ]
    [seen] = [r for r in results if r.name == "seen"]
    assert list(seen.articles) == ["a-good"]
    assert seen.scores["extractor"].figures["recall"] == 1.0


@pytest.mark.slow
def test_eval_reports_claims_and_the_blind_articles_meet_the_targets(tmp_path, capsys):
    output = tmp_path / "eval.json"
    status = main(["--config", str(ROOT / "site.toml"), "--sets", "seen", "--json", str(output)])
    printed = capsys.readouterr().out
    assert status == 0, printed
    assert "claims held-out (blind)" in printed
    claims = json.loads(output.read_text())["claims"]
    blind = claims["held-out"]["extractor"]["figures"]
    assert blind["speaker"] >= 0.85 and blind["recall"] >= 0.75, blind
    baseline = claims["held-out"]["baseline"]["figures"]
    assert blind["precision"] > baseline["precision"]
    assert all(not a["problems"] for a in claims["held-out"]["articles"].values())
