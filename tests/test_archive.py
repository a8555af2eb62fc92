"""The year's archive package (issue 21, item 5): `finsam archive --year 2024` of the
Sollefteå example holds the year's adjusted protokoll with a protokollsutdrag of each
§, the annual report (all PDF/A) and the audit bundle, and METS.xml lists every file
with its size and SHA-256; METS.xml is valid against the METS and CSIP schemas the
package ships; kallelser and the diarium's documents go in as well; an existing package
is refused in one line and a failure leaves nothing behind. The E-ARK validator's own
verdict is tests/test_archive_eark.py's.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree  # type: ignore[import-untyped]
from pypdf import PdfReader

from tests.conftest import EXAMPLES, Finsam, sqlite_only

NS = {"mets": "http://www.loc.gov/METS/", "xlink": "http://www.w3.org/1999/xlink"}
HREF = "{http://www.w3.org/1999/xlink}href"
SCHEMAS = Path(__file__).resolve().parents[1] / "projections" / "archive_schemas"
XLINK_URL = "http://www.loc.gov/standards/xlink/xlink.xsd"


@pytest.fixture
def solleftea(finsam: Finsam) -> Finsam:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    return finsam


def on_disk(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def listed(mets: bytes) -> dict[str, tuple[int, str]]:
    """Every file METS.xml names (fileSec and the metadata references): size, SHA-256."""
    root = ET.fromstring(mets)
    found: dict[str, tuple[int, str]] = {}
    for f in root.iterfind(".//mets:file", NS):
        located = f.find("mets:FLocat", NS)
        assert located is not None and f.get("CHECKSUMTYPE") == "SHA-256"
        found[located.attrib[HREF]] = (int(f.attrib["SIZE"]), f.attrib["CHECKSUM"])
    for ref in root.iterfind(".//mets:mdRef", NS):
        assert ref.get("CHECKSUMTYPE") == "SHA-256"
        found[ref.attrib[HREF]] = (int(ref.attrib["SIZE"]), ref.attrib["CHECKSUM"])
    return found


def test_the_package_holds_the_years_adjusted_minutes_each_extract_and_the_annual_report(
    solleftea: Finsam, tmp_path: Path
) -> None:
    out = tmp_path / "arkiv-2024"
    summary = solleftea.json("archive", "--year", "2024", "--output", str(out))
    adjusted = [m for m in solleftea.json("meetings", "--year", "2024") if m["adjusted"]]
    numbers = [
        p["number"] for m in adjusted for p in solleftea.json("minutes", m["date"])["paragraphs"]
    ]
    files = on_disk(out)
    data = "representations/rep1/data"
    assert {n for n in files if n.startswith(f"{data}/protokoll/")} == {
        f"{data}/protokoll/protokoll-{m['date']}.pdf" for m in adjusted
    }
    assert {n for n in files if n.startswith(f"{data}/protokollsutdrag/")} == {
        f"{data}/protokollsutdrag/utdrag-2024-{n:03d}.pdf" for n in numbers
    }
    assert f"{data}/arsredovisning/arsredovisning-2024.pdf" in files
    assert summary["kinds"] == {
        "arsredovisning": 1,
        "protokoll": len(adjusted),
        "protokollsutdrag": len(numbers),
        "revision": len([n for n in files if n.startswith("metadata/preservation/revision/")]),
    }
    assert summary["files"] == len(files) and summary["left_out"] == []
    for name in files:
        if name.endswith(".pdf"):
            catalogue: Any = PdfReader(out / name).trailer["/Root"].get_object()
            xmp = catalogue["/Metadata"].get_object().get_data()
            assert re.search(rb"pdfaid:part>2<|pdfaid:part=\"2\"", xmp), name


def test_mets_lists_every_file_with_its_size_and_sha256(solleftea: Finsam, tmp_path: Path) -> None:
    out = tmp_path / "arkiv-2024"
    solleftea("archive", "--year", "2024", "--output", str(out))
    files = on_disk(out)
    mets = files.pop("METS.xml")
    assert listed(mets) == {
        name: (len(content), hashlib.sha256(content).hexdigest()) for name, content in files.items()
    }
    root = ET.fromstring(mets)
    assert root.get("OBJID") == "arkiv-2024"
    assert root.get("PROFILE") == "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
    header = root.find("mets:metsHdr", NS)
    assert header is not None
    assert header.get("{https://DILCIS.eu/XML/METS/CSIPExtensionMETS}OAISPACKAGETYPE") == "SIP"


def test_the_audit_bundle_in_the_package_verifies_on_its_own(
    solleftea: Finsam, tmp_path: Path
) -> None:
    out = tmp_path / "arkiv-2024"
    solleftea("archive", "--year", "2024", "--output", str(out))
    bundle = out / "metadata" / "preservation" / "revision"
    exported = tmp_path / "export"
    solleftea("audit", "export", str(exported), "--year", "2024")
    assert sorted(on_disk(bundle)) == sorted(on_disk(exported))
    assert "verified" in solleftea("audit", "verify", "--bundle", str(bundle)).output


class LocalSchemas(etree.Resolver):
    """METS imports its XLink schema from loc.gov: the package's own copy answers."""

    def resolve(self, url: str | None, pubid: str | None, context: Any) -> Any:
        if url == XLINK_URL:
            return self.resolve_filename(str(SCHEMAS / "xlink.xsd"), context)
        return None


