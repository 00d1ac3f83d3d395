"""A course's bubble is rendered once for everyone who sees it, and what changes shows at once."""

from __future__ import annotations

import dataclasses
from typing import Any

from bot.postback import decode_postback
from bot.render import courses
from tests.bot.test_render import FakeCourse, FakeSession


def texts_of(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if node.get("type") == "text" else []
        return found + [t for value in node.values() for t in texts_of(value)]
    if isinstance(node, list):
        return [t for item in node for t in texts_of(item)]
    return []


def test_two_members_see_the_same_course_and_both_can_tap_it() -> None:
    course = FakeCourse(code="REUSE-1", next_session=FakeSession(id=77, seats_left=5))
    first, second = courses.course_bubble(course), courses.course_bubble(course)
    assert first is second  # rendered once
    detail, register = (b["action"]["data"] for b in first["footer"]["contents"])
    for user in ("U" + "a" * 32, "U" + "b" * 32):
        opened = decode_postback(detail, user, secret="k", now=1e10)
        asked = decode_postback(register, user, secret="k", now=1e10)
        assert opened is not None and (opened.action, opened.params) == ("course", {"c": "REUSE-1"})
        assert asked is not None and (asked.action, asked.int("s")) == ("reg", 77)


def test_a_seat_taken_or_a_session_closing_shows_in_the_next_bubble() -> None:
    course = FakeCourse(code="REUSE-2", next_session=FakeSession(seats_left=5))
    assert "ว่าง 5 ที่" in texts_of(courses.course_bubble(course))
    fewer = dataclasses.replace(course, next_session=FakeSession(seats_left=4))
    assert "ว่าง 4 ที่" in texts_of(courses.course_bubble(fewer))
    closed = dataclasses.replace(course, next_session=FakeSession(seats_left=4, registration_state="closed"))
    bubble = courses.course_bubble(closed)
    assert "ปิดรับสมัคร" in texts_of(bubble)
    assert len(bubble["footer"]["contents"]) == 1  # no register button
    assert "ว่าง 5 ที่" in texts_of(courses.course_bubble(course))  # the first one is as it was
