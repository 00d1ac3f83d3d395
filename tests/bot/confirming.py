"""Helpers for conversations that ask the member to confirm: run a question's time out, age a button, and check
every reply against THAI_STYLE.md."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.postback import DEFAULT_TTL_SECONDS, decode_postback, encode_postback
from tests.bot.conftest import BotWorld
from tests.thai_copy import problems_in


async def let_time_run_out(world: BotWorld, user_id: str, state_key: str) -> None:
    """The pending question's time runs out, as its TTL would make it (the state key expires in Redis)."""
    name = f"{world.settings.redis_prefix}line:state:{user_id}:{state_key}"
    assert await world.runtime.redis.pexpire(name, 1), f"no pending {state_key!r} for this user"
    await asyncio.sleep(0.01)
    assert not await world.runtime.redis.exists(name)


def aged(world: BotWorld, user_id: str, action: dict[str, Any], *, days: int = 8) -> dict[str, Any]:
    """The same button as it would be `days` days after it was sent (past its signed expiry)."""
    now = world.runtime.clock.timestamp()
    postback = decode_postback(action["data"], user_id, secret=world.settings.secret_key, now=now)
    assert postback is not None
    data = encode_postback(postback.action, user_id=user_id, secret=world.settings.secret_key,
                           now=now - days * 24 * 3600, ttl_seconds=DEFAULT_TTL_SECONDS, **postback.params)
    return {**action, "data": data}


def _texts(messages: list[dict[str, Any]]) -> list[str]:
    """Each piece of text a reply shows: a text message whole, a flex message's alt text and text parts."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "text" and isinstance(node.get("text"), str):
                found.append(node["text"])
            for key, value in node.items():
                if key != "text":
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for message in messages:
        if message["type"] == "text":
            found.append(message["text"])
        elif message["type"] == "flex":
            found.append(message["altText"])
            walk(message["contents"])
    return found


def assert_follows_style(messages: list[dict[str, Any]]) -> None:
    """Every reply as sent (composed texts included) follows THAI_STYLE.md."""
    assert messages, "no reply"
    problems = {text: found for text in _texts(messages) if (found := problems_in(text))}
    assert not problems, problems
