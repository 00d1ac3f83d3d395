"""Thai NLU for the ONDE digital-skills training bot.

``parse(text, today=...)`` turns a chat message into an intent with a
confidence and the entities it mentions (see the NLU contract in DOMAIN.md).
Everything is local: no database, no network, no downloads. Models and
dictionaries load on the first call or on :func:`warm_up`.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from nlu import _env  # noqa: F401  (must run before pythainlp is imported)
from nlu.types import ENTITY_TYPES, INTENTS, Entity, EntityValue, Parse

if TYPE_CHECKING:
    from nlu.pipeline import Pipeline

__all__ = [
    "ENTITY_TYPES",
    "INTENTS",
    "Entity",
    "EntityValue",
    "Parse",
    "intent_candidates",
    "mentions",
    "parse",
    "warm_up",
]

_pipeline: Pipeline | None = None
_lock = threading.Lock()
BANGKOK = ZoneInfo("Asia/Bangkok")
WARM_UP_DAY = dt.date(2026, 1, 1)  # any date: warming up only loads the models


def bangkok_today() -> dt.date:
    """Bangkok's date, for callers without a clock of their own (the command line). The bot passes the
    date of its injected clock instead."""
    return dt.datetime.now(BANGKOK).date()  # real clock: only when the caller gives no date


def _get_pipeline() -> Pipeline:
    global _pipeline
    if _pipeline is None:
        with _lock:
            if _pipeline is None:
                from nlu.pipeline import Pipeline

                _pipeline = Pipeline()
    return _pipeline


def warm_up() -> None:
    """Load the dictionaries and the model now (call once at start-up) and run one parse."""
    _get_pipeline().parse("สวัสดีค่ะ", WARM_UP_DAY)


def parse(text: str, *, today: dt.date | None = None, cache: bool = True) -> Parse:
    """Understand one chat message.

    ``today`` anchors relative dates (พรุ่งนี้, เดือนหน้า); it defaults to
    Bangkok's date (not the machine's local one). Any string is accepted: empty, emoji-only or very long messages
    give ``out_of_scope`` rather than an error. Entity offsets refer to ``text``.
    Short messages are answered from a bounded cache of recent parses; ``cache=False`` always
    runs the pipeline (benchmarks).
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    pipeline = _get_pipeline()
    return (pipeline.parse if cache else pipeline.parse_fresh)(text, today or bangkok_today())


def intent_candidates(text: str, k: int = 3) -> list[tuple[str, float]]:
    """The ``k`` most likely intents with their probabilities, best first."""
    return parse(text).ranking[:k]


def mentions(text: str, intent: str) -> bool:
    """Whether ``text`` holds one of the words that point to ``intent`` (``data/intent_keywords.yaml``, common
    misspellings included): "ชื่อบน" + a word for the certificate, however the member spells it."""
    from nlu.normalize import normalize

    return _get_pipeline().keywords.counts(normalize(text).text).get("k" + intent, 0) > 0
