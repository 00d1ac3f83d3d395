"""Attendance API: trainers mark who attended their sessions (JSON ids or a CSV file)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, UploadFile

from backend.api.auth import TrainerOrAdmin as StaffDep
from backend.api.params import IdPath
from backend.deps import RuntimeDep
from backend.runtime import Runtime
from backend.schemas.attendance import AttendanceUpdate
from backend.services import attendance, certificates
from backend.services.staff_access import session_for_staff

router = APIRouter(prefix="/api/v1/sessions", tags=["attendance"])


async def _mark(session_id: IdPath, user: StaffDep, members: list[int], regs: list[int], attended: bool,
                runtime: Runtime) -> dict[str, Any]:
    now = runtime.clock.utcnow()
    session = await session_for_staff(session_id, user)
    result = await attendance.mark_attendance(session=session, staff=user, member_ids=members,
                                              registration_ids=regs, attended=attended, now=now)
    issued = []
    for reg_id in result.marked:  # a member who answered L1 before being marked earns the certificate now
        cert = await certificates.issue_if_eligible(reg_id, now=now)
        if cert is not None:
            issued.append(cert.number)
    if issued:
        await runtime.queue.enqueue_job("push_certificates")
    return {"marked": result.marked, "already": result.already, "unmarked": result.unmarked,
            "refused": result.refused, "certificates_issued": issued}


@router.post("/{session_id}/attendance", summary="Mark attendance by member ids and/or registration ids")
async def post_attendance(session_id: IdPath, body: AttendanceUpdate, user: StaffDep, runtime: RuntimeDep) -> dict[str, Any]:
    return await _mark(session_id, user, body.member_ids, body.registration_ids, body.attended, runtime)


@router.post("/{session_id}/attendance/csv", summary="Mark attendance from a CSV (member_id or registration_id)")
async def post_attendance_csv(session_id: IdPath, request: Request, user: StaffDep, runtime: RuntimeDep,
                              file: UploadFile | None = None) -> dict[str, Any]:
    raw = await file.read() if file is not None else await request.body()
    await session_for_staff(session_id, user)
    members, regs = attendance.parse_attendance_csv(raw.decode("utf-8-sig", errors="replace"))
    return await _mark(session_id, user, members, regs, True, runtime)


@router.get("/{session_id}/attendance", summary="Registered members of a session and their attendance")
async def get_attendance(session_id: IdPath, user: StaffDep) -> list[dict[str, Any]]:
    session = await session_for_staff(session_id, user)
    return await attendance.attendance_sheet(session)


