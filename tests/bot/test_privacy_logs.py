"""Secrets and personal data never reach the logs: a whole scenario runs with every logger at DEBUG,
then the captured output is searched for the channel secret, the access token, API tokens and the
member's name, agency and LINE user id."""

from __future__ import annotations

import datetime as dt
import logging

import httpx
import pytest

from backend.models import Member
from tests.backend.factories import make_course, make_session, make_staff
from tests.bot.conftest import BotWorld, find_button, find_quick
from tests.clock import TODAY

pytestmark = pytest.mark.slow

NAME = "ประภาพร ทดสอบลับ"
AGENCY_TEXT = "สำนักงานลับเฉพาะทดสอบ"


async def test_full_scenario_leaves_no_secret_or_personal_data_in_logs(world: BotWorld,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    course = await make_course(title_th="การวิเคราะห์ข้อมูลสำหรับภาครัฐ", topics=["data"],
                               target_groups=["service"])
    await make_session(course.code, start_date=TODAY + dt.timedelta(days=20),
                       end_date=TODAY + dt.timedelta(days=21), capacity=5)
    _, admin_token = await make_staff("admin")
    user = world.user("privacy", NAME)

    answer = await world.act(user, {"type": "follow"})
    answer = await world.tap(user, find_quick(answer, "ยินยอม"))
    answer = await world.tap(user, find_quick(answer, "งานบริการ"))
    await world.say(user, AGENCY_TEXT)
    answer = await world.say(user, "หาคอร์สวิเคราะห์ข้อมูล")
    answer = await world.tap(user, find_button(answer, "สมัคร"))
    await world.tap(user, find_quick(answer, "ยืนยัน"))
    member = await Member.get(line_user_id=user)

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=world.app), base_url="http://testserver") as http:
        auth = {"Authorization": f"Bearer {admin_token}"}
        assert (await http.get(f"/api/v1/members/{member.id}", headers=auth)).status_code == 200
        assert (await http.get("/api/v1/members", headers={"Authorization": "Bearer wrong-token"})).status_code == 401

    await world.say(user, "ลบข้อมูลของฉัน")
    logs = caplog.text
    assert logs, "nothing was logged: the scenario did not run"
    forbidden = {
        "channel secret": world.settings.line_channel_secret,
        "channel access token": world.settings.line_channel_access_token,
        "admin API token": admin_token,
        "member name": NAME,
        "member agency": AGENCY_TEXT,
        "LINE user id": user,
    }
    leaked = [what for what, value in forbidden.items() if value and value in logs]
    assert not leaked, f"found in logs: {leaked}"
