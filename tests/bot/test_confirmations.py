"""Every question the bot asks before it acts, on each branch: confirmed, declined, timed out, and tapped on a
button past its expiry. Declining never says that something was done; a late tap never acts."""

from __future__ import annotations

from typing import Any

from backend.models import Member, Registration, RegistrationStatus
from bot.render import texts
from tests.backend.factories import make_course, make_session
from tests.bot.confirming import aged, assert_follows_style, let_time_run_out
from tests.bot.conftest import BotWorld, find_button, find_quick, texts_of
from tests.bot.test_conversations import _pb, onboard

COURSE = "การวิเคราะห์ข้อมูลเพื่อการตัดสินใจ"


async def _asked_to_register(world: BotWorld, name: str, *, capacity: int = 10) -> tuple[str, int, list[dict[str, Any]]]:
    course = await make_course(title_th=COURSE, topics=["data"])
    session = await make_session(course.code, capacity=capacity)
    user = await onboard(world, name)
    question = await world.tap(user, {"type": "postback", "data": _pb(world, user, "reg", s=session.id)})
    assert texts_of(question).startswith("ยืนยันการสมัคร") and texts_of(question).endswith("ใช่ไหมคะ")
    assert_follows_style(question)
    return user, session.id, question


async def _registrations(session_id: int, status: RegistrationStatus = RegistrationStatus.registered) -> int:
    return await Registration.filter(session_id=session_id, status=status).count()


# ------------------------------------------------------------------ register for a session


async def test_register_confirmed(world: BotWorld) -> None:
    user, session_id, question = await _asked_to_register(world, "reg-yes")
    answer = await world.tap(user, find_quick(question, "ยืนยัน"))
    assert texts_of(answer).startswith("สมัครเรียบร้อยแล้วค่ะ") and COURSE in texts_of(answer)
    assert_follows_style(answer)
    assert await _registrations(session_id) == 1


async def test_register_declined_registers_nothing_and_says_so(world: BotWorld) -> None:
    user, session_id, question = await _asked_to_register(world, "reg-no")
    answer = await world.tap(user, find_quick(question, "ยกเลิก"))
    assert texts_of(answer) == texts.REGISTER_ABORTED  # nothing was recorded; it says just that
    assert_follows_style(answer)
    late = await world.tap(user, find_quick(question, "ยืนยัน"))  # the other chip, after declining
    assert texts_of(late) == texts.START_AGAIN
    assert await _registrations(session_id) == 0


async def test_register_question_that_timed_out_does_not_register(world: BotWorld) -> None:
    user, session_id, question = await _asked_to_register(world, "reg-late")
    await let_time_run_out(world, user, "confirm_register")
    answer = await world.tap(user, find_quick(question, "ยืนยัน"))
    assert texts_of(answer) == texts.START_AGAIN and find_quick(answer, "ค้นหาหลักสูตร")
    assert await _registrations(session_id) == 0


async def test_register_button_past_its_expiry_does_not_register(world: BotWorld) -> None:
    user, session_id, question = await _asked_to_register(world, "reg-old")
    answer = await world.tap(user, aged(world, user, find_quick(question, "ยืนยัน")))
    assert texts_of(answer) == texts.START_AGAIN
    assert await _registrations(session_id) == 0


# ------------------------------------------------------------------ cancel a registration


async def _asked_to_cancel(world: BotWorld, name: str, *, full: bool = False) -> tuple[str, int, list[dict[str, Any]]]:
    user, session_id, question = await _asked_to_register(world, name, capacity=1)
    if full:  # someone else took the seat first: this member is on the waitlist
        other = await onboard(world, f"{name}-first")
        first = await world.tap(other, {"type": "postback", "data": _pb(world, other, "reg", s=session_id)})
        await world.tap(other, find_quick(first, "ยืนยัน"))
        question = await world.tap(user, {"type": "postback", "data": _pb(world, user, "reg", s=session_id)})
    await world.tap(user, find_quick(question, "ยืนยัน"))
    mine = await world.say(user, "หลักสูตรของฉัน")
    question = await world.tap(user, find_button(mine, "ยกเลิกการสมัคร"))
    assert texts_of(question).startswith("ยืนยันยกเลิกการสมัคร") and texts_of(question).endswith("ใช่ไหมคะ")
    assert [item["action"]["label"] for item in question[-1]["quickReply"]["items"]] == ["ยืนยัน", "ไม่ยกเลิก"]
    assert_follows_style(question)
    return user, session_id, question


async def test_cancel_confirmed(world: BotWorld) -> None:
    user, session_id, question = await _asked_to_cancel(world, "cancel-yes")
    answer = await world.tap(user, find_quick(question, "ยืนยัน"))
    assert texts_of(answer) == f"ยกเลิกการสมัคร {COURSE} รุ่นที่ 1 เรียบร้อยแล้วค่ะ"
    assert_follows_style(answer)
    assert await _registrations(session_id, RegistrationStatus.cancelled) == 1


