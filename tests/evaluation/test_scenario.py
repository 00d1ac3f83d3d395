"""The whole evaluation path: attendance → survey push → answers by chat and web → reminders for the one who
never answers (never at night) → exact report numbers → certificates issued, pushed and verifiable."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from backend.jobs import surveys as survey_jobs
from backend.models import SurveyReminder, SurveyResponse
from tests.evaluation.conftest import LineWorld, World, bkk


def _form_link(push_body: dict[str, Any]) -> str:
    bubble = push_body["messages"][0]["contents"]
    uri = next(c["action"]["uri"] for c in bubble["footer"]["contents"] if c["action"]["type"] == "uri")
    parts = urlsplit(uri)
    return f"{parts.path}?{parts.query}"


def _texts(push_bodies: list[dict[str, Any]]) -> str:
    return " ".join(str(b) for b in push_bodies)


def _quick(messages: list[dict[str, Any]], label: str) -> dict[str, Any]:
    for message in reversed(messages):
        for item in (message.get("quickReply") or {}).get("items", []):
            if item["action"].get("label") == label:
                return item["action"]
    raise AssertionError(f"no quick reply {label!r} in {messages}")


def _chat_button(push_body: dict[str, Any]) -> dict[str, Any]:
    bubble = push_body["messages"][0]["contents"]
    return next(c["action"] for c in bubble["footer"]["contents"] if c["action"]["type"] == "postback")


async def _answer_in_chat(lw: LineWorld, user_id: str) -> None:
    """Tap "ตอบในแชต" in the pushed invitation and answer question by question (with back, a bad value, skip)."""
    invite = lw.pushes_to(user_id)[0]
    replies = await lw.tap(user_id, _chat_button(invite))
    assert "ข้อ 1/7" in replies[-1]["text"]
    replies = await lw.tap(user_id, _quick(replies, "5 มากที่สุด"))         # content
    replies = await lw.tap(user_id, _quick(replies, "3 ปานกลาง"))          # trainer (changes mind)
    replies = await lw.tap(user_id, _quick(replies, "ย้อนกลับ"))
    assert "ข้อ 2/7" in replies[-1]["text"] and "คำตอบเดิม: 3 ปานกลาง" in replies[-1]["text"]
    replies = await lw.tap(user_id, _quick(replies, "4 มาก"))              # trainer
    replies = await lw.act(user_id, {"type": "text", "text": "9"})        # materials: out of range
    assert "1 ถึง 5" in replies[-1]["text"] and "ข้อ 3/7" in replies[-1]["text"]
    replies = await lw.act(user_id, {"type": "text", "text": "๔"})        # Thai digit 4
    for label in ("3 ปานกลาง", "5 มากที่สุด", "5 มากที่สุด"):           # duration, application, overall
        replies = await lw.tap(user_id, _quick(replies, label))
    assert "ข้อ 7/7" in replies[-1]["text"] and _quick(replies, "ข้าม")
    replies = await lw.act(user_id, {"type": "text", "text": "ได้ความรู้ไปใช้งานจริงค่ะ"})
    assert any("ได้รับคำตอบเรียบร้อยแล้ว" in m.get("text", "") for m in replies)


async def test_evaluation_walkthrough(line_world: LineWorld, chat_world: World) -> None:
    world, client, clock = chat_world, line_world.client, line_world.clock
    ctx = {"runtime": line_world.runtime}
    m = world.members
    sid = world.session.id

    # 1. The trainer marks attendance: JSON for two, CSV for the third; dao never came.
    clock.set(bkk(2026, 12, 2, 16, 30))
    r = await client.post(f"/api/v1/sessions/{sid}/attendance", headers=world.auth("trainer"),
                          json={"member_ids": [m["anong"].id, m["boonmee"].id, 999999]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["marked"]) == 2 and body["refused"] == [
        {"member_id": 999999, "reason": "not registered for this session"}]
    csv_body = f"registration_id\n{world.registrations['chai'].id}\n"
    r = await client.post(f"/api/v1/sessions/{sid}/attendance/csv", headers=world.auth("trainer"),
                          files={"file": ("attendance.csv", csv_body.encode(), "text/csv")})
    assert r.status_code == 200, r.text
    assert r.json()["marked"] == [world.registrations["chai"].id]

    # Another trainer cannot touch this session.
    r = await client.post(f"/api/v1/sessions/{sid}/attendance", headers=world.auth("other"),
                          json={"member_ids": [m["dao"].id]})
    assert r.status_code == 403 and r.json()["code"] == "not_your_session"

    # 2. Dispatch the L1 survey at 21:30 (reminders on day 2 and 5 would fall at night).
    clock.set(bkk(2026, 12, 2, 21, 30))
    r = await client.post(f"/api/v1/sessions/{sid}/surveys", headers=world.auth("other"),
                          json={"template": "l1_satisfaction", "deadline": "2026-12-10T12:00:00+07:00"})
    assert r.status_code == 403 and "ไม่ได้อยู่ในความรับผิดชอบ" in r.json()["message_th"]
    r = await client.post(f"/api/v1/sessions/{sid}/surveys", headers=world.auth("trainer"),
                          json={"template": "l1_satisfaction", "deadline": "2026-12-10T12:00:00+07:00",
                                "reminder_days": [2, 5]})
    assert r.status_code == 201, r.text
    dispatch_id = r.json()["id"]
    assert r.json()["invited"] == 3  # attendees only
    r = await client.post(f"/api/v1/sessions/{sid}/surveys", headers=world.auth("trainer"),
                          json={"template": "l1_satisfaction", "deadline": "2026-12-12T12:00:00+07:00"})
    assert r.status_code == 409 and r.json()["code"] == "survey_already_open"

    await survey_jobs.push_survey_invites(ctx, dispatch_id)  # also queued; running it again pushes nothing new
    await survey_jobs.push_survey_invites(ctx, dispatch_id)
    for name in ("anong", "boonmee", "chai"):
        pushes = line_world.pushes_to(world.user(name))
        assert len(pushes) == 1, name
        assert "แบบประเมิน" in pushes[0]["messages"][0]["altText"]
    assert line_world.pushes_to(world.user("dao")) == []

    # 3a. anong answers in chat.
    clock.set(bkk(2026, 12, 3, 9, 0))
    await _answer_in_chat(line_world, world.user("anong"))

    # 3b. boonmee answers with the web form from the pushed link.
    link = _form_link(line_world.pushes_to(world.user("boonmee"))[0])
    page = await client.get(link)
    assert page.status_code == 200 and "แบบประเมินความพึงพอใจ" in page.text
    bad = {"content": "7", "trainer": "4", "materials": "3", "duration": "3", "application": "4", "overall": "4"}
    r = await client.post(link, data=bad)
    assert r.status_code == 422 and "ระดับต้องอยู่ระหว่าง 1 ถึง 5" in r.text
    good = {**bad, "content": "4", "comments": ""}
    r = await client.post(link, data={**good, "overall": "3"})
    assert r.status_code == 200 and "ขอบคุณ" in r.text
    r = await client.post(link, data=good)  # submitted twice: one response, the latest answers
    assert r.status_code == 200 and "แก้ไข" in r.text
    assert await SurveyResponse.filter(dispatch_id=dispatch_id, member_id=m["boonmee"].id).count() == 1

    # Bad links: forged, someone else's dispatch, expired.
    forged = link[:-3] + ("xyz" if not link.endswith("xyz") else "abc")
    r = await client.get(forged)
    assert r.status_code == 403 and "ลิงก์แบบประเมินนี้ไม่ถูกต้อง" in r.text and "<form" not in r.text
    r = await client.get(link.replace(f"/survey/{dispatch_id}?", f"/survey/{dispatch_id + 1}?"))
    assert r.status_code == 403 and "ไม่ใช่ของท่าน" in r.text

    def reminders_to(name: str) -> list[dict[str, Any]]:
        return [p for p in line_world.pushes_to(world.user(name)) if "แจ้งเตือน" in p["messages"][0]["altText"]]

    # 4. chai never answers: reminders at the right times, none at night, at most two.
    schedule = [
        (bkk(2026, 12, 4, 10, 0), 0),   # day 2 reminder is due at 21:30 -> postponed
        (bkk(2026, 12, 4, 21, 40), 0),  # night
        (bkk(2026, 12, 5, 3, 0), 0),    # night
        (bkk(2026, 12, 5, 8, 0), 1),    # 08:00: first reminder
        (bkk(2026, 12, 5, 8, 10), 0),   # never twice
        (bkk(2026, 12, 7, 22, 0), 0),   # night again
        (bkk(2026, 12, 8, 8, 0), 1),    # second reminder
        (bkk(2026, 12, 9, 10, 0), 0),   # no third one
    ]
    total = 0
    for moment, expected in schedule:
        clock.set(moment)
        await survey_jobs.send_survey_reminders(ctx, now=moment)
        total += expected
        assert len(reminders_to("chai")) == total, moment  # cumulative: the worker's own cron may run too
    reminders = reminders_to("chai")
    assert len(reminders) == 2
    assert [p["messages"][0]["altText"].split(":")[0] for p in reminders] == ["แจ้งเตือนครั้งที่ 1", "แจ้งเตือนครั้งที่ 2"]
    assert await SurveyReminder.filter(member_id=m["chai"].id).count() == 2
    for name in ("anong", "boonmee"):
        assert reminders_to(name) == []  # answered: no reminders

    # After the deadline the link shows a closed page.
    clock.set(bkk(2026, 12, 10, 12, 1))
    r = await client.get(link)
    assert r.status_code == 410 and "ปิดรับคำตอบแล้ว" in r.text

    # 5. The report: 3 invited, 2 answered; anong 5,4,4,3,5,5 / boonmee 4,4,3,3,4,4.
    r = await client.get(f"/api/v1/reports/sessions/{sid}", headers=world.auth("trainer"))
    assert r.status_code == 200, r.text
    group = r.json()["groups"][0]
    assert (group["invited"], group["responded"], group["response_rate"]) == (3, 2, 66.67)
    items = {it["key"]: it for it in group["items"]}
    assert (items["content"]["mean"], items["content"]["sd"], items["content"]["band"]) == (4.5, 0.71, "มาก")
    assert [d["count"] for d in items["content"]["distribution"]] == [1, 1, 0, 0, 0]
    assert [d["percent"] for d in items["content"]["distribution"]] == [50.0, 50.0, 0.0, 0.0, 0.0]
    assert (items["trainer"]["mean"], items["trainer"]["sd"], items["trainer"]["band"]) == (4.0, 0.0, "มาก")
    assert (items["materials"]["mean"], items["materials"]["band"]) == (3.5, "ปานกลาง")
    assert (items["duration"]["mean"], items["duration"]["band"]) == (3.0, "ปานกลาง")
    assert (items["overall"]["mean"], items["overall"]["band"]) == (4.5, "มาก")
    assert group["comments"] == [{"question": "comments", "text": "ได้ความรู้ไปใช้งานจริงค่ะ"}]
    assert "นางอนงค์" not in r.text
    r = await client.get(f"/api/v1/reports/sessions/{sid}", headers=world.auth("other"))
    assert r.status_code == 403
    r = await client.get(f"/api/v1/reports/sessions/{sid}?format=csv", headers=world.auth("admin"))
    assert r.status_code == 200 and "ค่าเฉลี่ย" in r.content.decode("utf-8-sig")

    # 6. Certificates: anong and boonmee (attended + L1), not chai (no L1), not dao (absent).
    r = await client.get(f"/api/v1/sessions/{sid}/certificates", headers=world.auth("trainer"))
    certs = {c["member_id"]: c for c in r.json()}
    assert set(certs) == {m["anong"].id, m["boonmee"].id}
    assert all(re.fullmatch(r"ONDE-2569-\d{6}", c["number"]) for c in certs.values())
    clock.set(bkk(2026, 12, 10, 13, 0))
    await survey_jobs.push_certificates(ctx, now=clock.utcnow())
    await survey_jobs.push_certificates(ctx, now=clock.utcnow())
    for name in ("anong", "boonmee"):
        earned = [p for p in line_world.pushes_to(world.user(name))
                  if "ได้รับวุฒิบัตร" in p["messages"][0]["altText"]]
        assert len(earned) == 1, name
    assert "วุฒิบัตร" not in _texts(line_world.pushes_to(world.user("chai")))

    number, verify_url = certs[m["anong"].id]["number"], certs[m["anong"].id]["verify_url"]
    r = await client.get(verify_url.removeprefix("http://testserver"))
    assert r.status_code == 200 and "วุฒิบัตรถูกต้อง" in r.text and "นางอนงค์ ใจดี" in r.text  # the official name
    assert "Anong" not in r.text  # never the LINE display name
    assert "กรมการปกครอง" not in r.text  # nothing personal beyond the name
    r = await client.get("/verify/ONDE-2569-999999?c=AAAAABBBBB")
    assert r.status_code == 404 and "ไม่พบ" in r.text
    r = await client.post(f"/api/v1/certificates/{number}/revoke", headers=world.auth("admin"),
                          json={"reason": "ออกผิดคน"})
    assert r.status_code == 200
    r = await client.get(verify_url.removeprefix("http://testserver"))
    assert "ถูกเพิกถอน" in r.text

    # The training record counts the completed course.
    r = await client.get(f"/api/v1/members/{m['boonmee'].id}/training-record", headers=world.auth("admin"))
    record = r.json()
    assert record["total_hours"] == 12.0 and record["completed_courses"][0]["course_code"] == "DG-101"
    assert [a["hours"] for a in record["hours_by_skill_area"]] == [12.0, 12.0]
    r = await client.get(f"/api/v1/members/{m['boonmee'].id}/training-record", headers=world.auth("other"))
    assert r.status_code == 403

    # "ขอใบประกาศ" (users type the old word) in chat lists the certificate with a working download button.
    replies = await line_world.act(world.user("boonmee"), {"type": "text", "text": "ขอใบประกาศ"})
    carousel = replies[-1]
    assert carousel["type"] == "flex" and "วุฒิบัตร" in carousel["altText"]
    buttons = [c["action"] for b in carousel["contents"]["contents"] for c in b["footer"]["contents"]]
    download = next(a["uri"] for a in buttons if a["label"] == "ดาวน์โหลด PDF")
    parts = urlsplit(download)
    r = await client.get(f"{parts.path}?{parts.query}")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    r = await client.get(parts.path + "?t=forged")
    assert r.status_code == 403
    replies = await line_world.act(world.user("chai"), {"type": "text", "text": "ขอใบประกาศ"})
    assert "ยังไม่มีวุฒิบัตร" in replies[-1]["text"]
