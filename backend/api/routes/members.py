"""Members lookup for admins, and their PDPA data export and erasure."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from backend.api.auth import AdminUser
from backend.api.params import IdPath
from backend.deps import ClockDep, RuntimeDep
from backend.schemas.members import DeletionReportPublic, MemberDetailPublic, MemberPagePublic, MemberPublic
from backend.schemas.registrations import MemberRegistrationPublic
from backend.services import audit, members, registration
from backend.services.audit import staff_actor

router = APIRouter(prefix="/api/v1/members", tags=["members"])



@router.get("", response_model=MemberPagePublic, summary="Find members by name, LINE id, position or agency")
async def search_members(
    user: AdminUser,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> MemberPagePublic:
    return MemberPagePublic.model_validate(await members.search_members(q=q, limit=limit, offset=offset))


@router.get("/{member_id}", response_model=MemberDetailPublic, summary="A member and their registrations")
async def get_member(member_id: IdPath, user: AdminUser, clock: ClockDep) -> MemberDetailPublic:
    info = await members.get_member(member_id)
    regs = await registration.list_member_registrations(member_id, include_cancelled=True, clock=clock)
    return MemberDetailPublic(
        **MemberPublic.model_validate(info).model_dump(),
        registrations=[MemberRegistrationPublic.model_validate(r) for r in regs],
    )


@router.get("/{member_id}/export", summary="Everything stored about a member (PDPA access request)")
async def export_member(member_id: IdPath, user: AdminUser, clock: ClockDep) -> dict[str, Any]:
    data = await members.export_member_data(member_id, clock=clock)
    await audit.record(actor=staff_actor(user), action="member.export", target_type="member", target_id=member_id)
    return data


@router.delete("/{member_id}/personal-data", response_model=DeletionReportPublic,
               summary="Erase a member's personal data (PDPA); anonymous statistics stay")
async def delete_member_data(member_id: IdPath, user: AdminUser, clock: ClockDep,
                             runtime: RuntimeDep) -> DeletionReportPublic:
    report = await members.delete_member_data(member_id=member_id, actor=staff_actor(user), clock=clock,
                                              channel=runtime.channel_memory, announcer=runtime.announcer)
    return DeletionReportPublic.model_validate(report)
