"""Audit log of admin and trainer actions."""

from typing import Any

from tortoise import fields
from tortoise.models import Model


class AuditLog(Model):
    id = fields.IntField(primary_key=True)
    at = fields.DatetimeField(auto_now_add=True, db_index=True)
    actor = fields.CharField(max_length=100)
    action = fields.CharField(max_length=100)
    target_type = fields.CharField(max_length=50, default="")
    target_id = fields.CharField(max_length=100, default="")
    details: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)

    class Meta:
        table = "audit_log"
