"""The board's workspace: the routes of its parts, gathered for ``create_app``. Each part
is a module of its own taking the ``Site`` (web/site.py): sign-in and accounts, the
forms that drive the command structs, the justerare's and the auditor's pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

    from web.site import Site


def routes(site: Site) -> list[BaseRoute]:
    """Every workspace route (one line per part, each part's own ``routes``)."""
    from web import form_routes, justering, passkeys, people, report_pdfs, revision

    parts: list[BaseRoute] = []
    parts += people.routes(site)  # people: the pages under /forbund/{id}/, the accounts
    parts += form_routes.routes(site)  # forms: the acts' forms and the secretary's path
    parts += report_pdfs.routes(site)  # the reports as PDF beside their pages
    parts += passkeys.routes(site) + justering.routes(site) + revision.routes(site)  # signing
    return parts
