"""A form from a command struct: the fields msgspec knows of it (``msgspec.inspect``)
turned into inputs, and what a browser posts turned back into the command.

One source for the CLI, the journal and the browser: the struct's fields, their types,
``Literal`` choices, defaults and docs. Each field becomes one of a few kinds of input
(text, whole number, amount, date ÅÅÅÅ-MM-DD, yes/no, a choice, lines of text, a group
of fields, rows of a group, files). A field of a type no input fits is left out when it
has a default (the journal and the CLI still take it); a command that needs one is not
offered as a form. Parsing checks each typed value in Swedish beside its field, then
lets msgspec build the command (its bounds and constraints), naming the field it refuses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

import msgspec
import msgspec.inspect as mi

from commands import structs as c
from finsam_es.documents import Document
from web.form_labels import choice, label

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
WHOLE = re.compile(r"-?[0-9]{1,12}")
SKIPPED = ("forbund", "recorded")  # the förbund comes from the path; recorded is a journal's
ROWS = 3  # empty rows a group of rows offers beyond those typed
MAX_ROWS = 200
S = TypeVar("S", bound=msgspec.Struct)


class Unsupported(Exception):
    """A field's type has no input."""


@dataclass(frozen=True)
class Field:
    """One input (or group of inputs) of a form. ``name`` is its path in the posted
    form ("meeting.date", "items.0.title"), ``key`` the command's field name."""

    key: str
    label: str
    kind: str  # text, int, amount, date, bool, maybe, choice, lines, group, rows, files
    required: bool
    default: Any = None
    choices: tuple[tuple[str, str], ...] = ()  # (value, words)
    children: tuple[Field, ...] = ()  # a group's fields, or one row's of rows
    minimum: int | None = None
    maximum: int | None = None


def _optional(t: mi.Type) -> tuple[mi.Type, bool]:
    if isinstance(t, mi.UnionType):
        rest = [x for x in t.types if not isinstance(x, mi.NoneType)]
        if len(rest) == 1 and len(rest) < len(t.types):
            return rest[0], True
    return t, False


def _default(f: mi.Field) -> Any:
    if f.default is not msgspec.NODEFAULT:
        return f.default
    if f.default_factory is not msgspec.NODEFAULT:
        return f.default_factory()
    return None


def _simple(act: str, key: str, t: mi.Type, required: bool, default: Any) -> Field:
    words = label(act, key)
    kinds = {mi.StrType: "text", mi.DateType: "date", mi.BoolType: "bool"}
    for cls, kind in kinds.items():
        if isinstance(t, cls):
            return Field(key, words, kind, required, default)
    if isinstance(t, mi.IntType):
        low = t.ge if t.ge is not None else (t.gt + 1 if t.gt is not None else None)
        high = t.le if t.le is not None else (t.lt - 1 if t.lt is not None else None)
        return Field(key, words, "int", required, default, minimum=low, maximum=high)
    if isinstance(t, mi.CustomType) and t.cls is c.Amount:
        return Field(key, words, "amount", required, default)
    if isinstance(t, mi.LiteralType):
        values = tuple((str(v), choice(v)) for v in t.values)
        return Field(key, words, "choice", required, default, choices=values)
    raise Unsupported(key)


def field_of(act: str, f: mi.Field) -> Field:
    t, optional = _optional(f.type)
    required, default, key = f.required, _default(f), f.encode_name
    if isinstance(t, mi.BoolType) and optional:
        words = (("", "oförändrat"), ("true", "ja"), ("false", "nej"))
        return Field(key, label(act, key), "maybe", False, default, choices=words)
    if isinstance(t, mi.StructType):
        if t.cls is Document:
            raise Unsupported(key)
        return Field(key, label(act, key), "group", required, default, children=fields_of(act, t))
    if isinstance(t, mi.VarTupleType):
        item = t.item_type
        if isinstance(item, mi.StructType) and item.cls is Document:
            return Field(key, label(act, key), "files", required, default)
        if isinstance(item, mi.StructType):
            row = fields_of(act, item)
            if any(c.kind in ("group", "rows", "files", "lines") for c in row):
                raise Unsupported(key)
            return Field(key, label(act, key), "rows", required, default, children=row)
        if isinstance(item, mi.StrType):
            return Field(key, label(act, key), "lines", required, default)
        raise Unsupported(key)
    return _simple(act, key, t, required, default)


def fields_of(act: str, t: mi.StructType) -> tuple[Field, ...]:
    """The inputs of a struct; an unsupported field with a default is left out."""
    found = []
    for f in t.fields:
        if f.encode_name in SKIPPED:
            continue
        try:
            found.append(field_of(act, f))
        except Unsupported:
            if f.required:
                raise
    return tuple(found)


def command_fields(command: type[msgspec.Struct]) -> tuple[Field, ...]:
    """The form of a command (``Unsupported`` when a field it needs has no input)."""
    info = mi.type_info(command)
    assert isinstance(info, mi.StructType)
    return fields_of(command.__name__, info)


