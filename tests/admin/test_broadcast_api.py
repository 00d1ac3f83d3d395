"""The broadcasts REST API, audience counts and quiet hours."""

from __future__ import annotations

import datetime as dt

from backend.clock import BANGKOK
from backend.models import Broadcast
from backend.services.audience import AudienceFilter, count_audience
from backend.services.broadcasts import BroadcastCreate, allowed_send_time, create_broadcast
from backend.services.quiet_hours import in_quiet_hours
from tests.clock import CLOCK

TEXT = [{"type": "text", "text": "ประกาศทดสอบค่ะ"}]


def bkk(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=BANGKOK)


def test_quiet_hours_run_from_nine_at_night_to_eight_in_the_morning():
    assert not in_quiet_hours(bkk(1, 20, 59))
    assert in_quiet_hours(bkk(1, 21, 0))
    assert in_quiet_hours(bkk(2, 7, 59))
    assert not in_quiet_hours(bkk(2, 8, 0))
    assert allowed_send_time(bkk(1, 22, 30), urgent=False) == bkk(2, 8)
    assert allowed_send_time(bkk(2, 3, 0), urgent=False) == bkk(2, 8)
    assert allowed_send_time(bkk(1, 22, 30), urgent=True) == bkk(1, 22, 30)
    assert allowed_send_time(bkk(1, 12, 0), urgent=False) == bkk(1, 12, 0)


async def test_a_broadcast_asked_for_at_night_waits_for_the_morning(db, test_settings):
    night = bkk(1, 23, 15).astimezone(dt.UTC)
    calm = await create_broadcast(BroadcastCreate(messages=TEXT), actor="t", now=night)
    urgent = await create_broadcast(BroadcastCreate(messages=TEXT, urgent=True), actor="t",
                                    now=night)
    assert calm.send_after == bkk(2, 8)
    assert urgent.send_after == night


async def test_audience_counts(population):
    assert await count_audience(AudienceFilter()) == 5  # inactive and deleted members never count
    assert await count_audience(AudienceFilter(target_groups=["executive"])) == 3
    assert await count_audience(AudienceFilter(provinces=["กรุงเทพมหานคร"])) == 3
    assert await count_audience(AudienceFilter(agency_ids=[population.chiang_mai.id])) == 2
    assert await count_audience(AudienceFilter(session_id=population.session.id)) == 3
    assert await count_audience(AudienceFilter(course_id=population.course.id, completion="completed")) == 1
    assert await count_audience(AudienceFilter(completion="not_completed")) == 4


async def test_survey_not_answered_audience(population):
    from backend.models.survey import SurveyDispatch, SurveyInvite, SurveyResponse, SurveyTemplate

    template = await SurveyTemplate.create(code="l1-test", title_th="ความพึงพอใจ", level=1)
    dispatch = await SurveyDispatch.create(session=population.session, template=template,
                                           deadline=CLOCK.utcnow(), created_at=CLOCK.utcnow())
    for name in ("a", "b", "e"):
        await SurveyInvite.create(dispatch=dispatch, member=population.members[name])
    await SurveyResponse.create(dispatch=dispatch, member=population.members["a"], answers={"overall": 5},
                                completed_at=CLOCK.utcnow(), updated_at=CLOCK.utcnow())
    audience = AudienceFilter(session_id=population.session.id, survey_not_answered=True)
    assert await count_audience(audience) == 2  # b and e were invited and have not answered


async def test_api_needs_an_admin_token(client, admin_token, trainer_token):
    body = {"messages": TEXT}
    assert (await client.post("/api/v1/broadcasts", json=body)).status_code == 401
    trainer = await client.post("/api/v1/broadcasts", json=body, headers={"Authorization": f"Bearer {trainer_token}"})
    assert trainer.status_code == 403
    assert await Broadcast.all().count() == 0


async def test_api_create_progress_and_cancel(client, admin_token, population):
    auth = {"Authorization": f"Bearer {admin_token}"}
    later = (CLOCK.utcnow() + dt.timedelta(days=2)).replace(hour=3, minute=0, second=0, microsecond=0)
    created = await client.post("/api/v1/broadcasts", headers=auth, json={
        "title": "เปิดรับสมัคร", "messages": TEXT, "send_at": later.isoformat(),
        "audience": {"target_groups": ["executive"]}})
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["status"] == "scheduled" and dt.datetime.fromisoformat(body["send_after"]) == later
    status = await client.get(f"/api/v1/broadcasts/{body['id']}", headers=auth)
    assert status.json()["sent"] == 0 and status.json()["status"] == "scheduled"
    count = await client.post("/api/v1/broadcasts/audience/count", headers=auth, json={"target_groups": ["executive"]})
    assert count.json() == {"count": 3}
    cancelled = await client.post(f"/api/v1/broadcasts/{body['id']}/cancel", headers=auth)
    assert cancelled.json()["status"] == "cancelled"
    again = await client.post(f"/api/v1/broadcasts/{body['id']}/cancel", headers=auth)
    assert again.status_code == 409
    assert (await client.get("/api/v1/broadcasts/999", headers=auth)).status_code == 404


async def test_api_rejects_bad_messages(client, admin_token):
    auth = {"Authorization": f"Bearer {admin_token}"}
    for messages in ([], [{"type": "text", "text": " "}], [{"type": "nope"}], [{"type": "text", "text": "x"}] * 6):
        response = await client.post("/api/v1/broadcasts", headers=auth, json={"messages": messages})
        assert response.status_code == 422, messages


async def test_api_broadcast_is_sent_by_the_worker(client, admin_token, population, line_world):
    from backend.worker import build_worker

    auth = {"Authorization": f"Bearer {admin_token}"}
    created = await client.post("/api/v1/broadcasts", headers=auth, json={
        "messages": TEXT, "urgent": True, "audience": {"provinces": ["กรุงเทพมหานคร"]}})
    worker = build_worker(line_world.runtime, burst=True)
    await worker.main()
    status = (await client.get(f"/api/v1/broadcasts/{created.json()['id']}", headers=auth)).json()
    assert (status["status"], status["sent"], status["remaining"]) == ("completed", 3, 0)
    assert {n for n in population.members if line_world.multicasts_to(population.user(n))} == {"a", "c", "d"}
