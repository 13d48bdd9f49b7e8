"""The corpus store: one embedded DuckDB file, named migrations, one writer.

Layout (documented column by column in docs/store.md):

    articles      one row per distinct article text (content hash), with the full
                  document record (`record`, marsad/document@1) and its near-duplicate link
    sources       every place an article was read from (file + line/item); the same
                  text read twice is one article with two sources
    entities      one row per entity of an article        (article_id, entity_id)
    mentions      one row per mention                     (article_id, entity_id, start_char, end_char)
    quotes        one row per quote, with cue and speaker (article_id, quote_id, start_char, end_char)
    chain_links   the chain of transmission of a quote    (article_id, quote_id, position)
    events        one row per CAMEO/PLOVER event          (article_id, event_id, trigger_start/_end)
    framing       one row per framing device              (article_id, position, start_char, end_char)
    actor_articles one row per actor per article: its mentions, quotes by stance, framing applied to it,
                  events by side and quad class (what outlet profiles and comparisons count)
    failures      inputs that could not be read or analyzed, with the reason
    minhash       near-duplicate signatures; minhash_bands their LSH buckets

Every analysis row carries its article id, its offsets into the article text, and
the `pipeline_version` that produced it. Only `Store` writes; everything else
(queries, exports, the web UI) opens the file read-only.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from ..errors import InputError, MarsadError

DEFAULT_DB = "marsad.duckdb"


class StoreError(MarsadError):
    """The store file cannot be opened or is not a marsad store."""
    exit_code = 2


def _actor_articles_sql() -> str:
    """actor_articles computed from the other tables: what rows.actor_article_rows gives, in SQL (for the
    migration that fills it in an older store, and for Parquet tables written before it)."""
    from .rows import ACTOR_FRAMING, COUNTED_STANCES
    stances = ", ".join(f"count(*) FILTER (WHERE stance = '{s}') AS quotes_{s}" for s in COUNTED_STANCES)
    counted = ", ".join(f"'{s}'" for s in COUNTED_STANCES)
    kinds = ", ".join(f"'{k}'" for k in ACTOR_FRAMING)
    framing = ", ".join(f"count(*) FILTER (WHERE kind = '{k}') AS {c}" for k, c in ACTOR_FRAMING.items())
    quads = ", ".join(f"count(*) FILTER (WHERE side = '{side}' AND quad_class = {q}) AS {side}_q{q}"
                      for side in ("source", "target") for q in (1, 2, 3, 4))
    zero = [*(f"quoted.{c}" for c in ("n_quotes", *(f"quotes_{s}" for s in (*COUNTED_STANCES, "other")))),
            *(f"framing_counts.{c}" for c in ACTOR_FRAMING.values()),
            *(f"event_counts.{c}" for c in ("source_events", "target_events",
                                            *(f"{side}_q{q}" for side in ("source", "target") for q in (1, 2, 3, 4))))]
    return f"""
WITH ents AS (
    SELECT article_id, actor_key, min(type) AS type, min(country) AS country, sum(n_mentions) AS n_mentions
    FROM entities GROUP BY 1, 2
), quoted AS (
    SELECT article_id, speaker_key AS actor_key, count(*) AS n_quotes, {stances},
           count(*) FILTER (WHERE stance IS NULL OR stance NOT IN ({counted})) AS quotes_other
    FROM quotes WHERE speaker_key IS NOT NULL GROUP BY 1, 2
), framed AS (
    SELECT f.article_id, f.position, f.kind, x.actor_key FROM framing f
    JOIN entities x ON x.article_id = f.article_id AND x.entity_id = f.refers_to WHERE f.kind IN ({kinds})
    UNION
    SELECT f.article_id, f.position, f.kind, x.actor_key FROM framing f
    JOIN mentions m ON m.article_id = f.article_id AND m.start_char < f.end_char AND m.end_char > f.start_char
    JOIN entities x ON x.article_id = m.article_id AND x.entity_id = m.entity_id WHERE f.kind IN ({kinds})
), framing_counts AS (
    SELECT article_id, actor_key, {framing} FROM framed GROUP BY 1, 2
), sides AS (
    SELECT article_id, source_key AS actor_key, 'source' AS side, quad_class FROM events WHERE source_key IS NOT NULL
    UNION ALL
    SELECT article_id, target_key, 'target', quad_class FROM events WHERE target_key IS NOT NULL
), event_counts AS (
    SELECT article_id, actor_key, count(*) FILTER (WHERE side = 'source') AS source_events,
           count(*) FILTER (WHERE side = 'target') AS target_events, {quads}
    FROM sides GROUP BY 1, 2
), keys AS (
    SELECT article_id, actor_key FROM ents UNION SELECT article_id, actor_key FROM quoted
    UNION SELECT article_id, actor_key FROM framing_counts UNION SELECT article_id, actor_key FROM event_counts
)
SELECT k.article_id, k.actor_key, ents.type, ents.country, coalesce(ents.n_mentions, 0)::INTEGER AS n_mentions,
       {", ".join(f"coalesce({c}, 0)::INTEGER AS {c.split('.')[1]}" for c in zero)}, a.pipeline_version
