"""Sample certificates for the documentation: one for a one-day course, one for a three-day course, each with
an official name and a signature block (`python -m backend certificate-samples docs/`).

Nothing here reads the database: the samples are made from fixed data with a drawn signature, so that the
same command gives the same pictures anywhere (pdftoppm from poppler-utils turns the PDF pages into PNG).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageDraw

from backend.certificates.pdf import render_certificate_pdf
from backend.services.certificates import DEFAULT_POSITION, CertificateView, Signatory, verify_url

SAMPLE_BASE_URL = "https://onde-skills.example.go.th"
RESOLUTION_DPI = 110


def sample_signature() -> bytes:
    """A drawn signature (a smooth flourish) as a transparent PNG."""
    width, height = 600, 180
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    points = [(40 + t * 5.2, 95 - 45 * math.sin(t / 9) * math.exp(-t / 140) + 18 * math.sin(t / 2.6))
              for t in range(0, 100)]
    draw.line(points, fill=(20, 40, 110, 255), width=6, joint="curve")
    draw.line([(120, 140), (520, 120)], fill=(20, 40, 110, 255), width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def sample_views() -> dict[str, CertificateView]:
    """The two samples by file stem: a one-day and a three-day course."""
    provider = "สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล"
    areas = ["การใช้ข้อมูลและการแบ่งปันข้อมูล"]
    return {
        "certificate-sample-one-day": CertificateView(
            number="ONDE-2569-000042", name="นางสาวน้ำผึ้ง ใจดีที่สุด",
            course_title="ความมั่นคงปลอดภัยไซเบอร์สำหรับบุคลากรภาครัฐ", course_code="CS-201",
            hours=Decimal("6.0"), session_no=3, start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 12, 1),
            issued_on=dt.date(2026, 12, 4), check_code="7K3Q9XHM2P", certification_no="สดช. 015/2569", provider=provider, status="valid",
            skill_areas=areas),
        "certificate-sample-three-days": CertificateView(
            number="ONDE-2569-000043", name="ว่าที่ร้อยตรี สมชาย ทองดี ณ อยุธยา",
            course_title="การวิเคราะห์ข้อมูลเพื่อการตัดสินใจเชิงนโยบาย", course_code="DG-101",
            hours=Decimal("18.0"), session_no=2, start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 12, 3),
            issued_on=dt.date(2026, 12, 7), check_code="M4RT8CW0ZD", certification_no="สดช. 003/2569", provider=provider, status="valid",
            skill_areas=areas),
    }


def sample_signatory() -> Signatory:
    return Signatory(name="นายตัวอย่าง ลงนามดี", position=DEFAULT_POSITION, image=sample_signature())


def write_samples(folder: Path) -> list[Path]:
    """Render the samples into `folder` as PNG (one page each); returns the files written."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise RuntimeError("pdftoppm is needed to turn the PDF into PNG: apt-get install poppler-utils")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    signatory = sample_signatory()
    with tempfile.TemporaryDirectory() as scratch:
        for stem, view in sample_views().items():
            pdf = Path(scratch) / f"{stem}.pdf"
            url = verify_url(SAMPLE_BASE_URL, view.number, view.check_code)
            pdf.write_bytes(render_certificate_pdf(view, verify_url=url, signatory=signatory))
            subprocess.run([pdftoppm, "-png", "-r", str(RESOLUTION_DPI), "-singlefile", str(pdf),
                            str(folder / stem)], check=True)
            written.append(folder / f"{stem}.png")
    return written
