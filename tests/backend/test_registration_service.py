"""Registration rules: seats, waitlist order, promotion, windows, re-registration, concurrency."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from backend.models import Registration, RegistrationEvent, Session
from backend.services import registration
from backend.services.errors import (
    AlreadyRegistered,
    ConsentRequired,
    CourseNotAvailable,
    NotCancellable,
    RegistrationClosed,
    RegistrationNotFound,
    RegistrationNotOpenYet,
    SessionCancelled,
    SessionPast,
)
from tests.backend.factories import TODAY, make_course, make_member, make_session
from tests.clock import CLOCK
from tests.doubles import RecordedAnnouncements

pytestmark = pytest.mark.usefixtures("db")


async def register(member_id: int, session_id: int) -> registration.RegistrationResult:
    return await registration.register_member_for_session(
        member_id=member_id, session_id=session_id, actor=f"member:{member_id}", clock=CLOCK
    )


async def test_registers_until_full_then_waitlists_in_order() -> None:
    course = await make_course()
    session = await make_session(course.code, capacity=2)
    people = [await make_member() for _ in range(4)]
    results = [await register(m.id, session.id) for m in people]
    assert [r.status for r in results] == ["registered", "registered", "waitlisted", "waitlisted"]
    assert [r.waitlist_position for r in results] == [None, None, 1, 2]
    assert results[-1].session.seats_left == 0
    assert results[-1].session.waitlisted == 2


async def test_same_member_twice_is_already_registered() -> None:
    course = await make_course()
    session = await make_session(course.code)
    member = await make_member()
    first = await register(member.id, session.id)
    with pytest.raises(AlreadyRegistered) as err:
        await register(member.id, session.id)
    assert err.value.context["registration_id"] == first.registration_id
    assert await Registration.filter(session_id=session.id).count() == 1


async def test_cancel_promotes_first_waitlisted_and_records_it() -> None:
    course = await make_course(title_th="การวิเคราะห์ข้อมูลสำหรับงานราชการ")
    session = await make_session(course.code, capacity=1)
    holder, first_wait, second_wait = [await make_member() for _ in range(3)]
    seat = await register(holder.id, session.id)
    await register(first_wait.id, session.id)
    await register(second_wait.id, session.id)

    result = await registration.cancel_registration(
        registration_id=seat.registration_id, member_id=holder.id, actor=f"member:{holder.id}", clock=CLOCK, announcer=RecordedAnnouncements())
    assert result.previous_status == "registered"
    assert result.promoted is not None
    assert result.promoted.member_id == first_wait.id
    assert result.promoted.line_user_id == first_wait.line_user_id
    assert result.promoted.course_title_th == "การวิเคราะห์ข้อมูลสำหรับงานราชการ"

    mine = await registration.list_member_registrations(first_wait.id, clock=CLOCK)
    assert [(r.status, r.waitlist_position) for r in mine] == [("registered", None)]
    theirs = await registration.list_member_registrations(second_wait.id, clock=CLOCK)
    assert theirs[0].waitlist_position == 1
    assert (await Session.get(id=session.id)).seats_taken == 1
    kinds = await RegistrationEvent.filter(registration__session_id=session.id).order_by("id").values_list(
        "kind", flat=True)
    assert kinds == ["registered", "waitlisted", "waitlisted", "cancelled", "promoted"]


async def test_cancelling_a_waitlist_place_moves_nobody_up() -> None:
    course = await make_course()
    session = await make_session(course.code, capacity=1)
    a, b, c = [await make_member() for _ in range(3)]
    await register(a.id, session.id)
    waiting = await register(b.id, session.id)
    await register(c.id, session.id)
    result = await registration.cancel_registration(registration_id=waiting.registration_id, actor="t", clock=CLOCK, announcer=RecordedAnnouncements())
    assert result.promoted is None
    later = await registration.list_member_registrations(c.id, clock=CLOCK)
    assert later[0].waitlist_position == 1


async def test_re_register_after_cancel() -> None:
    course = await make_course()
    session = await make_session(course.code)
    member = await make_member()
    first = await register(member.id, session.id)
    await registration.cancel_registration(registration_id=first.registration_id, member_id=member.id, actor="t",
                                           clock=CLOCK, announcer=RecordedAnnouncements())
    again = await register(member.id, session.id)
    assert again.status == "registered"
    assert again.registration_id != first.registration_id
    with pytest.raises(NotCancellable):
        await registration.cancel_registration(registration_id=first.registration_id, actor="t", clock=CLOCK, announcer=RecordedAnnouncements())


async def test_someone_elses_registration_cannot_be_cancelled() -> None:
    course = await make_course()
    session = await make_session(course.code)
    owner, other = await make_member(), await make_member()
    reg = await register(owner.id, session.id)
    with pytest.raises(RegistrationNotFound):
        await registration.cancel_registration(registration_id=reg.registration_id, member_id=other.id, actor="t",
                                               clock=CLOCK, announcer=RecordedAnnouncements())


async def test_registration_window_and_session_state() -> None:
    course = await make_course()
    member = await make_member()
    not_yet = await make_session(course.code, registration_opens=TODAY + dt.timedelta(days=1))
    closed = await make_session(course.code, registration_closes=TODAY - dt.timedelta(days=1))
    past = await make_session(course.code, start_date=TODAY - dt.timedelta(days=3),
                              end_date=TODAY - dt.timedelta(days=2))
    cancelled = await make_session(course.code)
    await Session.filter(id=cancelled.id).update(status="cancelled")
    last_day = await make_session(course.code, registration_opens=TODAY - dt.timedelta(days=10),
                                  registration_closes=TODAY)
    with pytest.raises(RegistrationNotOpenYet):
        await register(member.id, not_yet.id)
    with pytest.raises(RegistrationClosed):
        await register(member.id, closed.id)
    with pytest.raises(SessionPast):
        await register(member.id, past.id)
    with pytest.raises(SessionCancelled):
        await register(member.id, cancelled.id)
    assert (await register(member.id, last_day.id)).status == "registered"


async def test_retired_course_takes_no_registrations() -> None:
    from backend.services import catalogue

    course = await make_course()
    session = await make_session(course.code)
    await catalogue.retire_course(course.code, actor="t", clock=CLOCK)
    member = await make_member()
    with pytest.raises(CourseNotAvailable):
        await register(member.id, session.id)


async def test_member_without_consent_cannot_register() -> None:
    from backend.models import Member

    course = await make_course()
    session = await make_session(course.code)
    member = await Member.create(line_user_id="Unoconsent")
    with pytest.raises(ConsentRequired):
        await register(member.id, session.id)


async def test_member_registrations_upcoming_then_past() -> None:
    course = await make_course()
    member = await make_member()
    soon = await make_session(course.code, start_date=TODAY + dt.timedelta(days=3),
                              end_date=TODAY + dt.timedelta(days=3))
    later = await make_session(course.code, start_date=TODAY + dt.timedelta(days=30),
                               end_date=TODAY + dt.timedelta(days=31))
    await register(member.id, later.id)
    await register(member.id, soon.id)
    items = await registration.list_member_registrations(member.id, clock=CLOCK)
    assert [i.session_id for i in items] == [soon.id, later.id]
    assert all(i.upcoming and i.cancellable for i in items)
    past_view = await registration.list_member_registrations(member.id, clock=CLOCK.on(TODAY + dt.timedelta(days=10)))
    assert [(i.session_id, i.upcoming) for i in past_view] == [(later.id, True), (soon.id, False)]


async def test_two_hundred_concurrent_registrations_for_thirty_seats() -> None:
    course = await make_course()
    session = await make_session(course.code, capacity=30)
    people = [await make_member() for _ in range(200)]
    results = await asyncio.gather(*(register(m.id, session.id) for m in people))
    registered = [r for r in results if r.status == "registered"]
    waitlisted = [r for r in results if r.status == "waitlisted"]
    assert len(registered) == 30
    assert len(waitlisted) == 170
    assert sorted(r.waitlist_position for r in waitlisted) == list(range(1, 171))
    assert (await Session.get(id=session.id)).seats_taken == 30
    rows = await Registration.filter(session_id=session.id).order_by("id").values("member_id", "status")
    assert len({r["member_id"] for r in rows}) == 200
    assert sum(r["status"] == "registered" for r in rows) == 30
    # The waitlist is in arrival order: positions follow the order the rows were written.
    by_member = {r.member_id: r.waitlist_position for r in waitlisted}
    waiting_rows = [r["member_id"] for r in rows if r["status"] == "waitlisted"]
    assert [by_member[m] for m in waiting_rows] == list(range(1, 171))

    # Cancelling one seat promotes waitlist position 1 exactly once, even with parallel cancellations.
    first_in_line = waiting_rows[0]
    second_in_line = waiting_rows[1]
    cancels = await asyncio.gather(*(
        registration.cancel_registration(registration_id=r.registration_id, actor="t", clock=CLOCK, announcer=RecordedAnnouncements())
        for r in registered[:2]
    ))
    promoted = sorted(c.promoted.member_id for c in cancels if c.promoted)
    assert promoted == sorted([first_in_line, second_in_line])
    assert (await Session.get(id=session.id)).seats_taken == 30
