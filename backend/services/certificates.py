"""Certificates: who has earned one (rule per course), numbering, issuing, verification, download links."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from itsdangerous import BadSignature, URLSafeSerializer
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.clock import BANGKOK
from backend.models import (
    Certificate,
    CertificateRule,
    CertificateSequence,
    Registration,
    RegistrationEvent,
    RegistrationStatus,
    SurveyPhase,
    SurveyResponse,
)
from backend.services.errors import NotFound
from backend.services.surveys import ATTENDED

NUMBER_PREFIX = "ONDE"
# Check codes: 10 characters of Crockford's base32 (no I, L, O or U to misread), 50 random bits.
CHECK_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_LENGTH = 10


class CertificateNotFound(NotFound):
    code = "certificate_not_found"
    default_detail = "certificate not found"
    default_message_th = "ขออภัยค่ะ ไม่พบใบประกาศนียบัตรนี้ค่ะ"


@dataclass
class Rule:
    require_attendance: bool = True
    require_l1: bool = True
    require_l2_post: bool = False


async def rule_for_course(course_id: int) -> Rule:
    row = await CertificateRule.get_or_none(course_id=course_id)
    if row is None:
        return Rule()
    return Rule(row.require_attendance, row.require_l1, row.require_l2_post)


async def set_rule(course_id: int, rule: Rule) -> None:
    row = await CertificateRule.get_or_none(course_id=course_id)
    if row is None:
        await CertificateRule.create(course_id=course_id, **rule.__dict__)
    else:
        row.update_from_dict(rule.__dict__)
        await row.save()


async def _answered(registration: Registration, level: int, phase: str | None = None) -> bool:
    query = SurveyResponse.filter(member_id=registration.member_id,
                                  dispatch__session_id=registration.session_id,
                                  dispatch__template__level=level, completed_at__isnull=False)
    if phase is not None:
        query = query.filter(dispatch__phase=SurveyPhase(phase))
    return await query.exists()


async def is_eligible(registration: Registration) -> bool:
    session = registration.session
    rule = await rule_for_course(session.course_id)
    if registration.status == RegistrationStatus.cancelled or registration.status == RegistrationStatus.waitlisted:
        return False
    if rule.require_attendance and registration.status not in ATTENDED:
        return False
    if rule.require_l1 and not await _answered(registration, 1):
        return False
    return not (rule.require_l2_post and not await _answered(registration, 2, "post"))


def new_check_code() -> str:
    return "".join(secrets.choice(CHECK_ALPHABET) for _ in range(CHECK_LENGTH))


def normalize_check_code(code: str) -> str:
    """What a person types or a QR link carries: case, spaces and hyphens do not matter; O/I/L read as 0/1/1."""
    cleaned = "".join(code.split()).replace("-", "").upper()
    return cleaned.translate(str.maketrans("OIL", "011"))[:32]


def formatted_check_code(code: str) -> str:
    """The check code as printed: two groups of five (7K3Q9-XHM2P)."""
    return f"{code[:5]}-{code[5:]}" if len(code) == CHECK_LENGTH else code


async def _next_number(issued_on: dt.date) -> str:
    year_be = issued_on.year + 543
    async with in_transaction():
        try:
            await CertificateSequence.get_or_create(year_be=year_be, defaults={"last_no": 0})
        except IntegrityError:
            pass
        row = await CertificateSequence.filter(year_be=year_be).select_for_update().get()
        row.last_no += 1
        await row.save(update_fields=["last_no"])
        return f"{NUMBER_PREFIX}-{year_be}-{row.last_no:06d}"


async def issue_if_eligible(registration_id: int, *, now: dt.datetime) -> Certificate | None:
    """Issue the registration's certificate when the course's rule is met (once; returns the existing one)."""
    reg = await Registration.get_or_none(id=registration_id).select_related("session__course", "member")
    if reg is None:
        return None
    existing = await Certificate.get_or_none(registration_id=reg.id)
    if existing is not None:
        return existing
    if not await is_eligible(reg):
        return None
    course = reg.session.course
    number = await _next_number(now.astimezone(BANGKOK).date())
    try:
        async with in_transaction():
            cert = await Certificate.create(
                number=number, registration=reg, member_id=reg.member_id,
                course=course, session=reg.session, name_on_certificate=reg.member.display_name or "-",
                hours=course.hours, issued_at=now, check_code=new_check_code())
            if reg.status != RegistrationStatus.completed:
                reg.status = RegistrationStatus.completed
                reg.completed_at = now
                await reg.save(update_fields=["status", "completed_at", "updated_at"])
                await RegistrationEvent.create(registration=reg, kind="completed", actor="certificate")
    except IntegrityError:  # issued concurrently; the number stays unused
        return await Certificate.get_or_none(registration_id=reg.id)
    return cert


async def issue_for_session(session_id: int, *, now: dt.datetime) -> list[Certificate]:
    # values_list(flat=True) gives the values themselves (Tortoise annotates every values_list as tuples)
    regs = cast(list[int], await Registration.filter(session_id=session_id, status__in=ATTENDED)
                .values_list("id", flat=True))
    issued = [await issue_if_eligible(rid, now=now) for rid in regs]
    return [c for c in issued if c is not None]


async def issue_pending(*, now: dt.datetime, days: int = 180) -> list[Certificate]:
    """Certificates earned but not issued yet (e.g. attendance marked from the admin page after the L1 answer)."""
    since = (now.astimezone(BANGKOK) - dt.timedelta(days=days)).date()
    reg_ids = cast(list[int], await Registration.filter(  # flat: the ids themselves (see issue_for_session)
        status=RegistrationStatus.attended, session__end_date__gte=since,
        member__survey_responses__completed_at__isnull=False).distinct().values_list("id", flat=True))
    issued = [await issue_if_eligible(rid, now=now) for rid in reg_ids]
    return [c for c in issued if c is not None]


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
        revoke_reason=cert.revoke_reason)


async def verify(number: str, check_code: str) -> CertificateView | None:
    """The certificate when both its number and its check code match; None otherwise, whether the number
    exists or not (so that numbers cannot be tried one after another)."""
    cert = await Certificate.get_or_none(number=number.strip().upper()[:40])
    given = normalize_check_code(check_code)
    if cert is None or not cert.check_code or not hmac.compare_digest(given.encode(), cert.check_code.encode()):
        return None
    return await certificate_view(cert)


async def revoke(number: str, reason: str, *, now: dt.datetime) -> None:
    updated = await Certificate.filter(number=number, revoked_at=None).update(revoked_at=now,
                                                                            revoke_reason=reason[:255])
    if not updated and not await Certificate.exists(number=number):
        raise CertificateNotFound(number=number)


async def certificates_of_member(member_id: int) -> list[Certificate]:
    return await Certificate.filter(member_id=member_id).select_related("course").order_by("-issued_at")


async def certificates_to_push() -> list[Certificate]:
    certs = await Certificate.filter(pushed_at=None, revoked_at=None).select_related("member", "course")
    return [c for c in certs if c.member.line_user_id and c.member.active and c.member.deleted_at is None]


async def mark_pushed(cert_id: int, *, now: dt.datetime) -> None:
    await Certificate.filter(id=cert_id).update(pushed_at=now)


# ---------------------------------------------------------------- download links


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt="certificate-download-v1")


def download_url(public_base_url: str, secret_key: str, number: str) -> str:
    token = _serializer(secret_key).dumps(number)
    return f"{public_base_url.rstrip('/')}/certificates/{number}.pdf?t={token}"


def check_download_token(secret_key: str, number: str, token: str) -> bool:
    try:
        return bool(_serializer(secret_key).loads(token) == number)
    except BadSignature:
        return False


def verify_url(public_base_url: str, number: str, check_code: str) -> str:
    """The public verification page of one certificate (printed as a QR code): number and check code."""
    return f"{public_base_url.rstrip('/')}/verify/{number}?c={check_code}"


async def issue_after_answer(registration_id: int | None, *, now: dt.datetime) -> Certificate | None:
    """Called after a survey answer (web or chat): the answer may complete the course's rule.
    Returns a certificate only when it is new and not announced yet (the caller queues the push)."""
    if registration_id is None:
        return None
    cert = await issue_if_eligible(registration_id, now=now)
    return cert if cert is not None and cert.pushed_at is None else None
