"""Consent scans by content (people.scans): a corpus of hostile files, each refused."""

import pytest

from people.scans import kind_of

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


@pytest.mark.parametrize(("content", "kind"), [(PDF, "pdf"), (PNG, "png"), (JPEG, "jpg")])
def test_a_pdf_jpeg_or_png_scan_is_accepted_by_its_content(content, kind):
    assert kind_of(content) == kind


HOSTILE = {
    "html_named_pdf": b"<!doctype html><html><script>alert(document.cookie)</script></html>",
    "svg_with_script": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "windows_program": b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64,
    "linux_program": b"\x7fELF\x02\x01\x01" + b"\x00" * 64,
    "pdf_html_polyglot": b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>",
    "png_with_markup": b"\x89PNG\r\n\x1a\n<svg onload=alert(1)>",
    "empty": b"",
    "zip_named_pdf": b"PK\x03\x04" + b"\x00" * 64,
    "text": "согласие подписано".encode(),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_scan_is_refused(name):
    assert kind_of(HOSTILE[name]) is None
