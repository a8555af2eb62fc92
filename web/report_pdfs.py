"""The reports as PDF beside their pages in the workspace (issue 22, item 6): the annual
and half-year report of a year, typeset exactly as `finsam report annual|halfyear
--output FILE.pdf` makes them (projections/report_document.py), for every role of the
förbund. The protokoll's PDF is the meeting page's own (web/meeting_forms.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from finsam_es.errors import FinsamError, NotFound
from projections.statements import balance_day
from web.clocks import whole_number
from web.identity import READ, require

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from web.site import Site

# the file name of each report, its kind and the period its books cover
REPORTS = {
    "arsredovisning": ("annual", "year"),
    "delarsrapport": ("halfyear", "h1"),
}
YEARS = range(2004, 2200)  # the förbund law is from 2004; finsam's dates end 2199


def routes(site: Site) -> list[BaseRoute]:
    from starlette.responses import Response
    from starlette.routing import Route

    def report_pdf(request: Request) -> Response:
        from projections.report_document import render

        name = str(request.path_params["report"])
        try:
            forbund = str(request.path_params["forbund"])
            require(request, forbund, READ)
            if name not in REPORTS:
                raise NotFound(f"ingen rapport som heter {name[:40]}")
            year = whole_number(str(request.path_params["year"]))
            if year not in YEARS:
                raise NotFound(f"inget räkenskapsår {year}")
            kind, period = REPORTS[name]
            with site.lock:
                y, day, decided = balance_day(year, period, None, site.today())
                statements = site.reader.at(day).statements
                books = statements.books(forbund, y, period, decided_by=decided)
                document = statements.report_document(
                    "annual" if kind == "annual" else "halfyear", books, None, decided
                )
            content = render(document, "pdf")
        except NotFound as e:
            return site.error_page(404, "Finns inte", str(e))
        except FinsamError as e:
            return site.error_page(400, "Kan inte visas", str(e))
        filename = f"{name}-{forbund}-{year}.pdf"
        headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
        return Response(content, media_type="application/pdf", headers=headers)

    return [Route("/forbund/{forbund}/rapporter/{year}/{report}.pdf", report_pdf)]
