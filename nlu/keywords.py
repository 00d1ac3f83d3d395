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
from nlu.entities.skeleton import skeleton

KEYWORDS_PATH = Path(__file__).resolve().parent / "data" / "intent_keywords.yaml"
#: keyword features weigh this much more than one character n-gram feature
KEYWORD_BOOST = 3.0


class KeywordMatcher:
    def __init__(self, path: Path = KEYWORDS_PATH) -> None:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=loader)
        self._patterns: list[tuple[str, re.Pattern[str]]] = []
        for intent, words in data.items():
            alternatives = []
            for word in sorted({text_item(w, path.name).lower() for w in words}, key=len, reverse=True):
                key = re.escape(skeleton(word))
                if word.isascii() and word[:1].isalpha():
                    key = f"(?<![a-z]){key}(?![a-z])"
                alternatives.append(key)
            self._patterns.append((intent, re.compile("|".join(alternatives))))

    def counts(self, text: str) -> dict[str, int]:
        """``{"k<intent>": number of keyword hits}`` for normalised ``text``."""
        key = skeleton(text)
        found: dict[str, int] = {}
        for intent, pattern in self._patterns:
            n = len(pattern.findall(key))
            if n:
                found["k" + intent] = n
        return found