# -- what was posted -------------------------------------------------------------------

Posted = Mapping[str, Sequence[Any]]  # a name's values: text, or (file name, bytes)


@dataclass
class Parsed:
    """The command's data as msgspec takes it, the Swedish error per field name, and
    what was typed (to show again)."""

    data: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _text(posted: Posted, name: str) -> str:
    values = posted.get(name) or ()
    first = values[0] if values else ""
    return first.strip() if isinstance(first, str) else ""


def _value(f: Field, name: str, text: str, into: Parsed) -> Any:
    """A typed value checked in Swedish, or None with the error noted."""
    if f.kind == "date":
        if not DATE.fullmatch(text):
            into.errors[name] = "Skriv datumet som ÅÅÅÅ-MM-DD."
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            into.errors[name] = f"{text} är inget datum."
            return None
    if f.kind == "int":
        if not WHOLE.fullmatch(text):
            into.errors[name] = "Skriv ett heltal med siffrorna 0–9."
            return None
        number = int(text)
        if f.minimum is not None and number < f.minimum:
            into.errors[name] = f"Minst {f.minimum}."
        elif f.maximum is not None and number > f.maximum:
            into.errors[name] = f"Högst {f.maximum}."
        return number
    if f.kind == "choice" and text not in {v for v, _ in f.choices}:
        into.errors[name] = "Välj ett av alternativen."
        return None
    return text  # text, and an amount (msgspec's hook reads "22 750,50 kr")


def read(fields: Sequence[Field], posted: Posted, prefix: str = "") -> Parsed:
    """What was posted for ``fields`` as the command's data, with an error per field."""
    out = Parsed()
    for f in fields:
        name = prefix + f.key
        if f.kind == "group":
            inner = read(f.children, posted, name + ".")
            out.data[f.key] = inner.data
            out.errors.update(inner.errors)
            continue
        if f.kind == "rows":
            rows = []
            for n in range(MAX_ROWS):
                row_prefix = f"{name}.{n}."
                if not any(_text(posted, row_prefix + c.key) for c in f.children):
                    if not any(row_prefix + c.key in posted for c in f.children):
                        break
                    continue  # an empty row the form offered
                inner = read(f.children, posted, row_prefix)
                rows.append(inner.data)
                out.errors.update(inner.errors)
            if rows or f.required:
                out.data[f.key] = rows
            continue
        if f.kind == "files":
            files = [
                {"name": v[0], "content": v[1]}
                for v in posted.get(name) or ()
                if isinstance(v, tuple) and v[0]
            ]
            if files or f.required:
                out.data[f.key] = files
            continue
        if f.kind == "bool":
            out.data[f.key] = _text(posted, name) in ("on", "true")
            continue
        if f.kind == "lines":
            raw = "\n".join(v for v in posted.get(name) or () if isinstance(v, str))
            lines = [line.strip() for line in raw.splitlines() if line.strip()]
            if lines or f.required:
                out.data[f.key] = lines
            continue
        text = _text(posted, name)
        if f.kind == "maybe":
            if text in ("true", "false"):
                out.data[f.key] = text == "true"
            continue
        if not text:
            if f.required:
                out.errors[name] = f"Fyll i {f.label.lower()}."
            continue
        value = _value(f, name, text, out)
        if value is not None:
            out.data[f.key] = value
    return out


# msgspec's refusals, in Swedish: its message before " - at `$...`"
MSGSPEC = (
    (re.compile(r"Expected `(\w+)` >= (-?\d+)"), "Minst {1}."),
    (re.compile(r"Expected `(\w+)` <= (-?\d+)"), "Högst {1}."),
    (re.compile(r"Expected `(\w+)` of length <= (\d+)"), "Högst {1} tecken."),
    (re.compile(r"Object missing required field `(\w+)`"), "Fyll i fältet."),
    (re.compile(r"Expected `\w+`, got `\w+`"), "Värdet har fel form."),
)


def where(error: msgspec.ValidationError) -> tuple[str, str]:
    """A msgspec refusal as (the form's field name, one Swedish line)."""
    text = str(error)
    message, _, path = text.partition(" - at `$")
    name = path.rstrip("`").lstrip(".")
    name = re.sub(r"\[(\d+)\]", r".\1", name)
    missing = re.match(r"Object missing required field `(\w+)`", message)
    if missing:
        name = f"{name}.{missing.group(1)}" if name else missing.group(1)
    for pattern, words in MSGSPEC:
        found = pattern.match(message)
        if found:
            return name, words.format(*found.groups())
    return name, message.rstrip(".") + "."  # the hooks' own (the amount's words)


def build(command: type[S], data: dict[str, Any], forbund: str) -> S:
    """The command from the read data, the förbund from the path (never the form)."""
    return msgspec.convert({**data, "forbund": forbund}, command, dec_hook=c.dec_hook)
