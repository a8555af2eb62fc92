"""Our msgspec mapper: events to bytes and back, deterministic and versioned.

The library's default JSON transcoder knows no ``date``; msgspec knows dates,
UUIDs, tuples and our frozen Structs natively and is faster. Each stored state is
a JSON object in the event's field order (same event, same bytes) with the
schema version under ``class_version``. Reading an older version runs the
event class's ``upcast_vN_vN+1(state)`` functions before decoding.
"""

from __future__ import annotations

import sys
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent
from eventsourcing.utils import TopicError, get_topic, resolve_topic

from finsam_es.errors import FinsamError


def _enc_hook(obj: object) -> object:
    """Subclasses of int (like the commands' Amount) are stored as plain integers."""
    if isinstance(obj, int):
        return int(obj)
    raise NotImplementedError(f"cannot store {type(obj).__name__}")


_encoder = msgspec.json.Encoder(enc_hook=_enc_hook)
_decoder = msgspec.json.Decoder()


def encode_state(domain_event: object) -> bytes:
    state = dict(vars(domain_event))
    del state["originator_id"]
    del state["originator_version"]
    state["class_version"] = getattr(type(domain_event), "class_version", 1)
    return _encoder.encode(state)


def decode_state(cls: type, state: dict[str, Any], originator_id: object, version: int) -> Any:
    from_version = state.pop("class_version", 1)
    to_version = getattr(cls, "class_version", 1)
    while from_version < to_version:
        getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
        from_version += 1
    state["originator_id"] = originator_id
    state["originator_version"] = version
    return msgspec.convert(state, cls)


OWN_PACKAGE = "finsam_es."  # the domain package: every event class lives in it


def resolve_event_topic(topic: str) -> type:
    """The event class of a stored topic, when it is one of finsam's events (an old topic
    registered in store/topics.py included). A store's topic column is data, and
    resolving a topic imports the module it names: a topic outside finsam's domain
    package is refused unless its module is already loaded (so nothing new is
    imported), and whatever it names must be an event of a finsam aggregate."""
    from finsam_es.base import FinsamAggregate

    module = topic.partition(":")[0]
    if not module.startswith(OWN_PACKAGE) and module not in sys.modules:
        raise UnknownTopic(f"a stored event names the topic {topic!r}, which is not finsam's")
    try:
        cls = resolve_topic(topic)
    except (TopicError, ImportError, AttributeError, ValueError) as e:
        raise UnknownTopic(f"a stored event names the unknown topic {topic!r}") from e
    if not (isinstance(cls, type) and issubclass(cls, FinsamAggregate.Event)):
        raise UnknownTopic(f"a stored event names {topic!r}, which is no event of finsam's")
    return cls


_resolved: dict[str, type] = {}  # topics already checked and resolved, for this process


class UnknownTopic(FinsamError, TopicError):
    """A stored topic that is not one of finsam's event classes."""


class MsgspecMapper(Mapper[UUID]):
    """Maps the library's frozen event dataclasses with msgspec (set by MAPPER_TOPIC)."""

    def to_stored_event(self, domain_event: DomainEventProtocol[Any]) -> StoredEvent:
        data = encode_state(domain_event)
        if self.compressor:
            data = self.compressor.compress(data)
        if self.cipher:
            data = self.cipher.encrypt(data)
        return StoredEvent(
            originator_id=domain_event.originator_id,
            originator_version=domain_event.originator_version,
            topic=get_topic(type(domain_event)),
            state=data,
        )

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[Any]:
        cls = _resolved.get(stored_event.topic)
        if cls is None:
            cls = _resolved[stored_event.topic] = resolve_event_topic(stored_event.topic)
        data = stored_event.state
        try:
            if self.cipher:
                data = self.cipher.decrypt(data)
            if self.compressor:
                data = self.compressor.decompress(data)
            state = _decoder.decode(data)
            return decode_state(
                cls, state, stored_event.originator_id, stored_event.originator_version
            )
        except (msgspec.DecodeError, msgspec.ValidationError) as e:
            msg = f"cannot read stored event {stored_event.topic} v{stored_event.originator_version}: {e}"
            raise MapperDeserialisationError(msg) from e
