"""Courses and their sessions (รุ่น): what clients send (Create, Update) and what they get back (Public).

Create models hold the input rules; Update models are the same fields, all optional (all_optional);
Public models are the catalogue service's dataclasses as the API shows them (public_model).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints, model_validator

from backend.models import Modality
from backend.schemas.base import InputModel, PublicModel, all_optional, public_model
from backend.schemas.bounds import MAX_DB_ID, BoundedDate
from backend.services.catalogue.views import CourseDetail, CoursePage, CourseSummary, SessionInfo, Tag
from backend.services.registration import Promotion
from backend.services.session_seats import check_session_dates

__all__ = [
    "CourseCreate",
    "CoursePagePublic",
    "CoursePublic",
    "CourseSummaryPublic",
    "CourseUpdate",
    "Modality",
    "PromotedPublic",
    "SessionCreate",
    "SessionPublic",
    "SessionUpdate",
    "SessionUpdated",
    "TagPublic",
]

CourseCode = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9._\-/]*$")
]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
Text500 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
NonEmpty500 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
ProviderName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]


# ---- courses ---------------------------------------------------------------------------------


class CourseCreate(InputModel):
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
    certified_on: BoundedDate | None = None
    certification_expires: BoundedDate | None = None
    status: Literal["active", "draft"] = "active"

    @model_validator(mode="after")
    def _expiry_after_certification(self) -> CourseCreate:
        if self.certified_on and self.certification_expires and self.certification_expires < self.certified_on:
            raise ValueError("certification_expires must not be before certified_on")
        return self


@all_optional(CourseCreate, exclude=("code",), replace={"status": Literal["active", "draft", "retired"]})
class CourseUpdate(InputModel):
    """Only the fields given are changed."""


@public_model(Tag)
class TagPublic(PublicModel):
    pass


# ---- sessions --------------------------------------------------------------------------------


class SessionCreate(InputModel):
    no: int | None = Field(default=None, ge=1, le=10_000, description="Session number; next free one if omitted")
    start_date: BoundedDate
    end_date: BoundedDate
    province: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = Field(
        default=None, description="Official Thai province name; omit for online sessions"
    )
    online: bool = False
    venue: Text500 = ""
    capacity: int = Field(ge=1, le=100_000)
    registration_opens: BoundedDate | None = None
    registration_closes: BoundedDate | None = None
    trainer_id: int | None = Field(default=None, ge=1, le=MAX_DB_ID, description="Staff user (trainer) running the session")

    @model_validator(mode="after")
    def _dates_in_order(self) -> SessionCreate:
        check_session_dates(self.start_date, self.end_date, self.registration_opens, self.registration_closes)
        return self


@all_optional(SessionCreate, exclude=("no",), replace={"status": Literal["open", "cancelled"]})
class SessionUpdate(InputModel):
    """Only the fields given are changed."""


@public_model(
    SessionInfo,
    properties={"seats_left": "seats_taken", "is_open_for_registration": None},
    descriptions={"registration_state": "open | not_open_yet | closed | past | cancelled | course_unavailable"},
)
class SessionPublic(PublicModel):
    pass


@public_model(Promotion, include=("registration_id", "member_id"))
class PromotedPublic(PublicModel):
    pass


class SessionUpdated(BaseModel):
    session: SessionPublic
    promoted: list[PromotedPublic]
    """Waitlisted members who got a seat because the capacity went up."""


# ---- courses as returned ---------------------------------------------------------------------

@public_model(CourseSummary, nested={Tag: TagPublic, SessionInfo: SessionPublic})
class CourseSummaryPublic(PublicModel):
    pass


@public_model(CourseDetail, nested={Tag: TagPublic, SessionInfo: SessionPublic})
class CoursePublic(PublicModel):
    pass


@public_model(CoursePage, properties={"pages": None}, nested={CourseSummary: CourseSummaryPublic})
class CoursePagePublic(PublicModel):
    pass
