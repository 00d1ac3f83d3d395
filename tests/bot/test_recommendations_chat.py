""""แนะนำหลักสูตรสำหรับท่าน" (the rich menu) and free text ("ควรเรียนอะไรดี", "มีอะไรแนะนำ"): certified courses
with open seats that close the member's largest skill gap first, each with its one-line reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.richmenu import AREAS
from tests.backend.factories import make_course, make_member, make_session
from tests.bot.conftest import BotWorld, texts_of
from tests.clock import TODAY
from tests.coordination.helpers import FISCAL_YEAR_START, complete_course

SOON = TODAY + dt.timedelta(days=20)


def _bubbles(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    carousels = [m["contents"] for m in messages if m.get("type") == "flex" and m["contents"]["type"] == "carousel"]
    assert carousels, texts_of(messages)
    return list(carousels[-1]["contents"])


def _reason_and_title(bubble: dict[str, Any]) -> tuple[str, str]:
    return bubble["header"]["contents"][0]["text"], bubble["body"]["contents"][0]["text"]


async def _member_with_gaps(world: BotWorld, name: str) -> str:
    """A service-staff member (the framework asks 6 h literacy, 6 h governance, 12 h digital service, 6 h cyber
    security a year) who has 6 h of literacy this fiscal year and cyber security only last year."""
    line_id = world.user(name)
    member = await make_member(line_user_id=line_id, target_group="service")
    await complete_course(member.id, ended=FISCAL_YEAR_START + dt.timedelta(days=14), skill_areas=["digital_literacy"])
    await complete_course(member.id, ended=FISCAL_YEAR_START - dt.timedelta(days=10), skill_areas=["cyber_security"])
    return line_id


async def _catalogue() -> None:
    service = await make_course(title_th="ออกแบบบริการดิจิทัลเพื่อประชาชน", skill_areas=["digital_service"])
    await make_session(service.code, start_date=SOON, end_date=SOON)
    cyber = await make_course(title_th="ความมั่นคงปลอดภัยไซเบอร์สำหรับผู้ปฏิบัติงาน", skill_areas=["cyber_security"],
                              topics=["cybersecurity"])
    await make_session(cyber.code, start_date=SOON, end_date=SOON)
    full = await make_course(title_th="บริการดิจิทัลรุ่นที่เต็มแล้ว", skill_areas=["digital_service"])
    session = await make_session(full.code, start_date=SOON, end_date=SOON, capacity=1)
    from backend.models import Session

    await Session.filter(id=session.id).update(seats_taken=1)
    literacy = await make_course(title_th="ทักษะดิจิทัลพื้นฐานอีกหลักสูตร", skill_areas=["digital_literacy"])
    await make_session(literacy.code, start_date=SOON, end_date=SOON)


async def test_rich_menu_entry_recommends_the_largest_gap_first(world: BotWorld) -> None:
    await _catalogue()
    line_id = await _member_with_gaps(world, "gap-menu")
    menu_text = next(a.text for a in AREAS if a.label == "แนะนำหลักสูตร")
    answer = await world.say(line_id, menu_text)
    assert "ปีงบประมาณ 2570" in texts_of(answer)
    shown = [_reason_and_title(b) for b in _bubbles(answer)]
    assert shown == [
        ("ท่านยังไม่มีชั่วโมงด้านการบริการดิจิทัล", "ออกแบบบริการดิจิทัลเพื่อประชาชน"),
        ("ท่านยังไม่มีชั่วโมงด้านความมั่นคงปลอดภัยไซเบอร์", "ความมั่นคงปลอดภัยไซเบอร์สำหรับผู้ปฏิบัติงาน"),
    ]  # the full session and the area already covered are left out
    assert len(_bubbles(answer)) <= 12 and not world.rejected_calls()


async def test_free_text_asks_for_the_same(world: BotWorld) -> None:
    await _catalogue()
    line_id = await _member_with_gaps(world, "gap-text")
    for text in ("ควรเรียนอะไรดี", "มีอะไรแนะนำไหมคะ", "ช่วยแนะนำหลักสูตรหน่อยค่ะ"):
        answer = await world.say(line_id, text)
        reasons = [_reason_and_title(b)[0] for b in _bubbles(answer)]
        assert reasons[0] == "ท่านยังไม่มีชั่วโมงด้านการบริการดิจิทัล", text
    # Naming a topic is a search, not advice.
    search = await world.say(line_id, "แนะนำหลักสูตรไซเบอร์")
    assert "พบ" in texts_of(search) and all("header" not in b for b in _bubbles(search))
    assert not world.rejected_calls()


async def test_a_member_without_a_target_group_is_asked_for_it(world: BotWorld) -> None:
    line_id = world.user("gap-no-group")
    await make_member(line_id)
    answer = await world.say(line_id, "ควรเรียนอะไรดี")
    assert "ระบุกลุ่มเป้าหมาย" in texts_of(answer)
