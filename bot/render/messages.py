"""Generic LINE message builders: text, quick replies, actions, flex bubbles and carousels."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import orjson

from bot.render.limits import (
    ACTION_LABEL_MAX,
    ALT_TEXT_MAX,
    CAROUSEL_MAX_BUBBLES,
    DISPLAY_TEXT_MAX,
    FLEX_CAROUSEL_MAX_BYTES,
    POSTBACK_DATA_MAX,
    QUICK_REPLY_LABEL_MAX,
    QUICK_REPLY_MAX_ITEMS,
    TEXT_MAX_UTF16,
    clip_label,
    clip_utf16,
)

Message = dict[str, Any]
Action = dict[str, Any]

GREEN = "#06C755"
GREY = "#8C8C8C"
DARK = "#111111"


def postback_action(label: str, data: str, *, display_text: str | None = None,
                    label_max: int = ACTION_LABEL_MAX) -> Action:
    if len(data) > POSTBACK_DATA_MAX:
        raise ValueError(f"postback data longer than {POSTBACK_DATA_MAX}")
    action: Action = {"type": "postback", "label": clip_label(label, label_max), "data": data}
    if display_text:
        action["displayText"] = clip_utf16(display_text, DISPLAY_TEXT_MAX)
    return action


def message_action(label: str, text: str | None = None, *, label_max: int = ACTION_LABEL_MAX) -> Action:
    return {"type": "message", "label": clip_label(label, label_max), "text": clip_utf16(text or label, 300)}


def quick_replies(actions: Sequence[Action]) -> dict[str, Any]:
    items = []
    for action in list(actions)[:QUICK_REPLY_MAX_ITEMS]:
        action = dict(action)
        if "label" in action:
            action["label"] = clip_label(action["label"], QUICK_REPLY_LABEL_MAX)
        items.append({"type": "action", "action": action})
    return {"items": items}


def text(body: str, *, quick: Sequence[Action] | None = None) -> Message:
    message: Message = {"type": "text", "text": clip_utf16(body.strip() or "-", TEXT_MAX_UTF16)}
    if quick:
        message["quickReply"] = quick_replies(quick)
    return message


def with_quick_replies(message: Message, quick: Sequence[Action]) -> Message:
    if quick:
        message = dict(message)
        message["quickReply"] = quick_replies(quick)
    return message


def flex(alt_text: str, contents: dict[str, Any], *, quick: Sequence[Action] | None = None) -> Message:
    message: Message = {"type": "flex", "altText": clip_utf16(alt_text, ALT_TEXT_MAX), "contents": contents}
    if quick:
        message["quickReply"] = quick_replies(quick)
    return message


def json_size(value: Any) -> int:
    return len(orjson.dumps(value))  # compact UTF-8, as sent


_CAROUSEL_FRAME = len(b'{"type":"carousel","contents":[]}')


def carousel(bubbles: Sequence[dict[str, Any]], *, keep_last: bool = False,
             size_of: Callable[[dict[str, Any]], int] = json_size) -> dict[str, Any]:
    """At most 12 bubbles and 50 KB as sent: bubbles are dropped from the end (but a "more" bubble kept last).
    `size_of`: a bubble's encoded size (a renderer that keeps its bubbles knows it without encoding them)."""
    items = list(bubbles)[:CAROUSEL_MAX_BUBBLES]
    tail = [items.pop()] if keep_last and items else []
    sizes = [size_of(b) for b in items + tail]
    tail_size = sizes.pop() if tail else 0

    def encoded_size() -> int:  # compact JSON: the frame, the bubbles and a comma between each two
        count = len(sizes) + len(tail)
        return _CAROUSEL_FRAME + sum(sizes) + tail_size + max(0, count - 1)

    while items and encoded_size() > FLEX_CAROUSEL_MAX_BYTES:
        items.pop()
        sizes.pop()
    return {"type": "carousel", "contents": items + tail}


# -- flex components -------------------------------------------------------------------------
def t(body: str, *, size: str = "sm", color: str | None = None, weight: str | None = None,
      wrap: bool = True, flex_: int | None = None, max_lines: int | None = None) -> dict[str, Any]:
    comp: dict[str, Any] = {"type": "text", "text": clip_utf16(body or "-", 400), "size": size, "wrap": wrap}
    if color:
        comp["color"] = color
    if weight:
        comp["weight"] = weight
    if flex_ is not None:
        comp["flex"] = flex_
    if max_lines:
        comp["maxLines"] = max_lines
    return comp


def row(label: str, value: str) -> dict[str, Any]:
    return {
        "type": "box", "layout": "baseline", "spacing": "sm",
        "contents": [t(label, color=GREY, flex_=2, size="xs"), t(value, flex_=5, size="xs", color=DARK)],
    }


def box(contents: list[dict[str, Any]], *, layout: str = "vertical", spacing: str = "sm",
        margin: str | None = None) -> dict[str, Any]:
    comp: dict[str, Any] = {"type": "box", "layout": layout, "spacing": spacing, "contents": contents}
    if margin:
        comp["margin"] = margin
    return comp


def button(action: Action, *, primary: bool = False) -> dict[str, Any]:
    comp: dict[str, Any] = {"type": "button", "action": action, "height": "sm",
                            "style": "primary" if primary else "secondary"}
    if primary:
        comp["color"] = GREEN
    return comp


def bubble(*, header: list[dict[str, Any]] | None = None, body: list[dict[str, Any]],
           footer: list[dict[str, Any]] | None = None, size: str = "kilo") -> dict[str, Any]:
    out: dict[str, Any] = {"type": "bubble", "size": size, "body": box(body, spacing="sm")}
    if header:
        out["header"] = box(header)
    if footer:
        out["footer"] = box(footer, spacing="sm")
    return out
