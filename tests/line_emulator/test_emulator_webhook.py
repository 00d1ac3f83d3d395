"""The emulator plays LINE sending events: signed, parseable by the SDK, redelivered when not acknowledged."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
import yaml
from fastapi import FastAPI, Request, Response
from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.messaging import (
    AsyncApiClient,
    AsyncMessagingApi,
    AsyncMessagingApiBlob,
    Configuration,
    ReplyMessageRequest,
    TextMessage,
)
from linebot.v3.webhooks import (
    FollowEvent,
    ImageMessageContent,
    LocationMessageContent,
    MessageEvent,
    PostbackEvent,
    StickerMessageContent,
    TextMessageContent,
    UnfollowEvent,
)

from line_emulator import (
    Emulator,
    EmulatorClient,
    EmulatorConfig,
    SchemaSet,
    build_event,
    build_webhook_body,
    create_emulator_app,
    make_user_id,
    run_emulator,
    serve_app,
    sign,
)
from line_emulator.config import DEFAULT_SPEC_PATH

SPEC_DIR = DEFAULT_SPEC_PATH.parent
FIXTURES_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "line"
FIXTURES = json.loads((FIXTURES_DIR / "webhook.json").read_text(encoding="utf-8"))
SECRET = "test-channel-secret"
USER = make_user_id("webhook-user")
BOT = make_user_id("emulator-bot")


@pytest.fixture(scope="module")
def webhook_schemas() -> SchemaSet:
    document = yaml.load(Path(SPEC_DIR / "webhook.yml").read_text(encoding="utf-8"),
                         Loader=yaml.CSafeLoader)
    return SchemaSet(document)


ACTIONS = {
    "text": ({"type": "text", "text": "อยากเรียน Python ค่ะ"}, MessageEvent, TextMessageContent),
    "postback": ({"type": "postback", "data": "action=register&session=12", "params": {"date": "2026-12-01"}},
                 PostbackEvent, None),
    "follow": ({"type": "follow"}, FollowEvent, None),
    "unfollow": ({"type": "unfollow"}, UnfollowEvent, None),
    "sticker": ({"type": "sticker", "packageId": "446", "stickerId": "1988"}, MessageEvent, StickerMessageContent),
    "image": ({"type": "image"}, MessageEvent, ImageMessageContent),
    "location": ({"type": "location"}, MessageEvent, LocationMessageContent),
}


def fixture_event(event_type: str, message_type: str | None = None) -> dict:
    for event in FIXTURES["events"]:
        if event["type"] == event_type and (message_type is None or event.get("message", {}).get("type") == message_type):
            return event
    raise LookupError(event_type)


@pytest.mark.parametrize("kind", list(ACTIONS))
def test_built_events_parse_with_the_sdk_like_the_official_samples(kind, webhook_schemas):
    action, event_class, content_class = ACTIONS[kind]
    event = build_event(USER, action)
    body = build_webhook_body([event], BOT)

    [parsed] = WebhookParser(SECRET).parse(body.decode("utf-8"), sign(body, SECRET))
    assert type(parsed) is event_class
    if content_class is not None:
        assert type(parsed.message) is content_class
    assert parsed.source.user_id == USER
    assert parsed.delivery_context.is_redelivery is False

    sample = fixture_event(event["type"], event.get("message", {}).get("type"))
    assert set(sample) <= set(event)  # at least the fields LINE's own sample carries
    assert webhook_schemas.validate("CallbackRequest", json.loads(body)) == []


def test_the_official_samples_pass_our_webhook_validator(webhook_schemas):
    kinds = webhook_schemas.components["Event"]["discriminator"]["mapping"]
    known = [e for e in FIXTURES["events"] if e["type"] in kinds]
    assert len(known) > 20
    for event in known:
        assert webhook_schemas.validate("Event", event) == [], event["type"]


def test_event_ids_look_like_line_ids():
    first, second = build_event(USER, {"type": "text", "text": "a"}), build_event(USER, {"type": "text", "text": "b"})
    assert len(first["webhookEventId"]) == 26 and first["webhookEventId"] != second["webhookEventId"]
    assert first["replyToken"] != second["replyToken"]
    assert first["mode"] == "active" and first["message"]["id"].isdigit()
    assert "replyToken" not in build_event(USER, {"type": "unfollow"})
    standby = build_event(USER, {"type": "text", "text": "a"}, mode="standby")
    assert standby["mode"] == "standby" and "replyToken" not in standby


def test_signature_is_verified_by_the_sdk_and_a_forged_one_is_not():
    body = build_webhook_body([build_event(USER, {"type": "text", "text": "สวัสดี"})], BOT)
    parser = WebhookParser(SECRET)
    parser.parse(body.decode(), sign(body, SECRET))
    with pytest.raises(InvalidSignatureError):
        parser.parse(body.decode(), sign(body, "another-secret"))


class ToyBot:
    """A minimal bot: verifies signatures with the SDK and replies through the emulator."""

    def __init__(self) -> None:
        self.statuses: list[int] = []  # statuses to answer, in order; then 200
        self.received: list[dict] = []
        self.api: AsyncMessagingApi | None = None
        self.app = FastAPI()
        self.app.post("/line/webhook")(self.webhook)

    async def webhook(self, request: Request) -> Response:
        raw = (await request.body()).decode("utf-8")
        try:
            events = WebhookParser(SECRET).parse(raw, request.headers.get("X-Line-Signature", ""))
        except InvalidSignatureError:
            return Response(status_code=400)
        self.received.append(json.loads(raw))
        if self.statuses:
            return Response(status_code=self.statuses.pop(0))
        for event in events:
            if isinstance(event, MessageEvent) and isinstance(event.message, TextMessageContent) and self.api:
                await self.api.reply_message(ReplyMessageRequest(
                    reply_token=event.reply_token, messages=[TextMessage(text=f"ได้รับ: {event.message.text} ค่ะ")]))
        return Response(status_code=200)


def world_config(bot_url: str) -> EmulatorConfig:
    return EmulatorConfig(channel_secret=SECRET, webhook_url=f"{bot_url}/line/webhook",
                          webhook_retry_delays_seconds=[0.01, 0.01, 0.01])


@pytest.fixture(scope="module")
async def running_world():
    bot = ToyBot()
    async with serve_app(bot.app) as bot_url, run_emulator(world_config(bot_url)) as (base_url, emulator):
        configuration = Configuration(host=base_url, access_token=emulator.config.channel_access_token)
        async with AsyncApiClient(configuration) as client, EmulatorClient(base_url) as emu:
            bot.api = AsyncMessagingApi(client)
            yield bot, emulator, emu, AsyncMessagingApiBlob(client), bot_url


@pytest.fixture
def world(running_world):
    bot, emulator, emu, blob, bot_url = running_world
    bot.statuses.clear()
    bot.received.clear()
    emulator.reset(world_config(bot_url))
    return bot, emulator, emu, blob


async def test_user_text_reaches_the_bot_and_its_reply_reaches_the_user(world):
    bot, emulator, emu, _ = world
    sent = await emu.send_text(USER, "หาหลักสูตร AI")
    assert sent["status"] == 200
    assert bot.received[0]["events"][0]["message"]["text"] == "หาหลักสูตร AI"
    chat = await emu.messages(USER)
    assert [(e["from"], e["message"]["text"]) for e in chat] == [
        ("user", "หาหลักสูตร AI"),
        ("bot", "ได้รับ: หาหลักสูตร AI ค่ะ"),
    ]
    assert emulator.calls_to("replyMessage")[0].body["replyToken"] == sent["replyToken"]


async def test_unacknowledged_events_are_redelivered_with_the_same_id(world):
    bot, emulator, emu, _ = world
    bot.statuses = [500, 503]
    sent = await emulator.send(USER, {"type": "text", "text": "ลองอีกครั้ง"}, wait_for_redelivery=True)
    assert [a.status for a in sent.attempts] == [500, 503, 200]
    ids = {body["events"][0]["webhookEventId"] for body in bot.received}
    assert ids == {sent.webhook_event_id}
    assert [body["events"][0]["deliveryContext"]["isRedelivery"] for body in bot.received] == [False, True, True]


async def test_manual_redelivery_repeats_the_event(world):
    bot, _, emu, _ = world
    sent = await emu.send_postback(USER, "action=search&page=2", display_text="ดูเพิ่มเติม")
    again = await emu.redeliver(sent["webhookEventId"])
    assert again["attempts"][-1]["redelivery"] is True
    assert [b["events"][0]["webhookEventId"] for b in bot.received] == [sent["webhookEventId"]] * 2
    assert (await emu.messages(USER, sender="user"))[0]["message"] == {"type": "text", "text": "ดูเพิ่มเติม"}


async def test_forged_signature_and_verify_call(world):
    bot, _, emu, _ = world
    event = build_event(USER, {"type": "text", "text": "ปลอม"})
    forged = await emu.post_events([event], signature=sign(b"something else", SECRET))
    assert forged["status"] == 400
    verify = await emu.post_events([])
    assert verify["status"] == 200
    assert bot.received == [{"destination": BOT, "events": []}]


async def test_follow_and_unfollow_change_who_gets_broadcasts(world):
    _, emulator, emu, _ = world
    await emu.follow(USER)
    assert USER in emulator.followers()
    await emu.unfollow(USER)
    assert USER not in emulator.followers()
    assert (await emu.user(USER))["following"] is False


async def test_bot_can_download_what_the_user_sent(world):
    _, _, emu, blob = world
    sent = await emu.send(USER, {"type": "image"})
    content = await blob.get_message_content(sent["event"]["message"]["id"])
    assert bytes(content).startswith(b"\x89PNG")


async def test_without_a_webhook_url_the_attempt_reports_it():
    emulator = Emulator(EmulatorConfig(webhook_redelivery=False))
    sent = await emulator.send(USER, {"type": "text", "text": "มีใครอยู่ไหมคะ"})
    await emulator.aclose()
    assert sent.status is None and sent.attempts[0].error == "no webhook URL configured"


async def test_a_batch_of_events_arrives_in_one_signed_body(world):
    bot, emulator, _, _ = world
    other = make_user_id("webhook-user-2")
    batch = await emulator.send_batch([(USER, {"type": "text", "text": "หนึ่ง"}), (other, {"type": "text", "text": "สอง"})])
    assert [len(body["events"]) for body in bot.received] == [2]
    assert {sent.status for sent in batch} == {200}
    assert emulator.bot_messages(USER) == [{"type": "text", "text": "ได้รับ: หนึ่ง ค่ะ"}]
    assert emulator.bot_messages(other) == [{"type": "text", "text": "ได้รับ: สอง ค่ะ"}]


async def test_the_chat_console_may_call_the_control_api_from_a_browser(world):
    _, emulator, _, _ = world
    app = create_emulator_app(emulator.config, emulator=emulator)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://emulator") as http:
        preflight = await http.options(
            f"/_emulator/users/{USER}/send",
            headers={"Origin": "http://127.0.0.1:8000", "Access-Control-Request-Method": "POST",
                     "Access-Control-Request-Headers": "content-type"},
        )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] in ("*", "http://127.0.0.1:8000")


async def test_webhooks_can_reach_an_in_process_bot_without_a_server():
    bot = ToyBot()
    config = EmulatorConfig(channel_secret=SECRET, webhook_url="http://bot.local/line/webhook")
    async with run_emulator(config, webhook_transport=httpx.ASGITransport(bot.app)) as (base_url, emulator):
        configuration = Configuration(host=base_url, access_token=emulator.config.channel_access_token)
        async with AsyncApiClient(configuration) as client:
            bot.api = AsyncMessagingApi(client)
            sent = await emulator.send(USER, {"type": "text", "text": "ทดสอบค่ะ"})
    assert sent.status == 200
    assert emulator.bot_messages(USER) == [{"type": "text", "text": "ได้รับ: ทดสอบค่ะ ค่ะ"}]
