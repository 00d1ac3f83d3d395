"""Whose people a staff member may see: a coordinator their own agency and its sub-units only, an admin any
agency they name, a trainer none."""

from __future__ import annotations

from backend.services.coordination.units import agency_units
from backend.services.errors import NotAllowed, ValidationFailed

OWN_AGENCY_ONLY_TH = "เข้าถึงได้เฉพาะบุคลากรในหน่วยงานของท่าน"


class NotYourAgency(NotAllowed):
    code = "not_your_agency"
    default_detail = "coordinators see their own agency only"
    default_message_th = OWN_AGENCY_ONLY_TH


async def agency_in_scope(*, role: str, own_agency_id: int | None, requested: int | None) -> int:
    """The agency this staff member acts on: a coordinator's own (or one of its sub-units they name), the one
    an admin names. Raises NotYourAgency (another agency, or not a role that follows agencies) and
    ValidationFailed (an admin who named none)."""
    if role == "coordinator":
        if own_agency_id is None:
            raise NotYourAgency(requested=requested)
        if requested is None or requested == own_agency_id:
            return own_agency_id
        if requested not in await agency_units(own_agency_id):
            raise NotYourAgency(requested=requested)
        return requested
    if role == "admin":
        if requested is None:
            raise ValidationFailed.field("agency_id", "required: the agency to look at")
        return requested
    raise NotYourAgency("agency pages are for coordinators and admins",
                        message_th="เฉพาะผู้ประสานงานหน่วยงานและผู้ดูแลระบบเท่านั้น")


async def member_in_scope(*, role: str, own_agency_id: int | None, member_id: int) -> None:
    """An admin may look at any member, a coordinator at the members of their agency; NotYourAgency otherwise."""
    from backend.services.coordination.staff import member_in_agency

    if role == "admin":
        return
    if role == "coordinator" and own_agency_id is not None and await member_in_agency(member_id, own_agency_id):
        return
    raise NotYourAgency(member_id=member_id)
