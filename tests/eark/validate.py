"""eark-validator's command line (`eark-validator PACKAGE`), run by tests/test_archive_eark.py
with the Python of its own venv (.venv-eark/: it pins lxml 5.1.0, finsam's pyHanko needs
5.4 or later).

Version 1.1.3 downloads the four CSIP vocabularies from earkcsip.dilcis.eu each time it
starts (eark_validator/ipxml/schematron.py), and cannot start without the network; here
it reads them from tests/eark/vocabularies/ (copied from DILCISBoard/E-ARK-CSIP, CC BY
4.0, see the README there) and validates exactly as it would online.
"""

from __future__ import annotations

import io
import urllib.request
from pathlib import Path
from typing import Any

VOCABULARIES = Path(__file__).resolve().parent / "vocabularies"
online = urllib.request.urlopen


def vocabulary_here(url: Any, *args: Any, **kwargs: Any) -> Any:
    local = VOCABULARIES / str(url).rsplit("/", 1)[-1]
    if local.is_file():
        return io.BytesIO(local.read_bytes())
    return online(url, *args, **kwargs)


if __name__ == "__main__":
    # before the validator imports urlopen by name
    urllib.request.urlopen = vocabulary_here
    from eark_validator.cli.app import main  # type: ignore[import-not-found,unused-ignore]

    main()
