"""The CAMEO code table: names, Goldstein values, PLOVER types and quad classes.

Read from `data/events/cameo.tsv` (format and sources in the README beside it).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..settings import Settings

# CAMEO root -> quad class, as in GDELT: verbal cooperation 1, material cooperation 2,
# verbal conflict 3, material conflict 4.
_QUAD_BY_ROOT = {**{r: 1 for r in range(1, 6)}, **{r: 2 for r in range(6, 10)},
                 **{r: 3 for r in range(10, 15)}, **{r: 4 for r in range(15, 21)}}


def quad_class(code: str) -> int:
    """Quad class of a CAMEO code, from its two-digit root."""
    return _QUAD_BY_ROOT[int(code[:2])]


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover: str | None

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        return quad_class(self.code)


class CameoTable:
    """All CAMEO codes by code; `get` falls back to the nearest listed parent code."""

    def __init__(self, codes: dict[str, CameoCode]):
        self.codes = codes

    def __contains__(self, code: str) -> bool:
        return code in self.codes

    def get(self, code: str) -> CameoCode:
        c = code
        while c:
            if c in self.codes:
                return self.codes[c]
            c = c[:-1]
        raise KeyError(code)


def load_cameo(settings: Settings) -> CameoTable:
    path = Path(settings.data_dir) / "events" / "cameo.tsv"
    codes: dict[str, CameoCode] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4 or not cols[0].isdigit() or not 2 <= len(cols[0]) <= 4:
            raise ConfigError(f"{path}:{n}: expected 'code<TAB>name<TAB>goldstein<TAB>plover'")
        code, name, gold, plover = cols
        if int(code[:2]) not in _QUAD_BY_ROOT or code in codes:
            raise ConfigError(f"{path}:{n}: bad or repeated CAMEO code {code!r}")
        codes[code] = CameoCode(code, name, float(gold), plover or None)
    return CameoTable(codes)
