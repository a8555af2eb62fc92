"""Write the snapshot store with the code as it is on commit ee149f1, the last before
the event store moved out of finsam_es/ into store/ (its code fingerprint covered
finsam_es/application.py and the other store modules then).

    PYTHONPATH=<a checkout of ee149f1> python tests/golden/make_snapshots_v1.py \
        tests/golden/snapshots-v1.sqlite
"""
import sqlite3
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from commands import structs as c
from commands.bus import execute
from commands.journal import import_journal
from finsam_es.application import FinsamApp

out = Path(sys.argv[1])
out.unlink(missing_ok=True)


class Clock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        self.now += timedelta(seconds=1)
        return self.now


app = FinsamApp(str(out), clock=Clock(datetime(2026, 3, 1, 9, 0, tzinfo=UTC)))
import_journal(app, Path("examples/solleftea-2024.toml"))  # the förbund at version 17
for n in range(3):  # versions 18 to 20: the förbund's snapshot at 20
    execute(app, c.SetThresholds(forbund="solleftea", on=date(2024, 12, 31), equity_source=f"beslut {n}"))
app.close()
app._readers.conn.close()  # the loads' own connection
db = sqlite3.connect(out, isolation_level=None)
db.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
db.execute("VACUUM")
print(db.execute("SELECT originator_id, originator_version, topic FROM stored_snapshots").fetchall())
