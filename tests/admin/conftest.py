"""Fixtures for the admin web and broadcast tests: the LINE emulator, a LINE client, members, staff."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest

from backend.models import (
    Agency,
    Course,
    Member,
    Provider,
    Registration,
    RegistrationStatus,
    Session,
)
from backend.services.broadcasts import BroadcastConfig
from line_emulator import EmulatorConfig, make_user_id, run_emulator
from tests.clock import CLOCK


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 with its production cost takes ~0.3 s per hash; the tests check behaviour, not cost."""
    from argon2 import PasswordHasher

    from backend.services import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=512, parallelism=1))


@dataclass
class LineWorld:
    base_url: str
    emulator: Any
    runtime: Any

    def multicasts_to(self, user_id: str) -> int:
        return sum(1 for delivery in self.emulator.chats.get(user_id, []) if delivery.via == "multicast")


@pytest.fixture
async def line_world(app: Any, test_settings: Any) -> AsyncIterator[LineWorld]:
    """The emulator on a free port and the app's runtime sending to it through the LINE client."""
    from bot.line_client import LineClient, RetryPolicy
    from bot.notifier import LineNotifier

    config = EmulatorConfig(channel_access_token=test_settings.line_channel_access_token,
                            rate_limits={"multicast": 2000})
    async with run_emulator(config) as (base_url, emulator):
        runtime = app.state.runtime
        client = LineClient(base_url=base_url, access_token=test_settings.line_channel_access_token,
                            clock=runtime.clock, policy=RetryPolicy(request_timeout=5.0))
        previous = runtime.notifier, runtime.multicaster
        runtime.notifier = LineNotifier(client, settings=runtime.settings, clock=runtime.clock)
        runtime.multicaster = client
        runtime.broadcast_config = BroadcastConfig(
            rate_per_second=500, batch_size=3, senders=3, lease_seconds=1.0, plan_page_size=7,
            retry_base_seconds=0.01,
        )
        try:
            yield LineWorld(base_url, emulator, runtime)
        finally:
            runtime.notifier, runtime.multicaster = previous
            await client.close()


@dataclass
class Population:
    bangkok: Agency
    chiang_mai: Agency
    course: Course
    session: Session
    members: dict[str, Member]

    def user(self, name: str) -> str:
        return str(self.members[name].line_user_id)


async def make_population() -> Population:
    """Members with different groups, agencies and provinces; a course with a session and registrations."""
    ministry = await Agency.create(name="กรมการปกครอง")
    other = await Agency.create(name="สำนักงานสถิติแห่งชาติ")
    provider = await Provider.create(name="สถาบันทดสอบดิจิทัล")
    course = await Course.create(code="T-001", title_th="ปัญญาประดิษฐ์สำหรับผู้บริหาร", provider=provider,
                                 hours=6, modality="online")
    session = await Session.create(course=course, no=1, start_date=dt.date(2026, 12, 1),
                                   end_date=dt.date(2026, 12, 2), capacity=30, online=True)
    spec = {
        # name: (agency, group, province, active, deleted, registration status)
        "a": (ministry, "executive", "กรุงเทพมหานคร", True, False, RegistrationStatus.completed),
        "b": (ministry, "executive", "เชียงใหม่", True, False, RegistrationStatus.registered),
        "c": (ministry, "service", "กรุงเทพมหานคร", True, False, None),
        "d": (other, "executive", "กรุงเทพมหานคร", True, False, RegistrationStatus.cancelled),
        "e": (other, "technologist", "ขอนแก่น", True, False, RegistrationStatus.attended),
        "gone": (ministry, "executive", "กรุงเทพมหานคร", False, False, RegistrationStatus.registered),
        "deleted": (ministry, "executive", "กรุงเทพมหานคร", True, True, RegistrationStatus.registered),
    }
    members: dict[str, Member] = {}
    for name, (agency, group, province, active, deleted, reg) in spec.items():
        member = await Member.create(
            line_user_id=make_user_id(f"member-{name}"), display_name=name, agency=agency,
            target_group_id=group, province=province, active=active,
            deleted_at=CLOCK.utcnow() if deleted else None,
        )
        members[name] = member
        if reg is not None:
            await Registration.create(member=member, session=session, status=reg,
                                      active_key=None if reg == RegistrationStatus.cancelled
                                      else f"{member.id}:{session.id}")
    return Population(ministry, other, course, session, members)


@pytest.fixture
async def population(db: None) -> Population:
    return await make_population()


async def make_member_batch(n: int, *, prefix: str = "bulk") -> list[str]:
    rows = [Member(line_user_id=make_user_id(f"{prefix}-{i}"), display_name=f"{prefix}{i}") for i in range(n)]
    await Member.bulk_create(rows)
    return [str(r.line_user_id) for r in rows]


@pytest.fixture
async def admin_token(db: None) -> str:
    from backend.services.auth import create_staff_user, create_token

    user = await create_staff_user(username="ops-admin", role="admin")
    return (await create_token(user_id=user.id, name="tests")).token


@pytest.fixture
async def trainer_token(db: None) -> str:
    from backend.services.auth import create_staff_user, create_token

    user = await create_staff_user(username="trainer-1", role="trainer")
    return (await create_token(user_id=user.id, name="tests")).token
