"""The certificate PDF (วุฒิบัตร) reads as the style guide asks: the official name, the training period in the
one-day and the several-day form, the issue date, the hours, the provider, the course's certification number,
the signature block; its QR code leads to the verification page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from backend.certificates import wording
from backend.certificates.pdf import render_certificate_pdf
from backend.certificates.samples import sample_signature
from backend.services.certificates import DEFAULT_POSITION, CertificateView, Signatory

pytestmark = pytest.mark.pdf

ONE_DAY = CertificateView(
    number="ONDE-2569-000123", name="นางสาวน้ำผึ้ง ใจดีที่สุด", course_title="การวิเคราะห์ข้อมูลเพื่อการตัดสินใจ",
    course_code="DG-101", provider="สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล", hours=Decimal("6.0"),
    skill_areas=["การใช้ข้อมูล"], session_no=2, start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 12, 1),
    issued_on=dt.date(2026, 12, 3), status="valid", check_code="7K3Q9XHM2P", certification_no="สดช. 015/2569")
THREE_DAYS = dataclasses.replace(ONE_DAY, number="ONDE-2569-000124", name="ว่าที่ร้อยตรี สมชาย ทองดี",
                                 hours=Decimal("18.0"), end_date=dt.date(2026, 12, 3), check_code="M4RT8CW0ZD")
SIGNATORY = Signatory(name="นายสมศักดิ์ ลงนามดี", position=DEFAULT_POSITION, image=sample_signature())
MARKS = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


def _verify_url(view: CertificateView) -> str:
    return f"https://onde.example/verify/{view.number}?c={view.check_code}"


def _skeleton(text: str) -> str:
    """Text without whitespace and without Thai above/below marks."""
    return "".join(c for c in re.sub(r"\s+", "", text) if c not in MARKS)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, Path, Path]]:
    """For each sample: the text pdftotext reads, the PDF and its page as PNG."""
    folder = tmp_path_factory.mktemp("cert")
    found = {}
    for key, view in (("one_day", ONE_DAY), ("three_days", THREE_DAYS)):
        pdf = folder / f"{key}.pdf"
        pdf.write_bytes(render_certificate_pdf(view, verify_url=_verify_url(view), signatory=SIGNATORY))
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(pdf), str(folder / key)], check=True)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        found[key] = (text, pdf, folder / f"{key}.png")
    return found


def _has(text: str, expected: str) -> bool:
    # Shaped Thai comes back from pdftotext with some marks moved past the next consonant (the glyphs are
    # placed right, see the PNG); compare the base letters in order.
    return _skeleton(expected) in _skeleton(text)


def test_one_day_certificate_says_when_and_who(rendered: dict[str, tuple[str, Path, Path]]) -> None:
    text, _, _ = rendered["one_day"]
    for expected in ("วุฒิบัตร", ONE_DAY.name, "การวิเคราะห์ข้อมูลเพื่อการตัดสินใจ รุ่นที่ 2", "จำนวน 6 ชั่วโมง",
                     "เมื่อวันที่ 1 ธันวาคม พ.ศ. 2569", "ให้ไว้ ณ วันที่ 3 ธันวาคม พ.ศ. 2569",
                     "จัดอบรมโดย สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล", "เลขที่การรับรองหลักสูตร สดช. 015/2569",
                     "(นายสมศักดิ์ ลงนามดี)", DEFAULT_POSITION, "เลขที่วุฒิบัตร ONDE-2569-000123",
                     "รหัสตรวจสอบ 7K3Q9-XHM2P"):
        assert _has(text, expected), expected
    assert not _has(text, "ระหว่างวันที่")
    assert Counter(c for c in ONE_DAY.name if c in MARKS) <= Counter(c for c in text if c in MARKS)
    assert "2026" not in text  # dates for people are Buddhist era
    assert not _has(text, "ใบประกาศ")


def test_several_days_certificate_gives_the_range(rendered: dict[str, tuple[str, Path, Path]]) -> None:
    text, _, _ = rendered["three_days"]
    for expected in (THREE_DAYS.name, "จำนวน 18 ชั่วโมง", "ระหว่างวันที่ 1–3 ธันวาคม พ.ศ. 2569",
                     "(นายสมศักดิ์ ลงนามดี)"):
        assert _has(text, expected), expected
    assert not _has(text, "เมื่อวันที่")


@pytest.mark.parametrize("key", ["one_day", "three_days"])
def test_pdf_qr_code_decodes_to_the_verification_url(rendered: dict[str, tuple[str, Path, Path]], key: str) -> None:
    _, _, png = rendered[key]
    image = Image.open(png)
    assert image.width > image.height  # A4 landscape
    codes = zxingcpp.read_barcodes(image)
    view = ONE_DAY if key == "one_day" else THREE_DAYS
    assert [c.text for c in codes] == [_verify_url(view)]


def test_pdf_embeds_the_sarabun_font_and_the_signature(rendered: dict[str, tuple[str, Path, Path]],
                                                       tmp_path: Path) -> None:
    _, pdf, _ = rendered["one_day"]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Sarabun" in fonts

    def images(path: Path) -> int:
        listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True,
                                 check=True).stdout
        return len(listing.strip().splitlines()) - 2  # two header lines

    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(render_certificate_pdf(ONE_DAY, verify_url=_verify_url(ONE_DAY),
                                                signatory=Signatory(name="", position=DEFAULT_POSITION)))
    assert images(pdf) >= images(unsigned) + 1  # the signature image, beside the QR code (and its mask)
    text = subprocess.run(["pdftotext", str(unsigned), "-"], capture_output=True, text=True, check=True).stdout
    assert _has(text, DEFAULT_POSITION) and "(" not in text  # no name: the position alone


def _rows(pdf: Path) -> list[tuple[float, float, float, str]]:
    """The page's text by row, from pdftotext's word boxes: (top, left, right, base letters left to right)."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = [(float(y), float(x0), float(x1), html.unescape(w)) for x0, y, x1, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', boxes)]
    rows: dict[int, list[tuple[float, float, float, str]]] = {}
    for word in words:
        rows.setdefault(round(word[0]), []).append(word)
    return [(top, min(w[1] for w in row), max(w[2] for w in row),
             _skeleton("".join(w[3] for w in sorted(row, key=lambda w: w[1]))))
            for top, row in sorted(rows.items())]


