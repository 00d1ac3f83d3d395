"""An agency's staff as its coordinator follows them: target group, position, courses registered and
completed, hours per skill area in the fiscal year against the framework, surveys not answered yet; and
completion per target group."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from backend.models import Agency, Member, Registration, RegistrationStatus, SurveyInvite, SurveyResponse
from backend.services.coordination.fiscal import FiscalYear
from backend.services.coordination.skill_hours import hours_by_skill_area
from backend.services.coordination.units import agency_units
from backend.services.errors import NotFound
from backend.services.framework import get_vocabulary, required_hours
from backend.services.members.naming import full_official_name

NO_GROUP = ""


@dataclass(frozen=True)
class AgencyRef:
    id: int
    name: str
    short_name: str


@dataclass(frozen=True)
class StaffProgress:
    member_id: int
    name: str
    """The official name (คำนำหน้า ชื่อ นามสกุล) when given, otherwise the LINE display name."""
    official_title: str
    official_first_name: str
    official_last_name: str
    position: str
    agency_name: str
    """The member's agency: the coordinator's own or one of its sub-units."""
    target_group: str | None
    target_group_th: str
    registered: int
    """Registrations (not cancelled) for sessions that start in the fiscal year."""
    completed: int
    """Courses completed in sessions that ended in the fiscal year."""
    hours_by_skill_area: dict[str, float]
    required_hours: dict[str, float]
    outstanding_surveys: int

    @property
    def total_hours(self) -> float:
        return sum(self.hours_by_skill_area.values())

    @property
    def met_areas(self) -> list[str]:
        return [a for a, h in self.required_hours.items() if self.hours_by_skill_area.get(a, 0.0) >= h]

    @property
    def meets_framework(self) -> bool:
        return bool(self.required_hours) and len(self.met_areas) == len(self.required_hours)


@dataclass
class GroupCompletion:
    target_group: str
    name_th: str
    staff: int
    met_all: int
    required_hours: dict[str, float]
    met_by_area: dict[str, int] = field(default_factory=dict)

    @property
    def met_all_pct(self) -> float:
        return round(100 * self.met_all / self.staff, 1) if self.staff else 0.0


async def get_agency(agency_id: int) -> AgencyRef:
    agency = await Agency.get_or_none(id=agency_id)
    if agency is None:
        raise NotFound(f"agency {agency_id} not found", message_th="ไม่พบหน่วยงานนี้")
    return AgencyRef(id=agency.id, name=agency.name, short_name=agency.short_name)


async def member_in_agency(member_id: int, agency_id: int) -> bool:
    """A current member of the agency or one of its sub-units."""
    return await Member.filter(id=member_id, agency_id__in=await agency_units(agency_id),
                               deleted_at__isnull=True).exists()


async def _outstanding_surveys(member_ids: list[int], now: dt.datetime) -> Counter[int]:
    invited = await SurveyInvite.filter(member_id__in=member_ids, dispatch__deadline__gt=now).values(
        "member_id", "dispatch_id")
    answered = {(r["member_id"], r["dispatch_id"]) for r in await SurveyResponse.filter(
        member_id__in=member_ids, completed_at__isnull=False).values("member_id", "dispatch_id")}
    return Counter(r["member_id"] for r in invited if (r["member_id"], r["dispatch_id"]) not in answered)


async def staff_progress(agency_id: int, *, year: FiscalYear, now: dt.datetime) -> list[StaffProgress]:
    """Every current member of the agency and its sub-units with their progress in the fiscal year, by name."""
    members = await Member.filter(agency_id__in=await agency_units(agency_id), deleted_at__isnull=True).values(
        "id", "display_name", "official_title", "official_first_name", "official_last_name", "position",
        "target_group_id", "agency__name")
    ids = [m["id"] for m in members]
    if not ids:
        return []
    vocab = await get_vocabulary()
    hours = await hours_by_skill_area(ids, start=year.start, end=year.end)
    registrations = await Registration.filter(
        member_id__in=ids, session__start_date__gte=year.start, session__start_date__lte=year.end,
    ).exclude(status=RegistrationStatus.cancelled).values("member_id", "status", "session__end_date")
    registered = Counter(r["member_id"] for r in registrations)
    completed = Counter(r["member_id"] for r in await Registration.filter(
        member_id__in=ids, status=RegistrationStatus.completed, session__end_date__gte=year.start,
        session__end_date__lte=year.end).values("member_id"))
    outstanding = await _outstanding_surveys(ids, now)
    out = []
    for m in members:
        official = full_official_name(m["official_title"], m["official_first_name"], m["official_last_name"])
        group = m["target_group_id"]
        out.append(StaffProgress(
            member_id=m["id"], name=official or m["display_name"] or f"สมาชิกหมายเลข {m['id']}",
            official_title=m["official_title"], official_first_name=m["official_first_name"],
            official_last_name=m["official_last_name"], position=m["position"] or "", agency_name=m["agency__name"] or "",
            target_group=group,
            target_group_th=vocab.target_groups[group].name_th if group in vocab.target_groups else "",
            registered=registered[m["id"]], completed=completed[m["id"]],
            hours_by_skill_area=hours.get(m["id"], {}), required_hours=required_hours(group),
            outstanding_surveys=outstanding[m["id"]],
        ))
    return sorted(out, key=lambda s: (s.official_first_name or s.name, s.official_last_name, s.member_id))


async def completion_by_target_group(staff: list[StaffProgress]) -> list[GroupCompletion]:
    """Per target group (framework order; staff without one last): how many met each required skill area
    and all of them."""
    vocab = await get_vocabulary()
    order = {code: i for i, code in enumerate(vocab.target_groups)}
    groups: dict[str, GroupCompletion] = {}
    for person in staff:
        code = person.target_group or NO_GROUP
        entry = groups.get(code)
        if entry is None:
            entry = groups[code] = GroupCompletion(
                target_group=code, name_th=person.target_group_th or "ยังไม่ระบุกลุ่มเป้าหมาย", staff=0, met_all=0,
                required_hours=person.required_hours, met_by_area=dict.fromkeys(person.required_hours, 0))
        entry.staff += 1
        entry.met_all += int(person.meets_framework)
        for area in person.met_areas:
            entry.met_by_area[area] = entry.met_by_area.get(area, 0) + 1
    return sorted(groups.values(), key=lambda g: order.get(g.target_group, len(order)))
