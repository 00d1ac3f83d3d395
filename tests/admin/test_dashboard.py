"""Dashboard figures: trained people, satisfaction with the Thai band, response rates, expiries, coverage."""

from __future__ import annotations

import datetime as dt

from backend.models import Course, Registration, RegistrationStatus, SkillArea, TargetGroup
from backend.services.dashboard import DashboardFilter, all_tables, verbal_band
from tests.clock import CLOCK


async def _survey(population, answers_by_member: dict[str, int | None]) -> None:
    from backend.models.survey import SurveyDispatch, SurveyInvite, SurveyResponse, SurveyTemplate

    now = CLOCK.utcnow()
    template = await SurveyTemplate.create(code="l1-dash", title_th="ความพึงพอใจหลังอบรม", level=1, questions=[
        {"key": "content", "type": "scale5", "text": "เนื้อหา"},
        {"key": "overall", "type": "scale5", "text": "โดยรวม"},
        {"key": "comment", "type": "text", "text": "ข้อเสนอแนะ"},
    ])
    dispatch = await SurveyDispatch.create(session=population.session, template=template, deadline=now,
                                           created_at=now)
    for name, score in answers_by_member.items():
        member = population.members[name]
        await SurveyInvite.create(dispatch=dispatch, member=member)
        if score is not None:
            await SurveyResponse.create(dispatch=dispatch, member=member, completed_at=now, updated_at=now,
                                        answers={"content": score, "overall": score, "comment": "ดี"})


def test_verbal_bands_follow_the_government_report_scale():
    assert [verbal_band(v) for v in (4.51, 4.5, 3.51, 3.5, 2.51, 1.51, 1.5, 1.0)] == [
        "มากที่สุด", "มาก", "มาก", "ปานกลาง", "ปานกลาง", "น้อย", "น้อยที่สุด", "น้อยที่สุด"]


async def test_dashboard_tables(population):
    today = dt.date(2026, 11, 28)
    now = CLOCK.utcnow()
    await Registration.filter(status=RegistrationStatus.completed).update(completed_at=now)
    course = await Course.get(code="T-001")
    course.certification_expires = today + dt.timedelta(days=30)
    await course.save()
    await course.skill_areas.add(*await SkillArea.filter(code="digital_literacy"))
    await course.target_groups.add(*await TargetGroup.filter(code="executive"))
    await _survey(population, {"a": 5, "b": 4, "e": None})

    tables = await all_tables(DashboardFilter(), today=today)

    assert tables["trained_by_target_group"].rows == [["ผู้บริหารระดับสูง", 1]]
    assert tables["trained_by_agency"].rows == [["กรมการปกครอง", 1]]
    assert tables["satisfaction_by_course"].rows == [["T-001", "ปัญญาประดิษฐ์สำหรับผู้บริหาร", 2, 4.5, "มาก"]]
    assert tables["satisfaction_by_provider"].rows == [["สถาบันทดสอบดิจิทัล", 2, 4.5, "มาก"]]
    assert tables["survey_response_rates"].rows == [["ความพึงพอใจหลังอบรม", 1, 3, 2, 66.7]]
    expiring = tables["expiring_certifications"].rows
    assert [row[0] for row in expiring] == ["T-001"] and expiring[0][-1] == 30
    coverage = tables["coverage"]
    executive = coverage.columns.index("ผู้บริหารระดับสูง")
    assert sum(row[executive] for row in coverage.rows) == len(await course.skill_areas.all())
    assert "T-001" in tables["expiring_certifications"].to_csv().decode("utf-8-sig")

    other_agency = await all_tables(DashboardFilter(agency_id=population.chiang_mai.id), today=today)
    assert other_agency["trained_by_target_group"].rows == []
    assert other_agency["satisfaction_by_course"].rows == []
