"""What the emulator remembers, record by record: deliveries to chats, recorded API calls,
reply tokens, accepted retry keys, rich menus, drawn faults and the events played to the bot."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import orjson

from line_emulator.webhook import WebhookAttempt

Sender = Literal["bot", "user"]
BRIEF_FIELDS = ("replyToken", "to")  # what a brief listing of calls shows of a body


class ReplyTokenError(Exception):
    """The reply token is unknown, already used or expired (LINE: 400 "Invalid reply token")."""


@dataclass(slots=True)
class ReplyToken:
    user_id: str
    issued_at: float
    webhook_event_id: str | None = None
    used_at: float | None = None


@dataclass(slots=True)
class Delivery:
    """Messages that reached one or more chats in one go (a reply, a push, a multicast …).

    Per-user chat logs hold references to shared deliveries, so a multicast to 500 users
    costs 500 list slots, not 500 copies.  Message ``i`` has chat id ``first_id + i``.
    The messages are kept as JSON bytes: millions of parsed objects kept alive would make
    the garbage collector pause the emulator during large broadcasts.
    """

    first_id: int
    sender: Sender
    via: str
    messages_json: bytes
    message_ids: list[str]
    request_id: str | None
    time: float

    @property
    def last_id(self) -> int:
        return self.first_id + len(self.message_ids) - 1

    @property
    def messages(self) -> list[dict[str, Any]]:
        return orjson.loads(self.messages_json)

    def entries(self, user_id: str, after: int = 0) -> list[dict[str, Any]]:
        return [
            {
                "id": self.first_id + i,
                "userId": user_id,
                "from": self.sender,
                "via": self.via,
                "message": message,
                "messageId": self.message_ids[i],
                "requestId": self.request_id,
                "time": self.time,
            }
            for i, message in enumerate(self.messages)
            if self.first_id + i > after
        ]


@dataclass(slots=True)
class RecordedCall:
    """One call to the LINE API as the emulator saw it (the body is kept as received)."""

    seq: int
    request_id: str
    method: str
    path: str
    operation: str
    status: int
    headers: dict[str, str]
    raw_body: bytes | None
    binary: bool
    response: Any
    time: float
    # The body's replyToken and to, taken when the body was parsed for the call (None: not parsed then):
    # load tests list thousands of calls briefly, and re-parsing a carousel for each costs more than the call.
    head: dict[str, Any] | None = None

    @property
    def accepted(self) -> bool:
        return 200 <= self.status < 300

    @property
    def body(self) -> Any:
        if self.raw_body is None:
            return None
        if self.binary:
            return {"bytes": len(self.raw_body)}
        try:
            return orjson.loads(self.raw_body)
        except orjson.JSONDecodeError:
            return self.raw_body.decode("utf-8", "replace")

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "requestId": self.request_id,
            "method": self.method,
            "path": self.path,
            "operation": self.operation,
            "status": self.status,
            "accepted": self.accepted,
            "headers": self.headers,
            "body": self.body,
            "response": self.response,
            "time": self.time,
        }


@dataclass(slots=True)
class AcceptedRetry:
    request_id: str
    accepted_at: float
    response: Any


@dataclass(slots=True)
class RichMenu:
    rich_menu_id: str
    body: dict[str, Any]
    image: bytes | None = None
    image_type: str | None = None


@dataclass(slots=True)
class Fault:
    delay: float = 0.0
    kind: Literal["error", "timeout"] | None = None


@dataclass(slots=True)
class SentEvent:
    """What happened when the emulator played a user action to the bot."""

    event: dict[str, Any]
    attempts: list[WebhookAttempt] = field(default_factory=list)

    @property
    def webhook_event_id(self) -> str:
        return self.event["webhookEventId"]

    @property
    def reply_token(self) -> str | None:
        return self.event.get("replyToken")

    @property
    def status(self) -> int | None:
        return self.attempts[-1].status if self.attempts else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "webhookEventId": self.webhook_event_id,
            "replyToken": self.reply_token,
            "event": self.event,
            "status": self.status,
            "attempts": [attempt.as_dict() for attempt in self.attempts],
        }
