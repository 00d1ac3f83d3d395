"""The worker's chat log is written in batches, and a line is in the database before its event counts as
handled."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Sequence

from backend.services import handover
from backend.services.handover import ConversationLine
from bot.chat_log import ChatLogWriter
from tests.clock import TODAY

AT = dt.datetime.combine(TODAY, dt.time(9, 0), tzinfo=dt.UTC)


async def test_lines_of_conversations_at_once_are_all_written_in_order_in_few_inserts(db: None) -> None:
    writer = ChatLogWriter()

    async def conversation(user: str) -> None:
        for turn in range(3):
            # returns only once the lines are in the database, as the drain relies on
            await writer.write([(user, "in", f"{user} ถาม {turn}", AT), (user, "out", f"{user} ตอบ {turn}", AT)])
            texts = [m.text for m in await handover.recent_messages(line_user_id=user)]
            assert texts[-2:] == [f"{user} ถาม {turn}", f"{user} ตอบ {turn}"]

    users = [f"U{n:032d}" for n in range(40)]
    await asyncio.gather(*(conversation(u) for u in users))
    for user in users:
        texts = [m.text for m in await handover.recent_messages(line_user_id=user)]
        assert texts == [f"{user} {verb} {turn}" for turn in range(3) for verb in ("ถาม", "ตอบ")]
    assert writer.inserts <= 3 * 4  # 120 writes, a handful of statements


async def test_a_failed_insert_reaches_every_writer_of_its_batch_and_the_next_batch_is_written() -> None:
    written: list[Sequence[ConversationLine]] = []
    fail = True

    async def flaky(lines: Sequence[ConversationLine]) -> None:
        nonlocal fail
        if fail:
            fail = False
            raise ConnectionError("database gone")
        written.append(lines)

    writer = ChatLogWriter(flaky)
    results = await asyncio.gather(writer.write([("Ua", "in", "ก", AT)]), writer.write([("Ub", "in", "ข", AT)]),
                                   return_exceptions=True)
    assert all(isinstance(r, ConnectionError) for r in results)
    await writer.write([("Ua", "in", "ค", AT)])
    assert [line[2] for batch in written for line in batch] == ["ค"]


async def test_a_batch_holds_at_most_max_lines_and_keeps_the_order() -> None:
    batches: list[list[str]] = []

    async def record(lines: Sequence[ConversationLine]) -> None:
        batches.append([line[2] for line in lines])

    writer = ChatLogWriter(record, max_lines=4)
    await asyncio.gather(*(writer.write([("Ua", "in", f"{n}a", AT), ("Ua", "out", f"{n}b", AT)]) for n in range(5)))
    assert all(len(b) <= 4 for b in batches)
    assert [t for b in batches for t in b] == [f"{n}{s}" for n in range(5) for s in "ab"]


async def test_nothing_to_write_costs_nothing() -> None:
    writer = ChatLogWriter()
    await writer.write([])
    assert writer.inserts == 0
