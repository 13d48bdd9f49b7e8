"""The comparisons' index (outlets.CompareIndex, built once by the web app) gives exactly what the queries give,
for every pair and triple of outlets on every actor of a real store (the outlet fixture)."""
from __future__ import annotations

import itertools

import pytest

from marsad.store import db, outlets, queries

from outlet_store import outlet_store


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    c = db.connect(outlet_store(tmp_path_factory.mktemp("compare-index")), read_only=True)
    yield c
    c.close()


def test_store_compare_index_gives_the_numbers_of_the_queries(con):
    index = outlets.CompareIndex(con)
    names = [o["outlet"] for o in queries.outlets(con)]
    keys = [a["key"] for a in queries.actors(con, limit=0)]
    assert len(names) >= 3 and len(keys) > 20
    combos = [*itertools.combinations(names, 2), *itertools.combinations(names, 3)]
    checked = 0
    for key, chosen in zip(keys, itertools.cycle(combos)):
        plain = outlets.compare(con, list(chosen), key)
        assert outlets.compare(con, list(chosen), key, index=index) == plain, (key, chosen)
        checked += 1
    assert checked == len(keys)
    # Names as a user writes them resolve the same way, and a dated comparison still runs its queries.
    assert outlets.compare(con, [n.lower() for n in names[:2]], keys[0], index=index) == \
        outlets.compare(con, names[:2], keys[0])
    dated = outlets.compare(con, names[:2], keys[0], date_from="2018-05", index=index)
    assert dated == outlets.compare(con, names[:2], keys[0], date_from="2018-05")
