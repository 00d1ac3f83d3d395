"""The least a webhook receiver can do: HMAC check, JSON parse, Redis SET NX per event, LPUSH. Nothing else.

Served with the same uvicorn settings as the product so the webhook storm can report the product's
acknowledgement throughput as a ratio of this ceiling:

    REDIS_URL=redis://127.0.0.1:6379/0 CHANNEL_SECRET=... uvicorn --factory bench.bare_receiver:create_app
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from redis.asyncio import Redis

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


def create_app() -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    secret = os.environ["CHANNEL_SECRET"].encode()
    redis = Redis.from_url(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))

    async def respond(send: Send, status: int) -> None:
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                else:
                    await redis.aclose()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        signature = dict(scope["headers"]).get(b"x-line-signature", b"")
        expected = base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest())
        if not hmac.compare_digest(signature, expected):
            await respond(send, 400)
            return
        events = json.loads(body)["events"]
        for event in events:
            if await redis.set(f"bare:seen:{event['webhookEventId']}", 1, nx=True, ex=86400):
                await redis.lpush("bare:queue", json.dumps(event))
        await respond(send, 200)

    return app
