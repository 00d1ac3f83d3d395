"""Redis key names, limits and the scripts' cache shared by the inbox's parts."""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from backend.runtime import Runtime

if TYPE_CHECKING:
    from redis.asyncio import Redis
    from redis.commands.core import AsyncScript


SEEN_TTL_SECONDS = 48 * 3600
HANDLED_TTL_SECONDS = 48 * 3600
LOCK_TTL_MS = 60_000
RATE_WINDOW_SECONDS = 10
RATE_LIMIT_EVENTS = 12
SHUTDOWN_GRACE_SECONDS = 10.0

EventHandler = Callable[[dict[str, Any], float, bool], Awaitable[None]]
RATE_LIMITED_KINDS = ("message", "postback")


def _prefix(runtime: Runtime) -> str:
    return f"{runtime.settings.redis_prefix}line:"


def inbox_key(runtime: Runtime, user_id: str) -> str:
    return f"{_prefix(runtime)}inbox:{user_id}"


def event_id(event: dict[str, Any]) -> str:
    found = event.get("webhookEventId")
    if isinstance(found, str) and found:
        return found
    digest = hashlib.sha256(json.dumps(event, sort_keys=True).encode()).hexdigest()[:26]
    return f"anon-{digest}"


def event_user(event: dict[str, Any]) -> str:
    source = event.get("source") or {}
    return str(source.get("userId") or source.get("groupId") or source.get("roomId") or "_unknown")


def ready_key(runtime: Runtime) -> str:
    return f"{_prefix(runtime)}ready"


_SCRIPTS: weakref.WeakKeyDictionary[Redis, dict[str, AsyncScript]] = weakref.WeakKeyDictionary()


def _script(redis: Redis, source: str) -> AsyncScript:
    """The client's EVALSHA wrapper for a script (loaded on first use), made once per client."""
    scripts = _SCRIPTS.setdefault(redis, {})
    found = scripts.get(source)
    if found is None:
        found = scripts[source] = redis.register_script(source)
    return found


def _handled_prefix(runtime: Runtime) -> str:
    return f"{_prefix(runtime)}handled:"
