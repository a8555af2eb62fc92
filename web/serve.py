"""`finsam serve`: the read-only web view on the store (web/app.py), served by
uvicorn. Loopback by default; any other address needs a token.

The command stands beside the application as Fava's cli.py beside its application.py:
the CLI's catalogue names it by its module path (cli/catalog.py) and runs it with the
group's store in ``ctx.obj``; this face imports nothing of the CLI, only what that
object is asked for (``Opened``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import click

from finsam_es.errors import InvalidInput
from web.hosts import allowed_hosts, is_loopback

if TYPE_CHECKING:
    from store.application import FinsamApp


class Opened(Protocol):
    """What the group hands its commands in ``ctx.obj`` (cli/context.py's ``Store``):
    the store, opened on first use."""

    @property
    def app(self) -> FinsamApp: ...


def check_host(host: str, token: str | None) -> None:
    """Another address than loopback opens the books to a network: only with a token."""
    if not is_loopback(host) and not token:
        raise InvalidInput(
            f"--host {host} is not a loopback address: give a token (FINSAM_WEB_TOKEN or "
            "--token-file) that every request must carry"
        )


def read_token(path: str) -> str:
    """The web token in a file (its first line), so it never stands on a command line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) else "not UTF-8 text"
        raise InvalidInput(f"--token-file {path}: cannot read it ({reason})") from None
    token = lines[0].strip() if lines else ""
    if not token:
        raise InvalidInput(f"--token-file {path}: the file holds no token")
    return token


def web_token(given: str | None, path: str | None) -> str | None:
    """The token from --token-file, else FINSAM_WEB_TOKEN, else --token (with a warning:
    a command line is public on the machine)."""
    if path is not None:
        return read_token(path)
    if given:
        click.echo(
            "warning: --token on the command line is visible to every user of this machine "
            "(ps): put it in FINSAM_WEB_TOKEN or a file named by --token-file",
            err=True,
        )
        return given
    return os.environ.get("FINSAM_WEB_TOKEN") or None


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False),
    default=None,
    help="A file whose first line is the secret every request must carry (Authorization: "
    "Bearer, or the cookie the 401 page's form sets); or set FINSAM_WEB_TOKEN. Needed off "
    "loopback.",
)
@click.option(
    "--token",
    default=None,
    help="The secret itself: avoid it, every user of the machine sees it in ps "
    "(use FINSAM_WEB_TOKEN or --token-file).",
)
@click.option(
    "--allowed-host",
    "allowed",
    multiple=True,
    metavar="NAME",
    help="A host name the view answers to besides loopback and --host (repeatable; or "
    "FINSAM_WEB_HOSTS, separated by commas): a request for any other name gets 421, so "
    "a web page cannot reach the view by pointing its own name here (DNS rebinding).",
)
@click.pass_obj
def serve(
    store: Opened,
    host: str,
    port: int,
    token: str | None,
    token_file: str | None,
    allowed: tuple[str, ...],
) -> None:
    """A read-only web view for the board and the auditors: overview, meetings and
    minutes, budget, insatser with their timelines, the event log and the board, each
    as of a date (as_of) and as the records stood (known_at); every figure links to the
    events and paragraphs behind it. No request can record anything.

    \b
    Examples:
      finsam serve
      finsam --db demo/solleftea-2024.db serve --port 8001
      finsam serve --host 0.0.0.0 --allowed-host finsam.example.se \\
        --token-file ~/.config/finsam/web-token

    The förbund's anslagstavla (/anslagstavla and its Atom feed /anslagstavla.atom)
    is public: it answers without the token.

    Once the store has accounts (`finsam user add NAME --role ROLE --forbund ID`),
    serve is the board's workspace instead: each person signs in at /login with their
    own account and sees only the förbund they hold a role in, at /forbund/ID/; what
    they record is recorded with their name. The token is not used then.
    """
    from projections.accounts import any_account
    from web.app import create_app

    workspace = any_account(store.app)
    token = None if workspace else web_token(token, token_file)
    if not workspace:
        check_host(host, token)
    import uvicorn

    hosts = allowed_hosts(allowed, os.environ.get("FINSAM_WEB_HOSTS", ""), host)
    if not is_loopback(host) and hosts == allowed_hosts():  # every address, no name for it
        click.echo(
            f"warning: --host {host} listens on every address, but the view answers only to "
            "loopback names: name the others with --allowed-host or FINSAM_WEB_HOSTS",
            err=True,
        )
    from web.oidc import settings

    oidc = settings() if workspace else None  # the municipality's identity provider
    app = create_app(store.app, token, hosts=hosts, writable=workspace, oidc=oidc)
    shown = f"[{host}]" if ":" in host else host
    mode = " the workspace: sign in at /login," if workspace else ""
    click.echo(f"finsam serve:{mode} http://{shown}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


COMMANDS = (serve,)