FROM keys k JOIN articles a ON a.id = k.article_id
LEFT JOIN ents ON ents.article_id = k.article_id AND ents.actor_key = k.actor_key
LEFT JOIN quoted ON quoted.article_id = k.article_id AND quoted.actor_key = k.actor_key
LEFT JOIN framing_counts ON framing_counts.article_id = k.article_id AND framing_counts.actor_key = k.actor_key
LEFT JOIN event_counts ON event_counts.article_id = k.article_id AND event_counts.actor_key = k.actor_key"""


def _fill_actor_articles(con) -> None:
    cols = [r[0] for r in con.execute("SELECT * FROM actor_articles LIMIT 0").description]
    names = ", ".join(cols)
    con.execute(f"INSERT INTO actor_articles ({names}) SELECT {names} FROM ({_actor_articles_sql()})")


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str
    # A step SQL text alone cannot say (it needs parameters), run after `sql` in the same transaction.
    then: Callable[[Any], None] | None = None


def _fill_search_and_chain_names(con) -> None:
    """0002 on a store written before it: fold the texts already stored, and give chain links that
    carry a name but no entity (the publishing outlet, mostly) their name from the record."""
    from .search import fold_sql
    for table, folded in FOLDED.items():
        sql, params = fold_sql(folded)
        con.execute(f"UPDATE {table} SET search_text = {sql} WHERE search_text IS NULL", params)
    con.execute("""
