"""Routes each LINE event to a handler: middlewares first, then routers per feature, first match wins.

An event goes through the middlewares (bot/middlewares.py: standby, rate limit, chat log, handover pause,
consent gate), each `async def mw(handler, ctx)` calling `handler(ctx)` to let it on, then to routing. Routing
turns the event into signals, what it means for routing, in order of preference: ("event", "follow"),
("postback", "reg"), ("invalid_postback", None), ("step", "agency"), ("phrase", "export_my_data"),
("intent", "search_courses"), ("clarify", None), ("message", "sticker"); ("any", None) comes last. The routes of
each signal are tried in router order (bot/handlers/__init__.py); a route whose filters (bot/filters.py) refuse
the event is passed over, and the first that accepts it runs its handler with the filters' arguments.

A handler that finds the event is not for it after all raises `SkipHandler`: the dispatcher goes on with the
next matching route, or first with the signals the exception names (a clarifying question's answer goes on as
the intent the member picked).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import nlu
from backend.runtime import Runtime
from backend.services.members import MemberInfo, get_members_by_line_ids
from bot.batching import BatchedLookup
from bot.chat_log import ChatLogWriter
from bot.context import Context
from bot.filters import Filter, Param, PostbackParams
from bot.line_client import LineClient
from bot.render import texts
from bot.render.messages import text
from bot.state import StateStore

log = logging.getLogger(__name__)

Handler = Callable[..., Awaitable[None]]  # (ctx, **arguments from the route's filters)
Next = Callable[[Context], Awaitable[None]]
Middleware = Callable[[Next, Context], Awaitable[None]]
Signal = tuple[str, str | None]
CONFIDENCE_THRESHOLD = 0.6
MAX_TIMESTAMP_MS = 2**53  # LINE's event timestamps are milliseconds since 1970; beyond this, not a time
LOADING_AFTER_SECONDS = 0.7
STEP_KEY = "step"
ANY: Signal = ("any", None)
INVALID_POSTBACK: Signal = ("invalid_postback", None)
CLARIFY: Signal = ("clarify", None)
NO_ARGUMENTS: Mapping[str, Any] = {}


class SkipHandler(Exception):
    """Raised by a handler: not this route after all; try the next matching one (`signals` first)."""

    def __init__(self, *signals: Signal) -> None:
        super().__init__(*signals)
        self.signals = signals


@dataclass(frozen=True, slots=True)
class Route:
    signal: Signal
    handler: Handler
    filters: tuple[Filter, ...] = ()

    def accepts(self, ctx: Context) -> Mapping[str, Any] | None:
        """The handler's keyword arguments when every filter lets the event through; None otherwise."""
        if not self.filters:
            return NO_ARGUMENTS
        arguments: dict[str, Any] = {}
        for check in self.filters:
            found = check(ctx)
            if found is None:
                return None
            arguments.update(found)
        return arguments


@dataclass
class Router:
    name: str
    routes: list[Route] = field(default_factory=list)
    phrases: list[tuple[str, Callable[[str], bool]]] = field(default_factory=list)

    def _add(self, kind: str, keys: Iterable[str | None], filters: tuple[Filter, ...] = ()
             ) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            for key in keys:
                self.routes.append(Route((kind, key), handler, filters))
            return handler

        return register

    def event(self, *types: str) -> Callable[[Handler], Handler]:
        return self._add("event", types)

    def message(self, *types: str) -> Callable[[Handler], Handler]:
        return self._add("message", types)

    def postback(self, *actions: str, **params: Param) -> Callable[[Handler], Handler]:
        """Postbacks with these actions; `params` (bot/filters.py) become the handler's keyword arguments."""
        return self._add("postback", actions, (PostbackParams(params),) if params else ())

    def intent(self, *intents: str) -> Callable[[Handler], Handler]:
        return self._add("intent", intents)

    def step(self, *steps: str) -> Callable[[Handler], Handler]:
        return self._add("step", steps)

    def phrase(self, name: str, matches: Callable[[str], bool]) -> Callable[[Handler], Handler]:
        """A request the NLU has no intent for, recognised from the text before the NLU runs."""
        self.phrases.append((name, matches))
        return self._add("phrase", [name])

    def on(self, kind: str) -> Callable[[Handler], Handler]:
        """Special signals: clarify, invalid_postback, any."""
        return self._add(kind, [None])


