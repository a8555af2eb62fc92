"""Secrets at the command line's edge: a password in a --db URL is warned about (every
user of the machine sees a command line in `ps`) and masked in every message finsam
prints, whatever part of the program wrote the message.

The safe ways, which `finsam --help` shows: the password in FINSAM_DB_PASSWORD,
PGPASSWORD or ~/.pgpass (libpq's password file), the web token in FINSAM_WEB_TOKEN or a
file named by --token-file.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

# user:password@ in any URL a message may quote (the store's, a libpq error's)
_URL_PASSWORD = re.compile(r"(?P<head>[a-z][a-z0-9+.-]*://[^:/@\s]*):(?P<pw>[^@\s]*)@", re.I)
SECRET_VARIABLES = (
    "FINSAM_DB_PASSWORD",
    "PGPASSWORD",
    "FINSAM_WEB_TOKEN",
    "FINSAM_USER_PASSWORD",
)
DB_HELP = (
    "SQLite file, or a postgresql://user@host/db URL; give its password in "
    "FINSAM_DB_PASSWORD, PGPASSWORD or ~/.pgpass, never in the URL (ps shows it)."
)


def url_password(db: str) -> str:
    """The password a store URL carries, or ''."""
    if "://" not in db:
        return ""
    try:
        return urlsplit(db).password or ""
    except ValueError:
        return ""


def password_warning(db: str, option: str = "--db") -> str | None:
    """The warning for a URL that carries its password on the command line, or None."""
    if not url_password(db):
        return None
    return (
        f"{option} carries a password, which every user of this machine can read in the "
        "process list: give it in FINSAM_DB_PASSWORD, PGPASSWORD or ~/.pgpass instead"
    )


def mask(text: str, *known: str) -> str:
    """The text with every URL's password, the secret variables' values and ``known``
    secrets written as ***."""
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}:***@", text)
    for secret in (*known, *(os.environ.get(v, "") for v in SECRET_VARIABLES)):
        if len(secret) >= 4:  # a one-letter "secret" would mask every word holding it
            text = text.replace(secret, "***")
    return text
