"""Searches and course cards the bot may answer from a copy a few seconds old, and what clears the copy."""

from __future__ import annotations

import pytest

from backend.schemas.catalogue import CourseUpdate
from backend.services import catalogue, registration
from tests.backend.factories import ACTOR, make_course, make_member, make_session
from tests.clock import CLOCK

pytestmark = pytest.mark.usefixtures("db")


async def test_same_search_within_the_age_is_one_answer_and_catalogue_edits_clear_it() -> None:
    await make_course(code="AI-1", title_th="ปัญญาประดิษฐ์สำหรับงานราชการ", topics=["ai"])
    first = await catalogue.search_courses_recent(q="AI", clock=CLOCK, max_age_seconds=60)
    assert [c.code for c in first.items] == ["AI-1"]
    assert await catalogue.search_courses_recent(q="AI", clock=CLOCK, max_age_seconds=60) is first
    # Another question is its own answer.
    other = await catalogue.search_courses_recent(q="AI", page=2, clock=CLOCK, max_age_seconds=60)
    assert other is not first
    # A course added through the catalogue shows at once in this process.
    await make_course(code="AI-2", title_th="เอไอเชิงสร้างสรรค์", topics=["ai"])
    again = await catalogue.search_courses_recent(q="AI", clock=CLOCK, max_age_seconds=60)
    assert sorted(c.code for c in again.items) == ["AI-1", "AI-2"]
    # An age of zero always asks the database.
    assert await catalogue.search_courses_recent(q="AI", clock=CLOCK, max_age_seconds=0) is not again


async def test_course_card_copy_shows_old_seats_until_its_age_then_the_database() -> None:
    course = await make_course(code="DATA-1", title_th="การวิเคราะห์ข้อมูล", topics=["data"])
    session = await make_session(course.code, capacity=5)
    before = await catalogue.get_course_recent("DATA-1", clock=CLOCK, max_age_seconds=60)
    assert before.sessions[0].seats_left == 5
    member = await make_member()
    await registration.register_member_for_session(member_id=member.id, session_id=session.id, actor=ACTOR,
                                                   clock=CLOCK)
    # Within the age the copy answers (registering itself always checks the database) ...
    assert (await catalogue.get_course_recent("DATA-1", clock=CLOCK, max_age_seconds=60)).sessions[0].seats_left == 5
    # ... and past it the card is read again.
    assert (await catalogue.get_course_recent("DATA-1", clock=CLOCK, max_age_seconds=0)).sessions[0].seats_left == 4
    # Editing the course through the catalogue clears the copies.
    await catalogue.update_course("DATA-1", CourseUpdate(title_th="การวิเคราะห์ข้อมูลขั้นสูง"), actor=ACTOR, clock=CLOCK)
    edited = await catalogue.get_course_recent("DATA-1", clock=CLOCK, max_age_seconds=60)
    assert edited.title_th == "การวิเคราะห์ข้อมูลขั้นสูง"


async def test_callers_asking_at_once_share_one_computation_and_a_clear_is_not_undone() -> None:
    import asyncio

    from backend.services.recent import RecentAnswers

    answers: RecentAnswers[int] = RecentAnswers()
    calls = 0
    release = asyncio.Event()

    async def slow_search() -> int:
        nonlocal calls
        calls += 1
        await release.wait()
        return calls

    waiting = [asyncio.create_task(answers.get_or_compute("q", slow_search, max_age_seconds=60)) for _ in range(50)]
    await asyncio.sleep(0.01)
    waiting[0].cancel()  # one user gives up; the others still get the answer
    release.set()
    results = await asyncio.gather(*waiting[1:])
    assert results == [1] * 49 and calls == 1
    assert await answers.get_or_compute("q", slow_search, max_age_seconds=60) == 1  # kept

    # The catalogue changes while a search is running: its answer goes to its callers but is not kept.
    release.clear()
    running = asyncio.create_task(answers.get_or_compute("r", slow_search, max_age_seconds=60))
    await asyncio.sleep(0.01)
    answers.clear()
    release.set()
    assert await running == 2
    assert await answers.get_or_compute("r", slow_search, max_age_seconds=60) == 3

    async def broken() -> int:
        raise RuntimeError("database gone")

    failing = [answers.get_or_compute("s", broken, max_age_seconds=60) for _ in range(3)]
    outcomes = await asyncio.gather(*failing, return_exceptions=True)
    assert all(isinstance(o, RuntimeError) for o in outcomes)
    assert answers.get("s", max_age_seconds=60) is None
