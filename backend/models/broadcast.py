"""Announcements to an audience of members, sent by the worker in multicast batches of up to 500."""

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model


class BroadcastStatus(StrEnum):
    scheduled = "scheduled"  # waiting for its time (or for quiet hours to end)
    sending = "sending"
    completed = "completed"
    cancelled = "cancelled"


class BatchStatus(StrEnum):
    pending = "pending"
    sent = "sent"
    failed = "failed"
    cancelled = "cancelled"


class Broadcast(Model):
    id = fields.IntField(primary_key=True)
    title = fields.CharField(max_length=200, default="")
    # AudienceFilter as JSON (backend.services.audience).
    audience: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    # LINE message objects (1-5) in LINE JSON shape.
    messages: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    urgent = fields.BooleanField(default=False)
    status = fields.CharEnumField(BroadcastStatus, max_length=10, default=BroadcastStatus.scheduled, db_index=True)
    # When the admin asked for it to go out, and when it may (after quiet hours unless urgent).
    requested_at = fields.DatetimeField(null=True)
    send_after = fields.DatetimeField(db_index=True)
    created_by = fields.CharField(max_length=100, default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    started_at = fields.DatetimeField(null=True)
    finished_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)
    # Audience size counted when sending started; planning (streamed) fixes the real recipients.
    total_recipients = fields.IntField(default=0)
    planning_done = fields.BooleanField(default=False)

    class Meta:
        table = "broadcast"


class BroadcastBatch(Model):
    """Up to 500 recipients of one broadcast, planned (with its retry key) before it is sent."""

    id = fields.BigIntField(primary_key=True)
    broadcast: fields.ForeignKeyRelation[Broadcast] = fields.ForeignKeyField(
        "models.Broadcast", related_name="batches", on_delete=fields.CASCADE
    )
    broadcast_id: int
    seq = fields.IntField()
    # X-Line-Retry-Key, fixed before the first attempt so a resumed batch is answered 409, not delivered twice.
    retry_key = fields.CharField(max_length=36, unique=True)
    user_ids: fields.JSONField[list[str]] = fields.JSONField(default=list)
    recipients = fields.IntField()
    last_member_id = fields.IntField()
    status = fields.CharEnumField(BatchStatus, max_length=10, default=BatchStatus.pending)
    attempts = fields.IntField(default=0)
    last_http_status = fields.IntField(null=True)
    outcome = fields.CharField(max_length=20, default="")
    request_id = fields.CharField(max_length=64, default="")
    error = fields.CharField(max_length=500, default="")
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "broadcast_batch"
        unique_together = (("broadcast", "seq"),)
        indexes = (("broadcast", "status"),)
