"""finsam's event store: the application that opens a store (SQLite file or PostgreSQL
URL) and loads aggregates, the unit of work that saves a command's events in one
transaction, the msgspec mapper and the old topics of moved event classes, the
recorders with the per-förbund hash chain, the journal fingerprints, snapshots, and
copy and backup.

The store depends on the domain (finsam_es/) and on nothing else of finsam's; the
domain knows nothing of it (tests/test_layers.py).
"""
