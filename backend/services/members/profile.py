"""A member's profile: target group, agency (typed, then matched), position, name, province."""

from __future__ import annotations

from typing import Any

from backend.models import Agency, TargetGroup
from backend.services.errors import MemberNotFound, ValidationFailed
from backend.services.members.agencies import AGENCY_MATCH_THRESHOLD, match_agencies
from backend.services.members.member_records import get_member, member_or_404
from backend.services.members.views import AgencyMatch, ProfileUpdate
from backend.services.provinces import canonical_province

_UNSET: Any = object()


async def update_profile(
    *,
    member_id: int,
    target_group: str | None = _UNSET,
    agency_text: str | None = _UNSET,
    agency_id: int | None = _UNSET,
    position: str | None = _UNSET,
    display_name: str | None = _UNSET,
    province: str | None = _UNSET,
) -> ProfileUpdate:
    """Change the given profile fields (omitted ones stay).

    agency_text is kept as typed and matched to the agency list: one clear match sets the agency, otherwise
    the agency is left unset and `agency_candidates` lists the likely ones (pass the chosen agency_id next).
    Raises MemberNotFound, ValidationFailed (unknown target group, agency id or province).
    """
    member = await member_or_404(member_id)
    if member.deleted_at is not None:
        raise MemberNotFound(f"member {member_id} not found")
    fields: list[str] = []
    candidates: list[AgencyMatch] = []
    if target_group is not _UNSET:
        if target_group is not None and not await TargetGroup.filter(code=target_group, active=True).exists():
            raise ValidationFailed.field("target_group", f"unknown target group {target_group!r}")
        member.target_group_id = target_group
        fields.append("target_group_id")
    if agency_id is not _UNSET:
        if agency_id is not None and not await Agency.filter(id=agency_id).exists():
            raise ValidationFailed.field("agency_id", "unknown agency")
        member.agency_id = agency_id
        fields.append("agency_id")
    if agency_text is not _UNSET:
        member.agency_text = (agency_text or "").strip()[:255]
        fields.append("agency_text")
        if agency_id is _UNSET:
            matches = await match_agencies(member.agency_text, limit=5)
            clear = matches and matches[0].score >= AGENCY_MATCH_THRESHOLD and (
                len(matches) == 1 or matches[0].score - matches[1].score >= 0.1 or matches[0].score == 1.0
            )
            member.agency_id = matches[0].id if clear else None
            fields.append("agency_id")
            if not clear:
                candidates = matches
    if position is not _UNSET:
        member.position = (position or "").strip()[:255]
        fields.append("position")
    if display_name is not _UNSET:
        member.display_name = (display_name or "").strip()[:255]
        fields.append("display_name")
    if province is not _UNSET:
        name = canonical_province(province) if province else None
        if province and name is None:
            raise ValidationFailed.field("province", "unknown province")
        member.province = name
        fields.append("province")
    if fields:
        await member.save(update_fields=[*dict.fromkeys(fields), "updated_at"])
    return ProfileUpdate(member=await get_member(member.id), agency_candidates=candidates)

