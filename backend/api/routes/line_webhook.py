"""POST /line/webhook: verify the signature, drop duplicates, queue the events, answer 200 fast.

Nothing is handled on the request path: each event goes to its user's inbox in Redis and a drain job
is queued (backend/jobs/line_events.py), which handles one user's events in order.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from bot.inbox import enqueue_events

log = logging.getLogger(__name__)
router = APIRouter(tags=["line"])

MAX_BODY_BYTES = 1024 * 1024


def signature_is_valid(body: bytes, signature: str, channel_secret: str) -> bool:
    digest = hmac.new(channel_secret.encode("utf-8"), body, hashlib.sha256).digest()
    return hmac.compare_digest(base64.b64encode(digest).decode("ascii"), signature.strip())


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


def _error(status: int, reason: str) -> JSONResponse:
    return JSONResponse({"detail": reason}, status_code=status)


@router.post("/line/webhook", include_in_schema=True, summary="LINE webhook (signed by LINE)")
async def line_webhook(request: Request) -> JSONResponse:
    # No sync dependencies here: FastAPI would run them in its thread pool, costing the fast path.
    runtime = request.app.state.runtime
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return _error(413, "body larger than 1 MB")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return _error(413, "body larger than 1 MB")
    raw = bytes(body)
    signature = request.headers.get("x-line-signature")
    if not signature:
        return _error(400, "missing X-Line-Signature")
    if not signature_is_valid(raw, signature, runtime.settings.line_channel_secret):
        return _error(400, "invalid X-Line-Signature")
    try:
        payload: Any = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return _error(400, "malformed JSON")
    if not isinstance(payload, dict) or not isinstance(payload.get("events"), list):
        return _error(400, "body has no events list")
    events = [e for e in payload["events"] if is_well_formed(e)]
    if len(events) < len(payload["events"]):
        log.warning("ignored %d malformed webhook event(s)", len(payload["events"]) - len(events))
    if not events:
        return JSONResponse({"status": "ok", "queued": 0})
    queued = await enqueue_events(runtime, events)
    return JSONResponse({"status": "ok", "queued": queued})
