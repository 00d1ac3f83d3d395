"""The chat log of a worker's conversations, written in batches (group commit).

Every event's lines (the user's text, the answers) used to cost one INSERT. A worker drains dozens of
conversations at once, so `ChatLogWriter` gathers the lines that arrive while an insert is on its way, or
within `linger_seconds` of the first, and writes them in one statement. `write()` returns only once its lines
are in the database (or raises what the insert raised): the drain marks an event handled after its handler,
and so after its log, has returned, exactly as with an insert per event. The answer itself is sent before its
lines are logged, so the batching delays no reply; the same user's next event waits up to LINGER_SECONDS
longer, while a worker at a few hundred events per second writes one insert for several events.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from backend.services import handover
from backend.services.handover import ConversationLine

LINGER_SECONDS = 0.02
MAX_LINES_PER_INSERT = 1000


class ChatLogWriter:
    def __init__(self, write: Callable[[Sequence[ConversationLine]], Awaitable[None]] | None = None, *,
                 linger_seconds: float = LINGER_SECONDS, max_lines: int = MAX_LINES_PER_INSERT) -> None:
        self._write = write or handover.record_conversation_lines
        self._linger = linger_seconds
        self._max_lines = max_lines
        self._queue: list[tuple[Sequence[ConversationLine], asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None
        self.inserts = 0  # statements written (for benchmarks and tests)

    async def write(self, lines: Sequence[ConversationLine]) -> None:
        """Log these lines (in order, after the lines given before); returns once they are written."""
        if not lines:
            return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append((lines, done))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_batches(), name="chat-log-writer")
        # shielded: a drain cancelled while it waits (the worker stopping) does not cancel the batch
        await asyncio.shield(done)

    async def _write_batches(self) -> None:
        try:
            while self._queue:
                if self._linger:
                    await asyncio.sleep(self._linger)
                taken, count = 0, 0
                while taken < len(self._queue) and (taken == 0 or count + len(self._queue[taken][0]) <= self._max_lines):
                    count += len(self._queue[taken][0])
                    taken += 1
                batch, self._queue = self._queue[:taken], self._queue[taken:]
                try:
                    await self._write([line for lines, _ in batch for line in lines])
                except BaseException as exc:  # every caller of this batch sees the failure, as with its own insert
                    failure = exc if isinstance(exc, Exception) else ChatLogNotWritten("the worker stopped")
                    for _, done in batch:
                        if not done.done():
                            done.set_exception(failure)
                    if not isinstance(exc, Exception):
                        raise
                    continue
                self.inserts += 1
                for _, done in batch:
                    if not done.done():
                        done.set_result(None)
        finally:
            self._writer = None
            for _, done in self._queue:  # the writer was cancelled (the worker stopping) with lines waiting
                if not done.done():
                    done.set_exception(ChatLogNotWritten("the worker stopped before these lines were written"))
            self._queue = []


class ChatLogNotWritten(Exception):
    pass
