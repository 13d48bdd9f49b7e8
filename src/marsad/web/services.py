"""What the web app holds for its lifetime: its settings, the read-only store connection, a bounded
cache of query results, the pipeline (built on the first analyze request) and the label tables.
One per app, never module-global."""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from fastapi import HTTPException

from ..settings import Settings
from .labels import CameoLabels, CountryNames

PAGE_SIZE = 50


@dataclass(frozen=True)
class WebSettings:
    """What `marsad serve` passes to the app. `db=None` serves the analyze page alone."""
    db: str | Path | None = None
    # Largest request body accepted, in bytes (uploads and pasted text included).
    max_body_bytes: int = 2_000_000
    # Longest text the analyze page analyzes, in characters; longer text gets a clear message.
    max_analyze_chars: int = 100_000
    page_size: int = PAGE_SIZE
    # Store query results kept per app (least recently used dropped first). The store is opened
    # read-only, and DuckDB lets no process write it while it is open, so a result cannot go stale.
    cache_entries: int = 512
    # Compute the costliest pages (each outlet's, and the actors on the actors list's first page) at startup.
    warm_pages: bool = True
    pipeline: Settings = field(default_factory=Settings)


class Services:
    def __init__(self, web: WebSettings):
        self.web = web
        self.con = None
        if web.db is not None:
            from ..store import db as store_db
            self.con = store_db.connect(web.db, read_only=True)
        self.cameo = CameoLabels.load(web.pipeline.data_dir)
        self.countries = CountryNames.load(web.pipeline.data_dir)
        self._nlp = None
        self._nlp_lock = threading.Lock()
        self._memo: OrderedDict[tuple, Any] = OrderedDict()
        self._memo_lock = threading.Lock()
        self.warmed = threading.Event()   # set when the startup warming is over (or there is none)
        self.compare_index = None         # store.outlets.CompareIndex, built by the startup warming

    @property
    def has_store(self) -> bool:
        return self.con is not None

    def memo(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """The result of `compute()` for `key`, computed once while it stays among the recent ones."""
        if self.con is None:
            return compute()
        with self._memo_lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = compute()
        with self._memo_lock:
            self._memo[key] = value
            while len(self._memo) > self.web.cache_entries:
                self._memo.popitem(last=False)
        return value

    def cursor(self):
        """A cursor per request: DuckDB connections are not shared between threads, cursors are cheap."""
        if self.con is None:
            raise HTTPException(503, "no corpus store: start `marsad serve --db FILE` to browse a corpus")
        return self.con.cursor()

    def analyze(self, text: str, **meta: Any):
        with self._nlp_lock:  # one pipeline per app, built once; analysis is CPU-bound anyway
            if self._nlp is None:
                from dataclasses import replace

                from ..pipeline import load
                # The page's own limit decides what it analyzes: the pipeline's default must not refuse
                # what `--max-analyze-chars` lets in.
                limit = max(self.web.pipeline.max_chars, self.web.max_analyze_chars)
                self._nlp = load(replace(self.web.pipeline, max_chars=limit))
            return self._nlp(text, **meta)

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None
