"""Small builders for catalogue, member and staff rows used by the backend tests."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from backend.schemas.catalogue import CourseCreate, SessionCreate
from backend.services import auth, catalogue, members
from tests.clock import CLOCK, TODAY

ACTOR = "staff:test"
_seq = itertools.count(1)


async def make_course(**overrides: Any) -> catalogue.CourseDetail:
    n = next(_seq)
    data: dict[str, Any] = {
        "code": f"T-{n:04d}",
        "title_th": f"หลักสูตรทดสอบที่ {n}",
        "provider": "สถาบันทดสอบดิจิทัล",
        "topics": ["digital_literacy"],
        "target_groups": ["other"],
        "skill_areas": ["digital_literacy"],
        "hours": Decimal("6"),
        "modality": "onsite",
    }
    data.update(overrides)
    return await catalogue.create_course(CourseCreate(**data), actor=ACTOR, clock=CLOCK)


async def make_session(course_code: str, **overrides: Any) -> catalogue.SessionInfo:
    data: dict[str, Any] = {
        "start_date": TODAY + dt.timedelta(days=14),
        "end_date": TODAY + dt.timedelta(days=15),
        "province": "กรุงเทพมหานคร",
        "capacity": 30,
    }
    data.update(overrides)
    if data.get("online") and "province" not in overrides:
        data["province"] = None
    return await catalogue.add_session(course_code, SessionCreate(**data), actor=ACTOR, clock=CLOCK)


async def make_member(line_user_id: str | None = None, **profile: Any) -> members.MemberInfo:
    n = next(_seq)
    info = await members.record_consent(
        line_user_id=line_user_id or f"U{n:032x}", version="2026-01", display_name=f"สมาชิก {n}",
        clock=CLOCK,
    )
    if profile:
        info = (await members.update_profile(member_id=info.id, **profile)).member
    return info


async def make_staff(role: str = "admin", username: str | None = None, *, agency_id: int | None = None,
                     password: str | None = None) -> tuple[auth.StaffInfo, str]:
    """A staff user and a fresh API token for them (a coordinator needs `agency_id`)."""
    user = await auth.create_staff_user(username=username or f"{role}{next(_seq)}", role=role, agency_id=agency_id,
                                        password=password)
    token = await auth.create_token(user_id=user.id, name="test")
    return user, token.token
