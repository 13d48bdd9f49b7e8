#!/usr/bin/env python3
"""List every dev event decision for error analysis: gold events (matched or missed) and system
events (matched or false), with trigger and sentence, using ../shared/eval/score.py's matching.

usage: python scripts/events_dev_errors.py [../shared/dev] [--doc PREFIX] > report.txt
"""
from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

import marsad


def load_score(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def match(gold_events, sys_ev):
    """score.py's maximum matching, returning {gold index: system index} over gold sorted core-first."""
    def fits(g, s):
        if s[2] != g["quad"]:
            return False
        pairs = [(s[0], s[1])] + ([(s[1], s[0])] if g["quad"] in (1, 2) else [])
        return any((g["src"] is None or a == g["src"]) and (g["tgt"] is None or b == g["tgt"]) for a, b in pairs)
    golds = sorted(gold_events, key=lambda g: not g.get("core"))
    root = lambda g: str(g.get("cameo", ""))[:2]
    adj = [sorted((i for i in range(len(sys_ev)) if fits(g, sys_ev[i])), key=lambda i: sys_ev[i][3][:2] != root(g)) for g in golds]
    owner = {}

    def augment(k, seen):
        for i in adj[k]:
            if i not in seen:
                seen.add(i)
                if i not in owner or augment(owner[i], seen):
                    owner[i] = k
                    return True
        return False
    for k in range(len(golds)):
        augment(k, set())
    return golds, {k: i for i, k in owner.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dev", nargs="?", default="../shared/dev")
    ap.add_argument("--doc", default="")
    a = ap.parse_args()
    nlp = marsad.load()
    for path in sorted(Path(a.dev).glob(f"{a.doc}*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (path.parent / gold["text_file"]).read_text(encoding="utf-8")
        doc = nlp(text, id=gold["doc"], publisher=gold.get("publisher"), published=gold.get("published"))
        d = doc.to_dict()
        sents = d["sentences"]
        evs = d["events"]
        sys_ev = [((v["source"] or {}).get("country"), (v["target"] or {}).get("country"), v["quad_class"], v["cameo"]) for v in evs]
        golds, m = match(gold["events"], sys_ev)
        print(f"=== {gold['doc']}")
        for k, g in enumerate(golds):
            tag = ("HIT " if k in m else "MISS") + (" core" if g.get("core") else " soft")
            extra = f"  <= V{m[k] + 1} {evs[m[k]]['trigger']['text']} {evs[m[k]]['cameo']} [{evs[m[k]]['modality']}]" if k in m else ""
            print(f"  {tag} {g['src']}->{g['tgt']} q{g['quad']} {g.get('cameo')} | {g.get('trigger')} | {g['what'][:90]}{extra}")
        used = set(m.values())
        for i, v in enumerate(evs):
            if i in used:
                continue
            s = sents[v["sentence"]]
            print(f"  FALSE {sys_ev[i]} {v['trigger']['text']} [{v['modality']}] :: {d['text'][s['start']:s['end']][:160]}")


if __name__ == "__main__":
    main()