def schema_for_the_package() -> etree.XMLSchema:
    parser = etree.XMLParser()
    parser.resolvers.add(LocalSchemas())
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
        targetNamespace="urn:finsam:test">
      <xs:import namespace="http://www.loc.gov/METS/" schemaLocation="{SCHEMAS / "mets.xsd"}"/>
      <xs:import namespace="https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
        schemaLocation="{SCHEMAS / "DILCISExtensionMETS.xsd"}"/>
    </xs:schema>"""
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser))


def test_mets_is_valid_against_the_mets_and_csip_schemas_the_package_ships(
    solleftea: Finsam, tmp_path: Path
) -> None:
    out = tmp_path / "arkiv-2024.zip"
    solleftea("archive", "--year", "2024", "--output", str(out))
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        assert all(n.startswith("arkiv-2024/") for n in names)
        mets = z.read("arkiv-2024/METS.xml")
        for schema in ("mets.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd"):
            assert z.read(f"arkiv-2024/schemas/{schema}") == (SCHEMAS / schema).read_bytes()
    schema = schema_for_the_package()
    document = etree.fromstring(mets)
    assert schema.validate(document), schema.error_log.last_error


def test_an_existing_package_is_refused_in_one_line_and_left_as_it_is(
    solleftea: Finsam, tmp_path: Path
) -> None:
    full = tmp_path / "arkiv"
    full.mkdir()
    (full / "annat.txt").write_text("något annat")
    result = solleftea.fails("archive", "--year", "2024", "--output", str(full))
    assert (
        result.output.strip()
        == f"error: {full} finns redan och är inte en tom mapp: välj en ny mapp"
    )
    assert sorted(p.name for p in full.iterdir()) == ["annat.txt"]
    zipped = tmp_path / "arkiv.zip"
    zipped.write_bytes(b"not ours")
    result = solleftea.fails("archive", "--year", "2024", "--output", str(zipped))
    assert result.output.strip() == f"error: {zipped} finns redan: välj ett nytt filnamn"
    assert zipped.read_bytes() == b"not ours"
    missing = tmp_path / "saknas" / "arkiv"
    result = solleftea.fails("archive", "--year", "2024", "--output", str(missing))
    assert result.output.strip() == f"error: --output {missing}: mappen {missing.parent} finns inte"
    empty = tmp_path / "tom"
    empty.mkdir()  # an empty directory is taken
    solleftea("archive", "--year", "2024", "--output", str(empty))
    assert (empty / "METS.xml").is_file()


def test_a_failure_half_way_leaves_nothing_behind(
    solleftea: Finsam, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from projections import protokoll

    real = protokoll.pdf
    made: list[int] = []

    def fails_on_the_fifth(*args: Any, **kwargs: Any) -> bytes:
        made.append(1)
        if len(made) == 5:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(protokoll, "pdf", fails_on_the_fifth)
    where = tmp_path / "arkiv"
    where.mkdir()
    for output in ("arkiv-2024", "arkiv-2024.zip"):
        made.clear()
        result = solleftea.fails("archive", "--year", "2024", "--output", str(where / output))
        assert result.output.strip() == (
            f"error: --output {where / output}: kan inte skriva paketet "
            "(No space left on device): inget av det finns kvar"
        )
        assert list(where.iterdir()) == []


MEETING = "2024-11-21"


@pytest.fixture
def with_documents(finsam: Finsam, tmp_path: Path) -> Finsam:
    """A förbund whose 2024 holds a diarium entry with a file and a public meeting's
    kallelse naming it (as tests/test_agenda.py records them)."""
    finsam("forbund", "create", "sol", "--name", "Samordningsförbundet Sol",
           "--member", "fk:state:50%", "--member", "kommun:municipality:50%")  # fmt: skip
    underlag = tmp_path / "budgetunderlag 2025.pdf"
    underlag.write_bytes(b"%PDF-1.7 Budgetunderlag 2025\n")
    finsam("diarium", "register", "--on", "2024-10-01", "--direction", "out",
           "--party", "Medlemmarna", "--subject", "Budgetunderlag 2025",
           "--file", str(underlag))  # fmt: skip
    finsam("agenda", "call", "--date", MEETING, "--sent", "2024-11-07", "--time", "13.00",
           "--place", "Kommunhuset, Sol", "--public",
           "--item", "Budget 2025 | Styrelsen fastställer budgeten | 2024/1")  # fmt: skip
    return finsam


def test_the_kallelser_and_the_diariums_documents_go_in_as_received(
    with_documents: Finsam, tmp_path: Path
) -> None:
    out = tmp_path / "paket"
    summary = with_documents.json("archive", "--year", "2024", "--output", str(out))
    files = on_disk(out)
    data = "representations/rep1/data"
    assert files[f"{data}/handlingar/2024-1/budgetunderlag 2025.pdf"] == (
        b"%PDF-1.7 Budgetunderlag 2025\n"
    )
    assert f"{data}/kallelser/kallelse-{MEETING}.pdf" in files
    assert f"{data}/kallelser/kungorelse-{MEETING}.pdf" in files
    assert summary["kinds"]["handling"] == 1 and summary["kinds"]["kallelse"] == 1
    mets = files.pop("METS.xml")
    assert set(listed(mets)) == set(files)
    assert schema_for_the_package().validate(etree.fromstring(mets))


@sqlite_only
def test_a_document_changed_in_the_store_stops_the_package(
    with_documents: Finsam, tmp_path: Path
) -> None:
    with sqlite3.connect(with_documents.db) as c:
        c.execute("UPDATE finsam_documents SET content = ?", (b"%PDF-1.7 forged\n",))
    out = tmp_path / "paket"
    result = with_documents.fails("archive", "--year", "2024", "--output", str(out))
    assert result.output.strip() == (
        "error: handlingen budgetunderlag 2025.pdf i diarienummer 2024/1 saknas eller är "
        "ändrad i lagret: kör finsam audit verify"
    )
    assert not out.exists()
