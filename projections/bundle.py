"""The audit bundle: a förbund's events with their links, a manifest with the
checkpoints, and the years' reports, checkable with no database.

``make_bundle`` gives the files (name -> bytes) that `finsam audit export DIR` writes;
``check_bundle`` takes them back and returns every problem: a file that does not match
the manifest, a broken link, a checkpoint not in the chain, a report the events do not
rebuild. The events are kept exactly as stored (``state`` is the stored JSON text), so
the hash of every link can be recomputed from the bundle alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.utils import TopicError

from finsam_es.forbund import Forbund
from finsam_es.minutes import MinutesBook
from finsam_es.thresholds import Thresholds
from projections.bundle_documents import document_files, document_problems
from projections.bundle_readme import readme
from projections.money_fold import Fold
from projections.money_reports import judged
from store.chain import GENESIS, Link, facts, link_hash
from store.mapper import decode_state, resolve_event_topic
from store.topics import register_moved_topics

EVENTS = "events.jsonl"
MANIFEST = "manifest.json"
README = "README.md"  # Swedish and English, with the chain's formula and a recipe
FORMAT = "finsam-audit-bundle/3"
# /3 holds the stored documents (handlingar) the bundled diarium entries name, checked
# against their entries' hashes (projections/bundle_documents.py); /2 had none.
FORMAT_2 = "finsam-audit-bundle/2"
# /1 held the year-end reports with only what was decided by 31 December; /2 holds what
# the bundle's events decided later for the year too (a settlement decided in
# February), as the annual report does. A /1 bundle is still checked by its own rule.
FORMAT_1 = "finsam-audit-bundle/1"


class BundledEvent(msgspec.Struct, frozen=True):
    position: int
    type: str
    effective: date | None
    recorded: str  # the store's own recorded time
    topic: str
    originator_id: str
    originator_version: int
    state: str  # the stored bytes, as the UTF-8 JSON text they are
    link: Link | None  # None for an event stored before the store kept a chain


class Checkpoint(msgspec.Struct, frozen=True):
    label: str  # "head", or "minutes of 2024-09-19 adjusted"
    position: int
    hash: str


class Manifest(msgspec.Struct, frozen=True):
    format: str
    forbund: str
    years: tuple[int, ...]
    events: int
    checkpoints: tuple[Checkpoint, ...]
    files: dict[str, str]  # name -> SHA-256 of its bytes


_encoder = msgspec.json.Encoder()
_events = msgspec.json.Decoder(BundledEvent)
_manifest = msgspec.json.Decoder(Manifest)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def reports(
    fold: Fold, forbund: str, year: int, thresholds: Thresholds, later: bool = True
) -> dict[str, bytes]:
    """The year's reports on its last day, as the bundle holds them: with everything
    its events decided later for the year (``later``), or by 31 December (format /1);
    equity judged against the förbund's own limit, as every other face shows it."""
    end = date(year, 12, 31)
    known = fold.deciding_later() if later else fold
    equity = judged(known.equity(forbund, end), thresholds)
    return {
        f"reports/{year}/budget.json": _encoder.encode(fold.budget(forbund, year, end)),
        f"reports/{year}/result.json": _encoder.encode(known.result(forbund, year, end)),
        f"reports/{year}/equity.json": _encoder.encode(equity),
        f"reports/{year}/interventions.json": _encoder.encode(known.insatser(forbund, end)),
    }


def thresholds_of(events: Iterable[tuple[int, Any]]) -> Thresholds:
    """The förbund's thresholds as its bundled events last set them (as the reader reads
    them from the aggregate), else the defaults."""
    found = [e.thresholds for _, e in events if isinstance(e, Forbund.ThresholdsSet)]
    return found[-1] if found else Thresholds()


def decode(item: BundledEvent) -> Any:
    cls = resolve_event_topic(item.topic)
    state = msgspec.json.decode(item.state.encode())
    return decode_state(cls, state, UUID(item.originator_id), item.originator_version)


def make_bundle(
    forbund: str,
    years: Iterable[int],
    stored: Iterable[Any],
    chain: dict[int, Link],
    content: Callable[[str], bytes | None] = lambda _key: None,
) -> dict[str, bytes]:
    """The bundle's files from the förbund's stored events (notifications, in order),
    with the stored documents they name (``content``: a document's bytes by sha256)."""
    register_moved_topics()
    lines, events, checkpoints = [], [], []
    for n in stored:
        if facts(n.state)[0] != forbund:
            continue
        oid = n.originator_id.hex if isinstance(n.originator_id, UUID) else str(n.originator_id)
        item = BundledEvent(
            n.id, n.topic.rsplit(":", 1)[-1], None, "", n.topic, oid,
            n.originator_version, n.state.decode(), chain.get(n.id),
        )  # fmt: skip
        event = decode(item)
        item = msgspec.structs.replace(
            item, effective=event.effective, recorded=event.timestamp.isoformat()
        )
        lines.append(_encoder.encode(item))
        events.append((n.id, event))
        link = chain.get(n.id)
        if link and isinstance(event, MinutesBook.MinutesAdjusted):
            label = f"minutes of {event.meeting} adjusted" + (
                f" (§{', §'.join(map(str, event.numbers))} at once)" if event.immediately else ""
            )
            checkpoints.append(Checkpoint(label, n.id, link.hash))
    heads = [chain[p] for p, _ in events if p in chain]
    if heads:
        checkpoints.append(Checkpoint("head", heads[-1].position, heads[-1].hash))
    files = {EVENTS: b"\n".join(lines) + b"\n" if lines else b""}
    files[README] = readme(forbund).encode()
    files.update(document_files(events, content))
    fold = Fold(events)
    chosen = tuple(sorted(years))
    thresholds = thresholds_of(events)
    for year in chosen:
        files.update(reports(fold, forbund, year, thresholds))
    manifest = Manifest(
        FORMAT,
        forbund,
        chosen,
        len(events),
        tuple(checkpoints),
        {name: _sha(data) for name, data in sorted(files.items())},
    )
    files[MANIFEST] = msgspec.json.format(_encoder.encode(manifest))
    return files


