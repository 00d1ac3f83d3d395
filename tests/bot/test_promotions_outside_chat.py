"""Seats freed by staff (a session made bigger, a member's data erased) reach the next waitlisted member by push."""

from __future__ import annotations

import datetime as dt

import httpx

from backend.models import Registration
from backend.services import registration
from tests.backend.factories import make_course, make_member, make_session, make_staff
from tests.bot.conftest import BotWorld, texts_of
from tests.clock import CLOCK, TODAY


async def _waitlisted_pair(world: BotWorld) -> tuple[int, int, int, str]:
    course = await make_course(title_th="การบริหารโครงการดิจิทัล")
    session = await make_session(course.code, start_date=TODAY + dt.timedelta(days=30),
                                 end_date=TODAY + dt.timedelta(days=31), capacity=1)
    first_line, second_line = world.user("seat-holder"), world.user("waiting")
    first = await make_member(line_user_id=first_line)
    second = await make_member(line_user_id=second_line)
    await registration.register_member_for_session(member_id=first.id, session_id=session.id, actor="test", clock=CLOCK)
    waiting = await registration.register_member_for_session(member_id=second.id, session_id=session.id,
                                                             actor="test", clock=CLOCK)
    assert waiting.status == "waitlisted"
    return session.id, first.id, waiting.registration_id, second_line


async def test_bigger_session_pushes_the_promoted_member(world: BotWorld) -> None:
    session_id, _, waiting_id, second_line = await _waitlisted_pair(world)
    _, admin_token = await make_staff("admin")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=world.app), base_url="http://testserver") as http:
        answer = await http.patch(f"/api/v1/sessions/{session_id}", json={"capacity": 2},
                                  headers={"Authorization": f"Bearer {admin_token}"})
    assert answer.status_code == 200
    assert [p["registration_id"] for p in answer.json()["promoted"]] == [waiting_id]
    pushed = await world.emulator.wait_for_messages(second_line, wait_seconds=10)
    assert "การบริหารโครงการดิจิทัล" in texts_of([e["message"] for e in pushed])
    assert (await Registration.get(id=waiting_id)).status == "registered"


async def test_erasing_a_member_frees_the_seat_and_their_chat_log(world: BotWorld) -> None:
    session_id, first_id, waiting_id, second_line = await _waitlisted_pair(world)
    first_line = world.user("seat-holder")
    await world.say(first_line, "สวัสดีค่ะ")  # leaves a chat log behind
    _, admin_token = await make_staff("admin")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=world.app), base_url="http://testserver") as http:
        answer = await http.delete(f"/api/v1/members/{first_id}/personal-data",
                                   headers={"Authorization": f"Bearer {admin_token}"})
    assert answer.status_code == 200
    pushed = await world.emulator.wait_for_messages(second_line, wait_seconds=10)
    assert "การบริหารโครงการดิจิทัล" in texts_of([e["message"] for e in pushed])
    from backend.models import ConversationMessage, Member

    member = await Member.get(id=first_id)
    assert member.line_user_id is None and member.display_name == "" and member.deleted_at is not None
    assert not await ConversationMessage.filter(line_user_id=first_line).exists()
