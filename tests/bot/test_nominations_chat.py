"""A coordinator nominates staff to a session; the member is asked in LINE and accepts (registered, or
waitlisted when full, exactly as when registering themselves) or declines; the coordinator sees the answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from backend.models import Nomination, Registration, Session
from backend.services import registration
from tests.backend.factories import make_course, make_member, make_session, make_staff
from tests.bot.conftest import BotWorld, find_quick, quick_actions, texts_of
from tests.clock import CLOCK, TODAY
from tests.coordination.helpers import make_agency


async def _nominate(world: BotWorld, token: str, member_id: int, session_id: int) -> dict[str, Any]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=world.app), base_url="http://testserver") as http:
        answer = await http.post("/api/v1/agency/nominations", json={"member_id": member_id, "session_id": session_id},
                                 headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


async def _nominations(world: BotWorld, token: str) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=world.app), base_url="http://testserver") as http:
        answer = await http.get("/api/v1/agency/nominations", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    return list(answer.json())


async def _setup(world: BotWorld, name: str, *, capacity: int) -> tuple[str, int, str, int]:
    agency = await make_agency(f"กรมทดสอบการเสนอชื่อ {name}")
    _, token = await make_staff("coordinator", agency_id=agency.id)
    course = await make_course(title_th="การใช้ประโยชน์จากข้อมูลภาครัฐ")
    session = await make_session(course.code, start_date=TODAY + dt.timedelta(days=20),
                                 end_date=TODAY + dt.timedelta(days=21), capacity=capacity)
    line_id = world.user(name)
    member = await make_member(line_user_id=line_id, agency_id=agency.id, target_group="service")
    return token, member.id, line_id, session.id


async def _pushed_question(world: BotWorld, line_id: str) -> dict[str, Any]:
    pushed = await world.emulator.wait_for_messages(line_id, wait_seconds=10)
    messages = [e["message"] for e in pushed]
    assert "เสนอชื่อท่านเข้าอบรม" in texts_of(messages) and "การใช้ประโยชน์จากข้อมูลภาครัฐ" in texts_of(messages)
    assert [a["label"] for a in quick_actions(messages[-1])] == ["ตอบรับ", "ไม่สะดวกเข้าอบรม"]
    return messages[-1]


async def test_accepting_registers_the_member(world: BotWorld) -> None:
    token, member_id, line_id, session_id = await _setup(world, "nominee-accepts", capacity=5)
    nomination = await _nominate(world, token, member_id, session_id)
    assert nomination["status"] == "pending"
    question = await _pushed_question(world, line_id)
    answer = await world.tap(line_id, find_quick([question], "ตอบรับ"))
    assert "สมัครเรียบร้อยแล้ว" in texts_of(answer)
    assert (await Registration.get(member_id=member_id, session_id=session_id)).status == "registered"
    assert (await Session.get(id=session_id)).seats_taken == 1
    [seen] = await _nominations(world, token)
    assert (seen["status"], seen["outcome"], seen["pushed"]) == ("accepted", "registered", True)
    again = await world.tap(line_id, find_quick([question], "ตอบรับ"))  # a second tap changes nothing
    assert "ตอบรับการเสนอชื่อนี้ไว้แล้ว" in texts_of(again)
    assert await Registration.filter(member_id=member_id, session_id=session_id).count() == 1
    assert not world.rejected_calls()


async def test_accepting_a_full_session_waitlists_as_self_registration_does(world: BotWorld) -> None:
    token, member_id, line_id, session_id = await _setup(world, "nominee-waits", capacity=1)
    holder = await make_member(line_user_id=world.user("seat-holder"))
    await registration.register_member_for_session(member_id=holder.id, session_id=session_id, actor="test",
                                                   clock=CLOCK)
    await _nominate(world, token, member_id, session_id)
    question = await _pushed_question(world, line_id)
    assert "หากท่านตอบรับ ระบบจะบันทึกท่านไว้ในรายชื่อสำรอง" in question["text"]
    answer = await world.tap(line_id, find_quick([question], "ตอบรับ"))
    assert "รายชื่อสำรอง ลำดับที่ 1" in texts_of(answer)
    # Someone registering themselves afterwards queues behind: one waitlist, one order.
    later = await make_member(line_user_id=world.user("registers-later"))
    self_registered = await registration.register_member_for_session(member_id=later.id, session_id=session_id,
                                                                     actor="test", clock=CLOCK)
    assert (self_registered.status, self_registered.waitlist_position) == ("waitlisted", 2)
    assert (await Session.get(id=session_id)).seats_taken == 1
    [seen] = await _nominations(world, token)
    assert (seen["status"], seen["outcome"], seen["waitlist_position"]) == ("accepted", "waitlisted", 1)
    # The seat holder cancels: the nominee moves up, as any waitlisted member does.
    holder_reg = await Registration.get(member_id=holder.id, session_id=session_id)
    await registration.cancel_registration(registration_id=holder_reg.id, actor="test", clock=CLOCK,
                                           announcer=world.runtime.announcer)
    [seen] = await _nominations(world, token)
    assert (seen["outcome"], seen["waitlist_position"]) == ("registered", None)


async def test_declining_is_recorded_and_registers_nobody(world: BotWorld) -> None:
    token, member_id, line_id, session_id = await _setup(world, "nominee-declines", capacity=5)
    await _nominate(world, token, member_id, session_id)
    question = await _pushed_question(world, line_id)
    answer = await world.tap(line_id, find_quick([question], "ไม่สะดวกเข้าอบรม"))
    assert "ไม่สะดวกเข้าอบรมรุ่นนี้" in texts_of(answer)
    assert not await Registration.filter(member_id=member_id, session_id=session_id).exists()
    [seen] = await _nominations(world, token)
    assert (seen["status"], seen["outcome"]) == ("declined", "")
    late = await world.tap(line_id, find_quick([question], "ตอบรับ"))  # the old button, tapped later
    assert "แจ้งไว้แล้วว่าไม่สะดวก" in texts_of(late)
    assert not await Registration.filter(member_id=member_id, session_id=session_id).exists()
    assert (await Nomination.get(member_id=member_id)).answered_at is not None
