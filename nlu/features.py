"""Sparse features of a message for the intent classifier (shared by training and inference)."""

from __future__ import annotations

import re
from collections.abc import Iterable

#: only the beginning of a long message is used for the intent
MAX_FEATURE_CHARS = 300
CHAR_NGRAMS = (1, 2, 3, 4)

_DIGITS = re.compile(r"\d")


def message_features(
    text: str, tokens: list[str], entity_types: Iterable[str], keyword_counts: dict[str, int] | None = None
) -> dict[str, int]:
    """Feature counts: character 1-4-grams, words, word pairs, entity types and intent keywords.

    ``text`` is the normalised message; digits are folded to 0 so that รุ่น 2 and
    รุ่น 7 look alike.
    """
    counts: dict[str, int] = {}
    padded = " " + _DIGITS.sub("0", text[:MAX_FEATURE_CHARS]) + " "
    length = len(padded)
    for n in CHAR_NGRAMS:
        for i in range(length - n + 1):
            gram = padded[i : i + n]
            if gram.isspace():
                continue
            key = "c" + gram
            counts[key] = counts.get(key, 0) + 1
    words = [_DIGITS.sub("0", t) for t in tokens]
    for w in words:
        key = "w" + w
        counts[key] = counts.get(key, 0) + 1
    for a, b in zip(words, words[1:], strict=False):
        key = "b" + a + "|" + b
        counts[key] = counts.get(key, 0) + 1
    for etype in set(entity_types):
        counts["e" + etype] = 1
    if keyword_counts:
        counts.update(keyword_counts)
    return counts
