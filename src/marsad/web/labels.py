"""Names the pages show for codes: CAMEO event codes and countries (ISO alpha-3).

Read once per app from the project's data files: `data/events/cameo.tsv` and
`data/kb/countries.jsonl` (their headers name their sources and licenses). A
code the files lack is shown as itself.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CountryName:
    code: str
    name: str
    name_en: str


class CountryNames:
    def __init__(self, names: dict[str, CountryName]):
        self.names = names

    @classmethod
    def load(cls, data_dir: Path) -> "CountryNames":
        path = Path(data_dir) / "kb" / "countries.jsonl"
        names: dict[str, CountryName] = {}
        if path.is_file():
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    code = row.get("code") or row.get("country")
                    if code and row.get("name"):
                        names[code] = CountryName(code, row["name"], row.get("name_en") or code)
        return cls(names)

    def ar(self, code: str | None) -> str:
        if not code:
            return ""
        hit = self.names.get(code)
        return hit.name if hit else code

    def en(self, code: str | None) -> str:
        if not code:
            return ""
        hit = self.names.get(code)
        return hit.name_en if hit else code


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float | None
    plover: str | None


class CameoLabels:
    """CAMEO code names from the events data file (data/events/cameo.tsv, see its header).

    A code the file lacks falls back to its root's name, then to the bare code."""

    def __init__(self, codes: dict[str, CameoCode]):
        self.codes = codes

    @classmethod
    def load(cls, data_dir: Path) -> "CameoLabels":
        path = Path(data_dir) / "events" / "cameo.tsv"
        codes: dict[str, CameoCode] = {}
        if path.is_file():
            with path.open(encoding="utf-8") as fh:
                rows = csv.reader((line for line in fh if line.strip() and not line.startswith("#")), delimiter="\t")
                for row in rows:
                    if len(row) < 2:
                        continue
                    gs = row[2] if len(row) > 2 else ""
                    codes[row[0]] = CameoCode(row[0], row[1], float(gs) if gs.strip() else None,
                                              (row[3] if len(row) > 3 else "") or None)
        return cls(codes)

    def name(self, code: str | None) -> str:
        if not code:
            return ""
        for key in (code, code[:3], code[:2]):
            if key in self.codes:
                return self.codes[key].name
        return ""
