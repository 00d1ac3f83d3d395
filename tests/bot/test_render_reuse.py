"""A course's bubble body is rendered once for everyone who sees it; what changes shows at once, and each member
gets buttons signed for them."""

from __future__ import annotations

import dataclasses
from typing import Any

from bot.render import courses
from tests.bot.test_render import FakeCourse, FakeSession


def texts_of(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if node.get("type") == "text" else []
        return found + [t for value in node.values() for t in texts_of(value)]
    if isinstance(node, list):
        return [t for item in node for t in texts_of(item)]
    return []


def signer(member: str) -> Any:
    return lambda action, **params: f"{member}:{action}:{sorted(params.items())}"


def test_two_members_see_the_same_course_with_their_own_buttons() -> None:
    course = FakeCourse(code="REUSE-1")
    first = courses.course_bubble(course, signer("Ua"))
    second = courses.course_bubble(course, signer("Ub"))
    assert first["body"] == second["body"]
    assert [b["action"]["data"] for b in first["footer"]["contents"]][0].startswith("Ua:course")
    assert [b["action"]["data"] for b in second["footer"]["contents"]][0].startswith("Ub:course")


def test_a_seat_taken_or_a_session_closing_shows_in_the_next_bubble() -> None:
    course = FakeCourse(code="REUSE-2", next_session=FakeSession(seats_left=5))
    assert "ว่าง 5 ที่" in texts_of(courses.course_bubble(course, signer("Ua")))
    fewer = dataclasses.replace(course, next_session=FakeSession(seats_left=4))
    assert "ว่าง 4 ที่" in texts_of(courses.course_bubble(fewer, signer("Ua")))
    closed = dataclasses.replace(course, next_session=FakeSession(seats_left=4, registration_state="closed"))
    bubble = courses.course_bubble(closed, signer("Ua"))
    assert "ปิดรับสมัคร" in texts_of(bubble)
    assert len(bubble["footer"]["contents"]) == 1  # no register button
