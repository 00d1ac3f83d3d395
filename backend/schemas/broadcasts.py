"""Broadcasts: what the API and the admin page ask for (Create). Who receives it is an AudienceFilter
(backend.services.audience), the same filter the audience count takes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator

from backend.schemas.bounds import BoundedDateTime
from backend.services.audience import AudienceFilter

__all__ = ["MAX_MESSAGES", "MESSAGE_TYPES", "AudienceFilter", "BroadcastCreate"]

MAX_MESSAGES = 5
MESSAGE_TYPES = {"text", "flex", "image", "imagemap", "sticker", "template", "video", "audio", "location"}


class BroadcastCreate(BaseModel):
    """What the API and the admin page ask for."""

    title: str = Field(default="", max_length=200)
    audience: AudienceFilter = Field(default_factory=AudienceFilter)
    messages: list[dict[str, Any]] = Field(min_length=1, max_length=MAX_MESSAGES)
    send_at: BoundedDateTime | None = Field(default=None, description="ISO time; empty = now")
    urgent: bool = Field(default=False, description="send during quiet hours (21:00-08:00 Bangkok)")

    @field_validator("messages")
    @classmethod
    def _line_messages(cls, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for i, message in enumerate(messages):
            kind = message.get("type")
            if kind not in MESSAGE_TYPES:
                raise ValueError(f"messages[{i}].type must be one of {sorted(MESSAGE_TYPES)}")
            if kind == "text" and not (isinstance(message.get("text"), str) and message["text"].strip()):
                raise ValueError(f"messages[{i}].text is empty")
            if kind == "text" and len(str(message["text"]).encode("utf-16-le")) // 2 > 5000:
                raise ValueError(f"messages[{i}].text is longer than 5,000 characters")
            if kind == "flex" and not (message.get("altText") and isinstance(message.get("contents"), dict)):
                raise ValueError(f"messages[{i}] needs altText and contents")
            if kind == "image" and not (message.get("originalContentUrl") and message.get("previewImageUrl")):
                raise ValueError(f"messages[{i}] needs originalContentUrl and previewImageUrl")
        return messages
