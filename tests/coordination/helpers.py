"""Builders for agency-coordination tests: an agency with staff who completed courses in (and before) the
fiscal year of tests/clock.py's TODAY (ปีงบประมาณ 2570: 1 Oct 2026 - 30 Sep 2027)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from backend.models import Agency, Registration, RegistrationStatus
from tests.backend.factories import make_course, make_session
from tests.clock import CLOCK

FISCAL_YEAR_START = dt.date(2026, 10, 1)


async def make_agency(name: str) -> Agency:
    return await Agency.create(name=name, short_name=name[:10])


async def complete_course(member_id: int, *, ended: dt.date, skill_areas: list[str], hours: int = 6,
                          **course: Any) -> Registration:
    """A course in these skill areas that the member completed in a session that ended on `ended`."""
    info = await make_course(skill_areas=skill_areas, hours=Decimal(hours), **course)
    session = await make_session(info.code, start_date=ended - dt.timedelta(days=1), end_date=ended)
    return await Registration.create(member_id=member_id, session_id=session.id, status=RegistrationStatus.completed,
                                     active_key=f"{member_id}:{session.id}", registered_at=CLOCK.utcnow(),
                                     completed_at=CLOCK.utcnow())
