"""Snapshots: a long-lived aggregate's state at a version, so a load replays only the
events recorded after it.

A förbund gains about ten events a year and the registry one per förbund; replaying them
on every write made writing slower the longer a förbund's history and the more förbund a
store holds. A snapshot is a cache, never a record: it lives in its own table
(``stored_snapshots`` on SQLite, ``finsam_snapshots`` on PostgreSQL), outside the log and
the hash chain, and dropping the table loses nothing. The events stay the truth:

- a snapshot is taken from the aggregate as its stored events leave it: by the load
  that replayed ``SNAPSHOT_EVERY`` events from the store, before any command changes it,
  and written with the next save (store/snapshot_rows.py; the latest one is kept);
- it carries a fingerprint of the domain code (``finsam_es/``, this module and the
  library's version): a snapshot written by other code is ignored and the events are
  replayed, so a change to an event's ``apply`` never meets a state that older code built;
- loading as the records stood at a past moment (``known_at``) never uses one (see
  ``FinsamApp.load``).

The state is stored as JSON with every value tagged by its type (tuples stay tuples,
dict keys keep their types, dates stay dates), and a tagged class is resolved only when
it is one of finsam's own (a module under ``finsam_es.``) and a value class (a msgspec
Struct), like the mapper's allow-list for event topics. A state holding anything else
is not snapshotted (its events are replayed, as before).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.utils import TopicError, get_topic, resolve_topic

from finsam_es.base import FinsamAggregate

OWN_PACKAGE = "finsam_es."
# The aggregate's own bookkeeping, restored from the snapshot row itself.
_ROW_FIELDS = ("_id", "_version", "_pending_events")

_encoder = msgspec.json.Encoder()


class _Stored(msgspec.Struct):
    """A stored snapshot. The indexes that grow with an aggregate's history (a förbund's
    years per insats and insatser per year: dicts of sets of plain values) are kept apart
    from the tagged state and decoded by msgspec straight into their types."""

    code: str
    state: dict[str, Any]
    event: str = ""  # the hash of the stored event at the snapshot's version (event_hash)
    years_of: dict[str, dict[str, frozenset[int]]] = {}
    names_in: dict[str, dict[int, frozenset[str]]] = {}


_stored = msgspec.json.Decoder(_Stored)


def _sets_of(value: Any, key: type, item: type) -> bool:
    """Whether a value is a non-empty dict of frozensets, keys and items exactly typed
    (types compared with ``map``, so the check costs one step per set, not per item)."""
    return (
        type(value) is dict
        and bool(value)
        and set(map(type, value)) == {key}
        and set(map(type, value.values())) == {frozenset}
        and all(set(map(type, v)) <= {item} for v in value.values())
    )


class SnapshotUnusable(Exception):
    """A stored snapshot this code cannot use (the events are replayed instead)."""


@cache
def code_fingerprint() -> str:
    """A hash of the code that builds and reads aggregate states: every module of the
    domain (``finsam_es``, read from the package itself, subpackages included), this
    module (which packs and unpacks them) and the library's version.

    The store's other modules are left out: how a store is opened or copied does not
    change what a state means. Snapshots written before the store moved out of
    ``finsam_es`` carry that code's fingerprint and are ignored and taken again
    (tests/test_snapshots.py, on tests/golden/snapshots-v1.sqlite)."""
    import eventsourcing

    import finsam_es

    digest = hashlib.sha256(str(getattr(eventsourcing, "__version__", "")).encode())
    domain = Path(finsam_es.__file__).resolve().parent
    for path in sorted(domain.rglob("*.py")):
        digest.update(f"finsam_es/{path.relative_to(domain).as_posix()}".encode())
        digest.update(path.read_bytes())
    digest.update(b"store/snapshots.py")
    digest.update(Path(__file__).resolve().read_bytes())
    return digest.hexdigest()[:32]


def _own_class(topic: str, *, aggregate: bool = False) -> type:
    module = topic.partition(":")[0]
    if not module.startswith(OWN_PACKAGE):
        raise SnapshotUnusable(f"a snapshot names {topic!r}, which is not finsam's")
    try:
        cls = resolve_topic(topic)
    except (TopicError, ImportError, AttributeError, ValueError) as e:
        raise SnapshotUnusable(f"a snapshot names the unknown class {topic!r}") from e
    if not isinstance(cls, type):
        raise SnapshotUnusable(f"a snapshot names {topic!r}, which is no class")
    if aggregate:
        if not issubclass(cls, FinsamAggregate):
            raise SnapshotUnusable(f"a snapshot names {topic!r}, which is no aggregate")
    elif not issubclass(cls, msgspec.Struct):
        raise SnapshotUnusable(f"a snapshot names {topic!r}, which is no value class")
    return cls


def pack(value: Any) -> Any:
    """A JSON-ready form of a state value that keeps its type."""
    kind = type(value)
    if value is None or kind is str or kind is bool or kind is float:
        return value
    if isinstance(value, int):
        return int(value)  # subclasses (the commands' Amount) are plain integers
    if kind is tuple:
        return {"t": [pack(v) for v in value]}
    if kind is list:
        return {"l": [pack(v) for v in value]}
    if kind is dict:
        return {"d": [[pack(k), pack(v)] for k, v in value.items()]}
    if kind is frozenset:
        return {"f": [pack(v) for v in value]}
    if kind is set:
        return {"s": [pack(v) for v in value]}
    if kind is datetime:
        return {"T": value.isoformat()}
    if kind is date:
        return {"D": value.isoformat()}
    if kind is UUID:
        return {"u": value.hex}
    if isinstance(value, msgspec.Struct):
        fields = {f: pack(getattr(value, f)) for f in value.__struct_fields__}
        return {"S": [get_topic(kind), fields]}
    raise SnapshotUnusable(f"cannot snapshot a {kind.__name__}")


def unpack(value: Any) -> Any:
    """The state value ``pack`` stored."""
    if not isinstance(value, dict):
        return value
    ((tag, body),) = value.items()
    if tag == "d":  # plain keys and values are taken as they are (no call for each)
        return {
            unpack(k) if type(k) is dict else k: unpack(v) if type(v) is dict else v
            for k, v in body
        }
    if tag == "t":
        return tuple(_items(body))
    if tag == "f":
        return frozenset(_items(body))
    if tag == "D":
        return date.fromisoformat(body)
    if tag == "S":
        cls = _own_class(body[0])
        return cls(**{k: unpack(v) for k, v in body[1].items()})
    if tag == "l":
        return list(_items(body))
    if tag == "s":
        return set(_items(body))
    if tag == "T":
        return datetime.fromisoformat(body)
    if tag == "u":
        return UUID(body)
    raise SnapshotUnusable(f"a snapshot holds an unknown tag {tag!r}")


def _items(body: list[Any]) -> list[Any]:
    """A container's items, unpacked only when one of them is tagged."""
    if any(type(v) is dict for v in body):
        return [unpack(v) for v in body]
    return body


