"""Request bodies are judged like LINE judges them: OpenAPI schema plus documented limits."""

from __future__ import annotations

import jsonschema
import pytest
from linebot.v3.messaging import (
    FlexBox,
    FlexBubble,
    FlexButton,
    FlexCarousel,
    FlexMessage,
    FlexText,
    MessageAction,
    PostbackAction,
    PushMessageRequest,
    QuickReply,
    QuickReplyItem,
    TextMessage,
)

from line_emulator.config import DEFAULT_SPEC_PATH
from line_emulator.schema import grapheme_length, utf16_length
from line_emulator.spec import load_spec

USER = "U" + "a" * 32


@pytest.fixture(scope="module")
def spec():
    return load_spec(DEFAULT_SPEC_PATH)


def bubble(title: str = "Python สำหรับข้าราชการ", data: str = "course=1") -> dict:
    return {
        "type": "bubble",
        "body": {
            "type": "box",
            "layout": "vertical",
            "contents": [{"type": "text", "text": title, "wrap": True}],
        },
        "footer": {
            "type": "box",
            "layout": "vertical",
            "contents": [
                {"type": "button", "action": {"type": "postback", "label": "ดูรายละเอียด", "data": data}},
            ],
        },
    }


def quick_reply(n: int, label: str = "ค้นหา") -> dict:
    return {"items": [{"type": "action", "action": {"type": "message", "label": label, "text": label}}] * n}


def push(*messages: dict) -> dict:
    return {"to": USER, "messages": list(messages)}


def problems(spec, body, schema="PushMessageRequest") -> dict[str, str]:
    return {v.property: v.message for v in spec.schemas.validate(schema, body)}


def test_messages_built_with_the_sdk_are_accepted(spec):
    request = PushMessageRequest(
        to=USER,
        messages=[
            TextMessage(
                text="สวัสดีค่ะ เลือกหัวข้อได้เลยค่ะ",
                quick_reply=QuickReply(
                    items=[QuickReplyItem(action=MessageAction(label="AI", text="AI"))]
                ),
            ),
            FlexMessage(
                alt_text="หลักสูตรที่พบ",
                contents=FlexCarousel(
                    contents=[
                        FlexBubble(
                            body=FlexBox(layout="vertical", contents=[FlexText(text="Data Analytics")]),
                            footer=FlexBox(
                                layout="vertical",
                                contents=[FlexButton(action=PostbackAction(label="สมัคร", data="register=7"))],
                            ),
                        )
                    ]
                ),
            ),
        ],
    )
    assert problems(spec, request.to_dict()) == {}


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        (push({"type": "text", "text": "ก" * 5001}), "messages[0].text", "Length must be between 0 and 5000"),
        (
            push({"type": "flex", "altText": "x", "contents": {"type": "carousel", "contents": [bubble()] * 13}}),
            "messages[0].contents.contents",
            "Size must be between 1 and 12",
        ),
        (
            push({"type": "text", "text": "เลือกค่ะ", "quickReply": quick_reply(14)}),
            "messages[0].quickReply.items",
            "Size must be between 0 and 13",
        ),
        (
            push({"type": "flex", "altText": "x", "contents": bubble(data="d" * 301)}),
            "messages[0].contents.footer.contents[0].action.data",
            "Length must be between 0 and 300",
        ),
        (push(*[{"type": "text", "text": "hi"}] * 6), "messages", "Size must be between 1 and 5"),
        (push({"type": "carousel", "text": "hi"}), "messages[0].type", "Must be one of the following values"),
        (push({"type": "text"}), "messages[0].text", "must be specified"),
        (
            push({"type": "flex", "altText": "ก" * 1501, "contents": bubble()}),
            "messages[0].altText",
            "Length must be between 0 and 1500",
        ),
        (
            push({"type": "text", "text": "เลือกค่ะ", "quickReply": quick_reply(1, label="x" * 21)}),
            "messages[0].quickReply.items[0].action.label",
            "Length must be between 0 and 20",
        ),
        (
            push({"type": "text", "text": "hi", "quickReply": {"items": [
                {"type": "action", "action": {"type": "message", "text": "no label"}}]}}),
            "messages[0].quickReply.items[0].action.label",
            "must be specified",
        ),
        ({"to": USER, "messages": []}, "messages", "Size must be between 1 and 5"),
        ({"messages": [{"type": "text", "text": "hi"}]}, "to", "must be specified"),
        (push({"type": "text", "text": 5}), "messages[0].text", "must be a string"),
    ],
    ids=[
        "text-5001", "13-bubbles", "14-quick-replies", "postback-301", "6-messages", "unknown-type",
        "missing-text", "alt-text-1501", "quick-reply-label-21", "quick-reply-without-label", "no-messages",
        "no-recipient", "text-not-string",
    ],
)
def test_invalid_bodies_name_the_property_and_the_rule(spec, body, where, message):
    found = problems(spec, body)
    assert where in found, found
    assert found[where].startswith(message)


def test_wrong_types_inside_arrays_and_nulls_are_reported(spec):
    body = {"to": [USER, 7], "messages": [{"type": "text", "text": None}]}
    assert problems(spec, body, "MulticastRequest") == {
        "to[1]": "must be a string",
        "messages[0].text": "must be specified",
    }


