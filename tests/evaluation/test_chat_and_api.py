"""Chat paths beyond the walkthrough (a trainer pushing from LINE, pausing and resuming) and the template API."""

from __future__ import annotations

from typing import Any

from backend.models import SurveyDispatch
from backend.services import attendance
from bot.postback import encode_postback
from tests.evaluation.conftest import LineWorld, World, bkk, link_trainer_to_line


def _quick(messages: list[dict[str, Any]], label: str) -> dict[str, Any]:
    for message in reversed(messages):
        for item in (message.get("quickReply") or {}).get("items", []):
            if item["action"].get("label", "").startswith(label):
                return item["action"]
    raise AssertionError(f"no quick reply {label!r} in {messages}")


async def test_linked_trainer_sends_a_survey_from_line(line_world: LineWorld, chat_world: World) -> None:
    world = chat_world
    trainer_line = await link_trainer_to_line(line_world, world)

    replies = await line_world.act(trainer_line, {"type": "text", "text": "ส่งแบบประเมิน"})
    replies = await line_world.tap(trainer_line, _quick(replies, "รุ่น 1"))
    assert "ใช่ไหมคะ" in replies[-1]["text"]
    replies = await line_world.tap(trainer_line, _quick(replies, "ส่งแบบประเมิน"))
    assert "ส่งแบบประเมินถึงผู้เข้าอบรม 1 คนแล้ว" in replies[-1]["text"]
    assert await SurveyDispatch.filter(session_id=world.session.id).count() == 1

    # The other trainer's session cannot be dispatched from this account, even with a well-formed button.
    forged = encode_postback("sv_send", user_id=trainer_line, secret=line_world.runtime.settings.secret_key,
                             now=line_world.runtime.clock.timestamp(), s=world.other_session.id, t="l1_satisfaction")
    replies = await line_world.act(trainer_line, {"type": "postback", "data": forged})
    assert "ไม่ได้อยู่ในความรับผิดชอบ" in replies[-1]["text"]
    assert await SurveyDispatch.filter(session_id=world.other_session.id).count() == 0


async def test_pause_and_resume_in_chat(line_world: LineWorld, chat_world: World) -> None:
    world, client = chat_world, line_world.client
    line_world.clock.set(bkk(2026, 12, 2, 17, 0))
    await attendance.mark_attendance(session=world.session, staff=world.trainer,
                                     member_ids=[world.members["dao"].id], now=line_world.clock.utcnow())
    r = await client.post(f"/api/v1/sessions/{world.session.id}/surveys", headers=world.auth("admin"),
                          json={"template": "l3_followup", "deadline": "2026-12-20T12:00:00+07:00"})
    assert r.status_code == 201, r.text
    user = world.user("dao")
    await line_world.pushed(user)  # the invitation arrives before the member starts
    replies = await line_world.act(user, {"type": "text", "text": "ทำแบบประเมิน"})
    assert "ข้อ 1/4" in replies[-1]["text"]
    replies = await line_world.tap(user, _quick(replies, "ได้นำไปใช้แล้ว"))
    assert "ข้อ 2/4" in replies[-1]["text"]
    replies = await line_world.act(user, {"type": "text", "text": "พักไว้ก่อน"})
    assert "พักการตอบ" in replies[-1]["text"]
    replies = await line_world.act(user, {"type": "text", "text": "ทำแบบประเมิน"})
    assert "ข้อ 2/4" in replies[-1]["text"]  # resumed where it stopped
    replies = await line_world.act(user, {"type": "text", "text": "ขอใบประกาศ"})  # asks something else
    assert "ยังไม่มีวุฒิบัตร" in replies[-1]["text"]
    replies = await line_world.act(user, {"type": "text", "text": "ทำแบบประเมิน"})
    assert "ข้อ 2/4" in replies[-1]["text"]
    replies = await line_world.act(user, {"type": "text", "text": "2"})  # ทุกสัปดาห์ by number
    replies = await line_world.tap(user, _quick(replies, "ข้าม"))
    replies = await line_world.act(user, {"type": "text", "text": "1, 2"})  # obstacles, several
    assert any("ได้รับคำตอบ" in m.get("text", "") for m in replies)
    r = await client.get(f"/api/v1/reports/sessions/{world.session.id}", headers=world.auth("trainer"))
    group = r.json()["groups"][0]
    obstacles = next(it for it in group["items"] if it["key"] == "obstacles")
    assert [d["count"] for d in obstacles["distribution"]][:3] == [1, 1, 0]
    assert group["usage_rate"] == 100.0


async def test_template_api(line_world: LineWorld, world: World) -> None:
    client = line_world.client
    r = await client.get("/api/v1/survey-templates", headers=world.auth("trainer"))
    assert [t["code"] for t in r.json()] == ["l1_satisfaction", "l2_self_rating", "l3_followup"]
    body = {"code": "ignored", "title_th": "แบบทดสอบหลังเรียน", "level": 2,
            "questions": [{"key": "score", "type": "number", "text": "คะแนน", "min": 0, "max": 20}]}
    r = await client.put("/api/v1/survey-templates/post_test", headers=world.auth("trainer"), json=body)
    assert r.status_code == 403
    r = await client.put("/api/v1/survey-templates/post_test", headers=world.auth("admin"), json=body)
    assert r.status_code == 200 and r.json()["code"] == "post_test"
    bad = {**body, "questions": [{"key": "q", "type": "essay", "text": "?"}]}
    r = await client.put("/api/v1/survey-templates/bad", headers=world.auth("admin"), json=bad)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "questions.0.type"
    r = await client.get("/api/v1/survey-templates")
    assert r.status_code == 401


