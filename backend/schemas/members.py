"""Members as admins see them through the REST API, with their registrations; a PDPA erasure report.

Public models are the members service's dataclasses as the API shows them (public_model).
"""

from __future__ import annotations

from backend.schemas.base import public_model
from backend.schemas.registrations import MemberRegistrationPublic
from backend.services.members.views import DeletionReport, MemberInfo, MemberPage

__all__ = ["DeletionReportPublic", "MemberDetailPublic", "MemberPagePublic", "MemberPublic"]

MemberPublic = public_model(MemberInfo, name="MemberPublic", module=__name__)


class MemberDetailPublic(MemberPublic):
    registrations: list[MemberRegistrationPublic]


MemberPagePublic = public_model(MemberPage, name="MemberPagePublic", module=__name__, nested={MemberInfo: MemberPublic})

DeletionReportPublic = public_model(
    DeletionReport, name="DeletionReportPublic", module=__name__,
    exclude=("promoted", "conversation_messages_deleted", "certificates_anonymised"),
)
