"""Hours members completed per skill area in a period: each completed course counts its full hours towards
every skill area it covers (as the training record does)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from backend.models import Registration, RegistrationStatus
from backend.services.catalogue.course_details import course_tag_codes


async def hours_by_skill_area(member_ids: Sequence[int], *, start: dt.date, end: dt.date
                              ) -> dict[int, dict[str, float]]:
    """member id -> skill-area code -> hours completed in sessions that ended between start and end."""
    if not member_ids:
        return {}
    rows = await Registration.filter(
        member_id__in=list(member_ids), status=RegistrationStatus.completed,
        session__end_date__gte=start, session__end_date__lte=end,
    ).values("member_id", "session__course_id", "session__course__hours")
    tags = await course_tag_codes(list({r["session__course_id"] for r in rows}))
    out: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for r in rows:
        for area in tags.get(r["session__course_id"], {}).get("skill_areas", []):
            out[r["member_id"]][area] += Decimal(r["session__course__hours"])
    return {member: {area: float(hours) for area, hours in areas.items()} for member, areas in out.items()}


def gaps(required: dict[str, float], done: dict[str, float]) -> dict[str, float]:
    """Skill area -> hours still missing (only areas with a gap), largest gap first, then framework order."""
    missing = {area: hours - done.get(area, 0.0) for area, hours in required.items() if hours > done.get(area, 0.0)}
    order = {area: i for i, area in enumerate(required)}
    return dict(sorted(missing.items(), key=lambda pair: (-pair[1], order[pair[0]])))
