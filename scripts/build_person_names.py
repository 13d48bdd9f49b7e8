"""Build the person-name-part list the NER tagger reads as a feature (`data/models/person_names.tsv.gz`).

Source: the Wikidata part of the name index shipped by the PyPI package arabic-name-romanizer
(0.2.0, `resources/names.sqlite3`, table `units`: one row per Arabic name unit, its role -- given
name or surname -- and how many Wikidata people carry it). Wikidata is CC0 1.0; the package's own
code (MIT) is not used, and its rows from other sources (DziriNames, MIT) are left out. Build time
only: the package is not a dependency of marsad.

    .venv/bin/pip download arabic-name-romanizer==0.2.0 --no-deps -d /tmp/anr
    (cd /tmp/anr && unzip -oq arabic_name_romanizer-0.2.0-py3-none-any.whl)
    .venv/bin/python scripts/build_person_names.py /tmp/anr/arabic_name_romanizer/resources/names.sqlite3

Output: `#` comment lines, the header `word<TAB>role<TAB>people`, then one normalized one-word
name unit per line (Arabic letters only: Persian-only spellings never occur in Arabic news),
role `given`, `surname` or `both`, and the number of Wikidata people that carry it.
"""
from __future__ import annotations

import argparse
import gzip
import re
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from marsad.text.normalize import normalize  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "marsad" / "data" / "models" / "person_names.tsv.gz"
ARABIC_WORD = re.compile(r"^[\u0621-\u064a]{2,}$")
MIN_PEOPLE = 2   # a unit carried by one person only is as often an error of the source as a name


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sqlite", help="names.sqlite3 of arabic-name-romanizer 0.2.0")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    db = sqlite3.connect(args.sqlite)
    roles: dict[str, dict[str, int]] = {}
    for key, role, count in db.execute(
            "SELECT arabic_key, role, SUM(count) FROM units WHERE source = 'wikidata' GROUP BY arabic_key, role"):
        word = normalize(key)
        if not ARABIC_WORD.match(word):
            continue
        by_role = roles.setdefault(word, {})
        by_role[role] = by_role.get(role, 0) + count
    rows = []
    for word, by_role in roles.items():
        people = sum(by_role.values())
        if people < MIN_PEOPLE:
            continue
        given, surname = by_role.get("given", 0), by_role.get("surname", 0)
        if given and surname:
            role = "given" if given >= 4 * surname else "surname" if surname >= 4 * given else "both"
        else:
            role = "given" if given else "surname" if surname else "both"
        rows.append((word, role, people))
    rows.sort(key=lambda r: (-r[2], r[0]))
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# Person-name units (given names and surnames) for the NER tagger's features: the Wikidata rows\n"
                  "# (CC0 1.0) of the name index of arabic-name-romanizer 0.2.0 (PyPI), normalized, one-word units\n"
                  "# carried by at least 2 people. Built by scripts/build_person_names.py.\n")
        out.write("word\trole\tpeople\n")
        for word, role, people in rows:
            out.write(f"{word}\t{role}\t{people}\n")
    print(f"wrote {len(rows)} name units to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
