"""Registrations as the REST API shows them: a member's own list, and who registered for a session.

Public models are the registration service's dataclasses as the API shows them (public_model).
"""

from __future__ import annotations

from backend.schemas.base import public_model
from backend.services.registration import MemberRegistration, SessionRegistrant

__all__ = ["MemberRegistrationPublic", "SessionRegistrantPublic"]

MemberRegistrationPublic = public_model(MemberRegistration, name="MemberRegistrationPublic", module=__name__,
                                        exclude=("venue", "cancellable", "created_at"))
SessionRegistrantPublic = public_model(SessionRegistrant, name="SessionRegistrantPublic", module=__name__)