def test_a_long_name_is_made_smaller_to_fit_one_line(tmp_path: Path) -> None:
    long = dataclasses.replace(ONE_DAY, name="ผู้ช่วยศาสตราจารย์ ดร.เฉลิมพระเกียรติสมบูรณ์ วงศ์สวัสดิ์พิพัฒน์มงคลชัย")
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(render_certificate_pdf(long, verify_url=_verify_url(long), signatory=SIGNATORY))
    [(_, left, right, _)] = [row for row in _rows(pdf) if _skeleton(long.name) in row[3]]
    page_width = 297 / 25.4 * 72
    assert left > 20 and right < page_width - 20  # inside the frame


@pytest.mark.parametrize(("start", "end", "expected"), [
    (dt.date(2026, 12, 1), dt.date(2026, 12, 1), "เมื่อวันที่ 1 ธันวาคม พ.ศ. 2569"),
    (dt.date(2026, 12, 1), dt.date(2026, 12, 3), "ระหว่างวันที่ 1–3 ธันวาคม พ.ศ. 2569"),
    (dt.date(2026, 11, 30), dt.date(2026, 12, 2), "ระหว่างวันที่ 30 พฤศจิกายน – 2 ธันวาคม พ.ศ. 2569"),
    (dt.date(2026, 12, 30), dt.date(2027, 1, 2), "ระหว่างวันที่ 30 ธันวาคม พ.ศ. 2569 – 2 มกราคม พ.ศ. 2570"),
])
def test_training_period_wording(start: dt.date, end: dt.date, expected: str) -> None:
    assert wording.training_period(start, end) == expected


def test_hours_and_issue_date_wording() -> None:
    assert [wording.hours(Decimal(v)) for v in ("12.0", "7.5", "10")] == ["12 ชั่วโมง", "7.5 ชั่วโมง", "10 ชั่วโมง"]
    assert wording.issued_on(dt.date(2027, 1, 5)) == "ให้ไว้ ณ วันที่ 5 มกราคม พ.ศ. 2570"
