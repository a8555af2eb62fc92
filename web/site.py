"""What every part of the web shares, built once by ``create_app``: the store, the reader
on it, the templates, the lock that answers one request at a time, the injected today
and the error page. The workspace's parts (sign-in, forms, signing) take a ``Site`` and
return their routes (web/workspace.py), so none of them reaches into another's module.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from projections.queries import Reader
from store.application import FinsamApp

if TYPE_CHECKING:
    import jinja2
    from starlette.responses import HTMLResponse


@dataclass(frozen=True)
class Site:
    store: FinsamApp  # writable only when the workspace records (people have accounts)
    reader: Reader
    env: jinja2.Environment
    lock: threading.Lock  # the store's connection is not shared across threads
    today: Callable[[], date]
    # status, title, message, parameter name → the Swedish error page
    error_page: Callable[..., HTMLResponse]
    writable: bool = False
