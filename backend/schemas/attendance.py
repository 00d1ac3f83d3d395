"""Attendance: the registrations (by member id or registration id) a trainer marks as attended, or unmarks."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["AttendanceUpdate"]


class AttendanceUpdate(BaseModel):
    member_ids: list[int] = Field(default_factory=list)
    registration_ids: list[int] = Field(default_factory=list)
    attended: bool = True
