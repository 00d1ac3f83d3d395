"""How LINE counts the length of text: UTF-16 code units, or user-perceived characters for labels."""

from __future__ import annotations

import unicodedata


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit LINE uses for most text limits."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


_EXTENDING = frozenset({"Mn", "Me", "Mc", "Cf"})
_SPACING_MARKS = frozenset({"\u0e33", "\u0eb3"})  # Thai / Lao SARA AM join the previous cluster


def grapheme_length(text: str) -> int:
    """Approximate number of grapheme clusters (UAX #29) – how LINE counts action labels.

    Combining marks (Thai vowels above/below and tone marks, accents), format characters,
    variation selectors and emoji skin tones extend the previous cluster; a ZWJ glues the
    next character on; two regional indicators make one flag.
    """
    if text.isascii():
        return len(text)
    count = 0
    after_zwj = False
    open_flag = False
    for ch in text:
        code = ord(ch)
        if ch in _SPACING_MARKS or 0x1F3FB <= code <= 0x1F3FF or unicodedata.category(ch) in _EXTENDING:
            after_zwj = ch == "\u200d"
            continue
        if after_zwj:
            after_zwj = False
            continue
        if 0x1F1E6 <= code <= 0x1F1FF:
            open_flag = not open_flag
            if not open_flag:
                continue
        else:
            open_flag = False
        count += 1
    return count
