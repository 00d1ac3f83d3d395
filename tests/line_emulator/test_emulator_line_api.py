"""The emulator answers the real line-bot-sdk v3 async client the way LINE does."""

from __future__ import annotations

import asyncio
import io
import json
import time
import uuid

import httpx
import pytest
from linebot.v3.messaging import (
    ApiException,
    AsyncApiClient,
    AsyncMessagingApi,
    AsyncMessagingApiBlob,
    BroadcastRequest,
    ButtonsTemplate,
    CameraAction,
    CarouselColumn,
    CarouselTemplate,
    ChatReference,
    Configuration,
    ConfirmTemplate,
    CreateRichMenuAliasRequest,
    DatetimePickerAction,
    FlexBox,
    FlexBubble,
    FlexCarousel,
    FlexMessage,
    FlexText,
    ImagemapArea,
    ImagemapBaseSize,
    ImagemapMessage,
    ImageMessage,
    LocationAction,
    LocationMessage,
    MarkMessagesAsReadRequest,
    MentionSubstitutionObject,
    MessageAction,
    MessageImagemapAction,
    MulticastRequest,
    NarrowcastRequest,
    PostbackAction,
    PushMessageRequest,
    QuickReply,
    QuickReplyItem,
    ReplyMessageRequest,
    RichMenuArea,
    RichMenuBounds,
    RichMenuBulkLinkRequest,
    RichMenuRequest,
    RichMenuSize,
    ShowLoadingAnimationRequest,
    StickerMessage,
    TemplateMessage,
    TextMessage,
    TextMessageV2,
    URIAction,
    URIImagemapAction,
    UserMentionTarget,
    ValidateMessageRequest,
)
from PIL import Image

from line_emulator import (
    EmulatorClient,
    EmulatorConfig,
    FaultConfig,
    create_emulator_app,
    make_user_id,
    run_emulator,
)

SOMCHAI = make_user_id("somchai")
SOMYING = make_user_id("somying")


class Line:
    """A running emulator plus SDK clients pointed at it."""

    def __init__(self, base_url, emulator, api, blob):
        self.base_url, self.emulator, self.api, self.blob = base_url, emulator, api, blob


@pytest.fixture(scope="module")
async def running():
    async with run_emulator(EmulatorConfig()) as (base_url, emulator):
        configuration = Configuration(host=base_url, access_token=emulator.config.channel_access_token)
        async with AsyncApiClient(configuration) as client:
            yield Line(base_url, emulator, AsyncMessagingApi(client), AsyncMessagingApiBlob(client))


@pytest.fixture
def line(running):
    running.emulator.reset(EmulatorConfig())
    return running


def error_of(exc: ApiException) -> dict:
    return json.loads(exc.body)


def hello(text: str = "สวัสดีค่ะ") -> TextMessage:
    return TextMessage(text=text)


async def test_push_reaches_the_users_chat_and_carries_a_request_id(line):
    response = await line.api.push_message_with_http_info(PushMessageRequest(to=SOMCHAI, messages=[hello()]))
    assert response.status_code == 200
    assert response.headers["x-line-request-id"]
    assert len(response.data.sent_messages) == 1
    assert line.emulator.bot_messages(SOMCHAI) == [{"type": "text", "text": "สวัสดีค่ะ"}]


async def test_reply_uses_the_token_once(line):
    token = line.emulator.issue_reply_token(SOMCHAI)
    await line.api.reply_message(ReplyMessageRequest(reply_token=token, messages=[hello("รับทราบค่ะ")]))
    with pytest.raises(ApiException) as again:
        await line.api.reply_message(ReplyMessageRequest(reply_token=token, messages=[hello("อีกครั้ง")]))
    assert again.value.status == 400
    assert error_of(again.value) == {"message": "Invalid reply token"}
    assert line.emulator.bot_messages(SOMCHAI) == [{"type": "text", "text": "รับทราบค่ะ"}]


