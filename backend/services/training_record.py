"""A member's training record: completed courses, hours per skill area, certificates."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from backend.models import Certificate, Registration, RegistrationStatus


async def taught_member(*, trainer_id: int, member_id: int) -> bool:
    """The member registered for a session of this trainer (trainers see their own participants' records)."""
    return await Registration.exists(member_id=member_id, session__trainer_id=trainer_id)


async def training_record(member_id: int) -> dict[str, Any]:
    regs = await Registration.filter(member_id=member_id, status=RegistrationStatus.completed).select_related(
        "session__course").order_by("session__start_date")
    certs = {c.registration_id: c for c in await Certificate.filter(member_id=member_id)}
    courses: list[dict[str, Any]] = []
    per_area: dict[str, dict[str, Any]] = {}
    total = Decimal(0)
    for reg in regs:
        course = reg.session.course
        await course.fetch_related("skill_areas")
        cert = certs.get(reg.id)
        hours = Decimal(course.hours)
        total += hours
        areas = sorted(course.skill_areas, key=lambda s: (s.sort_order, s.code))
        courses.append({
            "course_code": course.code, "course_title": course.title_th, "session_no": reg.session.no,
            "start_date": reg.session.start_date.isoformat(), "end_date": reg.session.end_date.isoformat(),
            "hours": float(hours), "skill_areas": [a.code for a in areas],
            "certificate": cert.number if cert and cert.revoked_at is None else None,
        })
        for area in areas:
            entry = per_area.setdefault(area.code, {"code": area.code, "name_th": area.name_th, "hours": Decimal(0)})
            entry["hours"] += hours
    return {
        "member_id": member_id, "completed_courses": courses, "total_hours": float(total),
        "hours_by_skill_area": [{**e, "hours": float(e["hours"])} for e in per_area.values()],
    }
