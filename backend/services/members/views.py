"""The plain data the members service returns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from backend.services.members.naming import full_official_name
from backend.services.registration import Promotion


@dataclass(frozen=True)
class MemberInfo:
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
    official_title: str = ""
    official_first_name: str = ""
    official_last_name: str = ""
    official_name_at: dt.datetime | None = None

    @property
    def official_name(self) -> str:
        """คำนำหน้า + ชื่อ + นามสกุล as certificates print it; empty until the member gave it."""
        return full_official_name(self.official_title, self.official_first_name, self.official_last_name)

    @property
    def has_consented(self) -> bool:
        return self.consent_at is not None and self.deleted_at is None

    @property
    def profile_complete(self) -> bool:
        return bool(self.target_group and (self.agency_id or self.agency_text))


@dataclass(frozen=True)
class AgencyInfo:
    id: int
    name: str
    short_name: str
    ministry: str
    aliases: list[str]
    parent_id: int | None = None
    """The agency this one is a sub-unit of."""


@dataclass(frozen=True)
class AgencyMatch:
    id: int
    name: str
    short_name: str
    score: float
    """0..1; 1 is an exact match of the name, short name or an alias."""


@dataclass(frozen=True)
class ProfileUpdate:
    member: MemberInfo
    agency_candidates: list[AgencyMatch] = field(default_factory=list)
    """When agency_text did not match one agency clearly: the likely ones, best first (ask the user)."""


@dataclass(frozen=True)
class DeletionReport:
    member_id: int
    cleared_fields: list[str]
    registrations_kept_anonymous: int
    registrations_cancelled: list[int]
    promoted: list[Promotion]
    deleted_at: dt.datetime
    conversation_messages_deleted: int = 0
    certificates_anonymised: int = 0


@dataclass(frozen=True)
class MemberPage:
    items: list[MemberInfo]
    total: int