UPDATE chain_links SET entity_name = src.name
FROM (
    SELECT a.id AS article_id, q.value ->> 'id' AS quote_id, CAST(l.key AS INTEGER) AS position,
           coalesce(l.value ->> 'name', CASE WHEN l.value ->> 'role' = 'published_by' THEN a.publisher END) AS name
    FROM articles a, json_each(a.record, '$.quotes') q, json_each(q.value, '$.chain') l
) src
WHERE chain_links.entity_name IS NULL AND src.name IS NOT NULL AND chain_links.article_id = src.article_id
  AND chain_links.quote_id = src.quote_id AND chain_links.position = src.position""")


# Applied in order, each once, recorded in schema_migrations. Never edit an applied
# migration: add a new one.
MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_corpus_tables", """
CREATE TABLE articles (
    id               VARCHAR PRIMARY KEY,   -- the document id (record id, or sha256 of the text)
    content_hash     VARCHAR NOT NULL UNIQUE, -- sha256 of the input text: the idempotency key
    seq              BIGINT NOT NULL,       -- ingest order (1, 2, ...): "earlier" for near-duplicates
    title            VARCHAR,
    url              VARCHAR,
    publisher        VARCHAR,
    published        VARCHAR,               -- as given by the source
    published_date   DATE,                  -- parsed from `published`, NULL if unparseable
    language         VARCHAR,
    text             VARCHAR NOT NULL,      -- the analysed text (offsets of every row point into it)
    n_chars          INTEGER,
    n_sentences      INTEGER,
    n_entities       INTEGER,
    n_quotes         INTEGER,
    n_events         INTEGER,
    n_framing        INTEGER,
    duplicate_of     VARCHAR,               -- id of the earliest earlier near-duplicate, NULL for originals
    similarity       DOUBLE,                -- estimated Jaccard similarity with duplicate_of
    record           JSON NOT NULL,         -- the full document record (marsad/document@1)
    pipeline_version VARCHAR NOT NULL,
    ingested_at      TIMESTAMP
);
CREATE TABLE sources (
    article_id       VARCHAR NOT NULL,
    content_hash     VARCHAR NOT NULL,
    origin           VARCHAR NOT NULL,      -- absolute path of the file read
    locator          INTEGER NOT NULL,      -- line number (JSONL), item number (feed), 0 (one-article file)
    record_id        VARCHAR,               -- the id the source gave, if any
    title            VARCHAR,
    url              VARCHAR,
    publisher        VARCHAR,
    published        VARCHAR,
    ingested_at      TIMESTAMP,
    UNIQUE (origin, locator)
);
CREATE TABLE entities (
    article_id       VARCHAR NOT NULL,
    entity_id        VARCHAR NOT NULL,      -- E1, E2 ... within the article
    type             VARCHAR,               -- PER | ORG | LOC
    subtype          VARCHAR,
    name             VARCHAR,
    name_en          VARCHAR,
    kb_id            VARCHAR,
    actor_key        VARCHAR,               -- kb_id, or "TYPE:name" when the knowledge base does not know it
    country          VARCHAR,               -- ISO 3166-1 alpha-3
    role             VARCHAR,
    code             VARCHAR,               -- CAMEO actor code, e.g. AZEGOV
    n_mentions       INTEGER,
    first_start      INTEGER,               -- offset of the first mention
    pipeline_version VARCHAR NOT NULL
);
CREATE TABLE mentions (
    article_id       VARCHAR NOT NULL,
    entity_id        VARCHAR NOT NULL,
    start_char       INTEGER NOT NULL,
    end_char         INTEGER NOT NULL,
    text             VARCHAR,
    kind             VARCHAR,               -- name | alias | title | label | pronoun | demonym
    sentence         INTEGER,
    pipeline_version VARCHAR NOT NULL
);
CREATE TABLE quotes (
    article_id       VARCHAR NOT NULL,
    quote_id         VARCHAR NOT NULL,
    start_char       INTEGER NOT NULL,
    end_char         INTEGER NOT NULL,
    text             VARCHAR,
    kind             VARCHAR,               -- direct | indirect | mixed | fragment
    sentence         INTEGER,
    speaker_entity   VARCHAR,               -- entity id in the article, or NULL
    speaker_name     VARCHAR,
    speaker_key      VARCHAR,               -- the speaker's actor_key
    speaker_kb_id    VARCHAR,
    speaker_country  VARCHAR,
    speaker_description VARCHAR,            -- for unnamed sources ("مصدر مطلع")
    cue_start        INTEGER,
    cue_end          INTEGER,
    cue_text         VARCHAR,
    cue_lemma        VARCHAR,
    stance           VARCHAR,               -- the cue's stance
    pipeline_version VARCHAR NOT NULL
);
CREATE TABLE chain_links (
    article_id       VARCHAR NOT NULL,
    quote_id         VARCHAR NOT NULL,
    position         INTEGER NOT NULL,      -- 0 = nearest the speaker
    role             VARCHAR,               -- said_to | relayed_by | published_by
    entity_id        VARCHAR,
    entity_name      VARCHAR,
    entity_key       VARCHAR,
    pipeline_version VARCHAR NOT NULL
);
CREATE TABLE events (
    article_id       VARCHAR NOT NULL,
    event_id         VARCHAR NOT NULL,
    sentence         INTEGER,
    cameo            VARCHAR,
    cameo_root       VARCHAR,               -- first two digits of cameo
    plover           VARCHAR,
    quad_class       INTEGER,               -- 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein        DOUBLE,
    modality         VARCHAR,
    trigger_start    INTEGER,
    trigger_end      INTEGER,
    trigger_text     VARCHAR,
    source_entity    VARCHAR,
    source_name      VARCHAR,
    source_key       VARCHAR,
    source_country   VARCHAR,
    source_role      VARCHAR,
    source_code      VARCHAR,
    target_entity    VARCHAR,
    target_name      VARCHAR,
    target_key       VARCHAR,
    target_country   VARCHAR,
    target_role      VARCHAR,
    target_code      VARCHAR,
    location_entity  VARCHAR,
    location_name    VARCHAR,
    date             VARCHAR,               -- as in the record (ISO date or year), or NULL
    event_date       DATE,                  -- the event's full date, else the article's publication date
    quote_id         VARCHAR,
    pipeline_version VARCHAR NOT NULL
);
CREATE TABLE framing (
    article_id       VARCHAR NOT NULL,
    position         INTEGER NOT NULL,      -- index in the record's framing list
    kind             VARCHAR,
    start_char       INTEGER NOT NULL,
    end_char         INTEGER NOT NULL,
    text             VARCHAR,
    refers_to        VARCHAR,
    refers_to_name   VARCHAR,
    pipeline_version VARCHAR NOT NULL
);
CREATE TABLE failures (
    origin           VARCHAR NOT NULL,
    locator          INTEGER NOT NULL,      -- as in sources
    record_id        VARCHAR,
    content_hash     VARCHAR,
    stage            VARCHAR NOT NULL,      -- read (file or line unreadable) | analyze (the pipeline refused it)
    reason           VARCHAR NOT NULL,
    pipeline_version VARCHAR NOT NULL,
    failed_at        TIMESTAMP,
    UNIQUE (origin, locator)
);
CREATE TABLE minhash (
    article_id       VARCHAR NOT NULL,
    signature        UINTEGER[] NOT NULL
);
CREATE TABLE minhash_bands (
    article_id       VARCHAR NOT NULL,
    band             SMALLINT NOT NULL,
    bucket           UBIGINT NOT NULL
);
"""),
    # Folded text for search (search.fold: the normalizer, spaces collapsed), and chain links named
    # by their record when they name no entity.
    Migration("0002_search_text_and_chain_names", """
