"""The demo's year of history: every figure a newcomer looks at has content, the same day and seed give the
same history, it is seeded once, and quickly."""

from __future__ import annotations

import datetime as dt

import pytest

from backend.models import Certificate, Member, Registration, Session, SurveyResponse
from backend.services import demo_data, demo_history, follow_up, surveys
from backend.services.dashboard import DashboardFilter, all_tables
from tests.clock import CLOCK, TODAY

pytestmark = pytest.mark.usefixtures("db")


async def _seed() -> demo_history.HistoryReport | None:
    await surveys.ensure_shipped_templates()
    await demo_data.seed_demo_data(today=TODAY)
    return await demo_history.seed_demo_history(today=TODAY, now=CLOCK.utcnow())


async def test_a_year_of_history_fills_every_figure() -> None:
    report = await _seed()  # its time is measured by bench/demo_seeding.py
    assert report is not None
    assert report.members == await Member.all().count() == 3000
    assert report.registrations > 5000 and report.survey_answers > 10000 and report.certificates > 3000
    assert await demo_history.seed_demo_history(today=TODAY, now=CLOCK.utcnow()) is None  # once

    groups = await Member.all().distinct().values_list("target_group_id", flat=True)
    assert set(groups) == {"executive", "director", "policy_academic", "service", "technologist", "other"}
    assert len(set(await Member.all().values_list("agency_id", flat=True))) >= 40
    past = await Session.filter(start_date__lt=TODAY).count()
    assert past > 200 and await Session.filter(start_date__gt=TODAY).count() > 200
    assert not await Registration.filter(completed_at__gt=CLOCK.utcnow()).exists()
    assert not await SurveyResponse.filter(completed_at__gt=CLOCK.utcnow()).exists()
    numbers = await Certificate.all().values_list("number", flat=True)
    assert len(set(numbers)) == len(numbers) and all(n.startswith(("ONDE-2568-", "ONDE-2569-")) for n in numbers)

    tables = await all_tables(DashboardFilter(), today=TODAY)
    assert all(t.rows for key, t in tables.items()), [k for k, t in tables.items() if not t.rows]
    months = [row[0] for row in tables["registrations_over_time"].rows]
    assert len(months) >= 12

    cards = await follow_up.list_scorecards(today=TODAY, thresholds=follow_up.Thresholds())
    assert len(cards) == 100
    for flag in follow_up.FLAGS:
        assert any(flag in c.flags for c in cards), flag
    assert any(not c.flags for c in cards)
    means = [c.figures.l1_mean for c in cards if c.figures.l1_mean is not None]
    assert min(means) < 3.51 < 4.51 < max(means) + 0.3
    gains = [c.figures.l2_gain for c in cards if c.figures.l2_gain is not None]
    assert all(-1 < g < 3 for g in gains) and sum(gains) / len(gains) > 0.4


async def test_the_same_day_and_seed_give_the_same_history() -> None:
    await _seed()
    first = await Registration.all().order_by("id").values_list("member_id", "session_id", "status")
    cards = [(c.code, c.figures.l1_mean, c.flags)
             for c in await follow_up.list_scorecards(today=TODAY, thresholds=follow_up.Thresholds())]
    from tests.conftest import _truncate_all

    await _truncate_all()
    await _seed()
    again = await Registration.all().order_by("id").values_list("member_id", "session_id", "status")
    assert [(s, st) for _, s, st in again] != [] and len(again) == len(first)
    assert [(c.code, c.figures.l1_mean, c.flags)
            for c in await follow_up.list_scorecards(today=TODAY, thresholds=follow_up.Thresholds())] == cards
    assert dt.date.fromisoformat("2026-11-28") == TODAY
