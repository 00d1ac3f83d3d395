"""The plain data the catalogue returns: courses with their tags and sessions, and pages of search results.

Callers read these; the REST API's response models are built from them (backend.schemas.catalogue).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from backend.services.session_seats import SessionInfo

__all__ = ["CourseDetail", "CoursePage", "CourseSummary", "SessionInfo", "Tag"]


@dataclass(frozen=True)
class Tag:
    code: str
    name_th: str


@dataclass
class CourseSummary:
    code: str
    title_th: str
    title_en: str
    provider: str
    topics: list[Tag]
    skill_areas: list[Tag]
    target_groups: list[Tag]
    hours: float
    modality: str
    fee: float
    status: str
    next_session: SessionInfo | None
    """The soonest upcoming session matching the search filters, preferring one with seats left."""


@dataclass
class CourseDetail(CourseSummary):
    description: str = ""
    certification_no: str = ""
    certified_on: dt.date | None = None
    certification_expires: dt.date | None = None
    sessions: list[SessionInfo] = field(default_factory=list)


@dataclass
class CoursePage:
    items: list[CourseSummary]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return (self.total + self.page_size - 1) // self.page_size if self.total else 0
