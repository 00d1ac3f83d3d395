"""The LINE channel's long-lived objects for one runtime (a web process or a worker): the LINE client, the
conversation state, the dispatcher, the event handler and the notifier that implements the backend's ports.

`open_line_channel(runtime)` builds them (inside the event loop) and registers their closing with the runtime;
the composition root (app/) then plugs `channel.notifier` and `channel.line` into the runtime's ports.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.runtime import Runtime
from bot.dispatcher import Bot, Dispatcher
from bot.handlers import build_dispatcher
from bot.inbox import consume_ready_inboxes, forget_user
from bot.line_client import LineClient, build_line_client
from bot.line_login import LineLoginIdentity, open_line_login
from bot.notifier import LineNotifier
from bot.state import RedisStateStore, StateStore

INBOX_DRAINS_PER_WORKER = 64


@dataclass
class LineChannel:
    runtime: Runtime
    line: LineClient
    state: StateStore
    dispatcher: Dispatcher
    bot: Bot
    notifier: LineNotifier
    identity: LineLoginIdentity | None  # None: no LINE Login channel configured (LIFF_ID unset)

    async def forget(self, *, line_user_id: str) -> int:
        """ChannelMemory: erase what the channel keeps in Redis about one user (conversation state, queued
        events, the drain lock, rate counters, the ready-list entry), for the erasure of their data."""
        await self.state.clear(line_user_id)
        return await forget_user(self.runtime, line_user_id)

    async def consume_inboxes(self) -> None:
        """Worker service: drain users' inboxes as they become ready (bot/inbox/), until the worker stops."""
        await consume_ready_inboxes(self.runtime, self.bot.handle_event, concurrency=INBOX_DRAINS_PER_WORKER,
                                    gather_seconds=self.runtime.settings.inbox_gather_ms / 1000)


def open_line_channel(runtime: Runtime) -> LineChannel:
    line = build_line_client(runtime.settings, clock=runtime.clock)
    runtime.on_close(line.close)
    state = RedisStateStore(runtime.redis, prefix=runtime.settings.redis_prefix)
    identity = open_line_login(runtime.settings)
    if identity is not None:
        runtime.on_close(identity.close)
    dispatcher = build_dispatcher()
    return LineChannel(
        runtime=runtime, line=line, state=state, dispatcher=dispatcher,
        bot=Bot(runtime=runtime, line=line, state=state, dispatcher=dispatcher),
        notifier=LineNotifier(line, settings=runtime.settings, clock=runtime.clock),
        identity=identity,
    )