ALTER TABLE articles ADD COLUMN search_text VARCHAR;   -- search.fold(title + text): what search matches
ALTER TABLE quotes ADD COLUMN search_text VARCHAR;     -- search.fold(text)
""", then=_fill_search_and_chain_names),
    # What each article does with each of its actors: the fact table outlet profiles, comparisons and the
    # actors list count from (rows.actor_article_rows).
    Migration("0003_actor_articles", """
CREATE TABLE actor_articles (
    article_id       VARCHAR NOT NULL,
    actor_key        VARCHAR NOT NULL,
    type             VARCHAR,               -- the least of its entities' types and countries in the article
    country          VARCHAR,
    n_mentions       INTEGER NOT NULL,
    n_quotes         INTEGER NOT NULL,      -- quotes it gives as the speaker ...
    quotes_neutral   INTEGER NOT NULL,      -- ... by the stance of their cue
    quotes_doubting  INTEGER NOT NULL,
    quotes_pejorative INTEGER NOT NULL,
    quotes_affirming INTEGER NOT NULL,
    quotes_other     INTEGER NOT NULL,      -- another stance, or none
    n_loaded_labels  INTEGER NOT NULL,      -- framing applied to it (refers_to one of its entities, or overlapping a mention)
    n_scare_quotes   INTEGER NOT NULL,
    source_events    INTEGER NOT NULL,      -- events it is the source of (any quad class) ...
    target_events    INTEGER NOT NULL,      -- ... or the target of
    source_q1 INTEGER NOT NULL, source_q2 INTEGER NOT NULL, source_q3 INTEGER NOT NULL, source_q4 INTEGER NOT NULL,
    target_q1 INTEGER NOT NULL, target_q2 INTEGER NOT NULL, target_q3 INTEGER NOT NULL, target_q4 INTEGER NOT NULL,
    pipeline_version VARCHAR NOT NULL
);
""", then=_fill_actor_articles),
    # The stance a framing marker carries (hostile, delegitimizing, doubting, distancing ...; schema.md).
    # Rows stored before it are NULL until their article is analysed again.
    Migration("0004_framing_stance", """
