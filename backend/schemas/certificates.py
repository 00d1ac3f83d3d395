"""Certificates: revoking one (with the reason), and the rule a course's registrations must meet to earn one
(Update and Public: the fields of the certificates service's Rule)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from backend.schemas.base import PublicModel, public_model, request_model
from backend.services.certificates import Rule

__all__ = ["CertificateRevoke", "CertificateRulePublic", "CertificateRuleUpdate"]


class CertificateRevoke(BaseModel):
    reason: str = Field(min_length=1, max_length=255)


@request_model(Rule)
class CertificateRuleUpdate(BaseModel):
    pass


@public_model(Rule)
class CertificateRulePublic(PublicModel):
    pass
