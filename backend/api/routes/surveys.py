"""REST API for survey templates and dispatching a survey to a session's attendees."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from backend.api.auth import AdminUser, TrainerOrAdmin
from backend.api.params import IdPath
from backend.deps import QueueDep, RuntimeDep
from backend.schemas.surveys import SurveyDispatchCreate, SurveyDispatchPublic, SurveyTemplateCreate
from backend.services import surveys
from backend.services.staff_access import session_for_staff

router = APIRouter(prefix="/api/v1", tags=["surveys"])


StaffDep = TrainerOrAdmin
AdminDep = AdminUser


def _template_out(t: Any) -> dict[str, Any]:
    return {"code": t.code, "title_th": t.title_th, "level": t.level, "anonymous": t.anonymous,
            "questions": t.questions}


@router.get("/survey-templates", summary="Survey templates")
async def get_templates(user: StaffDep) -> list[dict[str, Any]]:
    return [_template_out(t) for t in await surveys.list_templates()]


@router.put("/survey-templates/{code}", summary="Create or replace a survey template (admins)")
async def put_template(code: str, body: SurveyTemplateCreate, user: AdminDep) -> dict[str, Any]:
    data = body.model_dump()
    data["code"] = code
    return _template_out(await surveys.save_template(data))


@router.post("/sessions/{session_id}/surveys", status_code=status.HTTP_201_CREATED, response_model=SurveyDispatchPublic,
             summary="Send a survey to the session's attendees (LINE push with a form link and a chat button)")
async def post_dispatch(session_id: IdPath, body: SurveyDispatchCreate, user: StaffDep, queue: QueueDep,
                        runtime: RuntimeDep) -> SurveyDispatchPublic:
    session = await session_for_staff(session_id, user)
    summary = await surveys.dispatch_survey(
        session=session, template_code=body.template, deadline=body.deadline, phase=body.phase,
        anonymous=body.anonymous, reminder_days=body.reminder_days, staff=user,
        now=runtime.clock.utcnow())
    await queue.enqueue_job("push_survey_invites", summary.id, _job_id=f"survey-invites:{summary.id}")
    return SurveyDispatchPublic.model_validate(await surveys.get_dispatch_status(summary.id))


@router.get("/sessions/{session_id}/surveys", response_model=list[SurveyDispatchPublic],
            summary="Surveys sent for a session")
async def get_dispatches(session_id: IdPath, user: StaffDep) -> list[SurveyDispatchPublic]:
    await session_for_staff(session_id, user)
    return [SurveyDispatchPublic.model_validate(d) for d in await surveys.session_dispatch_statuses(session_id)]


@router.get("/surveys/{dispatch_id}", response_model=SurveyDispatchPublic,
            summary="One survey dispatch: invited, pushed, responded")
async def get_dispatch(dispatch_id: IdPath, user: StaffDep) -> SurveyDispatchPublic:
    found = await surveys.get_dispatch_status(dispatch_id)
    await session_for_staff(found.session_id, user)
    return SurveyDispatchPublic.model_validate(found)
