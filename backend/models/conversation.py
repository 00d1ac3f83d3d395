"""LINE conversations handed over to staff, and the messages kept while a conversation is handled by people."""

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.models.staff import StaffUser


class HandoverStatus(StrEnum):
    open = "open"
    released = "released"


class Handover(Model):
    """A user asked for a person: the bot stays quiet for them until staff release the conversation."""

    id = fields.IntField(primary_key=True)
    line_user_id = fields.CharField(max_length=64, db_index=True)
    reason = fields.CharField(max_length=500, default="")
    status = fields.CharEnumField(HandoverStatus, max_length=10, default=HandoverStatus.open, db_index=True)
    opened_at = fields.DatetimeField(auto_now_add=True)
    released_at = fields.DatetimeField(null=True)
    released_by: fields.ForeignKeyNullableRelation["StaffUser"] = fields.ForeignKeyField(
        "models.StaffUser", related_name="released_handovers", null=True, on_delete=fields.SET_NULL
    )
    released_by_id: int | None

    class Meta:
        table = "handover"


class ConversationMessage(Model):
    """A message in a LINE chat: from the user ("in"), the bot ("out") or staff ("staff")."""

    id = fields.IntField(primary_key=True)
    line_user_id = fields.CharField(max_length=64, db_index=True)
    direction = fields.CharField(max_length=5)
    text = fields.TextField()
    staff_user: fields.ForeignKeyNullableRelation["StaffUser"] = fields.ForeignKeyField(
        "models.StaffUser", related_name="conversation_messages", null=True, on_delete=fields.SET_NULL
    )
    staff_user_id: int | None
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "conversation_message"
        indexes = (("line_user_id", "at"),)
