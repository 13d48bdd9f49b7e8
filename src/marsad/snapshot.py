"""A snapshot of the pipeline's loaded resources, so a new process starts in a fraction of the build.

Building the pipeline reads and indexes the knowledge base, the lexicons, the word clusters and the
vocabulary (~2 s of CPU); most of it is Python work (spelling variants, verb forms, Aho-Corasick
automata), not reading. Unpickling the built objects costs about two fifths of that. The first
`marsad.load()` with the packaged data writes the snapshot; the next ones read it.

A snapshot is used only when it was written by the same code on the same data: its file name is a hash
of the Python version, the settings and the size and modification time of every file of the
package (code and data). Anything that cannot be pickled (the CRF tagger's C object) is built as
before. A snapshot that cannot be read is ignored and rebuilt; one that cannot be written is skipped:
it is a cache, never a requirement. `MARSAD_CACHE_DIR` says where snapshots go (default
`$XDG_CACHE_HOME/marsad`, else `~/.cache/marsad`); `MARSAD_CACHE_DIR=off` turns them off.
Only the packaged data is snapshotted: a pipeline on another `data_dir` is built each time.

Before it is written, a copy of the resources has its equal strings, and equal tuples and frozensets
of strings, made one object (`share_equal`): the word clusters hold ~75,000 tuples drawn from ~27,000
distinct ones over 1,024 distinct ids, and the same word is a key of several tables. Pickle writes a
shared object once and refers to it after, so reading makes fewer objects (~10% less time).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).parent
# snapshots kept in the cache directory (one per settings and code state), oldest removed first
KEEP = 6


def cache_dir() -> Path | None:
    """Where snapshots live, or None when they are turned off."""
    env = os.environ.get("MARSAD_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "no") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "marsad"


def snapshot_key(settings: Any) -> str:
    """A hash of what the loaded resources depend on: Python, the settings, the package's files."""
    h = hashlib.sha1()
    h.update(f"{sys.version}\n{settings!r}\n".encode())
    for root, dirs, files in os.walk(PACKAGE_DIR):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for f in sorted(files):
            path = os.path.join(root, f)
            st = os.stat(path)
            h.update(f"{os.path.relpath(path, PACKAGE_DIR)}\t{st.st_size}\t{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:20]


def _path(settings: Any) -> Path | None:
    from .settings import DATA_DIR
    where = cache_dir()
    if where is None or Path(settings.data_dir).resolve() != DATA_DIR.resolve():
        return None
    return where / f"resources-{snapshot_key(settings)}.pickle"


def load(settings: Any) -> dict[str, Any] | None:
    """The resources snapshotted for these settings, or None (none written yet, or unreadable)."""
    path = _path(settings)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
    except Exception:   # missing, truncated, written by another version: build instead
        return None
    return data if isinstance(data, dict) else None


def share_equal(root: Any) -> Any:
    """Make equal immutable values under `root` one object, in place (for a copy about to be pickled).

    Strings, and tuples and frozensets whose items are all such values, are replaced by the first equal
    one seen; dicts, lists, sets and the attributes of objects are walked and updated in place (a dict
    keeps its order). Anything else (numbers, C objects such as an Aho-Corasick automaton) is left as it
    is. Equal here means equal and of the same types all the way down, so `(1,)` never becomes `(1.0,)`.

    >>> a, b = ("c12", "c7"), tuple("c12 c7".split())
    >>> x = share_equal({"w1": a, "w2": b})
    >>> x["w1"] is x["w2"]
    True
    """
    strings: dict[str, str] = {}
    shared: dict[Any, Any] = {}   # (type, value) -> the one object
    plain: set[int] = set()        # ids of shared tuples and frozensets (all of strings, all the way down)
    walked: set[int] = set()

    def is_plain(items: Any) -> bool:
        return all(type(x) is str or id(x) in plain for x in items)

    def canon(o: Any) -> Any:
        kind = type(o)
        if kind is str:
            return strings.setdefault(o, o)
        if kind is tuple or kind is frozenset:
            items = [canon(x) for x in o]
            if not is_plain(items):
                return kind(items) if any(a is not b for a, b in zip(items, o)) else o
            one = shared.setdefault((kind, kind(items)), kind(items))
            plain.add(id(one))
            return one
        if id(o) in walked:
            return o
        walked.add(id(o))
        if isinstance(o, dict):
            items = [(canon(k), canon(v)) for k, v in o.items()]
            o.clear()
            o.update(items)
        elif kind is list:
            o[:] = [canon(x) for x in o]
        elif kind is set:
            items = [canon(x) for x in o]
            o.clear()
            o.update(items)
        elif not isinstance(o, type):
            attrs = getattr(o, "__dict__", None)
            if type(attrs) is dict:
                canon(attrs)
            for cls in kind.__mro__:
                slots = getattr(cls, "__slots__", ())
                for slot in (slots,) if isinstance(slots, str) else slots:
                    if slot in ("__dict__", "__weakref__") or not hasattr(o, slot):
                        continue
                    object.__setattr__(o, slot, canon(getattr(o, slot)))
        return o

    return canon(root)


def save(settings: Any, resources: dict[str, Any]) -> None:
    """Write the picklable resources as one pickle (shared objects stay shared); best effort."""
    path = _path(settings)
    if path is None:
        return
    keep: dict[str, Any] = {}
    for name, value in resources.items():
        try:
            pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:   # a C object (the CRF tagger): built in each process
            continue
        keep[name] = value
    try:
        # a copy (the live resources are left alone), its equal values made one, then written
        copy = pickle.loads(pickle.dumps(keep, protocol=pickle.HIGHEST_PROTOCOL))
        data = pickle.dumps(share_equal(copy), protocol=pickle.HIGHEST_PROTOCOL)
        del copy
    except Exception:   # recursion too deep, or a value that does not survive the round trip: write as built
        data = pickle.dumps(keep, protocol=pickle.HIGHEST_PROTOCOL)
    import tempfile   # here, not at import: only the run that writes a snapshot needs it
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".resources-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)   # atomic: a reader sees the old file or the whole new one
        except BaseException:
            os.unlink(tmp)
            raise
        old = sorted(path.parent.glob("resources-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        return
