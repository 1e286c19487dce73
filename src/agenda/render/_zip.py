"""Zip files with the same bytes for the same content: fixed timestamps, for XLSX and DOCX output."""

from __future__ import annotations

import io
import re
import zipfile

__all__ = ["stable_zip"]


def stable_zip(data: bytes) -> bytes:
    """``data`` (an XLSX or DOCX zip) rewritten with fixed timestamps and fixed dates in ``docProps/core.xml``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time here whatever the properties say.
                for tag in (rb"dcterms:modified", rb"dcterms:created"):
                    content = re.sub(rb"(<" + tag + rb"[^>]*>)[^<]*(</" + tag + rb">)",
                                     rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, content)
    return out.getvalue()
