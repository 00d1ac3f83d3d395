"""POST /line/webhook: signature, size, JSON, verify call, dedupe, redelivery, standby, ordering, rate limit."""

from __future__ import annotations

import json
from typing import Any

import httpx

from line_emulator import build_event, build_webhook_body, sign
from tests.bot.conftest import BotWorld, texts_of
from tests.bot.test_conversations import onboard


def _signed(settings: Any, body: bytes) -> dict[str, str]:
    return {"X-Line-Signature": sign(body, settings.line_channel_secret), "Content-Type": "application/json"}


async def test_signature_size_json_and_verify_call(client: httpx.AsyncClient, test_settings: Any) -> None:
    body = build_webhook_body([], "Ubot")
    assert (await client.post("/line/webhook", content=body, headers=_signed(test_settings, body))).status_code == 200
    missing = await client.post("/line/webhook", content=body)
    assert missing.status_code == 400 and "signature" in missing.json()["detail"].lower()
    forged = await client.post("/line/webhook", content=body, headers={"X-Line-Signature": "Zm9yZ2Vk"})
    assert forged.status_code == 400
    for odd in ("ลายเซ็น".encode(), b"\xff\xfe\x00", "é".encode("latin-1")):  # not ASCII: wrong, not a crash
        refused = await client.post("/line/webhook", content=body, headers=[(b"X-Line-Signature", odd)])
        assert refused.status_code == 400 and "signature" in refused.json()["detail"].lower()
    bad = b"{not json"
    assert (await client.post("/line/webhook", content=bad, headers=_signed(test_settings, bad))).status_code == 400
    big = b'{"events": [], "x": "' + b"a" * (1024 * 1024) + b'"}'
    assert (await client.post("/line/webhook", content=big, headers=_signed(test_settings, big))).status_code == 413


async def test_duplicate_event_is_queued_once(client: httpx.AsyncClient, test_settings: Any, redis: Any) -> None:
    event = build_event("U" + "3" * 32, {"type": "text", "text": "สวัสดี"}, reply_token="r" * 32)
    body = build_webhook_body([event], "Ubot")
    first = await client.post("/line/webhook", content=body, headers=_signed(test_settings, body))
    second = await client.post("/line/webhook", content=body, headers=_signed(test_settings, body))
    assert first.json()["queued"] == 1 and second.json()["queued"] == 0
    assert await redis.llen(f"{test_settings.redis_prefix}line:inbox:{'U' + '3' * 32}") == 1


async def test_forged_signature_through_the_emulator_is_not_processed(world: BotWorld) -> None:
    user = world.user("mallory")
    event = build_event(user, {"type": "text", "text": "ลบข้อมูลของฉัน"}, reply_token="x" * 32)
    attempt = await world.emulator.post_raw_events([event], signature="Zm9yZ2VkIHNpZ25hdHVyZQ==")
    assert attempt.status == 400
    await world.settle(user)
    assert world.emulator.bot_messages(user) == []


async def test_redelivered_event_is_answered_once(world: BotWorld) -> None:
    user = await onboard(world, "ivan")
    after = world.emulator.last_chat_id(user)
    sent = await world.emulator.send(user, {"type": "text", "text": "สวัสดีค่ะ"})
    await world.settle(user)
    await world.emulator.redeliver(sent.webhook_event_id)
    await world.settle(user)
    assert len(world.emulator.bot_messages(user, after)) == 1


async def test_standby_events_are_recorded_not_answered(world: BotWorld) -> None:
    user = await onboard(world, "judy")
    after = world.emulator.last_chat_id(user)
    await world.emulator.send(user, {"type": "text", "text": "สวัสดีค่ะ", "mode": "standby"}, mode="standby")
    await world.settle(user)
    assert world.emulator.bot_messages(user, after) == []


async def test_one_users_events_are_handled_in_order_others_unaffected(world: BotWorld) -> None:
    fast = await onboard(world, "kate")
    other = await onboard(world, "leo")
    after_fast = world.emulator.last_chat_id(fast)
    after_other = world.emulator.last_chat_id(other)
    flood = [(fast, {"type": "text", "text": "ขอบคุณค่ะ" if i % 2 else "สวัสดีค่ะ"}) for i in range(30)]
    await world.emulator.send_batch(flood)
    await world.emulator.send(other, {"type": "text", "text": "สวัสดีค่ะ"})
    await world.settle(fast, wait_seconds=20)
    await world.settle(other)
    answers = world.emulator.bot_messages(fast, after_fast)
    slow_downs = [m for m in answers if "ถี่เกินไป" in m.get("text", "")]
    assert len(slow_downs) == 1
    handled = [m["text"] for m in answers if "ถี่เกินไป" not in m.get("text", "")]
    assert handled and handled[0].startswith("สวัสดี") and handled[1].startswith("ยินดี")  # in order
    assert "สวัสดี" in texts_of(world.emulator.bot_messages(other, after_other))


async def test_webhook_answers_200_with_event_json(world: BotWorld) -> None:
    user = world.user("nina")
    attempt = await world.emulator.post_raw_events([
        build_event(user, {"type": "follow"}, reply_token="y" * 32),
    ])
    assert attempt.status == 200
    await world.settle(user)
    assert "ข้อมูลส่วนบุคคล" in texts_of(world.emulator.bot_messages(user))


async def test_fast_path_answers_the_webhook_ahead_of_the_framework_and_passes_the_rest(
        app: Any, test_settings: Any, redis: Any) -> None:
    from bot.webhook import WebhookFastPath

    served = WebhookFastPath(app)
    assert served.state is app.state  # the app's attributes, as uvicorn and the tests expect
    transport = httpx.ASGITransport(app=served)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        event = build_event("U" + "4" * 32, {"type": "text", "text": "หาหลักสูตร AI"}, reply_token="r" * 32)
        event["timestamp"] = 10 ** 30  # beyond 64 bits: still queued, as sent
        body = json.dumps({"destination": "Ubot", "events": [event]}, ensure_ascii=False).encode()
        answer = await http.post("/line/webhook", content=body, headers=_signed(test_settings, body))
        assert answer.status_code == 200 and answer.json()["queued"] == 1
        [item] = await redis.lrange(f"{test_settings.redis_prefix}line:inbox:{'U' + '4' * 32}", 0, -1)
        assert json.loads(item[1:])["event"]["timestamp"] == 10 ** 30
        forged = await http.post("/line/webhook", content=body, headers={"X-Line-Signature": "Zm9yZ2Vk"})
        assert forged.status_code == 400 and "Signature" in forged.json()["detail"]
        assert (await http.get("/line/webhook")).status_code == 405  # other methods: the framework's answer
        assert (await http.get("/healthz")).status_code == 200


async def test_odd_timestamps_still_get_an_answer(world: BotWorld) -> None:
    """A signed event whose timestamp is huge, negative or not a number is answered like any other."""
    transport = httpx.ASGITransport(app=world.app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        for n, stamp in enumerate([10 ** 400, -5, "yesterday", 1e308, None]):
            user = world.user(f"odd{n}")
            event = build_event(user, {"type": "follow"}, reply_token=f"{n}" * 32)
            event["timestamp"] = stamp
            body = json.dumps({"destination": "Ubot", "events": [event]}).encode()  # any size of integer
            answer = await http.post("/line/webhook", content=body, headers={
                "X-Line-Signature": sign(body, world.settings.line_channel_secret)})
            assert answer.status_code == 200
            await world.settle(user)
            assert "ข้อมูลส่วนบุคคล" in texts_of(world.emulator.bot_messages(user)), stamp
