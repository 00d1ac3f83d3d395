"""Attendance: trainers mark who attended a session (by member or registration id, or from CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from tortoise.transactions import in_transaction

from backend.models import Registration, RegistrationEvent, RegistrationStatus, Session, StaffUser
from backend.services.errors import ValidationFailed

MARKABLE = (RegistrationStatus.registered,)
ALREADY = (RegistrationStatus.attended, RegistrationStatus.completed)


@dataclass
class AttendanceResult:
    marked: list[int] = field(default_factory=list)  # registration ids newly marked attended
    already: list[int] = field(default_factory=list)
    unmarked: list[int] = field(default_factory=list)
    # Ids that are not an active registration of this session, with the reason.
    refused: list[dict[str, object]] = field(default_factory=list)


async def mark_attendance(
    *,
    session: Session,
    staff: StaffUser,
    member_ids: list[int] | None = None,
    registration_ids: list[int] | None = None,
    attended: bool = True,
    now: dt.datetime,
) -> AttendanceResult:
    """Mark (or with attended=False, unmark) attendance of registrations of this session."""
    member_ids = list(dict.fromkeys(member_ids or []))
    registration_ids = list(dict.fromkeys(registration_ids or []))
    if not member_ids and not registration_ids:
        raise ValidationFailed.field("member_ids", "give member_ids or registration_ids")
    regs = await Registration.filter(session_id=session.id).exclude(status=RegistrationStatus.cancelled)
    by_member = {r.member_id: r for r in regs}
    by_id = {r.id: r for r in regs}
    result = AttendanceResult()
    targets: list[Registration] = []
    for mid in member_ids:
        reg = by_member.get(mid)
        if reg is None:
            result.refused.append({"member_id": mid, "reason": "not registered for this session"})
        else:
            targets.append(reg)
    for rid in registration_ids:
        reg = by_id.get(rid)
        if reg is None:
            result.refused.append({"registration_id": rid, "reason": "not a registration of this session"})
        else:
            targets.append(reg)
    actor = f"staff:{staff.id}"
    async with in_transaction():
        for reg in dict.fromkeys(targets):
            if attended:
                if reg.status in ALREADY:
                    result.already.append(reg.id)
                    continue
                if reg.status not in MARKABLE:
                    result.refused.append({"registration_id": reg.id, "reason": f"status is {reg.status}"})
                    continue
                reg.status = RegistrationStatus.attended
                reg.attended_at = now
                await reg.save(update_fields=["status", "attended_at", "updated_at"])
                await RegistrationEvent.create(registration=reg, kind="attended", actor=actor)
                result.marked.append(reg.id)
            elif reg.status == RegistrationStatus.attended:
                reg.status = RegistrationStatus.registered
                reg.attended_at = None
                await reg.save(update_fields=["status", "attended_at", "updated_at"])
                await RegistrationEvent.create(registration=reg, kind="attendance_removed", actor=actor)
                result.unmarked.append(reg.id)
    return result


def parse_attendance_csv(text: str) -> tuple[list[int], list[int]]:
    """Member and registration ids from a CSV with a `member_id` and/or `registration_id` column
    (Thai headers รหัสสมาชิก / รหัสการลงทะเบียน accepted; an `attended` column with 0/no/ไม่ skips a row)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    aliases = {"รหัสสมาชิก": "member_id", "รหัสการลงทะเบียน": "registration_id", "เข้าร่วม": "attended"}
    headers = {h: aliases.get((h or "").strip(), (h or "").strip().lower()) for h in reader.fieldnames or []}
    if not {"member_id", "registration_id"} & set(headers.values()):
        raise ValidationFailed.field("file", "CSV needs a member_id or registration_id column")
    members: list[int] = []
    registrations: list[int] = []
    errors: list[dict[str, str]] = []
    for line_no, row in enumerate(reader, start=2):
        clean = {headers[k]: (v or "").strip() for k, v in row.items() if k in headers}
        if clean.get("attended", "1").lower() in {"0", "no", "false", "ไม่", "ขาด"}:
            continue
        try:
            if clean.get("registration_id"):
                registrations.append(int(clean["registration_id"]))
            elif clean.get("member_id"):
                members.append(int(clean["member_id"]))
        except ValueError:
            errors.append({"field": f"line {line_no}", "reason": "ids must be whole numbers"})
    if errors:
        raise ValidationFailed("invalid CSV", errors=errors)
    return members, registrations


async def attendance_sheet(session: Session) -> list[dict[str, object]]:
    """Everyone registered for the session and whether they attended (for the trainer page)."""
    regs = await Registration.filter(session_id=session.id).exclude(
        status__in=(RegistrationStatus.cancelled, RegistrationStatus.waitlisted)).select_related("member")
    return [
        {"registration_id": r.id, "member_id": r.member_id, "name": r.member.display_name,
         "status": str(r.status), "attended": r.status in ALREADY}
        for r in sorted(regs, key=lambda r: r.id)
    ]
