#!/usr/bin/env python3
"""Run every lexicon entry's example sentence through the whole pipeline and report the entries
whose example does not code them (no event of the entry's code on a trigger of its lemma) or
gets other sides than the example states. The test `tests/test_events_lexicon.py` runs the same
check and pins the share that must pass.

usage: python scripts/check_event_examples.py [--failures-only]
"""
from __future__ import annotations

import argparse

import marsad
from marsad.events.lexicon import check_examples, load_lexicon


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--failures-only", action="store_true")
    a = ap.parse_args()
    nlp = marsad.load()
    results = check_examples(nlp, load_lexicon(nlp.settings).patterns)
    coded = sum(r.coded for r in results)
    sided = sum(r.sides_ok for r in results)
    for r in results:
        if a.failures_only and r.coded and r.sides_ok:
            continue
        print(f"{r.entry.line}\t{r.entry.cameo}\t{r.entry.lemma}\t{'coded' if r.coded else 'NOT CODED'}\t"
              f"{'sides ok' if r.sides_ok else 'SIDES ' + r.got}\t{r.entry.example}")
    print(f"{len(results)} examples: {coded} coded ({coded / max(1, len(results)):.1%}), "
          f"{sided} with the stated sides ({sided / max(1, len(results)):.1%})")


if __name__ == "__main__":
    main()
