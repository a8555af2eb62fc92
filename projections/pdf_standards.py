"""The standards every PDF finsam writes claims and Typst checks as it compiles: PDF/A-2a
(archival, accessible: Riksarkivet's FGS and E-ARK take PDF/A) and PDF/UA-1 (tagged:
headings, tables, alternative text, the document's title and language; the
accessibility law for public bodies covers published documents). Typst refuses a
document that breaks them (an image without alternative text, no title), so a missing
tag fails the compile, not the archive's check years later."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typst import PDFStandard  # the stub's name; typst is imported where it compiles

PDF_STANDARDS: list[PDFStandard] = ["a-2a", "ua-1"]
