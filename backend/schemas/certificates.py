"""Certificates: revoking one (with the reason), and setting the rule a course's registrations must meet to
earn one (Update: the fields of the certificates service's Rule)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from backend.schemas.base import request_model
from backend.services.certificates import Rule

__all__ = ["CertificateRevoke", "CertificateRuleUpdate"]


class CertificateRevoke(BaseModel):
    reason: str = Field(min_length=1, max_length=255)


CertificateRuleUpdate = request_model(Rule, name="CertificateRuleUpdate", module=__name__)
