"""One frozen settings object, passed explicitly (a Spark worker rebuilds the pipeline from it)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = DATA_DIR
    # Stages to run, in order; the pipeline checks what each needs when it is built.
    components: tuple[str, ...] = ("segment", "actors", "attribution", "events")
    # Largest article accepted, in characters (`--max-chars`); a longer one is refused with a clear
    # error, by its id in a batch, which goes on. The longest of 72,642 ANT and SaudiNewsNet articles
    # is 33,687 characters (99.9% under 12,500); 200,000 is about three seconds of analysis.
    max_chars: int = 200_000
    # Use the trained NER tagger for names the knowledge base lacks.
    use_tagger: bool = True
    # Reference date for relative dates (ISO) when an article has no publication date.
    default_date: str | None = None

    def with_(self, **changes) -> "Settings":
        from dataclasses import replace
        return replace(self, **changes)
