"""Members as admins see them through the REST API, with their registrations; a PDPA erasure report.

Public models are the members service's dataclasses as the API shows them (public_model).
"""

from __future__ import annotations

from backend.schemas.base import PublicModel, public_model
from backend.schemas.registrations import MemberRegistrationPublic
from backend.services.members.views import DeletionReport, MemberInfo, MemberPage

__all__ = ["DeletionReportPublic", "MemberDetailPublic", "MemberPagePublic", "MemberPublic"]

@public_model(MemberInfo)
class MemberPublic(PublicModel):
    pass


class MemberDetailPublic(MemberPublic):
    registrations: list[MemberRegistrationPublic]


@public_model(MemberPage, nested={MemberInfo: MemberPublic})
class MemberPagePublic(PublicModel):
    pass


@public_model(DeletionReport, exclude=("promoted", "conversation_messages_deleted", "certificates_anonymised"))
class DeletionReportPublic(PublicModel):
    pass
