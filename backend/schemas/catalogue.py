"""Courses and sessions: what clients send (Create/Update) and what they get back (Public)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from backend.models import Modality
from backend.services.session_seats import check_session_dates

CourseCode = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-/]*$")
]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Text500 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
NonEmpty500 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
ProviderName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]


def _no_control_characters(value: Any) -> Any:
    if isinstance(value, str):
        if any(ch in value for ch in "\x00\ufffe\uffff") or any(0xD800 <= ord(ch) <= 0xDFFF for ch in value):
            raise ValueError("contains characters that are not allowed")
    elif isinstance(value, dict):
        for item in value.values():
            _no_control_characters(item)
    elif isinstance(value, list):
        for item in value:
            _no_control_characters(item)
    return value


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _reject_nul(cls, data: Any) -> Any:
        """NUL and other non-characters cannot be stored: a 422, not a database error."""
        return _no_control_characters(data)


class CourseCreate(_Input):
    code: CourseCode = Field(description="Course code, unique (e.g. ONDE-AI-001)")
    title_th: NonEmpty500
    title_en: Text500 = ""
    provider: ProviderName = Field(description="Training provider (institute) name; created if new")
    description: Annotated[str, StringConstraints(max_length=20_000)] = ""
    topics: list[Code] = Field(min_length=1, max_length=10, description="Topic codes, e.g. ai, data")
    skill_areas: list[Code] = Field(default_factory=list, max_length=7, description="Skill-area codes")
    target_groups: list[Code] = Field(min_length=1, max_length=6, description="Target-group codes")
    hours: Decimal = Field(gt=0, le=1000, decimal_places=1)
    modality: Modality
    fee: Decimal = Field(default=Decimal(0), ge=0, le=10_000_000, decimal_places=2)
    certification_no: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    certified_on: dt.date | None = None
    certification_expires: dt.date | None = None
    status: Literal["active", "draft"] = "active"

    @model_validator(mode="after")
    def _expiry_after_certification(self) -> CourseCreate:
        if self.certified_on and self.certification_expires and self.certification_expires < self.certified_on:
            raise ValueError("certification_expires must not be before certified_on")
        return self


class CourseUpdate(_Input):
    """Only the fields given are changed."""

    title_th: NonEmpty500 | None = None
    title_en: Text500 | None = None
    provider: ProviderName | None = None
    description: Annotated[str, StringConstraints(max_length=20_000)] | None = None
    topics: list[Code] | None = Field(default=None, min_length=1, max_length=10)
    skill_areas: list[Code] | None = Field(default=None, max_length=7)
    target_groups: list[Code] | None = Field(default=None, min_length=1, max_length=6)
    hours: Decimal | None = Field(default=None, gt=0, le=1000, decimal_places=1)
    modality: Modality | None = None
    fee: Decimal | None = Field(default=None, ge=0, le=10_000_000, decimal_places=2)
    certification_no: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    certified_on: dt.date | None = None
    certification_expires: dt.date | None = None
    status: Literal["active", "draft", "retired"] | None = None


class SessionCreate(_Input):
    no: int | None = Field(default=None, ge=1, le=10_000, description="Session number; next free one if omitted")
    start_date: dt.date
    end_date: dt.date
    province: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = Field(
        default=None, description="Official Thai province name; omit for online sessions"
    )
    online: bool = False
    venue: Text500 = ""
    capacity: int = Field(ge=1, le=100_000)
    registration_opens: dt.date | None = None
    registration_closes: dt.date | None = None
    trainer_id: int | None = Field(default=None, ge=1, description="Staff user (trainer) running the session")

    @model_validator(mode="after")
    def _dates_in_order(self) -> SessionCreate:
        check_session_dates(self.start_date, self.end_date, self.registration_opens, self.registration_closes)
        return self


class SessionUpdate(_Input):
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    province: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    online: bool | None = None
    venue: Text500 | None = None
    capacity: int | None = Field(default=None, ge=1, le=100_000)
    registration_opens: dt.date | None = None
    registration_closes: dt.date | None = None
    trainer_id: int | None = Field(default=None, ge=1)
    status: Literal["open", "cancelled"] | None = None


# ---- responses -------------------------------------------------------------------------------


class _Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class TagPublic(_Output):
    code: str
    name_th: str


class SessionPublic(_Output):
    id: int
    course_code: str
    course_title_th: str
    no: int
    start_date: dt.date
    end_date: dt.date
    province: str | None
    online: bool
    venue: str
    capacity: int
    seats_taken: int
    seats_left: int
    waitlisted: int
    registration_opens: dt.date | None
    registration_closes: dt.date | None
    status: str
    trainer_id: int | None
    registration_state: str = Field(
        description="open | not_open_yet | closed | past | cancelled | course_unavailable"
    )
    is_open_for_registration: bool


class CourseSummaryPublic(_Output):
    code: str
    title_th: str
    title_en: str
    provider: str
    topics: list[TagPublic]
    skill_areas: list[TagPublic]
    target_groups: list[TagPublic]
    hours: float
    modality: str
    fee: float
    status: str
    next_session: SessionPublic | None


class CoursePublic(CourseSummaryPublic):
    description: str
    certification_no: str
    certified_on: dt.date | None
    certification_expires: dt.date | None
    sessions: list[SessionPublic]


class CoursePagePublic(_Output):
    items: list[CourseSummaryPublic]
    total: int
    page: int
    page_size: int
    pages: int
