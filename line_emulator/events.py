"""Webhook events as the LINE platform builds and signs them.

Pure functions: no I/O, no emulator state.  ``build_event`` takes the same small "what the user
did" payload the control API accepts (``{"type": "text", "text": "สวัสดีค่ะ"}``,
``{"type": "postback", "data": "..."}``, ``{"type": "follow"}`` …).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import random
import time
from collections.abc import Iterable, Mapping
from typing import Any

import orjson

__all__ = [
    "EVENT_KINDS",
    "UnknownEventKind",
    "build_event",
    "build_webhook_body",
    "new_message_id",
    "new_reply_token",
    "new_webhook_event_id",
    "sign",
]

EVENT_KINDS = frozenset(
    {"text", "postback", "follow", "unfollow", "sticker", "image", "location", "file", "video", "audio"}
)
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class UnknownEventKind(ValueError):
    """The payload's ``type`` is not one the emulator can play."""


def sign(body: bytes, channel_secret: str) -> str:
    """``X-Line-Signature``: base64 of HMAC-SHA256 of the raw body keyed with the channel secret."""
    digest = hmac.new(channel_secret.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def new_webhook_event_id(timestamp_ms: int | None = None, rng: random.Random | None = None) -> str:
    """A ULID: 48-bit millisecond time + 80 random bits in Crockford base32 (26 characters)."""
    ms = int(time.time() * 1000) if timestamp_ms is None else timestamp_ms
    randomness = rng.getrandbits(80) if rng is not None else int.from_bytes(os.urandom(10), "big")
    value = (ms << 80) | randomness
    chars = []
    for _ in range(26):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def new_reply_token(rng: random.Random | None = None) -> str:
    bits = rng.getrandbits(128) if rng is not None else int.from_bytes(os.urandom(16), "big")
    return f"{bits:032x}"


def new_message_id(rng: random.Random | None = None) -> str:
    """LINE message IDs are decimal strings of 18 digits."""
    generator = rng or random.SystemRandom()
    return str(generator.randrange(10**17, 10**18))


def _quote_token(rng: random.Random | None) -> str:
    bits = rng.getrandbits(256) if rng is not None else int.from_bytes(os.urandom(32), "big")
    return base64.urlsafe_b64encode(bits.to_bytes(32, "big")).decode("ascii").rstrip("=")


def build_event(
    user_id: str,
    action: Mapping[str, Any],
    *,
    reply_token: str | None = None,
    webhook_event_id: str | None = None,
    timestamp_ms: int | None = None,
    redelivery: bool = False,
    mode: str = "active",
    message_id: str | None = None,
    rng: random.Random | None = None,
) -> dict[str, Any]:
    """One webhook event object for a user's ``action`` in a 1:1 chat.

    ``action["type"]`` is one of :data:`EVENT_KINDS`.  Fields used per kind: ``text``;
    ``data`` and optional ``params`` (postback); ``isUnblocked`` (follow); ``packageId``,
    ``stickerId``, ``keywords`` (sticker); ``title``, ``address``, ``latitude``, ``longitude``
    (location); ``fileName``, ``fileSize`` (file); ``duration`` (video/audio).
    Events that can be replied to get ``reply_token`` (a fresh one if not given); unfollow and
    every event in ``mode="standby"`` have none, as on LINE.
    """
    kind = action.get("type")
    if kind not in EVENT_KINDS:
        raise UnknownEventKind(f"unknown event type {kind!r}; expected one of {sorted(EVENT_KINDS)}")
    ts = int(time.time() * 1000) if timestamp_ms is None else timestamp_ms
    event: dict[str, Any] = {
        "type": "message",
        "message": None,
        "webhookEventId": webhook_event_id or new_webhook_event_id(ts, rng),
        "deliveryContext": {"isRedelivery": redelivery},
        "timestamp": ts,
        "source": {"type": "user", "userId": user_id},
        "replyToken": reply_token or new_reply_token(rng),
        "mode": mode,
    }
    mid = message_id or new_message_id(rng)
    if kind == "text":
        event["message"] = {
            "type": "text",
            "id": mid,
            "quoteToken": _quote_token(rng),
            "markAsReadToken": _quote_token(rng),
            "text": str(action.get("text", "")),
        }
    elif kind == "sticker":
        event["message"] = {
            "type": "sticker",
            "id": mid,
            "quoteToken": _quote_token(rng),
            "markAsReadToken": _quote_token(rng),
            "packageId": str(action.get("packageId", "446")),
            "stickerId": str(action.get("stickerId", "1988")),
            "stickerResourceType": action.get("stickerResourceType", "STATIC"),
            "keywords": list(action.get("keywords", ["Happy", "Smile"])),
        }
    elif kind == "image":
        event["message"] = {
            "type": "image",
            "id": mid,
            "quoteToken": _quote_token(rng),
            "markAsReadToken": _quote_token(rng),
            "contentProvider": {"type": "line"},
        }
    elif kind in ("video", "audio"):
        event["message"] = {
            "type": kind,
            "id": mid,
            "duration": int(action.get("duration", 5000)),
            "contentProvider": {"type": "line"},
            "markAsReadToken": _quote_token(rng),
        }
        if kind == "video":
            event["message"]["quoteToken"] = _quote_token(rng)
    elif kind == "file":
        event["message"] = {
            "type": "file",
            "id": mid,
            "fileName": str(action.get("fileName", "document.pdf")),
            "fileSize": int(action.get("fileSize", 2048)),
            "markAsReadToken": _quote_token(rng),
        }
    elif kind == "location":
        event["message"] = {
            "type": "location",
            "id": mid,
            "title": str(action.get("title", "ศูนย์ราชการแจ้งวัฒนะ")),
            "address": str(action.get("address", "ถนนแจ้งวัฒนะ แขวงทุ่งสองห้อง เขตหลักสี่ กรุงเทพมหานคร 10210")),
            "latitude": float(action.get("latitude", 13.8847)),
            "longitude": float(action.get("longitude", 100.5655)),
            "markAsReadToken": _quote_token(rng),
        }
    elif kind == "postback":
        del event["message"]
        event["type"] = "postback"
        postback: dict[str, Any] = {"data": str(action.get("data", ""))}
        if action.get("params"):
            postback["params"] = dict(action["params"])
        event["postback"] = postback
    elif kind == "follow":
        del event["message"]
        event["type"] = "follow"
        event["follow"] = {"isUnblocked": bool(action.get("isUnblocked", False))}
    elif kind == "unfollow":
        del event["message"]
        event["type"] = "unfollow"
    if kind == "unfollow" or mode == "standby":
        del event["replyToken"]
    return event


def build_webhook_body(events: Iterable[Mapping[str, Any]], destination: str) -> bytes:
    """The raw request body LINE posts: compact JSON, UTF-8, non-ASCII kept as is."""
    return orjson.dumps({"destination": destination, "events": list(events)})
