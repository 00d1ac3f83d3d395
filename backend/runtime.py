"""Process-wide resources (database, Redis, job queue), opened once by the web app or the worker.

Both entry points build a `Runtime` with `open_runtime()` and hand it on: FastAPI keeps it in
`app.state.runtime` (see backend.deps), arq jobs find it in `ctx["runtime"]`. Its ports (`notifier`,
`multicaster`) are connected by the composition root (app/), which knows the channel.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from arq.connections import ArqRedis, create_pool
from redis.asyncio import Redis

from backend import db
from backend.clock import Clock, SystemClock
from backend.ports import (
    ChannelIdentity,
    ChannelMemory,
    MemberNotifier,
    Multicaster,
    NoChannel,
    WaitlistAnnouncer,
)
from backend.redis_conn import RedisEndpoint, resolve_redis
from backend.settings import Settings

if TYPE_CHECKING:
    from backend.services.broadcasts import BroadcastConfig

log = logging.getLogger(__name__)

Closer = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class QueuedAnnouncer:
    """The WaitlistAnnouncer of a runtime: each promotion becomes a `push_promotions` job (the worker tells the
    member through the notifier, and retries when the channel failed)."""

    queue: ArqRedis

    async def waitlist_promoted(self, registration_ids: Sequence[int]) -> None:
        if registration_ids:
            await self.queue.enqueue_job("push_promotions", list(registration_ids))


@dataclass
class Runtime:
    settings: Settings
    redis_endpoint: RedisEndpoint
    redis: Redis
    queue: ArqRedis
    clock: Clock
    owns_db: bool = True
    # The ports (backend.ports): the composition root plugs a channel in; until then any use says so.
    notifier: MemberNotifier = field(default_factory=NoChannel)
    multicaster: Multicaster = field(default_factory=NoChannel)
    channel_memory: ChannelMemory = field(default_factory=NoChannel)
    identity: ChannelIdentity = field(default_factory=NoChannel)
    # Set by open_runtime: promotions become jobs on this runtime's queue (backend.jobs.promotions).
    announcer: WaitlistAnnouncer = field(default_factory=NoChannel)
    # The broadcast engine's tuning; None: from the settings (BroadcastConfig.from_settings).
    broadcast_config: BroadcastConfig | None = None
    _closers: list[Closer] = field(default_factory=list)

    def on_close(self, closer: Closer) -> None:
        self._closers.append(closer)

    async def close(self) -> None:
        for closer in reversed(self._closers):
            try:
                await closer()
            except Exception:  # pragma: no cover - best effort shutdown
                log.exception("error while closing a runtime resource")
        await self.queue.aclose()
        await self.redis.aclose()
        if self.owns_db:
            await db.close_db()
            await db.release_database(self.settings)
        self.redis_endpoint.close()


async def open_runtime(
    settings: Settings,
    *,
    init_database: bool = True,
    apply_migrations: bool = False,
    redis_endpoint: RedisEndpoint | None = None,
    full_pool: bool = False,
    clock: Clock | None = None,
) -> Runtime:
    """Connect to the database and Redis; optionally apply migrations first (`full_pool`: see db.init_db)."""
    if init_database:
        if apply_migrations:
            await db.migrate(settings)
        await db.init_db(settings, full_pool=full_pool)
    endpoint = redis_endpoint or resolve_redis(settings)
    redis = endpoint.client(decode_responses=False)
    queue = await create_pool(endpoint.arq_settings(), default_queue_name=queue_name(settings))
    return Runtime(settings=settings, redis_endpoint=endpoint, redis=redis, queue=queue, owns_db=init_database,
                   clock=clock or SystemClock(), announcer=QueuedAnnouncer(queue))


def queue_name(settings: Settings) -> str:
    return f"{settings.redis_prefix}arq:queue"
