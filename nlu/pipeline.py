"""The NLU pipeline: normalise -> fix keyboard layout -> entities -> tokens -> intent."""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

from nlu import _env  # noqa: F401
from nlu.entities import EntityExtractor
from nlu.features import MAX_FEATURE_CHARS, message_features
from nlu.intent import FALLBACK_INTENT, MODEL_PATH, IntentModel
from nlu.keywords import KeywordMatcher
from nlu.layout import LayoutFixer, typed_case
from nlu.normalize import MappedText, normalize
from nlu.tokenize import Tokenizer
from nlu.types import Entity, Parse

#: messages are read up to this many characters (LINE allows 5,000)
MAX_MESSAGE_CHARS = 500
#: how many recent (message, day) parses are kept: rich-menu taps and common phrases repeat all day
PARSE_CACHE_SIZE = 4096
#: longer messages are rarely typed twice; they are parsed without being kept
CACHED_MESSAGE_CHARS = 120
_HAS_WORD = re.compile(r"[0-9a-z\u0e01-\u0e2e]")


def _is_meaningless(text: str) -> bool:
    """Nothing to read: empty, emoji, punctuation or a lone digit."""
    return _HAS_WORD.search(text) is None


class Pipeline:
    """Everything loaded once; :meth:`parse` is pure and thread-safe."""

    def __init__(self, model_path: Path = MODEL_PATH, *, tokenizer_engine: str = "auto") -> None:
        from pythainlp.corpus import thai_words
        from threadpoolctl import ThreadpoolController

        self.entities = EntityExtractor()
        self.tokenizer = Tokenizer(_domain_words(), engine=tokenizer_engine)
        self.model = IntentModel.load(model_path)
        self.keywords = KeywordMatcher()
        self.layout = LayoutFixer(
            self.tokenizer.tokenize,
            thai_words() | set(_domain_words()) | self.keywords.thai_words(),
            self.model.meta.get("latin_vocabulary", []),
        )
        self._threads = ThreadpoolController()
        self._recent = functools.lru_cache(maxsize=PARSE_CACHE_SIZE)(self.parse_fresh)

    def analyse(self, text: str, today: dt.date) -> tuple[MappedText, list[Entity], list[str]]:
        """The normalised message, its entities and its tokens."""
        mapped = normalize(text, max_chars=MAX_MESSAGE_CHARS)
        fixed = self.layout.looks_mistyped(mapped.text, typed_case(mapped))
        if fixed is not None:
            mapped = MappedText(fixed, mapped.starts, mapped.ends, mapped.original)
        entities = self.entities.extract(mapped, today)
        tokens = self.tokenizer.tokenize(mapped.text[:MAX_FEATURE_CHARS])
        return mapped, entities, tokens

    def ranking(
        self, mapped: MappedText, entities: list[Entity], tokens: list[str]
    ) -> list[tuple[str, float]]:
        text = mapped.text[:MAX_FEATURE_CHARS]
        counts = message_features(text, tokens, (e.type for e in entities), self.keywords.counts(text))
        with self._threads.limit(limits=1):
            probs = self.model.probabilities(counts)
        order = probs.argsort()[::-1]
        return [(self.model.intents[i], float(probs[i])) for i in order]

    def parse(self, text: str, today: dt.date) -> Parse:
        """What ``text`` means on ``today``. The same message on the same day gives the same answer, so
        short messages are answered from a bounded cache (a copy, so callers may change their lists)."""
        if len(text) > CACHED_MESSAGE_CHARS:
            return self.parse_fresh(text, today)
        found = self._recent(text, today)
        return Parse(found.intent, found.confidence, list(found.entities), list(found.ranking), found.clarify)

    def parse_fresh(self, text: str, today: dt.date) -> Parse:
        """:meth:`parse` without the cache."""
        mapped, entities, tokens = self.analyse(text, today)
        if _is_meaningless(mapped.text):
            return Parse(FALLBACK_INTENT, 1.0, entities, [(FALLBACK_INTENT, 1.0)])
        ranking = self.ranking(mapped, entities, tokens)
        intent, confidence = ranking[0]
        if intent != FALLBACK_INTENT and confidence < self.model.fallback_threshold:
            intent = FALLBACK_INTENT
            confidence = dict(ranking)[FALLBACK_INTENT]
            return Parse(intent, confidence, entities, ranking)
        return Parse(intent, confidence, entities, ranking, self.model.close_pair(ranking))


def _domain_words() -> list[str]:
    from nlu.entities.resources import domain_words

    return domain_words()
