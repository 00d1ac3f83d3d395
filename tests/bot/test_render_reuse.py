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


def test_a_carousel_is_cut_to_50_kb_as_sent_with_or_without_known_sizes() -> None:
    from bot.render.limits import FLEX_CAROUSEL_MAX_BYTES
    from bot.render.messages import bubble, carousel, json_size, t

    big = [bubble(body=[t(f"{i} " + "ข้อมูล" * 70) for _ in range(5)]) for i in range(11)]  # 6 KB each as sent
    more = bubble(body=[t("ดูเพิ่มเติม")])
    for size_of in (json_size, lambda b: {id(x): json_size(x) for x in [*big, more]}[id(b)]):
        cut = carousel([*big, more], keep_last=True, size_of=size_of)
        shown = cut["contents"]
        assert shown[-1] is more and 2 < len(shown) < 12
        assert json_size(cut) <= FLEX_CAROUSEL_MAX_BYTES  # what LINE counts
        one_more = {"type": "carousel", "contents": [*shown[:-1], big[len(shown) - 1], more]}
        assert json_size(one_more) > FLEX_CAROUSEL_MAX_BYTES  # and nothing was dropped that would have fitted


def test_a_search_page_knows_its_size_without_encoding_it_again() -> None:
    from bot.render.messages import json_size

    items = [FakeCourse(code=f"SIZE-{i}", title_th="หลักสูตร" * 18) for i in range(12)]
    page = courses.search_results(items, total=12, shown_before=0, more_data=None)
    for made in page["contents"]["contents"]:
        assert courses.bubble_size(made) == json_size(made)
    assert courses.bubble_size({"type": "bubble"}) == json_size({"type": "bubble"})  # not kept: measured

