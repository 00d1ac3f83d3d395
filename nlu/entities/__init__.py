"""Entity extraction: gazetteers, dates, session numbers and course codes."""

from __future__ import annotations

import datetime as dt

from nlu.entities.course_codes import find_course_codes
from nlu.entities.dates import find_dates
from nlu.entities.gazetteer import BLOCK, Gazetteer
from nlu.entities.resources import all_terms, context_rules, cues, phrases
from nlu.entities.sessions import find_sessions
from nlu.entities.spans import Span, resolve_overlaps
from nlu.normalize import MappedText
from nlu.types import Entity

__all__ = ["EntityExtractor", "Span"]


class EntityExtractor:
    """Finds entities in a normalised message and maps them back to the original text."""

    def __init__(self) -> None:
        from pythainlp.corpus import thai_words

        cue_data = cues()
        negation = cue_data["negation"]
        self.gazetteer = Gazetteer(
            all_terms(),
            weak_cues=cue_data["weak_cues"],
            negation_cues=negation["cues"],
            negation_links=negation["links"],
            negation_after=negation.get("after", []),
            conjunctions=cue_data["coordination"]["conjunctions"],
            conjunction_fillers=cue_data["coordination"]["fillers"],
            phrases=phrases(),
            context_rules=context_rules(),
            words=thai_words(),
        )

    def spans(self, text: str, today: dt.date) -> list[Span]:
        """Non-overlapping entity candidates in normalised ``text``."""
        candidates = find_course_codes(text)
        candidates += find_dates(text, today)
        candidates += find_sessions(text)
        candidates += self.gazetteer.find(text)
        return [s for s in resolve_overlaps(candidates) if s.type != BLOCK]

    def extract(self, mapped: MappedText, today: dt.date) -> list[Entity]:
        entities: list[Entity] = []
        for span in self.spans(mapped.text, today):
            start, end = mapped.original_span(span.start, span.end)
            entities.append(Entity(span.type, span.value, mapped.original[start:end], start, end))
        return entities
