"""Thai copy and LINE messages for certificates (วุฒิบัตร) and the official name they carry (pure builders).

Builders take a `pb(action, **params) -> str` callable that signs postback data for the recipient.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from backend.thai_dates import thai_date
from bot.render.messages import (
    GREY,
    Action,
    Message,
    bubble,
    button,
    carousel,
    flex,
    message_action,
    postback_action,
    row,
    t,
    text,
)

PostbackSigner = Callable[..., str]

# Actions (postback) of the certificate and official-name handlers.
PB_CERTS = "cert_list"
PB_NAME_START = "on_start"
PB_NAME_OK = "on_ok"
PB_NAME_REDO = "on_redo"
PB_NAME_CANCEL = "on_no"

FIX_NAME_COMMAND = "แก้ไขชื่อ-นามสกุล"
LABEL_GIVE_NAME = "แจ้งชื่อ-นามสกุล"
LABEL_CORRECT = "ถูกต้อง"
LABEL_REDO = "แก้ไข"
LABEL_CANCEL = "ยกเลิก"
LABEL_DOWNLOAD = "ดาวน์โหลด PDF"
LABEL_VERIFY = "ตรวจสอบ"
CONFIRM_WORDS = frozenset({"ถูกต้อง", "ใช่", "ยืนยัน", "ตกลง", "ok", "ถูก"})

NO_CERTIFICATES = ("ท่านยังไม่มีวุฒิบัตรค่ะ เมื่อผ่านการอบรมและตอบแบบประเมินความพึงพอใจแล้ว "
                   "ระบบจะส่งวุฒิบัตรให้ทางแชตนี้")
NAME_USE = ("วุฒิบัตรต้องระบุคำนำหน้า ชื่อ และนามสกุลของท่านตามที่ใช้ในราชการ (ไม่ใช้ชื่อบัญชี LINE) "
            "ระบบใช้ข้อมูลนี้เพื่อพิมพ์บนวุฒิบัตรและแสดงในหน้าตรวจสอบวุฒิบัตรเท่านั้น "
            f"และท่านแก้ไขได้ทุกเมื่อโดยพิมพ์ \"{FIX_NAME_COMMAND}\"")
ASK_TITLE = "กรุณาเลือกหรือพิมพ์คำนำหน้าชื่อ เช่น นาย นาง นางสาว ยศ หรือตำแหน่งทางวิชาการค่ะ"
ASK_NAME = "กรุณาพิมพ์ชื่อและนามสกุลค่ะ (เว้นวรรคระหว่างชื่อกับนามสกุล เช่น สมหญิง ใจดี)"
NAME_INCOMPLETE = "ขออภัยค่ะ ต้องมีทั้งชื่อและนามสกุล โดยเว้นวรรคคั่น เช่น สมหญิง ใจดี"
NAME_CANCELLED = f"ยกเลิกการแจ้งชื่อ-นามสกุลแล้วค่ะ พิมพ์ \"{FIX_NAME_COMMAND}\" เมื่อท่านพร้อม"
NAME_FLOW_EXPIRED = f"ขออภัยค่ะ การแจ้งชื่อหมดเวลาแล้ว กรุณาพิมพ์ \"{FIX_NAME_COMMAND}\" เพื่อเริ่มใหม่"


def _title_chips(titles: Sequence[str]) -> list[Action]:
    return [*(message_action(title) for title in titles), message_action(LABEL_CANCEL)]


def ask_for_official_name(titles: Sequence[str], *, current: str = "", passed: bool = False) -> Message:
    """The first question: why the name is needed and what it is used for, then the title (quick replies).
    `current`: the name given before (a correction); `passed`: the member just met a certificate's rule."""
    if current:
        lead = f"ชื่อบนวุฒิบัตรของท่านขณะนี้คือ\n{current}\n\n{NAME_USE}"
    elif passed:
        lead = f"ท่านผ่านเกณฑ์ได้รับวุฒิบัตรแล้ว {NAME_USE}"
    else:
        lead = NAME_USE
    return text(f"{lead}\n\n{ASK_TITLE}", quick=_title_chips(titles))


def ask_title_again(reason: str, titles: Sequence[str]) -> Message:
    return text(f"ขออภัยค่ะ {reason}", quick=_title_chips(titles))


def ask_name() -> Message:
    return text(ASK_NAME, quick=[message_action(LABEL_CANCEL)])


def name_refused(reason: str) -> Message:
    return text(f"ขออภัยค่ะ {reason}", quick=[message_action(LABEL_CANCEL)])


