"""What a file is, if not a PDF (``collation.pdf.sniff``)."""

import pytest

from collation.pdf.sniff import describe_content


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml word/document.xml", "Word"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", ".doc"),
        (b"{\\rtf1\\ansi", "RTF"),
        (b"  <!DOCTYPE html><html>", "HTML"),
        ("Adroddiad – Siân\n".encode(), "plain text"),
        (bytes(range(256)), None),
    ],
)
def test_describe_content(head, expected):
    described = describe_content(head)
    if expected is None:
        assert described is None
    else:
        assert expected in described
