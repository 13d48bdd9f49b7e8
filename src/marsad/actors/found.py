"""`Found`: one recognized mention on its way to an entity (recognition -> linking -> coreference)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Found:
    start: int                 # offsets into doc.text; doc.text[start:end] is the mention
    end: int
    source: str                # kb | title | institution | label | anaphor | pronoun | rule | tagger | alias
    key: str                   # normalized surface (the lexicon or KB key for lexicon/KB hits)
    kind: str = "name"         # mention kind: name | alias | title | label | pronoun | demonym
    type: str | None = None    # PER | ORG | LOC once known
    candidates: list[tuple[str, str]] = field(default_factory=list)   # (kb_id, kind) for KB hits
    kb_id: str | None = None
    name: str | None = None    # canonical name for an entity the KB lacks
    subtype: str | None = None
    country: str | None = None
    role: str | None = None
    position: str | None = None   # titles: the office they name
    org: str | None = None        # titles with an organization complement: its kb id
    holder: "Found | None" = field(default=None, repr=False)   # titles: the person mention they describe
    wstart: int = -1              # view offset of the word start (with proclitics), for adjacency checks
    vstart: int = -1              # view offset of the mention start
    vend: int = -1                # view offset of the end
    former: bool = False          # titles: "former" (السابق): no current office holder
    tail: int = -1                # titles: text offset after their organization complement (a name may follow)
    refers: str | None = None     # the cluster key this mention belongs to, once resolved
    drop: bool = False            # absorbed into another mention or found not to be an entity
    score: float = 1.0
