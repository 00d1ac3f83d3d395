"""Lookups of the events handled at once, answered together: one query for many keys.

A worker handles dozens of conversations at once, and most of them start with the same lookups (the member
behind the LINE user). `BatchedLookup.get(key)` queues the key; the keys queued while the previous query was
on its way, or in the same turn of the event loop, go in one query. With a single conversation under way it
is one query per lookup, as before, and no waiting: a query starts as soon as the loop gets to it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BatchedLookup(Generic[K, V]):
    def __init__(self, fetch: Callable[[Sequence[K]], Awaitable[Mapping[K, V]]], *, max_keys: int = 500) -> None:
        self._fetch = fetch
        self._max_keys = max_keys
        self._queue: list[tuple[K, asyncio.Future[V | None]]] = []
        self._runner: asyncio.Task[None] | None = None
        self.queries = 0  # for benchmarks and tests

    async def get(self, key: K) -> V | None:
        """The value for `key` (None when the fetch found none), read by a query started after this call."""
        found: asyncio.Future[V | None] = asyncio.get_running_loop().create_future()
        self._queue.append((key, found))
        if self._runner is None:
            self._runner = asyncio.create_task(self._run(), name="batched-lookup")
        return await found

    async def _run(self) -> None:
        try:
            while self._queue:
                batch, self._queue = self._queue[:self._max_keys], self._queue[self._max_keys:]
                try:
                    values = await self._fetch(list(dict.fromkeys(key for key, _ in batch)))
                except BaseException as exc:  # every caller of the batch sees what its own query would have raised
                    for _, found in batch:
                        if not found.done():
                            found.set_exception(exc if isinstance(exc, Exception) else LookupInterrupted())
                    if not isinstance(exc, Exception):
                        raise
                    continue
                self.queries += 1
                for key, found in batch:
                    if not found.done():
                        found.set_result(values.get(key))
        finally:
            self._runner = None
            for _, found in self._queue:
                if not found.done():
                    found.set_exception(LookupInterrupted())
            self._queue = []


class LookupInterrupted(Exception):
    """The lookup's task was cancelled (the worker stopping) before it answered."""
