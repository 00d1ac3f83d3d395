"""The dispatcher as a chain: middlewares in order (any of them may stop an event), filters handing typed
postback parameters to handlers (a postback whose parameters do not parse goes to the fallback), SkipHandler
passing an event on, and an apology when a handler fails."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from backend.ports import Delivery
from bot.context import Context
from bot.dispatcher import Bot, Dispatcher, Next, Router, SkipHandler
from bot.filters import code, integer
from bot.postback import encode_postback
from bot.render.texts import ERROR
from bot.state import MemoryStateStore
from tests.clock import ticking_clock

USER = "U" + "a" * 32


class RecordingLine:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def reply_or_push(self, *, messages: Any, **_: Any) -> Delivery:
        self.sent.extend(messages)
        return Delivery("ok", via="reply")

    async def show_loading(self, user_id: str, seconds: int = 5) -> None:
        pass


@pytest.fixture
def runtime(test_settings: Any) -> Any:
    return SimpleNamespace(settings=test_settings, clock=ticking_clock())


def bot_for(runtime: Any, routers: list[Router], middlewares: list[Any] | None = None) -> tuple[Bot, RecordingLine]:
    line = RecordingLine()
    dispatcher = Dispatcher(routers, middlewares or [])
    return Bot(runtime=runtime, line=line, state=MemoryStateStore(), dispatcher=dispatcher), line  # type: ignore[arg-type]


def postback(runtime: Any, action: str, **params: object) -> dict[str, Any]:
    data = encode_postback(action, user_id=USER, secret=runtime.settings.secret_key, now=runtime.clock.timestamp(),
                           **params)
    return {"type": "postback", "source": {"type": "user", "userId": USER}, "postback": {"data": data}}


def event(kind: str) -> dict[str, Any]:
    return {"type": kind, "source": {"type": "user", "userId": USER}}


async def test_middlewares_run_in_order_and_any_can_stop_the_event(runtime: Any, db: None) -> None:
    seen: list[str] = []

    async def outer(handler: Next, ctx: Context) -> None:
        seen.append("outer")
        await handler(ctx)

    async def gate(handler: Next, ctx: Context) -> None:
        seen.append("gate")
        if ctx.kind != "unfollow":
            await handler(ctx)

    router = Router("test")

    @router.event("follow", "unfollow")
    async def handled(ctx: Context) -> None:
        seen.append(f"handled {ctx.kind}")

    bot, _ = bot_for(runtime, [router], [outer, gate])
    await bot.handle_event(event("follow"), runtime.clock.timestamp())
    await bot.handle_event(event("unfollow"), runtime.clock.timestamp())
    assert seen == ["outer", "gate", "handled follow", "outer", "gate"]


async def test_postback_parameters_arrive_typed_and_bad_ones_go_to_the_fallback(runtime: Any, db: None) -> None:
    seen: list[Any] = []
    router = Router("test")

    @router.postback("pick", session_id=integer("s"), course=code("c", default=None))
    async def pick(ctx: Context, session_id: int, course: str | None) -> None:
        seen.append((session_id, course))

    fallback = Router("fallback")

    @fallback.on("any")
    async def anything_else(ctx: Context) -> None:
        seen.append("fallback")

    bot, _ = bot_for(runtime, [router, fallback])
    await bot.handle_event(postback(runtime, "pick", s=12, c="AI-101"), runtime.clock.timestamp())
    await bot.handle_event(postback(runtime, "pick", s=3), runtime.clock.timestamp())
    await bot.handle_event(postback(runtime, "pick", s="twelve"), runtime.clock.timestamp())
    await bot.handle_event(postback(runtime, "pick"), runtime.clock.timestamp())
    assert seen == [(12, "AI-101"), (3, None), "fallback", "fallback"]


async def test_skip_handler_passes_the_event_on(runtime: Any, db: None) -> None:
    seen: list[str] = []
    first, second = Router("first"), Router("second")

    @first.postback("go")
    async def not_mine(ctx: Context) -> None:
        seen.append("first")
        raise SkipHandler

    @second.postback("go")
    async def mine(ctx: Context) -> None:
        seen.append("second")

    @first.postback("elsewhere")
    async def send_on(ctx: Context) -> None:
        seen.append("send on")
        raise SkipHandler(("intent", "help"))

    @second.intent("help")
    async def help_(ctx: Context) -> None:
        seen.append("help")

    bot, _ = bot_for(runtime, [first, second])
    await bot.handle_event(postback(runtime, "go"), runtime.clock.timestamp())
    await bot.handle_event(postback(runtime, "elsewhere"), runtime.clock.timestamp())
    assert seen == ["first", "second", "send on", "help"]


async def test_a_failing_handler_gets_an_apology(runtime: Any, db: None) -> None:
    router = Router("test")

    @router.event("follow")
    async def broken(ctx: Context) -> None:
        raise RuntimeError("boom")

    bot, line = bot_for(runtime, [router])
    await bot.handle_event(event("follow"), runtime.clock.timestamp())
    assert line.sent == [{"type": "text", "text": ERROR}]
