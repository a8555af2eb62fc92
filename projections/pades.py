"""A PDF signature a PDF reader shows (PAdES, issue 21 item 2): the adjusted protokoll
signed with a certificate the förbund provides (a PKCS#12 file), by pyHanko.

pyHanko is optional (the `pades` extra): it is imported here, when a PDF is signed, by
name, so finsam runs and type-checks without it and says in one line what to install.
"""

from __future__ import annotations

import importlib
import io
from typing import Any

from finsam_es.errors import InvalidInput, Refused

FIELD = "Justering"


def _pyhanko(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise Refused(
            "PAdES-signering kräver pyHanko: installera finsam[pades] (pip install pyhanko)"
        ) from None


def sign_pdf(pdf: bytes, p12: bytes, password: bytes | None, reason: str, name: str) -> bytes:
    """``pdf`` with a PAdES baseline signature (B-B) by the certificate in ``p12``,
    added as an incremental update, so the signed bytes are the PDF/A document as
    written."""
    signers = _pyhanko("pyhanko.sign.signers")
    fields = _pyhanko("pyhanko.sign.fields")
    writer_module = _pyhanko("pyhanko.pdf_utils.incremental_writer")
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(p12, (), passphrase=password)
    except (ValueError, TypeError) as e:
        raise InvalidInput(
            f"certifikatet kunde inte läsas (fel lösenord eller fil?): {e}"
        ) from None
    if signer is None:
        raise InvalidInput("certifikatet kunde inte läsas (fel lösenord eller ingen PKCS#12-fil)")
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        name=name,
    )
    writer = writer_module.IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = signers.sign_pdf(writer, meta, signer=signer)
    signed: bytes = out.getvalue()
    return signed
