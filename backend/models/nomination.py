"""Nominations: an agency coordinator puts a member of their agency forward for a session; the member accepts
(then registers under the self-registration rules) or declines."""

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.models.catalogue import Session
    from backend.models.member import Agency, Member
    from backend.models.registration import Registration
    from backend.models.staff import StaffUser


class NominationStatus(StrEnum):
    pending = "pending"
    accepted = "accepted"
    declined = "declined"


class Nomination(Model):
    id = fields.IntField(primary_key=True)
    member: fields.ForeignKeyRelation["Member"] = fields.ForeignKeyField(
        "models.Member", related_name="nominations", on_delete=fields.CASCADE
    )
    member_id: int
    session: fields.ForeignKeyRelation["Session"] = fields.ForeignKeyField(
        "models.Session", related_name="nominations", on_delete=fields.CASCADE
    )
    session_id: int
    agency: fields.ForeignKeyNullableRelation["Agency"] = fields.ForeignKeyField(
        "models.Agency", related_name="nominations", null=True, on_delete=fields.SET_NULL
    )
    agency_id: int | None
    nominated_by: fields.ForeignKeyNullableRelation["StaffUser"] = fields.ForeignKeyField(
        "models.StaffUser", related_name="nominations", null=True, on_delete=fields.SET_NULL
    )
    nominated_by_id: int | None
    status = fields.CharEnumField(NominationStatus, max_length=10, default=NominationStatus.pending)
    # After acceptance: the registration it made and whether it got a seat (registered) or a waitlist place.
    registration: fields.ForeignKeyNullableRelation["Registration"] = fields.ForeignKeyField(
        "models.Registration", related_name="nominations", null=True, on_delete=fields.SET_NULL
    )
    registration_id: int | None
    outcome = fields.CharField(max_length=12, default="")
    # The LINE push: when it went out and what became of it.
    pushed_at = fields.DatetimeField(null=True)
    push_outcome = fields.CharField(max_length=20, default="")
    answered_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "nomination"
        unique_together = (("member", "session"),)
        indexes = (("agency", "status"),)