async def test_reply_token_expires_after_a_minute(line):
    token = line.emulator.issue_reply_token(SOMCHAI)
    line.emulator.advance_time(61)
    with pytest.raises(ApiException) as late:
        await line.api.reply_message(ReplyMessageRequest(reply_token=token, messages=[hello()]))
    assert late.value.status == 400
    assert error_of(late.value)["message"] == "Invalid reply token"
    assert line.emulator.bot_messages(SOMCHAI) == []


async def test_unknown_reply_token_is_refused(line):
    with pytest.raises(ApiException) as exc:
        await line.api.reply_message(ReplyMessageRequest(reply_token="f" * 32, messages=[hello()]))
    assert exc.value.status == 400


async def test_same_retry_key_is_accepted_once_then_409(line):
    key = str(uuid.uuid4())
    first = await line.api.push_message_with_http_info(
        PushMessageRequest(to=SOMCHAI, messages=[hello("แจ้งเตือนค่ะ")]), x_line_retry_key=key
    )
    with pytest.raises(ApiException) as again:
        await line.api.push_message(PushMessageRequest(to=SOMCHAI, messages=[hello("แจ้งเตือนค่ะ")]),
                                    x_line_retry_key=key)
    assert again.value.status == 409
    assert again.value.headers["x-line-accepted-request-id"] == first.headers["x-line-request-id"]
    assert error_of(again.value)["message"] == "The retry key is already accepted"
    assert len(line.emulator.bot_messages(SOMCHAI)) == 1


async def test_retry_key_is_forgotten_after_24_hours(line):
    key = str(uuid.uuid4())
    await line.api.push_message(PushMessageRequest(to=SOMCHAI, messages=[hello()]), x_line_retry_key=key)
    line.emulator.advance_time(24 * 3600 + 1)
    await line.api.push_message(PushMessageRequest(to=SOMCHAI, messages=[hello()]), x_line_retry_key=key)
    assert len(line.emulator.bot_messages(SOMCHAI)) == 2


async def test_multicast_delivers_to_every_recipient(line):
    users = [make_user_id(f"member-{i}") for i in range(500)]
    await line.api.multicast(MulticastRequest(to=users, messages=[hello("เปิดรับสมัครแล้วค่ะ")]),
                             x_line_retry_key=str(uuid.uuid4()))
    assert all(line.emulator.bot_messages(u) == [{"type": "text", "text": "เปิดรับสมัครแล้วค่ะ"}] for u in users)


async def test_multicast_to_501_users_is_refused_with_details(line):
    users = [make_user_id(f"member-{i}") for i in range(501)]
    async with httpx.AsyncClient(base_url=line.base_url) as http:  # the SDK model refuses 501 itself
        response = await http.post(
            "/v2/bot/message/multicast",
            headers={"Authorization": f"Bearer {line.emulator.config.channel_access_token}"},
            json={"to": users, "messages": [{"type": "text", "text": "ประกาศค่ะ"}]},
        )
    assert response.status_code == 400
    assert response.json()["details"] == [{"message": "Size must be between 1 and 500", "property": "to"}]
    assert line.emulator.chats == {}


async def test_broadcast_and_narrowcast_reach_followers_only(line):
    line.emulator.users[SOMYING].following = False
    await line.api.broadcast(BroadcastRequest(messages=[hello("ประกาศค่ะ")]))
    response = await line.api.narrowcast_with_http_info(NarrowcastRequest(messages=[hello("เฉพาะกลุ่มค่ะ")]))
    assert response.status_code == 202
    assert [m["text"] for m in line.emulator.bot_messages(SOMCHAI)] == ["ประกาศค่ะ", "เฉพาะกลุ่มค่ะ"]
    assert line.emulator.bot_messages(SOMYING) == []
    progress = await line.api.get_narrowcast_progress(response.headers["x-line-request-id"])
    assert progress.phase == "succeeded" and progress.success_count == 1


