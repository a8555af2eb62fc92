"""`finsam serve`: the read-only web view on the store (web/app.py), served by
uvicorn. Loopback by default; any other address needs a token.

The command stands beside the application as Fava's cli.py beside its application.py:
the CLI's catalogue names it by its module path (cli/catalog.py) and runs it with the
group's store in ``ctx.obj``; this face imports nothing of the CLI, only what that
object is asked for (``Opened``)."""

from __future__ import annotations

import ipaddress
import os
from typing import TYPE_CHECKING, Protocol

import click

from finsam_es.errors import InvalidInput

if TYPE_CHECKING:
    from store.application import FinsamApp


class Opened(Protocol):
    """What the group hands its commands in ``ctx.obj`` (cli/context.py's ``Store``):
    the store, opened on first use."""

    @property
    def app(self) -> FinsamApp: ...


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, token: str | None) -> None:
    """Another address than loopback opens the books to a network: only with a token."""
    if not is_loopback(host) and not token:
        raise InvalidInput(
            f"--host {host} is not a loopback address: give a token (--token or "
            "FINSAM_WEB_TOKEN) that every request must carry"
        )


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    default=lambda: os.environ.get("FINSAM_WEB_TOKEN") or None,
    show_default="$FINSAM_WEB_TOKEN",
    help="A secret every request must carry (Authorization: Bearer, or the cookie the "
    "401 page's form sets); needed off loopback.",
)
@click.pass_obj
def serve(store: Opened, host: str, port: int, token: str | None) -> None:
    """A read-only web view for the board and the auditors: overview, meetings and
    minutes, budget, insatser with their timelines, the event log and the board, each
    as of a date (as_of) and as the records stood (known_at); every figure links to the
    events and paragraphs behind it. No request can record anything.

    \b
    Examples:
      finsam serve
      finsam --db demo/solleftea-2024.db serve --port 8001
      FINSAM_WEB_TOKEN=s3cret finsam serve --host 0.0.0.0
    """
    check_host(host, token)
    import uvicorn

    from web.app import create_app

    app = create_app(store.app, token)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"finsam serve: http://{shown}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


COMMANDS = (serve,)
