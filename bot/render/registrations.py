"""A member's registrations: upcoming and past, with status and a cancel button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.thai_dates import thai_date_range
from bot.render import texts
from bot.render.limits import CAROUSEL_MAX_BUBBLES
from bot.render.messages import GREEN, GREY, Message, bubble, button, carousel, flex, postback_action, row, t

STATUS_COLORS = {"registered": GREEN, "waitlisted": "#F5A623", "cancelled": GREY, "attended": "#2D7FF9",
                 "completed": "#2D7FF9"}


def place(reg: Any) -> str:
    if reg.online:
        return "ออนไลน์"
    return " · ".join(p for p in (reg.venue, reg.province) if p) or "-"


def status_text(reg: Any) -> str:
    label = texts.STATUS.get(reg.status, reg.status)
    if reg.status == "waitlisted" and reg.waitlist_position:
        label += f" ลำดับที่ {reg.waitlist_position}"
    return label


def registration_bubble(reg: Any, pb: Callable[..., str]) -> dict[str, Any]:
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


def my_registrations(regs: list[Any], pb: Callable[..., str]) -> Message:
    shown = regs[:CAROUSEL_MAX_BUBBLES]
    alt = texts.MY_HEAD.format(count=len(regs)) + ": " + ", ".join(
        f"{r.course_title_th} ({texts.STATUS.get(r.status, r.status)})" for r in shown[:5])
    return flex(alt, carousel([registration_bubble(r, pb) for r in shown]))
