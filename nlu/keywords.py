"""Intent keywords (``nlu/data/intent_keywords.yaml``) as classifier features.

Each intent has a list of words that point to it. They are matched on the
spelling key of the message (see :mod:`nlu.entities.skeleton`), so a keyword
also matches its common misspellings; the classifier learns how much each
intent's keywords count.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from nlu.entities.resources import text_item
from nlu.entities.skeleton import skeleton, skeleton_with_map
from nlu.entities.trie import trie_regex

KEYWORDS_PATH = Path(__file__).resolve().parent / "data" / "intent_keywords.yaml"
#: keyword features weigh this much more than one character n-gram feature
KEYWORD_BOOST = 3.0


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


class KeywordMatcher:
    def __init__(self, path: Path = KEYWORDS_PATH) -> None:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=loader)
        self._patterns: list[tuple[str, re.Pattern[str]]] = []
        self._words: set[str] = set()
        for intent, words in data.items():
            self._words.update(text_item(w, path.name) for w in words)
            keys = {skeleton(text_item(w, path.name).lower()) for w in words}
            self._patterns.append((intent, re.compile(trie_regex(k for k in keys if k))))

    def thai_words(self) -> set[str]:
        """The Thai keywords as written (words users type, for the keyboard-layout check)."""
        return {w for w in self._words if any("\u0e01" <= ch <= "\u0e4e" for ch in w) and " " not in w}

    def counts(self, text: str) -> dict[str, int]:
        """``{"k<intent>": number of keyword hits}`` for normalised ``text``."""
        key, index = skeleton_with_map(text)
        found: dict[str, int] = {}
        for intent, pattern in self._patterns:
            n = 0
            for m in pattern.finditer(key):
                if m.start() == m.end():
                    continue
                # a Latin keyword must be a whole word in the text ("hi" is not in "this")
                a, b = index[m.start()], index[m.end() - 1] + 1
                if _is_latin(text[a]) and a > 0 and _is_latin(text[a - 1]):
                    continue
                if _is_latin(text[b - 1]) and b < len(text) and _is_latin(text[b]):
                    continue
                n += 1
            if n:
                found["k" + intent] = n
        return found