class Dispatcher:
    def __init__(self, routers: Sequence[Router], middlewares: Sequence[Middleware] = ()) -> None:
        self.routers = list(routers)
        self.middlewares = list(middlewares)
        table: dict[Signal, list[Route]] = {}
        for router in self.routers:
            for route in router.routes:
                table.setdefault(route.signal, []).append(route)
        self._table: dict[Signal, tuple[Route, ...]] = {signal: tuple(found) for signal, found in table.items()}
        self.phrases = [phrase for router in self.routers for phrase in router.phrases]
        # The chain is built once: each middleware gets the rest of the chain as its `handler`.
        pipeline: Next = self._route
        for middleware in reversed(self.middlewares):
            pipeline = functools.partial(middleware, pipeline)
        self.feed: Next = pipeline

    def matches(self, ctx: Context, signals: Iterable[Signal]) -> Iterator[tuple[Route, Mapping[str, Any]]]:
        """Every route that takes the event, in the order they are tried."""
        for signal in signals:
            for route in self._table.get(signal, ()):
                arguments = route.accepts(ctx)
                if arguments is not None:
                    yield route, arguments

    async def _route(self, ctx: Context) -> None:
        signals = await self.signals(ctx)
        candidates = self.matches(ctx, itertools.chain(signals, (ANY,)))
        first = next(candidates, None)
        if first is None:
            log.info("no handler for %s", signals[:1])
            return
        # One timer per event (a task per event cost more than most answers): the loading animation
        # starts only if the handler has sent nothing when it fires.
        loading: list[asyncio.Task[None]] = []

        def start_loading() -> None:
            if not ctx.answered:
                loading.append(asyncio.create_task(self._show_loading(ctx)))

        timer = asyncio.get_running_loop().call_later(LOADING_AFTER_SECONDS, start_loading)
        started = time.perf_counter()
        route, arguments = first
        try:
            while True:
                try:
                    await route.handler(ctx, **arguments)
                    break
                except SkipHandler as skip:
                    if skip.signals:
                        candidates = itertools.chain(self.matches(ctx, skip.signals), candidates)
                    following = next(candidates, None)
                    if following is None:
                        break
                    route, arguments = following
            log.debug("%s event handled by %s in %.0f ms", ctx.kind, getattr(route.handler, "__name__", "?"),
                      (time.perf_counter() - started) * 1000)
        except Exception:
            log.exception("handler %s failed on a %s event", getattr(route.handler, "__name__", route.handler),
                          ctx.kind)
            await ctx.send(text(texts.ERROR))
        finally:
            timer.cancel()
            for task in loading:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    @staticmethod
    async def _show_loading(ctx: Context) -> None:
        await ctx.line.show_loading(ctx.user_id, 10)

    async def signals(self, ctx: Context) -> list[Signal]:
        """What the event means for routing (see module doc), best first; ("any", None) is left out."""
        kind = ctx.kind
        if kind == "postback":
            postback = ctx.postback
            return [INVALID_POSTBACK] if postback is None else [("postback", postback.action)]
        if kind != "message":
            return [("event", kind)]
        message_type = ctx.message_type
        if message_type != "text":
            return [("message", str(message_type))]
        step = await ctx.state.get(ctx.user_id, STEP_KEY)
        signals: list[Signal] = []
        if step:
            ctx.step = str(step.get("name"))
            signals.append(("step", ctx.step))
        signals.extend(("phrase", name) for name, matches in self.phrases if matches(ctx.text))
        # Inline: a parse takes well under a millisecond, less than handing it to a thread and back.
        ctx.parse = nlu.parse(ctx.text, today=ctx.clock.today())
        # Two close intents (register or search?) are asked about, like a low confidence.
        sure = ctx.parse.confidence >= CONFIDENCE_THRESHOLD and ctx.parse.clarify is None
        if sure or ctx.parse.intent == "out_of_scope":
            signals.append(("intent", ctx.parse.intent))
        else:
            signals.append(CLARIFY)
        return signals


@dataclass
class Bot:
    """The LINE channel's event handler: turns a queued LINE event into a Context and feeds it to the
    dispatcher."""

    runtime: Runtime
    line: LineClient
    state: StateStore
    dispatcher: Dispatcher
    chat_log: ChatLogWriter = field(default_factory=ChatLogWriter)  # shared by the events handled at once
    member_lookup: BatchedLookup[str, MemberInfo] = field(
        default_factory=lambda: BatchedLookup(get_members_by_line_ids))

    async def warm_up(self) -> None:
        """Load the NLU model and the catalogue's search index now rather than on the first message (the
        worker calls this at start; every event behind the first one would wait)."""
        from backend.services import catalogue

        await asyncio.to_thread(nlu.warm_up)
        await catalogue.warm_up()

    async def handle_event(self, event: dict[str, Any], received_at: float, over_limit: bool = False) -> None:
        user_id = (event.get("source") or {}).get("userId")
        if not user_id:
            log.info("event without a user (%s) acknowledged", event.get("type"))
            return
        # The reply token's clock starts when LINE created the event (a redelivery can be minutes old).
        stamp = event.get("timestamp")
        issued_at = received_at
        if isinstance(stamp, int | float) and 0 < stamp < MAX_TIMESTAMP_MS:  # any value can be signed
            issued_at = min(received_at, stamp / 1000)
        ctx = Context(
            runtime=self.runtime, line=self.line, state=self.state, event=event, user_id=user_id,
            received_at=issued_at, over_limit=over_limit, _reply_token=event.get("replyToken"),
            chat_log=self.chat_log, member_lookup=self.member_lookup,
        )
        await self.dispatcher.feed(ctx)
