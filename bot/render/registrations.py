"""A member's registrations: upcoming and past, with status and a cancel button."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from backend.thai_dates import thai_date, thai_date_range
from bot.render import texts
from bot.render.courses import place_text
from bot.render.limits import CAROUSEL_MAX_BUBBLES
from bot.render.messages import (
    GREEN,
    GREY,
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

if TYPE_CHECKING:
    from backend.services.registration import MemberRegistration, RegistrationResult
    from backend.services.session_seats import SessionInfo

STATUS_COLORS = {"registered": GREEN, "waitlisted": "#F5A623", "cancelled": GREY, "attended": "#2D7FF9",
                 "completed": "#2D7FF9"}


def place(reg: MemberRegistration) -> str:
    if reg.online:
        return "ออนไลน์"
    return " · ".join(p for p in (reg.venue, reg.province) if p) or "-"


def status_text(reg: MemberRegistration) -> str:
    label = texts.STATUS.get(reg.status, reg.status)
    if reg.status == "waitlisted" and reg.waitlist_position:
        label += f" ลำดับที่ {reg.waitlist_position}"
    return label


def registration_bubble(reg: MemberRegistration, pb: Callable[..., str]) -> dict[str, Any]:
    body = [
        t(texts.UPCOMING if reg.upcoming else texts.PAST, size="xxs", color=GREY),
        t(reg.course_title_th, size="md", weight="bold", max_lines=3),
        row("รุ่น", f"รุ่นที่ {reg.session_no}"),
        row("วันที่", thai_date_range(reg.start_date, reg.end_date)),
        row("สถานที่", place(reg)),
        {**t(status_text(reg), size="sm", weight="bold"), "color": STATUS_COLORS.get(reg.status, GREY)},
    ]
    footer = None
    if reg.cancellable:
        footer = [button(postback_action(texts.CANCEL_REGISTRATION, pb("cancel", r=reg.registration_id),
                                         display_text=texts.CANCEL_REGISTRATION))]
    return bubble(body=body, footer=footer)


def my_registrations(regs: list[MemberRegistration], pb: Callable[..., str]) -> Message:
    shown = regs[:CAROUSEL_MAX_BUBBLES]
    alt = texts.MY_HEAD.format(count=len(regs)) + ": " + ", ".join(
        f"{r.course_title_th} ({texts.STATUS.get(r.status, r.status)})" for r in shown[:5])
    return flex(alt, carousel([registration_bubble(r, pb) for r in shown]))


def promoted_message(course_title: str, session_no: int, start_date: dt.date) -> Message:
    """A waitlisted member got a seat (pushed outside the conversation)."""
    body = texts.PROMOTED.format(course=course_title, no=session_no, dates=thai_date(start_date))
    return text(body, quick=[message_action(texts.INTENT_LABELS["my_registrations"])])


def confirm_cancel(reg: MemberRegistration, pb: Callable[..., str]) -> Message:
    """Are you sure (`reg`: a member's registration, with its course, session and dates)?"""
    body = texts.CONFIRM_CANCEL.format(course=reg.course_title_th, no=reg.session_no,
                                       dates=thai_date_range(reg.start_date, reg.end_date))
    return text(body, quick=[
        postback_action(texts.CONFIRM, pb("cancel_ok", r=reg.registration_id), display_text=texts.CONFIRM),
        postback_action(texts.KEEP, pb("cancel_no", r=reg.registration_id), display_text=texts.KEEP),
    ])


def kept(reg: MemberRegistration | None) -> str:
    """"ไม่ยกเลิก" was tapped: the member keeps their place (`reg`: the registration, when it is known)."""
    if reg is None:
        return texts.KEPT_ANY
    template = texts.KEPT_WAITLISTED if reg.status == "waitlisted" else texts.KEPT
    return template.format(course=reg.course_title_th, no=reg.session_no)


def _place_line(session: SessionInfo) -> str:
    return f"\n{place_text(session)}"


def confirm_register(session: SessionInfo, *, nonce: str, pb: Callable[..., str]) -> Message:
    """Register for this session (`session`: catalogue.get_session's)? Waitlisted if it is full."""
    body = texts.CONFIRM_REGISTER.format(
        course=session.course_title_th, no=session.no,
        dates=thai_date_range(session.start_date, session.end_date), place=_place_line(session),
    )
    if session.seats_left <= 0:
        body += "\n" + texts.CONFIRM_REGISTER_FULL
    return text(body, quick=[
        postback_action(texts.CONFIRM, pb("reg_ok", s=session.id, n=nonce), display_text=texts.CONFIRM),
        postback_action(texts.CANCEL, pb("reg_no", n=nonce), display_text=texts.CANCEL),
    ])


def registration_done(result: RegistrationResult) -> Message:
    """Registered, or on the waitlist at this position (`result`: register_member_for_session's)."""
    session = result.session
    if result.status == "waitlisted":
        body = texts.WAITLISTED.format(position=result.waitlist_position, course=session.course_title_th,
                                       no=session.no)
    else:
        body = texts.REGISTERED.format(course=session.course_title_th, no=session.no,
                                       dates=thai_date_range(session.start_date, session.end_date),
                                       place=_place_line(session))
    return text(body, quick=[message_action(texts.INTENT_LABELS["my_registrations"]),
                             message_action(texts.INTENT_LABELS["search_courses"])])
