"""Which database a store is: a SQLite file or a PostgreSQL URL, how a message names it
(never with its password), the library's environment for it (mapper, recorders, tables:
handed to the ``Application``, not set in ``os.environ``), and a first connection to
PostgreSQL that fails in one line. ``FinsamApp`` (store/application.py) opens a store
with these; the CLI asks ``is_postgres`` and ``store_name`` without opening one.
"""

from __future__ import annotations

import os
from urllib.parse import unquote, urlparse

from finsam_es.errors import FinsamError, InvalidInput
from store.durability import SETTING, synchronous_level

LOCK_TIMEOUT_SECONDS = 30


def is_postgres(db: str) -> bool:
    return db.startswith(("postgres://", "postgresql://"))


def store_name(db: str) -> str:
    """The store as errors name it: a file path, or host:port/dbname (never a password)."""
    if not is_postgres(db):
        return db
    try:
        url = urlparse(db)
        port = url.port or 5432
    except ValueError:
        return "the PostgreSQL URL given"
    return f"{url.hostname or 'localhost'}:{port}/{url.path.strip('/')}"


def postgres_password(given: str) -> str:
    """The URL's password, else FINSAM_DB_PASSWORD, else PGPASSWORD; empty leaves it to
    libpq's password file (~/.pgpass or PGPASSFILE), as PostgreSQL users expect."""
    return given or os.environ.get("FINSAM_DB_PASSWORD") or os.environ.get("PGPASSWORD") or ""


def store_env(db: str) -> dict[str, str]:
    """The library's environment for a database path or URL."""
    env = {"MAPPER_TOPIC": "store.mapper:MsgspecMapper", "CREATE_TABLE": "y"}
    recorder = "store.chain:ChainedSQLiteRecorder"
    if is_postgres(db):
        url = urlparse(db)
        try:
            port = url.port or 5432
        except ValueError:
            raise InvalidInput(
                "the PostgreSQL URL has no valid port (a number from 1 to 65535)"
            ) from None
        if not url.path.strip("/"):
            raise InvalidInput(
                f"the PostgreSQL URL for {url.hostname or 'localhost'}:{port} names no "
                "database (postgresql://user@host:port/dbname)"
            )
        env.update(
            PERSISTENCE_MODULE="eventsourcing.postgres",
            POSTGRES_DBNAME=url.path.strip("/"),
            POSTGRES_HOST=url.hostname or "localhost",
            POSTGRES_PORT=str(port),
            POSTGRES_USER=unquote(url.username or ""),
            POSTGRES_PASSWORD=postgres_password(unquote(url.password or "")),
            POSTGRES_CONNECT_TIMEOUT="5",
            # A writer waits at most this long for another's lock on the events table.
            POSTGRES_LOCK_TIMEOUT=str(LOCK_TIMEOUT_SECONDS),
        )
        recorder = "store.chain_postgres:ChainedPostgresRecorder"
    else:
        if db == ":memory:" or db.startswith("file:") or "mode=memory" in db:
            raise InvalidInput(
                f"'{db}' is a memory store: it keeps nothing after the command (give a file path)"
            )
        env.update(PERSISTENCE_MODULE="eventsourcing.sqlite", SQLITE_DBNAME=db)
        # how durable a commit is: the operator's choice, FULL by default (durability.py)
        env[SETTING] = synchronous_level(os.environ)
    # Every event's link in the hash chain (and its actor) is written by the recorder
    # in the event's own transaction: store/chain.py.
    env["APPLICATION_RECORDER_TOPIC"] = recorder
    return env


def probe_postgres(env: dict[str, str]) -> None:
    """Connect once, so a wrong password, an unknown database or a closed port is one
    line within the connect timeout (the library's pool would wait 30 s and say only
    that it got no connection). The message names host, port and database, never the
    password."""
    where = f"{env['POSTGRES_HOST']}:{env['POSTGRES_PORT']}/{env['POSTGRES_DBNAME']}"
    try:
        import psycopg
    except ImportError:
        raise FinsamError(
            f"cannot open the store at {where}: PostgreSQL needs the postgres extra "
            "(pip install -e '.[postgres]')"
        ) from None
    password = env["POSTGRES_PASSWORD"]
    try:
        with psycopg.connect(
            host=env["POSTGRES_HOST"],
            port=int(env["POSTGRES_PORT"]),
            dbname=env["POSTGRES_DBNAME"],
            user=env["POSTGRES_USER"] or None,
            password=password or None,
            connect_timeout=int(env["POSTGRES_CONNECT_TIMEOUT"]),
        ) as conn:
            row = conn.execute(
                "SELECT to_regclass('finsam_events') IS NOT NULL "
                "AND to_regclass('finsam_chain') IS NOT NULL, "
                "has_schema_privilege(current_schema(), 'CREATE'), "
                "to_regclass('finsam_snapshots') IS NOT NULL"
            ).fetchone()
    except psycopg.Error as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        reason = first.rsplit(" failed: ", 1)[-1].removeprefix("connection failed: ").strip()
        if password:
            reason = reason.replace(password, "***")
        raise FinsamError(f"cannot connect to PostgreSQL at {where}: {reason}") from None
    if row and row[0]:
        # The store's tables exist: do not create them again. The library's statements
        # replace its insert function each time, and several processes opening one store
        # at once then fail with "tuple concurrently updated"; and a read-only role (an
        # auditor's, see README) may not create anything.
        env["CREATE_TABLE"] = "n"
        if not row[2] and row[1]:
            # A store from before snapshots: its snapshot table is made on opening.
            env["FINSAM_CREATE_SNAPSHOTS"] = "y"
