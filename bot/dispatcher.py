"""Routes each LINE event to one handler: routers per feature, first match wins, order set in bot.handlers.

A signal is what the event means for routing: ("event", "follow"), ("postback", "reg"),
("step", "agency"), ("phrase", "export_my_data"), ("intent", "search_courses"), ("message", "sticker"), ("clarify", None),
("invalid_postback", None), ("consent_required", None), ("any", None).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from bot.context import Context
from bot.line_client import LineClient
from bot.postback import decode_postback
from bot.state import StateStore

log = logging.getLogger(__name__)

Handler = Callable[[Context], Awaitable[None]]
Signal = tuple[str, str | None]
CONFIDENCE_THRESHOLD = 0.6
LOADING_AFTER_SECONDS = 0.7
STEP_KEY = "step"
# Postback actions allowed before consent (the consent and profile flow itself).
PRE_CONSENT_ACTIONS = frozenset({"consent", "consent_no", "start"})


@dataclass
class Route:
    signal: Signal
    handler: Handler


@dataclass
class Router:
    name: str
    routes: list[Route] = field(default_factory=list)
    phrases: list[tuple[str, Callable[[str], bool]]] = field(default_factory=list)

    def _add(self, kind: str, keys: Iterable[str | None]) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            for key in keys:
                self.routes.append(Route((kind, key), handler))
            return handler

        return register

    def event(self, *types: str) -> Callable[[Handler], Handler]:
        return self._add("event", types)

    def message(self, *types: str) -> Callable[[Handler], Handler]:
        return self._add("message", types)

    def postback(self, *actions: str) -> Callable[[Handler], Handler]:
        return self._add("postback", actions)

    def intent(self, *intents: str) -> Callable[[Handler], Handler]:
        return self._add("intent", intents)

    def step(self, *steps: str) -> Callable[[Handler], Handler]:
        return self._add("step", steps)

    def phrase(self, name: str, matches: Callable[[str], bool]) -> Callable[[Handler], Handler]:
        """A request the NLU has no intent for, recognised from the text before the NLU runs."""
        self.phrases.append((name, matches))
        return self._add("phrase", [name])

    def on(self, kind: str) -> Callable[[Handler], Handler]:
        """Special signals: clarify, invalid_postback, consent_required, any."""
        return self._add(kind, [None])


class Dispatcher:
    def __init__(self, routers: list[Router]) -> None:
        self.routers = routers
        self._table: dict[Signal, Handler] = {}
        self.phrases = [phrase for router in routers for phrase in router.phrases]
        for router in routers:
            for route in router.routes:
                self._table.setdefault(route.signal, route.handler)  # first match wins

    def handler_for(self, signals: Iterable[Signal]) -> Handler | None:
        for signal in signals:
            handler = self._table.get(signal)
            if handler is not None:
                return handler
        return self._table.get(("any", None))

    def has(self, signal: Signal) -> bool:
        return signal in self._table


@dataclass
class Bot:
    """Per-runtime bot: turns a queued LINE event into a Context and runs its handler."""

    runtime: Any
    line: LineClient
    state: StateStore
    dispatcher: Dispatcher

    async def warm_up(self) -> None:
        """Load the NLU model and the catalogue's search index now rather than on the first message (the
        worker calls this at start; every event behind the first one would wait)."""
        import nlu
        from backend.services import catalogue

        await asyncio.to_thread(nlu.warm_up)
        await catalogue.warm_up()

    async def handle_event(self, event: dict[str, Any], received_at: float, over_limit: bool = False) -> None:
        user_id = (event.get("source") or {}).get("userId")
        if not user_id:
            log.info("event without a user (%s) acknowledged", event.get("type"))
            return

        kind = event.get("type")
        message = event.get("message") or {}
        if event.get("mode") == "standby":
            if kind == "message" and message.get("type") == "text":
                await self._record_in(user_id, str(message.get("text", "")))
            return
        # The reply token's clock starts when LINE created the event (a redelivery can be minutes old).
        stamp = event.get("timestamp")
        issued_at = min(received_at, stamp / 1000) if isinstance(stamp, int | float) and stamp > 0 else received_at
        ctx = Context(
            runtime=self.runtime, line=self.line, state=self.state, event=event, user_id=user_id,
            received_at=issued_at, _reply_token=event.get("replyToken"),
        )
        if over_limit:
            await self._slow_down(ctx)
            return
        try:
            await self._dispatch(ctx, kind, message)
        finally:
            await ctx.flush_log()

    async def _dispatch(self, ctx: Context, kind: Any, message: dict[str, Any]) -> None:
        from backend.services import handover

        if kind in ("message", "postback"):
            member = await ctx.member()
            if kind == "message" and message.get("type") == "text" and member is not None and member.consent_at:
                ctx.log_in(ctx.text)
            if await handover.is_handed_over(ctx.user_id):
                return  # a person is answering; the bot stays quiet
        signals = await self.signals(ctx)
        handler = self.dispatcher.handler_for(signals)
        if handler is None:
            log.info("no handler for %s", signals[:1])
            return
        # One timer per event (a task per event cost more than most answers): the loading animation
        # starts only if the handler has sent nothing when it fires.
        loading: list[asyncio.Task[None]] = []

        def start_loading() -> None:
            if not ctx.answered:
                loading.append(asyncio.create_task(self.line.show_loading(ctx.user_id, 10)))

        timer = asyncio.get_running_loop().call_later(LOADING_AFTER_SECONDS, start_loading)
        started = time.perf_counter()
        try:
            await handler(ctx)
            log.debug("%s event handled by %s in %.0f ms", kind, getattr(handler, "__name__", "?"),
                      (time.perf_counter() - started) * 1000)
        except Exception:
            log.exception("handler %s failed on a %s event", getattr(handler, "__name__", handler), kind)
            from bot.render.texts import ERROR

            await ctx.send({"type": "text", "text": ERROR})
        finally:
            timer.cancel()
            for task in loading:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    async def _record_in(self, user_id: str, text: str) -> None:
        from backend.services.handover import record_message
        from backend.services.members import get_member_by_line_id

        member = await get_member_by_line_id(user_id)
        if member is not None and member.consent_at is not None:
            await record_message(line_user_id=user_id, direction="in", text=text, at=self.runtime.clock.utcnow())

    async def _slow_down(self, ctx: Context) -> None:
        key = f"{self.runtime.settings.redis_prefix}line:slowdown:{ctx.user_id}"
        if await self.runtime.redis.set(key, b"1", nx=True, ex=60):
            from bot.render.texts import SLOW_DOWN

            await ctx.send({"type": "text", "text": SLOW_DOWN})

    async def signals(self, ctx: Context) -> list[Signal]:
        event = ctx.event
        kind = event.get("type")
        if kind in ("follow", "unfollow"):
            return [("event", kind)]
        if kind not in ("message", "postback"):
            return [("event", str(kind))]
        member = await ctx.member()
        consented = member is not None and member.consent_at is not None
        if kind == "postback":
            data = str((event.get("postback") or {}).get("data") or "")
            postback = decode_postback(data, ctx.user_id, secret=ctx.settings.secret_key, now=ctx.clock.timestamp())
            if postback is None:
                return [("invalid_postback", None)]
            ctx.postback = postback
            if not consented and postback.action not in PRE_CONSENT_ACTIONS:
                return [("consent_required", None)]
            return [("postback", postback.action)]
        message_type = str((event.get("message") or {}).get("type"))
        if message_type != "text":
            return [("message", message_type)]
        if not consented:
            return [("consent_required", None)]
        step = await ctx.state.get(ctx.user_id, STEP_KEY)
        signals: list[Signal] = []
        if step:
            ctx.step = str(step.get("name"))
            signals.append(("step", ctx.step))
        signals.extend(("phrase", name) for name, matches in getattr(self.dispatcher, "phrases", ())
                       if matches(ctx.text))
        import nlu

        # Inline: a parse takes well under a millisecond, less than handing it to a thread and back.
        ctx.parse = nlu.parse(ctx.text, today=ctx.clock.today())
        # Two close intents (register or search?) are asked about, like a low confidence.
        sure = ctx.parse.confidence >= CONFIDENCE_THRESHOLD and ctx.parse.clarify is None
        if sure or ctx.parse.intent == "out_of_scope":
            signals.append(("intent", ctx.parse.intent))
        else:
            signals.append(("clarify", None))
        return signals