def test_multicast_to_more_than_500_users_is_refused(spec):
    body = {"to": [USER] * 501, "messages": [{"type": "text", "text": "ประกาศค่ะ"}]}
    assert problems(spec, body, "MulticastRequest") == {"to": "Size must be between 1 and 500"}
    body["to"] = [USER] * 500
    assert problems(spec, body, "MulticastRequest") == {}


def test_limits_at_the_boundary_are_accepted(spec):
    body = push(
        {"type": "text", "text": "ก" * 5000, "quickReply": quick_reply(13, label="x" * 20)},
        {"type": "flex", "altText": "ก" * 1500, "contents": {"type": "carousel", "contents": [bubble()] * 12}},
        {"type": "flex", "altText": "x", "contents": bubble(data="d" * 300)},
        {"type": "sticker", "packageId": "446", "stickerId": "1988"},
        {"type": "text", "text": "ok"},
    )
    assert problems(spec, body) == {}


def test_text_length_counts_utf16_units_like_line():
    assert utf16_length("🍎") == 2
    assert utf16_length("สวัสดี") == 6


def test_emoji_count_double_towards_the_text_limit(spec):
    assert problems(spec, push({"type": "text", "text": "🍎" * 2500})) == {}
    assert "messages[0].text" in problems(spec, push({"type": "text", "text": "🍎" * 2501}))


def test_labels_count_thai_characters_as_users_see_them():
    assert grapheme_length("ที่นี่") == 2
    assert grapheme_length("ลงทะเบียน") == 8  # ี sits on บ
    assert grapheme_length("ทำ") == 1  # SARA AM joins its consonant
    assert grapheme_length("👍🏽") == 1 and grapheme_length("👨‍👩‍👧") == 1 and grapheme_length("🇹🇭🇯🇵") == 2
    label = "ลงทะเบียนที่นี่ได้เลยค่ะ"  # 24 code points, fewer than 20 visible characters
    assert len(label) > 20 and grapheme_length(label) <= 20


def test_a_thai_label_longer_in_code_points_than_the_limit_is_still_accepted(spec):
    label = "ลงทะเบียนที่นี่ได้เลยค่ะ"
    assert problems(spec, push({"type": "text", "text": "hi", "quickReply": quick_reply(1, label=label)})) == {}


def test_confirm_template_needs_exactly_two_actions(spec):
    confirm = {
        "type": "template",
        "altText": "ยืนยันการสมัคร",
        "template": {
            "type": "confirm",
            "text": "ยืนยันการสมัครไหมคะ",
            "actions": [{"type": "postback", "label": "ยืนยัน", "data": "confirm=1"}],
        },
    }
    assert problems(spec, push(confirm)) == {"messages[0].template.actions": "Size must be between 2 and 2"}


def test_template_alt_text_is_limited_to_400(spec):
    buttons = {
        "type": "template",
        "altText": "ก" * 401,
        "template": {"type": "buttons", "text": "เลือกค่ะ",
                     "actions": [{"type": "message", "label": "ตกลง", "text": "ตกลง"}]},
    }
    assert "messages[0].altText" in problems(spec, push(buttons))


def test_loading_animation_seconds_must_be_a_step_of_five(spec):
    assert problems(spec, {"chatId": USER, "loadingSeconds": 7}, "ShowLoadingAnimationRequest") == {
        "loadingSeconds": "must be a multiple of 5"
    }
    assert problems(spec, {"chatId": USER, "loadingSeconds": 65}, "ShowLoadingAnimationRequest") == {
        "loadingSeconds": "must be less than or equal to 60"
    }
    assert problems(spec, {"chatId": USER, "loadingSeconds": 20}, "ShowLoadingAnimationRequest") == {}


def test_rich_menu_object_needs_its_required_fields(spec):
    found = problems(spec, {"size": {"width": 2500, "height": 1686}, "areas": []}, "RichMenuRequest")
    assert set(found) == {"selected", "name", "chatBarText"}


CORPUS = [
    push({"type": "text", "text": "สวัสดีค่ะ"}),
    push({"type": "text", "text": "x" * 6000}),
    push({"type": "flex", "altText": "x", "contents": {"type": "carousel", "contents": [bubble()] * 13}}),
    push({"type": "flex", "altText": "x", "contents": bubble(data="d" * 301)}),
    push({"type": "text", "text": "hi", "quickReply": quick_reply(14)}),
    push(*[{"type": "text", "text": "hi"}] * 6),
    push({"type": "video", "originalContentUrl": "https://example.com/a.mp4"}),
    push({"type": "nope"}),
    push({"type": "image", "originalContentUrl": "https://example.com/a.png",
          "previewImageUrl": "https://example.com/p.png"}),
    push({"type": "flex", "altText": "x", "contents": {"type": "bubble", "body": {
        "type": "box", "layout": "vertical", "contents": [{"type": "icon", "url": "https://example.com/i.png"},
                                                        {"type": "separator"}, {"type": "spacer"}]}}}),
]


@pytest.mark.parametrize("body", CORPUS, ids=range(len(CORPUS)))
def test_exported_json_schema_agrees_with_the_compiled_validator(spec, body):
    validator = jsonschema.Draft202012Validator(spec.schemas.json_schema("PushMessageRequest"))
    assert validator.is_valid(body) == (problems(spec, body) == {})
