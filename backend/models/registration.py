"""Registrations for sessions and the history of what happened to each."""

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.models.catalogue import Session
    from backend.models.member import Member


class RegistrationStatus(StrEnum):
    registered = "registered"
    waitlisted = "waitlisted"
    cancelled = "cancelled"
    attended = "attended"
    completed = "completed"


ACTIVE_STATUSES = (
    RegistrationStatus.registered,
    RegistrationStatus.waitlisted,
    RegistrationStatus.attended,
    RegistrationStatus.completed,
)
SEAT_HOLDING_STATUSES = (
    RegistrationStatus.registered,
    RegistrationStatus.attended,
    RegistrationStatus.completed,
)


class Registration(Model):
    id = fields.IntField(primary_key=True)
    member: fields.ForeignKeyRelation["Member"] = fields.ForeignKeyField(
        "models.Member", related_name="registrations", on_delete=fields.CASCADE
    )
    member_id: int
    session: fields.ForeignKeyRelation["Session"] = fields.ForeignKeyField(
        "models.Session", related_name="registrations", on_delete=fields.CASCADE
    )
    session_id: int
    status = fields.CharEnumField(RegistrationStatus, max_length=12, db_index=True)
    # "<member>:<session>" while the registration is active, NULL once cancelled: a unique column that
    # enforces one active registration per member per session on every database.
    active_key = fields.CharField(max_length=40, unique=True, null=True)
    registered_at = fields.DatetimeField(null=True)
    waitlisted_at = fields.DatetimeField(null=True)
    promoted_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)
    attended_at = fields.DatetimeField(null=True)
    completed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "registration"
        indexes = (("session", "status"), ("member", "status"))


class RegistrationEvent(Model):
    """What happened to a registration and who did it (registered, waitlisted, promoted, cancelled...)."""

    id = fields.IntField(primary_key=True)
    registration: fields.ForeignKeyRelation[Registration] = fields.ForeignKeyField(
        "models.Registration", related_name="events", on_delete=fields.CASCADE
    )
    registration_id: int
    kind = fields.CharField(max_length=20)
    actor = fields.CharField(max_length=100, default="")
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "registration_event"
        indexes = (("registration",),)
