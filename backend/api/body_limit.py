"""Request bodies are bounded: 1 MB for everything, a few MB for the catalogue import upload.

A declared Content-Length over the limit is refused at once; a body that turns out larger while it arrives
(chunked, or a lying header) is refused as soon as it crosses the limit, before it is stored anywhere.
The LINE webhook keeps its own limit (it is answered ahead of this middleware).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DEFAULT_LIMIT = 1024 * 1024


def _too_large(limit: int) -> str:
    return f"ข้อมูลที่ส่งมามีขนาดเกิน {limit / 1048576:g} MB"


class BodyLimit:
    def __init__(self, app: ASGIApp, *, default: int = DEFAULT_LIMIT, larger: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.default = default
        self.larger = dict(larger or {})

    def _limit(self, path: str) -> int:
        return self.larger.get(path, self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope.get("path", ""))
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            body = json.dumps({"detail": f"request body larger than {limit} bytes", "code": "too_large",
                               "message_th": _too_large(limit)}, ensure_ascii=False).encode()
            await send({"type": "http.response.start", "status": 413,
                        "headers": [(b"content-type", b"application/json"), (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body})
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, _too_large(limit))
            return message

        await self.app(scope, limited, send)
