"""Consent and the LINE link: a member record exists only once the user accepted the privacy notice;
unfollowing stops pushes, following again resumes them."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

from backend.clock import Clock
from backend.models import Member
from backend.services.errors import ValidationFailed
from backend.services.members.member_records import get_member, get_member_by_line_id
from backend.services.members.views import MemberInfo


async def record_consent(*, line_user_id: str, version: str, clock: Clock, display_name: str = "") -> MemberInfo:
    """The user accepted the privacy notice: create (or re-activate) their member record."""
    if not line_user_id or len(line_user_id) > 64:
        raise ValidationFailed.field("line_user_id", "must be 1-64 characters")
    now = clock.utcnow()
    member = await Member.get_or_none(line_user_id=line_user_id)
    if member is None:
        try:
            member = await Member.create(
                line_user_id=line_user_id, display_name=display_name[:255], consent_at=now,
                consent_version=version[:20], active=True,
            )
            return await get_member(member.id)
        except IntegrityError:  # the same user's other event got there first
            member = await Member.get(line_user_id=line_user_id)
    member.consent_at = now
    member.consent_version = version[:20]
    member.active = True
    if display_name and not member.display_name:
        member.display_name = display_name[:255]
    await member.save(update_fields=["consent_at", "consent_version", "active", "display_name", "updated_at"])
    return await get_member(member.id)


async def deactivate_member(line_user_id: str) -> bool:
    """The user blocked or unfollowed the account: no more pushes. True if a member was found."""
    return bool(await Member.filter(line_user_id=line_user_id, deleted_at__isnull=True).update(active=False))


async def reactivate_member(line_user_id: str) -> MemberInfo | None:
    """The user followed the account again; returns the member if they had consented before."""
    # Most follows come from members who are active already: one fixed statement (the bot's member lookup).
    found = await get_member_by_line_id(line_user_id)
    if found is None or found.active:
        return found
    member = await Member.get_or_none(id=found.id, deleted_at__isnull=True)
    if member is None:
        return None
    member.active = True
    await member.save(update_fields=["active", "updated_at"])
    return await get_member(member.id)

