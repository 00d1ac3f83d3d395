"""Reading certificates as plain data: one for its document or the verification page, a member's list."""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass
from decimal import Decimal

from backend.clock import BANGKOK
from backend.models import Certificate
from backend.services.certificates.numbering import normalize_check_code
from backend.services.errors import NotFound


class CertificateNotFound(NotFound):
    code = "certificate_not_found"
    default_detail = "certificate not found"
    default_message_th = "ขออภัยค่ะ ไม่พบวุฒิบัตรนี้"


@dataclass
class CertificateView:
    number: str
    name: str
    course_title: str
    course_code: str
    provider: str
    hours: Decimal
    skill_areas: list[str]
    session_no: int
    start_date: dt.date
    end_date: dt.date
    issued_on: dt.date
    status: str  # valid | revoked
    check_code: str = ""
    revoke_reason: str = ""
    certification_no: str = ""  # the course's certification number (เลขที่การรับรองหลักสูตร)
    provider_id: int | None = None


async def certificate_view(cert: Certificate) -> CertificateView:
    await cert.fetch_related("course__provider", "course__skill_areas", "session")
    course = cert.course
    return CertificateView(
        number=cert.number, name=cert.name_on_certificate, course_title=course.title_th, course_code=course.code,
        provider=course.provider.name, hours=cert.hours,
        skill_areas=[s.name_th for s in sorted(course.skill_areas, key=lambda s: (s.sort_order, s.code))],
        session_no=cert.session.no, start_date=cert.session.start_date, end_date=cert.session.end_date,
        issued_on=cert.issued_at.astimezone(BANGKOK).date(),
        status="revoked" if cert.revoked_at else "valid", check_code=cert.check_code,
        revoke_reason=cert.revoke_reason, certification_no=course.certification_no,
        provider_id=course.provider.id)


async def verify(number: str, check_code: str) -> CertificateView | None:
    """The certificate when both its number and its check code match; None otherwise, whether the number
    exists or not (so that numbers cannot be tried one after another)."""
    cert = await Certificate.get_or_none(number=number.strip().upper()[:40])
    given = normalize_check_code(check_code)
    if cert is None or not cert.check_code or not hmac.compare_digest(given.encode(), cert.check_code.encode()):
        return None
    return await certificate_view(cert)


@dataclass(frozen=True)
class MemberCertificate:
    """One of a member's certificates, as their list in chat shows it."""

    number: str
    course_title: str
    hours: Decimal
    issued_on: dt.date
    status: str  # valid | revoked
    check_code: str


async def certificates_of_member(member_id: int) -> list[MemberCertificate]:
    """The member's certificates, newest first."""
    certs = await Certificate.filter(member_id=member_id).select_related("course").order_by("-issued_at")
    return [MemberCertificate(number=c.number, course_title=c.course.title_th, hours=c.hours,
                              issued_on=c.issued_at.astimezone(BANGKOK).date(),
                              status="revoked" if c.revoked_at else "valid", check_code=c.check_code)
            for c in certs]