async def test_flex_carousel_with_quick_replies_is_accepted(line):
    bubbles = [FlexBubble(body=FlexBox(layout="vertical", contents=[FlexText(text=f"หลักสูตร {i}")]))
               for i in range(12)]
    message = FlexMessage(
        alt_text="ผลการค้นหาหลักสูตร",
        contents=FlexCarousel(contents=bubbles),
        quick_reply=QuickReply(items=[
            QuickReplyItem(action=PostbackAction(label="ดูเพิ่มเติม", data="page=2", display_text="ดูเพิ่มเติม")),
        ]),
    )
    await line.api.push_message(PushMessageRequest(to=SOMCHAI, messages=[message]))
    [sent] = line.emulator.bot_messages(SOMCHAI)
    assert len(sent["contents"]["contents"]) == 12


@pytest.mark.parametrize(
    ("messages", "where"),
    [
        ([hello("ก" * 5001)], "messages[0].text"),
        ([FlexMessage(alt_text="x", contents=FlexCarousel(contents=[
            FlexBubble(body=FlexBox(layout="vertical", contents=[FlexText(text="x")]))] * 13))],
         "messages[0].contents.contents"),
        ([FlexMessage(alt_text="ก" * 1501, contents=FlexBubble(
            body=FlexBox(layout="vertical", contents=[FlexText(text="x")])))], "messages[0].altText"),
    ],
    ids=["text-5001", "13-bubbles", "alt-text-1501"],
)
async def test_sdk_requests_over_the_limits_get_400_with_details(line, messages, where):
    with pytest.raises(ApiException) as exc:
        await line.api.push_message(PushMessageRequest(to=SOMCHAI, messages=messages))
    assert exc.value.status == 400
    body = error_of(exc.value)
    assert body["message"].startswith("The request body has")
    assert where in [d["property"] for d in body["details"]]
    assert line.emulator.bot_messages(SOMCHAI) == []


QUICK = {"type": "action", "action": {"type": "message", "label": "ตัวเลือก", "text": "x"}}


@pytest.mark.parametrize(
    ("messages", "where"),
    [
        ([{"type": "text", "text": "hi"}] * 6, "messages"),
        ([{"type": "text", "text": "เลือกค่ะ", "quickReply": {"items": [QUICK] * 14}}],
         "messages[0].quickReply.items"),
        ([{"type": "text", "text": "เลือกค่ะ", "quickReply": {"items": [
            {"type": "action", "action": {"type": "postback", "label": "สมัคร", "data": "x" * 301}}]}}],
         "messages[0].quickReply.items[0].action.data"),
        ([{"type": "hologram", "text": "hi"}], "messages[0].type"),
    ],
    ids=["6-messages", "14-quick-replies", "postback-301", "unknown-type"],
)
async def test_raw_requests_over_the_limits_get_400_with_details(line, messages, where):
    # The SDK's own models refuse these before sending; a bot building JSON by hand is caught here.
    async with httpx.AsyncClient(base_url=line.base_url) as http:
        response = await http.post(
            "/v2/bot/message/push",
            headers={"Authorization": f"Bearer {line.emulator.config.channel_access_token}"},
            json={"to": SOMCHAI, "messages": messages},
        )
    assert response.status_code == 400
    assert where in [d["property"] for d in response.json()["details"]]
    assert line.emulator.bot_messages(SOMCHAI) == []


