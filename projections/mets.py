"""The METS description of an archive package, following the E-ARK Common Specification
for Information Packages (CSIP 2.1) and its SIP profile: METS.xml at the package root
lists every file with its size and SHA-256 (the fileSec), points to the descriptive
metadata (dmdSec) and the preservation metadata (amdSec), and maps the package's
folders (structMap). Also the package's descriptive record (Dublin Core) and its
documentation in Swedish. Pure: the files are given as (path, media type, bytes'
size and hash); `finsam archive` writes them (cli/archive.py).
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from datetime import datetime
from importlib.resources import files as resources
from typing import NamedTuple

METS = "http://www.loc.gov/METS/"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
CONTENT_TYPE = "Textual works – Digital"  # CSIP's content category vocabulary
for prefix, uri in (("mets", METS), ("csip", CSIP), ("xlink", XLINK), ("xsi", XSI)):
    ET.register_namespace(prefix, uri)
ET.register_namespace("dc", DC)
ET.register_namespace("oai_dc", OAI_DC)

# the schemas METS.xml is written in, shipped in the package's schemas/ as CSIP
# recommends (CSIPSTR15): METS (CC0), its XLink schema, the CSIP extension (CC BY 4.0)
SCHEMAS = ("mets.xsd", "xlink.xsd", "DILCISExtensionMETS.xsd")


class Packed(NamedTuple):
    """A file as written into the package."""

    path: str  # relative to the package root, with /
    mimetype: str
    size: int
    sha256: str


class Package(NamedTuple):
    objid: str  # the package's name: the name of its root folder
    label: str
    forbund_name: str
    orgnr: str
    created: datetime
    software_version: str


def schema(name: str) -> bytes:
    return (resources("projections") / "archive_schemas" / name).read_bytes()


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _ref(parent: ET.Element, tag: str, f: Packed, created: str, **extra: str) -> ET.Element:
    """A file or metadata reference with the attributes CSIP asks of every one."""
    el = ET.SubElement(
        parent,
        _q(METS, tag),
        {
            "ID": _id(f.path),
            "MIMETYPE": f.mimetype,
            "SIZE": str(f.size),
            "CREATED": created,
            "CHECKSUM": f.sha256,
            "CHECKSUMTYPE": "SHA-256",
            **extra,
        },
    )
    return el


def _locate(el: ET.Element, path: str) -> None:
    attrs = {"LOCTYPE": "URL", _q(XLINK, "type"): "simple", _q(XLINK, "href"): path}
    if el.tag == _q(METS, "file"):
        ET.SubElement(el, _q(METS, "FLocat"), attrs)
    else:
        el.attrib.update(attrs)


def _id(path: str) -> str:
    """An XML ID from a path: ASCII letters, digits, '-', '_' and '.' only; a path with
    other characters (å, ä, ö, spaces) gets its hash too, so two stay two IDs."""
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in path)
    if safe == path.replace("/", "_"):
        return f"ID-{safe}"
    return f"ID-{safe}-{hashlib.sha256(path.encode()).hexdigest()[:12]}"


def mets_xml(package: Package, packed: list[Packed]) -> bytes:
    """METS.xml for the package's files (every file but METS.xml itself)."""
    created = package.created.replace(microsecond=0).isoformat()
    root = ET.Element(
        _q(METS, "mets"),
        {
            "OBJID": package.objid,
            "LABEL": package.label,
            "TYPE": CONTENT_TYPE,
            _q(CSIP, "CONTENTINFORMATIONTYPE"): "MIXED",
            "PROFILE": SIP_PROFILE,
            _q(XSI, "schemaLocation"): f"{METS} schemas/mets.xsd {XLINK} schemas/xlink.xsd "
            f"{CSIP} schemas/DILCISExtensionMETS.xsd",
        },
    )
    header = ET.SubElement(
        root,
        _q(METS, "metsHdr"),
        {
            "CREATEDATE": created,
            "LASTMODDATE": created,
            "RECORDSTATUS": "NEW",
            _q(CSIP, "OAISPACKAGETYPE"): "SIP",
        },
    )
    software = ET.SubElement(
        header, _q(METS, "agent"), {"ROLE": "CREATOR", "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"}
    )
    ET.SubElement(software, _q(METS, "name")).text = "finsam"
    note = ET.SubElement(software, _q(METS, "note"), {_q(CSIP, "NOTETYPE"): "SOFTWARE VERSION"})
    note.text = package.software_version
    # the archival creator (arkivbildaren): the förbund, by its organisation number
    archivist = ET.SubElement(
        header, _q(METS, "agent"), {"ROLE": "ARCHIVIST", "TYPE": "ORGANIZATION"}
    )
    ET.SubElement(archivist, _q(METS, "name")).text = package.forbund_name
    if package.orgnr:
        code = ET.SubElement(
            archivist, _q(METS, "note"), {_q(CSIP, "NOTETYPE"): "IDENTIFICATIONCODE"}
        )
        code.text = package.orgnr

    by_section: dict[str, list[Packed]] = {}
    for f in packed:
        by_section.setdefault(section(f.path), []).append(f)
    dmd_ids, amd_ids = [], []
    for f in by_section.get("descriptive", []):
        sec = ET.SubElement(
            root,
            _q(METS, "dmdSec"),
            {"ID": "DMD-" + _id(f.path), "CREATED": created, "STATUS": "CURRENT"},
        )
        ref = _ref(sec, "mdRef", f, created, MDTYPE="DC")
        _locate(ref, f.path)
        dmd_ids.append(sec.attrib["ID"])
    preservation = by_section.get("preservation", [])
    if preservation:
        amd = ET.SubElement(root, _q(METS, "amdSec"))
        for f in preservation:
            prov = ET.SubElement(
                amd, _q(METS, "digiprovMD"), {"ID": "PROV-" + _id(f.path), "STATUS": "CURRENT"}
            )
            ref = _ref(prov, "mdRef", f, created, MDTYPE="OTHER", OTHERMDTYPE="finsam-revision")
            _locate(ref, f.path)
            amd_ids.append(prov.attrib["ID"])

    file_sec = ET.SubElement(root, _q(METS, "fileSec"), {"ID": "FILESEC"})
    groups: dict[str, str] = {}
    for use, key in (
        ("Documentation", "documentation"),
        ("Schemas", "schemas"),
        ("Representations/rep1", "rep1"),
    ):
        grp = ET.SubElement(
            file_sec,
            _q(METS, "fileGrp"),
            {"USE": use, "ID": f"GRP-{key}"}
            # the representation: documents as PDF/A, and those received as they came
            | (
                {
                    _q(CSIP, "CONTENTINFORMATIONTYPE"): "OTHER",
                    _q(CSIP, "OTHERCONTENTINFORMATIONTYPE"): "finsam",
                }
            ),
        )
        groups[key] = grp.attrib["ID"]
        for f in by_section.get(key, []):
            _locate(_ref(grp, "file", f, created), f.path)

    struct = ET.SubElement(
        root, _q(METS, "structMap"), {"TYPE": "PHYSICAL", "LABEL": "CSIP", "ID": "STRUCTMAP"}
    )
    top = ET.SubElement(struct, _q(METS, "div"), {"ID": "DIV-root", "LABEL": package.objid})
    meta = {"ID": "DIV-metadata", "LABEL": "Metadata"}
    if dmd_ids:
        meta["DMDID"] = " ".join(dmd_ids)
    if amd_ids:
        meta["ADMID"] = " ".join(amd_ids)
    ET.SubElement(top, _q(METS, "div"), meta)
    for label, key in (
        ("Documentation", "documentation"),
        ("Schemas", "schemas"),
        ("Representations", "rep1"),
    ):
        div = ET.SubElement(top, _q(METS, "div"), {"ID": f"DIV-{key}", "LABEL": label})
        ET.SubElement(div, _q(METS, "fptr"), {"FILEID": groups[key]})
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def section(path: str) -> str:
    """Where a file belongs in METS, by its folder in the package."""
    if path.startswith("metadata/descriptive/"):
        return "descriptive"
    if path.startswith("metadata/preservation/"):
        return "preservation"
    if path.startswith("representations/rep1/"):
        return "rep1"
    return path.split("/", 1)[0]  # documentation, schemas


