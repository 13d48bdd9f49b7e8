"""A name's spelling inside a fixed phrase of ordinary language is no actor (`زيارة إلى مسقط رأس والده`: his
father's birthplace, not Muscat). The phrases are data (`data/actors/idioms.txt`, with their corpus counts)."""
from __future__ import annotations

from ..text.normalize import normalize
from .found import Found


def idioms_are_no_actors(found: list[Found], view_text: str, idioms: frozenset[str]) -> None:
    """Drop a name mention that opens one of the idioms (`مسقط رأسه`، `مسقط رأس`) in the normalized view."""
    if not idioms:
        return
    for f in found:
        if f.drop or f.kind != "name" or f.vstart < 0:
            continue
        for idiom in idioms:
            if view_text.startswith(idiom, f.vstart) and normalize(view_text[f.vstart:f.vend]) == idiom.split()[0]:
                f.drop = True
                break
