"""Result types returned by :func:`nlu.parse`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INTENTS: tuple[str, ...] = (
    "greet",
    "thanks",
    "help",
    "search_courses",
    "register",
    "cancel_registration",
    "my_registrations",
    "evaluate",
    "certificate",
    "update_profile",
    "delete_my_data",
    "contact_staff",
    "out_of_scope",
)

ENTITY_TYPES: tuple[str, ...] = (
    "topic",
    "target_group",
    "modality",
    "province",
    "session_no",
    "date",
    "course_code",
)

EntityValue = str | int | dict[str, str]


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity found in a message.

    ``start``/``end`` are character offsets into the text the caller passed in
    (``text == original[start:end]``), whatever normalisation happened inside.
    ``value`` is a code (``str``), an ``int`` for ``session_no`` or
    ``{"start": ISO date, "end": ISO date}`` for ``date``.
    """

    type: str
    value: EntityValue
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        value = dict(self.value) if isinstance(self.value, dict) else self.value
        return {"type": self.type, "value": value, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Parse:
    """What a message means: an intent with a confidence, and entities.

    ``ranking`` holds the most likely intents with their probabilities, best
    first (the bot offers them as quick replies when ``confidence`` is low).
    ``clarify`` is set when the two most likely intents are too close to pick
    one (register or search_courses?): the pair, best first, for the bot to ask
    one short question; ``intent`` is still the better of the two.
    """

    intent: str
    confidence: float
    entities: list[Entity] = field(default_factory=list)
    ranking: list[tuple[str, float]] = field(default_factory=list)
    clarify: tuple[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the NLU contract: intent, confidence, entities."""
        return {
            "intent": self.intent,
            "confidence": round(float(self.confidence), 4),
            "entities": [e.to_dict() for e in self.entities],
        }

    def first(self, entity_type: str) -> Entity | None:
        """The first entity of a type, or ``None``."""
        return next((e for e in self.entities if e.type == entity_type), None)

    def values(self, entity_type: str) -> list[EntityValue]:
        """The values of all entities of a type, in text order, without repeats."""
        seen: list[EntityValue] = []
        for e in self.entities:
            if e.type == entity_type and e.value not in seen:
                seen.append(e.value)
        return seen
