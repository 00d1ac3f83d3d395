"""Erasing a member's data leaves nothing of them anywhere: every table of the database and every key and
value in Redis are searched for their LINE id, their names, the agency and position they typed and their
free-text survey answers."""

from __future__ import annotations

import json
from typing import Any

from tortoise import connections

from backend.models import Broadcast, BroadcastBatch, Member, Registration, RegistrationStatus, SurveyResponse
from backend.services import surveys
from tests.backend.factories import make_course, make_session
from tests.bot.conftest import BotWorld, find_quick
from tests.clock import CLOCK

NAME = "วิมลรัตน์ ลบข้อมูลได้"
AGENCY = "สำนักงานทดสอบการลบข้อมูลจังหวัดสมมติ"
POSITION = "นักจัดการงานทั่วไปชำนาญการทดสอบลบ"
COMMENT = "วิทยากรพูดถึงโครงการของวิมลรัตน์ที่อำเภอบ้านสมมติ"


async def _everything_in_the_database() -> str:
    conn = connections.get("default")
    rows = await conn.execute_query_dict("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    dump = []
    for row in rows:
        found = await conn.execute_query_dict(f'SELECT row_to_json(t)::text AS line FROM "{row["tablename"]}" t')
        dump += [f'{row["tablename"]}: {r["line"]}' for r in found]
    return "\n".join(dump)


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, dict):
        return " ".join(f"{_text(k)}={_text(v)}" for k, v in value.items())
    if isinstance(value, list | set | tuple):
        return " ".join(_text(v) for v in value)
    return str(value)


async def _everything_in_redis(redis: Any) -> str:
    dump = []
    async for key in redis.scan_iter(count=1000):
        kind = (await redis.type(key)).decode()
        value: Any = None
        if kind == "string":
            value = await redis.get(key)
        elif kind == "list":
            value = await redis.lrange(key, 0, -1)
        elif kind == "set":
            value = await redis.smembers(key)
        elif kind == "hash":
            value = await redis.hgetall(key)
        elif kind == "zset":
            value = await redis.zrange(key, 0, -1)
        dump.append(f"{_text(key)} {_text(value)}")
    return "\n".join(dump)


def _forms(secret: str) -> list[str]:
    """The secret as stored raw and as JSON writes it with ASCII escapes."""
    return [secret, json.dumps(secret)[1:-1]]


async def test_nothing_of_an_erased_member_remains(world: BotWorld) -> None:
    user = world.user("wimonrat", NAME)
    answer = await world.act(user, {"type": "follow"})
    answer = await world.tap(user, find_quick(answer, "ยินยอม"))
    answer = await world.tap(user, find_quick(answer, "งานบริการ"))
    await world.say(user, AGENCY)
    member = await Member.get(line_user_id=user)
    await Member.filter(id=member.id).update(position=POSITION)

    # A completed course with a free-text answer, a broadcast batch that reached them, and a conversation
    # left half-way (a pending confirmation in Redis).
    course = await make_course(title_th="การออกแบบบริการดิจิทัล", topics=["service_design"])
    session = await make_session(course.code)
    await Registration.create(member_id=member.id, session_id=session.id, status=RegistrationStatus.attended,
                              active_key=f"{member.id}:{session.id}")
    await surveys.ensure_shipped_templates()
    dispatch = await surveys.dispatch_survey(session=await session_row(session.id), template_code="l1_satisfaction",
                                             deadline=CLOCK.utcnow().replace(year=2027), now=CLOCK.utcnow())
    await surveys.submit_response(dispatch_id=dispatch.id, member_id=member.id, now=CLOCK.utcnow(), answers={
        "content": 5, "trainer": 5, "materials": 4, "duration": 4, "application": 5, "overall": 5, "comments": COMMENT})
    broadcast = await Broadcast.create(title="ประกาศ", audience={}, messages=[{"type": "text", "text": "x"}],
                                       send_after=CLOCK.utcnow(), created_by="staff:test")
    await BroadcastBatch.create(broadcast=broadcast, seq=1, retry_key="k1", user_ids=[user, "U" + "9" * 32],
                                recipients=2, last_member_id=member.id)
    await world.say(user, "ยกเลิกการสมัคร")  # leaves conversation state behind

    answer = await world.say(user, "ลบข้อมูลของฉัน")
    answer = await world.tap(user, find_quick(answer, "ลบข้อมูลของฉัน"))
    await world.tap(user, find_quick(answer, "ยืนยันลบข้อมูล"))
    await world.settle(user)

    database = await _everything_in_the_database()
    in_redis = await _everything_in_redis(world.runtime.redis)
    for secret in (user, NAME, AGENCY, POSITION, COMMENT):
        for form in _forms(secret):
            assert form not in database, f"{secret!r} is still in the database"
            assert form not in in_redis, f"{secret!r} is still in Redis"
    # What stays is anonymous: the registration and the scores, for statistics.
    assert await Registration.filter(member_id=member.id).exists()
    kept = await SurveyResponse.get(member_id=member.id)
    assert kept.answers["overall"] == 5 and "comments" not in kept.answers
    batch = await BroadcastBatch.get(broadcast_id=broadcast.id)
    assert batch.user_ids == ["U" + "9" * 32]


async def session_row(session_id: int) -> Any:
    from backend.models import Session

    return await Session.get(id=session_id)
