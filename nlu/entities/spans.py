"""Entity candidates found on the normalised text, before they are mapped back."""

from __future__ import annotations

from dataclasses import dataclass

from nlu.types import EntityValue

#: lower wins when candidates overlap
PRIORITY = {"course_code": 0, "date": 1, "session_no": 2}
GAZETTEER_PRIORITY = 3


@dataclass(frozen=True, slots=True)
class Span:
    """An entity candidate: ``[start, end)`` in the normalised text."""

    start: int
    end: int
    type: str
    value: EntityValue

    @property
    def priority(self) -> int:
        return PRIORITY.get(self.type, GAZETTEER_PRIORITY)


def resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Keep the best non-overlapping candidates (priority, then length), in text order."""
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.priority, -(s.end - s.start), s.start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    chosen.sort(key=lambda s: s.start)
    return chosen
