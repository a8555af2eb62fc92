"""Writes the malformed journals of this directory from examples/harnosand-timra-2018.toml
(each one change; bytes cases written as bytes). Run once to add a case, then record its
exact expected error in expected.tsv after reading it: the corpus is kept as files so a
reviewer sees each input.

    .venv/bin/python tests/bad_inputs/make_corpus.py
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = (HERE.parent.parent / "examples" / "harnosand-timra-2018.toml").read_text(encoding="utf-8")
FORBUND = '[forbund]\nid = "x"\nname = "X"\ncreated = 2005-11-30\nquorum = "at_least_half"\n'

# name -> (old, new) replaced once in the example, or bytes/str for a whole file
CASES: dict[str, tuple[str, str] | bytes | str] = {
    "empty": "",
    "only-comment": "# inget här\n",
    "random-bytes": bytes(range(256)) * 3,
    "nul-bytes": b"\x00" * 64,
    "latin1": BASE.encode("latin-1", errors="replace"),
    "utf16": BASE.encode("utf-16"),
    "bom-only": b"\xef\xbb\xbf",
    "truncated": BASE[: BASE.index('Härnösand Timrå"') + 9],
    "unclosed-string": ('name = "Samordningsförbundet Härnösand Timrå"', 'name = "Samordnings'),
    "duplicate-key": ('id = "harnosand-timra"', 'id = "harnosand-timra"\nid = "igen"'),
    "json-instead": '{"forbund": {"id": "x"}}',
    "no-forbund": ("[forbund]", "[forbundet]"),
    "forbund-as-string": ("[forbund]\nid", 'forbund = "x"\n[other]\nid'),
    "forbund-id-empty": ('id = "harnosand-timra"', 'id = ""'),
    "forbund-id-number": ('id = "harnosand-timra"', "id = 17"),
    "forbund-id-spaces": ('id = "harnosand-timra"', 'id = "härnö sand"'),
    "created-not-date": ("created = 2005-11-30", 'created = "november 2005"'),
    "created-month-13": ("created = 2005-11-30", "created = 2005-13-30"),
    "quorum-unknown": ('quorum = "at_least_half"', 'quorum = "most"'),
    "unknown-top-table": ("[forbund]", "[bokslut]\nx = 1\n\n[forbund]"),
    "member-share-word": (
        'share = "25%",   name = "Försäkringskassan"',
        'share = "en fjärdedel", name = "Försäkringskassan"',
    ),
    "member-share-zero": (
        'share = "25%",   name = "Försäkringskassan"',
        'share = "0%", name = "Försäkringskassan"',
    ),
    "member-share-over": (
        'share = "25%",   name = "Försäkringskassan"',
        'share = "125%", name = "Försäkringskassan"',
    ),
    "member-kind-unknown": (
        'kind = "state",        share = "25%",   name = "Försäkringskassan"',
        'kind = "county", share = "25%", name = "Försäkringskassan"',
    ),
    "member-duplicate": ('{ id = "af",  ', '{ id = "fk",  '),
    "members-not-list": ("members = [", "members = 5\nmembers_old = ["),
    "allocation-year-zero": ("year = 2018\ntotal", "year = 0\ntotal"),
    "allocation-year-huge": ("year = 2018\ntotal", "year = 99999\ntotal"),
    "allocation-year-text": ("year = 2018\ntotal", 'year = "2018"\ntotal'),
    "allocation-total-text": ("total = 3844000", 'total = "mycket"'),
    "allocation-total-huge": ("total = 3844000", "total = 92233720368547759"),
    "allocation-total-float": ("total = 3844000", "total = 3844000.5"),
    "allocation-total-bool": ("total = 3844000", "total = true"),
    "allocation-total-2pow64": ("total = 3844000", "total = 18446744073709551616"),
    "application-amount-huge": ("amount = 900000", "amount = 99999999999999999999"),
    "application-amount-text": ("amount = 900000", 'amount = "niohundratusen"'),
    "application-amount-decimals": ("amount = 900000", 'amount = "900 000,505"'),
    "application-amount-array": ("amount = 900000", "amount = [900000]"),
    "application-start-text": (
        'start = 2018-01-01\nend = 2018-12-31\nline = "insatser"\non = 2017-10-02\n\n# "Härnösands',
        'start = "januari"\nend = 2018-12-31\nline = "insatser"\non = 2017-10-02\n\n# "Härnösands',
    ),
    "application-end-before-start": (
        'end = 2018-12-31\nline = "insatser"\non = 2017-10-02\n\n# "Härnösands',
        'end = 2017-12-31\nline = "insatser"\non = 2017-10-02\n\n# "Härnösands',
    ),
    "application-end-9999": (
        'end = 2018-12-31\nline = "insatser"\non = 2017-10-02\n\n# "Härnösands',
        'end = 9999-12-31\nline = "insatser"\non = 2017-10-02\n\n# "Härnösands',
    ),
    "application-kind-unknown": (
        'kind = "structural"\nowner = "timra"\nco_applicants',
        'kind = "magic"\nowner = "timra"\nco_applicants',
    ),
    "application-no-insats": ('insats = "amt-timra"\n', ""),
    "application-insats-number": ('insats = "amt-timra"', "insats = 5"),
    "application-unknown-field": ('insats = "amt-timra"', 'insats = "amt-timra"\nfarg = "blå"'),
    "application-on-datetime": (
        'on = 2017-10-02\n\n# "Härnösands',
        'on = 2017-10-02T25:00:00\n\n# "Härnösands',
    ),
    "applications-as-table": (
        '[[applications]]\ninsats = "amt-timra"',
        '[applications]\ninsats = "amt-timra"',
    ),
    "meeting-date-text": ("date = 2017-11-16", 'date = "i höstas"'),
    "meeting-date-feb-30": ("date = 2017-11-16", "date = 2017-02-30"),
    "meeting-posted-not-table": (
        "posted = { up = 2017-11-24, down = 2017-12-18 }",
        'posted = "ja"',
    ),
    "paragraph-number-text": ("number = 40", 'number = "fyrtio"'),
    "paragraph-number-huge": ("number = 40", "number = 99999999999999999999"),
    "paragraph-number-negative": ("number = 40", "number = -40"),
    "paragraph-number-zero": ("number = 40", "number = 0"),
    "paragraph-duplicate-number": ("number = 41", "number = 40"),
    "paragraph-decisions-string": (
        'decisions = ["Ordföranden förklarar sammanträdet öppnat."]',
        'decisions = "Ordföranden förklarar sammanträdet öppnat."',
    ),
    "budget-line-amount-text": ("amount = 15000,   plan", 'amount = "mycket", plan'),
    "budget-line-kind-unknown": (
        'kind = "cost", amount = 15000,',
        'kind = "gift", amount = 15000,',
    ),
    "budget-line-huge": ("amount = 15000,   plan", "amount = 99999999999999999, plan"),
    "deep-nesting": "x = " + "[" * 5000 + "]" * 5000 + "\n" + FORBUND,
    "very-long-key": "a" * 300 + " = 1\n" + FORBUND,
    "control-characters": (
        'name = "Samordningsförbundet Härnösand Timrå"',
        'name = "Samordnings\x07förbundet"',
    ),
    "tab-in-bare-key": ("quorum = ", "quo\trum = "),
    # issue 26: bounds every path into the store holds (commands/bounds.py)
    "title-nul": ('title = "Mötets öppnande"', 'title = "Mötets\\u0000öppnande"'),
    "title-escape": ('title = "Mötets öppnande"', 'title = "Mötets \\u001b[2Jöppnande"'),
    "title-bidi-override": ('title = "Mötets öppnande"', 'title = "[/bold]\\u202e"'),
    "forbund-id-5000": ('id = "harnosand-timra"', 'id = "' + "h" * 5000 + '"'),
    "title-too-long": ('title = "Mötets öppnande"', 'title = "' + "ö" * 10_001 + '"'),
    "recorded-year-1": (
        "date = 2017-11-16\n",
        "date = 2017-11-16\nrecorded = 0001-01-01T00:00:00Z\n",
    ),
    "meeting-before-forbund": ("date = 2017-11-16\n", "date = 2004-11-16\n"),
    "member-share-exponent": (
        'share = "25%",   name = "Försäkringskassan"',
        'share = "1e999999999%", name = "F"',
    ),
    "member-share-inf": (
        'share = "25%",   name = "Försäkringskassan"',
        'share = "inf", name = "F"',
    ),
    "member-share-5000-digits": (
        'share = "25%",   name = "Försäkringskassan"',
        'share = "' + "1" * 5000 + '/3", name = "F"',
    ),
    "amount-5000-digits": ("amount = 900000", 'amount = "' + "9" * 5000 + '"'),
    "amount-beyond-bound": ("amount = 900000", "amount = 1000000001"),
    # a bare integer beyond Python's 4 300-digit int-string limit, met inside the parser
    "amount-5000-digit-integer": ("amount = 900000", "amount = " + "9" * 5000),
    "paragraph-number-5000-digits": (
        'title = "Mötets öppnande"',
        'title = "Mötets öppnande"\nnumber = ' + "9" * 5000,
    ),
}


def main() -> None:
    for stale in HERE.glob("*.toml"):
        stale.unlink()
    for name, case in CASES.items():
        path = HERE / f"{name}.toml"
        if isinstance(case, bytes):
            path.write_bytes(case)
        elif isinstance(case, str):
            path.write_text(case, encoding="utf-8")
        else:
            old, new = case
            assert BASE.count(old) >= 1, name
            path.write_text(BASE.replace(old, new, 1), encoding="utf-8")
    print(f"{len(CASES)} cases")


if __name__ == "__main__":
    main()
