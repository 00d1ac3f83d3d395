"""Fixtures for evaluation tests: a controllable clock, the LINE emulator, a session with trainers and members."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from backend.models import (
    Agency,
    Course,
    Member,
    Provider,
    Registration,
    RegistrationStatus,
    Role,
    Session,
    SkillArea,
    StaffUser,
    TargetGroup,
)
from backend.services import auth
from bot.emulator import EmulatorConfig, make_user_id, run_emulator

BKK = ZoneInfo("Asia/Bangkok")


def bkk(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A Bangkok wall-clock moment as aware UTC."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=BKK).astimezone(dt.UTC)


@dataclass
class Clock:
    now: dt.datetime

    def __call__(self) -> dt.datetime:
        return self.now

    def set(self, moment: dt.datetime) -> dt.datetime:
        self.now = moment
        return moment


@dataclass
class LineWorld:
    base_url: str
    emulator: Any
    runtime: Any
    clock: Clock

    def pushes_to(self, user_id: str) -> list[dict[str, Any]]:
        return [c.body for c in self.emulator.calls_to("pushMessage") if c.body["to"] == user_id]


@pytest.fixture
async def line_world(app: Any, test_settings: Any) -> AsyncIterator[LineWorld]:
    """The emulator on a free port; the app's runtime (and its bot) push to it; a clock the test moves."""
    from bot.line_client import LineClient, RetryPolicy

    config = EmulatorConfig(channel_access_token=test_settings.line_channel_access_token,
                            channel_secret=test_settings.line_channel_secret)
    async with run_emulator(config) as (base_url, emulator):
        runtime = app.state.runtime
        client = LineClient(base_url=base_url, access_token=test_settings.line_channel_access_token,
                            policy=RetryPolicy(request_timeout=5.0))
        previous = runtime.extras.get("line")
        runtime.extras["line"] = client
        bot = runtime.extras.get("bot")
        if bot is not None:
            bot.line = client
        clock = Clock(bkk(2026, 12, 2, 15, 0))
        runtime.extras["clock"] = clock
        try:
            yield LineWorld(base_url, emulator, runtime, clock)
        finally:
            runtime.extras.pop("clock", None)
            runtime.extras["line"] = previous
            if bot is not None:
                bot.line = previous
            await client.close()


@dataclass
class World:
    course: Course
    session: Session
    other_session: Session
    trainer: StaffUser
    other_trainer: StaffUser
    admin: StaffUser
    tokens: dict[str, str]
    members: dict[str, Member]
    registrations: dict[str, Registration] = field(default_factory=dict)

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def user(self, name: str) -> str:
        return str(self.members[name].line_user_id)


async def make_world(now: dt.datetime) -> World:
    provider = await Provider.create(name="สถาบันพัฒนาบุคลากรภาครัฐด้านดิจิทัล")
    course = await Course.create(code="DG-101", title_th="การวิเคราะห์ข้อมูลเพื่อการตัดสินใจ", provider=provider,
                                 hours=12, modality="onsite")
    areas = await SkillArea.all().limit(2)
    await course.skill_areas.add(*areas)
    trainer = await StaffUser.create(username="trainer-a", display_name="วิทยากร ก", role=Role.trainer)
    other = await StaffUser.create(username="trainer-b", display_name="วิทยากร ข", role=Role.trainer)
    admin = await StaffUser.create(username="boss", display_name="ผู้ดูแล", role=Role.admin)
    tokens = {name: (await auth.create_token(user_id=user.id, name="t")).token
              for name, user in (("trainer", trainer), ("other", other), ("admin", admin))}
    session = await Session.create(course=course, no=1, start_date=dt.date(2026, 12, 1),
                                   end_date=dt.date(2026, 12, 2), capacity=30, trainer=trainer)
    other_session = await Session.create(course=course, no=2, start_date=dt.date(2027, 1, 5),
                                         end_date=dt.date(2027, 1, 6), capacity=30, trainer=other)
    agency = await Agency.create(name="กรมการปกครอง")
    group = await TargetGroup.all().first()
    members: dict[str, Member] = {}
    registrations: dict[str, Registration] = {}
    names = {"anong": "นางอนงค์ ใจดี", "boonmee": "นายบุญมี มีสุข", "chai": "นายชัย ไม่ตอบ", "dao": "นางสาวดาว ขาดเรียน"}
    for key, display in names.items():
        member = await Member.create(line_user_id=make_user_id(key), display_name=display, agency=agency,
                                     target_group=group, consent_at=now, consent_version="2026-01")
        members[key] = member
        registrations[key] = await Registration.create(
            member=member, session=session, status=RegistrationStatus.registered, registered_at=now,
            active_key=f"{member.id}:{session.id}")
    return World(course=course, session=session, other_session=other_session, trainer=trainer,
                 other_trainer=other, admin=admin, tokens=tokens, members=members, registrations=registrations)


@pytest.fixture
async def world(db: None) -> World:
    return await make_world(bkk(2026, 11, 20, 10))
