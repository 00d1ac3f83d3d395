"""Survey reports (JSON, CSV, XLSX with Thai headers) per session, course, provider, agency, target group
and skill area; members' training records. Trainers see their own sessions only."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from backend.api.auth import TrainerOrAdmin as StaffDep
from backend.api.params import CourseQuery, CourseRef, IdPath, IdQuery
from backend.services import auth, catalogue, reports
from backend.services.errors import NotAllowed
from backend.services.staff_access import session_for_staff
from backend.services.training_record import taught_member, training_record

router = APIRouter(prefix="/api/v1", tags=["reports"])
FormatQ = Query("json", pattern="^(json|csv|xlsx)$", description="json, csv or xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def _render(scope: reports.Scope, user: StaffDep, fmt: str, name: str) -> Any:
    if not auth.is_admin(user):
        scope.trainer_id = user.id
    report = await reports.survey_report(scope)
    if fmt == "csv":
        return Response(reports.to_csv(report), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    if fmt == "xlsx":
        return Response(reports.to_xlsx(report), media_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})
    return report


@router.get("/reports/surveys", summary="Survey results for any combination of filters")
async def report_any(user: StaffDep, session_id: IdQuery = None, course: CourseQuery = None,
                     course_id: IdQuery = None, provider_id: IdQuery = None, agency_id: IdQuery = None,
                     target_group: str | None = None, skill_area: str | None = None, template: str | None = None,
                     format: str = FormatQ) -> Any:
    """`course`: a course code; `course_id` is the same filter by the older integer id."""
    if course is not None:
        course_id = await catalogue.resolve_course_id(course)
    scope = reports.Scope(session_id=session_id, course_id=course_id, provider_id=provider_id, agency_id=agency_id,
                          target_group=target_group, skill_area=skill_area, template=template)
    return await _render(scope, user, format, "survey-report")


@router.get("/reports/sessions/{session_id}", summary="Survey results of one session")
async def report_session(session_id: IdPath, user: StaffDep, template: str | None = None,
                         format: str = FormatQ) -> Any:
    await session_for_staff(session_id, user)
    return await _render(reports.Scope(session_id=session_id, template=template), user, format,
                         f"session-{session_id}")


@router.get("/reports/courses/{course}", summary="Survey results of all sessions of a course (by its code)")
async def report_course(course: CourseRef, user: StaffDep, template: str | None = None, format: str = FormatQ) -> Any:
    course_id = await catalogue.resolve_course_id(course)
    return await _render(reports.Scope(course_id=course_id, template=template), user, format, f"course-{course_id}")


@router.get("/reports/providers/{provider_id}", summary="Survey results of a provider's courses")
async def report_provider(provider_id: IdPath, user: StaffDep, template: str | None = None,
                          format: str = FormatQ) -> Any:
    return await _render(reports.Scope(provider_id=provider_id, template=template), user, format,
                         f"provider-{provider_id}")


@router.get("/reports/agencies/{agency_id}", summary="Survey results of members of an agency")
async def report_agency(agency_id: IdPath, user: StaffDep, template: str | None = None, format: str = FormatQ) -> Any:
    return await _render(reports.Scope(agency_id=agency_id, template=template), user, format, f"agency-{agency_id}")


@router.get("/reports/target-groups/{code}", summary="Survey results of members of a target group")
async def report_target_group(code: str, user: StaffDep, template: str | None = None,
                              format: str = FormatQ) -> Any:
    return await _render(reports.Scope(target_group=code, template=template), user, format, f"target-group-{code}")


@router.get("/reports/skill-areas/{code}", summary="Survey results of courses in a skill area")
async def report_skill_area(code: str, user: StaffDep, template: str | None = None, format: str = FormatQ) -> Any:
    return await _render(reports.Scope(skill_area=code, template=template), user, format, f"skill-area-{code}")


@router.get("/members/{member_id}/training-record", summary="Completed courses and hours per skill area")
async def member_training_record(member_id: IdPath, user: StaffDep) -> dict[str, Any]:
    if not auth.is_admin(user) and not await taught_member(trainer_id=user.id, member_id=member_id):
        raise NotAllowed("trainers see the records of their own participants only",
                         message_th="ดูได้เฉพาะประวัติของผู้เข้าอบรมในรุ่นที่ท่านเป็นวิทยากร")
    return await training_record(member_id)
