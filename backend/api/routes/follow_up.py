"""ONDE's follow-up of certified courses (admins): a scorecard per course, one course's quarterly trend, and
the thresholds that raise the flags. Dates are ISO 8601; courses are named by their code."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from backend.api.auth import AdminUser
from backend.api.params import CourseRef
from backend.deps import ClockDep
from backend.schemas.follow_up import (
    CourseFollowUpPublic,
    ScorecardPublic,
    ThresholdsPublic,
    ThresholdsUpdate,
)
from backend.services import catalogue, follow_up
from backend.services.audit import staff_actor
from backend.services.errors import CourseNotFound

router = APIRouter(prefix="/api/v1/follow-up", tags=["follow-up"])
Flag = Literal["any", "l1_low", "response_low", "no_recent_session", "certification_expiring"]
Sort = Literal["code", "title_th", "provider", "sessions_held", "trainees", "completion_rate", "l1_mean", "l2_gain",
               "l3_applied_rate", "response_rate", "certification_expires", "flags"]


@router.get("/courses", response_model=list[ScorecardPublic],
            summary="A scorecard per certified course over the last 12 months, with its flags")
async def list_scorecards(
    user: AdminUser, clock: ClockDep,
    q: Annotated[str | None, Query(max_length=200, description="Part of the code, title or provider")] = None,
    flag: Annotated[Flag | None, Query(description="Only courses with this flag (any: with a flag)")] = None,
    sort: Sort = "code", descending: bool = False,
) -> list[ScorecardPublic]:
    cards = await follow_up.list_scorecards(today=clock.today(), thresholds=await follow_up.current_thresholds(),
                                            q=q, flag=flag, sort=sort, descending=descending)
    return [ScorecardPublic.model_validate(c) for c in cards]


@router.get("/courses/{course}", response_model=CourseFollowUpPublic,
            summary="One certified course's scorecard and its figures per fiscal quarter")
async def course_follow_up(course: CourseRef, user: AdminUser, clock: ClockDep) -> CourseFollowUpPublic:
    course_id = await catalogue.resolve_course_id(course)
    found = await follow_up.course_follow_up(course_id, today=clock.today(),
                                             thresholds=await follow_up.current_thresholds())
    if found is None:
        raise CourseNotFound(f"course {course!r} has no certification to follow up", code_value=course,
                             message_th="หลักสูตรนี้ยังไม่มีเลขที่การรับรอง")
    return CourseFollowUpPublic.model_validate(found)


@router.get("/thresholds", response_model=ThresholdsPublic, summary="What raises a course's flags")
async def get_thresholds(user: AdminUser) -> ThresholdsPublic:
    return ThresholdsPublic.model_validate(await follow_up.current_thresholds())


@router.put("/thresholds", response_model=ThresholdsPublic, summary="Change what raises a course's flags")
async def put_thresholds(body: ThresholdsUpdate, user: AdminUser, clock: ClockDep) -> ThresholdsPublic:
    saved = await follow_up.set_thresholds(**body.model_dump(), actor=staff_actor(user), now=clock.utcnow())
    return ThresholdsPublic.model_validate(saved)
