"""The pipeline: named components `Doc -> Doc`, built once, checked once.

Each component declares what it needs on the Doc and what it adds; `Pipeline`
checks the order when it is built, so a misordered configuration fails at once,
not halfway through a corpus. Components never import each other: they talk
through the Doc.

Shared read-only resources (the knowledge base, lexicons, models) are loaded once
per pipeline through `Resources` and handed to the components that ask for them.
"""
from __future__ import annotations

import gc
import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from .doc import Doc, Meta, Record, content_id
from .errors import ConfigError, MarsadError
from .settings import Settings

# name -> "module:factory". A factory is called as factory(settings, resources).
REGISTRY: dict[str, str] = {
    "segment": "marsad.text.segment:Segmenter",
    "actors": "marsad.actors:ActorStage",
    "attribution": "marsad.attribution:AttributionStage",
    "events": "marsad.events:EventStage",
}


class Component(Protocol):
    name: str
    needs: tuple[str, ...]   # Doc fields that must be filled before this runs
    adds: tuple[str, ...]    # Doc fields this fills

    def __call__(self, doc: Doc) -> Doc: ...


class Resources:
    """Loads each shared resource once (knowledge base, lexicons, models)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._cache: dict[str, Any] = {}

    def get(self, name: str, loader: Callable[[Settings], Any]) -> Any:
        if name not in self._cache:
            self._cache[name] = loader(self.settings)
        return self._cache[name]


def _factory(name: str) -> Callable[..., Component]:
    try:
        target = REGISTRY[name]
    except KeyError:
        raise ConfigError(f"unknown pipeline component {name!r}; known: {', '.join(REGISTRY)}") from None
    module, attr = target.split(":")
    return getattr(importlib.import_module(module), attr)


class Pipeline:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.resources = Resources(self.settings)
        # Building allocates a few million long-lived objects: the cyclic collector would walk them
        # over and over while they are made (~15% of the build) and can find nothing to free.
        collecting = gc.isenabled()
        gc.disable()
        try:
            from . import snapshot
            loaded = snapshot.load(self.settings)
            if loaded:
                self.resources._cache.update(loaded)
            self.components: list[Component] = [_factory(n)(self.settings, self.resources)
                                                for n in self.settings.components]
            if loaded is None:
                snapshot.save(self.settings, self.resources._cache)
        finally:
            # What was built lives as long as the pipeline: moved out of the collector's reach, the
            # full collections during analysis no longer walk it.
            gc.freeze()
            if collecting:
                gc.enable()
        have = {"text", "meta", "repairs"}
        for c in self.components:
            missing = [n for n in c.needs if n not in have]
            if missing:
                raise ConfigError(f"component {c.name!r} needs {', '.join(missing)}, which no earlier component adds")
            have.update(c.adds)

    @property
    def component_names(self) -> list[str]:
        return [c.name for c in self.components]

    def make_doc(self, text: str, *, id: str | None = None, title: str | None = None, url: str | None = None,
                 publisher: str | None = None, published: str | None = None) -> Doc:
        from .text.repair import repair
        from .text.read import check_text, normalize_date
        check_text(text, what=id or "input", max_chars=self.settings.max_chars)
        fixed, done = repair(text)
        # the id of an article without one is the hash of the input as given (docs/schema.md), so the
        # store and `marsad analyze` name the same bytes the same way
        return Doc(text=fixed, id=id or content_id(text), repairs=done,
                   meta=Meta(title=title, url=url, publisher=publisher, published=normalize_date(published)))

    def __call__(self, text: str, **meta: Any) -> Doc:
        """Analyze one article. Raises an InputError for text that cannot be analyzed."""
        doc = self.make_doc(text, **meta)
        for c in self.components:
            doc = c(doc)
        doc.cache.clear()
        return doc

    def pipe(self, records: Iterable[Record | dict], n_process: int = 1, chunksize: int = 8) -> Iterator[Doc | MarsadError]:
        """Analyze many articles, in input order. A record that fails yields its error (with the record's id)
        instead of a Doc, so a batch goes on."""
        recs = (r if isinstance(r, Record) else Record(**{k: r.get(k) for k in Record.__dataclass_fields__}) for r in records)
        if n_process <= 1:
            for r in recs:
                yield self._safe(r)
            return
        import multiprocessing as mp
        ctx = mp.get_context("fork" if os.name == "posix" else "spawn")
        with ctx.Pool(n_process, initializer=_worker_init, initargs=(self.settings,)) as pool:
            yield from pool.imap(_worker_run, recs, chunksize=chunksize)

    def _safe(self, r: Record) -> Doc | MarsadError:
        try:
            return self(r.text or "", id=r.id, title=r.title, url=r.url, publisher=r.publisher, published=r.published)
        except MarsadError as exc:
            exc.record_id = r.id
            return exc


_WORKER: Pipeline | None = None


def _worker_init(settings: Settings) -> None:
    global _WORKER  # one pipeline per worker process, built from the settings alone
    _WORKER = Pipeline(settings)


def _worker_run(r: Record) -> Doc | MarsadError:
    assert _WORKER is not None
    return _WORKER._safe(r)


def load(settings: Settings | None = None, **overrides: Any) -> Pipeline:
    """Build the pipeline once: `nlp = marsad.load(); doc = nlp(text, publisher="Arabi21")`."""
    s = settings or Settings()
    if overrides:
        s = s.with_(**overrides)
    return Pipeline(s)
