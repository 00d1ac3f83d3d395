"""Storing a member's official name (คำนำหน้า + ชื่อ + นามสกุล) and correcting it.

Setting it keeps the member's certificates in step (their number and check code stay); every change is
audited, without the name itself in the audit row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from backend.clock import Clock
from backend.models import Certificate, Member
from backend.services import audit
from backend.services.errors import MemberNotFound
from backend.services.members.member_records import member_or_404
from backend.services.members.naming import OfficialName, clean_official_name


@dataclass(frozen=True)
class OfficialNameChange:
    name: OfficialName
    changed_fields: list[str]
    certificates_renamed: int
    first_time: bool


_FIELDS = ("official_title", "official_first_name", "official_last_name")


async def set_official_name(*, member_id: int, title: str | None, first_name: str | None,
                            last_name: str | None, actor: str, clock: Clock) -> OfficialNameChange:
    """Store (or correct) the member's official name and rename their certificates: the next download
    prints the new name under the same number and check code. Audited (which parts changed, not the name).
    Raises MemberNotFound (also for an erased member), ValidationFailed."""
    name = clean_official_name(title, first_name, last_name)
    member = await member_or_404(member_id)
    if member.deleted_at is not None:
        raise MemberNotFound(f"member {member_id} not found")
    before = (member.official_title, member.official_first_name, member.official_last_name)
    after = (name.title, name.first_name, name.last_name)
    changed = [field for field, old, new in zip(_FIELDS, before, after, strict=True) if old != new]
    first_time = not member.official_first_name
    if not changed:
        return OfficialNameChange(name=name, changed_fields=[], certificates_renamed=0, first_time=False)
    now = clock.utcnow()
    async with in_transaction() as conn:
        await Member.filter(id=member_id).using_db(conn).update(
            official_title=name.title, official_first_name=name.first_name, official_last_name=name.last_name,
            official_name_at=now, updated_at=now)
        renamed = await Certificate.filter(member_id=member_id).using_db(conn).update(name_on_certificate=name.full)
        await audit.record(actor=actor, action="member.official_name", target_type="member", target_id=member_id,
                           details={"fields": changed, "first_time": first_time,
                                    "certificates_renamed": int(renamed or 0)}, using_db=conn)
    return OfficialNameChange(name=name, changed_fields=changed, certificates_renamed=int(renamed or 0),
                              first_time=first_time)


async def mark_official_name_requested(member_id: int, *, now: dt.datetime) -> None:
    """The member was asked for their official name (so that the certificate job does not ask again)."""
    await Member.filter(id=member_id).update(official_name_requested_at=now)
