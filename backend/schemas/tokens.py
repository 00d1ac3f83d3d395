"""API tokens of staff users: what admins send to issue one (Create), what the API shows (Public), and the
new token itself, shown once (Created)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from backend.schemas.base import InputModel, PublicModel, public_model
from backend.schemas.bounds import MAX_DB_ID
from backend.services.auth import TokenInfo

__all__ = ["TokenCreate", "TokenCreated", "TokenPublic"]


class TokenCreate(InputModel):
    """A token for an existing staff user (user_id), or for a new/existing one by username."""

    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    user_id: int | None = Field(default=None, ge=1, le=MAX_DB_ID)
    username: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100,
                                               pattern=r"^[A-Za-z0-9._@-]+$")] | None = None
    role: Literal["admin", "trainer", "coordinator"] | None = Field(default=None,
                                                                    description="Needed to create a new user")
    agency_id: int | None = Field(default=None, ge=1, le=MAX_DB_ID,
                                  description="A new coordinator's agency (required for that role)")
    display_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=255)] = ""


@public_model(TokenInfo)
class TokenPublic(PublicModel):
    pass


class TokenCreated(TokenPublic):
    token: str = Field(description="The token itself: shown only now, store it safely")
    role: str
