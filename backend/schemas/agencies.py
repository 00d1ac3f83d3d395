"""Government agencies: what admins send to add one (Create) and what the API shows (Public)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from backend.schemas.base import InputModel, PublicModel, public_model
from backend.schemas.bounds import MAX_DB_ID
from backend.services.members.views import AgencyInfo

__all__ = ["AgencyCreate", "AgencyPublic"]


class AgencyCreate(InputModel):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    short_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    ministry: Annotated[str, StringConstraints(strip_whitespace=True, max_length=255)] = ""
    aliases: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]] = Field(
        default_factory=list, max_length=50
    )
    parent_id: int | None = Field(default=None, ge=1, le=MAX_DB_ID,
                                  description="The agency this one is a sub-unit of (its coordinator sees it too)")


@public_model(AgencyInfo)
class AgencyPublic(PublicModel):
    pass
