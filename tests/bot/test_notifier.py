"""The LINE channel keeps the backend's ports: the notifier and the LINE client offer exactly the port's methods
and keyword arguments, and what the notifier pushes reaches the member once per retry key, with a chat button
signed for that member."""

from __future__ import annotations

import datetime as dt
import inspect
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from backend.ports import MemberNotifier, Multicaster
from bot.line_client import LineClient
from bot.notifier import LineNotifier
from bot.postback import decode_postback
from line_emulator import EmulatorConfig, make_user_id, run_emulator
from tests.bot.conftest import flex_buttons
from tests.clock import ticking_clock

PORT_METHODS = sorted(name for name, value in vars(MemberNotifier).items()
                      if inspect.iscoroutinefunction(value))


def _parameters(function: Any) -> list[tuple[str, Any]]:
    return [(p.name, p.kind) for p in inspect.signature(function).parameters.values()]


def test_the_port_has_what_the_backend_tells_members() -> None:
    assert PORT_METHODS == ["certificate_ready", "handover_released", "nominated", "official_name_needed",
                            "staff_reply", "survey_invited", "survey_reminder", "waitlist_promoted"]


@pytest.mark.parametrize("name", PORT_METHODS)
def test_line_notifier_offers_the_ports_method(name: str) -> None:
    implementation = getattr(LineNotifier, name)
    assert inspect.iscoroutinefunction(implementation)
    assert _parameters(implementation) == _parameters(getattr(MemberNotifier, name))


def test_line_client_is_the_multicaster() -> None:
    assert inspect.iscoroutinefunction(LineClient.multicast_once)
    assert _parameters(LineClient.multicast_once) == _parameters(Multicaster.multicast_once)


@pytest.fixture
async def emulated(test_settings: Any) -> AsyncIterator[tuple[Any, LineNotifier]]:
    config = EmulatorConfig(channel_access_token=test_settings.line_channel_access_token)
    async with run_emulator(config) as (base_url, emulator):
        clock = ticking_clock()
        line = LineClient(base_url=base_url, access_token=test_settings.line_channel_access_token, clock=clock)
        try:
            yield emulator, LineNotifier(line, settings=test_settings, clock=clock)
        finally:
            await line.close()


async def test_survey_invitation_is_pushed_once_per_retry_key_with_a_signed_chat_button(
    emulated: tuple[Any, LineNotifier], test_settings: Any
) -> None:
    emulator, notifier = emulated
    member = make_user_id("notified")
    emulator.add_user(member, "ผู้ทดสอบ", following=True)
    key = str(uuid.uuid4())
    invitation = dict(line_user_id=member, dispatch_id=7, title_th="แบบประเมินความพึงพอใจ",
                      course_title="ปัญญาประดิษฐ์", deadline=dt.datetime(2026, 12, 9, 5, tzinfo=dt.UTC),
                      form_url="http://testserver/survey/form?t=abc", retry_key=key)

    first = await notifier.survey_invited(**invitation)
    again = await notifier.survey_invited(**invitation)  # a job run twice

    assert (first.outcome, first.delivered) == ("ok", True)
    assert (again.outcome, again.delivered) == ("duplicate", True)
    [push] = emulator.calls_to("pushMessage")
    assert push.headers["x-line-retry-key"] == key
    web, chat = flex_buttons(push.body["messages"][0])
    assert web["uri"] == "http://testserver/survey/form?t=abc"
    postback = decode_postback(chat["data"], member, secret=test_settings.secret_key,
                               now=notifier.clock.timestamp())
    assert postback is not None and (postback.action, postback.params) == ("sv_start", {"d": "7"})
    assert decode_postback(chat["data"], make_user_id("someone else"), secret=test_settings.secret_key,
                           now=notifier.clock.timestamp()) is None


async def test_asking_for_the_official_name_carries_a_signed_button(
    emulated: tuple[Any, LineNotifier], test_settings: Any
) -> None:
    emulator, notifier = emulated
    member = make_user_id("passed")
    emulator.add_user(member, "ผู้ทดสอบ", following=True)
    result = await notifier.official_name_needed(line_user_id=member, course_title="ปัญญาประดิษฐ์",
                                                 retry_key=str(uuid.uuid4()))
    assert result.delivered
    [push] = emulator.calls_to("pushMessage")
    message = push.body["messages"][0]
    assert "ปัญญาประดิษฐ์" in message["text"] and "วุฒิบัตร" in message["text"]
    [chip] = [item["action"] for item in message["quickReply"]["items"]]
    postback = decode_postback(chip["data"], member, secret=test_settings.secret_key, now=notifier.clock.timestamp())
    assert postback is not None and postback.action == "on_start"


async def test_a_nomination_is_pushed_once_with_signed_accept_and_decline(
    emulated: tuple[Any, LineNotifier], test_settings: Any
) -> None:
    emulator, notifier = emulated
    member = make_user_id("nominated")
    emulator.add_user(member, "ผู้ทดสอบ", following=True)
    key = str(uuid.uuid4())
    question = dict(line_user_id=member, nomination_id=12, agency_name="กรมทดสอบ", course_title="ปัญญาประดิษฐ์",
                    session_no=2, start_date=dt.date(2026, 12, 9), end_date=dt.date(2026, 12, 10), place="ออนไลน์",
                    full=False, retry_key=key)
    assert (await notifier.nominated(**question)).outcome == "ok"
    assert (await notifier.nominated(**question)).outcome == "duplicate"
    [push] = emulator.calls_to("pushMessage")
    message = push.body["messages"][0]
    assert "กรมทดสอบ" in message["text"] and "9–10 ธ.ค. 2569" in message["text"]
    accept, decline = [item["action"] for item in message["quickReply"]["items"]]
    decoded = [decode_postback(chip["data"], member, secret=test_settings.secret_key, now=notifier.clock.timestamp())
               for chip in (accept, decline)]
    assert [(p.action, p.params) for p in decoded if p] == [("nom_yes", {"n": "12"}), ("nom_no", {"n": "12"})]
