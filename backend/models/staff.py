"""Staff accounts (admins, trainers, agency coordinators) and their API tokens."""

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.models.catalogue import Provider
    from backend.models.member import Agency


class Role(StrEnum):
    admin = "admin"
    trainer = "trainer"
    # ผู้ประสานงานหน่วยงาน: the agency's HR unit; sees and acts for its own agency's staff only.
    coordinator = "coordinator"


class StaffUser(Model):
    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=100, unique=True)
    display_name = fields.CharField(max_length=255, default="")
    role = fields.CharEnumField(Role, max_length=20)
    password_hash = fields.CharField(max_length=255, null=True)
    provider: fields.ForeignKeyNullableRelation["Provider"] = fields.ForeignKeyField(
        "models.Provider", related_name="staff", null=True, on_delete=fields.SET_NULL
    )
    provider_id: int | None
    # A coordinator's agency (required for that role, empty for the others).
    agency: fields.ForeignKeyNullableRelation["Agency"] = fields.ForeignKeyField(
        "models.Agency", related_name="coordinators", null=True, on_delete=fields.SET_NULL
    )
    agency_id: int | None
    # A trainer may link their LINE account to push surveys from chat.
    line_user_id = fields.CharField(max_length=64, null=True, unique=True)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "staff_user"


class ApiToken(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[StaffUser] = fields.ForeignKeyField(
        "models.StaffUser", related_name="tokens", on_delete=fields.CASCADE
    )
    user_id: int
    name = fields.CharField(max_length=100, default="")
    token_hash = fields.CharField(max_length=64, unique=True)
    prefix = fields.CharField(max_length=12, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_token"
