"""Survey rules without the LINE channel: quiet hours, reminders after a worker outage, the L3 follow-up,
signed links, answer validation, templates, pre/post and anonymous reports, certificate rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from backend.models import (
    Certificate,
    Registration,
    RegistrationStatus,
    SurveyDispatch,
    SurveyReminder,
)
from backend.services import attendance, certificates, reports, surveys
from backend.services.errors import ValidationFailed
from backend.services.quiet_hours import after_quiet_hours
from tests.evaluation.conftest import BKK, World, bkk

SECRET = "test-secret"


async def _attend(world: World, *names: str) -> None:
    await attendance.mark_attendance(session=world.session, staff=world.trainer,
                                     member_ids=[world.members[n].id for n in names], now=bkk(2026, 12, 2, 16))


@pytest.mark.parametrize(("local", "expected"), [
    ((20, 59), (20, 59, 0)), ((21, 0), (8, 0, 1)), ((23, 30), (8, 0, 1)), ((2, 0), (8, 0, 0)), ((8, 0), (8, 0, 0)),
])
def test_quiet_hours_postpone_to_eight(local: tuple[int, int], expected: tuple[int, int, int]) -> None:
    moment = bkk(2026, 12, 4, *local)
    later = after_quiet_hours(moment).astimezone(BKK)
    assert (later.hour, later.minute, later.day - 4) == expected


@pytest.mark.parametrize(("mean", "band"), [
    (5.0, "มากที่สุด"), (4.51, "มากที่สุด"), (4.505, "มากที่สุด"), (4.5, "มาก"), (3.51, "มาก"), (3.5, "ปานกลาง"),
    (2.51, "ปานกลาง"), (2.5, "น้อย"), (1.51, "น้อย"), (1.5, "น้อยที่สุด"), (1.0, "น้อยที่สุด"),
])
def test_verbal_bands(mean: float, band: str) -> None:
    assert reports.verbal_band(mean) == band


async def test_reminders_after_an_outage_send_only_the_latest(world: World) -> None:
    await _attend(world, "anong", "boonmee")
    summary = await surveys.dispatch_survey(session=world.session, template_code="l1_satisfaction",
                                            deadline=bkk(2026, 12, 20, 12), reminder_days=[2, 5],
                                            now=bkk(2026, 12, 2, 10))
    # The worker was down from day 1 to day 6: one reminder (the second), not two at once.
    due = await surveys.claim_due_reminders(now=bkk(2026, 12, 8, 9))
    assert sorted((d.member_id, d.seq) for d in due) == sorted(
        (world.members[n].id, 2) for n in ("anong", "boonmee"))
    assert await SurveyReminder.filter(dispatch_id=summary.id, outcome="skipped").count() == 2
    # A second worker at the same moment claims nothing; nothing after the deadline either.
    assert await surveys.claim_due_reminders(now=bkk(2026, 12, 8, 9)) == []
    assert await surveys.claim_due_reminders(now=bkk(2026, 12, 21, 9)) == []


async def test_dispatch_validation(world: World) -> None:
    now = bkk(2026, 12, 2, 10)
    with pytest.raises(ValidationFailed):
        await surveys.dispatch_survey(session=world.session, template_code="l1_satisfaction",
                                      deadline=now - dt.timedelta(hours=1), now=now)
    with pytest.raises(ValidationFailed):
        await surveys.dispatch_survey(session=world.session, template_code="l1_satisfaction",
                                      deadline=now + dt.timedelta(days=3), reminder_days=[1, 2, 3], now=now)
    with pytest.raises(surveys.TemplateNotFound):
        await surveys.dispatch_survey(session=world.session, template_code="nope",
                                      deadline=now + dt.timedelta(days=3), now=now)


async def test_l3_followup_ninety_days_after_the_session(world: World) -> None:
    await _attend(world, "anong", "chai")
    # The session ended on 2 Dec 2026; 90 days later is 2 Mar 2027, sent from 09:00 Bangkok time.
    assert await surveys.create_due_followups(now=bkk(2027, 3, 2, 8, 59)) == []
    created = await surveys.create_due_followups(now=bkk(2027, 3, 2, 9, 0))
    assert [(c.template_code, c.invited) for c in created] == [("l3_followup", 2)]
    assert await surveys.create_due_followups(now=bkk(2027, 3, 2, 15, 0)) == []
    dispatch = await SurveyDispatch.get(id=created[0].id)
    assert dispatch.deadline == bkk(2027, 3, 16, 9, 0)


async def test_form_tokens(world: World) -> None:
    await _attend(world, "anong")
    now = bkk(2026, 12, 2, 10)
    summary = await surveys.dispatch_survey(session=world.session, template_code="l1_satisfaction",
                                            deadline=bkk(2026, 12, 9, 12), now=now)
    member = world.members["anong"]
    token = surveys.make_form_token(SECRET, dispatch_id=summary.id, member_id=member.id, expires=summary.deadline)
    dispatch, who = await surveys.open_form_token(SECRET, token, dispatch_id=summary.id, now=now)
    assert (dispatch.id, who.id) == (summary.id, member.id)
    cases: list[tuple[str, dict[str, Any], str]] = [
        (token, {"now": bkk(2026, 12, 9, 12)}, "expired"),
        (token + "x", {"now": now}, "forged"),
        (surveys.make_form_token("other-secret", dispatch_id=summary.id, member_id=member.id,
                                 expires=summary.deadline), {"now": now}, "forged"),
        (surveys.make_form_token(SECRET, dispatch_id=summary.id, member_id=world.members["dao"].id,
                                 expires=summary.deadline), {"now": now}, "not_yours"),
    ]
    for bad, kwargs, reason in cases:
        with pytest.raises(surveys.FormLinkInvalid) as caught:
            await surveys.open_form_token(SECRET, bad, dispatch_id=summary.id, **kwargs)
        assert caught.value.reason == reason


def test_answer_validation_names_every_problem() -> None:
    template = surveys.shipped_templates()
    l3 = next(t for t in template if t["code"] == "l3_followup")
    with pytest.raises(ValidationFailed) as caught:
        surveys.validate_answers(l3["questions"], {"used_at_work": "maybe", "obstacles": ["time", "bogus"],
                                                   "extra": 1})
    fields = {e["field"] for e in caught.value.errors}
    assert fields == {"used_at_work", "obstacles", "extra"}
    clean = surveys.validate_answers(l3["questions"], {"used_at_work": "yes", "obstacles": ["tools", "time"]})
    assert clean == {"used_at_work": "yes", "obstacles": ["time", "tools"]}
    l2 = next(t for t in template if t["code"] == "l2_self_rating")
    with pytest.raises(ValidationFailed):
        surveys.validate_answers(l2["questions"], {"knowledge": 3, "skill": 3, "confidence": 3, "score": 101})


def test_shipped_templates_and_template_validation() -> None:
    codes = {t["code"]: t for t in surveys.shipped_templates()}
    assert set(codes) == {"l1_satisfaction", "l2_self_rating", "l3_followup"}
    assert [q["key"] for q in codes["l1_satisfaction"]["questions"]] == [
        "content", "trainer", "materials", "duration", "application", "overall", "comments", "format"]
    assert [q["key"] for q in surveys.asked_questions(codes["l1_satisfaction"]["questions"])] == [
        "content", "trainer", "materials", "duration", "application", "overall", "comments"]
    with pytest.raises(ValidationFailed) as caught:
        surveys.validate_template({"code": "x", "title_th": "ทดสอบ", "level": 4,
                                   "questions": [{"key": "a", "type": "single"}, {"key": "a", "type": "essay"}]})
    assert {e["field"] for e in caught.value.errors} >= {"level", "questions.0.options", "questions.1.key",
                                                         "questions.1.type"}


async def _answer(dispatch_id: int, member_id: int, answers: dict[str, Any], now: dt.datetime) -> None:
    await surveys.submit_response(dispatch_id=dispatch_id, member_id=member_id, answers=answers, now=now)


async def test_prepost_change_and_anonymous_threshold(world: World) -> None:
    await _attend(world, "anong", "boonmee", "chai")
    now = bkk(2026, 12, 2, 10)
    pre = await surveys.dispatch_survey(session=world.session, template_code="l2_self_rating", phase="pre",
                                        deadline=bkk(2026, 12, 9, 12), now=now)
    post = await surveys.dispatch_survey(session=world.session, template_code="l2_self_rating", phase="post",
                                         deadline=bkk(2026, 12, 9, 12), now=now, anonymous=True)
    for name, before, after in (("anong", 2, 4), ("boonmee", 3, 5), ("chai", 1, 4)):
        mid = world.members[name].id
        await _answer(pre.id, mid, {"knowledge": before, "skill": before, "confidence": before}, now)
        await _answer(post.id, mid, {"knowledge": after, "skill": after, "confidence": after}, now)
    report = await reports.survey_report(reports.Scope(session_id=world.session.id))
    groups = {g["phase"]: g for g in report["groups"]}
    assert groups["pre"]["items"][0]["mean"] == 2.0
    # The post dispatch is anonymous with 3 answers (< 5): nothing shown, no pre/post comparison.
    assert groups["post"]["suppressed"] and groups["post"]["items"] == [] and report["prepost"] == []
    await SurveyDispatch.filter(id=post.id).update(anonymous=False)
    report = await reports.survey_report(reports.Scope(session_id=world.session.id))
    change = {row["key"]: row for row in report["prepost"][0]["items"]}
    assert (change["knowledge"]["mean_pre"], change["knowledge"]["mean_post"], change["knowledge"]["change"]) == (
        2.0, 4.33, 2.33)
    xlsx = reports.to_xlsx(report)
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(xlsx)).active
    assert [c.value for c in sheet[1]][:5] == reports.HEADERS_TH[:5]


async def test_l3_usage_rate_and_agency_filter(world: World) -> None:
    await _attend(world, "anong", "boonmee")
    now = bkk(2027, 3, 2, 9)
    summary = await surveys.dispatch_survey(session=world.session, template_code="l3_followup",
                                            deadline=bkk(2027, 3, 16, 9), now=now)
    await _answer(summary.id, world.members["anong"].id, {"used_at_work": "yes", "frequency": "weekly",
                                                           "example": "ทำแดชบอร์ดงบประมาณ"}, now)
    await _answer(summary.id, world.members["boonmee"].id, {"used_at_work": "no", "obstacles": ["time"]}, now)
    agency_id = world.members["anong"].agency_id  # type: ignore[attr-defined]
    report = await reports.survey_report(reports.Scope(agency_id=agency_id, template="l3_followup"))
    group = report["groups"][0]
    assert (group["invited"], group["responded"], group["usage_rate"], group["usage_count"]) == (2, 2, 50.0, 1)
    assert {"question": "example", "text": "ทำแดชบอร์ดงบประมาณ"} in group["comments"]
    empty = await reports.survey_report(reports.Scope(agency_id=agency_id + 1000))
    assert empty["groups"] == []


async def test_certificate_rule_per_course_and_numbering(world: World) -> None:
    await _attend(world, "anong", "boonmee")
    now = bkk(2026, 12, 2, 10)
    l1 = await surveys.dispatch_survey(session=world.session, template_code="l1_satisfaction",
                                       deadline=bkk(2026, 12, 9, 12), now=now)
    answers = {k: 4 for k in ("content", "trainer", "materials", "duration", "application", "overall")}
    await certificates.set_rule(world.course.id, certificates.Rule(require_l2_post=True))
    for name in ("anong", "boonmee"):
        await _answer(l1.id, world.members[name].id, answers, now)
    reg_ids = [world.registrations[n].id for n in ("anong", "boonmee")]
    assert [await certificates.issue_if_eligible(r, now=now) for r in reg_ids] == [None, None]
    await certificates.set_rule(world.course.id, certificates.Rule())
    issued = await certificates.issue_pending(now=now)  # what the certificate job does first
    assert sorted(c.number for c in issued) == ["ONDE-2569-000001", "ONDE-2569-000002"]
    assert await certificates.issue_pending(now=now) == []
    again = await certificates.issue_if_eligible(reg_ids[0], now=now)
    assert again is not None and again.number in {c.number for c in issued}
    assert await Certificate.all().count() == 2
    reg = await Registration.get(id=reg_ids[0])
    assert reg.status == RegistrationStatus.completed


def test_attendance_csv_accepts_thai_headers() -> None:
    members, regs = attendance.parse_attendance_csv("\ufeffรหัสสมาชิก,เข้าร่วม\n3,1\n4,ไม่\n5,\n")
    assert (members, regs) == ([3, 5], [])
    with pytest.raises(ValidationFailed):
        attendance.parse_attendance_csv("name\nสมชาย\n")


async def test_certificate_job_issues_what_was_earned_and_checks_nothing_else(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from backend.services.certificates import issuing

    await _attend(world, "anong", "boonmee", "chai")  # dao did not come
    now = bkk(2026, 12, 2, 17)
    await certificates.set_rule(world.course.id, certificates.Rule(require_l2_post=True))
    l1 = await surveys.dispatch_survey(session=world.session, template_code="l1_satisfaction",
                                       deadline=bkk(2026, 12, 9, 12), now=now)
    post = await surveys.dispatch_survey(session=world.session, template_code="l2_self_rating", phase="post",
                                         deadline=bkk(2026, 12, 9, 12), now=now)
    for name in ("anong", "boonmee"):
        await _answer(l1.id, world.members[name].id,
                      {k: 4 for k in ("content", "trainer", "materials", "duration", "application", "overall")}, now)
    await _answer(post.id, world.members["boonmee"].id, {"knowledge": 4, "skill": 4, "confidence": 4}, now)

    checked: list[int] = []
    check = issuing.issue_if_eligible

    async def counting(registration_id: int, *, now: dt.datetime) -> Certificate | None:
        checked.append(registration_id)
        return await check(registration_id, now=now)

    monkeypatch.setattr(issuing, "issue_if_eligible", counting)

    async def holders() -> set[str]:
        ids = set(await Certificate.all().values_list("member_id", flat=True))
        return {name for name, member in world.members.items() if member.id in ids}

    # Only boonmee answered the post-training self-rating the rule asks for: the job issues nobody else's,
    # and it does not even look at the attended registrations still short of an answer.
    await certificates.issue_pending(now=now)
    assert await holders() == {"boonmee"}
    assert set(checked) <= {world.registrations["boonmee"].id}
    checked.clear()

    await certificates.set_rule(world.course.id, certificates.Rule())  # attended + L1 answered
    assert [c.member_id for c in await certificates.issue_pending(now=now)] == [world.members["anong"].id]
    assert checked == [world.registrations["anong"].id]

    await certificates.set_rule(world.course.id, certificates.Rule(require_l1=False))  # attendance is enough
    assert [c.member_id for c in await certificates.issue_pending(now=now)] == [world.members["chai"].id]
    assert await certificates.issue_pending(now=now) == []
    assert await holders() == {"anong", "boonmee", "chai"}

    # Sessions that ended more than PENDING_DAYS ago are left alone.
    await Certificate.filter(member_id=world.members["chai"].id).delete()
    late = bkk(2026, 12, 2) + dt.timedelta(days=issuing.PENDING_DAYS + 2)
    assert await certificates.issue_pending(now=late) == []
