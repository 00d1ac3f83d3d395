"""Render a certificate (วุฒิบัตร) as an A4 landscape PDF an agency can file: Sarabun with HarfBuzz shaping
(Thai vowels and tone marks placed correctly), the holder's official name in large type, the course, its
hours and dates in the full Buddhist-era form, the provider and the course's certification number, the issue
date, the signature block, the certificate number with its check code and a QR code to the verification page.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import fontpkg_sarabun
import qrcode
from fpdf import FPDF
from qrcode.image.pil import PilImage

from backend.certificates import wording
from backend.services.certificates import CertificateView, Signatory, formatted_check_code

FONT_DIR = fontpkg_sarabun.ROOT / "files"
ISSUER = "สำนักงานคณะกรรมการดิจิทัลเพื่อเศรษฐกิจและสังคมแห่งชาติ"
TITLE = "วุฒิบัตร"
BLUE = (30, 64, 120)
MARGIN = 24.0  # mm from the page edge to the text
QR_SIZE = 30.0
SIGNATURE_BOX = (60.0, 18.0)  # mm: the signature image is fitted into this box, keeping its proportions
SIGNATURE_TOP, SIGNATURE_TOP_LAST = 128.0, 136.0  # mm: where the signature block starts (above the corners)


def _qr_png(data: str) -> bytes:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=2, image_factory=PilImage)
    qr.add_data(data)
    qr.make(fit=True)
    buffer = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def _new_pdf(number: str) -> FPDF:
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(f"{TITLE} {number}")
    pdf.set_creator(ISSUER)
    pdf.add_font("Sarabun", "", str(FONT_DIR / "Sarabun-Regular.ttf"))
    pdf.add_font("Sarabun", "B", str(FONT_DIR / "Sarabun-Bold.ttf"))
    pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.set_draw_color(*BLUE)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, pdf.w - 28, pdf.h - 28)
    return pdf


def _fitting_size(pdf: FPDF, text: str, *, size: float, smallest: float, width: float, bold: bool) -> float:
    """The largest font size from `size` down to `smallest` at which `text` fits on one line of `width`."""
    while size > smallest:
        pdf.set_font("Sarabun", "B" if bold else "", size)
        if pdf.get_string_width(text) <= width:
            break
        size -= 1
    return size


def _writer(pdf: FPDF) -> Callable[..., None]:
    width = pdf.w - 2 * MARGIN

    def line(text: str, size: float, *, bold: bool = False, gap: float = 2.0, shrink_to: float | None = None,
             color: tuple[int, int, int] = (0, 0, 0)) -> None:
        """A centred paragraph; with `shrink_to`, the font gets smaller (down to it) until the text fits one line."""
        if shrink_to is not None:
            size = _fitting_size(pdf, text, size=size, smallest=shrink_to, width=width, bold=bold)
        pdf.set_font("Sarabun", "B" if bold else "", size)
        pdf.set_text_color(*color)
        pdf.set_x(MARGIN)
        pdf.multi_cell(width, size * 0.48, text, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    return line


def _signature_block(pdf: FPDF, signatory: Signatory, *, top: float) -> None:
    """Centred: the signature image (or a line to sign on), the name in brackets, the position."""
    block_width = 130.0
    left = (pdf.w - block_width) / 2
    box_w, box_h = SIGNATURE_BOX
    if signatory.image:
        pdf.image(io.BytesIO(signatory.image), x=(pdf.w - box_w) / 2, y=top, w=box_w, h=box_h,
                  keep_aspect_ratio=True)
    else:
        pdf.set_draw_color(120, 120, 120)
        pdf.set_line_width(0.2)
        pdf.line((pdf.w - box_w) / 2, top + box_h - 1, (pdf.w + box_w) / 2, top + box_h - 1)
    pdf.set_text_color(0, 0, 0)
    pdf.set_xy(left, top + box_h + 1)
    if signatory.name:
        pdf.set_font("Sarabun", "", 15)
        pdf.multi_cell(block_width, 7, f"({signatory.name})", align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font("Sarabun", "", 14)
    pdf.multi_cell(block_width, 6.5, signatory.position, align="C", new_x="LEFT", new_y="NEXT")


def _verification_corner(pdf: FPDF, view: CertificateView, verify_url: str) -> None:
    """Bottom left: the number, the check code and where to verify; bottom right: the QR code."""
    bottom = pdf.h - 20
    pdf.image(io.BytesIO(_qr_png(verify_url)), x=pdf.w - 20 - QR_SIZE, y=bottom - QR_SIZE, w=QR_SIZE, h=QR_SIZE)
    pdf.set_text_color(0, 0, 0)
    rows = [f"เลขที่วุฒิบัตร {view.number}", f"รหัสตรวจสอบ {formatted_check_code(view.check_code)}",
            "ตรวจสอบได้ที่", verify_url.split("?", 1)[0]]
    pdf.set_font("Sarabun", "", 10.5)
    for index, text in enumerate(rows):
        pdf.set_xy(20, bottom - 5.2 * (len(rows) - index))
        pdf.cell(80, 5, text)


def render_certificate_pdf(view: CertificateView, *, verify_url: str, signatory: Signatory) -> bytes:
    pdf = _new_pdf(view.number)
    line = _writer(pdf)
    pdf.set_y(25)
    line(ISSUER, 17, bold=True, gap=1, color=BLUE)
    line(TITLE, 40, bold=True, gap=3, color=BLUE)
    line("ให้ไว้เพื่อแสดงว่า", 16, gap=2)
    line(view.name, 30, bold=True, gap=3, shrink_to=20)
    line("ได้ผ่านการอบรมหลักสูตร", 16, gap=1)
    line(f"{view.course_title} รุ่นที่ {view.session_no}", 20, bold=True, gap=2, shrink_to=15)
    line(f"จำนวน {wording.hours(view.hours)} {wording.training_period(view.start_date, view.end_date)}", 16,
         gap=1)
    line(f"จัดอบรมโดย {view.provider}", 15, gap=1, shrink_to=12)
    if view.certification_no:
        line(f"หลักสูตรที่ได้รับการรับรอง เลขที่การรับรองหลักสูตร {view.certification_no}", 14, gap=1,
             shrink_to=11)
    line(wording.issued_on(view.issued_on), 16, gap=0)
    _signature_block(pdf, signatory, top=min(max(pdf.get_y() + 3, SIGNATURE_TOP), SIGNATURE_TOP_LAST))
    _verification_corner(pdf, view, verify_url)
    return bytes(pdf.output())
