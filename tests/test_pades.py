"""PAdES (issue 21 item 2): the adjusted protokoll PDF signed with a certificate the
förbund provides (`finsam minutes DATE --format pdf --sign-with FILE.p12`), the
password from the environment, never argv; verified with pyHanko's validator against a
throw-away CA this test makes. Skipped where pyHanko (the `pades` extra) is not
installed.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, Finsam

pytest.importorskip("pyhanko")

PASSWORD = "hemligt-för-testet"


def throw_away_ca(where: Path) -> tuple[Path, Any]:
    """A CA and a signing certificate it issued, the latter as a PKCS#12 file; returns
    the file and the CA's certificate (the trust root the validator is given)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.UTC)

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("Test-CA"))
        .issuer_name(name("Test-CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("Samordningsförbundet Sollefteå"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        b"forbund",
        key,
        cert,
        [ca],
        serialization.BestAvailableEncryption(PASSWORD.encode()),
    )
    path = where / "forbund.p12"
    path.write_bytes(p12)
    return path, ca


def test_the_adjusted_protokoll_is_signed_and_the_signature_validates(
    finsam: Finsam, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    p12, ca = throw_away_ca(tmp_path)
    out = tmp_path / "protokoll.pdf"
    monkeypatch.setenv("FINSAM_P12_PASSWORD", PASSWORD)
    args = ("minutes", "2023-11-23", "--format", "pdf", "--sign-with", str(p12))
    finsam(*args, "--output", str(out))
    signed = out.read_bytes()
    reader = PdfFileReader(io.BytesIO(signed))
    (signature,) = reader.embedded_signatures
    assert signature.field_name == "Justering"
    root = asn1_x509.Certificate.load(ca.public_bytes(Encoding.DER))
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    # the signature covers the whole document as written (PDF/A kept: an incremental update)
    assert signature.coverage.name == "ENTIRE_FILE"
    assert b"pdfaid:part" in signed

    monkeypatch.setenv("FINSAM_P12_PASSWORD", "fel")
    wrong = finsam.fails(*args, "--output", str(tmp_path / "x.pdf"))
    assert "certifikatet kunde inte läsas" in wrong.output
    assert not (tmp_path / "x.pdf").exists()


def test_minutes_not_adjusted_are_not_signed(finsam: Finsam, tmp_path: Path) -> None:
    finsam("import", str(EXAMPLES / "solleftea-2024.toml"))
    finsam("meeting", "open", "2024-12-12", "--chair", "Birgitta Häggkvist")
    p12, _ca = throw_away_ca(tmp_path)
    refused = finsam.fails("minutes", "2024-12-12", "--format", "pdf", "--sign-with", str(p12))
    assert "not adjusted" in refused.output
