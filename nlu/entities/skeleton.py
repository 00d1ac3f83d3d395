"""A forgiving spelling key for gazetteer matching.

Tone marks, thanthakhat, spaces and hyphens are dropped and letters that are
commonly confused are folded together (ศ/ษ/ส, ณ/น, ธ/ท, ี/ิ, ู/ุ ...), so that
หลักสุตร, ไซเบอร์ and "cyber security" written in different ways meet the same key.
"""

from __future__ import annotations

_DROP = set("\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e47\u0e4d\u0e3a \t-_'\"")
_FOLD = str.maketrans(
    {
        "ศ": "ส",
        "ษ": "ส",
        "ณ": "น",
        "ฎ": "ด",
        "ฏ": "ต",
        "ฐ": "ท",
        "ฑ": "ท",
        "ฒ": "ท",
        "ธ": "ท",
        "ภ": "พ",
        "ฬ": "ล",
        "ฆ": "ค",
        "ญ": "ย",
        "\u0e39": "\u0e38",  # sara uu -> sara u
        "\u0e35": "\u0e34",  # sara ii -> sara i
        "\u0e37": "\u0e36",  # sara uee -> sara ue
    }
)


def skeleton(text: str) -> str:
    """The key of a gazetteer term (input must already be normalised and lower-case)."""
    return "".join(ch for ch in text if ch not in _DROP).translate(_FOLD)


def skeleton_with_map(text: str) -> tuple[str, list[int]]:
    """The key of a text plus, for each key character, its index in ``text``."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        chars.append(ch)
        index.append(i)
    return "".join(chars).translate(_FOLD), index
