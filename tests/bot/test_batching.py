"""Member lookups of the events handled at once are answered by one query; each event still gets its own
member, as fresh as a query of its own."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence

from backend.services import members
from bot.batching import BatchedLookup
from tests.backend.factories import make_member


async def test_members_looked_up_at_once_come_from_one_query_and_each_gets_their_own(db: None) -> None:
    known = [await make_member(line_user_id=f"U{n:032x}") for n in range(5)]
    lookup: BatchedLookup[str, members.MemberInfo] = BatchedLookup(members.get_members_by_line_ids)
    ids = [m.line_user_id or "" for m in known] + ["U-never-consented"]
    found = await asyncio.gather(*(lookup.get(i) for i in ids))
    assert [f.line_user_id if f else None for f in found] == [*ids[:5], None]
    assert lookup.queries == 1
    # alone, a lookup is a query of its own, started at once, and sees what changed since
    await members.deactivate_member(ids[0])
    again = await lookup.get(ids[0])
    assert again is not None and again.active is False and lookup.queries == 2


async def test_a_failed_query_reaches_every_caller_of_its_batch_and_the_next_one_runs() -> None:
    calls: list[Sequence[str]] = []

    async def flaky(keys: Sequence[str]) -> Mapping[str, int]:
        calls.append(keys)
        if len(calls) == 1:
            raise ConnectionError("database gone")
        return {k: len(k) for k in keys}

    lookup: BatchedLookup[str, int] = BatchedLookup(flaky)
    results = await asyncio.gather(lookup.get("a"), lookup.get("bb"), return_exceptions=True)
    assert all(isinstance(r, ConnectionError) for r in results)
    assert await asyncio.gather(lookup.get("ccc"), lookup.get("ccc")) == [3, 3]
    assert calls[-1] == ["ccc"]