def event_hash(state: bytes) -> str:
    """What ties a snapshot to the log: the hash of the event (its stored state) at the
    snapshot's version. A load uses a snapshot only when the log holds that very event
    there, so a row forged ahead of the log, or left from a log since rewritten, is
    ignored (``FinsamApp.replay``)."""
    return hashlib.sha256(state).hexdigest()


def encode(aggregate: FinsamAggregate, event: str) -> tuple[str, bytes]:
    """The topic and stored state of a snapshot of the aggregate as it stands, after
    the stored event whose ``event_hash`` is ``event``."""
    stored = _Stored(code_fingerprint(), {}, event)
    for k, v in vars(aggregate).items():
        if k in _ROW_FIELDS:
            continue
        if _sets_of(v, str, int):
            stored.years_of[k] = v
        elif _sets_of(v, int, str):
            stored.names_in[k] = v
        else:
            stored.state[k] = pack(v)
    return get_topic(type(aggregate)), _encoder.encode(stored)


def decode(
    topic: str, data: bytes, aggregate_id: UUID, version: int, event: str | None = None
) -> FinsamAggregate:
    """The aggregate a stored snapshot holds; SnapshotUnusable when it was written by
    other code, names a class that is not finsam's, or (given ``event``, the hash of
    the stored event at its version, "" when the log has none there) was not taken
    after that event."""
    try:
        stored = _stored.decode(data)
    except msgspec.DecodeError as e:  # not JSON, or not in the shape of a snapshot
        raise SnapshotUnusable(f"an unreadable snapshot of {aggregate_id}") from e
    if stored.code != code_fingerprint():
        raise SnapshotUnusable("a snapshot written by other code")
    if event is not None and (not event or stored.event != event):
        raise SnapshotUnusable(
            f"the snapshot of {aggregate_id} at version {version} is not of the event the "
            "log holds there"
        )
    cls = _own_class(topic, aggregate=True)
    try:
        state = {k: unpack(v) for k, v in stored.state.items()}
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise SnapshotUnusable(f"an unreadable snapshot of {aggregate_id}") from e
    state.update(stored.years_of)
    state.update(stored.names_in)
    aggregate: FinsamAggregate = object.__new__(cls)
    aggregate.__dict__.update(state)
    aggregate.__dict__.update(_id=aggregate_id, _version=version, _pending_events=[])
    return aggregate
