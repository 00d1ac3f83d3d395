"""Civil servants who use the bot, and the agencies they work for."""

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.models.framework import TargetGroup


class Agency(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=255, unique=True)
    short_name = fields.CharField(max_length=100, default="")
    ministry = fields.CharField(max_length=255, default="")
    # Other spellings users type, separated by "|".
    aliases = fields.TextField(default="")
    # The agency this one is a sub-unit of (a สำนัก or กอง of a กรม, a provincial office): its coordinator follows
    # the sub-units' staff too.
    parent: fields.ForeignKeyNullableRelation["Agency"] = fields.ForeignKeyField(
        "models.Agency", related_name="sub_units", null=True, on_delete=fields.SET_NULL
    )
    parent_id: int | None

    class Meta:
        table = "agency"


class Member(Model):
    id = fields.IntField(primary_key=True)
    line_user_id = fields.CharField(max_length=64, unique=True, null=True)
    display_name = fields.CharField(max_length=255, default="")
    agency: fields.ForeignKeyNullableRelation[Agency] = fields.ForeignKeyField(
        "models.Agency", related_name="members", null=True, on_delete=fields.SET_NULL
    )
    agency_id: int | None
    agency_text = fields.CharField(max_length=255, default="")
    position = fields.CharField(max_length=255, default="")
    target_group: fields.ForeignKeyNullableRelation["TargetGroup"] = fields.ForeignKeyField(
        "models.TargetGroup", related_name="members", null=True, on_delete=fields.SET_NULL
    )
    target_group_id: str | None
    province = fields.CharField(max_length=100, null=True)
    # The name as officially registered, printed on certificates (never the LINE display name): คำนำหน้า (นาย,
    # นาง, นางสาว, a rank or an academic title), ชื่อ, นามสกุล. official_name_at: when the member gave it (with
    # the notice of what it is used for) or it was last corrected.
    official_title = fields.CharField(max_length=60, default="")
    official_first_name = fields.CharField(max_length=100, default="")
    official_last_name = fields.CharField(max_length=100, default="")
    official_name_at = fields.DatetimeField(null=True)
    # When the member was last asked for it because a certificate waits for it (asked once, not at every run).
    official_name_requested_at = fields.DatetimeField(null=True)
    consent_at = fields.DatetimeField(null=True)
    consent_version = fields.CharField(max_length=20, default="")
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    deleted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "member"
