"""Snapshots: a long-lived aggregate's state at a version, so a load replays only the
events recorded after it.

A förbund gains about ten events a year and the registry one per förbund; replaying them
on every write made writing slower the longer a förbund's history and the more förbund a
store holds. A snapshot is a cache, never a record: it lives in its own table
(``stored_snapshots`` on SQLite, ``finsam_snapshots`` on PostgreSQL), outside the log and
the hash chain, and dropping the table loses nothing. The events stay the truth:

- a snapshot is taken from the aggregate as its stored events leave it (reloaded after
  the save, never the command's in-memory copy) every ``SNAPSHOT_EVERY`` versions;
- it carries a fingerprint of the domain code (``finsam_es/*.py`` and the library's
  version): a snapshot written by other code is ignored and the events are replayed, so
  a change to an event's ``apply`` never meets a state that older code built;
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
_decoder = msgspec.json.Decoder()


class SnapshotUnusable(Exception):
    """A stored snapshot this code cannot use (the events are replayed instead)."""


@cache
def code_fingerprint() -> str:
    """A hash of the domain code that builds aggregate states: every module of
    ``finsam_es`` and the library's version."""
    import eventsourcing

    digest = hashlib.sha256(str(getattr(eventsourcing, "__version__", "")).encode())
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
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


_PLAIN = (str, int, bool, float)  # exactly these types (an int subclass is packed)


def _plain_set(value: Any) -> bool:
    return type(value) is frozenset and all(type(v) in _PLAIN for v in value)


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
        if value and all(_plain_set(v) and type(k) in _PLAIN for k, v in value.items()):
            # a förbund's index of years per insats: one comprehension to read it back
            return {"F": [[k, list(v)] for k, v in value.items()]}
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
    if tag == "F":
        return {k: frozenset(v) for k, v in body}
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


def encode(aggregate: FinsamAggregate) -> tuple[str, bytes]:
    """The topic and stored state of a snapshot of the aggregate as it stands."""
    state = {k: pack(v) for k, v in vars(aggregate).items() if k not in _ROW_FIELDS}
    return get_topic(type(aggregate)), _encoder.encode({"code": code_fingerprint(), "state": state})


def decode(topic: str, data: bytes, aggregate_id: UUID, version: int) -> FinsamAggregate:
    """The aggregate a stored snapshot holds; SnapshotUnusable when it was written by
    other code or names a class that is not finsam's."""
    try:
        stored = _decoder.decode(data)
    except msgspec.DecodeError as e:
        raise SnapshotUnusable(f"an unreadable snapshot of {aggregate_id}") from e
    if not isinstance(stored, dict) or stored.get("code") != code_fingerprint():
        raise SnapshotUnusable("a snapshot written by other code")
    cls = _own_class(topic, aggregate=True)
    try:
        state = {k: unpack(v) for k, v in stored["state"].items()}
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise SnapshotUnusable(f"an unreadable snapshot of {aggregate_id}") from e
    aggregate: FinsamAggregate = object.__new__(cls)
    aggregate.__dict__.update(state)
    aggregate.__dict__.update(_id=aggregate_id, _version=version, _pending_events=[])
    return aggregate
