"""Government agencies members work for (matched from what they type)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from backend.api.auth import AdminUser, TrainerOrAdmin
from backend.schemas.agencies import AgencyCreate, AgencyPublic
from backend.services import members
from backend.services.audit import staff_actor

router = APIRouter(prefix="/api/v1/agencies", tags=["agencies"])


@router.get("", response_model=list[AgencyPublic], summary="Agencies, or the best matches for q")
async def list_agencies(
    user: TrainerOrAdmin,
    q: Annotated[str | None, Query(max_length=200, description="Name, short name (ปค.) or alias; fuzzy")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AgencyPublic]:
    return [AgencyPublic.model_validate(a) for a in await members.list_agencies(q=q, limit=limit)]


@router.post("", response_model=AgencyPublic, status_code=status.HTTP_201_CREATED, summary="Add an agency")
async def create_agency(body: AgencyCreate, user: AdminUser) -> AgencyPublic:
    return AgencyPublic.model_validate(await members.create_agency(
        name=body.name, short_name=body.short_name, ministry=body.ministry, aliases=body.aliases,
        parent_id=body.parent_id,
        actor=staff_actor(user),
    ))
