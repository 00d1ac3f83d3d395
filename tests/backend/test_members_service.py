"""Members: consent before anything personal, profile and agency matching, unfollow, PDPA export and erasure."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from backend.models import AuditLog, Member, Registration, Session
from backend.services import demo_data, members, registration
from backend.services.errors import MemberNotFound, ValidationFailed
from tests.backend.factories import make_course, make_member, make_session
from tests.clock import CLOCK, TODAY
from tests.doubles import RecordedAnnouncements, RememberedForgets

pytestmark = pytest.mark.usefixtures("db")


async def test_nothing_is_stored_before_consent_and_consent_creates_the_member() -> None:
    assert await members.get_member_by_line_id("U-new") is None
    assert await Member.all().count() == 0
    info = await members.record_consent(line_user_id="U-new", version="2026-01", display_name="สมหญิง", clock=CLOCK)
    assert info.has_consented and info.display_name == "สมหญิง" and not info.profile_complete
    again = await members.record_consent(line_user_id="U-new", version="2026-02", clock=CLOCK)
    assert again.id == info.id and again.consent_version == "2026-02"
    assert (await members.get_member_by_line_id("U-new")).id == info.id  # type: ignore[union-attr]


async def test_the_bot_sees_the_same_member_as_the_admin() -> None:
    await demo_data.seed_agencies()
    member = await make_member()
    await members.update_profile(member_id=member.id, agency_text="กรมการปกครอง", target_group="service",
                                 position="เจ้าพนักงานปกครอง", province="กทม")
    by_line = await members.get_member_by_line_id(member.line_user_id or "")
    assert by_line == await members.get_member(member.id)
    assert by_line is not None and by_line.agency_name == "กรมการปกครอง" and by_line.consent_at is not None
    assert by_line.consent_at.tzinfo is not None
    await members.delete_member_data(member_id=member.id, actor="member:self", clock=CLOCK,
                                     channel=RememberedForgets(), announcer=RecordedAnnouncements())
    assert await members.get_member_by_line_id(member.line_user_id or "") is None


async def test_profile_with_agency_matching() -> None:
    await demo_data.seed_agencies()
    member = await make_member()
    clear = await members.update_profile(member_id=member.id, agency_text="กรมการปกครอง", target_group="service",
                                         position="เจ้าพนักงานปกครอง", province="กทม")
    assert clear.member.agency_name == "กรมการปกครอง" and clear.agency_candidates == []
    assert clear.member.target_group == "service" and clear.member.province == "กรุงเทพมหานคร"
    assert clear.member.profile_complete

    vague = await members.update_profile(member_id=member.id, agency_text="กรมทาง")
    assert vague.member.agency_id is None and vague.member.agency_text == "กรมทาง"
    names = [c.name for c in vague.agency_candidates]
    assert "กรมทางหลวง" in names and "กรมทางหลวงชนบท" in names
    chosen = await members.update_profile(member_id=member.id, agency_id=vague.agency_candidates[0].id)
    assert chosen.member.agency_id == vague.agency_candidates[0].id

    with pytest.raises(ValidationFailed):
        await members.update_profile(member_id=member.id, target_group="astronaut")
    with pytest.raises(MemberNotFound):
        await members.update_profile(member_id=999999, position="x")


async def test_unfollow_and_follow_again() -> None:
    member = await make_member()
    assert await members.deactivate_member(member.line_user_id or "")
    assert not (await members.get_member(member.id)).active
    back = await members.reactivate_member(member.line_user_id or "")
    assert back is not None and back.active
    assert await members.reactivate_member("U-stranger") is None
    assert not await members.deactivate_member("U-stranger")


async def test_export_and_erase_personal_data() -> None:
    course = await make_course()
    today = TODAY
    past = await make_session(course.code, start_date=today - dt.timedelta(days=20),
                              end_date=today - dt.timedelta(days=19))
    upcoming = await make_session(course.code, capacity=1, start_date=today + dt.timedelta(days=10),
                                  end_date=today + dt.timedelta(days=10))
    member = await make_member(position="นักวิชาการคอมพิวเตอร์", target_group="technologist")
    waiting = await make_member()
    await Registration.create(member_id=member.id, session_id=past.id, status="completed",
                              completed_at=CLOCK.utcnow())
    await registration.register_member_for_session(member_id=member.id, session_id=upcoming.id, actor="t", clock=CLOCK)
    await registration.register_member_for_session(member_id=waiting.id, session_id=upcoming.id, actor="t", clock=CLOCK)

    export = await members.export_member_data(member.id, clock=CLOCK)
    json.dumps(export)  # JSON-ready
    assert export["member"]["position"] == "นักวิชาการคอมพิวเตอร์"
    assert {r["status"] for r in export["registrations"]} == {"completed", "registered"}

    forgotten, announced = RememberedForgets(), RecordedAnnouncements()
    report = await members.delete_member_data(member_id=member.id, actor="member:self", clock=CLOCK,
                                              channel=forgotten, announcer=announced)
    assert "display_name" in report.cleared_fields and "line_user_id" in report.cleared_fields
    assert len(report.registrations_cancelled) == 1
    assert [p.member_id for p in report.promoted] == [waiting.id]  # the freed seat went to the waitlist
    assert announced.registration_ids == [report.promoted[0].registration_id]  # and they will be told
    row = await Member.get(id=member.id)
    assert row.line_user_id is None and row.display_name == "" and row.position == "" and row.deleted_at
    assert row.target_group_id is None and row.agency_id is None  # the bot promises to delete them too
    assert forgotten.users == [member.line_user_id]  # the channel's memory of them too
    assert await Registration.filter(member_id=member.id, status="completed").count() == 1
    assert await members.get_member_by_line_id(member.line_user_id or "") is None
    assert (await Session.get(id=upcoming.id)).seats_taken == 1
    assert await AuditLog.filter(action="member.delete_data", target_id=str(member.id)).exists()
    again = await members.delete_member_data(member_id=member.id, actor="member:self", clock=CLOCK,
                                             channel=forgotten, announcer=RecordedAnnouncements())
    assert again.cleared_fields == []
    # The same LINE user can start over with a new, empty record.
    fresh = await members.record_consent(line_user_id=member.line_user_id or "", version="2026-03", clock=CLOCK)
    assert fresh.id != member.id and fresh.position == ""


async def test_admin_member_search() -> None:
    await demo_data.seed_agencies()
    a = await make_member(agency_text="กรมสรรพากร")
    await make_member(agency_text="กรมศุลกากร")
    page = await members.search_members(q="สรรพากร")
    assert [m.id for m in page.items] == [a.id] and page.total == 1
    # the list and the detail show the matched agency by name (read with the member, one query)
    assert page.items[0].agency_name == (await members.get_member(a.id)).agency_name == "กรมสรรพากร"
    assert (await members.search_members(q=a.line_user_id)).items[0].id == a.id
    assert (await members.search_members()).total == 2
