"""The NLU pipeline: normalise -> fix keyboard layout -> entities -> tokens -> intent.

``courtesy_rule=True`` adds a rule after the classifier: a message read as thanks or a greeting
is read again without its courtesy words (ขอบคุณค่ะ แล้วขอยกเลิกรุ่นที่ 2 ด้วย) and a clear request
in the rest wins (see :mod:`nlu.courtesy`). It is off: on both evaluation sets it did worse than
the classifier trained on such messages (it also fires on สวัสดีค่ะ คุณแอดมิน), see
``bench/nlu_compare.py``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

from nlu import _env  # noqa: F401
from nlu.courtesy import without_courtesy
from nlu.entities import EntityExtractor
from nlu.features import MAX_FEATURE_CHARS, message_features
from nlu.intent import FALLBACK_INTENT, MODEL_PATH, IntentModel
from nlu.keywords import KeywordMatcher
from nlu.layout import LayoutFixer, typed_case
from nlu.normalize import MappedText, normalize
from nlu.requests import request_cues
from nlu.tokenize import Tokenizer
from nlu.types import Entity, Parse

#: messages are read up to this many characters (LINE allows 5,000)
MAX_MESSAGE_CHARS = 500
#: how many recent (message, day) parses are kept: rich-menu taps and common phrases repeat all day
PARSE_CACHE_SIZE = 4096
#: longer messages are rarely typed twice; they are parsed without being kept
CACHED_MESSAGE_CHARS = 120
_HAS_WORD = re.compile(r"[0-9a-z\u0e01-\u0e2e]")
#: intents a courtesy word can hide, and how sure the rest of the message must be to win over them
COURTESY_INTENTS = frozenset({"thanks", "greet"})
REQUEST_AFTER_COURTESY = 0.5


def _is_meaningless(text: str) -> bool:
    """Nothing to read: empty, emoji, punctuation or a lone digit."""
    return _HAS_WORD.search(text) is None


class Pipeline:
    """Everything loaded once; :meth:`parse` is pure and thread-safe."""

    def __init__(
        self, model_path: Path = MODEL_PATH, *, tokenizer_engine: str = "auto", courtesy_rule: bool = False
    ) -> None:
        from pythainlp.corpus import thai_words
        from threadpoolctl import ThreadpoolController

        self.entities = EntityExtractor()
        self.tokenizer = Tokenizer(_domain_words(), engine=tokenizer_engine)
        self.model = IntentModel.load(model_path)
        self.keywords = KeywordMatcher()
        self.requests = request_cues() if "requests" in self.model.meta.get("features", ()) else None
        self.courtesy_rule = courtesy_rule
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

    def ranking(self, text: str, entity_types: list[str], tokens: list[str]) -> list[tuple[str, float]]:
        """Every intent with its probability, best first, for normalised ``text`` and its tokens."""
        text = text[:MAX_FEATURE_CHARS]
        counts = message_features(text, tokens, entity_types, self.keywords.counts(text))
        if self.requests is not None:
            counts.update(self.requests.features(text, tokens))
        with self._threads.limit(limits=1):
            probs = self.model.probabilities(counts)
        order = probs.argsort()[::-1]
        return [(self.model.intents[i], float(probs[i])) for i in order]

    def _request_after_courtesy(
        self, text: str, entity_types: list[str]
    ) -> list[tuple[str, float]] | None:
        """The ranking of ``text`` without its thanks or greeting, when that is a clear request."""
        rest = without_courtesy(text[:MAX_FEATURE_CHARS])
        if rest is None:
            return None
        ranking = self.ranking(rest, entity_types, self.tokenizer.tokenize(rest))
        intent, probability = ranking[0]
        if intent in COURTESY_INTENTS or intent == FALLBACK_INTENT or probability < REQUEST_AFTER_COURTESY:
            return None
        return ranking

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
        types = [e.type for e in entities]
        ranking = self.ranking(mapped.text, types, tokens)
        if self.courtesy_rule and ranking[0][0] in COURTESY_INTENTS:
            ranking = self._request_after_courtesy(mapped.text, types) or ranking
        intent, confidence = ranking[0]
        if intent != FALLBACK_INTENT and confidence < self.model.fallback_threshold:
            intent = FALLBACK_INTENT
            confidence = dict(ranking)[FALLBACK_INTENT]
            return Parse(intent, confidence, entities, ranking)
        return Parse(intent, confidence, entities, ranking, self.model.close_pair(ranking))


def _domain_words() -> list[str]:
    from nlu.entities.resources import domain_words

    return domain_words()

