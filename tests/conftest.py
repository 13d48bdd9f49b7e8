"""Shared fixtures. The core tests use files in the repo; tests that need ../shared
(the dev gold set, the ANT corpus sample) skip with a clear reason where it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "dev").is_dir():
        pytest.skip("../shared is not here (a user's clone): the dev gold set and corpus sample are team-only")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    import marsad
    return marsad.load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (REPO / "examples" / "seed.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(nlp, seed_text):
    return nlp(seed_text, publisher="Arabi21")


@pytest.fixture(scope="session")
def dev_summary(shared_dir, nlp) -> dict:
    """The whole dev gold set scored once per session, exactly as
    `../shared/eval/score.py --jsonl-cmd "marsad analyze --jsonl" ../shared/dev/*.gold.json` scores it
    (each article with its publisher and date, micro-averaged over all articles)."""
    import importlib.util
    import json
    spec = importlib.util.spec_from_file_location("marsad_dev_score", shared_dir / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    total = score.Tally()
    for path in sorted((shared_dir / "dev").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / gold["text_file"]).read_text(encoding="utf-8")
        doc = nlp(text, id=gold["doc"], publisher=gold.get("publisher"), published=gold.get("published"))
        score.score_doc(gold, doc.to_dict(), total, False, [])
    return score.summarize(total)

