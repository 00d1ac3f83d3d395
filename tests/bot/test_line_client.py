"""LineClient against the emulator: reply or push, retry keys, backoff on 5xx/timeouts/429, no retry on 4xx."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.line_client import LineClient, RetryPolicy
from line_emulator import EmulatorConfig, FaultConfig, make_user_id, run_emulator
from tests.clock import CLOCK

USER = make_user_id("client-test")
HELLO = [{"type": "text", "text": "สวัสดีค่ะ"}]


@pytest.fixture
async def emulated() -> AsyncIterator[tuple[LineClient, Any]]:
    config = EmulatorConfig(channel_access_token="tok", users=[])
    async with run_emulator(config) as (base_url, emulator):
        emulator.add_user(USER, "ทดสอบ")
        slept: list[float] = []

        async def fake_sleep(seconds: float) -> None:
            slept.append(seconds)

        client = LineClient(base_url=base_url, access_token="tok", clock=CLOCK,
                            policy=RetryPolicy(request_timeout=10), sleep=fake_sleep)
        client.slept = slept  # type: ignore[attr-defined]
        try:
            yield client, emulator
        finally:
            await client.close()


async def test_fresh_token_replies_and_used_token_falls_back_to_push(emulated: tuple[LineClient, Any]) -> None:
    client, emulator = emulated
    token = emulator.issue_reply_token(USER)
    first = await client.reply_or_push(user_id=USER, reply_token=token, messages=HELLO, received_at=CLOCK.timestamp())
    assert first.via == "reply" and first.delivered
    again = await client.reply_or_push(user_id=USER, reply_token=token, messages=HELLO, received_at=CLOCK.timestamp())
    assert again.via == "push" and again.delivered
    stale = emulator.issue_reply_token(USER)
    old = await client.reply_or_push(user_id=USER, reply_token=stale, messages=HELLO, received_at=CLOCK.timestamp() - 51)
    assert old.via == "push"
    assert len(emulator.calls_to("replyMessage")) == 1
    assert len(emulator.bot_messages(USER)) == 3


async def test_push_retries_5xx_with_the_same_retry_key(emulated: tuple[LineClient, Any]) -> None:
    client, emulator = emulated
    emulator.update_config({"faults": {"error_rate": 1.0, "operations": ["pushMessage"]}})
    failed = await client.push(user_id=USER, messages=HELLO, max_attempts=3)
    assert failed.outcome == "retryable" and failed.attempts == 3
    keys = {c.headers.get("x-line-retry-key") for c in emulator.calls_to("pushMessage", accepted_only=False)}
    assert len(keys) == 1 and None not in keys
    assert len(client.slept) == 2  # type: ignore[attr-defined]
    emulator.update_config({"faults": FaultConfig().model_dump()})
    ok = await client.push(user_id=USER, messages=HELLO, retry_key=keys.pop())
    assert ok.delivered


async def test_retry_after_timeout_is_accepted_once(emulated: tuple[LineClient, Any]) -> None:
    client, emulator = emulated
    client.policy.request_timeout = 0.5
    emulator.update_config({"faults": {"timeout_rate": 1.0, "timeout_seconds": 5, "operations": ["pushMessage"]}})
    key = "6f0b5b0e-0c6a-4a53-9a7e-1b0b9d4d2c11"
    first = await client.push(user_id=USER, messages=HELLO, retry_key=key, max_attempts=1)
    assert first.outcome == "retryable"
    emulator.update_config({"faults": FaultConfig().model_dump()})
    client.policy.request_timeout = 10
    second = await client.push(user_id=USER, messages=HELLO, retry_key=key)
    assert second.outcome == "duplicate" and second.delivered
    assert len(emulator.bot_messages(USER)) == 1  # delivered once


async def test_4xx_is_not_retried(emulated: tuple[LineClient, Any]) -> None:
    client, emulator = emulated
    result = await client.push(user_id=USER, messages=[{"type": "text", "text": "ก" * 5001}])
    assert result.outcome == "rejected" and result.status == 400 and result.attempts == 1


async def test_429_backs_off_then_succeeds(emulated: tuple[LineClient, Any]) -> None:
    client, emulator = emulated
    emulator.update_config({"rate_limits": {"multicast": {"requests": 1, "per_seconds": 3600}}})
    first = await client.multicast_once(user_ids=[USER], messages=HELLO, retry_key="1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed")
    assert first.outcome == "ok"
    limited = await client.multicast_once(user_ids=[USER], messages=HELLO,
                                          retry_key="2b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed")
    assert limited.outcome == "rate_limited" and limited.status == 429
    retried = await client.multicast(user_ids=[USER], messages=HELLO, max_attempts=2)
    assert retried.outcome == "rate_limited" and len(client.slept) == 1  # type: ignore[attr-defined]


async def test_loading_animation(emulated: tuple[LineClient, Any]) -> None:
    client, emulator = emulated
    await client.show_loading(USER, 7)
    [call] = emulator.calls_to("showLoadingAnimation")
    assert call.body == {"chatId": USER, "loadingSeconds": 5}