async def test_keeping_the_registration_says_it_is_kept(world: BotWorld) -> None:
    user, session_id, question = await _asked_to_cancel(world, "cancel-no")
    answer = await world.tap(user, find_quick(question, "ไม่ยกเลิก"))
    assert texts_of(answer) == f"ท่านยังคงสมัคร {COURSE} รุ่นที่ 1 อยู่ค่ะ"
    assert "ยกเลิก" not in texts_of(answer)  # nothing was cancelled, and nothing says so
    assert_follows_style(answer)
    late = await world.tap(user, find_quick(question, "ยืนยัน"))  # the other chip, after keeping
    assert texts_of(late) == texts.START_AGAIN
    assert await _registrations(session_id) == 1


async def test_keeping_a_waitlisted_place_says_the_member_is_still_on_the_waitlist(world: BotWorld) -> None:
    user, session_id, question = await _asked_to_cancel(world, "wait-no", full=True)
    answer = await world.tap(user, find_quick(question, "ไม่ยกเลิก"))
    assert texts_of(answer) == f"ท่านยังคงอยู่ในรายชื่อสำรองของ {COURSE} รุ่นที่ 1 ค่ะ"
    assert await _registrations(session_id, RegistrationStatus.waitlisted) == 1


async def test_cancel_question_that_timed_out_cancels_nothing(world: BotWorld) -> None:
    user, session_id, question = await _asked_to_cancel(world, "cancel-late")
    await let_time_run_out(world, user, "confirm_cancel")
    answer = await world.tap(user, find_quick(question, "ยืนยัน"))
    assert texts_of(answer) == texts.START_AGAIN
    kept = await world.tap(user, find_quick(question, "ไม่ยกเลิก"))  # keeping is true at any time
    assert texts_of(kept) == f"ท่านยังคงสมัคร {COURSE} รุ่นที่ 1 อยู่ค่ะ"
    assert await _registrations(session_id) == 1


async def test_cancel_buttons_past_their_expiry_do_nothing(world: BotWorld) -> None:
    user, session_id, question = await _asked_to_cancel(world, "cancel-old")
    for label in ("ยืนยัน", "ไม่ยกเลิก"):
        answer = await world.tap(user, aged(world, user, find_quick(question, label)))
        assert texts_of(answer) == texts.START_AGAIN, label
    assert await _registrations(session_id) == 1


async def test_keeping_a_registration_cancelled_meanwhile_does_not_say_it_is_kept(world: BotWorld) -> None:
    user, session_id, question = await _asked_to_cancel(world, "cancel-twice")
    await world.tap(user, find_quick(question, "ยืนยัน"))
    answer = await world.tap(user, find_quick(question, "ไม่ยกเลิก"))
    assert texts_of(answer) == texts.ALREADY_CANCELLED
    assert await _registrations(session_id, RegistrationStatus.cancelled) == 1


# ------------------------------------------------------------------ delete my data


async def _asked_to_delete(world: BotWorld, name: str) -> tuple[str, list[dict[str, Any]]]:
    user = await onboard(world, name)
    menu = await world.say(user, "ลบข้อมูลของฉัน")
    assert texts_of(menu).startswith("ท่านต้องการจัดการข้อมูลส่วนบุคคลแบบใดคะ")
    assert_follows_style(menu)
    question = await world.tap(user, find_quick(menu, "ลบข้อมูลของฉัน"))
    assert texts_of(question).startswith("ยืนยันการลบข้อมูลส่วนบุคคลใช่ไหมคะ")
    assert_follows_style(question)
    return user, question


async def test_delete_confirmed(world: BotWorld) -> None:
    user, question = await _asked_to_delete(world, "del-yes")
    answer = await world.tap(user, find_quick(question, "ยืนยันลบข้อมูล"))
    assert texts_of(answer).startswith("ลบข้อมูลของท่านเรียบร้อยแล้ว")
    assert_follows_style(answer)
    assert not await Member.filter(line_user_id=user).exists()


async def test_delete_declined_keeps_the_data_and_says_so(world: BotWorld) -> None:
    user, question = await _asked_to_delete(world, "del-no")
    answer = await world.tap(user, find_quick(question, "ยกเลิก"))
    assert texts_of(answer) == texts.DELETE_KEPT
    assert_follows_style(answer)
    late = await world.tap(user, find_quick(question, "ยืนยันลบข้อมูล"))
    assert texts_of(late) == texts.START_AGAIN
    assert await Member.filter(line_user_id=user, deleted_at__isnull=True).exists()


async def test_privacy_menu_declined_keeps_the_data(world: BotWorld) -> None:
    user = await onboard(world, "priv-no")
    menu = await world.say(user, "ลบข้อมูลของฉัน")
    answer = await world.tap(user, find_quick(menu, "ยกเลิก"))
    assert texts_of(answer) == texts.PRIVACY_CANCELLED
    assert_follows_style(answer)
    assert await Member.filter(line_user_id=user, deleted_at__isnull=True).exists()