ALTER TABLE framing ADD COLUMN stance VARCHAR;
"""),
)

TABLES = ("articles", "sources", "entities", "mentions", "quotes", "chain_links", "events", "framing",
          "actor_articles", "failures", "minhash", "minhash_bands")
# The tables that hold analysis results (exported as Parquet, compared across engines).
RESULT_TABLES = ("articles", "sources", "entities", "mentions", "quotes", "chain_links", "events", "framing",
                 "actor_articles", "failures")


# Extensions are never installed or loaded behind the user's back: a file DuckDB would read through an
# extension (a SQLite database, say) is refused with a line that says what it is, and nothing is downloaded.
DUCKDB_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

# How a file begins: DuckDB's storage header has "DUCK" at byte 8; a few others a user may give as --db.
DUCKDB_MAGIC = (8, b"DUCK")
OTHER_FORMATS = ((b"SQLite format 3\x00", "a SQLite database"), (b"PAR1", "a Parquet file"),
                 (b"PK\x03\x04", "a ZIP archive"), (b"\x1f\x8b", "a gzip archive"), (b"%PDF", "a PDF document"))


def connect(path: str | Path = DEFAULT_DB, read_only: bool = False):
    """Open the store. Writable connections create the file and apply pending migrations;
    read-only ones refuse a file that does not exist or is not a marsad store.

    An existing file is checked before anything is written to it (`check_store`, on a read-only
    connection): another program's file, another format, a store from a newer marsad, or one whose
    tables do not match its applied migrations is refused with one line, and left byte for byte as it was."""
    import duckdb
    p = Path(path)
    if read_only and p.is_dir():
        return connect_parquet(p)
    if read_only and str(path) != ":memory:" and not p.is_file():
        raise StoreError(f"{p}: no such store (run `marsad ingest` first, or give --db)")
    memory = str(path) == ":memory:"
    if not memory and p.is_file():
        _check_format(p)
        if not read_only:
            check = _open(duckdb, p, read_only=True)
            try:
                check_store(check, p, new_ok=True)
            finally:
                check.close()
    con = _open(duckdb, path, read_only)
    if read_only:
        try:
            pending = check_store(con, p)
        except StoreError:
            con.close()
            raise
        if pending:
            con.close()
            raise StoreError(f"{p}: made by an older marsad (migration {pending[0]} not applied yet): "
                             f"upgrade it once with `marsad migrate --db {p}`")
    else:
        migrate(con)
    return con


def _open(duckdb, path, read_only: bool):
    p = Path(path)
    try:
        return duckdb.connect(str(path), read_only=read_only, config=dict(DUCKDB_CONFIG))
    except duckdb.IOException as exc:
        msg = str(exc).splitlines()[0]
        if "lock" in msg.lower():
            raise StoreError(f"{p}: the store is in use by another process (one writer at a time)") from None
        raise StoreError(f"{p}: cannot open the store ({msg})") from None
    except duckdb.Error as exc:
        raise StoreError(f"{p}: not a DuckDB store ({str(exc).splitlines()[0]})") from None


def _check_format(p: Path) -> None:
    """Refuse a file that is not a DuckDB database before DuckDB opens it (and may try to help)."""
    try:
        with p.open("rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise StoreError(f"{p}: cannot read the store ({exc.strerror or exc})") from None
    if not head:
        return  # an empty file: DuckDB makes a new database in it
    at, magic = DUCKDB_MAGIC
    if head[at:at + len(magic)] == magic:
        return
    kind = next((name for sig, name in OTHER_FORMATS if head.startswith(sig)), "not a DuckDB database")
    raise StoreError(f"{p}: {kind}, not a marsad store (a DuckDB file made by `marsad ingest`): give another --db")


def check_store(con, p: Path | str, new_ok: bool = False) -> list[str]:
    """The store's tables match its applied migrations, which this marsad knows; else one StoreError line.
    Returns the migrations not applied yet (a store made by an older marsad).
    `new_ok`: a database with no tables at all is a new store (a writable connection will make it one)."""
    import duckdb
    try:
        return _check_store(con, p, new_ok)
    except duckdb.Error as exc:  # the catalog itself cannot be read: a truncated or overwritten file
        raise StoreError(f"{p}: damaged store ({str(exc).splitlines()[0]})") from None


def _check_store(con, p: Path | str, new_ok: bool) -> list[str]:
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                        "WHERE table_schema = 'main'").fetchall()}
    if "schema_migrations" not in tables:
        if new_ok and not tables:
            return [m.name for m in MIGRATIONS]
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreError(f"{p}: not a marsad store (no schema_migrations table"
                         + (f"; it holds other tables: {shown})" if tables else ")"))
    applied = [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
    known = [m.name for m in MIGRATIONS]
    unknown = [n for n in applied if n not in known]
    if unknown:
        raise StoreError(f"{p}: made by a newer marsad (migration {unknown[0]} is unknown to this version "
                         f"{_version()}): upgrade marsad to use it")
    if applied != known[:len(applied)]:
        missing = next(n for n in known if n not in applied)
        raise StoreError(f"{p}: damaged store: migration {missing} is missing but later ones are applied")
    expected = expected_columns(len(applied))
    have: dict[str, set[str]] = {}
    for table, column in con.execute("SELECT table_name, column_name FROM information_schema.columns "
                                     "WHERE table_schema = 'main'").fetchall():
        have.setdefault(table, set()).add(column)
    for table, columns in expected.items():
        if table not in have:
            raise StoreError(f"{p}: damaged store: table {table} is missing (migrations applied: {len(applied)})")
        lacking = [c for c in columns if c not in have[table]]
        if lacking:
            raise StoreError(f"{p}: damaged store: table {table} lacks column {', '.join(lacking)} "
                             f"(migrations applied: {len(applied)})")
    return known[len(applied):]


_EXPECTED: dict[int, dict[str, list[str]]] = {}


def expected_columns(n_applied: int) -> dict[str, list[str]]:
    """table -> its columns after the first `n_applied` migrations: made by applying them to an empty
    database, so the check can never disagree with the migrations themselves."""
    if n_applied not in _EXPECTED:
        import duckdb
        con = duckdb.connect(":memory:", config=dict(DUCKDB_CONFIG))
        try:
            migrate(con, upto=n_applied)
            cols: dict[str, list[str]] = {}
            for table, column in con.execute("SELECT table_name, column_name FROM information_schema.columns "
                                             "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
                                             ).fetchall():
                cols.setdefault(table, []).append(column)
        finally:
            con.close()
        _EXPECTED[n_applied] = cols
    return _EXPECTED[n_applied]


def _version() -> str:
    from .. import __version__
    return __version__


def connect_parquet(folder: Path):
    """A read-only view of Parquet tables (what `--engine spark` and `marsad export parquet` write)
    as a store: the queries, the CLI and the web UI work on them unchanged."""
    import duckdb
    if not (folder / "articles.parquet").exists():
        raise StoreError(f"{folder}: a folder, but not a store's Parquet tables (no articles.parquet)")
    con = duckdb.connect(":memory:", config=dict(DUCKDB_CONFIG))
    for table in RESULT_TABLES:
        target = folder / f"{table}.parquet"
        pattern = str(target / "*.parquet") if target.is_dir() else str(target)
        if not target.exists() and table == "actor_articles":  # written before it existed: computed instead
            con.execute(f"CREATE VIEW actor_articles AS {_actor_articles_sql()}")
            continue
        if not target.exists():
            raise StoreError(f"{folder}: {table}.parquet is missing")
        source = f"read_parquet('{pattern.replace(chr(39), chr(39) * 2)}')"
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM {source}")
        columns = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
        if table == "framing" and "stance" not in columns:   # written before migration 0004
            con.execute(f"CREATE OR REPLACE VIEW framing AS SELECT *, NULL::VARCHAR AS stance FROM {source}")
        if table in FOLDED and "search_text" not in columns:
            # Tables written before migration 0002: fold at query time (slower, the same matches).
            from .search import fold_sql
            expr, params = fold_sql(FOLDED[table])
            for p in params:
                expr = expr.replace("?", "'" + p.replace("'", "''") + "'", 1)
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT *, {expr} AS search_text FROM {source}")
    con.execute("CREATE VIEW schema_migrations AS SELECT 'parquet' AS name, NULL::TIMESTAMP AS applied_at")
    return con


def _has_table(con, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[0])


def migrate(con, upto: int | None = None) -> list[str]:
    """Apply the migrations not yet applied (the first `upto` of them, if given); return their names."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    done = {r[0] for r in con.execute("SELECT name FROM schema_migrations").fetchall()}
    applied = []
    for m in MIGRATIONS[:upto]:
        if m.name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(m.sql)
            if m.then is not None:
                m.then(con)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [m.name, _now()])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(m.name)
    return applied


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def check_path(path: str | Path) -> Path:
    p = Path(path)
    if p.exists() and p.is_dir():
        raise InputError(f"{p} is a folder: --db takes a file path")
    return p


# The tables with a folded search column, and what it folds.
FOLDED = {"articles": "coalesce(title, '') || chr(10) || text", "quotes": "coalesce(text, '')"}

# Columns that record when, not what: left out when two runs' results are compared.
VOLATILE_COLUMNS = ("ingested_at", "failed_at")


def snapshot(con, tables: tuple[str, ...] = RESULT_TABLES, relation: str = "{table}") -> dict[str, list[tuple]]:
    """Every row of the result tables, sorted, without the volatile columns: what "the same rows" means
    when a resumed run, a parallel run or a Spark run is compared with a plain one. `relation` lets the
    same comparison read other sources, e.g. "read_parquet('out/{table}.parquet')"."""
    out = {}
    for table in tables:
        src = relation.format(table=table)
        cols = [r[0] for r in con.execute(f"SELECT * FROM {src} LIMIT 0").description if r[0] not in VOLATILE_COLUMNS]
        # JSON is compared as DuckDB writes it (minified), whoever serialized it.
        names = ", ".join(f'json("{c}")::VARCHAR' if c == "record" else f'"{c}"' for c in cols)
        out[table] = con.execute(f"SELECT {names} FROM {src} ORDER BY ALL").fetchall()
    return out
