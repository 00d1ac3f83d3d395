"""Certificates: revoking one (with the reason), and the rule a course's registrations must meet to earn one
(Update and Public: the fields of the certificates service's Rule)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from backend.schemas.base import public_model, request_model
from backend.services.certificates import Rule

__all__ = ["CertificateRevoke", "CertificateRulePublic", "CertificateRuleUpdate"]


class CertificateRevoke(BaseModel):
    reason: str = Field(min_length=1, max_length=255)


CertificateRuleUpdate = request_model(Rule, name="CertificateRuleUpdate", module=__name__)
CertificateRulePublic = public_model(Rule, name="CertificateRulePublic", module=__name__)