async def test_delete_question_that_timed_out_deletes_nothing(world: BotWorld) -> None:
    user, question = await _asked_to_delete(world, "del-late")
    await let_time_run_out(world, user, "confirm_delete")
    answer = await world.tap(user, find_quick(question, "ยืนยันลบข้อมูล"))
    assert texts_of(answer) == texts.START_AGAIN
    assert await Member.filter(line_user_id=user, deleted_at__isnull=True).exists()


async def test_delete_button_past_its_expiry_deletes_nothing(world: BotWorld) -> None:
    user, question = await _asked_to_delete(world, "del-old")
    answer = await world.tap(user, aged(world, user, find_quick(question, "ยืนยันลบข้อมูล")))
    assert texts_of(answer) == texts.START_AGAIN
    assert await Member.filter(line_user_id=user, deleted_at__isnull=True).exists()


# ------------------------------------------------------------------ consent


async def test_consent_given_declined_and_from_an_expired_button(world: BotWorld) -> None:
    user = world.user("consent")
    question = await world.act(user, {"type": "follow"})
    assert_follows_style(question)
    old = await world.tap(user, aged(world, user, find_quick(question, "ยินยอม")))
    assert texts_of(old) == texts.START_AGAIN
    assert not await Member.filter(line_user_id=user).exists()
    declined = await world.tap(user, find_quick(question, "ไม่ยินยอม"))
    assert texts_of(declined) == texts.CONSENT_DECLINED
    assert_follows_style(declined)
    assert not await Member.filter(line_user_id=user).exists()
    given = await world.tap(user, find_quick(question, "ยินยอม"))
    assert texts_of(given).startswith("ขอบคุณที่ให้ความยินยอม")
    assert_follows_style(given)
    assert await Member.filter(line_user_id=user, consent_at__isnull=False).exists()


# ------------------------------------------------------------------ profile changes


async def _group(user: str) -> str | None:
    return (await Member.get(line_user_id=user)).target_group_id  # type: ignore[attr-defined, no-any-return]


async def _agency_typed(user: str) -> str:
    return (await Member.get(line_user_id=user)).agency_text


async def test_profile_change_confirmed(world: BotWorld) -> None:
    user = await onboard(world, "pf-yes")
    menu = await world.say(user, "แก้ไขโปรไฟล์")
    assert texts_of(menu).startswith("ท่านต้องการแก้ไขข้อมูลส่วนใดคะ") and "กลุ่มเป้าหมาย สายเทคโนโลยี" in texts_of(menu)
    assert_follows_style(menu)
    question = await world.tap(user, find_quick(menu, "กลุ่มเป้าหมาย"))
    assert_follows_style(question)
    answer = await world.tap(user, find_quick(question, "ผู้บริหารระดับสูง"))
    assert texts_of(answer) == texts.PROFILE_UPDATED
    assert await _group(user) == "executive"


async def test_profile_change_declined_at_each_question_changes_nothing(world: BotWorld) -> None:
    user = await onboard(world, "pf-no")
    menu = await world.say(user, "แก้ไขโปรไฟล์")
    answer = await world.tap(user, find_quick(menu, "ไม่เปลี่ยน"))
    assert texts_of(answer) == texts.PROFILE_KEPT
    assert_follows_style(answer)

    question = await world.tap(user, find_quick(await world.say(user, "แก้ไขโปรไฟล์"), "กลุ่มเป้าหมาย"))
    answer = await world.tap(user, find_quick(question, "ไม่เปลี่ยน"))
    assert texts_of(answer) == texts.PROFILE_KEPT
    assert await _group(user) == "technologist"

    question = await world.tap(user, find_quick(await world.say(user, "แก้ไขโปรไฟล์"), "หน่วยงาน"))
    assert texts_of(question) == texts.ASK_AGENCY
    answer = await world.tap(user, find_quick(question, "ไม่เปลี่ยน"))
    assert texts_of(answer) == texts.PROFILE_KEPT
    after = await world.say(user, "กรมสรรพากร")  # no longer taken as the agency
    assert "กรมสรรพากร" not in texts_of(after)
    assert await _agency_typed(user) == "กรมการปกครอง"


async def test_profile_question_that_timed_out_or_expired_changes_nothing(world: BotWorld) -> None:
    user = await onboard(world, "pf-late")
    question = await world.tap(user, find_quick(await world.say(user, "แก้ไขโปรไฟล์"), "กลุ่มเป้าหมาย"))
    answer = await world.tap(user, aged(world, user, find_quick(question, "ผู้บริหารระดับสูง")))
    assert texts_of(answer) == texts.START_AGAIN
    assert await _group(user) == "technologist"

    await world.tap(user, find_quick(await world.say(user, "แก้ไขโปรไฟล์"), "หน่วยงาน"))
    from bot.dispatcher import STEP_KEY

    await let_time_run_out(world, user, STEP_KEY)
    after = await world.say(user, "กรมสรรพากร")
    assert "กรมสรรพากร" not in texts_of(after)
    assert await _agency_typed(user) == "กรมการปกครอง"
