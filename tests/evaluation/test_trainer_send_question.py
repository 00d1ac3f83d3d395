"""A trainer's "send the satisfaction survey to this session?" in LINE, on each branch: sent, declined, tapped
again after sending, and tapped on a button past its expiry."""

from __future__ import annotations

from typing import Any

from backend.models import SurveyDispatch
from bot.render import survey_texts, texts
from tests.bot.confirming import aged, assert_follows_style
from tests.bot.conftest import find_quick, texts_of
from tests.evaluation.conftest import LineWorld, World, link_trainer_to_line


async def _asked(line_world: LineWorld, world: World) -> tuple[str, list[dict[str, Any]]]:
    """The linked trainer picked session 1: the question with its two chips."""
    trainer_line = await link_trainer_to_line(line_world, world)
    menu = await line_world.act(trainer_line, {"type": "text", "text": "ส่งแบบประเมิน"})
    assert texts_of(menu) == survey_texts.TRAINER_MENU
    assert_follows_style(menu)
    question = await line_world.tap(trainer_line, find_quick(menu, "รุ่น 1 การวิเคราะห์ข้อมูล…"))
    assert texts_of(question).startswith("ยืนยันส่งแบบประเมินความพึงพอใจ") and texts_of(question).endswith("ใช่ไหมคะ")
    assert_follows_style(question)
    return trainer_line, question


async def _dispatches(world: World) -> int:
    return await SurveyDispatch.filter(session_id=world.session.id).count()


async def test_send_confirmed_then_tapped_again(line_world: LineWorld, chat_world: World) -> None:
    trainer, question = await _asked(line_world, chat_world)
    answer = await line_world.tap(trainer, find_quick(question, "ส่งแบบประเมิน"))
    assert texts_of(answer).startswith("ส่งแบบประเมินถึงผู้เข้าอบรม 1 คนแล้ว ปิดรับคำตอบ 9 ธ.ค. 2569")
    assert_follows_style(answer)
    again = await line_world.tap(trainer, find_quick(question, "ส่งแบบประเมิน"))
    assert texts_of(again) == "แบบประเมินนี้ส่งถึงรุ่นนี้แล้วและยังเปิดรับคำตอบอยู่ค่ะ"
    assert await _dispatches(chat_world) == 1


async def test_send_declined_sends_nothing_and_says_so(line_world: LineWorld, chat_world: World) -> None:
    trainer, question = await _asked(line_world, chat_world)
    answer = await line_world.tap(trainer, find_quick(question, "ยกเลิก"))
    assert texts_of(answer) == survey_texts.TRAINER_NOT_SENT
    assert_follows_style(answer)
    assert await _dispatches(chat_world) == 0


async def test_send_button_past_its_expiry_sends_nothing(line_world: LineWorld, chat_world: World) -> None:
    trainer, question = await _asked(line_world, chat_world)
    answer = await line_world.tap(trainer, aged(line_world, trainer, find_quick(question, "ส่งแบบประเมิน")))
    assert texts_of(answer) == texts.START_AGAIN
    assert await _dispatches(chat_world) == 0
