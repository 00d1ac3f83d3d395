"""A member asks in the chat for a copy of their data: a signed one-hour link to their JSON export."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from backend.models import Member
from backend.services.data_export_links import make_token
from tests.backend.factories import make_course, make_session
from tests.bot.conftest import BotWorld, find_button, find_quick, texts_of
from tests.bot.test_conversations import _pb, onboard


def _link(answer: list[dict[str, Any]]) -> str:
    button = find_button(answer, "ดาวน์โหลดข้อมูลของฉัน")
    assert button["type"] == "uri"
    return str(button["uri"])


async def _get(world: BotWorld, url: str) -> httpx.Response:
    parts = urlsplit(url)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=world.app), base_url="http://testserver") as c:
        return await c.get(f"{parts.path}?{parts.query}")


async def test_member_gets_a_link_to_their_own_data(world: BotWorld) -> None:
    course = await make_course()
    session = await make_session(course.code)
    user = await onboard(world, "porn")
    answer = await world.tap(user, {"type": "postback", "data": _pb(world, user, "reg", s=session.id)})
    await world.tap(user, find_quick(answer, "ยืนยัน"))

    answer = await world.say(user, "ลบข้อมูลของฉัน")
    assert {"ขอสำเนาข้อมูล", "ลบข้อมูลของฉัน", "ยกเลิก"} <= {
        q["action"]["label"] for m in answer for q in (m.get("quickReply") or {}).get("items", [])}
    answer = await world.tap(user, find_quick(answer, "ขอสำเนาข้อมูล"))
    assert "1 ชั่วโมง" in texts_of(answer) or "1 ชั่วโมง" in str(answer)
    url = _link(answer)
    assert url.startswith(world.settings.public_base_url.rstrip("/") + "/me/data?token=")

    response = await _get(world, url)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="my-data.json"'
    data = response.json()
    member = await Member.get(line_user_id=user)
    assert data["member"]["id"] == member.id and data["member"]["line_user_id"] == user
    assert data["member"]["target_group"] == member.target_group_id
    assert [r["session_id"] for r in data["registrations"]] == [session.id]
    assert await Member.filter(id=member.id, deleted_at__isnull=True).exists()  # a copy deletes nothing


async def test_free_text_requests_for_a_copy_are_understood(world: BotWorld) -> None:
    user = await onboard(world, "mali")
    for message in ("ขอสำเนาข้อมูลของฉัน", "ขอดูข้อมูลส่วนตัวที่เก็บไว้"):
        answer = await world.say(user, message)
        assert "/me/data?token=" in _link(answer), message


async def test_menu_cancel_keeps_everything(world: BotWorld) -> None:
    user = await onboard(world, "chai")
    answer = await world.say(user, "ลบข้อมูลของฉัน")
    answer = await world.tap(user, find_quick(answer, "ยกเลิก"))
    assert "ยังอยู่ครบ" in texts_of(answer)
    assert await Member.filter(line_user_id=user, deleted_at__isnull=True).exists()


async def test_forged_expired_and_stale_links_are_refused(world: BotWorld) -> None:
    user = await onboard(world, "nok")
    url = _link(await world.say(user, "ขอสำเนาข้อมูลของฉัน"))
    token = parse_qs(urlsplit(url).query)["token"][0]
    member = await Member.get(line_user_id=user)

    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    refused = await _get(world, f"/me/data?token={forged}")
    assert refused.status_code == 403 and "ไม่ถูกต้อง" in refused.json()["detail"]
    other_secret = make_token("not-the-server-secret", member.id, issued_at=world.runtime.clock.timestamp())
    assert (await _get(world, f"/me/data?token={other_secret}")).status_code == 403
    assert (await _get(world, "/me/data")).status_code == 403

    old = make_token(world.settings.secret_key, member.id, issued_at=world.runtime.clock.timestamp() - 2 * 3600)
    expired = await _get(world, f"/me/data?token={old}")
    assert expired.status_code == 403 and "หมดอายุ" in expired.json()["detail"]

    # Another member's link shows only that member's data, never this one's.
    other = await onboard(world, "kai")
    other_url = _link(await world.say(other, "ขอสำเนาข้อมูลของฉัน"))
    assert other_url != url
    other_data = (await _get(world, other_url)).json()
    assert other_data["member"]["line_user_id"] == other and user not in str(other_data)

    # Deleted meanwhile: the link no longer finds anything.
    answer = await world.say(user, "ลบข้อมูลของฉัน")
    answer = await world.tap(user, find_quick(answer, "ลบข้อมูลของฉัน"))
    await world.tap(user, find_quick(answer, "ยืนยันลบข้อมูล"))
    gone = await _get(world, url)
    assert gone.status_code == 404 and "ไม่พบข้อมูล" in gone.json()["detail"]
