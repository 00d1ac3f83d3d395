"""Agency coordination: a coordinator's own agency (an admin names any agency with agency_id): staff progress
in the fiscal year, completion per target group, nominations, the annual report; a member's skill gaps and
recommended courses. A coordinator who asks for another agency, or another agency's member, gets 403."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status
from fastapi.responses import Response

from backend.api.auth import CoordinatorOrAdmin
from backend.api.params import IdPath, IdQuery
from backend.deps import ClockDep, QueueDep
from backend.schemas.coordination import (
    AgencyCompletionPublic,
    AgencyRefPublic,
    AgencyStaffPublic,
    FiscalYearPublic,
    GroupCompletionPublic,
    NominationCreate,
    NominationPublic,
    NominationSessionPublic,
    SkillGapReportPublic,
    StaffProgressPublic,
)
from backend.services import coordination, recommendations
from backend.services.audit import staff_actor
from backend.services.coordination import FiscalYear
from backend.services.exports import XLSX_MEDIA_TYPE

router = APIRouter(prefix="/api/v1", tags=["agency"])
FiscalYearQuery = Annotated[int | None, Query(ge=2500, le=2700,
                                              description="Buddhist-era fiscal year (2570 = Oct 2026-Sep 2027); "
                                                          "default: the current one")]


async def _scope(user: CoordinatorOrAdmin, agency_id: int | None) -> int:
    return await coordination.agency_in_scope(role=str(user.role), own_agency_id=user.agency_id, requested=agency_id)


def _year(clock: ClockDep, fiscal_year: int | None) -> FiscalYear:
    if fiscal_year is None:
        return coordination.fiscal_year_of(clock.today())
    return coordination.fiscal_year_be(fiscal_year)


@router.get("/agency/staff", response_model=AgencyStaffPublic,
            summary="The agency's staff: group, position, courses, hours per skill area this fiscal year, surveys")
async def agency_staff(user: CoordinatorOrAdmin, clock: ClockDep, agency_id: IdQuery = None,
                       fiscal_year: FiscalYearQuery = None) -> AgencyStaffPublic:
    scope = await _scope(user, agency_id)
    year = _year(clock, fiscal_year)
    agency = await coordination.get_agency(scope)
    staff = await coordination.staff_progress(scope, year=year, now=clock.utcnow())
    return AgencyStaffPublic(agency=AgencyRefPublic.model_validate(agency),
                             fiscal_year=FiscalYearPublic.model_validate(year),
                             staff=[StaffProgressPublic.model_validate(s) for s in staff])


@router.get("/agency/completion", response_model=AgencyCompletionPublic,
            summary="Completion per target group against the framework's required skill areas")
async def agency_completion(user: CoordinatorOrAdmin, clock: ClockDep, agency_id: IdQuery = None,
                            fiscal_year: FiscalYearQuery = None) -> AgencyCompletionPublic:
    scope = await _scope(user, agency_id)
    year = _year(clock, fiscal_year)
    agency = await coordination.get_agency(scope)
    groups = await coordination.completion_by_target_group(
        await coordination.staff_progress(scope, year=year, now=clock.utcnow()))
    return AgencyCompletionPublic(agency=AgencyRefPublic.model_validate(agency),
                                  fiscal_year=FiscalYearPublic.model_validate(year),
                                  target_groups=[GroupCompletionPublic.model_validate(g) for g in groups])


@router.get("/agency/sessions", response_model=list[NominationSessionPublic],
            summary="Sessions open for registration, to nominate staff to")
async def nomination_sessions(user: CoordinatorOrAdmin, clock: ClockDep, agency_id: IdQuery = None
                              ) -> list[NominationSessionPublic]:
    await _scope(user, agency_id)
    return [NominationSessionPublic.model_validate(s)
            for s in await coordination.sessions_open_for_nomination(clock=clock)]


@router.get("/agency/nominations", response_model=list[NominationPublic],
            summary="The agency's nominations and their status (pending, accepted: registered/waitlisted, declined)")
async def agency_nominations(user: CoordinatorOrAdmin, agency_id: IdQuery = None) -> list[NominationPublic]:
    return [NominationPublic.model_validate(n)
            for n in await coordination.list_nominations(await _scope(user, agency_id))]


@router.post("/agency/nominations", response_model=NominationPublic, status_code=status.HTTP_201_CREATED,
             summary="Nominate a member of the agency to a session (they are asked in LINE to accept or decline)")
async def create_nomination(body: NominationCreate, user: CoordinatorOrAdmin, clock: ClockDep, queue: QueueDep,
                            agency_id: IdQuery = None) -> NominationPublic:
    info = await coordination.nominate(agency_id=await _scope(user, agency_id), member_id=body.member_id,
                                       session_id=body.session_id, staff_id=user.id, actor=staff_actor(user),
                                       clock=clock)
    await queue.enqueue_job("push_nominations", [info.id])
    return NominationPublic.model_validate(info)


@router.get("/agency/report.xlsx", summary="The agency's annual digital-training report (XLSX, Buddhist-era dates)",
            response_class=Response, responses={200: {"content": {XLSX_MEDIA_TYPE: {}}}})
async def agency_report(user: CoordinatorOrAdmin, clock: ClockDep, agency_id: IdQuery = None,
                        fiscal_year: FiscalYearQuery = None) -> Response:
    scope = await _scope(user, agency_id)
    year = _year(clock, fiscal_year)
    data = await coordination.export_annual_report(scope, year=year, now=clock.utcnow(), actor=staff_actor(user))
    return Response(data, media_type=XLSX_MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{coordination.report_filename(scope, year)}"',
        "Cache-Control": "no-store"})


@router.get("/members/{member_id}/skill-gaps", response_model=SkillGapReportPublic,
            summary="A member's hours per skill area this fiscal year against the framework, and courses with "
                    "open seats that close the largest gap first")
async def member_skill_gaps(member_id: IdPath, user: CoordinatorOrAdmin, clock: ClockDep) -> SkillGapReportPublic:
    await coordination.member_in_scope(role=str(user.role), own_agency_id=user.agency_id, member_id=member_id)
    return SkillGapReportPublic.model_validate(await recommendations.skill_gaps_for_member(member_id, clock=clock))
