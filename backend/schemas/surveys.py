"""Surveys: a template admins save (Create), and a survey sent to a session's attendees (Create) with how far
it got (Public: the surveys service's DispatchStatus)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, Field

from backend.schemas.base import PublicModel, public_model
from backend.schemas.bounds import BoundedDateTime
from backend.services.surveys import DispatchStatus

__all__ = ["SurveyDispatchCreate", "SurveyDispatchPublic", "SurveyTemplateCreate"]


class SurveyTemplateCreate(BaseModel):
    code: str = Field(min_length=1, max_length=60)
    title_th: str = Field(min_length=1, max_length=300)
    level: int = Field(ge=1, le=3)
    anonymous: bool = False
    questions: list[dict[str, Any]]


class SurveyDispatchCreate(BaseModel):
    template: str = Field(description="survey template code, e.g. l1_satisfaction")
    deadline: BoundedDateTime = Field(description="ISO 8601 with time zone")
    phase: str = Field("", pattern="^(|pre|post)$", description="L2 self-rating: pre or post")
    anonymous: bool | None = None
    reminder_days: list[Annotated[int, Field(ge=1, le=60)]] | None = Field(
        None, max_length=2, description="days after dispatch, at most 2, default [2, 5]")


@public_model(DispatchStatus)
class SurveyDispatchPublic(PublicModel):
    pass
