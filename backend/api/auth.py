"""Who is calling the REST API: Bearer API tokens of staff users (admins, trainers, agency coordinators).

Missing or wrong token -> 401 with a JSON reason; a valid token with the wrong role -> 403.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from backend.deps import ClockDep
from backend.models import Role, StaffUser
from backend.services.auth import verify_token
from backend.services.errors import ADMIN_ONLY_TH, OWN_SESSIONS_ONLY_TH, NotAllowed, Unauthorized

_bearer = HTTPBearer(auto_error=False, description="API token of an admin or trainer")


async def current_staff(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    clock: ClockDep,
) -> StaffUser:
    """The active staff user behind the Bearer token; 401 otherwise."""
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthorized("missing Bearer token")
    user = await verify_token(credentials.credentials.strip(), now=clock.utcnow())
    if user is None:
        raise Unauthorized("invalid or revoked token")
    return user


async def require_admin(user: Annotated[StaffUser, Depends(current_staff)]) -> StaffUser:
    if user.role != Role.admin:
        raise NotAllowed("admin role required", message_th=ADMIN_ONLY_TH)
    return user


async def require_coordinator_or_admin(user: Annotated[StaffUser, Depends(current_staff)]) -> StaffUser:
    """Agency figures: a coordinator (their own agency and its sub-units only, see coordination.agency_in_scope) or an admin."""
    if user.role not in (Role.admin, Role.coordinator):
        raise NotAllowed("coordinator or admin role required",
                         message_th="เฉพาะผู้ประสานงานหน่วยงานและผู้ดูแลระบบเท่านั้น")
    return user


async def require_trainer_or_admin(user: Annotated[StaffUser, Depends(current_staff)]) -> StaffUser:
    if user.role not in (Role.admin, Role.trainer):
        raise NotAllowed("trainer or admin role required")
    return user


def ensure_own_session(user: StaffUser, trainer_id: int | None) -> None:
    """Trainers act on their own sessions only; admins on all."""
    if user.role == Role.admin:
        return
    if trainer_id is None or trainer_id != user.id:
        raise NotAllowed("trainers may only access their own sessions", message_th=OWN_SESSIONS_ONLY_TH)


CurrentStaff = Annotated[StaffUser, Depends(current_staff)]
AdminUser = Annotated[StaffUser, Depends(require_admin)]
TrainerOrAdmin = Annotated[StaffUser, Depends(require_trainer_or_admin)]
CoordinatorOrAdmin = Annotated[StaffUser, Depends(require_coordinator_or_admin)]
