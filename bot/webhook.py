"""POST /line/webhook: verify the signature, drop duplicates, queue the events, answer 200 fast.

Nothing is handled on the request path: each event goes to its user's inbox in Redis (bot/inbox/) and the
worker's inbox consumer handles one user's events in order. The composition root (app/main.py) mounts the
route and, in served apps, answers it ahead of the framework (WebhookFastPath).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
from typing import Any

from fastapi import APIRouter, FastAPI
from redis.exceptions import RedisError
from starlette.types import Receive, Scope, Send

from backend.runtime import Runtime
from bot.inbox import enqueue_events

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
# While Redis is down the webhook answers 503 with this Retry-After (LINE redelivers what was not acknowledged).
RETRY_AFTER_SECONDS = 5


def signature_is_valid(body: bytes, signature: str, channel_secret: str) -> bool:
    """The body's HMAC-SHA256 under the channel secret, base64, equals the header. Compared as bytes: a
    header with characters outside ASCII is simply wrong (hmac.compare_digest refuses non-ASCII text)."""
    digest = hmac.new(channel_secret.encode("utf-8"), body, hashlib.sha256).digest()
    return hmac.compare_digest(base64.b64encode(digest), signature.strip().encode("utf-8", "surrogateescape"))


def is_well_formed(event: Any) -> bool:
    """The shape every LINE webhook event has: a type, and a source naming who it came from."""
    if not isinstance(event, dict) or not isinstance(event.get("type"), str):
        return False
    source = event.get("source")
    if source is None:
        return True
    if not isinstance(source, dict):
        return False
    return all(isinstance(source.get(k), str | None) for k in ("type", "userId", "groupId", "roomId"))


class WebhookRejected(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


async def accept_webhook(runtime: Runtime, body: bytes, signature: str | None) -> int:
    """Verify, parse and queue one webhook body; returns how many events were queued.

    Raises WebhookRejected (400) for a missing or wrong signature or a body that is not a LINE webhook.
    """
    if not signature:
        raise WebhookRejected(400, "missing X-Line-Signature")
    if not signature_is_valid(body, signature, runtime.settings.line_channel_secret):
        raise WebhookRejected(400, "invalid X-Line-Signature")
    try:
        payload: Any = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise WebhookRejected(400, "malformed JSON") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("events"), list):
        raise WebhookRejected(400, "body has no events list")
    events = [e for e in payload["events"] if is_well_formed(e)]
    if len(events) < len(payload["events"]):
        log.warning("ignored %d malformed webhook event(s)", len(payload["events"]) - len(events))
    if not events:
        return 0
    return await enqueue_events(runtime, events)


class LineWebhookEndpoint:
    """POST /line/webhook as a bare ASGI endpoint: the hot path skips request parsing and dependency
    injection, since LINE waits for the answer (it gives up after 2 s) and storms come in bursts."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            status, body, headers = await self._answer(scope, receive)
        except Exception:  # a bug, not the sender's fault: LINE redelivers what was not acknowledged
            log.exception("webhook failed")
            status, body, headers = _json(500, {"detail": "internal error, please retry"})
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()), *headers]})
        await send({"type": "http.response.body", "body": body})

    async def _answer(self, scope: Scope, receive: Receive) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            return _json(413, {"detail": "body larger than 1 MB"})
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                return _json(413, {"detail": "body larger than 1 MB"})
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        signature = headers.get(b"x-line-signature", b"").decode("latin-1") or None
        runtime: Runtime = scope["app"].state.runtime
        try:
            queued = await accept_webhook(runtime, b"".join(chunks), signature)
        except WebhookRejected as rejected:
            return _json(rejected.status, {"detail": rejected.reason})
        except (RedisError, OSError) as exc:
            # LINE redelivers what was not acknowledged: ask it to come back rather than drop anything.
            log.warning("webhook not queued, Redis unavailable: %s", type(exc).__name__)
            status, body, extra = _json(503, {"detail": "redis temporarily unavailable, please retry",
                                              "code": "redis_unavailable"})
            return status, body, [*extra, (b"retry-after", str(RETRY_AFTER_SECONDS).encode())]
        return _json(200, {"status": "ok", "queued": queued})


def _json(status: int, payload: dict[str, Any]) -> tuple[int, bytes, list[tuple[bytes, bytes]]]:
    return status, json.dumps(payload).encode(), []


WEBHOOK_PATH = "/line/webhook"
endpoint = LineWebhookEndpoint()
router = APIRouter(tags=["line"])  # for apps built with create_app() alone (tests); served apps: below
# An ASGI app as the endpoint: Starlette's Route takes one; add_route's annotation names request handlers only.
router.add_route(WEBHOOK_PATH, endpoint, methods=["POST"], include_in_schema=False)  # type: ignore[arg-type]


class WebhookFastPath:
    """The web app, with POST /line/webhook handed straight to its endpoint before the framework's
    middleware and routing (a fifth of an acknowledgement's CPU in a storm); everything else, the
    lifespan included, goes to the app. Attributes (``state``...) are the app's."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == WEBHOOK_PATH and scope["method"] == "POST":
            scope["app"] = self.app
            await endpoint(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.app, name)
