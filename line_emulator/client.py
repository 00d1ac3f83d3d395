"""``EmulatorClient``: drive a running emulator over HTTP (tests, benchmarks, scripts)."""

from __future__ import annotations

from types import TracebackType
from typing import Any

import httpx

__all__ = ["EmulatorClient"]


class EmulatorClient:
    """Async client of the ``/_emulator`` control API.

    >>> async with EmulatorClient(base_url) as emu:
    ...     await emu.follow(user_id)
    ...     sent = await emu.send_text(user_id, "หาหลักสูตร Python")
    ...     replies = await emu.messages(user_id, after=0, sender="bot", wait=5)
    """

    def __init__(self, base_url: str, *, http: httpx.AsyncClient | None = None, timeout: float = 30.0) -> None:
        self._own_http = http is None
        self._http = http or httpx.AsyncClient(timeout=timeout)
        self._base = base_url.rstrip("/") + "/_emulator"

    async def __aenter__(self) -> EmulatorClient:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._own_http:
            await self._http.aclose()

    async def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self._http.request(method, self._base + path, **kwargs)
        response.raise_for_status()
        return response.json() if response.content else None

    # -- playing the user --------------------------------------------------------------------
    async def send(self, user_id: str, action: dict[str, Any]) -> dict[str, Any]:
        """Any user action (``{"type": "text", "text": ...}`` …); returns the event and the bot's status."""
        return await self._call("POST", f"/users/{user_id}/send", json=action)

    async def send_text(self, user_id: str, text: str) -> dict[str, Any]:
        return await self.send(user_id, {"type": "text", "text": text})

    async def send_postback(self, user_id: str, data: str, *, params: dict[str, str] | None = None,
                            display_text: str | None = None) -> dict[str, Any]:
        action: dict[str, Any] = {"type": "postback", "data": data}
        if params:
            action["params"] = params
        if display_text:
            action["displayText"] = display_text
        return await self.send(user_id, action)

    async def follow(self, user_id: str, *, unblocked: bool = False) -> dict[str, Any]:
        return await self.send(user_id, {"type": "follow", "isUnblocked": unblocked})

    async def unfollow(self, user_id: str) -> dict[str, Any]:
        return await self.send(user_id, {"type": "unfollow"})

    async def redeliver(self, webhook_event_id: str) -> dict[str, Any]:
        return await self._call("POST", f"/webhook/redeliver/{webhook_event_id}")

    async def post_events(self, events: list[dict[str, Any]], *, signature: str | None = None) -> dict[str, Any]:
        return await self._call("POST", "/webhook/events", json={"events": events, "signature": signature})

    # -- looking -----------------------------------------------------------------------------
    async def messages(self, user_id: str, *, after: int = 0, sender: str | None = None,
                       wait: float = 0.0) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"after": after}
        if sender:
            params["from"] = sender
        if wait:
            params["wait"] = wait
        return (await self._call("GET", f"/users/{user_id}/messages", params=params))["messages"]

    async def requests(self, operation: str | None = None, *, after: int = 0) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"after": after}
        if operation:
            params["operation"] = operation
        return (await self._call("GET", "/requests", params=params))["requests"]

    async def user(self, user_id: str) -> dict[str, Any]:
        return await self._call("GET", f"/users/{user_id}")

    async def add_user(self, display_name: str, *, user_id: str | None = None, **profile: Any) -> dict[str, Any]:
        body = {"displayName": display_name, **profile}
        if user_id:
            body["userId"] = user_id
        return await self._call("POST", "/users", json=body)

    # -- steering ----------------------------------------------------------------------------
    async def reset(self) -> None:
        await self._call("POST", "/reset")

    async def configure(self, changes: dict[str, Any]) -> dict[str, Any]:
        return await self._call("POST", "/config", json=changes)

    async def advance_time(self, seconds: float) -> dict[str, float]:
        return await self._call("POST", "/time/advance", json={"seconds": seconds})