async def test_the_brief_call_listing_names_each_calls_token_and_recipient(line):
    """Load tests follow replies through /_emulator/requests?brief=1: each call's reply token or recipient,
    also for a call refused after its body was read, and nothing more of the body."""
    token = line.emulator.issue_reply_token(SOMCHAI)
    await line.api.reply_message(ReplyMessageRequest(reply_token=token, messages=[hello("รับทราบค่ะ")]))
    await line.api.push_message(PushMessageRequest(to=SOMYING, messages=[hello()]))
    async with httpx.AsyncClient(base_url=line.base_url) as http:
        refused = await http.post("/v2/bot/message/push", json={"to": SOMCHAI, "messages": []},
                                  headers={"Authorization": f"Bearer {line.emulator.config.channel_access_token}"})
        listed = (await http.get("/_emulator/requests", params={"brief": "1"})).json()["requests"]
    assert refused.status_code == 400
    assert [(c["operation"], c["status"], c["body"]) for c in listed] == [
        ("replyMessage", 200, {"replyToken": token}),
        ("pushMessage", 200, {"to": SOMYING}),
        ("pushMessage", 400, {"to": SOMCHAI}),
    ]


async def test_wrong_or_missing_token_gets_401(line):
    async with httpx.AsyncClient(base_url=line.base_url) as http:
        wrong = await http.get(f"/v2/bot/profile/{SOMCHAI}", headers={"Authorization": "Bearer nope"})
        missing = await http.get(f"/v2/bot/profile/{SOMCHAI}")
    assert wrong.status_code == 401 and "access token" in wrong.json()["message"]
    assert missing.status_code == 401
    assert wrong.headers["x-line-request-id"]


async def test_profile_of_known_and_unknown_users(line):
    profile = await line.api.get_profile(SOMCHAI)
    assert profile.display_name == "สมชาย ใจดี"
    with pytest.raises(ApiException) as exc:
        await line.api.get_profile(make_user_id("stranger"))
    assert exc.value.status == 404


async def test_rate_limit_answers_429(line):
    line.emulator.update_config({"rate_limits": {"multicast": {"requests": 3, "per_seconds": 3600}}})
    request = MulticastRequest(to=[SOMCHAI], messages=[hello()])
    for _ in range(3):
        await line.api.multicast(request)
    with pytest.raises(ApiException) as exc:
        await line.api.multicast(request)
    assert exc.value.status == 429
    assert error_of(exc.value) == {"message": "The API rate limit has been exceeded. Try again later."}
    await line.api.push_message(PushMessageRequest(to=SOMCHAI, messages=[hello()]))  # other endpoints unaffected


async def test_injected_server_errors_deliver_nothing(line):
    line.emulator.update_config({"faults": {"error_rate": 1.0, "operations": ["pushMessage"]}})
    with pytest.raises(ApiException) as exc:
        await line.api.push_message(PushMessageRequest(to=SOMCHAI, messages=[hello()]))
    assert exc.value.status == 500
    assert line.emulator.bot_messages(SOMCHAI) == []
    assert (await line.api.get_profile(SOMCHAI)).display_name  # not in the faulty operations


async def test_fault_sequence_is_reproducible_with_a_seed():
    async def statuses() -> list[int]:
        app = create_emulator_app(EmulatorConfig(faults=FaultConfig(error_rate=0.5, seed=42)))
        headers = {"Authorization": f"Bearer {app.state.emulator.config.channel_access_token}"}
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://line") as http:
            return [(await http.get("/v2/bot/info", headers=headers)).status_code for _ in range(20)]

    first, second = await statuses(), await statuses()
    assert first == second
    assert {200, 500} == set(first)


async def test_hanging_call_was_accepted_and_its_retry_gets_409(line):
    line.emulator.update_config({"faults": {"timeout_rate": 1.0, "timeout_seconds": 5}})
    key = str(uuid.uuid4())
    body = {"to": SOMCHAI, "messages": [{"type": "text", "text": "ยืนยันการสมัครค่ะ"}]}
    headers = {"Authorization": f"Bearer {line.emulator.config.channel_access_token}", "X-Line-Retry-Key": key}
    async with httpx.AsyncClient(base_url=line.base_url) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.post("/v2/bot/message/push", json=body, headers=headers, timeout=0.2)
        line.emulator.update_config({"faults": {"timeout_rate": 0.0}})
        retry = await http.post("/v2/bot/message/push", json=body, headers=headers)
    assert retry.status_code == 409
    assert len(line.emulator.bot_messages(SOMCHAI)) == 1