def check_bundle(files: dict[str, bytes], checkpoint: str | None = None) -> list[str]:
    """Every problem with a bundle, in the order found; [] when it verifies. With
    ``checkpoint`` (a head pinned from the store, a protocol or notes), the bundle's own
    chain must hold it: a forged or truncated bundle, however self-consistent, does not."""
    if MANIFEST not in files:
        return [f"the bundle has no {MANIFEST}"]
    try:
        manifest = _manifest.decode(files[MANIFEST])
    except (msgspec.DecodeError, msgspec.ValidationError) as e:
        return [f"{MANIFEST} cannot be read: {e}"]
    problems = []
    for name, digest in manifest.files.items():
        if name not in files:
            problems.append(f"{name} is listed in the manifest but missing")
        elif _sha(files[name]) != digest:
            problems.append(f"{name} does not match its hash in the manifest: changed")
    extra = sorted(set(files) - set(manifest.files) - {MANIFEST})
    problems.extend(f"{name} is not listed in the manifest" for name in extra)
    register_moved_topics()
    events: list[tuple[int, Any]] = []
    hashes: set[str] = set()
    seq, prev = 0, GENESIS
    for number, line in enumerate(files.get(EVENTS, b"").splitlines(), start=1):
        try:
            item = _events.decode(line)
            event = decode(item)
        except (msgspec.DecodeError, msgspec.ValidationError, ValueError, TopicError) as e:
            return [*problems, f"{EVENTS} line {number} cannot be read: {e}"]
        events.append((item.position, event))
        link = item.link
        if link is None:
            # an event without its link proves nothing: a bundle is only exported from
            # a chained store (every write chains it), so a missing link was stripped
            problems.append(
                f"position {item.position} has no link: the bundle proves nothing of it"
            )
            continue
        if link.forbund != manifest.forbund or link.position != item.position:
            problems.append(
                f"position {item.position}: its link is for position {link.position} of "
                f"'{link.forbund}', not this event of '{manifest.forbund}': changed"
            )
        state = item.state.encode()
        digest = link_hash(
            link.prev, item.position, link.forbund, link.seq, link.stored, link.actor,
            item.originator_id, item.originator_version, item.topic, state,
        )  # fmt: skip
        if link.seq != seq + 1 or link.prev != prev:
            problems.append(
                f"position {item.position}: the chain breaks here (link {link.seq} follows "
                f"link {seq}): an event before it was removed or moved"
            )
        if digest != link.hash:
            problems.append(f"position {item.position} does not match its hash: changed")
        seq, prev = link.seq, link.hash
        hashes.add(link.hash)
    for pinned in manifest.checkpoints:
        if pinned.hash not in hashes:
            problems.append(f"checkpoint '{pinned.label}' ({pinned.hash}) is not in the chain")
    if events and not any(c.label == "head" for c in manifest.checkpoints):
        problems.append(f"{MANIFEST} names no head checkpoint")
    if checkpoint is not None and checkpoint.strip().lower() not in hashes:
        problems.append(
            f"checkpoint {checkpoint} is not in the bundle's chain: the bundle does not "
            "extend it (forged, truncated or of another förbund)"
        )
    if len(events) != manifest.events:
        problems.append(
            f"the manifest counts {manifest.events} events, {EVENTS} holds {len(events)}"
        )
    if manifest.format not in (FORMAT_1, FORMAT_2):  # older bundles held no documents
        problems.extend(document_problems(files, events))
    problems.extend(passkey_problems(events))
    fold = Fold(events)
    thresholds = thresholds_of(events)
    later = manifest.format != FORMAT_1
    for year in manifest.years:
        for name, data in reports(fold, manifest.forbund, year, thresholds, later).items():
            if name in files and files[name] != data:
                problems.append(f"{name} is not what the events rebuild")
    return problems


def passkey_problems(events: Iterable[tuple[int, Any]]) -> list[str]:
    """Each justering signed with a passkey whose assertion does not verify with the
    public key its event carries (projections/assertions.py): offline, as the store's
    `audit verify` checks it."""
    from finsam_es.signatures import MinutesSigned
    from projections.assertions import assertion_problem

    found = []
    for position, event in events:
        if isinstance(event, MinutesSigned) and event.signature.assertion is not None:
            wrong = assertion_problem(event.signature)
            if wrong is not None:
                found.append(
                    f"position {position}: the passkey signature by {event.signature.name} "
                    f"does not verify: {wrong}"
                )
    return found
