"""Render a certificate as an A4 landscape PDF: Sarabun font with HarfBuzz shaping (Thai vowels and tone
marks placed correctly), Buddhist-era dates and a QR code to the public verification page."""

from __future__ import annotations

import io

import fontpkg_sarabun
import qrcode
from fpdf import FPDF
from qrcode.image.pil import PilImage

from backend.services.certificates import CertificateView, formatted_check_code
from backend.thai_dates import thai_date

FONT_DIR = fontpkg_sarabun.ROOT / "files"
ISSUER = "สำนักงานคณะกรรมการดิจิทัลเพื่อเศรษฐกิจและสังคมแห่งชาติ (สดช.)"


def _hours(value: object) -> str:
    text = f"{value}"
    return text[:-2] if text.endswith(".0") else text


def _qr_png(data: str) -> bytes:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=2, image_factory=PilImage)
    qr.add_data(data)
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def render_certificate_pdf(view: CertificateView, *, verify_url: str) -> bytes:
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(f"ใบประกาศนียบัตร {view.number}")
    pdf.add_font("Sarabun", "", str(FONT_DIR / "Sarabun-Regular.ttf"))
    pdf.add_font("Sarabun", "B", str(FONT_DIR / "Sarabun-Bold.ttf"))
    pdf.set_text_shaping(True)
    pdf.add_page()
    width = pdf.w
    pdf.set_draw_color(30, 64, 120)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, width - 20, pdf.h - 20)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, width - 28, pdf.h - 28)

    def line(text: str, size: float, *, bold: bool = False, gap: float = 4) -> None:
        pdf.set_font("Sarabun", "B" if bold else "", size)
        pdf.set_x(20)
        pdf.multi_cell(width - 40, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    pdf.set_text_color(30, 64, 120)
    pdf.set_y(26)
    line(ISSUER, 16, bold=True, gap=2)
    line("ใบประกาศนียบัตร", 34, bold=True, gap=2)
    pdf.set_text_color(0, 0, 0)
    line("ขอมอบไว้เพื่อแสดงว่า", 16, gap=1)
    line(view.name, 28, bold=True, gap=1)
    line("ได้ผ่านการฝึกอบรมหลักสูตร", 16, gap=1)
    line(f"{view.course_title} ({view.course_code}) รุ่นที่ {view.session_no}", 20, bold=True, gap=1)
    period = (thai_date(view.start_date, full=True) if view.start_date == view.end_date
              else f"{thai_date(view.start_date, full=True)} - {thai_date(view.end_date, full=True)}")
    line(f"จำนวน {_hours(view.hours)} ชั่วโมง  ระหว่างวันที่ {period}", 15, gap=1)
    if view.skill_areas:
        line("ด้านทักษะ: " + ", ".join(view.skill_areas), 14, gap=1)
    line(f"จัดโดย {view.provider}", 14, gap=1)
    line(f"ให้ไว้ ณ วันที่ {thai_date(view.issued_on, full=True)}", 15, gap=0)

    qr_size = 34
    pdf.image(io.BytesIO(_qr_png(verify_url)), x=width - 20 - qr_size, y=pdf.h - 22 - qr_size, w=qr_size,
              h=qr_size)
    pdf.set_font("Sarabun", "", 11)
    pdf.set_xy(22, pdf.h - 36)
    pdf.cell(0, 6, f"เลขที่วุฒิบัตร {view.number}")
    pdf.set_xy(22, pdf.h - 30)
    pdf.cell(0, 6, f"รหัสตรวจสอบ {formatted_check_code(view.check_code)}")
    pdf.set_xy(22, pdf.h - 24)
    pdf.cell(0, 6, f"ตรวจสอบได้ที่ {verify_url.split('?', 1)[0]}")
    return bytes(pdf.output())
