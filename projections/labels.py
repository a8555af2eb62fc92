"""The Swedish words both faces print for the read side's codes: the terminal, the web
view and the reports say the same thing because they take it from here."""

from __future__ import annotations

# an insats's status (InsatsRow.status) as the tables and pages name it
STATUS = {
    "received": "inkommen",
    "referred_back": "återremitterad",
    "withdrawn": "återtagen",
    "rejected": "avslagen",
    "granted": "beviljad",
    "running": "pågår",
    "ended": "avslutad",
    "closed": "slutredovisad",
}

# a budget or result line's kind
KIND = {"income": "intäkt", "cost": "kostnad"}
