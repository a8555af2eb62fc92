"""The README's shared PostgreSQL server, step by step: a writer role for the secretary
and a read-only role for the auditors. The auditor can ask every question (the money
questions from the fold, since the role may not write the view) and cannot append."""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from tests.conftest import EXAMPLES, ON_POSTGRES, PG_URL, Finsam

pytestmark = [
    pytest.mark.skipif(not PG_URL, reason="set FINSAM_TEST_POSTGRES"),
    pytest.mark.skipif(ON_POSTGRES, reason="makes its own database: once per `make test`"),
]


def run(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


@pytest.fixture
def server() -> Iterator[dict[str, str]]:
    pytest.importorskip("psycopg")
    admin = urlparse(PG_URL)
    host = f"{admin.hostname}:{admin.port}"
    n = os.getpid()
    names = {"db": f"finsam_roles_{n}", "writer": f"sekreterare_{n}", "auditor": f"revisor_{n}"}
    # README, step 1 (an administrator): the two roles and the database
    run(
        PG_URL,
        f"CREATE ROLE {names['writer']} LOGIN PASSWORD 'skriv-{n}'",
        f"CREATE ROLE {names['auditor']} LOGIN PASSWORD 'las-{n}'",
        f"CREATE DATABASE {names['db']}",
        # (only for this test's clean-up: the administrator may end their sessions)
        f"GRANT {names['writer']}, {names['auditor']} TO {admin.username}",
    )
    base = f"postgresql://{admin.username}:{admin.password}@{host}/{names['db']}"
    # step 2 (the administrator, in the new database): who may do what in its schema
    run(
        base,
        f"GRANT USAGE, CREATE ON SCHEMA public TO {names['writer']}",
        f"GRANT USAGE ON SCHEMA public TO {names['auditor']}",
    )
    writer = f"postgresql://{names['writer']}:skriv-{n}@{host}/{names['db']}"
    # step 3 (the secretary, once): every table finsam creates is readable by the auditors
    run(
        writer,
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {names['auditor']}",
    )
    yield {
        "writer": writer,
        "auditor": f"postgresql://{names['auditor']}:las-{n}@{host}/{names['db']}",
    }
    run(
        PG_URL,
        f"DROP DATABASE {names['db']} WITH (FORCE)",
        f"DROP ROLE {names['writer']}",
        f"DROP ROLE {names['auditor']}",
    )


QUERIES = (
    ("result", "--year", "2024", "--as-of", "2024-12-31"),
    ("equity", "--as-of", "2024-12-31"),
    ("interventions", "--as-of", "2024-12-31"),
    ("log", "--limit", "5"),
)


def test_the_auditor_can_query_but_not_append(server: dict[str, str]) -> None:
    secretary, auditor = Finsam(server["writer"]), Finsam(server["auditor"])
    secretary("import", str(EXAMPLES / "solleftea-2024.toml"))
    for query in QUERIES:
        assert auditor.json(*query) == secretary.json(*query)
    events = secretary.events()
    refused = auditor.fails("book", "cost", "kansli", "100", "--on", "2025-04-01")
    # one line of error, after the warning that the fixture's URL carries a password
    errors = [line for line in refused.output.splitlines() if not line.startswith("warning:")]
    assert len(errors) == 1
    assert "permission denied for table finsam_events" in refused.output, refused.output
    assert secretary.events() == events


def test_the_web_reads_on_the_read_only_role(server: dict[str, str]) -> None:
    """docs/workspace.md: a kiosk's or the auditors' read-only `finsam serve` runs on the
    read-only role; every page answers as on the writer's, and nothing can be stored."""
    from starlette.testclient import TestClient

    from store.application import FinsamApp
    from tests.test_web import BASE, ROUTES, TODAY
    from web.app import create_app

    secretary = Finsam(server["writer"])
    secretary("import", str(EXAMPLES / "solleftea-2024.toml"))
    events = secretary.events()
    pages = {}
    for who in ("writer", "auditor"):
        app = create_app(FinsamApp(server[who]), today=lambda: TODAY)
        with TestClient(app, base_url=BASE) as client:
            for route in ROUTES:
                answer = client.get(route)
                assert answer.status_code == 200, (who, route, answer.text[:300])
                pages[who, route] = answer.text
    assert all(pages["writer", r] == pages["auditor", r] for r in ROUTES)
    assert secretary.events() == events
