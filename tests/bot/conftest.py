"""An end-to-end world for bot tests: the app with its in-process worker, and the LINE emulator.

Webhooks go from the emulator to the app in-process (ASGI transport); the bot's LINE calls go over
loopback HTTP to the emulator, which validates every body against LINE's OpenAPI schema.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from line_emulator import EmulatorConfig, make_user_id, run_emulator


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class BotWorld:
    app: Any
    emulator: Any
    base_url: str
    settings: Any

    @property
    def runtime(self) -> Any:
        return self.app.state.runtime

    def user(self, name: str, display_name: str | None = None) -> str:
        user_id = make_user_id(name)
        if user_id not in self.emulator.users:
            self.emulator.add_user(user_id, display_name or f"ผู้ทดสอบ {name}", following=False)
        return user_id

    async def settle(self, user_id: str, *, wait_seconds: float = 10.0) -> None:
        """Wait until the bot handled everything queued for this user."""
        redis = self.runtime.redis
        prefix = f"{self.settings.redis_prefix}line:"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait_seconds
        quiet = 0
        while loop.time() < deadline:
            busy = await redis.llen(f"{prefix}inbox:{user_id}") or await redis.exists(f"{prefix}lock:{user_id}")
            quiet = 0 if busy else quiet + 1
            if quiet >= 3:
                return
            await asyncio.sleep(0.02)
        raise AssertionError("the bot did not finish in time")

    async def act(self, user_id: str, action: dict[str, Any]) -> list[dict[str, Any]]:
        """Play a user action; returns the bot's messages sent in answer."""
        after = self.emulator.last_chat_id(user_id)
        await self.emulator.send(user_id, action)
        await self.settle(user_id)
        return self.emulator.bot_messages(user_id, after)

    async def say(self, user_id: str, text: str) -> list[dict[str, Any]]:
        return await self.act(user_id, {"type": "text", "text": text})

    async def tap(self, user_id: str, action: dict[str, Any]) -> list[dict[str, Any]]:
        """Tap a postback or message action (from a button or a quick reply)."""
        if action["type"] == "postback":
            payload = {"type": "postback", "data": action["data"]}
            if action.get("displayText"):
                payload["displayText"] = action["displayText"]
            return await self.act(user_id, payload)
        return await self.say(user_id, action["text"])

    def rejected_calls(self) -> list[Any]:
        """LINE API calls the emulator refused (schema or limits): must stay empty."""
        return [c for c in self.emulator.calls if c.status == 400 and c.operation != "replyMessage"]


def quick_actions(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [item["action"] for item in (message.get("quickReply") or {}).get("items", [])]


def find_quick(messages: list[dict[str, Any]], label: str) -> dict[str, Any]:
    for message in reversed(messages):
        for action in quick_actions(message):
            if action.get("label") == label:
                return action
    raise AssertionError(f"no quick reply {label!r} in {[quick_actions(m) for m in messages]}")


def flex_buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    """Every button action in a flex message (bubble or carousel), in order."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "button":
                found.append(node["action"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(message.get("contents"))
    return found


def find_button(messages: list[dict[str, Any]], label: str) -> dict[str, Any]:
    for message in messages:
        for action in flex_buttons(message):
            if action.get("label") == label:
                return action
    raise AssertionError(f"no button {label!r}")


def texts_of(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m.get("text") or m.get("altText") or "" for m in messages)


@pytest.fixture
async def world(db: None, redis: Any, test_settings: Any, clock: Any) -> AsyncIterator[BotWorld]:
    from app.main import create_app

    port = _free_port()
    settings = test_settings.model_copy(update={"line_api_base_url": f"http://127.0.0.1:{port}"})
    app = create_app(settings, init_database=False, run_worker=True, clock=clock)
    config = EmulatorConfig(
        channel_secret=settings.line_channel_secret,
        channel_access_token=settings.line_channel_access_token,
        webhook_url="http://testserver/line/webhook",
        webhook_retry_delays_seconds=[0.2, 0.4],
        users=[],
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with run_emulator(config, port=port, webhook_transport=transport) as (base_url, emulator):
            yield BotWorld(app=app, emulator=emulator, base_url=base_url, settings=settings)