async def test_added_delay_still_answers(line):
    line.emulator.update_config({"faults": {"delay_seconds": 0.05}})
    await line.api.push_message(PushMessageRequest(to=SOMCHAI, messages=[hello()]))
    assert len(line.emulator.bot_messages(SOMCHAI)) == 1


async def test_monthly_quota_is_enforced(line):
    line.emulator.update_config({"monthly_quota": 2})
    quota = await line.api.get_message_quota()
    assert quota.value == 2
    with pytest.raises(ApiException) as exc:
        await line.api.push_message(PushMessageRequest(to=SOMCHAI, messages=[hello()] * 3))
    assert exc.value.status == 429
    assert error_of(exc.value)["message"] == "You have reached your monthly limit."


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (6, 199, 85)).save(buffer, format="PNG")
    return buffer.getvalue()


def rich_menu() -> RichMenuRequest:
    return RichMenuRequest(
        size=RichMenuSize(width=2500, height=1686),
        selected=True,
        name="main",
        chat_bar_text="เมนู",
        areas=[
            RichMenuArea(bounds=RichMenuBounds(x=0, y=0, width=833, height=843),
                         action=MessageAction(label="ค้นหาหลักสูตร", text="ค้นหาหลักสูตร")),
        ],
    )


async def test_rich_menu_create_upload_and_set_default(line):
    created = await line.api.create_rich_menu(rich_menu())
    with pytest.raises(ApiException) as early:
        await line.api.set_default_rich_menu(created.rich_menu_id)
    assert early.value.status == 400  # no image yet

    await line.blob.set_rich_menu_image(created.rich_menu_id, body=png(2500, 1686),
                                        _headers={"Content-Type": "image/png"})
    await line.api.set_default_rich_menu(created.rich_menu_id)
    assert (await line.api.get_default_rich_menu_id()).rich_menu_id == created.rich_menu_id
    await line.api.link_rich_menu_id_to_user(SOMCHAI, created.rich_menu_id)
    assert (await line.api.get_rich_menu_id_of_user(SOMCHAI)).rich_menu_id == created.rich_menu_id
    downloaded = await line.blob.get_rich_menu_image(created.rich_menu_id)
    assert bytes(downloaded) == png(2500, 1686)
    listed = await line.api.get_rich_menu_list()
    assert [m.chat_bar_text for m in listed.richmenus] == ["เมนู"]

    with pytest.raises(ApiException) as twice:
        await line.blob.set_rich_menu_image(created.rich_menu_id, body=png(2500, 1686),
                                            _headers={"Content-Type": "image/png"})
    assert twice.value.status == 400


async def test_rich_menu_image_must_match_its_size(line):
    created = await line.api.create_rich_menu(rich_menu())
    with pytest.raises(ApiException) as exc:
        await line.blob.set_rich_menu_image(created.rich_menu_id, body=png(800, 270),
                                            _headers={"Content-Type": "image/png"})
    assert exc.value.status == 400


async def test_loading_animation_and_mark_as_read(line):
    response = await line.api.show_loading_animation_with_http_info(
        ShowLoadingAnimationRequest(chat_id=SOMCHAI, loading_seconds=5)
    )
    assert response.status_code == 202
    await line.api.mark_messages_as_read(MarkMessagesAsReadRequest(chat=ChatReference(user_id=SOMCHAI)))
    async with EmulatorClient(line.base_url) as emu:
        assert (await emu.user(SOMCHAI))["loadingUntil"] is not None
    assert line.emulator.read_marks[0]["userId"] == SOMCHAI
    with pytest.raises(ApiException) as exc:
        await line.api.show_loading_animation(ShowLoadingAnimationRequest(chat_id=SOMCHAI, loading_seconds=7))
    assert exc.value.status == 400


