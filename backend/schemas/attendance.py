"""Attendance: the registrations (by member id or registration id) a trainer marks as attended, or unmarks."""

from __future__ import annotations

from pydantic import BaseModel, Field

from backend.schemas.bounds import DbId

__all__ = ["AttendanceUpdate"]


class AttendanceUpdate(BaseModel):
    member_ids: list[DbId] = Field(default_factory=list, max_length=10_000)
    registration_ids: list[DbId] = Field(default_factory=list, max_length=10_000)
    attended: bool = True
