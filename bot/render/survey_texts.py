"""Thai copy and LINE messages for evaluation surveys (pure builders; certificates are in certificates.py).

Builders take a `pb(action, **params) -> str` callable that signs postback data for the recipient.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from backend.thai_dates import thai_datetime
from bot.render.messages import (
    Message,
    bubble,
    button,
    flex,
    postback_action,
    t,
    text,
)

PostbackSigner = Callable[..., str]

SCALE_CHOICES = ((5, "5 มากที่สุด"), (4, "4 มาก"), (3, "3 ปานกลาง"), (2, "2 น้อย"), (1, "1 น้อยที่สุด"))

# Actions (postback) used by the survey handlers.
PB_START = "sv_start"
PB_ANSWER = "sv"
PB_MINE = "sv_mine"
PB_PICK = "sv_pick"
PB_SEND = "sv_send"
PB_SEND_NO = "sv_send_no"
CHAT_DISPATCH_DAYS = 7

LABEL_WEB = "ตอบแบบฟอร์ม"
LABEL_CHAT = "ตอบในแชต"
LABEL_BACK = "ย้อนกลับ"
LABEL_SKIP = "ข้าม"
LABEL_MINE = "แบบประเมินของฉัน"
LABEL_SEND_L1 = "ส่งแบบประเมิน"
LABEL_CANCEL = "ยกเลิก"
TRAINER_MENU = "ท่านต้องการส่งแบบประเมินความพึงพอใจถึงผู้เข้าอบรมของรุ่นใดคะ เลือกรุ่นจากปุ่มด้านล่าง"
TRAINER_NO_SESSIONS = "ยังไม่มีรุ่นที่ท่านเป็นวิทยากรซึ่งพร้อมส่งแบบประเมินค่ะ"
TRAINER_ONLY = "ขออภัยค่ะ เมนูนี้สำหรับวิทยากรที่เชื่อมบัญชี LINE แล้วเท่านั้น"
NO_OPEN_SURVEYS = "ขณะนี้ไม่มีแบบประเมินที่รอท่านตอบค่ะ"
SURVEY_CLOSED = "ขออภัยค่ะ แบบประเมินนี้ปิดรับคำตอบแล้ว"
NOT_A_MEMBER = "กรุณากดปุ่ม \"เริ่มใช้งาน\" และให้ความยินยอมก่อนค่ะ"
PAUSED = "พักการตอบไว้ก่อน ระบบจำคำตอบไว้ให้แล้ว พิมพ์ \"ทำแบบประเมิน\" เมื่อพร้อมตอบต่อค่ะ"
TRAINER_NOT_SENT = "ระบบยังไม่ได้ส่งแบบประเมินถึงผู้เข้าอบรมรุ่นนี้ค่ะ"
MAX_TRAINER_SESSIONS = 11


def _survey_bubble(heading: str, body: str, *, form_url: str, chat_data: str) -> dict[str, Any]:
    return bubble(
        body=[t(heading, size="md", weight="bold"), t(body, size="sm")],
        footer=[
            button({"type": "uri", "label": LABEL_WEB, "uri": form_url}, primary=True),
            button(postback_action(LABEL_CHAT, chat_data, display_text=LABEL_CHAT)),
        ],
        size="mega",
    )


def invite_message(*, title_th: str, course_title: str, deadline: dt.datetime, form_url: str,
                   chat_data: str) -> Message:
    body = (f"หลักสูตร {course_title}\nขอความร่วมมือตอบ{title_th} "
            f"ภายใน {thai_datetime(deadline)} ใช้เวลาประมาณ 2 นาทีค่ะ")
    return flex(f"ขอความร่วมมือตอบแบบประเมิน: {course_title}",
                _survey_bubble("📝 แบบประเมินการอบรม", body, form_url=form_url, chat_data=chat_data))


def reminder_message(*, seq: int, title_th: str, course_title: str, deadline: dt.datetime,
                     form_url: str, chat_data: str) -> Message:
    body = (f"หลักสูตร {course_title}\nระบบยังไม่ได้รับ{title_th}จากท่าน กรุณาตอบภายใน "
            f"{thai_datetime(deadline)} ค่ะ")
    return flex(f"แจ้งเตือนครั้งที่ {seq}: แบบประเมิน {course_title}",
                _survey_bubble(f"🔔 แจ้งเตือนครั้งที่ {seq}", body, form_url=form_url, chat_data=chat_data))


def question_message(*, dispatch_id: int, index: int, total: int, question: dict[str, Any], current: Any,
                     pb: PostbackSigner, error_th: str = "") -> Message:
    """One question with quick replies: 1-5 with Thai labels, choices, back and skip."""
    qtype = question["type"]
    lines = []
    if error_th:
        lines.append(f"{error_th} (พิมพ์ \"พักไว้ก่อน\" หากต้องการหยุดชั่วคราว)")
    lines.append(f"ข้อ {index + 1}/{total}: {question['text']}")
    quick: list[dict[str, Any]] = []
    if qtype == "scale5":
        lines.append("กรุณาเลือกระดับ 5 (มากที่สุด) ถึง 1 (น้อยที่สุด)")
        quick = [postback_action(label, pb(PB_ANSWER, d=dispatch_id, q=index, v=value), display_text=label)
                 for value, label in SCALE_CHOICES]
    elif qtype in ("single", "multi"):
        options = question["options"]
        if qtype == "multi":
            lines.append("เลือกได้หลายข้อ: พิมพ์หมายเลขคั่นด้วยจุลภาค เช่น 1,3")
        lines.extend(f"{i}. {o['label']}" for i, o in enumerate(options, start=1))
        quick = [postback_action(o["label"], pb(PB_ANSWER, d=dispatch_id, q=index, v=o["value"]),
                                 display_text=o["label"]) for o in options[:9]]
    elif qtype == "number":
        lines.append("กรุณาพิมพ์ตัวเลข")
    else:
        lines.append("พิมพ์คำตอบได้เลย")
    if current not in (None, "", []):
        lines.append(f"(คำตอบเดิม: {_display(question, current)})")
    if index > 0:
        quick.append(postback_action(LABEL_BACK, pb(PB_ANSWER, d=dispatch_id, q=index, a="back"),
                                     display_text=LABEL_BACK))
    if not question.get("required"):
        quick.append(postback_action(LABEL_SKIP, pb(PB_ANSWER, d=dispatch_id, q=index, a="skip"),
                                     display_text=LABEL_SKIP))
    return text("\n".join(lines), quick=quick)


def _display(question: dict[str, Any], value: Any) -> str:
    labels: dict[Any, str] = {o["value"]: o["label"] for o in question.get("options") or []}
    if question["type"] == "scale5":
        return dict(SCALE_CHOICES).get(int(value), str(value))
    if isinstance(value, list):
        return ", ".join(labels.get(v, str(v)) for v in value)
    return labels.get(value, str(value))


def survey_start_message(title_th: str, total: int) -> Message:
    return text(f"เริ่มตอบ{title_th} มีทั้งหมด {total} ข้อ ตอบทีละข้อ "
                "หยุดกลางคันแล้วกลับมาตอบต่อได้ค่ะ")


def survey_thanks_message(*, updated: bool) -> Message:
    if updated:
        return text("บันทึกคำตอบที่แก้ไขแล้ว ขอบคุณค่ะ")
    return text("ได้รับคำตอบเรียบร้อยแล้ว ขอบคุณที่สละเวลาตอบแบบประเมินค่ะ")


def open_surveys_message(surveys: Sequence[tuple[int, str, str]], pb: PostbackSigner) -> Message:
    """(dispatch_id, title, course) list → a choice of surveys to answer."""
    lines = ["มีแบบประเมินที่รอท่านตอบ กรุณาเลือกแบบประเมินที่ต้องการตอบค่ะ"] + [f"• {title} ({course})" for _, title, course in surveys]
    quick = [postback_action(course, pb(PB_START, d=d_id), display_text=f"ตอบแบบประเมิน {course}")
             for d_id, _, course in surveys[:12]]
    return text("\n".join(lines), quick=quick)


def session_label(no: int, course_title: str) -> str:
    return f"รุ่น {no} {course_title}"


def trainer_menu(sessions: Sequence[tuple[int, int, str]], pb: PostbackSigner) -> Message:
    """(session_id, no, course title) of the sessions a linked trainer can evaluate → pick one (or see one's
    own surveys)."""
    quick = [postback_action(session_label(no, title), pb(PB_PICK, s=session_id),
                             display_text=session_label(no, title))
             for session_id, no, title in sessions[:MAX_TRAINER_SESSIONS]]
    quick.append(postback_action(LABEL_MINE, pb(PB_MINE), display_text=LABEL_MINE))
    return text(TRAINER_MENU if sessions else TRAINER_NO_SESSIONS, quick=quick)


def trainer_confirm_message(session_id: int, no: int, course_title: str, pb: PostbackSigner) -> Message:
    """Send the satisfaction survey of this session to its attendees?"""
    return text(trainer_confirm(no, course_title), quick=[
        postback_action(LABEL_SEND_L1, pb(PB_SEND, s=session_id, t="l1_satisfaction"), display_text=LABEL_SEND_L1),
        postback_action(LABEL_CANCEL, pb(PB_SEND_NO, s=session_id), display_text=LABEL_CANCEL),
    ])


def trainer_confirm(no: int, course_title: str) -> str:
    return (f"ยืนยันส่งแบบประเมินความพึงพอใจถึงผู้เข้าอบรมที่เช็กชื่อแล้วของหลักสูตร {course_title} รุ่นที่ {no} "
            f"โดยให้ตอบภายใน {CHAT_DISPATCH_DAYS} วัน ใช่ไหมคะ")


def trainer_sent(invited: int, deadline: dt.datetime) -> str:
    return f"ส่งแบบประเมินถึงผู้เข้าอบรม {invited} คนแล้ว ปิดรับคำตอบ {thai_datetime(deadline)} ค่ะ"
