"""The certificate PDF really shows Thai text and a QR code that leads to the verification page."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from backend.certificates.pdf import render_certificate_pdf
from backend.services.certificates import CertificateView

pytestmark = pytest.mark.pdf

VIEW = CertificateView(
    number="ONDE-2569-000123", name="นางสาวน้ำผึ้ง ใจดีที่สุด", course_title="การวิเคราะห์ข้อมูลเพื่อการตัดสินใจ",
    course_code="DG-101", provider="สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล", hours=Decimal("12.0"),
    skill_areas=["การใช้ข้อมูล"], session_no=2, start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 12, 2),
    issued_on=dt.date(2026, 12, 3), status="valid", check_code="7K3Q9XHM2P")
VERIFY_URL = "https://onde.example/verify/ONDE-2569-000123?c=7K3Q9XHM2P"
MARKS = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


def _skeleton(text: str) -> str:
    """Text without whitespace and without Thai above/below marks."""
    return "".join(c for c in re.sub(r"\s+", "", text) if c not in MARKS)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("cert")
    pdf = folder / "cert.pdf"
    pdf.write_bytes(render_certificate_pdf(VIEW, verify_url=VERIFY_URL))
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(folder / "cert")], check=True)
    return pdf, folder / "cert.png"


def test_pdf_text_is_thai_with_buddhist_era_dates(rendered: tuple[Path, Path]) -> None:
    pdf, _ = rendered
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    # Shaped Thai comes back from pdftotext with some marks moved past the next consonant (the glyphs are
    # placed right, see the PNG); compare the base letters in order, and the marks as a multiset.
    skeleton = _skeleton(text)
    for expected in ("ใบประกาศนียบัตร", "การวิเคราะห์ข้อมูลเพื่อการตัดสินใจ", "ONDE-2569-000123", VIEW.name,
                     "12 ชั่วโมง", "3 ธันวาคม 2569", "รุ่นที่ 2", "สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล",
                     "รหัสตรวจสอบ 7K3Q9-XHM2P"):
        assert _skeleton(expected) in skeleton, expected
    assert Counter(c for c in VIEW.name if c in MARKS) <= Counter(c for c in text if c in MARKS)
    assert "2026" not in text  # dates for people are Buddhist era


def test_pdf_qr_code_decodes_to_the_verification_url(rendered: tuple[Path, Path]) -> None:
    _, png = rendered
    image = Image.open(png)
    assert image.width > image.height  # A4 landscape
    codes = zxingcpp.read_barcodes(image)
    assert [c.text for c in codes] == [VERIFY_URL]


def test_pdf_embeds_the_sarabun_font(rendered: tuple[Path, Path]) -> None:
    pdf, _ = rendered
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Sarabun" in fonts
