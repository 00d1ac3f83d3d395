"""The demo catalogue: about 100 fictional courses over every topic and target group, seeded once."""

from __future__ import annotations

import datetime as dt

import pytest

from backend.models import Agency, Course, Session, StaffUser
from backend.services import catalogue, demo_data, members
from backend.services.framework import load_framework_file
from tests.clock import CLOCK, TODAY

pytestmark = pytest.mark.usefixtures("db")


async def test_demo_catalogue_covers_everything_and_seeds_once() -> None:
    report = await demo_data.seed_demo_data(today=TODAY)
    assert report is not None
    assert report.courses == await Course.all().count() == 100
    assert await demo_data.seed_demo_data(today=TODAY) is None
    assert await Course.all().count() == 100

    framework = load_framework_file()
    for topic in framework.topics:
        assert (await catalogue.search_courses(topics=[topic.code], clock=CLOCK)).total >= 5, topic.code
    for group in framework.target_groups:
        assert (await catalogue.search_courses(target_group=group.code, clock=CLOCK)).total >= 5, group.code

    sessions = await Session.all().values("start_date", "province", "online")
    assert all(TODAY < s["start_date"] <= TODAY + dt.timedelta(days=183) for s in sessions)
    assert any(s["online"] for s in sessions)
    assert len({s["province"] for s in sessions if s["province"]}) >= 8
    assert all("สมมุติ" in d for d in await Course.all().values_list("description", flat=True))
    assert await StaffUser.filter(username=demo_data.DEMO_TRAINER_USERNAME, role="trainer").exists()
    assert await Session.filter(trainer__username=demo_data.DEMO_TRAINER_USERNAME).exists()
    assert await Agency.all().count() >= 30


async def test_demo_catalogue_answers_thai_queries() -> None:
    await demo_data.seed_demo_data(today=TODAY)
    ai = await catalogue.search_courses(q="เอไอ", clock=CLOCK)
    assert ai.total >= 5 and all("ai" in [t.code for t in c.topics] for c in ai.items)
    data = await catalogue.search_courses(q="ข้อมูล", clock=CLOCK)
    assert "data" in [t.code for t in data.items[0].topics]
    cyber = await catalogue.search_courses(q="ไซเบอร์", page_size=3, clock=CLOCK)
    assert all("cybersecurity" in [t.code for t in c.topics] for c in cyber.items)
    excel = await catalogue.search_courses(q="excel", page_size=2, clock=CLOCK)
    assert all("Excel" in c.title_th for c in excel.items)
    open_now = await catalogue.search_courses(open_only=True, clock=CLOCK)
    assert open_now.total > 50
    assert all(c.next_session and c.next_session.is_open_for_registration for c in open_now.items)


async def test_agency_matching_on_demo_agencies() -> None:
    await demo_data.seed_agencies()
    assert (await members.match_agencies("ปค."))[0].name == "กรมการปกครอง"
    assert (await members.match_agencies("กรมปกครอง"))[0].name == "กรมการปกครอง"
    assert (await members.match_agencies("กรมสรรพากร"))[0].name == "กรมสรรพากร"
    assert (await members.match_agencies("สํานักงานสถิติแห่งชาติ"))[0].name == "สำนักงานสถิติแห่งชาติ"
    assert await members.match_agencies("ร้านกาแฟ") == []
