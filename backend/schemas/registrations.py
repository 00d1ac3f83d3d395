"""Registrations as the REST API shows them: a member's own list, and who registered for a session.

Public models are the registration service's dataclasses as the API shows them (public_model).
"""

from __future__ import annotations

from backend.schemas.base import PublicModel, public_model
from backend.services.registration import MemberRegistration, SessionRegistrant

__all__ = ["MemberRegistrationPublic", "SessionRegistrantPublic"]

@public_model(MemberRegistration, exclude=("venue", "cancellable", "created_at"))
class MemberRegistrationPublic(PublicModel):
    pass


@public_model(SessionRegistrant)
class SessionRegistrantPublic(PublicModel):
    pass
