"""The survey form as a LIFF app: the answers count only for the LINE user the link was sent to.

A survey link lets whoever holds it answer. Opened inside LINE (LIFF), the form sends LINE's ID token with the
answers; LINE Login (the emulator's POST /oauth2/v2.1/verify) says whose it is, and a forwarded link cannot
answer for the member it was sent to. With SURVEY_REQUIRES_LINE_LOGIN the link alone is not enough.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from backend.clock import FrozenClock
from backend.models import SurveyResponse
from bot.line_login import LineLoginIdentity
from line_emulator import make_user_id
from tests.evaluation.conftest import LineWorld, World, make_world, open_line_world
from tests.evaluation.test_official_names import L1_ANSWERS, _l1_for

LIFF_ID = "2001234567-AbCdEfGh"
LOGIN_CHANNEL = "2001234567"
ANSWERS = {k: str(v) for k, v in L1_ANSWERS.items()}


async def _worlds(line_world: LineWorld) -> World:
    world = await make_world(line_world.clock.utcnow())
    for member in world.members.values():
        line_world.emulator.add_user(str(member.line_user_id), member.display_name, following=True)
    return world


@pytest.fixture
async def liff_world(db: None, redis: Any, test_settings: Any, clock: FrozenClock) -> AsyncIterator[LineWorld]:
    async with open_line_world(test_settings, clock, liff_id=LIFF_ID, line_login_channel_id=LOGIN_CHANNEL) as w:
        yield w


@pytest.fixture
async def strict_world(db: None, redis: Any, test_settings: Any, clock: FrozenClock) -> AsyncIterator[LineWorld]:
    async with open_line_world(test_settings, clock, liff_id=LIFF_ID, line_login_channel_id=LOGIN_CHANNEL,
                               survey_requires_line_login=True) as w:
        yield w


async def _form_link(line_world: LineWorld, world: World, name: str) -> str:
    """The invitation's link as LINE opens it: https://liff.line.me/<LIFF_ID>/<rest> loads the LIFF app's
    endpoint URL (PUBLIC_BASE_URL) + <rest>."""
    invite = (await line_world.pushed(world.user(name)))[0]
    bubble = invite["messages"][0]["contents"]
    uri = next(c["action"]["uri"] for c in bubble["footer"]["contents"] if c["action"]["type"] == "uri")
    prefix = f"https://liff.line.me/{LIFF_ID}"
    assert uri.startswith(prefix + "/survey/")
    return uri.removeprefix(prefix)


async def _id_token(line_world: LineWorld, user_id: str, channel_id: str = LOGIN_CHANNEL) -> str:
    async with httpx.AsyncClient(base_url=line_world.base_url) as emulator:
        r = await emulator.post(f"/_emulator/users/{user_id}/id-token", json={"channelId": channel_id})
    r.raise_for_status()
    return str(r.json()["idToken"])


async def _saved(dispatch_id: int, member_id: int) -> SurveyResponse | None:
    return await SurveyResponse.get_or_none(dispatch_id=dispatch_id, member_id=member_id)


async def test_the_invitation_opens_the_liff_app_and_the_form_carries_lines_sdk(liff_world: LineWorld) -> None:
    world = await _worlds(liff_world)
    await _l1_for(liff_world, world, "anong")
    page = await liff_world.client.get(await _form_link(liff_world, world, "anong"))
    assert page.status_code == 200
    assert f'data-liff-id="{LIFF_ID}"' in page.text and 'name="id_token"' in page.text
    assert '<script src="https://static.line-scdn.net/liff/edge/2/sdk.js"' in page.text
    assert "script-src 'self' https://static.line-scdn.net;" in page.headers["content-security-policy"]
    script = await liff_world.client.get("/survey/assets/liff-form.js")
    assert script.status_code == 200 and "getIDToken" in script.text


async def test_the_members_own_line_token_saves_the_answers_as_theirs(liff_world: LineWorld) -> None:
    world = await _worlds(liff_world)
    dispatch_id = await _l1_for(liff_world, world, "anong")
    link = await _form_link(liff_world, world, "anong")
    token = await _id_token(liff_world, world.user("anong"))

    r = await liff_world.client.post(link, data={**ANSWERS, "id_token": token})
    assert r.status_code == 200 and "ขอบคุณค่ะ" in r.text
    saved = await _saved(dispatch_id, world.members["anong"].id)
    assert saved is not None and saved.channel == "liff"


async def test_a_forwarded_link_cannot_answer_for_the_member(liff_world: LineWorld) -> None:
    world = await _worlds(liff_world)
    dispatch_id = await _l1_for(liff_world, world, "anong")
    link = await _form_link(liff_world, world, "anong")
    stranger = make_user_id("someone-else")
    liff_world.emulator.add_user(stranger, "คนอื่น", following=True)

    r = await liff_world.client.post(link, data={**ANSWERS, "id_token": await _id_token(liff_world, stranger)})
    assert r.status_code == 403 and "ลิงก์นี้ไม่ใช่ของท่าน" in r.text
    assert await _saved(dispatch_id, world.members["anong"].id) is None


@pytest.mark.parametrize("token", ["eyJforged", "x" * 5000, "wrong-channel"])
async def test_a_token_line_does_not_vouch_for_is_refused(liff_world: LineWorld, token: str) -> None:
    world = await _worlds(liff_world)
    dispatch_id = await _l1_for(liff_world, world, "anong")
    link = await _form_link(liff_world, world, "anong")
    if token == "wrong-channel":  # issued to another LINE Login channel's app
        token = await _id_token(liff_world, world.user("anong"), channel_id="1999999999")

    r = await liff_world.client.post(link, data={**ANSWERS, "id_token": token})
    assert r.status_code == 403 and "กรุณาเปิดแบบประเมินจากลิงก์ในแชต LINE" in r.text
    assert await _saved(dispatch_id, world.members["anong"].id) is None


async def test_an_expired_token_is_refused(liff_world: LineWorld) -> None:
    world = await _worlds(liff_world)
    dispatch_id = await _l1_for(liff_world, world, "anong")
    link = await _form_link(liff_world, world, "anong")
    token = await _id_token(liff_world, world.user("anong"))
    liff_world.emulator.advance_time(3601)

    r = await liff_world.client.post(link, data={**ANSWERS, "id_token": token})
    assert r.status_code == 403
    assert await _saved(dispatch_id, world.members["anong"].id) is None


async def test_without_a_token_the_link_still_works_unless_line_login_is_required(liff_world: LineWorld) -> None:
    world = await _worlds(liff_world)
    dispatch_id = await _l1_for(liff_world, world, "anong")
    r = await liff_world.client.post(await _form_link(liff_world, world, "anong"), data=ANSWERS)
    assert r.status_code == 200
    saved = await _saved(dispatch_id, world.members["anong"].id)
    assert saved is not None and saved.channel == "web"


async def test_required_line_login_refuses_the_link_alone(strict_world: LineWorld) -> None:
    world = await _worlds(strict_world)
    dispatch_id = await _l1_for(strict_world, world, "anong")
    link = await _form_link(strict_world, world, "anong")

    alone = await strict_world.client.post(link, data=ANSWERS)
    assert alone.status_code == 403 and "กรุณาเปิดแบบประเมินจากลิงก์ในแชต LINE" in alone.text
    assert await _saved(dispatch_id, world.members["anong"].id) is None

    token = await _id_token(strict_world, world.user("anong"))
    assert (await strict_world.client.post(link, data={**ANSWERS, "id_token": token})).status_code == 200
    assert await _saved(dispatch_id, world.members["anong"].id) is not None


async def test_line_login_down_asks_to_try_again_and_saves_nothing(liff_world: LineWorld) -> None:
    world = await _worlds(liff_world)
    dispatch_id = await _l1_for(liff_world, world, "anong")
    link = await _form_link(liff_world, world, "anong")
    token = await _id_token(liff_world, world.user("anong"))
    down = LineLoginIdentity(api_base_url="http://127.0.0.1:9", channel_id=LOGIN_CHANNEL)  # nothing listens
    liff_world.runtime.identity, before = down, liff_world.runtime.identity

    r = await liff_world.client.post(link, data={**ANSWERS, "id_token": token})
    assert r.status_code == 503 and "กรุณาส่งคำตอบอีกครั้ง" in r.text
    assert await _saved(dispatch_id, world.members["anong"].id) is None
    await down.close()
    liff_world.runtime.identity = before
