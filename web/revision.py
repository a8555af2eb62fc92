"""The auditor's path (``revisor``): the förbund's log, explain a figure, the result of
`audit verify` in Swedish, and the audit bundle to take away. Only reading: no page
here carries a form that records, and every recording form of the workspace answers a
revisor 404 (web/identity.py ``require``).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import TYPE_CHECKING, Any

from finsam_es.errors import FinsamError, InvalidInput, NotFound
from projections.event_labels import event_label
from projections.event_log import LogRow, log_row
from web.identity import AUDIT, person_of, require

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import BaseRoute

    from web.site import Site

PAGE_ROWS = 200  # the log's rows per page, newest last


def page_of(rows: list[LogRow], before: int | None) -> list[LogRow]:
    """The ``PAGE_ROWS`` rows before a position (None: the newest)."""
    kept = [r for r in rows if before is None or r.position < before]
    return kept[-PAGE_ROWS:]


def routes(site: Site) -> list[BaseRoute]:
    from starlette.responses import HTMLResponse, Response
    from starlette.routing import Route

    def guarded(build: Any) -> Any:
        def endpoint(request: Request) -> Response:
            fid = request.path_params["forbund"]
            try:
                with site.lock:
                    require(request, fid, AUDIT)
                    at = site.reader.at()
                    at.forbund_id(fid)  # a förbund the store does not hold: NotFound
                    result: Response = build(request, fid, at)
                    return result
            except NotFound as e:
                return site.error_page(404, "Finns inte", str(e))
            except FinsamError as e:
                return site.error_page(400, "Kan inte visas", str(e))

        return endpoint

    def render(request: Request, template: str, fid: str, at: Any, **more: Any) -> Response:
        html = site.env.get_template(template).render(
            person=person_of(request), forbund=fid, forbund_name=at.forbund_info(fid).name, **more
        )
        return HTMLResponse(html)

    def events(fid: str) -> list[tuple[int, Any]]:
        # the förbund's own rows of the chain, not the whole log (store/application.py);
        # every kind of event (the faces name no aggregate, tests/test_cli_structure.py)
        return site.store.forbund_events(fid, (object,), seal=False)

    def index(request: Request, fid: str, at: Any) -> Response:
        return render(request, "signing/revision.html.j2", fid, at)

    def log(request: Request, fid: str, at: Any) -> Response:
        text = request.query_params.get("fore", "")
        before = int(text) if text.isdigit() and len(text) < 16 else None
        rows = [log_row(p, e) for p, e in events(fid)]
        shown = page_of(rows, before)
        earlier = shown[0].position if shown and shown[0] is not rows[0] else None
        return render(
            request, "signing/revision_log.html.j2", fid, at, rows=shown, total=len(rows),
            earlier=earlier, label=event_label,
        )  # fmt: skip

    def explain(request: Request, fid: str, at: Any) -> Response:
        figure = request.query_params.get("figur", "").strip()[:200]
        answer, message = None, ""
        if figure:
            try:
                answer = at.audit.explain(fid, figure)
            except InvalidInput as e:
                message = str(e)
        return render(
            request, "signing/revision_explain.html.j2", fid, at, figure=figure, answer=answer,
            message=message,
        )  # fmt: skip

    def verify(request: Request, fid: str, at: Any) -> Response:
        # the förbund's own events by index (issue 25), the whole log only for a store
        # that has no chain yet
        report = site.reader.verify_forbund(fid) or site.reader.verify_audit()
        own = {p for p, _e in events(fid)}
        # a finding at another förbund's position is not this auditor's to read; the
        # store-wide ones (position 0: snapshots, checkpoints) concern every förbund
        problems = [p for p in report.problems if p.position in own or p.position == 0]
        return render(
            request, "signing/revision_verify.html.j2", fid, at, report=report, own=len(own),
            problems=problems, head=report.heads.get(fid),
        )  # fmt: skip

    def bundle(request: Request, fid: str, at: Any) -> Response:
        files = at.audit.bundle(fid)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in sorted(files.items()):
                z.writestr(f"revision-{fid}/{name}", data)
        stamp = datetime.now().strftime("%Y-%m-%d")
        headers = {"Content-Disposition": f'attachment; filename="revision-{fid}-{stamp}.zip"'}
        return Response(out.getvalue(), media_type="application/zip", headers=headers)

    base = "/forbund/{forbund}/revision"
    return [
        Route(base, guarded(index)),
        Route(base + "/logg", guarded(log)),
        Route(base + "/forklara", guarded(explain)),
        Route(base + "/kontroll", guarded(verify)),
        Route(base + "/paket", guarded(bundle)),
    ]
