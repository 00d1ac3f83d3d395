"""The bot's feature hook: attaches the LINE client and the dispatcher to a runtime (web and worker)."""

from __future__ import annotations

from typing import Any


async def attach_bot_runtime(runtime: Any) -> None:
    """FEATURE_HOOKS entry: runtime.extras["line"] (LineClient) and runtime.extras["bot"] (Bot)."""
    from bot.dispatcher import Bot
    from bot.handlers import build_dispatcher
    from bot.line_client import build_line_client
    from bot.state import RedisStateStore

    line = build_line_client(runtime.settings, clock=runtime.clock)
    runtime.extras["line"] = line
    runtime.extras["bot"] = Bot(
        runtime=runtime,
        line=line,
        state=RedisStateStore(runtime.redis, prefix=runtime.settings.redis_prefix),
        dispatcher=build_dispatcher(),
    )
    runtime.on_close(line.close)
