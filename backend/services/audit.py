"""The audit log: who changed what. Every admin or trainer write records one row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from backend.models import AuditLog, StaffUser


def staff_actor(user: StaffUser) -> str:
    """The actor label of a staff user in audit rows and registration events."""
    return f"staff:{user.username}"


def member_actor(member_id: int) -> str:
    return f"member:{member_id}"


SYSTEM_ACTOR = "system"


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    actor: str
    action: str
    target_type: str
    target_id: str
    details: dict[str, Any]


async def record(
    *,
    actor: str,
    action: str,
    target_type: str = "",
    target_id: str | int = "",
    details: dict[str, Any] | None = None,
    using_db: BaseDBAsyncClient | None = None,
) -> None:
    """Append one audit row. `details` must not contain secrets or personal data beyond ids."""
    await AuditLog.create(
        actor=actor[:100],
        action=action[:100],
        target_type=target_type[:50],
        target_id=str(target_id)[:100],
        details=details or {},
        using_db=using_db,
    )


async def recent(*, limit: int = 50, action: str | None = None, actor: str | None = None) -> list[AuditEntry]:
    query = AuditLog.all().order_by("-id").limit(max(1, min(limit, 500)))
    if action:
        query = query.filter(action=action)
    if actor:
        query = query.filter(actor=actor)
    return [
        AuditEntry(
            id=row.id, at=row.at, actor=row.actor, action=row.action,
            target_type=row.target_type, target_id=row.target_id, details=row.details or {},
        )
        for row in await query
    ]
