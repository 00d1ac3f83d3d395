"""Whole conversations through the emulator: signed webhooks in, schema-valid LINE calls out."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from backend.models import Member, Registration
from backend.services import members as member_service
from tests.backend.factories import make_course, make_session
from tests.bot.conftest import BotWorld, find_button, find_quick, quick_actions, texts_of
from tests.clock import TODAY


async def onboard(world: BotWorld, name: str, *, group: str = "สายเทคโนโลยี") -> str:
    user = world.user(name)
    answer = await world.act(user, {"type": "follow"})
    answer = await world.tap(user, find_quick(answer, "ยินยอม"))
    answer = await world.tap(user, find_quick(answer, group))
    await world.say(user, "กรมการปกครอง")
    return user


async def test_full_session_search_detail_register_and_my_registrations(world: BotWorld) -> None:
    course = await make_course(title_th="ปัญญาประดิษฐ์สำหรับงานภาครัฐ", topics=["ai"], target_groups=["technologist"])
    session = await make_session(course.code, start_date=dt.date(2026, 12, 1), end_date=dt.date(2026, 12, 2),
                                 capacity=20)
    user = world.user("somchai", "สมชาย ใจดี")

    answer = await world.act(user, {"type": "follow"})
    assert texts_of(answer).startswith("สวัสดีค่ะ ยินดีต้อนรับ")
    assert "สมชาย" not in texts_of(answer)  # a LINE display name is not how the service addresses people
    assert "ข้อมูลส่วนบุคคล" in texts_of(answer)
    answer = await world.tap(user, find_quick(answer, "ยินยอม"))
    assert "กลุ่มเป้าหมาย" in texts_of(answer)
    answer = await world.tap(user, find_quick(answer, "สายเทคโนโลยี"))
    assert "หน่วยงาน" in texts_of(answer)
    answer = await world.say(user, "กรมการปกครอง")
    assert "บันทึก" in texts_of(answer)
    member = await Member.get(line_user_id=user)
    assert member.consent_at is not None and member.target_group_id == "technologist"

    answer = await world.say(user, "อยากหาหลักสูตร AI")
    carousel = next(m for m in answer if m["type"] == "flex")
    assert carousel["contents"]["type"] == "carousel"
    bubble_text = str(carousel["contents"]["contents"][0])
    assert "ปัญญาประดิษฐ์สำหรับงานภาครัฐ" in bubble_text
    assert "1 ธ.ค. 2569" in bubble_text  # Buddhist-era date

    answer = await world.tap(user, find_button(answer, "ดูรายละเอียด"))
    assert "รุ่นที่ 1" in str(answer[0]["contents"])
    answer = await world.tap(user, find_button(answer, "สมัครรุ่นที่ 1"))
    assert "ยืนยันการสมัคร" in texts_of(answer)
    answer = await world.tap(user, find_quick(answer, "ยืนยัน"))
    assert "สมัครเรียบร้อยแล้ว" in texts_of(answer)
    assert await Registration.filter(session_id=session.id, member_id=member.id, status="registered").exists()

    # Confirming twice (a replayed tap) does not register twice.
    answer = await world.say(user, "หลักสูตรของฉัน")
    assert "สมัครแล้ว" in str(answer) and "รออบรม" in str(answer)
    assert "ปัญญาประดิษฐ์สำหรับงานภาครัฐ" in str(answer)
    assert world.rejected_calls() == []


async def test_consent_declined_stores_nothing(world: BotWorld) -> None:
    user = world.user("decliner")
    answer = await world.act(user, {"type": "follow"})
    answer = await world.tap(user, find_quick(answer, "ไม่ยินยอม"))
    assert "จะไม่เก็บข้อมูล" in texts_of(answer)
    assert not await Member.filter(line_user_id=user).exists()
    answer = await world.say(user, "หาหลักสูตร AI")
    assert "ความยินยอม" in texts_of(answer)
    assert not await Member.filter(line_user_id=user).exists()
    answer = await world.tap(user, find_quick(answer, "ยินยอม"))
    assert await Member.filter(line_user_id=user).exists()


async def test_forged_and_foreign_postbacks_are_refused(world: BotWorld) -> None:
    course = await make_course(topics=["ai"])
    await make_session(course.code, capacity=5)
    alice = await onboard(world, "alice")
    bob = await onboard(world, "bob")
    answer = await world.say(alice, "หาหลักสูตร AI")
    register = find_button(answer, "สมัคร")

    forged = await world.act(alice, {"type": "postback", "data": "reg?s=1~zzzzzz~forgedsignature"})
    assert "เริ่มใหม่" in texts_of(forged)
    forged = await world.act(alice, {"type": "postback", "data": "reg_ok?s=1&n=abcd1234"})  # unsigned action
    assert "เริ่มใหม่" in texts_of(forged)
    asked = await world.tap(alice, register)
    confirm = find_quick(asked, "ยืนยัน")
    stolen = await world.tap(bob, confirm)  # alice's confirmation replayed in bob's chat
    assert "เริ่มใหม่" in texts_of(stolen)
    assert await Registration.all().count() == 0
    # the register button only asks (it is plain navigation, the same in every chat); bob answers for himself
    assert "ยืนยันการสมัคร" in texts_of(await world.tap(bob, register))
    assert await Registration.all().count() == 0
    assert world.rejected_calls() == []


async def test_signed_postback_whose_parameters_do_not_parse_is_answered_politely(world: BotWorld) -> None:
    course = await make_course(topics=["ai"])
    await make_session(course.code, capacity=5)
    user = await onboard(world, "pim")
    for data in (_pb(world, user, "reg", s="first"), _pb(world, user, "reg"), _pb(world, user, "cancel", r="2x")):
        answer = await world.tap(user, {"type": "postback", "data": data})
        assert "เริ่มใหม่" in texts_of(answer)
        assert find_quick(answer, "ค้นหาหลักสูตร")  # and the way on
    assert await Registration.all().count() == 0
    assert world.rejected_calls() == []


async def test_waitlist_and_promotion_push(world: BotWorld) -> None:
    course = await make_course(title_th="วิเคราะห์ข้อมูลด้วย Power BI", topics=["data"])
    session = await make_session(course.code, capacity=1)
    first = await onboard(world, "first")
    second = await onboard(world, "second")

    for user in (first, second):
        answer = await world.tap(user, {"type": "postback", "data": _pb(world, user, "reg", s=session.id)})
        answer = await world.tap(user, find_quick(answer, "ยืนยัน"))
    assert "สำรอง" in texts_of(answer) and "ลำดับที่ 1" in texts_of(answer)

    answer = await world.say(first, "หลักสูตรของฉัน")
    answer = await world.tap(first, find_button(answer, "ยกเลิกการสมัคร"))
    before = world.emulator.last_chat_id(second)
    answer = await world.tap(first, find_quick(answer, "ยืนยัน"))
    assert "ยกเลิกการสมัคร" in texts_of(answer)
    pushed = [entry["message"] for entry in await world.emulator.wait_for_messages(second, before)]
    assert "มีที่ว่างแล้ว" in texts_of(pushed)
    push_calls = world.emulator.calls_to("pushMessage")
    assert any(c.headers.get("x-line-retry-key") for c in push_calls)
    assert await Registration.filter(session_id=session.id, status="registered").count() == 1
    assert world.rejected_calls() == []


async def test_full_past_and_already_registered_messages(world: BotWorld) -> None:
    course = await make_course()
    open_session = await make_session(course.code, capacity=3)
    past = await make_session(course.code, start_date=TODAY - dt.timedelta(days=3),
                              end_date=TODAY - dt.timedelta(days=2))
    user = await onboard(world, "carol")
    answer = await world.tap(user, {"type": "postback", "data": _pb(world, user, "reg", s=past.id)})
    assert "เริ่มอบรมหรือจบไปแล้ว" in texts_of(answer)
    answer = await world.tap(user, {"type": "postback", "data": _pb(world, user, "reg", s=open_session.id)})
    await world.tap(user, find_quick(answer, "ยืนยัน"))
    answer = await world.tap(user, {"type": "postback", "data": _pb(world, user, "reg", s=open_session.id)})
    answer = await world.tap(user, find_quick(answer, "ยืนยัน"))
    assert "ไว้แล้ว" in texts_of(answer)


async def test_data_deletion_tells_what_was_deleted(world: BotWorld) -> None:
    course = await make_course()
    session = await make_session(course.code)
    user = await onboard(world, "dave")
    answer = await world.tap(user, {"type": "postback", "data": _pb(world, user, "reg", s=session.id)})
    await world.tap(user, find_quick(answer, "ยืนยัน"))
    answer = await world.say(user, "ลบข้อมูลของฉัน")
    answer = await world.tap(user, find_quick(answer, "ลบข้อมูลของฉัน"))
    assert "ยืนยันการลบ" in texts_of(answer)
    answer = await world.tap(user, find_quick(answer, "ยืนยันลบข้อมูล"))
    body = texts_of(answer)
    assert "ลบข้อมูลของท่านเรียบร้อยแล้ว" in body and "ยกเลิกการสมัคร" in body
    assert await member_service.get_member_by_line_id(user) is None
    assert not await Member.filter(line_user_id=user).exists()
    assert await Registration.filter(session_id=session.id, status="cancelled").count() == 1
    from backend.services import handover

    assert await handover.recent_messages(line_user_id=user) == []
    answer = await world.say(user, "หาหลักสูตร")
    assert "ความยินยอม" in texts_of(answer)


async def test_handover_stops_auto_replies_until_released(world: BotWorld) -> None:
    from backend.services import handover

    user = await onboard(world, "erin")
    answer = await world.say(user, "ขอคุยกับเจ้าหน้าที่")
    assert "เจ้าหน้าที่" in texts_of(answer)
    assert await handover.is_handed_over(user)
    assert await world.say(user, "สวัสดีค่ะ มีคำถามเรื่องใบประกาศ") == []
    [opened] = await handover.list_open_handovers()
    logged = await handover.recent_messages(line_user_id=user)
    assert any("ใบประกาศ" in m.text for m in logged)
    assert await handover.staff_reply(handover_id=opened.id, staff_user_id=None, text="สวัสดีค่ะ เจ้าหน้าที่ค่ะ",
                                      notifier=world.runtime.notifier, at=world.runtime.clock.utcnow())
    await handover.release_handover(handover_id=opened.id, staff_user_id=None, notifier=world.runtime.notifier,
                                    now=world.runtime.clock.utcnow())
    answer = await world.say(user, "ขอบคุณค่ะ")
    assert answer and "ยินดี" in texts_of(answer)


async def test_events_handled_at_once_ask_once_whether_anyone_is_handed_over(world: BotWorld, monkeypatch: Any
                                                                            ) -> None:
    """Every event checks the handover list; the events handled together when the process's copy is out of
    date wait for one query, and a handover opened here counts at once."""
    from backend.services import handover

    asked = 0
    real = handover._handed_over_users

    async def counted() -> frozenset[str]:
        nonlocal asked
        asked += 1
        return await real()

    monkeypatch.setattr(handover, "_handed_over_users", counted)
    handover.forget_open_handovers()
    user = await onboard(world, "hana")
    asked = 0
    handover.forget_open_handovers()
    answers = await asyncio.gather(*(handover.is_handed_over(f"U{n:032x}") for n in range(50)),
                                   handover.is_handed_over(user))
    assert not any(answers) and asked == 1
    await handover.open_handover(line_user_id=user, reason="ขอคุยกับเจ้าหน้าที่")
    assert await handover.is_handed_over(user)


async def test_unfollow_marks_member_inactive(world: BotWorld) -> None:
    user = await onboard(world, "frank")
    await world.act(user, {"type": "unfollow"})
    member = await Member.get(line_user_id=user)
    assert member.active is False

    # back again: pushes resume, and a member who consented before is not asked again
    answer = await world.act(user, {"type": "follow", "isUnblocked": True})
    await member.refresh_from_db()
    assert member.active is True
    assert "ยินยอม" not in str(answer)
    assert world.rejected_calls() == []


async def test_stickers_images_locations_get_answers(world: BotWorld) -> None:
    user = await onboard(world, "gina")
    for action in ({"type": "sticker"}, {"type": "image"}, {"type": "location"}):
        answer = await world.act(user, action)
        assert answer, action
    assert world.rejected_calls() == []


async def test_low_confidence_asks_instead_of_acting(world: BotWorld) -> None:
    user = await onboard(world, "hana")
    answer = await world.say(user, "รุ่น 2")  # session 2 of what: details, or a registration?
    body = texts_of(answer)
    assert "ไม่แน่ใจ" in body or body.startswith("ท่านต้องการ")
    assert len(quick_actions(answer[-1])) >= 2  # choices to tap, not an action taken
    assert await Registration.all().count() == 0


def _pb(world: BotWorld, user: str, action: str, **params: object) -> str:
    from bot.postback import encode_postback

    return encode_postback(action, user_id=user, secret=world.settings.secret_key,
                           now=world.runtime.clock.timestamp(), **params)


async def test_search_pages_with_more_and_suggests_when_nothing_matches(world: BotWorld) -> None:
    for i in range(13):
        course = await make_course(title_th=f"คลาวด์ภาครัฐ ระดับ {i + 1}", topics=["cloud"])
        await make_session(course.code)
    user = await onboard(world, "olga")
    answer = await world.say(user, "หาหลักสูตรคลาวด์")
    carousel = next(m for m in answer if m["type"] == "flex")["contents"]["contents"]
    assert len(carousel) == 12 and "ดูเพิ่มเติม" in str(carousel[-1])
    answer = await world.tap(user, find_button(answer, "ดูเพิ่มเติม"))
    page_two = next(m for m in answer if m["type"] == "flex")["contents"]["contents"]
    assert len(page_two) == 2
    answer = await world.say(user, "หาหลักสูตรความปลอดภัยไซเบอร์ที่เชียงราย")
    assert "ยังไม่พบหลักสูตร" in texts_of(answer)
    assert world.rejected_calls() == []


async def test_profile_update_changes_target_group(world: BotWorld) -> None:
    user = await onboard(world, "pete")
    answer = await world.say(user, "แก้ไขโปรไฟล์")
    answer = await world.tap(user, find_quick(answer, "กลุ่มเป้าหมาย"))
    answer = await world.tap(user, find_quick(answer, "ผู้บริหารระดับสูง"))
    assert "อัปเดต" in texts_of(answer)
    assert (await Member.get(line_user_id=user)).target_group_id == "executive"


async def test_clarifying_choice_runs_the_original_message(world: BotWorld, monkeypatch: Any) -> None:
    import dataclasses

    import nlu

    user = await onboard(world, "quinn")
    original = nlu.parse
    # Make the NLU unsure about this one message, whatever the model says today.
    unsure = dataclasses.replace(original("หาหลักสูตร AI"), intent="search_courses", confidence=0.3,
                                 ranking=(("search_courses", 0.3), ("register", 0.25), ("help", 0.2)))
    monkeypatch.setattr(nlu, "parse", lambda text, today=None: unsure if text == "อืม AI" else original(text, today=today))
    answer = await world.say(user, "อืม AI")
    assert "ไม่แน่ใจ" in texts_of(answer)
    assert await Registration.all().count() == 0
    answer = await world.tap(user, find_quick(answer, "ค้นหาหลักสูตร"))
    assert any(m["type"] == "flex" for m in answer) or "ยังไม่พบหลักสูตร" in texts_of(answer)


async def test_slow_answer_shows_the_loading_animation(world: BotWorld, monkeypatch: Any) -> None:
    import asyncio

    from bot.handlers import search

    user = await onboard(world, "rita")
    real_search = search.catalogue.search_courses

    async def slow_search(**kwargs: Any) -> Any:
        await asyncio.sleep(1.0)
        return await real_search(**kwargs)

    monkeypatch.setattr(search.catalogue, "search_courses", slow_search)
    before = len(world.emulator.calls_to("showLoadingAnimation"))  # (onboarding on a busy machine may show one)
    await world.say(user, "หาหลักสูตร AI")
    [call] = world.emulator.calls_to("showLoadingAnimation")[before:]
    assert call.body["chatId"] == user
    await world.say(user, "สวัสดีค่ะ")
    assert len(world.emulator.calls_to("showLoadingAnimation")) == before + 1  # quick answers show none


async def test_register_by_session_number_after_viewing_a_course(world: BotWorld) -> None:
    course = await make_course(title_th="การบริหารโครงการดิจิทัล", topics=["project_management"])
    await make_session(course.code, capacity=10)
    second = await make_session(course.code, start_date=TODAY + dt.timedelta(days=40),
                                end_date=TODAY + dt.timedelta(days=41), capacity=10)
    user = await onboard(world, "sara")
    await world.tap(user, {"type": "postback", "data": _pb(world, user, "course", c=course.code)})
    answer = await world.say(user, "สมัครรุ่นที่ 2")
    assert "รุ่นที่ 2" in texts_of(answer) and "ยืนยัน" in texts_of(answer)
    await world.tap(user, find_quick(answer, "ยืนยัน"))
    assert await Registration.filter(session_id=second.id, status="registered").exists()


async def test_two_close_intents_ask_one_question_with_two_choices(world: BotWorld, monkeypatch: Any) -> None:
    import dataclasses

    import nlu

    course = await make_course(title_th="คลาวด์ภาครัฐสำหรับผู้ปฏิบัติงาน", topics=["cloud"])
    await make_session(course.code, capacity=10)
    user = await onboard(world, "uma")
    original = nlu.parse
    # The NLU hesitates between register and search_courses on this message, whatever the model says today.
    close = dataclasses.replace(original("เอาคอร์สคลาวด์"), intent="register", confidence=0.48,
                                ranking=[("register", 0.48), ("search_courses", 0.45), ("help", 0.02)],
                                clarify=("register", "search_courses"))
    monkeypatch.setattr(nlu, "parse", lambda text, today=None: close if text == "เอาคอร์สคลาวด์"
                        else original(text, today=today))

    answer = await world.say(user, "เอาคอร์สคลาวด์")
    [question] = answer
    assert question["text"] == "ท่านต้องการสมัครอบรม หรือค้นหาหลักสูตรคะ"
    assert [item["action"]["label"] for item in question["quickReply"]["items"]] == ["สมัครอบรม", "ค้นหาหลักสูตร"]
    assert await Registration.all().count() == 0  # nothing was done on a guess

    answer = await world.tap(user, find_quick(answer, "ค้นหาหลักสูตร"))
    assert "คลาวด์ภาครัฐสำหรับผู้ปฏิบัติงาน" in str(answer)  # the search ran on the original message

    # The other chip runs the register handler on the same message: a topic, so it lists what to pick.
    answer = await world.say(user, "เอาคอร์สคลาวด์")
    answer = await world.tap(user, find_quick(answer, "สมัครอบรม"))
    assert "คลาวด์ภาครัฐสำหรับผู้ปฏิบัติงาน" in str(answer)
    assert await Registration.all().count() == 0
    assert world.rejected_calls() == []
