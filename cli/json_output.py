"""JSON on stdout, without rich: a query answering in JSON draws no table, so it
imports nothing of the terminal's (the quick read path prints with it too)."""

from __future__ import annotations

from typing import Any

import click
import msgspec


def print_json(data: Any) -> None:
    click.echo(msgspec.json.encode(data, enc_hook=_enc).decode())


def _enc(obj: Any) -> Any:
    if isinstance(obj, int):
        return int(obj)
    raise NotImplementedError(type(obj))
