"""LINE's documented message limits, enforced by every builder."""

from __future__ import annotations

import unicodedata

TEXT_MAX_UTF16 = 5000
ALT_TEXT_MAX = 1500
MESSAGES_PER_REQUEST = 5
CAROUSEL_MAX_BUBBLES = 12
QUICK_REPLY_MAX_ITEMS = 13
QUICK_REPLY_LABEL_MAX = 20
ACTION_LABEL_MAX = 20  # buttons in flex messages (LINE renders up to 40; we stay on the safe side)
POSTBACK_DATA_MAX = 300
DISPLAY_TEXT_MAX = 300
FLEX_CAROUSEL_MAX_BYTES = 50 * 1024
FLEX_BUBBLE_MAX_BYTES = 30 * 1024
ELLIPSIS = "…"


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def clip_utf16(text: str, limit: int) -> str:
    """Cut text to at most `limit` UTF-16 code units, ending with … when cut (never mid surrogate pair)."""
    if 2 * len(text) <= limit or utf16_len(text) <= limit:  # a character is at most 2 code units
        return text
    out: list[str] = []
    used = 0
    budget = limit - 1
    for ch in text:
        size = 2 if ord(ch) > 0xFFFF else 1
        if used + size > budget:
            break
        out.append(ch)
        used += size
    return "".join(out) + ELLIPSIS


def graphemes(text: str) -> list[str]:
    """Approximate grapheme clusters: a base character with its combining marks (Thai vowels/tones)."""
    clusters: list[str] = []
    for ch in text:
        if clusters and (unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf")):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def clip_label(text: str, limit: int = QUICK_REPLY_LABEL_MAX) -> str:
    text = text.strip() or "-"
    if len(text) <= limit:  # never more clusters than characters
        return text
    clusters = graphemes(text)
    if len(clusters) <= limit:
        return "".join(clusters)
    return "".join(clusters[: limit - 1]) + ELLIPSIS
