"""Members, agencies and staff tokens as the REST API shows them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from backend.schemas.catalogue import _Input


class _Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class MemberPublic(_Output):
    id: int
    line_user_id: str | None
    display_name: str
    agency_id: int | None
    agency_name: str
    agency_text: str
    position: str
    target_group: str | None
    province: str | None
    consent_at: dt.datetime | None
    consent_version: str
    active: bool
    created_at: dt.datetime
    deleted_at: dt.datetime | None


class MemberRegistrationPublic(_Output):
    registration_id: int
    status: str
    session_id: int
    session_no: int
    course_code: str
    course_title_th: str
    start_date: dt.date
    end_date: dt.date
    province: str | None
    online: bool
    session_status: str
    waitlist_position: int | None
    upcoming: bool


class MemberDetailPublic(MemberPublic):
    registrations: list[MemberRegistrationPublic]


class MemberPagePublic(_Output):
    items: list[MemberPublic]
    total: int


class DeletionReportPublic(_Output):
    member_id: int
    cleared_fields: list[str]
    registrations_kept_anonymous: int
    registrations_cancelled: list[int]
    deleted_at: dt.datetime


class SessionRegistrantPublic(_Output):
    registration_id: int
    member_id: int
    display_name: str
    agency: str
    position: str
    target_group: str | None
    status: str
    waitlist_position: int | None
    registered_at: dt.datetime | None
    created_at: dt.datetime


class AgencyCreate(_Input):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    short_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    ministry: Annotated[str, StringConstraints(strip_whitespace=True, max_length=255)] = ""
    aliases: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]] = Field(
        default_factory=list, max_length=50
    )


class AgencyPublic(_Output):
    id: int
    name: str
    short_name: str
    ministry: str
    aliases: list[str]


class TokenCreate(_Input):
    """A token for an existing staff user (user_id), or for a new/existing one by username."""

    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    user_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    username: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100,
                                               pattern=r"^[A-Za-z0-9._@-]+$")] | None = None
    role: Literal["admin", "trainer"] | None = Field(default=None, description="Needed to create a new user")
    display_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=255)] = ""


class TokenPublic(_Output):
    id: int
    user_id: int
    username: str
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreated(TokenPublic):
    token: str = Field(description="The token itself: shown only now, store it safely")
    role: str
