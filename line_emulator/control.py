"""``/_emulator/...``: inspect and steer the emulator (tests, benchmarks, the chat console)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any, Literal

import orjson
from fastapi import APIRouter, Body, HTTPException, Query, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from line_emulator.config import make_user_id
from line_emulator.events import EVENT_KINDS
from line_emulator.state import BRIEF_FIELDS, Emulator, RecordedCall

__all__ = ["build_control_router"]


class UserAction(BaseModel):
    """What the simulated user does: ``{"type": "text", "text": "หาหลักสูตร AI"}`` etc."""

    model_config = ConfigDict(extra="allow")
    type: str
    mode: Literal["active", "standby"] = "active"


class NewUser(BaseModel):
    user_id: str | None = Field(default=None, alias="userId")
    display_name: str = Field(alias="displayName")
    picture_url: str | None = Field(default=None, alias="pictureUrl")
    status_message: str | None = Field(default=None, alias="statusMessage")
    language: str = "th"
    following: bool = True


class RawEvents(BaseModel):
    events: list[dict[str, Any]] = Field(default_factory=list)
    signature: str | None = None
    """Send this ``X-Line-Signature`` instead of the correct one (to test forged requests)."""


def _user_view(emulator: Emulator, user_id: str) -> dict[str, Any]:
    user = emulator.users[user_id]
    loading_until = emulator.loading.get(user_id)
    return {
        **user.profile(),
        "following": user.following,
        "richMenuId": emulator.user_rich_menus.get(user_id) or emulator.default_rich_menu_id,
        "lastMessageId": emulator.last_chat_id(user_id),
        "loadingUntil": loading_until if loading_until and loading_until > emulator.now() else None,
    }


def _calls_after(calls: deque[RecordedCall], after: int) -> Iterator[RecordedCall]:
    """Recorded calls with seq > after, oldest first; seq grows along the deque, so start by bisection."""
    lo, hi = 0, len(calls)
    while lo < hi:
        mid = (lo + hi) // 2
        if calls[mid].seq > after:
            hi = mid
        else:
            lo = mid + 1
    for index in range(lo, len(calls)):
        yield calls[index]


def _brief(call: RecordedCall) -> dict[str, Any]:
    head = call.head
    if head is None:  # a call refused before its body was parsed
        body = call.body
        head = {k: body[k] for k in BRIEF_FIELDS if k in body} if isinstance(body, dict) else {}
    return {"seq": call.seq, "operation": call.operation, "status": call.status, "accepted": call.accepted,
            "time": call.time, "body": head}


def build_control_router(emulator: Emulator) -> APIRouter:
    router = APIRouter(prefix="/_emulator", tags=["emulator"])

    @router.get("/requests")
    async def list_requests(
        operation: str | None = None, status: int | None = None, after: int = 0, limit: int = 1000,
        brief: bool = False,
    ) -> Response:
        """Recorded LINE API calls (newest last); ``after`` is a ``seq`` to page from. ``brief``: without
        headers, bodies and responses, only the body's ``replyToken`` and ``to`` (for load tests)."""
        calls: list[dict[str, Any]] = []
        for c in _calls_after(emulator.calls, after):
            if (operation is None or c.operation == operation) and (status is None or c.status == status):
                calls.append(_brief(c) if brief else c.as_dict())
                if len(calls) >= limit:
                    break
        return Response(orjson.dumps({"requests": calls}), media_type="application/json")

    @router.get("/users")
    async def list_users() -> dict[str, Any]:
        return {"users": [_user_view(emulator, uid) for uid in emulator.users]}

    @router.post("/users", status_code=201)
    async def add_user(new: NewUser) -> dict[str, Any]:
        user_id = new.user_id or make_user_id(f"{new.display_name}-{len(emulator.users)}")
        emulator.add_user(user_id, new.display_name, picture_url=new.picture_url,
                          status_message=new.status_message, language=new.language, following=new.following)
        return _user_view(emulator, user_id)

    @router.get("/users/{user_id}")
    async def get_user(user_id: str) -> dict[str, Any]:
        if user_id not in emulator.users:
            raise HTTPException(404, "unknown user")
        return _user_view(emulator, user_id)

    @router.get("/users/{user_id}/messages")
    async def user_messages(
        user_id: str,
        after: int = 0,
        sender: Literal["bot", "user"] | None = Query(default=None, alias="from"),
        wait: float = Query(default=0.0, ge=0, le=60),
    ) -> dict[str, Any]:
        """Chat entries after id ``after``; with ``wait`` > 0, long-polls until one arrives."""
        if wait:
            entries = await emulator.wait_for_messages(user_id, after, wait_seconds=wait, sender=sender)
        else:
            entries = emulator.messages_for(user_id, after, sender)
        loading_until = emulator.loading.get(user_id)
        return {
            "messages": entries,
            "lastId": entries[-1]["id"] if entries else max(after, 0),
            "loadingUntil": loading_until if loading_until and loading_until > emulator.now() else None,
        }

    @router.post("/users/{user_id}/send")
    async def send_as_user(user_id: str, action: UserAction) -> dict[str, Any]:
        """Play a user action: a signed webhook event is POSTed to the bot."""
        if action.type not in EVENT_KINDS:
            raise HTTPException(400, f"type must be one of {sorted(EVENT_KINDS)}")
        payload = action.model_dump(exclude={"mode"})
        sent = await emulator.send(user_id, payload, mode=action.mode)
        return sent.as_dict()

    @router.post("/users/{user_id}/reply-token")
    async def issue_reply_token(user_id: str) -> dict[str, str]:
        emulator.ensure_user(user_id)
        return {"replyToken": emulator.issue_reply_token(user_id)}

    @router.post("/webhook/redeliver/{webhook_event_id}")
    async def redeliver(webhook_event_id: str) -> dict[str, Any]:
        if webhook_event_id not in emulator.sent_events:
            raise HTTPException(404, "unknown webhookEventId")
        return (await emulator.redeliver(webhook_event_id)).as_dict()

    @router.post("/webhook/events")
    async def post_raw_events(raw: RawEvents) -> dict[str, Any]:
        """POST arbitrary events (``[]`` is LINE's verify call); optionally with a forged signature."""
        return (await emulator.post_raw_events(raw.events, signature=raw.signature)).as_dict()

    @router.get("/webhook/attempts")
    async def webhook_attempts() -> dict[str, Any]:
        return {"attempts": [a.as_dict() for a in emulator.webhook_attempts]}

    @router.post("/reset", status_code=204)
    async def reset() -> Response:
        emulator.reset()
        return Response(status_code=204)

    @router.get("/config")
    async def get_config() -> dict[str, Any]:
        return _public_config(emulator)

    @router.post("/config")
    async def change_config(changes: dict[str, Any] = Body(...)) -> dict[str, Any]:
        """Merge changes, e.g. ``{"faults": {"error_rate": 0.1}, "rate_limits": {"multicast": 200}}``."""
        try:
            emulator.update_config(changes)
        except ValidationError as exc:
            raise HTTPException(422, exc.errors(include_url=False, include_context=False)) from None
        return _public_config(emulator)

    @router.post("/time/advance")
    async def advance_time(seconds: float = Body(..., embed=True)) -> dict[str, float]:
        """Move the platform clock forward (reply tokens and retry keys age)."""
        emulator.advance_time(seconds)
        return {"now": emulator.now(), "offset": emulator.time_offset}

    @router.get("/richmenus")
    async def rich_menus() -> dict[str, Any]:
        return {
            "richmenus": [
                {"richMenuId": m.rich_menu_id, **m.body, "hasImage": m.image is not None}
                for m in emulator.rich_menus.values()
            ],
            "default": emulator.default_rich_menu_id,
            "users": dict(emulator.user_rich_menus),
            "aliases": dict(emulator.rich_menu_aliases),
        }

    @router.get("/richmenus/{rich_menu_id}/image")
    async def rich_menu_image(rich_menu_id: str) -> Response:
        menu = emulator.rich_menus.get(rich_menu_id)
        if menu is None or menu.image is None:
            raise HTTPException(404, "no image")
        return Response(menu.image, media_type=menu.image_type or "image/png")

    return router


def _public_config(emulator: Emulator) -> dict[str, Any]:
    data = emulator.config.model_dump(mode="json")
    data["channel_access_token"] = "***"
    data["channel_secret"] = "***"
    return data
