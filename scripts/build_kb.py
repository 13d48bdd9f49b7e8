#!/usr/bin/env python
"""Generate the generated knowledge-base files (countries.jsonl, cities.jsonl) from their sources.

    python scripts/build_kb.py [--gazetteers ../shared/data/gazetteers]

Sources (named in each generated file's `_meta` header line and in src/marsad/data/kb/README.md):
- countries.json (mledoze/countries, ODbL-1.0): ISO codes, English names, Arabic names, capitals, independence;
- CLDR Arabic territory names through babel (Unicode License) — babel is a build-time tool only;
- world-cities.csv (CC BY 4.0): cities with Arabic names, country and population;
- src/marsad/data/kb/sources/countries.yaml (hand-curated, Apache-2.0): press variants, demonym bases,
  irregular forms, weights, ambiguity marks.

Curated files (regions, orgs, media, people, places) are edited by hand and never written here; a generated city
whose id a curated file already uses is skipped, so curation wins.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
KB_DIR = REPO / "src" / "marsad" / "data" / "kb"
DEFAULT_GAZ = REPO.parent / "shared" / "data" / "gazetteers"

ARABIC = re.compile(r"[\u0621-\u064a]")
# Suffixes of the nisba adjective: masc. sg. (none), fem. sg., dual nom./obl., sound masc. pl. nom./obl.,
# fem. dual nom./obl., sound fem. pl.
NISBA_SUFFIXES = ("", "ة", "ان", "ين", "ون", "تان", "تين", "ات")
# Arabic row prefixes in world-cities.csv that mark an administrative unit, not a town.
PROVINCE_PREFIXES = ("محافظة", "مقاطعة", "ولاية", "إقليم", "منطقة", "إدارة", "مديرية")
DISTRICT_PREFIXES = ("بلدية", "مركز", "ناحية", "ضاحية")
# Mistranslations in the source ("club", "university" of a town name): the rest is the town.
NOISE_PREFIXES = ("نادي", "جامعة", "مدينة")


def slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def fold_en(name: str) -> str:
    """English place name folded for comparison: no parenthesis, accents, article or punctuation."""
    name = re.sub(r"\([^)]*\)", " ", name)
    return re.sub(r"^(al|el|as|ad|ar|an|at|az|ash)", "", slug(name).replace("-", ""))


def clean_ar(name: str) -> str:
    """CLDR/CSV Arabic names: drop parenthesised and Latin parts, 'X - Y' -> 'X Y'."""
    name = re.sub(r"\([^)]*\)", " ", name)
    name = re.sub(r"[A-Za-z.]+", " ", name)
    name = name.replace(" - ", " ").replace("-", " ")
    return re.sub(r"\s+", " ", name).strip()


def nisba_base(name: str) -> str | None:
    """Masculine singular nisba of a one-word country name, by rule: فرنسا -> فرنسي, ألمانيا -> ألماني,
    السعودية -> سعودي, الأردن -> أردني, إيران -> إيراني. None for multi-word names (curate those)."""
    word = name[2:] if name.startswith("ال") and len(name) > 4 else name
    if " " in word:
        return None
    if word.endswith("يا"):
        return word[:-1]
    if word.endswith("ية"):
        return word[:-1]
    if word.endswith(("ا", "ة")):
        return word[:-1] + "ي"
    if word.endswith("ي"):
        return word
    return word + "ي"


def inflect(base: str) -> list[str]:
    """All inflections of a nisba (each word of a multi-word one in agreement), with and without ال."""
    words = base.split()
    forms: list[str] = []
    for suffix in NISBA_SUFFIXES:
        bare = " ".join(w + suffix for w in words)
        defined = " ".join("ال" + w + suffix for w in words)
        forms += [defined, bare]
    return forms


def dedupe(items) -> list[str]:
    seen: dict[str, None] = {}
    for i in items:
        if i and i not in seen:
            seen[i] = None
    return list(seen)


def meta(source: str, license_: str, **extra) -> dict:
    return {"_meta": {"generated_by": "scripts/build_kb.py", "source": source, "license": license_, **extra}}


def load_curated() -> tuple[set[str], dict[tuple[str, str], str]]:
    """Ids of the hand-curated entries, and (country, folded name) of curated places, so a generated city that
    duplicates a curated one (same id, same English or Arabic name in the same country) is left out."""
    from marsad.text.normalize import normalize

    ids: set[str] = set()
    places: dict[tuple[str, str], str] = {}
    for path in KB_DIR.glob("*.jsonl"):
        first = path.open(encoding="utf-8").readline()
        if '"curated"' not in first:
            continue
        for line in path.open(encoding="utf-8"):
            obj = json.loads(line)
            if "id" not in obj:
                continue
            ids.add(obj["id"])
            if obj["type"] == "LOC" and obj.get("country"):
                for n in (obj["name"], *obj.get("aliases", ())):
                    places.setdefault((obj["country"], normalize(n)), obj["id"])
                if obj.get("name_en"):
                    places.setdefault((obj["country"], obj["name_en"].lower()), obj["id"])
    return ids, places


def build(gaz: Path, out: Path = KB_DIR) -> None:
    """Write countries.jsonl and cities.jsonl into `out` (the shipped folder by default)."""
    from babel import Locale  # build-time only

    from marsad.text.normalize import normalize

    cldr = Locale("ar").territories
    overlay: dict = yaml.safe_load((KB_DIR / "sources" / "countries.yaml").read_text(encoding="utf-8"))
    countries = json.loads((gaz / "countries.json").read_text(encoding="utf-8"))
    curated_ids, curated_places = load_curated()

    # English country names -> ISO3, for world-cities.csv rows.
    by_en: dict[str, str] = {}
    for c in countries:
        for n in (c["name"]["common"], c["name"]["official"], *c.get("altSpellings", ())):
            by_en.setdefault(n.lower(), c["cca3"])
    by_en.update({"bosnia and herzevina": "BIH", "fiji islands": "FJI", "hong kong s.a.r.": "HKG",
                  "man (isle of)": "IMN", "palestinian territory occupied": "PSE", "turkey": "TUR"})

    # ---- cities
    rows = list(csv.DictReader((gaz / "world-cities.csv").open(encoding="utf-8-sig")))
    renamed: dict = yaml.safe_load((KB_DIR / "sources" / "city_names.yaml").read_text(encoding="utf-8")) or {}
    cities: dict[tuple[str, str], dict] = {}
    for r in rows:
        iso = by_en.get(r["CountryNameEn"].lower())
        name_en = r["CityNameEn"].strip()
        ar = clean_ar(renamed.get(f"{iso}/{name_en}") or r["CityNameAr"])
        if not iso or not name_en or not ARABIC.search(ar):
            continue
        pop = int(float(r["Population"] or 0))
        subtype, short = "city", ar
        first, _, rest = ar.partition(" ")
        if rest and first in PROVINCE_PREFIXES:
            subtype, short = "province", rest
        elif rest and first in DISTRICT_PREFIXES:
            subtype, short = "district", rest
        elif rest and first in NOISE_PREFIXES:
            short = rest
            ar = rest
        key = (iso, name_en.lower())
        c = cities.get(key)
        if c is None or pop > c["population"]:
            aliases = dedupe([*(c["aliases"] if c else []), *( [c["name"]] if c else []), ar, short])
            c = {"name": short if subtype == "city" else ar, "name_en": name_en, "country": iso,
                 "subtype": subtype, "population": pop, "aliases": aliases}
            cities[key] = c
        else:
            c["aliases"] = dedupe([*c["aliases"], ar, short])

    # ids: the slug of the English name; the most populous city keeps the bare slug, others get -iso3
    city_ids: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for key, c in sorted(cities.items(), key=lambda kv: -kv[1]["population"]):
        base = f"loc:city:{slug(c['name_en'])}"
        cid = base if base not in taken else f"{base}-{c['country'].lower()}"
        n = 2
        while cid in taken:
            cid, n = f"{base}-{c['country'].lower()}-{n}", n + 1
        taken.add(cid)
        city_ids[key] = cid

    city_by_slug = {(iso, slug(en)): cid for (iso, en), cid in city_ids.items()}

    # ---- countries
    country_lines = []
    capitals: set[str] = set()
    extra_capitals: list[dict] = []
    for c in sorted(countries, key=lambda c: c["cca3"]):
        iso, iso2 = c["cca3"], c["cca2"]
        o = overlay.get(iso) or {}
        ara = c.get("translations", {}).get("ara", {})
        cldr_name = clean_ar(cldr.get(iso2, "")) or None
        name = o.get("name") or cldr_name or clean_ar(ara.get("common", ""))
        if not name or not ARABIC.search(name):
            print(f"skip {iso}: no Arabic name", file=sys.stderr)
            continue
        aliases = dedupe(a for a in [*o.get("aliases", []), cldr_name, clean_ar(ara.get("common", "")),
                                     clean_ar(ara.get("official", ""))] if a and a != name and ARABIC.search(a))
        bases = o["demonym"] if "demonym" in o else [b for b in [nisba_base(name)] if b]
        demonyms = dedupe([f for b in bases for f in inflect(b)] + list(o.get("demonym_forms", [])))
        independent = bool(c.get("independent")) or bool(c.get("unMember"))
        subtype = o.get("subtype") or ("country" if independent else "territory")
        weight = float(o.get("weight", 5 if subtype == "country" else 2))
        capital_id = None
        cap_en = (c.get("capital") or [None])[0]
        if o.get("capital_id"):
            capital_id = o["capital_id"]
        elif cap_en and (iso, cap_en.lower()) in curated_places:
            capital_id = curated_places[(iso, cap_en.lower())]
        elif cap_en and (iso, cap_en.lower()) in city_ids:
            capital_id = city_ids[(iso, cap_en.lower())]
        elif cap_en and (iso, slug(cap_en)) in city_by_slug:   # Bogotá / Bogota
            capital_id = city_by_slug[(iso, slug(cap_en))]
        elif o.get("capital"):
            cap_ar, cap_en2 = o["capital"]
            key = (iso, cap_en2.lower())
            capital_id = city_ids.get(key)
            if capital_id is None:
                capital_id = f"loc:city:{slug(cap_en2)}"
                if capital_id in taken:
                    capital_id = f"{capital_id}-{iso.lower()}"
                taken.add(capital_id)
                extra_capitals.append({"id": capital_id, "name": cap_ar, "name_en": cap_en2, "country": iso})
        if capital_id:
            capitals.add(capital_id)
        entry = {"id": f"loc:country:{iso}", "type": "LOC", "subtype": subtype, "name": name,
                 "name_en": c["name"]["common"], "country": iso, "role": None, "code": iso,
                 "aliases": aliases, "demonyms": demonyms, "capital": capital_id,
                 "context": o.get("context", []), "weight": weight, "weak": o.get("weak", [])}
        country_lines.append({k: v for k, v in entry.items() if v not in (None, [], "")})

    write(out / "countries.jsonl",
          meta("countries.json (mledoze/countries) + CLDR Arabic territory names via babel + sources/countries.yaml",
               "ODbL-1.0 (derived database: attribution and share-alike apply); CLDR: Unicode License; "
               "curated overlay: Apache-2.0"),
          country_lines)

    city_lines = clean_cities(cities, city_ids, capitals, curated_ids, curated_places, country_lines)
    for x in extra_capitals:
        if x["id"] not in curated_ids:
            city_lines.append({**x, "type": "LOC", "subtype": "city", "weight": 5.0})
    write(out / "cities.jsonl",
          meta("world-cities.csv (Arabic city names, population)", "CC BY 4.0 (attribution: world-cities dataset)",
               note="rows with an administrative prefix (محافظة، ولاية...) are subtype province/district"),
          city_lines)
    print(f"countries {len(country_lines)}, cities {len(city_lines)}", file=sys.stderr)


def load_vocab() -> dict[str, int]:
    """Count of each normalized word in the shipped news vocabulary, most frequent first."""
    import gzip

    counts: dict[str, int] = {}
    with gzip.open(REPO / "src" / "marsad" / "data" / "lexicon" / "vocab.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                word, _, count = line.rstrip("\n").partition("\t")
                counts.setdefault(word, int(count))
    return counts


def is_ordinary(word: str, counts: dict[str, int], rank: dict[str, int]) -> bool:
    """A one-word name that is a frequent word of news text (حجة، الأبيض), or that a proclitic turns into a
    more frequent word (نيس in كنيس, أريس in باريس): the recognizer needs context to accept it."""
    if rank.get(word, 10**9) < 10000:
        return True
    own = counts.get(word, 0)
    return any(counts.get(c + word, 0) >= max(20, own + 1) for c in "وفبكل")


def clean_cities(cities: dict, city_ids: dict, capitals: set[str], curated_ids: set[str],
                 curated_places: dict, country_lines: list[dict]) -> list[dict]:
    """Generated city entries, cleaned of the source's translation errors:
    - a city that duplicates a curated place (same id, or a surface of a curated place in the same country) is
      left out (curation wins);
    - a surface that names a state (تركيا for the Azerbaijani town Turkan, كندا for Kanata) or a curated place of
      another English name is dropped, except from capitals (الكويت, جيبوتي);
    - a surface shared with a more populous city of a different English name (برشلونة for Bar, Montenegro)
      is dropped from the smaller one; same-name towns (Madrid, Colombia) keep it;
    - a one-word surface among the ~3,000 commonest words of news text (المدينة for Mdina, الغرب for Gharb,
      ثانية for Secunda) is dropped from a town that is no capital;
    - a one-word surface that is a frequent word of news text (حجة، الأبيض، جورج) or that a proclitic turns
      into a more frequent word (أريس in باريس) is marked weak, and the city gets its state's name and
      demonyms as context words.
    """
    from marsad.text.normalize import normalize

    counts = load_vocab()
    rank = {w: i for i, w in enumerate(counts)}
    country_surface: dict[str, str] = {}
    for c in country_lines:
        for sfc in (c["name"], *c.get("aliases", ()), *c.get("demonyms", ())):
            country_surface.setdefault(normalize(sfc), c["country"])
    # curated surface -> folded English names of the curated places that bear it: a generated town of the same
    # English name elsewhere is a genuine namesake (Al Bayda in Yemen and in Libya) and keeps the surface
    curated_surfaces: dict[str, set[str]] = {}
    for path in KB_DIR.glob("*.jsonl"):
        if '"curated"' not in path.open(encoding="utf-8").readline():
            continue
        for line in path.open(encoding="utf-8"):
            obj = json.loads(line)
            if obj.get("type") == "LOC":   # a town may share its name with a club or a person (Dortmund)
                for sfc in (obj["name"], *obj.get("aliases", ())):
                    curated_surfaces.setdefault(normalize(sfc), set()).add(fold_en(obj.get("name_en") or ""))
    by_iso = {c["country"]: c for c in country_lines}

    kept: list[tuple[str, dict, list[str]]] = []
    for key, c in cities.items():
        cid = city_ids[key]
        surfaces = dedupe([c["name"], *c["aliases"]])
        if cid in curated_ids or (c["country"], c["name_en"].lower()) in curated_places or \
                any((c["country"], normalize(sfc)) in curated_places for sfc in surfaces):
            continue
        if cid not in capitals:   # a capital keeps its names: the country entry points to it
            surfaces = [sfc for sfc in surfaces if normalize(sfc) not in country_surface
                        and fold_en(c["name_en"]) in curated_surfaces.get(normalize(sfc), {fold_en(c["name_en"])})]
        if surfaces:
            kept.append((cid, c, surfaces))

    heaviest: dict[str, tuple[int, str]] = {}
    for cid, c, surfaces in kept:
        for sfc in surfaces:
            k = normalize(sfc)
            if k not in heaviest or c["population"] > heaviest[k][0]:
                heaviest[k] = (c["population"], slug(c["name_en"]))

    capital_surfaces = {normalize(sfc) for cid, c, surfaces in kept if cid in capitals for sfc in surfaces}
    lines = []
    for cid, c, surfaces in sorted(kept, key=lambda t: t[0]):
        if cid not in capitals:   # one of the ~3,000 commonest words (المدينة، الغرب، ثانية، ليل): noise, not a town
            surfaces = [sfc for sfc in surfaces if " " in normalize(sfc) or rank.get(normalize(sfc), 10**9) >= 3000]
            if not surfaces:
                continue
        if cid not in capitals:
            surfaces = [sfc for sfc in surfaces if heaviest[normalize(sfc)][1] == slug(c["name_en"])]
        if not surfaces:
            continue
        name = c["name"] if c["name"] in surfaces else surfaces[0]
        # weak marks are global per surface (KnowledgeBase.is_weak), so never on a state's or a capital's name
        state = by_iso.get(c["country"], {})
        weak = [] if cid in capitals else [
            sfc for sfc in surfaces if " " not in normalize(sfc) and is_ordinary(normalize(sfc), counts, rank)
            and normalize(sfc) not in country_surface and normalize(sfc) not in capital_surfaces]
        state = by_iso.get(c["country"], {})
        # context words are single words (the linker looks them up in the article's word set)
        context = [w for w in (state["name"], *state.get("aliases", ()), *state.get("demonyms", ())[:4])
                   if " " not in w][:6] if weak and state else []
        weight = round(1 + math.log10(max(c["population"], 10)) / 2 + (1 if cid in capitals else 0), 2)
        if state and any(normalize(sfc) in country_surface for sfc in surfaces):
            weight = min(weight, float(state.get("weight", 5)) - 0.5)   # سنغافورة, جيبوتي: the state first
        entry = {"id": cid, "type": "LOC", "subtype": c["subtype"], "name": name, "name_en": c["name_en"],
                 "country": c["country"], "aliases": [a for a in surfaces if a != name], "context": context,
                 "weight": weight, "weak": weak}
        lines.append({k: v for k, v in entry.items() if v not in (None, [], "")})
    return lines


def write(path: Path, header: dict, lines: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps(header, ensure_ascii=False) + "\n")
        for line in lines:
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gazetteers", type=Path, default=DEFAULT_GAZ, help="folder with countries.json, world-cities.csv")
    ap.add_argument("--out", type=Path, default=KB_DIR, help="folder to write the generated files to")
    args = ap.parse_args()
    build(args.gazetteers, args.out)


if __name__ == "__main__":
    main()
