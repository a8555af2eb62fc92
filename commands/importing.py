"""What every importer does around its entries: which were imported before, and the
store's record of the new ones (store/imported.py) kept in the same transaction
as their events. `import` (commands/journal.py) and `import-sie`
(commands/sie_import.py) wrote these lines each; a third importer calls them too.
"""

from __future__ import annotations

from collections.abc import Iterable

from store.application import FinsamApp
from store.imported import Imported
from store.unit_of_work import UnitOfWork


def already_done(app: FinsamApp, forbund: str, keys: list[str], kept: Iterable[str]) -> set[str]:
    """The keys imported before: in the store's side table, or (a store written before
    that table) among ``kept``, the keys the förbund's own events hold."""
    return app.already_imported(forbund, keys) | set(kept).intersection(keys)


def finish(app: FinsamApp, uow: UnitOfWork, forbund: str, new: list[str]) -> int:
    """Commit the unit of work with the new entries' keys; how many events it stored.
    Entries that stored nothing are still recorded as done, so a re-run skips them."""
    imported = Imported(forbund, tuple(new))
    if new:
        uow.side["imported"] = imported
    events = uow.commit()
    if new and not events:
        app.record_imported(imported)
    return events
