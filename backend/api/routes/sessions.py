"""Sessions (รุ่น): public detail, admin changes, and the registration list for its trainer or admins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from backend.api.auth import AdminUser, TrainerOrAdmin, ensure_own_session
from backend.api.params import IdPath
from backend.deps import ClockDep, RuntimeDep
from backend.schemas.catalogue import PromotedPublic, SessionPublic, SessionUpdate, SessionUpdated
from backend.schemas.registrations import SessionRegistrantPublic
from backend.services import catalogue, registration
from backend.services.audit import staff_actor

router = APIRouter(prefix="/api/v1/sessions", tags=["sessions"])



@router.get("/{session_id}", response_model=SessionPublic, summary="A session with seats left")
async def get_session(session_id: IdPath, clock: ClockDep) -> SessionPublic:
    return SessionPublic.model_validate(await catalogue.get_session(session_id, clock=clock))


@router.patch("/{session_id}", response_model=SessionUpdated, summary="Change a session")
async def update_session(session_id: IdPath, body: SessionUpdate, user: AdminUser, clock: ClockDep,
                         runtime: RuntimeDep) -> SessionUpdated:
    info, promotions = await catalogue.update_session(session_id, body, actor=staff_actor(user), clock=clock,
                                                      announcer=runtime.announcer)
    return SessionUpdated(
        session=SessionPublic.model_validate(info),
        promoted=[PromotedPublic.model_validate(p) for p in promotions],
    )


@router.get("/{session_id}/registrations", response_model=list[SessionRegistrantPublic],
            summary="Registrations of a session (its trainer or an admin)")
async def session_registrations(
    session_id: IdPath,
    user: TrainerOrAdmin,
    include_cancelled: Annotated[bool, Query()] = False,
) -> list[SessionRegistrantPublic]:
    ensure_own_session(user, await catalogue.session_trainer_id(session_id))
    rows = await registration.session_registrations(session_id, include_cancelled=include_cancelled)
    return [SessionRegistrantPublic.model_validate(r) for r in rows]
