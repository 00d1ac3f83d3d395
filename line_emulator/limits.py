"""LINE's documented limits that the OpenAPI document does not express.

Applied as an overlay on top of the component schemas (see :mod:`line_emulator.schema`).
Sources: the Messaging API reference (message objects, action objects, quick reply,
template and Flex Message limits, rich menu object) and "Counting text length": most text
is counted in UTF-16 code units (``maxLength`` here), action labels and template texts in
grapheme clusters (``maxGraphemes``).
"""

from __future__ import annotations

from typing import Any

import orjson

from line_emulator.schema import PathNode, Violation, add_violation, grapheme_length

__all__ = ["LINE_LIMITS", "MAX_MESSAGES_PER_REQUEST", "MAX_MULTICAST_RECIPIENTS"]

MAX_MESSAGES_PER_REQUEST = 5
MAX_MULTICAST_RECIPIENTS = 500
FLEX_BUBBLE_MAX_BYTES = 30 * 1024
FLEX_CAROUSEL_MAX_BYTES = 50 * 1024


def _labelled_actions(limit: int, *, required: bool, low: int | None = None, high: int | None = None) -> dict:
    """Fragment for an ``actions`` array whose actions show a label of at most ``limit``."""
    fragment: dict[str, Any] = {"type": "array", "items": _labelled_action(limit, required=required)}
    if low is not None:
        fragment["minItems"] = low
    if high is not None:
        fragment["maxItems"] = high
    return fragment


def _labelled_action(limit: int, *, required: bool) -> dict:
    fragment: dict[str, Any] = {"properties": {"label": {"type": "string", "maxGraphemes": limit}}}
    if required:
        fragment["required"] = ["label"]
    return fragment


def _short_text_with_title_or_image(limit: int) -> Any:
    """Buttons template / carousel column: text shrinks to 60 when a title or image is shown."""

    def check(value: Any, path: PathNode, errors: list[Violation]) -> None:
        text = value.get("text")
        if not isinstance(text, str) or len(text) <= limit:
            return
        if (value.get("title") or value.get("thumbnailImageUrl")) and grapheme_length(text) > limit:
            add_violation(errors, (path, "text"), f"Length must be between 0 and {limit}")

    return check


def _same_action_count(value: Any, path: PathNode, errors: list[Violation]) -> None:
    columns = value.get("columns")
    if not isinstance(columns, list) or len(columns) < 2:
        return
    counts = {len(c.get("actions") or ()) for c in columns if isinstance(c, dict)}
    if len(counts) > 1:
        add_violation(errors, (path, "columns"), "All columns must have the same number of actions")


def _flex_size(value: Any, path: PathNode, errors: list[Violation]) -> None:
    contents = value.get("contents")
    if not isinstance(contents, dict):
        return
    size = len(orjson.dumps(contents))
    kind = contents.get("type")
    limit = FLEX_CAROUSEL_MAX_BYTES if kind == "carousel" else FLEX_BUBBLE_MAX_BYTES
    if size > limit:
        add_violation(errors, (path, "contents"), f"Size of the flex {kind} must be at most {limit} bytes")


def _postback_text_or_display_text(value: Any, path: PathNode, errors: list[Violation]) -> None:
    if value.get("displayText") is not None and value.get("text") is not None:
        add_violation(errors, (path, "text"), "displayText and text cannot be specified together")


def _flex_text_needs_text(value: Any, path: PathNode, errors: list[Violation]) -> None:
    if value.get("text") is None and not value.get("contents"):
        add_violation(errors, (path, "text"), "must be specified")


def _loading_seconds_step(value: Any, path: PathNode, errors: list[Violation]) -> None:
    seconds = value.get("loadingSeconds")
    if isinstance(seconds, int) and not isinstance(seconds, bool) and seconds % 5:
        add_violation(errors, (path, "loadingSeconds"), "must be a multiple of 5")


_URL_2000 = {"type": "string", "maxLength": 2000}