def name_incomplete() -> Message:
    return text(NAME_INCOMPLETE, quick=[message_action(LABEL_CANCEL)])


def confirm_official_name(full_name: str, pb: PostbackSigner) -> Message:
    return text(f"ชื่อบนวุฒิบัตรจะเป็น\n{full_name}\nถูกต้องหรือไม่คะ", quick=[
        postback_action(LABEL_CORRECT, pb(PB_NAME_OK), display_text=LABEL_CORRECT),
        postback_action(LABEL_REDO, pb(PB_NAME_REDO), display_text=LABEL_REDO),
        postback_action(LABEL_CANCEL, pb(PB_NAME_CANCEL), display_text=LABEL_CANCEL),
    ])


def official_name_saved(full_name: str, *, corrected: bool, has_certificates: bool) -> str:
    if corrected and has_certificates:
        return (f"แก้ไขชื่อ-นามสกุลแล้วค่ะ\n{full_name}\nวุฒิบัตรที่ดาวน์โหลดหลังจากนี้จะแสดงชื่อใหม่ "
                "โดยเลขที่และรหัสตรวจสอบเดิมยังใช้ได้")
    if corrected:
        return f"แก้ไขชื่อ-นามสกุลแล้วค่ะ\n{full_name}"
    return (f"บันทึกชื่อ-นามสกุลสำหรับวุฒิบัตรแล้วค่ะ\n{full_name}\n"
            f"หากต้องการแก้ไข พิมพ์ \"{FIX_NAME_COMMAND}\" ได้ทุกเมื่อ")


def official_name_unchanged(full_name: str) -> str:
    return f"ชื่อ-นามสกุลเหมือนเดิม ไม่มีการเปลี่ยนแปลงค่ะ\n{full_name}"


def official_name_needed_message(course_title: str, pb: PostbackSigner) -> Message:
    """Pushed when a certificate waits for the member's official name."""
    body = (f"ยินดีด้วยค่ะ 🎉 ท่านผ่านการอบรมหลักสูตร {course_title} แล้ว ระบบจะออกวุฒิบัตรให้เมื่อท่านแจ้ง"
            f"คำนำหน้า ชื่อ และนามสกุลตามที่ใช้ในราชการ กดปุ่ม \"{LABEL_GIVE_NAME}\" ด้านล่างเพื่อเริ่มได้เลย")
    return text(body, quick=[postback_action(LABEL_GIVE_NAME, pb(PB_NAME_START), display_text=LABEL_GIVE_NAME)])


@dataclass(frozen=True)
class CertificateCard:
    """One certificate as the member's list shows it."""

    number: str
    course_title: str
    hours: str
    issued_on: dt.date
    revoked: bool
    download_url: str
    verify_url: str


def certificates_message(cards: Sequence[CertificateCard]) -> Message:
    """The member's certificates as a carousel (download and verify), with the name-correction command."""
    bubbles = []
    for card in cards[:12]:
        status = "ถูกเพิกถอน" if card.revoked else "ใช้ได้"
        bubbles.append(bubble(
            body=[t("🎓 วุฒิบัตร", size="xs", color=GREY), t(card.course_title, size="md", weight="bold"),
                  row("เลขที่", card.number), row("ชั่วโมง", card.hours),
                  row("วันที่ออก", thai_date(card.issued_on)), row("สถานะ", status)],
            footer=[button({"type": "uri", "label": LABEL_DOWNLOAD, "uri": card.download_url}, primary=True),
                    button({"type": "uri", "label": LABEL_VERIFY, "uri": card.verify_url})],
        ))
    return flex(f"วุฒิบัตรของท่าน {len(cards)} ฉบับ", carousel(bubbles),
                quick=[message_action(FIX_NAME_COMMAND)])


def certificate_earned_message(*, course_title: str, number: str, download_url: str, verify_url: str) -> Message:
    body = (f"ยินดีด้วยค่ะ 🎉 ท่านผ่านการอบรมหลักสูตร {course_title} แล้ว "
            f"วุฒิบัตรเลขที่ {number} พร้อมให้ดาวน์โหลด")
    return flex(f"ได้รับวุฒิบัตร {course_title}", bubble(
        body=[t("🎓 ได้รับวุฒิบัตร", size="md", weight="bold"), t(body)],
        footer=[button({"type": "uri", "label": LABEL_DOWNLOAD, "uri": download_url}, primary=True),
                button({"type": "uri", "label": LABEL_VERIFY, "uri": verify_url})],
        size="mega"))
