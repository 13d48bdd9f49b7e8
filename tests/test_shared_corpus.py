"""End to end on the team's shared material: every dev article, and the whole ANT corpus sample.
These skip on a user's clone, where ../shared does not exist."""
import json

import pytest

from marsad.schema import problems
from marsad.text.read import iter_jsonl


def dev_articles(shared_dir):
    return sorted((shared_dir / "dev").glob("*.txt"))


def test_shared_every_dev_article_gives_a_valid_record(shared_dir, nlp):
    paths = dev_articles(shared_dir)
    assert len(paths) >= 6
    for p in paths:
        gold = json.loads(p.with_suffix(".gold.json").read_text(encoding="utf-8"))
        doc = nlp(p.read_text(encoding="utf-8"), publisher=gold.get("publisher"), published=gold.get("published"))
        assert problems(doc.to_dict(tokens=True)) == [], p.name


@pytest.mark.slow
def test_shared_every_ant_sample_article_analyzes_without_error(shared_dir, nlp):
    records = list(iter_jsonl(shared_dir / "corpus" / "ant-sample.jsonl"))
    assert len(records) == 1977
    failures = []
    for r in records:
        doc = nlp(r.text, id=r.id, publisher=r.publisher, published=r.published)
        bad = problems(doc.to_dict())
        if bad:
            failures.append((r.id, bad[:2]))
    assert failures == []