LINE_LIMITS: dict[str, dict[str, Any]] = {
    # Message objects
    "TextMessage": {"properties": {"text": {"maxLength": 5000}}},
    "TextMessageV2": {"properties": {"text": {"maxLength": 5000}}},
    "ImageMessage": {"properties": {"originalContentUrl": _URL_2000, "previewImageUrl": _URL_2000}},
    "VideoMessage": {
        "properties": {
            "originalContentUrl": _URL_2000,
            "previewImageUrl": _URL_2000,
            "trackingId": {"type": "string", "maxLength": 100},
        }
    },
    "AudioMessage": {"properties": {"originalContentUrl": _URL_2000}},
    "LocationMessage": {
        "properties": {"title": {"maxLength": 100}, "address": {"maxLength": 100}},
    },
    "ImagemapMessage": {
        "properties": {
            "baseUrl": _URL_2000,
            "altText": {"maxLength": 1500},
            "actions": {"type": "array", "maxItems": 50},
        }
    },
    "TemplateMessage": {"properties": {"altText": {"maxLength": 400}}},
    "FlexMessage": {"properties": {"altText": {"maxLength": 1500}}, "x-check": _flex_size},
    # Templates
    "ButtonsTemplate": {
        "properties": {
            "thumbnailImageUrl": _URL_2000,
            "title": {"maxGraphemes": 40},
            "text": {"maxGraphemes": 160},
            "actions": _labelled_actions(20, required=True, low=1, high=4),
        },
        "x-check": _short_text_with_title_or_image(60),
    },
    "ConfirmTemplate": {
        "properties": {
            "text": {"maxGraphemes": 240},
            "actions": _labelled_actions(20, required=True, low=2, high=2),
        }
    },
    "CarouselTemplate": {
        "properties": {"columns": {"type": "array", "minItems": 1, "maxItems": 10}},
        "x-check": _same_action_count,
    },
    "CarouselColumn": {
        "properties": {
            "thumbnailImageUrl": _URL_2000,
            "title": {"maxGraphemes": 40},
            "text": {"maxGraphemes": 120},
            "actions": _labelled_actions(20, required=True, low=1, high=3),
        },
        "x-check": _short_text_with_title_or_image(60),
    },
    "ImageCarouselTemplate": {"properties": {"columns": {"type": "array", "minItems": 1, "maxItems": 10}}},
    "ImageCarouselColumn": {
        "properties": {"imageUrl": _URL_2000, "action": _labelled_action(12, required=False)}
    },
    # Flex
    "FlexCarousel": {"properties": {"contents": {"type": "array", "minItems": 1, "maxItems": 12}}},
    "FlexButton": {"properties": {"action": _labelled_action(40, required=False)}},
    "FlexText": {"x-check": _flex_text_needs_text},
    # Quick reply: every button needs an action with a label of at most 20
    "QuickReplyItem": {
        "required": ["action"],
        "properties": {"imageUrl": _URL_2000, "action": _labelled_action(20, required=True)},
    },
    # Actions
    "MessageAction": {"required": ["text"], "properties": {"text": {"maxLength": 300}}},
    "PostbackAction": {
        "required": ["data"],
        "properties": {
            "displayText": {"maxLength": 300},
            "text": {"maxLength": 300},
            "fillInText": {"maxLength": 300},
        },
        "x-check": _postback_text_or_display_text,
    },
    "URIAction": {"required": ["uri"], "properties": {"uri": {"maxLength": 1000}}},
    "DatetimePickerAction": {"required": ["data", "mode"]},
    "ClipboardAction": {"required": ["clipboardText"]},
    "RichMenuSwitchAction": {"required": ["richMenuAliasId", "data"]},
    # Rich menu
    "RichMenuRequest": {
        "required": ["size", "selected", "name", "chatBarText", "areas"],
        "properties": {"areas": {"type": "array", "maxItems": 20}},
    },
    "RichMenuArea": {
        "required": ["bounds", "action"],
        "properties": {"action": _labelled_action(20, required=False)},
    },
    "RichMenuSize": {"required": ["width", "height"]},
    "RichMenuBounds": {"required": ["x", "y", "width", "height"]},
    # Loading animation: 5, 10, … 60 seconds
    "ShowLoadingAnimationRequest": {"x-check": _loading_seconds_step},
}
