"""Course search results (carousel), course detail with its sessions, and session lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backend.thai_dates import thai_date, thai_date_range
from bot.postback import plain_postback
from bot.render import texts
from bot.render.limits import CAROUSEL_MAX_BUBBLES
from bot.render.messages import (
    GREEN,
    GREY,
    Message,
    bubble,
    button,
    carousel,
    flex,
    json_size,
    postback_action,
    row,
    t,
)

if TYPE_CHECKING:
    from backend.services.catalogue.views import CourseDetail, CourseSummary
    from backend.services.session_seats import SessionInfo


def hours_text(hours: float) -> str:
    value = float(hours)
    return f"{int(value)} ชั่วโมง" if value.is_integer() else f"{value:g} ชั่วโมง"


def place_text(session: SessionInfo) -> str:
    if session.online:
        return "ออนไลน์"
    parts = [p for p in (getattr(session, "venue", ""), session.province) if p]
    return " · ".join(parts) or "-"


def seats_text(session: SessionInfo) -> str:
    left = session.seats_left
    if session.registration_state != "open":
        return {"closed": "ปิดรับสมัคร", "past": "อบรมแล้ว", "not_open_yet": "ยังไม่เปิดรับสมัคร",
                "cancelled": "ยกเลิกรุ่นแล้ว"}.get(session.registration_state, "ไม่เปิดรับสมัคร")
    if left > 0:
        return f"ว่าง {left} ที่"
    waiting = getattr(session, "waitlisted", 0)
    return f"เต็ม (รายชื่อสำรอง {waiting} คน)" if waiting else "เต็ม (สมัครเป็นรายชื่อสำรองได้)"


def session_line(session: SessionInfo) -> str:
    return f"รุ่นที่ {session.no} · {thai_date_range(session.start_date, session.end_date)} · {place_text(session)}"


def course_bubble(course: CourseSummary) -> dict[str, Any]:
    """A course in a search carousel: the same for every member who sees it (its buttons' data is plain, see
    bot.postback), so a page shown to many members at once renders each course once. Cached by what the
    bubble shows: a changed seat count or session makes a new entry; bounded, oldest first out. The bubbles
    are shared between replies: never change one."""
    session = course.next_session
    key: tuple[Any, ...] = (course.code, course.title_th, course.provider,
                            tuple(tag.name_th for tag in course.topics[:3]), course.hours, course.modality)
    if session is not None:
        key += (session.id, session.start_date, session.online,
                getattr(session, "venue", ""), session.province, session.registration_state, session.seats_left,
                getattr(session, "waitlisted", 0))
    found = _BUBBLES.get(key)
    if found is not None:
        return found
    footer = [button(postback_action(texts.DETAIL, plain_postback("course", c=course.code),
                                     display_text=course.title_th))]
    if session is not None and session.is_open_for_registration:
        footer.append(button(postback_action(texts.REGISTER, plain_postback("reg", s=session.id)), primary=True))
    made = bubble(body=_course_body(course), footer=footer)
    if len(_BUBBLES) >= MAX_CACHED_BUBBLES:
        _SIZES.pop(id(_BUBBLES.pop(next(iter(_BUBBLES)))), None)
    _BUBBLES[key] = made
    _SIZES[id(made)] = (made, json_size(made))
    return made


_BUBBLES: dict[tuple[Any, ...], dict[str, Any]] = {}
_SIZES: dict[int, tuple[dict[str, Any], int]] = {}  # id of a kept bubble -> (the bubble, its encoded size)
MAX_CACHED_BUBBLES = 4096


def bubble_size(made: dict[str, Any]) -> int:
    """A bubble's encoded size: known for a kept course bubble, measured for any other."""
    entry = _SIZES.get(id(made))
    return entry[1] if entry is not None and entry[0] is made else json_size(made)


def _course_body(course: CourseSummary) -> list[dict[str, Any]]:
    session = course.next_session
    topics = ", ".join(tag.name_th for tag in course.topics[:3]) or "-"
    body = [
        t(course.title_th[:150], size="md", weight="bold", max_lines=3),
        t(course.provider[:120], size="xs", color=GREY, max_lines=2),
        row("หัวข้อ", topics),
        row("ระยะเวลา", f"{hours_text(course.hours)} · {texts.MODALITY.get(course.modality, course.modality)}"),
    ]
    if session is not None:
        body.append(row("รุ่นถัดไป", f"{thai_date(session.start_date)} · {place_text(session)}"))
        body.append(row("ที่นั่ง", seats_text(session)))
    else:
        body.append(row("รุ่นถัดไป", "ยังไม่มีรุ่นที่เปิด"))
    return body


def more_bubble(data: str, remaining: int) -> dict[str, Any]:
    return bubble(
        body=[t(texts.SEARCH_MORE, size="md", weight="bold", color=GREEN), t(f"อีก {remaining} หลักสูตร", color=GREY)],
        footer=[button(postback_action(texts.SEARCH_MORE, data, display_text=texts.SEARCH_MORE), primary=True)],
    )


def search_results(courses: list[CourseSummary], *, total: int, shown_before: int, more_data: str | None
                   ) -> Message:
    bubbles = [course_bubble(c) for c in courses[: CAROUSEL_MAX_BUBBLES - (1 if more_data else 0)]]
    remaining = total - shown_before - len(bubbles)
    more = bool(more_data and remaining > 0)
    if more and more_data:
        bubbles.append(more_bubble(more_data, remaining))
    alt = texts.SEARCH_HEAD.format(count=total) + ": " + ", ".join(c.title_th for c in courses[:5])
    return flex(alt, carousel(bubbles, keep_last=more, size_of=bubble_size))


def course_detail(course: CourseDetail, *, limit_sessions: int = 8) -> Message:
    parts: list[dict[str, Any] | None] = [
        t(course.title_th, size="lg", weight="bold"),
        t(course.provider, size="xs", color=GREY),
        t(course.description[:400] if course.description else "", size="sm") if course.description else None,
        row("รหัส", course.code),
        row("ระยะเวลา", f"{hours_text(course.hours)} · {texts.MODALITY.get(course.modality, course.modality)}"),
        row("ค่าใช้จ่าย", "ไม่มีค่าใช้จ่าย" if not float(course.fee) else f"{float(course.fee):,.0f} บาท"),
        row("หัวข้อ", ", ".join(tag.name_th for tag in course.topics) or "-"),
        row("กลุ่มเป้าหมาย", ", ".join(tag.name_th for tag in course.target_groups) or "-"),
    ]
    body = [c for c in parts if c]
    upcoming = [s for s in course.sessions if s.registration_state in ("open", "not_open_yet")]
    footer: list[dict[str, Any]] = []
    if upcoming:
        body.append(t("รุ่นที่เปิด", weight="bold", size="sm"))
        for session in upcoming[:limit_sessions]:
            body.append(t(f"{session_line(session)} · {seats_text(session)}", size="xs"))
            if session.is_open_for_registration and len(footer) < 4:
                footer.append(button(postback_action(f"สมัครรุ่นที่ {session.no}",
                                                     plain_postback("reg", s=session.id)),
                                     primary=True))
    else:
        body.append(t(texts.NO_OPEN_SESSIONS, size="sm", color=GREY))
    return flex(f"{course.title_th} ({course.code})", bubble(body=body, footer=footer or None, size="mega"))
