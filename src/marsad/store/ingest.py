"""Ingest: files and folders -> analyzed articles in the store, in parallel, idempotent, resumable.

One article from bytes to rows:

    inputs.iter_items   a file or JSONL line or feed item -> Item (origin, locator, Record or read error)
    plan                Item -> Task: skip what the store already holds; a text seen before is a new
                        *source* of that article; a new text is an *analyze* task with its article id
    analyze_task        (in a worker process) Task -> Outcome: document record, table rows, MinHash
    Writer              (the one writer, in the main process) Outcome -> rows; near-duplicate link;
                        one transaction per batch, holding the batch's articles with all their rows

Identity is by content: an article is known by its text's hash (and the record's id, which
its source row keeps), never by where it was read. Every run reads every input and hashes it;
the place it was read from, (origin, locator), is its *provenance*: one row in `sources` (or in
`failures`) per place, replaced when that place now holds another record. So a record inserted
at the top of an ingested JSONL file is stored, and the records after it get their new line
numbers; rows for places an input no longer has (a shortened file, a file fixed after failing
to read) are removed at the end of the run. What is new is analyzed; what is stored already is
at most a provenance update.

Why it is resumable: an input's source or failure row lands in the same transaction as its
article's rows. A run killed at any moment leaves whole batches; the next run finds those
inputs stored (same place, same hash, same id) and continues in the same order, so `seq` and
the near-duplicate links come out as in one run.

Recorded failures: an input that failed the same way before (the same unreadable place with the
same reason, or a text whose analysis failed) is not tried again, and the report says how many
were left so; `retry_failed` (`marsad ingest --retry-failed`) tries them again.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..doc import Record
from ..errors import InputError, MarsadError
from ..settings import Settings
from . import dedup
from .inputs import UNREADABLE, Item, iter_items
from .rows import CHILD_TABLES, pipeline_version, record_rows


def content_hash(text: str) -> str:
    import hashlib
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Task:
    """One unit of work, in input order."""
    kind: str                        # analyze | source | failure
    origin: str
    locator: int
    record: Record | None = None     # analyze: the full record; source: its metadata (text dropped)
    content_hash: str | None = None
    article_id: str | None = None
    stage: str = "read"              # for kind == failure
    reason: str | None = None


@dataclass
class Outcome:
    task: Task
    record_json: str | None = None           # the document record, serialized
    article: dict | None = None              # the articles row (rows.record_rows), without the ingest's columns
    children: dict[str, str] = field(default_factory=dict)   # table -> JSONL rows
    signature: tuple[int, ...] | None = None
    buckets: tuple[int, ...] | None = None
    reason: str | None = None                # analysis failed: why


@dataclass
class IngestReport:
    items: int = 0                 # inputs seen (articles, lines, feed items, unreadable files)
    articles: int = 0              # new articles stored
    sources: int = 0               # new sources stored (including those of new articles)
    exact_duplicates: int = 0      # inputs whose text was already stored: one more source
    near_duplicates: int = 0       # new articles linked to an earlier near-duplicate
    failed: int = 0                # inputs recorded in failures
    already_done: int = 0          # inputs a previous run stored at the same place (skipped)
    relocated: int = 0             # places whose row now names another record (an edited or reordered file)
    known_failures: int = 0        # inputs that failed the same way before (skipped; retry_failed retries them)
    pruned: int = 0                # rows of places an input no longer has, removed
    stopped: str | None = None     # why the run stopped before the end (a signal), if it did
    batches: int = 0
    seconds: float = 0.0
    problems: dict[str, list[str]] = field(default_factory=dict)   # origin -> reasons (inputs not stored)

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


# --- planning (main process) ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Stored:
    """What the store holds at one place (origin, locator)."""
    table: str                      # sources | failures
    content_hash: str | None
    record_id: str | None
    stage: str | None = None        # failures: read | analyze
    reason: str | None = None


@dataclass
class KnownState:
    """What the store already holds, loaded once at the start of a run."""
    at: dict[tuple[str, int], Stored] = field(default_factory=dict)   # place -> its source or failure row
    hashes: dict[str, str] = field(default_factory=dict)         # content_hash -> article id
    failed_hashes: dict[str, str] = field(default_factory=dict)  # content_hash -> reason (analysis failed)
    ids: set[str] = field(default_factory=set)
    next_seq: int = 1

    @classmethod
    def load(cls, con) -> "KnownState":
        s = cls()
        for origin, loc, h, rid in con.execute("SELECT origin, locator, content_hash, record_id FROM sources").fetchall():
            s.at[(origin, loc)] = Stored("sources", h, rid)
        for origin, loc, h, rid, stage, reason in con.execute(
                "SELECT origin, locator, content_hash, record_id, stage, reason FROM failures").fetchall():
            s.at[(origin, loc)] = Stored("failures", h, rid, stage, reason)
        for aid, h in con.execute("SELECT id, content_hash FROM articles").fetchall():
            s.hashes[h] = aid
            s.ids.add(aid)
        s.failed_hashes = dict(con.execute("SELECT content_hash, any_value(reason) FROM failures "
                                           "WHERE stage = 'analyze' AND content_hash IS NOT NULL GROUP BY 1").fetchall())
        s.next_seq = (con.execute("SELECT max(seq) FROM articles").fetchone()[0] or 0) + 1
        return s


@dataclass
class Seen:
    """The places this run read, so that rows of places the inputs no longer have can be removed:
    only for origins read through (a file that could not be read keeps the rows of its last reading)."""
    keys: set[tuple[str, int]] = field(default_factory=set)
    origins: set[str] = field(default_factory=set)
    unreadable: set[str] = field(default_factory=set)

    @property
    def read_through(self) -> set[str]:
        return self.origins - self.unreadable


def plan(items: Iterable[Item], known: KnownState, report: IngestReport, retry_failed: bool = False,
         seen_places: Seen | None = None) -> Iterator[Task]:
    """Decide what each input needs. Runs ahead of the writer, so it keeps its own record of
    the hashes and ids it has handed out in this run."""
    failed = {} if retry_failed else known.failed_hashes
    seen: set[str] = set(known.hashes) | set(failed)
    ids: set[str] = set(known.ids)
    places = seen_places if seen_places is not None else Seen()
    for item in items:
        report.items += 1
        key = (item.origin, item.locator)
        places.origins.add(item.origin)
        if key in places.keys:  # a file named twice (or inside a folder named too) counts once
            report.already_done += 1
            continue
        places.keys.add(key)
        stored = known.at.get(key)
        if item.record is None:
            if item.error and item.error.startswith(UNREADABLE):
                places.unreadable.add(item.origin)
            if (not retry_failed and stored is not None and stored.table == "failures" and stored.stage == "read"
                    and stored.reason == item.error):
                report.known_failures += 1
                continue
            yield Task("failure", item.origin, item.locator, record=Record(text="", id=item.record_id),
                       stage="read", reason=item.error)
            continue
        h = item.content_hash or content_hash(item.record.text)
        if (stored is not None and stored.table == "sources" and stored.content_hash == h
                and stored.record_id == item.record.id):
            report.already_done += 1
            continue
        if h in failed and stored is not None and stored.table == "failures" and stored.content_hash == h:
            report.known_failures += 1
            continue
        if h in seen:
            yield Task("source", item.origin, item.locator, record=replace(item.record, text=""), content_hash=h)
            continue
        seen.add(h)
        aid = item.record.id or h
        if aid in ids:  # the same id given to a different text: keep both, apart
            aid = f"{aid}~{h[:12]}"
        ids.add(aid)
        yield Task("analyze", item.origin, item.locator, record=item.record, content_hash=h, article_id=aid)


# --- analysis (worker processes, or the main process with one worker) -----------------------------------------

def _json_encoder():
    """`json.dumps(obj, ensure_ascii=False)` with one encoder made once: `dumps` with an argument builds
    a new encoder (and its C half) at every call, most of the cost of a small row. The same text: the
    same C encoder and settings, without the cycle check (rows are trees)."""
    from json.encoder import c_make_encoder, encode_basestring
    if c_make_encoder is None:   # no C accelerator: the plain call
        return lambda obj: json.dumps(obj, ensure_ascii=False)
    encode = c_make_encoder(None, json.JSONEncoder().default, encode_basestring, None, ": ", ", ",
                            False, False, True)
    return lambda obj: "".join(encode(obj, 0))


json_text = _json_encoder()


def analyze_task(nlp, task: Task, version: str) -> Outcome:
    if task.kind != "analyze":
        return Outcome(task)
    r = task.record
    try:
        doc = nlp(r.text, id=task.article_id, title=r.title, url=r.url, publisher=r.publisher, published=r.published)
    except MarsadError as exc:
        return Outcome(_light(task), reason=str(exc))
    except Exception as exc:  # a bug in a stage must not stop a corpus run: record it with its type
        return Outcome(_light(task), reason=f"internal error: {type(exc).__name__}: {exc}")
    record = doc.to_dict()
    rows = record_rows(record, task.content_hash, version)
    sig = dedup.signature(doc.text)
    children = {t: "".join(json_text(row) + "\n" for row in rows.children[t])
                for t in CHILD_TABLES if rows.children[t]}
    return Outcome(_light(task), record_json=json_text(record), article=rows.article,
                   children=children, signature=sig.values, buckets=sig.buckets)


def _light(task: Task) -> Task:
    """The task without its text, for the trip back to the writer."""
    return replace(task, record=replace(task.record, text="")) if task.record else task


_WORKER: tuple | None = None
# The pipeline built in the parent before its workers are forked: they inherit it, built and warm,
# and share its read-only pages (knowledge base, lexicons, model) instead of building one each.
_FORKED: tuple | None = None


def _worker_init(settings: Settings, parent_pid: int | None = None) -> None:
    global _WORKER  # one pipeline per worker process: the parent's when forked, else built from the settings
    if parent_pid:
        import threading
        # A signal to the ingest's process group (`kill -TERM -PGID`, a service manager, `timeout`) is the
        # parent's to handle: it finishes its batch and stops the pool. A worker killed by it instead left
        # the parent waiting on results that never came.
        try:
            os.setpgid(0, 0)
        except OSError:
            pass
        threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    if _FORKED is not None:
        _WORKER = _FORKED
        return
    from ..pipeline import Pipeline
    _WORKER = (Pipeline(settings), pipeline_version(settings))


def _exit_with_parent(pid: int) -> None:
    """A worker outlives an ingest killed with SIGKILL (nothing tells it); it checks and leaves."""
    while _alive(pid):
        time.sleep(1.0)
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie is dead, only not yet reaped
    except OSError:
        return True


def _worker_chunk(tasks: list[Task]) -> list[Outcome]:
    nlp, version = _WORKER
    return [analyze_task(nlp, t, version) for t in tasks]


def start_pool(settings: Settings, workers: int, nlp=None):
    """A process pool of `workers` analysis processes, started now. Where fork exists, the pipeline is
    built here once and the workers are forked from this process while it runs no other thread (call
    this before the store is opened: DuckDB's threads would make fork unsafe); elsewhere each worker
    (spawned) builds its own pipeline from `settings`. A ProcessPoolExecutor notices a worker dying
    (out of memory, a crash in native code) instead of waiting forever for its results."""
    global _FORKED
    import multiprocessing as mp
    import threading
    from concurrent.futures import ProcessPoolExecutor
    fork = "fork" in mp.get_all_start_methods() and threading.active_count() == 1
    if fork:
        import gc
        from ..pipeline import Pipeline
        _FORKED = (nlp or Pipeline(settings), pipeline_version(settings))
        gc.collect()
        gc.freeze()   # the collector then leaves the inherited objects' pages alone (copy-on-write)
        ctx = mp.get_context("fork")
    else:
        ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    try:
        pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_worker_init, initargs=(settings, os.getpid()))
        # with fork the executor starts every worker at its first task, before its own manager thread
        pool.submit(int).result()
    finally:
        if fork:
            gc.unfreeze()
            _FORKED = None
    return pool


def run_parallel(tasks: Iterable[Task], settings: Settings, workers: int, chunksize: int = 4,
                 nlp=None, batch_size: int = 64, pool=None) -> Iterator[Outcome]:
    """Outcomes in task order. With one worker everything runs here (in `nlp` if given, a pipeline
    built from `settings`); with more, chunks go to a process pool (`pool`, from `start_pool`, or
    one started here) with a bounded window, so memory stays flat however large the corpus."""
    if workers <= 1:
        from ..pipeline import Pipeline
        nlp, version = nlp or Pipeline(settings), pipeline_version(settings)
        for t in tasks:
            yield analyze_task(nlp, t, version)
        return
    from concurrent.futures.process import BrokenProcessPool
    window: deque = deque()
    # Chunks in flight: enough that the workers keep busy while the writer commits a batch.
    depth = workers * 8 + 2 * max(1, batch_size // chunksize)
    with pool or start_pool(settings, workers, nlp) as pool:
        it = iter(tasks)
        exhausted = False
        while True:
            while not exhausted and len(window) < depth:
                chunk = [t for _, t in zip(range(chunksize), it)]
                if not chunk:
                    exhausted = True
                    break
                if all(t.kind != "analyze" for t in chunk):
                    window.append(chunk)  # nothing to analyze: skip the round trip
                else:
                    window.append(pool.submit(_worker_chunk, chunk))
            if not window:
                break
            head = window.popleft()
            if isinstance(head, list):
                yield from (Outcome(t) for t in head)
                continue
            try:
                yield from head.result()
            except BrokenProcessPool:
                raise IngestAborted("a worker process died (out of memory?); what was stored is kept: "
                                    "run the same command again to resume") from None


class IngestAborted(MarsadError):
    """The run cannot go on (its committed batches stay; a rerun resumes)."""
    exit_code = 1


# --- the writer -----------------------------------------------------------------------------------------------

@dataclass
class Decision:
    """What the ledger decided for one outcome: rows for `sources`/`failures`, and for a new article
    its place in the corpus (seq, near-duplicate link)."""
    rows: list[tuple[str, dict]] = field(default_factory=list)
    article: dict | None = None     # {"seq", "duplicate_of", "similarity"}


class Ledger:
    """The ingest's decisions, taken in input order: which copy of a text is the article, its `seq`,
    its earliest near-duplicate, and the source or failure row of every input. Pure Python, no store:
    the local writer and the Spark driver take the same decisions with the same code."""

    def __init__(self, known: KnownState, report: IngestReport, version: str):
        self.known = known
        self.report = report
        self.version = version
        self.index = dedup.NearDuplicateIndex()
        self.now = _timestamp()
        self.replaced: list[tuple[str, int]] = []   # places whose stored row the pending batch replaces

    def _replacing(self, task: Task) -> None:
        """The place had a row already (another record, or a failure): this one replaces it."""
        if (task.origin, task.locator) in self.known.at:
            self.report.relocated += 1
            self.replaced.append((task.origin, task.locator))

    def _source(self, task: Task, article_id: str) -> tuple[str, dict]:
        r = task.record or Record(text="")
        self.report.sources += 1
        self._replacing(task)
        return "sources", {"article_id": article_id, "content_hash": task.content_hash, "origin": task.origin,
                           "locator": task.locator, "record_id": r.id, "title": r.title, "url": r.url,
                           "publisher": r.publisher, "published": r.published, "ingested_at": self.now}

    def _failure(self, task: Task, stage: str, reason: str) -> tuple[str, dict]:
        self.report.failed += 1
        self.report.problems.setdefault(task.origin, []).append(reason)
        self._replacing(task)
        return "failures", {"origin": task.origin, "locator": task.locator,
                            "record_id": task.record.id if task.record else None,
                            "content_hash": task.content_hash, "stage": stage, "reason": reason,
                            "pipeline_version": self.version, "failed_at": self.now}

    def add(self, out: Outcome) -> Decision:
        task = out.task
        if task.kind == "failure":
            return Decision([self._failure(task, "read", task.reason or "unreadable")])
        if task.kind == "source":
            aid = self.known.hashes.get(task.content_hash)
            if aid is not None:
                self.report.exact_duplicates += 1
                return Decision([self._source(task, aid)])
            # the same text failed analysis earlier: so does this copy
            return Decision([self._failure(task, "analyze",
                                           self.known.failed_hashes.get(task.content_hash, "analysis failed"))])
        if out.reason is not None:
            self.known.failed_hashes[task.content_hash] = out.reason
            return Decision([self._failure(task, "analyze", out.reason)])
        aid = task.article_id
        seq = self.known.next_seq
        self.known.next_seq += 1
        sig = dedup.Signature(values=tuple(out.signature), buckets=tuple(out.buckets))
        link = self.index.link(sig)
        self.index.add(aid, seq, sig.values, sig.buckets)
        if link:
            self.report.near_duplicates += 1
        self.known.hashes[task.content_hash] = aid
        self.report.articles += 1
        return Decision([self._source(task, aid)], {"seq": seq, "duplicate_of": link[0] if link else None,
                                                    "similarity": link[1] if link else None})


class Writer:
    """The one writer: turns outcomes into rows (as the ledger decides) and commits them a batch at a time."""

    def __init__(self, con, known: KnownState, report: IngestReport, version: str, tmpdir: str):
        self.con = con
        self.ledger = Ledger(known, report, version)
        self.report = report
        self.tmpdir = tmpdir
        self.columns = self._columns()
        self._load_index()
        self.buffers: dict[str, list[str]] = {}
        self.pending = 0

    def _columns(self) -> dict[str, list[tuple[str, str]]]:
        cols: dict[str, list[tuple[str, str]]] = {}
        for table, name, dtype in self.con.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position").fetchall():
            cols.setdefault(table, []).append((name, dtype))
        return cols

    def _load_index(self) -> None:
        sigs = dict(self.con.execute("SELECT m.article_id, m.signature FROM minhash m").fetchall())
        seqs = dict(self.con.execute("SELECT id, seq FROM articles").fetchall())
        buckets: dict[str, list[int]] = {}
        for aid, band, bucket in self.con.execute("SELECT article_id, band, bucket FROM minhash_bands "
                                                  "ORDER BY article_id, band").fetchall():
            buckets.setdefault(aid, []).append(bucket)
        for aid, sig in sigs.items():
            self.ledger.index.add(aid, seqs[aid], sig, buckets.get(aid, []))

    def _row(self, table: str, row: dict) -> None:
        self.buffers.setdefault(table, []).append(json_text(row) + "\n")

    def add(self, out: Outcome) -> None:
        self.pending += 1
        decision = self.ledger.add(out)
        for table, row in decision.rows:
            self._row(table, row)
        if decision.article is None:
            return
        row = dict(out.article, **decision.article, ingested_at=self.ledger.now)
        self.buffers.setdefault("articles", []).append(
            '{"record": ' + out.record_json + ", " + json_text(row)[1:] + "\n")
        for table, lines in out.children.items():
            self.buffers.setdefault(table, []).append(lines)
        aid = json.dumps(out.task.article_id, ensure_ascii=False)
        self.buffers.setdefault("minhash", []).append(
            f'{{"article_id": {aid}, "signature": [{", ".join(map(str, out.signature))}]}}\n')
        # 32 rows an article: formatted directly, json.dumps per row would be most of the writer's time
        self.buffers.setdefault("minhash_bands", []).extend(
            f'{{"article_id": {aid}, "band": {band}, "bucket": {bucket}}}\n' for band, bucket in enumerate(out.buckets))

    def commit(self) -> None:
        """Write the batch in one transaction: all of it, or (killed midway) none of it."""
        if not self.pending:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._delete_places(self.ledger.replaced)
            for table in ("articles", *CHILD_TABLES, "sources", "failures", "minhash", "minhash_bands"):
                lines = self.buffers.get(table)
                if lines:
                    self._insert(table, lines)
            self.con.execute("COMMIT")
        except BaseException:
            _rollback(self.con)
            raise
        self.buffers.clear()
        self.ledger.replaced.clear()
        self.pending = 0
        self.report.batches += 1
        self.ledger.now = _timestamp()

    def _delete_places(self, places: list[tuple[str, int]]) -> None:
        if places:
            for table in ("sources", "failures"):
                self.con.executemany(f"DELETE FROM {table} WHERE origin = ? AND locator = ?", [list(k) for k in places])

    def prune(self, seen: Seen) -> int:
        """Remove the rows of places the inputs no longer have (a file shortened, a file that failed to read and
        now reads): what `sources` and `failures` say stays true. Only origins read through in this run."""
        through = seen.read_through
        stale = [k for k in self.ledger.known.at if k[0] in through and k not in seen.keys]
        if stale:
            self.con.execute("BEGIN TRANSACTION")
            try:
                self._delete_places(stale)
                self.con.execute("COMMIT")
            except BaseException:
                _rollback(self.con)
                raise
        self.report.pruned = len(stale)
        return len(stale)

    def _insert(self, table: str, lines: list[str]) -> None:
        path = os.path.join(self.tmpdir, f"{table}.jsonl")
        with open(path, "w", encoding="utf-8") as fh:
            fh.writelines(lines)
        cols = self.columns[table]
        names = ", ".join(f'"{n}"' for n, _ in cols)
        spec = "{" + ", ".join(f"'{n}': '{t}'" for n, t in cols) + "}"
        self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM read_json(?, format = 'newline_delimited', "
                         f"columns = {spec}, maximum_object_size = 268435456)", [path])


def _rollback(con) -> None:
    """Roll back a failed batch; a connection that cannot even do that (the disk is full) is left to close."""
    try:
        con.execute("ROLLBACK")
    except Exception:
        pass


def _timestamp() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None).isoformat(sep=" ")


# --- the whole run --------------------------------------------------------------------------------------------

def ingest(paths: Iterable[str | Path], db_path: str | Path, settings: Settings | None = None, workers: int = 1,
           batch_size: int = 64, on_progress: Callable[[IngestReport], None] | None = None,
           on_commit: Callable[[IngestReport], None] | None = None, nlp=None,
           retry_failed: bool = False) -> IngestReport:
    """Analyze and store every article under `paths`; return what was done. Inputs that cannot be
    read or analyzed (a path that does not exist included) are recorded in `failures` and never stop
    the run; `retry_failed` tries the recorded ones again. `nlp`, a pipeline already built, is used
    when there is one worker (its settings then stand for `settings`)."""
    if nlp is not None:
        settings = nlp.settings
    settings = settings or Settings()
    paths = [Path(p) for p in paths]
    if batch_size < 1 or workers < 1:
        raise InputError("--batch-size and --workers must be 1 or more")
    version = pipeline_version(settings)
    # the workers are started before the store is opened, so they can be forked from a process
    # that has built the pipeline and runs no DuckDB thread yet
    pool = start_pool(settings, workers, nlp) if workers > 1 else None
    try:
        return _run(db_path, iter_items(paths),
                    lambda tasks: run_parallel(tasks, settings, workers, nlp=nlp, batch_size=batch_size, pool=pool),
                    version, batch_size, on_progress, on_commit, retry_failed=retry_failed)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


class _GivenRecords:
    """Stands in for the pipeline when the document records are already made: text -> its record."""

    def __init__(self, by_text: dict[str, dict]):
        self.by_text = by_text

    def __call__(self, text: str, id: str | None = None, **meta):
        from ..doc import Doc
        return Doc.from_dict({**self.by_text[text], "id": id})


def store_records(db_path: str | Path, records: Iterable[dict], origin: str = "records",
                  version: str = "given records", batch_size: int = 64) -> IngestReport:
    """Store document records made elsewhere (`marsad analyze --jsonl` output, test fixtures) with the
    same identity, duplicate and provenance rules as an ingest. `origin` names where they came from;
    the n-th record's locator is n."""
    records = list(records)
    by_text = {r["text"]: r for r in records}
    items = [Item(origin, n, record=Record(text=r["text"], id=r.get("id"), **{k: (r.get("meta") or {}).get(k)
                  for k in ("title", "url", "publisher", "published")})) for n, r in enumerate(records, 1)]
    given = _GivenRecords(by_text)
    return _run(db_path, iter(items), lambda tasks: (analyze_task(given, t, version) for t in tasks), version,
                batch_size, None, None)


def _run(db_path, items: Iterator[Item], analyze: Callable[[Iterator[Task]], Iterable[Outcome]], version: str,
         batch_size: int, on_progress, on_commit, retry_failed: bool = False) -> IngestReport:
    from .db import connect
    report = IngestReport()
    started = time.perf_counter()
    # The store is opened before the workers start, so a locked or broken file fails fast.
    con = connect(db_path)
    stop = _StopOnSignal(report)
    try:
        known = KnownState.load(con)
        seen = Seen()
        with tempfile.TemporaryDirectory(prefix="marsad-ingest-") as tmpdir, stop:
            writer = Writer(con, known, report, version, tmpdir)
            tasks = plan(items, known, report, retry_failed=retry_failed, seen_places=seen)
            for out in analyze(tasks):
                writer.add(out)
                if on_progress:
                    on_progress(report)
                if writer.pending >= batch_size or report.stopped:
                    writer.commit()
                    if on_commit:
                        on_commit(report)
                if report.stopped:
                    break
            batches = report.batches
            writer.commit()
            if not report.stopped:
                writer.prune(seen)
            if on_commit and report.batches != batches:
                on_commit(report)
        # Closing the store folds the write-ahead log into the file, and DuckDB swallows a failure there
        # (a full disk): the run would say it stored everything and exit 0 with the log left behind. Fold
        # it here, where a failure is seen and reported.
        con.execute("CHECKPOINT")
    except OSError as exc:
        raise _write_failed(exc, db_path, report) from None
    except Exception as exc:
        if _is_disk_full(exc):
            raise _write_failed(exc, db_path, report) from None
        raise
    finally:
        _close(con)
    report.seconds = time.perf_counter() - started
    return report


class _StopOnSignal:
    """SIGTERM (and SIGHUP) during an ingest: finish the article at hand, commit what is analyzed, stop, and
    say so (the caller reads `report.stopped`). Only in the main thread, where Python delivers signals."""

    SIGNALS = ("SIGTERM", "SIGHUP")

    def __init__(self, report: IngestReport):
        self.report = report
        self.previous: dict = {}

    def __enter__(self):
        import signal
        import threading
        if threading.current_thread() is not threading.main_thread():
            return self
        for name in self.SIGNALS:
            sig = getattr(signal, name, None)
            if sig is not None:
                self.previous[sig] = signal.signal(sig, self._handle)
        return self

    def _handle(self, signum, frame) -> None:
        import signal
        self.report.stopped = signal.Signals(signum).name

    def __exit__(self, *exc) -> None:
        import signal
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        self.previous.clear()


def _is_disk_full(exc: BaseException) -> bool:
    import errno
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return True
    text = str(exc).lower()
    return "no space left" in text or "disk quota" in text or "file too large" in text


def _write_failed(exc: BaseException, db_path, report: IngestReport) -> MarsadError:
    if _is_disk_full(exc):
        why = "the disk is full"
    else:
        why = getattr(exc, "strerror", None) or str(exc).splitlines()[0]
    return IngestAborted(f"{db_path}: cannot write ({why}); the {report.batches} batches committed before are kept: "
                         "free space and run the same command to resume")


def _close(con) -> None:
    try:
        con.close()
    except Exception:  # a store that could not be written may not close cleanly either; nothing more to save
        pass