async def test_calls_without_special_behaviour_still_get_schema_shaped_answers(line):
    assert (await line.api.get_message_quota_consumption()).total_usage == 0
    assert (await line.api.get_bot_info()).user_id == line.emulator.config.bot_user_id
    assert (await line.api.get_followers()).user_ids == [SOMCHAI, SOMYING]
    await line.api.validate_push(ValidateMessageRequest(messages=[hello("ตรวจสอบค่ะ")]))
    assert line.emulator.bot_messages(SOMCHAI) == []


async def test_unknown_path_is_404(line):
    async with httpx.AsyncClient(base_url=line.base_url) as http:
        response = await http.get("/v2/bot/nothing/here",
                                  headers={"Authorization": f"Bearer {line.emulator.config.channel_access_token}"})
    assert response.status_code == 404


async def test_control_api_lists_calls_and_chat_with_increasing_ids(line):
    key = str(uuid.uuid4())
    await line.api.push_message(PushMessageRequest(to=SOMCHAI, messages=[hello("หนึ่ง"), hello("สอง")]),
                                x_line_retry_key=key)
    async with EmulatorClient(line.base_url) as emu:
        [call] = await emu.requests("pushMessage")
        assert call["status"] == 200 and call["headers"]["x-line-retry-key"] == key
        assert call["body"]["messages"][1]["text"] == "สอง"
        entries = await emu.messages(SOMCHAI)
        assert [e["message"]["text"] for e in entries] == ["หนึ่ง", "สอง"]
        assert entries[0]["id"] < entries[1]["id"]
        assert await emu.messages(SOMCHAI, after=entries[1]["id"]) == []

        waiting = asyncio.create_task(emu.messages(SOMCHAI, after=entries[1]["id"], wait=5))
        await asyncio.sleep(0.05)
        await line.api.push_message(PushMessageRequest(to=SOMCHAI, messages=[hello("สาม")]))
        assert [e["message"]["text"] for e in await waiting] == ["สาม"]

        await emu.reset()
        assert await emu.messages(SOMCHAI) == []
        assert await emu.requests() == []


async def test_runtime_config_changes_through_the_control_api(line):
    async with EmulatorClient(line.base_url) as emu:
        config = await emu.configure({"rate_limits": {"multicast": 150}, "faults": {"error_rate": 0.25}})
    assert config["rate_limits"]["multicast"] == {"requests": 150.0, "per_seconds": 1.0}
    assert config["faults"]["error_rate"] == 0.25
    assert config["channel_secret"] == "***"
    assert line.emulator.config.rate_limit_for("multicast").requests == 150


