"""Fixtures for evaluation tests: a controllable clock, the LINE emulator, a session with trainers and members."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from backend.clock import FrozenClock
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
from backend.services import attendance, auth
from line_emulator import EmulatorConfig, make_user_id, run_emulator
from tests.bot.conftest import BotWorld, _free_port

BKK = ZoneInfo("Asia/Bangkok")


def bkk(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A Bangkok wall-clock moment as aware UTC."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=BKK).astimezone(dt.UTC)


@dataclass
class LineWorld(BotWorld):
    """The bot world of tests/bot (app with in-process worker and bot, LINE emulator) plus an API client
    and the test clock."""

    client: httpx.AsyncClient
    clock: FrozenClock

    def pushes_to(self, user_id: str) -> list[dict[str, Any]]:
        return [c.body for c in self.emulator.calls_to("pushMessage") if c.body["to"] == user_id]

    async def pushed(self, user_id: str, *, wait_seconds: float = 10.0) -> list[dict[str, Any]]:
        """Wait for the worker's first push to this user (a job: chat events are handled beside the jobs,
        so a message sent right after the API call that queued the push could overtake it)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait_seconds
        while not self.pushes_to(user_id):
            if loop.time() > deadline:
                raise AssertionError("nothing was pushed in time")
            await asyncio.sleep(0.02)
        return self.pushes_to(user_id)


@asynccontextmanager
async def open_line_world(test_settings: Any, clock: FrozenClock, **settings_changes: Any
                          ) -> AsyncIterator[LineWorld]:
    """The app (with its worker) and the LINE emulator it talks to; `settings_changes` on top of the tests'."""
    from app.main import create_app

    port = _free_port()
    settings = test_settings.model_copy(update={"line_api_base_url": f"http://127.0.0.1:{port}",
                                                **settings_changes})
    app = create_app(settings, init_database=False, run_worker=True, clock=clock)
    config = EmulatorConfig(channel_secret=settings.line_channel_secret,
                            channel_access_token=settings.line_channel_access_token,
                            webhook_url="http://testserver/line/webhook", webhook_retry_delays_seconds=[0.2, 0.4],
                            users=[])
    clock.set(bkk(2026, 12, 2, 15, 0))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with (run_emulator(config, port=port, webhook_transport=transport) as (base_url, emulator),
                    httpx.AsyncClient(transport=transport, base_url="http://testserver") as client):
            yield LineWorld(app=app, emulator=emulator, base_url=base_url, settings=settings, client=client,
                            clock=clock)


@pytest.fixture
async def line_world(db: None, redis: Any, test_settings: Any, clock: FrozenClock) -> AsyncIterator[LineWorld]:
    async with open_line_world(test_settings, clock) as world:
        yield world


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
    # LINE display names, and the official names (คำนำหน้า, ชื่อ, นามสกุล) the members gave for certificates.
    names = {"anong": ("Anong 🌸", "นาง", "อนงค์", "ใจดี"), "boonmee": ("บุญมี", "นาย", "บุญมี", "มีสุข"),
             "chai": ("ชัย", "นาย", "ชัย", "ไม่ตอบ"), "dao": ("ดาว", "นางสาว", "ดาว", "ขาดเรียน")}
    for key, (display, title, first, last) in names.items():
        member = await Member.create(line_user_id=make_user_id(key), display_name=display, agency=agency,
                                     target_group=group, consent_at=now, consent_version="2026-01",
                                     official_title=title, official_first_name=first, official_last_name=last,
                                     official_name_at=now)
        members[key] = member
        registrations[key] = await Registration.create(
            member=member, session=session, status=RegistrationStatus.registered, registered_at=now,
            active_key=f"{member.id}:{session.id}")
    return World(course=course, session=session, other_session=other_session, trainer=trainer,
                 other_trainer=other, admin=admin, tokens=tokens, members=members, registrations=registrations)


@pytest.fixture
async def world(db: None) -> World:
    return await make_world(bkk(2026, 11, 20, 10))


@pytest.fixture
async def chat_world(line_world: LineWorld, world: World) -> World:
    """The world's members are LINE users of the emulator, following the account."""
    for member in world.members.values():
        line_world.emulator.add_user(str(member.line_user_id), member.display_name, following=True)
    return world


async def link_trainer_to_line(line_world: LineWorld, world: World) -> str:
    """Anong attended session 1 (17:00 on its last day); the session's trainer links their LINE account, follows
    the bot and has consented. Their LINE user id."""
    line_world.clock.set(bkk(2026, 12, 2, 17, 0))
    await attendance.mark_attendance(session=world.session, staff=world.trainer,
                                     member_ids=[world.members["anong"].id], now=line_world.clock.utcnow())
    trainer_line = make_user_id("trainer-a")
    world.trainer.line_user_id = trainer_line
    await world.trainer.save()
    await Member.create(line_user_id=trainer_line, display_name="วิทยากร ก", consent_at=line_world.clock.utcnow(),
                        consent_version="2026-01")
    line_world.emulator.add_user(trainer_line, "วิทยากร ก", following=True)
    return trainer_line
