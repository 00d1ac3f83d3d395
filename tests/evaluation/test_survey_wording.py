"""The standard survey wording (THAI_STYLE.md) and answers given under the earlier wording: a database still
holding version 1 of a shipped template is brought to version 2, and what was answered before reports under
the new wording of the same item."""

from __future__ import annotations

from typing import Any

from backend.models import SurveyTemplate
from backend.services import attendance, reports, surveys
from backend.services.dashboard import DashboardFilter, satisfaction
from tests.clock import CLOCK
from tests.evaluation.conftest import World, bkk

L1_V2 = ["เนื้อหาหลักสูตรตรงกับความต้องการ", "วิทยากรถ่ายทอดความรู้ได้ชัดเจน เข้าใจง่าย",
         "เอกสารและสื่อประกอบการอบรมมีความเหมาะสม", "ระยะเวลาการอบรมมีความเหมาะสม",
         "สามารถนำความรู้ไปประยุกต์ใช้ในการปฏิบัติงานได้", "ความพึงพอใจโดยรวมต่อการอบรม", "ข้อเสนอแนะเพิ่มเติม"]
NOW = bkk(2026, 12, 2, 17, 0)


async def _as_version_1(code: str) -> SurveyTemplate:
    """The template as version 1 shipped it (a database from before the change)."""
    [old] = surveys.previous_versions(code)
    return await SurveyTemplate.create(code=code, **{k: old[k] for k in ("title_th", "level", "anonymous",
                                                                          "questions")})


async def _answered(world: World, code: str, answers: dict[str, Any]) -> int:
    await attendance.mark_attendance(session=world.session, staff=world.trainer,
                                     member_ids=[world.members["anong"].id], now=NOW)
    dispatch = await surveys.dispatch_survey(session=world.session, template_code=code, deadline=bkk(2026, 12, 20),
                                             now=NOW)
    await surveys.submit_response(dispatch_id=dispatch.id, member_id=world.members["anong"].id, answers=answers,
                                  now=NOW)
    return dispatch.id


def _items(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    [group] = report["groups"]
    return {item["key"]: item for item in group["items"]}


def test_the_shipped_items_read_as_the_style_guide_writes_them() -> None:
    shipped = {t["code"]: t for t in surveys.shipped_templates()}
    l1 = shipped["l1_satisfaction"]
    assert l1["title_th"] == "แบบประเมินความพึงพอใจต่อการอบรม"
    assert [q["text"] for q in surveys.asked_questions(l1["questions"])] == L1_V2
    assert [q["key"] for q in l1["questions"] if q["type"] == "text"] == ["comments"]
    assert not next(q for q in l1["questions"] if q["key"] == "comments")["required"]
    l3 = shipped["l3_followup"]
    assert l3["title_th"] == "แบบติดตามผลการนำไปใช้ (หลังการอบรม 90 วัน)"
    assert l3["questions"][0]["options"] == [{"value": "yes", "label": "ได้นำไปใช้แล้ว"},
                                             {"value": "no", "label": "ยังไม่ได้นำไปใช้"}]
    for template in shipped.values():  # statements, not questions or headings
        for q in surveys.asked_questions(template["questions"]):
            assert not q["text"].endswith(("หรือไม่", "ระดับใด", "แค่ไหน")) and not q["text"].startswith(
                ("ความพึงพอใจด้าน", "ความพึงพอใจต่อ", "ท่าน")), q["text"]


async def test_answers_given_under_version_1_report_under_the_new_wording(world: World) -> None:
    await _as_version_1("l1_satisfaction")
    dispatch_id = await _answered(world, "l1_satisfaction", {
        "content": 5, "trainer": 4, "materials": 4, "duration": 3, "format": 2, "overall": 5, "comments": "ดี"})
    before = _items(await reports.survey_report(reports.Scope(session_id=world.session.id)))
    assert before["content"]["text"] == "ความพึงพอใจด้านเนื้อหาหลักสูตร"

    await surveys.ensure_shipped_templates()

    items = _items(await reports.survey_report(reports.Scope(session_id=world.session.id)))
    assert (items["content"]["text"], items["content"]["n"], items["content"]["mean"]) == (L1_V2[0], 1, 5.0)
    assert (items["trainer"]["text"], items["trainer"]["mean"]) == (L1_V2[1], 4.0)
    assert (items["overall"]["text"], items["overall"]["mean"]) == ("ความพึงพอใจโดยรวมต่อการอบรม", 5.0)
    # The item version 1 asked and version 2 does not: still reported, under its own wording.
    assert (items["format"]["text"], items["format"]["n"], items["format"]["mean"]) == (
        "ความเหมาะสมของรูปแบบการจัดอบรม", 1, 2.0)
    assert items["application"]["n"] == 0
    assert list(items)[:6] == ["content", "trainer", "materials", "duration", "application", "overall"]
    # The dashboard's mean counts every rated answer, the retired item's too: (5+4+4+3+2+5)/6.
    courses, _ = await satisfaction(DashboardFilter())
    assert courses.rows[0][3] == round(23 / 6, 2)

    # From now on the member is asked the version 2 items (the retired one is not asked).
    step = await surveys.chat_start(dispatch_id=dispatch_id, member_id=world.members["anong"].id, now=NOW,
                                    restart=True)
    assert step.total == 7 and step.question is not None and step.question["text"] == L1_V2[0]


async def test_a_follow_up_answered_under_version_1_keeps_its_meaning(world: World) -> None:
    await _as_version_1("l3_followup")
    await _answered(world, "l3_followup", {"used_at_work": "yes", "frequency": "weekly"})
    await surveys.ensure_shipped_templates()
    report = await reports.survey_report(reports.Scope(session_id=world.session.id))
    used = _items(report)["used_at_work"]
    assert used["text"] == "การนำความรู้จากการอบรมไปใช้ในการปฏิบัติงาน"
    assert [(o["label"], o["count"]) for o in used["distribution"]] == [("ได้นำไปใช้แล้ว", 1), ("ยังไม่ได้นำไปใช้", 0)]
    assert report["groups"][0]["usage_rate"] == 100.0
    assert "format" not in _items(report)  # a retired item appears only where it was answered


async def test_a_retired_item_without_answers_is_not_reported(world: World) -> None:
    await _answered(world, "l1_satisfaction", {
        "content": 4, "trainer": 4, "materials": 4, "duration": 4, "application": 5, "overall": 4})
    items = _items(await reports.survey_report(reports.Scope(session_id=world.session.id)))
    assert "format" not in items and items["application"]["mean"] == 5.0


async def test_a_template_an_admin_edited_is_left_alone(world: World) -> None:
    edited = await _as_version_1("l1_satisfaction")
    edited.title_th = "แบบประเมินความพึงพอใจ (ฉบับหน่วยงาน)"
    await edited.save()
    await surveys.ensure_shipped_templates()
    assert (await SurveyTemplate.get(code="l1_satisfaction")).title_th == "แบบประเมินความพึงพอใจ (ฉบับหน่วยงาน)"


async def test_the_database_is_brought_to_the_current_wording_at_start(world: World, test_settings: Any) -> None:
    from backend.bootstrap import prepare_database

    for code in ("l1_satisfaction", "l2_self_rating", "l3_followup"):
        await _as_version_1(code)
    await prepare_database(test_settings, clock=CLOCK)
    current = {t["code"]: t for t in surveys.shipped_templates()}
    for template in await SurveyTemplate.all():
        assert (template.title_th, template.questions) == (current[template.code]["title_th"],
                                                           current[template.code]["questions"])