def every_kind_of_message() -> list[list]:
    flex = FlexMessage.from_json(json.dumps({
        "type": "flex", "altText": "ร้านกาแฟ", "contents": {
            "type": "bubble",
            "hero": {"type": "image", "url": "https://example.com/a.png", "size": "full", "aspectRatio": "20:13",
                     "aspectMode": "cover", "action": {"type": "uri", "uri": "https://example.com"}},
            "body": {"type": "box", "layout": "vertical", "contents": [
                {"type": "text", "text": "Brown Cafe", "weight": "bold", "size": "xl"},
                {"type": "box", "layout": "baseline", "margin": "md", "contents": [
                    {"type": "icon", "size": "sm", "url": "https://example.com/i.png"},
                    {"type": "text", "text": "4.0", "size": "sm", "color": "#999999", "flex": 0}]},
                {"type": "text", "contents": [{"type": "span", "text": "สวัสดี", "weight": "bold"}]}]},
            "footer": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": [
                {"type": "button", "style": "link", "action": {"type": "uri", "label": "โทร", "uri": "tel:021111111"}},
                {"type": "button", "action": {"type": "datetimepicker", "label": "เลือกวัน", "data": "d", "mode": "date"}},
                {"type": "separator"}]}}}))
    return [
        [
            flex,
            TemplateMessage(alt_text="ยืนยัน", template=ConfirmTemplate(text="ยืนยันไหมคะ", actions=[
                PostbackAction(label="ยืนยัน", data="y", display_text="ยืนยัน"), MessageAction(label="ยกเลิก", text="ยกเลิก")])),
            TemplateMessage(alt_text="ปุ่ม", template=ButtonsTemplate(
                title="หลักสูตร", text="เลือกค่ะ", thumbnail_image_url="https://example.com/a.jpg",
                actions=[URIAction(label="เว็บไซต์", uri="https://example.com"), PostbackAction(label="สมัคร", data="r")])),
            TemplateMessage(alt_text="ตัวเลือก", template=CarouselTemplate(columns=[
                CarouselColumn(text="ก", actions=[MessageAction(label="ก", text="ก")]),
                CarouselColumn(text="ข", actions=[MessageAction(label="ข", text="ข")])])),
            ImagemapMessage(base_url="https://example.com/im", alt_text="แผนที่", base_size=ImagemapBaseSize(
                width=1040, height=1040), actions=[
                URIImagemapAction(link_uri="https://example.com", area=ImagemapArea(x=0, y=0, width=520, height=1040)),
                MessageImagemapAction(text="hi", area=ImagemapArea(x=520, y=0, width=520, height=1040))]),
        ],
        [
            StickerMessage(package_id="446", sticker_id="1988"),
            ImageMessage(original_content_url="https://example.com/a.jpg", preview_image_url="https://example.com/p.jpg"),
            LocationMessage(title="ศูนย์ราชการ", address="กรุงเทพฯ", latitude=13.88, longitude=100.56),
            TextMessageV2(text="สวัสดี {user}", substitution={
                "user": MentionSubstitutionObject(mentionee=UserMentionTarget(user_id=SOMCHAI))}),
            TextMessage(text="ส่งตำแหน่งได้เลยค่ะ", quick_reply=QuickReply(items=[
                QuickReplyItem(action=CameraAction(label="กล้อง")),
                QuickReplyItem(action=LocationAction(label="ตำแหน่ง")),
                QuickReplyItem(action=DatetimePickerAction(label="วันที่", data="d", mode="date"))])),
        ],
    ]


async def test_every_kind_of_message_built_with_the_sdk_is_accepted(line):
    for messages in every_kind_of_message():
        await line.api.push_message(PushMessageRequest(to=SOMCHAI, messages=messages))
    assert len(line.emulator.bot_messages(SOMCHAI)) == 10
    today = time.strftime("%Y%m%d", time.gmtime(line.emulator.now() + 9 * 3600))
    assert (await line.api.get_number_of_sent_push_messages(today)).success == 10


async def test_rich_menu_aliases_and_bulk_links(line):
    created = await line.api.create_rich_menu(rich_menu())
    await line.blob.set_rich_menu_image(created.rich_menu_id, body=png(2500, 1686),
                                        _headers={"Content-Type": "image/png"})
    await line.api.create_rich_menu_alias(
        CreateRichMenuAliasRequest(rich_menu_alias_id="main", rich_menu_id=created.rich_menu_id))
    assert (await line.api.get_rich_menu_alias("main")).rich_menu_id == created.rich_menu_id
    await line.api.link_rich_menu_id_to_users(
        RichMenuBulkLinkRequest(rich_menu_id=created.rich_menu_id, user_ids=[SOMCHAI, SOMYING]))
    assert line.emulator.user_rich_menus == {SOMCHAI: created.rich_menu_id, SOMYING: created.rich_menu_id}
    await line.api.delete_rich_menu_alias("main")
    await line.api.delete_rich_menu(created.rich_menu_id)
    assert line.emulator.user_rich_menus == {} and (await line.api.get_rich_menu_list()).richmenus == []