async def test_form_font_is_served(line_world: LineWorld) -> None:
    r = await line_world.client.get("/survey/assets/Sarabun-Regular.ttf")
    assert r.status_code == 200 and r.headers["content-type"] == "font/ttf" and len(r.content) > 10_000
    assert (await line_world.client.get("/survey/assets/secrets.txt")).status_code == 404


async def test_reminder_is_retried_when_line_fails(line_world: LineWorld, chat_world: World) -> None:
    from backend.jobs.surveys import send_survey_reminders
    from backend.models import SurveyReminder
    from backend.services import surveys
    from bot.line_client import LineClient, RetryPolicy
    from bot.notifier import LineNotifier

    world = chat_world
    start = bkk(2026, 12, 2, 10)
    await attendance.mark_attendance(session=world.session, staff=world.trainer,
                                     member_ids=[world.members["chai"].id], now=start)
    await surveys.dispatch_survey(session=world.session, template_code="l1_satisfaction",
                                  deadline=bkk(2026, 12, 9, 12), reminder_days=[2], now=start)
    runtime = line_world.runtime
    fast = LineClient(base_url=line_world.base_url, access_token=runtime.settings.line_channel_access_token,
                      clock=runtime.clock, policy=RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02))
    previous = runtime.notifier
    runtime.notifier = LineNotifier(fast, settings=runtime.settings, clock=runtime.clock)
    try:
        line_world.emulator.update_config({"faults": {"error_rate": 1.0, "operations": ["pushMessage"]}})
        await send_survey_reminders({"runtime": runtime}, now=bkk(2026, 12, 4, 10))
        assert line_world.pushes_to(world.user("chai")) == []
        assert await SurveyReminder.all().count() == 0  # released for the next run
        line_world.emulator.update_config({"faults": {"error_rate": 0.0}})
        await send_survey_reminders({"runtime": runtime}, now=bkk(2026, 12, 4, 10, 10))
        await send_survey_reminders({"runtime": runtime}, now=bkk(2026, 12, 4, 10, 20))
        assert len(line_world.pushes_to(world.user("chai"))) == 1
    finally:
        runtime.notifier = previous
        await fast.close()


async def test_reports_by_every_grouping_and_certificate_rule_api(line_world: LineWorld, world: World) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    from backend.services import surveys

    client = line_world.client
    now = bkk(2026, 12, 2, 10)
    await attendance.mark_attendance(session=world.session, staff=world.trainer,
                                     member_ids=[world.members[n].id for n in ("anong", "boonmee")], now=now)
    d = await surveys.dispatch_survey(session=world.session, template_code="l1_satisfaction",
                                      deadline=bkk(2027, 1, 9, 12), now=now)
    for name, score in (("anong", 5), ("boonmee", 4)):
        answers = {k: score for k in ("content", "trainer", "materials", "duration", "application", "overall")}
        await surveys.submit_response(dispatch_id=d.id, member_id=world.members[name].id, answers=answers, now=now)
    member = world.members["anong"]
    skill = (await world.course.skill_areas.all())[0].code
    paths = [f"courses/{world.course.id}", f"providers/{world.course.provider_id}",  # type: ignore[attr-defined]
             f"agencies/{member.agency_id}", f"target-groups/{member.target_group_id}",  # type: ignore[attr-defined]
             f"skill-areas/{skill}", f"sessions/{world.session.id}"]
    for path in paths:
        r = await client.get(f"/api/v1/reports/{path}", headers=world.auth("admin"))
        group = r.json()["groups"][0]
        overall = next(it for it in group["items"] if it["key"] == "overall")
        assert (group["responded"], overall["mean"], overall["band"]) == (2, 4.5, "มาก"), path
    # A trainer's wide report only covers their own sessions.
    r = await client.get(f"/api/v1/reports/courses/{world.course.id}", headers=world.auth("other"))
    assert r.json()["groups"] == []
    r = await client.get(f"/api/v1/reports/courses/{world.course.id}?format=xlsx", headers=world.auth("admin"))
    sheet = load_workbook(BytesIO(r.content)).active
    assert sheet["A1"].value == "แบบประเมิน" and sheet["M1"].value == "ระดับความพึงพอใจ"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert ["แบบประเมินความพึงพอใจต่อการอบรม", None, 2, 2, 100, "overall", "ความพึงพอใจโดยรวมต่อการอบรม", "รวม", 2,
            None, 4.5, 0.71, "มาก"] in rows

    rule_url = f"/api/v1/courses/{world.course.id}/certificate-rule"
    assert (await client.get(rule_url, headers=world.auth("trainer"))).json() == {
        "require_attendance": True, "require_l1": True, "require_l2_post": False}
    body = {"require_attendance": True, "require_l1": True, "require_l2_post": True}
    assert (await client.put(rule_url, headers=world.auth("trainer"), json=body)).status_code == 403
    assert (await client.put(rule_url, headers=world.auth("admin"), json=body)).json()["require_l2_post"] is True
    assert (await client.put("/api/v1/courses/999999/certificate-rule", headers=world.auth("admin"),
                             json=body)).status_code == 404


async def test_attendance_csv_as_a_plain_body_and_bad_csv(line_world: LineWorld, world: World) -> None:
    client = line_world.client
    url = f"/api/v1/sessions/{world.session.id}/attendance/csv"
    body = f"member_id\n{world.members['dao'].id}\n".encode()
    r = await client.post(url, headers={**world.auth("trainer"), "Content-Type": "text/csv"}, content=body)
    assert r.status_code == 200 and r.json()["marked"] == [world.registrations["dao"].id]
    r = await client.post(url, headers={**world.auth("trainer"), "Content-Type": "text/csv"}, content=b"x\n1\n")
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "file"
    r = await client.post(url, headers={**world.auth("other"), "Content-Type": "text/csv"}, content=body)
    assert r.status_code == 403
