"""A förbund's own chart (``--chart FILE``): the TOML file read into a ``Chart`` over
finsam's Kommun-BAS defaults (finsam_es/chart.py says the format)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import msgspec

from finsam_es.chart import Chart
from finsam_es.errors import InvalidInput


def read_chart(path: str) -> Chart:
    """A chart override file; a mistake is one line naming the file."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        return msgspec.convert(
            {
                "accounts": data.get("accounts", {}),
                "lines": data.get("lines", {}),
                "names": {int(k): v for k, v in data.get("names", {}).items()},
            },
            Chart,
        )
    except (OSError, tomllib.TOMLDecodeError, msgspec.ValidationError, ValueError) as e:
        raise InvalidInput(f"{path}: not a chart file ({e})") from None
