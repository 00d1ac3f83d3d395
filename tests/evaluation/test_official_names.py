"""Certificates carry the official name the member gave (never the LINE display name): asked for in chat before
the first certificate, on the survey form when its answer completes the rule, or by a push; corrected with
"แก้ไขชื่อ-นามสกุล", after which the next download prints the new name under the same number and check code."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from backend.jobs import surveys as survey_jobs
from backend.models import AuditLog, Certificate, Member, Registration, RegistrationStatus, SurveyResponse
from backend.services import attendance, certificates, surveys
from tests.bot.conftest import find_button, find_quick, quick_actions, texts_of
from tests.evaluation.conftest import LineWorld, World, bkk

L1_ANSWERS = {k: 5 for k in ("content", "trainer", "materials", "duration", "application", "overall")}


async def _without_official_name(member: Member) -> None:
    member.official_title = member.official_first_name = member.official_last_name = ""
    member.official_name_at = None
    await member.save()


async def _l1_for(line_world: LineWorld, world: World, name: str) -> int:
    """`name` attended; the satisfaction survey is sent to the session (pushed to them); its dispatch id."""
    now = bkk(2026, 12, 2, 17, 0)
    line_world.clock.set(now)
    await attendance.mark_attendance(session=world.session, staff=world.trainer,
                                     member_ids=[world.members[name].id], now=now)
    summary = await surveys.dispatch_survey(session=world.session, template_code="l1_satisfaction",
                                            deadline=bkk(2026, 12, 10, 12), now=now)
    await survey_jobs.push_survey_invites({"runtime": line_world.runtime}, summary.id, now=now)
    return summary.id


def _pdf_text(content: bytes, folder: Path) -> str:
    pdf = folder / "cert.pdf"
    pdf.write_bytes(content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(text.split())  # the name may be broken over words by the extraction


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


@pytest.mark.pdf
async def test_chat_asks_for_the_name_before_the_first_certificate_and_corrects_it(
        line_world: LineWorld, chat_world: World, tmp_path: Path) -> None:
    world, client = chat_world, line_world.client
    member = world.members["anong"]
    user = world.user("anong")
    await _without_official_name(member)
    await _l1_for(line_world, world, "anong")
    invite = (await line_world.pushed(user))[0]
    chat_button = next(a for a in (c["action"] for c in invite["messages"][0]["contents"]["footer"]["contents"])
                       if a["type"] == "postback")

    replies = await line_world.tap(user, chat_button)
    for _ in range(6):
        replies = await line_world.tap(user, find_quick(replies, "5 มากที่สุด"))
    replies = await line_world.tap(user, find_quick(replies, "ข้าม"))  # no comment

    # The answer met the rule: the registration is completed, but no certificate under the LINE name.
    assert "ได้รับคำตอบ" in texts_of(replies)
    ask = replies[-1]["text"]
    assert "ผ่านเกณฑ์ได้รับวุฒิบัตร" in ask and "ไม่ใช้ชื่อบัญชี LINE" in ask and "หน้าตรวจสอบวุฒิบัตร" in ask
    assert [a["label"] for a in quick_actions(replies[-1])][:3] == ["นาย", "นาง", "นางสาว"]
    assert await Certificate.filter(member_id=member.id).count() == 0
    assert (await Registration.get(id=world.registrations["anong"].id)).status == RegistrationStatus.completed

    replies = await line_world.tap(user, find_quick(replies, "นาง"))
    assert "ชื่อและนามสกุล" in replies[-1]["text"]
    replies = await line_world.say(user, "อนงค์")
    assert "ต้องมีทั้งชื่อและนามสกุล" in replies[-1]["text"]
    replies = await line_world.say(user, "อนงค์ ใจงาม")
    assert "นางอนงค์ ใจงาม" in replies[-1]["text"] and replies[-1]["text"].endswith("ถูกต้องหรือไม่คะ")
    replies = await line_world.tap(user, find_quick(replies, "ถูกต้อง"))
    assert "บันทึกชื่อ-นามสกุลสำหรับวุฒิบัตรแล้ว" in texts_of(replies)

    cert = await Certificate.get(member_id=member.id)
    assert cert.name_on_certificate == "นางอนงค์ ใจงาม" and cert.pushed_at is not None  # shown in the chat
    number, code = cert.number, cert.check_code
    download = find_button(replies, "ดาวน์โหลด PDF")["uri"]
    first = await client.get(_path(download))
    assert first.status_code == 200 and "นางอนงค์ใจงาม" in _pdf_text(first.content, tmp_path)
    assert await AuditLog.filter(action="member.official_name", target_id=str(member.id),
                                 actor=f"member:{member.id}").count() == 1

    # The certificate job does not announce it a second time.
    line_world.clock.set(bkk(2026, 12, 3, 10, 0))
    before = len(line_world.pushes_to(user))
    await survey_jobs.push_certificates({"runtime": line_world.runtime}, now=line_world.clock.utcnow())
    assert len(line_world.pushes_to(user)) == before

    # Corrected with the standing command, the whole name typed at once.
    replies = await line_world.say(user, "แก้ไขชื่อ-นามสกุล")
    assert "ชื่อบนวุฒิบัตรของท่านขณะนี้คือ\nนางอนงค์ ใจงาม" in replies[-1]["text"]
    replies = await line_world.say(user, "นางสาวอนงค์ ใจดี")
    assert "นางสาวอนงค์ ใจดี" in replies[-1]["text"]
    replies = await line_world.tap(user, find_quick(replies, "ถูกต้อง"))
    assert "แก้ไขชื่อ-นามสกุลแล้ว" in texts_of(replies) and "เลขที่และรหัสตรวจสอบเดิม" in texts_of(replies)

    again = await Certificate.get(member_id=member.id)
    assert (again.number, again.check_code) == (number, code)
    second = await client.get(_path(download))  # the same link, rendered again with the corrected name
    text = _pdf_text(second.content, tmp_path)
    assert "นางสาวอนงค์ใจดี" in text and "ใจงาม" not in text and number in text
    verified = (await client.get(f"/api/v1/certificates/verify/{number}", params={"code": code})).json()
    assert verified["name"] == "นางสาวอนงค์ ใจดี"
    assert await AuditLog.filter(action="member.official_name", target_id=str(member.id)).count() == 2


async def test_the_name_conversation_can_be_cancelled_or_left(line_world: LineWorld, chat_world: World) -> None:
    world = chat_world
    user = world.user("boonmee")
    replies = await line_world.say(user, "แก้ไขชื่อ-นามสกุล")
    replies = await line_world.tap(user, find_quick(replies, "ยกเลิก"))
    assert "ยกเลิกการแจ้งชื่อ-นามสกุลแล้ว" in replies[-1]["text"]
    replies = await line_world.say(user, "แก้ไขชื่อ")
    replies = await line_world.say(user, "ขอวุฒิบัตร")  # asks something else instead of a title
    assert "ยังไม่มีวุฒิบัตร" in texts_of(replies)
    replies = await line_world.say(user, "แก้ไขชื่อ-นามสกุล")
    replies = await line_world.say(user, "ดร.")
    replies = await line_world.say(user, "บุญมี 123")
    assert "ไม่มีตัวเลข" in replies[-1]["text"]
    replies = await line_world.say(user, "พักไว้ก่อน")
    member = await Member.get(id=world.members["boonmee"].id)
    assert (member.official_title, member.official_first_name, member.official_last_name) == ("นาย", "บุญมี", "มีสุข")
    assert not await AuditLog.filter(action="member.official_name").exists()


async def test_a_certificate_waiting_for_the_name_is_asked_for_once_by_push(
        line_world: LineWorld, chat_world: World) -> None:
    world = chat_world
    member = world.members["chai"]
    user = world.user("chai")
    await _without_official_name(member)
    dispatch_id = await _l1_for(line_world, world, "chai")
    await surveys.submit_response(dispatch_id=dispatch_id, member_id=member.id, answers=L1_ANSWERS,
                                  now=bkk(2026, 12, 3, 9, 0))  # answered on the form, left the name empty
    runtime = {"runtime": line_world.runtime}
    line_world.clock.set(bkk(2026, 12, 3, 10, 0))
    await survey_jobs.push_certificates(runtime, now=line_world.clock.utcnow())
    await survey_jobs.push_certificates(runtime, now=line_world.clock.utcnow())
    asks = [p for p in line_world.pushes_to(user) if "แจ้งคำนำหน้า ชื่อ และนามสกุล" in str(p)]
    assert len(asks) == 1 and await Certificate.filter(member_id=member.id).count() == 0

    [chip] = quick_actions(asks[0]["messages"][0])
    replies = await line_world.tap(user, chip)
    replies = await line_world.say(user, "นายชัย ตอบแล้ว")
    replies = await line_world.tap(user, find_quick(replies, "ถูกต้อง"))
    cert = await Certificate.get(member_id=member.id)
    assert cert.name_on_certificate == "นายชัย ตอบแล้ว"
    assert "วุฒิบัตรของท่าน 1 ฉบับ" in texts_of(replies) and find_button(replies, "ดาวน์โหลด PDF")["uri"]


async def _form_link(line_world: LineWorld, world: World, name: str) -> str:
    invite = (await line_world.pushed(world.user(name)))[0]
    bubble = invite["messages"][0]["contents"]
    return _path(next(c["action"]["uri"] for c in bubble["footer"]["contents"] if c["action"]["type"] == "uri"))


async def test_the_survey_form_asks_for_the_name_when_its_answer_completes_the_rule(
        line_world: LineWorld, chat_world: World) -> None:
    world, client = chat_world, line_world.client
    member = world.members["dao"]
    await _without_official_name(member)
    dispatch_id = await _l1_for(line_world, world, "dao")
    link = await _form_link(line_world, world, "dao")

    page = await client.get(link)
    assert page.status_code == 200
    assert 'name="official_first_name"' in page.text and "ใช้ข้อมูลนี้เพื่อพิมพ์บนวุฒิบัตร" in page.text
    assert "<script" not in page.text and "style=" not in page.text  # the stylesheet only (CSP)

    answers: dict[str, Any] = {k: str(v) for k, v in L1_ANSWERS.items()}
    half = await client.post(link, data={**answers, "official_title": "นางสาว", "official_first_name": "ดาว"})
    assert half.status_code == 422 and "กรุณาระบุนามสกุล" in half.text
    assert 'value="ดาว"' in half.text  # what was typed stays
    assert not await SurveyResponse.filter(dispatch_id=dispatch_id, member_id=member.id).exists()

    done = await client.post(link, data={**answers, "official_title": "นางสาว", "official_first_name": "ดาว",
                                         "official_last_name": "มาเรียน"})
    assert done.status_code == 200 and "ผ่านเกณฑ์ได้รับวุฒิบัตร" in done.text
    cert = await Certificate.get(member_id=member.id)
    assert cert.name_on_certificate == "นางสาวดาว มาเรียน"
    assert await AuditLog.filter(action="member.official_name", actor=f"member:{member.id}").exists()
    again = await client.get(link)
    assert 'name="official_first_name"' not in again.text  # given once


async def test_the_form_does_not_ask_when_the_answer_completes_nothing(
        line_world: LineWorld, chat_world: World) -> None:
    world, client = chat_world, line_world.client
    member = world.members["dao"]
    await _without_official_name(member)
    await certificates.set_rule(world.course.id, certificates.Rule(require_l2_post=True))  # L1 is not enough
    await _l1_for(line_world, world, "dao")
    page = await client.get(await _form_link(line_world, world, "dao"))
    assert page.status_code == 200 and 'name="official_first_name"' not in page.text


async def test_an_old_certificate_without_an_official_name_is_not_printed(
        line_world: LineWorld, world: World) -> None:
    client = line_world.client
    member = world.members["boonmee"]
    await certificates.set_rule(world.course.id, certificates.Rule(require_l1=False))
    registration = world.registrations["boonmee"]
    registration.status = RegistrationStatus.attended
    await registration.save()
    [cert] = await certificates.issue_for_session(world.session.id, now=bkk(2026, 12, 3, 9))
    await _without_official_name(member)  # as certificates issued before official names were
    settings = line_world.runtime.settings
    url = certificates.download_url(settings.public_base_url, settings.secret_key, cert.number)
    r = await client.get(_path(url))
    assert r.status_code == 409 and "แก้ไขชื่อ-นามสกุล" in r.text
    forged = await client.get(f"/certificates/{cert.number}.pdf?t=forged")
    assert forged.status_code == 403 and "ลิงก์" in forged.text
