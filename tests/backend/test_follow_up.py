"""ONDE's follow-up of certified courses: what a scorecard counts, when a course is flagged, the thresholds an
admin changes (audited), the quarterly trend, the API (ISO dates, course codes) and the workbook (Buddhist era)."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from backend.models import (
    AuditLog,
    Registration,
    RegistrationStatus,
    SurveyDispatch,
    SurveyInvite,
    SurveyResponse,
    SurveyTemplate,
)
from backend.services import follow_up, surveys
from tests.backend.factories import make_course, make_member, make_session, make_staff
from tests.clock import CLOCK, TODAY

L1 = {"content": 4, "trainer": 5, "materials": 4, "duration": 3, "application": 4, "overall": 4}  # mean 4.0


async def _answer(session_id: int, code: str, phase: str, answers_by_member: dict[int, dict[str, Any] | None],
                  when: dt.datetime) -> None:
    """A dispatch of a template to the session, with an invitation per member and the answers given."""
    template = await SurveyTemplate.get(code=code)
    dispatch = await SurveyDispatch.create(session_id=session_id, template=template, phase=phase, deadline=when,
                                           created_at=when)
    for member_id, answers in answers_by_member.items():
        await SurveyInvite.create(dispatch=dispatch, member_id=member_id)
        if answers is not None:
            await SurveyResponse.create(dispatch=dispatch, member_id=member_id, answers=answers, completed_at=when,
                                        updated_at=when)


@pytest.fixture
async def course(db: None) -> dict[str, Any]:
    """A certified course with a session two months ago (4 registered: 3 completed, 1 no-show) and the three
    evaluation levels answered by some; a course certified with no session for two years, expiring soon."""
    await surveys.ensure_shipped_templates()
    detail = await make_course(code="FU-001", certification_no="สดช. 12/2568",
                               certified_on=TODAY - dt.timedelta(days=400),
                               certification_expires=TODAY + dt.timedelta(days=330))
    session = await make_session(detail.code, start_date=TODAY - dt.timedelta(days=60),
                                 end_date=TODAY - dt.timedelta(days=59))
    people = [await make_member(target_group=g) for g in ("executive", "executive", "service", "technologist")]
    statuses = [RegistrationStatus.completed] * 3 + [RegistrationStatus.registered]
    for member, status in zip(people, statuses, strict=True):
        await Registration.create(member_id=member.id, session_id=session.id, status=status,
                                  active_key=f"{member.id}:{session.id}")
    ids = [m.id for m in people[:3]]
    when = CLOCK.utcnow() - dt.timedelta(days=58)
    await _answer(session.id, "l1_satisfaction", "", {ids[0]: L1, ids[1]: {**L1, "overall": 2, "content": 2},
                                                      ids[2]: None}, when)
    await _answer(session.id, "l2_self_rating", "pre", {i: {"knowledge": 2, "skill": 2, "confidence": 2}
                                                        for i in ids}, when)
    await _answer(session.id, "l2_self_rating", "post", {ids[0]: {"knowledge": 4, "skill": 4, "confidence": 4},
                                                         ids[1]: {"knowledge": 3, "skill": 3, "confidence": 3},
                                                         ids[2]: None}, when)
    await _answer(session.id, "l3_followup", "", {ids[0]: {"used_at_work": "yes"}, ids[1]: {"used_at_work": "no"},
                                                  ids[2]: {"used_at_work": "yes"}}, when)
    idle = await make_course(code="FU-002", certification_no="สดช. 3/2567",
                             certified_on=TODAY - dt.timedelta(days=700),
                             certification_expires=TODAY + dt.timedelta(days=30))
    await make_session(idle.code, start_date=TODAY - dt.timedelta(days=500), end_date=TODAY - dt.timedelta(days=500))
    await make_course(code="FU-DRAFT")  # no certification number: not followed up
    return {"session_id": session.id, "members": people}


async def test_a_scorecard_counts_the_last_twelve_months(course: dict[str, Any]) -> None:
    cards = {c.code: c for c in await follow_up.list_scorecards(today=TODAY, thresholds=follow_up.Thresholds())}
    assert set(cards) == {"FU-001", "FU-002"}
    card = cards["FU-001"]
    f = card.figures
    assert (f.sessions_held, f.registrations, f.completed, f.trainees) == (1, 4, 3, 3)
    assert f.completion_rate == 75.0
    assert f.l1_mean == round((4.0 + (4.0 * 6 - 4) / 6) / 2, 2) and f.l1_band == "มาก"
    assert (f.l2_pre_mean, f.l2_post_mean, f.l2_gain, f.l2_pairs) == (2.0, 3.5, 1.5, 2)
    assert f.l3_applied_rate == pytest.approx(66.7)
    rates = {r.level: (r.invited, r.answered, r.rate) for r in f.response_rates}
    assert rates == {1: (3, 2, 66.7), 2: (6, 5, 83.3), 3: (3, 3, 100.0)}
    assert [(g.label, g.trainees) for g in card.trainees_by_target_group][0] == ("ผู้บริหารระดับสูง", 2)
    assert card.flags == []
    assert cards["FU-002"].flags == ["no_recent_session", "certification_expiring"]
    assert cards["FU-002"].figures.sessions_held == 0 and cards["FU-002"].days_to_expiry == 30


async def test_thresholds_change_the_flags_and_are_audited(course: dict[str, Any]) -> None:
    saved = await follow_up.set_thresholds(l1_mean_below=4.0, response_rate_below=70, idle_months=24,
                                           expiry_within_days=10, actor="staff:somsri", now=CLOCK.utcnow())
    assert await follow_up.current_thresholds() == saved
    cards = {c.code: c for c in await follow_up.list_scorecards(today=TODAY, thresholds=saved)}
    assert cards["FU-001"].flags == ["l1_low", "response_low"]
    assert cards["FU-002"].flags == []
    entry = await AuditLog.get(action="follow_up.thresholds")
    assert entry.actor == "staff:somsri" and entry.details["changed"]["idle_months"] == [12, 24]
    flagged = await follow_up.list_scorecards(today=TODAY, thresholds=saved, flag="any", sort="l1_mean",
                                              descending=True)
    assert [c.code for c in flagged] == ["FU-001"]


async def test_the_course_trend_is_per_fiscal_quarter(course: dict[str, Any]) -> None:
    card = next(c for c in await follow_up.list_scorecards(today=TODAY, thresholds=follow_up.Thresholds()))
    found = await follow_up.course_follow_up(card.course_id, today=TODAY, thresholds=follow_up.Thresholds())
    assert found is not None
    labels = [q.label for q in found.quarters]
    assert labels == ["ไตรมาส 1/2569", "ไตรมาส 2/2569", "ไตรมาส 3/2569", "ไตรมาส 4/2569", "ไตรมาส 1/2570"]
    held = {q.label: q.figures.sessions_held for q in found.quarters}
    assert held["ไตรมาส 4/2569"] == 1 and sum(held.values()) == 1  # the session began on 29 Sep 2026


async def test_the_api_gives_the_same_figures_by_course_code(client: httpx.AsyncClient,
                                                              course: dict[str, Any]) -> None:
    _, token = await make_staff("admin")
    auth = {"Authorization": f"Bearer {token}"}
    listed = (await client.get("/api/v1/follow-up/courses", headers=auth)).json()
    one = next(c for c in listed if c["code"] == "FU-001")
    assert one["certification_expires"] == (TODAY + dt.timedelta(days=330)).isoformat()
    assert one["figures"]["l2_gain"] == 1.5 and one["flags"] == []
    flagged = (await client.get("/api/v1/follow-up/courses?flag=certification_expiring", headers=auth)).json()
    assert [c["code"] for c in flagged] == ["FU-002"]
    detail = await client.get("/api/v1/follow-up/courses/fu-001", headers=auth)
    assert detail.status_code == 200 and detail.json()["scorecard"]["figures"]["completion_rate"] == 75.0
    assert detail.json()["quarters"][-1]["start"] == "2026-10-01"
    by_id = await client.get(f"/api/v1/follow-up/courses/{one['course_id']}", headers=auth)
    assert by_id.json()["scorecard"]["code"] == "FU-001"
    assert (await client.get("/api/v1/follow-up/courses/FU-DRAFT", headers=auth)).status_code == 404
    put = await client.put("/api/v1/follow-up/thresholds", headers=auth, json={
        "l1_mean_below": 4.5, "response_rate_below": 50, "idle_months": 12, "expiry_within_days": 90})
    assert put.status_code == 200 and put.json()["l1_mean_below"] == 4.5
    refused = await client.put("/api/v1/follow-up/thresholds", headers=auth, json={
        "l1_mean_below": 9, "response_rate_below": 50, "idle_months": 12, "expiry_within_days": 90})
    assert refused.status_code == 422
    _, trainer = await make_staff("trainer")
    assert (await client.get("/api/v1/follow-up/courses", headers={
        "Authorization": f"Bearer {trainer}"})).status_code == 403


async def test_the_workbook_has_its_sheets_and_buddhist_era_dates(course: dict[str, Any]) -> None:
    thresholds = follow_up.Thresholds()
    cards = await follow_up.list_scorecards(today=TODAY, thresholds=thresholds)
    book = load_workbook(io.BytesIO(follow_up.follow_up_workbook(cards, thresholds, today=TODAY)))
    assert book.sheetnames == ["สรุปรายหลักสูตร", "ผู้เข้าอบรมตามกลุ่มเป้าหมาย", "ผู้เข้าอบรมตามหน่วยงาน",
                               "เกณฑ์และช่วงเวลา"]
    rows = list(book["สรุปรายหลักสูตร"].values)
    header, first = rows[0], rows[1]
    assert first[header.index("รหัสหลักสูตร")] == "FU-001"
    assert first[header.index("วันหมดอายุการรับรอง")] == "24 ต.ค. 2570"
    assert "ไตรมาส" not in str(rows) and "2027-" not in str(rows)
    assert ("จัดทำเมื่อ", "28 พ.ย. 2569") in list(book["เกณฑ์และช่วงเวลา"].values)