def dublin_core(package: Package, year: int, kinds: dict[str, int]) -> bytes:
    """The package's descriptive record: who made it, what year, what it holds."""
    root = ET.Element(_q(OAI_DC, "dc"))
    for tag, text in (
        ("title", package.label),
        ("creator", package.forbund_name),
        ("publisher", package.forbund_name),
        ("date", str(year)),
        ("type", "Text"),
        ("format", "application/pdf"),
        ("language", "sv"),
        ("identifier", package.objid),
        ("description", "; ".join(f"{KINDS.get(k, k)}: {n}" for k, n in sorted(kinds.items()))),
    ):
        ET.SubElement(root, _q(DC, tag)).text = text
    if package.orgnr:
        ET.SubElement(root, _q(DC, "relation")).text = f"organisationsnummer {package.orgnr}"
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


KINDS = {
    "protokoll": "justerade protokoll",
    "protokollsutdrag": "protokollsutdrag",
    "kallelse": "kallelser",
    "kungorelse": "kungörelser",
    "arsredovisning": "årsredovisning",
    "handling": "diarieförda handlingar",
    "revision": "revisionspaketets filer",
}


def documentation(
    package: Package, year: int, kinds: dict[str, int], left_out: tuple[str, ...]
) -> bytes:
    """The package's documentation (CSIPSTR16): what it holds and how to check it."""
    lines = [
        f"# {package.label}",
        "",
        f"Arkivbildare: {package.forbund_name}"
        + (f" (organisationsnummer {package.orgnr})" if package.orgnr else ""),
        f"Skapat {package.created.replace(microsecond=0).isoformat()} av finsam {package.software_version}.",
        "",
        "Paketet följer E-ARK:s gemensamma specifikation för informationspaket (CSIP 2.1)",
        "och dess profil för leveranspaket (SIP), som Riksarkivets FGS bygger på.",
        "",
        "- METS.xml: paketets innehållsförteckning, varje fil med storlek och SHA-256.",
        "- representations/rep1/data/: handlingarna. Protokoll, protokollsutdrag, kallelser",
        "  och årsredovisning i PDF/A-2a; diarieförda handlingar som de kom in.",
        "- metadata/descriptive/dc.xml: beskrivning av paketet (Dublin Core).",
        "- metadata/preservation/revision/: revisionspaketet, förbundets händelser med",
        "  hashkedjan. Kontrolleras utan databas med finsam audit verify --bundle.",
        "- schemas/: de XML-scheman METS.xml är skriven i.",
        "",
        "Innehåll:",
        *(f"- {KINDS.get(k, k)}: {n}" for k, n in sorted(kinds.items())),
    ]
    if left_out:
        lines += ["", "Inte med i paketet:", *(f"- {why}" for why in left_out)]
    return ("\n".join(lines) + "\n").encode()
