"""The forms part of the workspace (issue 22): the forms generated from the command
structs and the secretary's hand layouts, gathered for web/workspace.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from web import attendance_form, forms, meeting_forms, vote_form

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

    from web.site import Site


def routes(site: Site) -> list[BaseRoute]:
    return [
        *forms.routes(site),
        *meeting_forms.routes(site),
        *attendance_form.routes(site),
        *vote_form.routes(site),
    ]
