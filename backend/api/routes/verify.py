"""Public certificate verification (/verify/{number}), signed PDF downloads, and the staff certificate API."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from backend.api.auth import AdminUser as AdminDep
from backend.api.auth import TrainerOrAdmin as StaffDep
from backend.api.params import CourseRef, IdPath
from backend.api.routes.survey_form import _message, _page
from backend.api.throttle import Throttle
from backend.deps import ClockDep, SettingsDep
from backend.schemas.certificates import CertificateRevoke, CertificateRulePublic, CertificateRuleUpdate
from backend.services import catalogue, certificate_records, certificates
from backend.services.errors import DomainError
from backend.services.staff_access import session_for_staff
from backend.thai_dates import thai_date, thai_date_range

if TYPE_CHECKING:
    from backend.models import Certificate
    from backend.settings import Settings

router = APIRouter(tags=["certificates"])


def _hours(value: Any) -> str:
    text = f"{value}"
    return text[:-2] if text.endswith(".0") else text


# Public verification: a person checking one certificate needs a few requests, not hundreds.
verification_budget = Throttle("verify", per_minute=20)
NumberPath = Annotated[str, Path(max_length=40)]
CheckCode = Annotated[str, Query(max_length=32, description="The check code printed on the certificate")]


@router.get("/verify/{number}", response_class=HTMLResponse, include_in_schema=False)
async def verify_page(number: NumberPath, request: Request, c: CheckCode = "") -> HTMLResponse:
    if wait := await verification_budget.wait_seconds(request):
        page = _page("verify.html", 429, page_title="ตรวจสอบวุฒิบัตร", view=None, number=number, asked=True,
                     throttled=True, code="", hours="", issued_th="", period_th="")
        page.headers["Retry-After"] = str(math.ceil(wait))
        return page
    view = await certificates.verify(number, c) if c else None
    return _page("verify.html", 200 if view is not None or not c else 404, page_title="ตรวจสอบวุฒิบัตร",
                 view=view, number=number, asked=bool(c), throttled=False, code=c,
                 hours=_hours(view.hours) if view else "", issued_th=thai_date(view.issued_on) if view else "",
                 period_th=thai_date_range(view.start_date, view.end_date) if view else "")


@router.get("/api/v1/certificates/verify/{number}", summary="Public verification: valid, revoked or unknown",
            dependencies=[Depends(verification_budget)])
async def verify_json(number: NumberPath, code: CheckCode = "") -> dict[str, Any]:
    """The holder's name and the course only when both the number and its check code match; any other
    answer is `unknown`, whether the number exists or not."""
    view = await certificates.verify(number, code) if code else None
    if view is None:
        return {"number": number, "status": "unknown"}
    return {"number": view.number, "status": view.status, "name": view.name, "course_code": view.course_code,
            "course_title": view.course_title, "hours": float(view.hours), "issued_on": view.issued_on.isoformat(),
            "start_date": view.start_date.isoformat(), "end_date": view.end_date.isoformat(),
            "provider": view.provider, "course_certification_no": view.certification_no}


@router.get("/certificates/{number}.pdf", include_in_schema=False)
async def download_pdf(number: NumberPath, settings: SettingsDep, t: str = "") -> Response:
    """The PDF, rendered from what is stored now (a corrected name shows at the next download); a Thai page
    says why when it cannot be given (forged link, unknown, revoked, holder erased, no official name yet)."""
    if not certificates.check_download_token(settings.secret_key, number, t):
        return _message(403, "ลิงก์ไม่ถูกต้อง", "ลิงก์ดาวน์โหลดวุฒิบัตรนี้ไม่ถูกต้อง กรุณาเปิดจากแชตอีกครั้ง")
    try:
        document = await certificates.certificate_document(number)
    except DomainError as exc:
        return _message(exc.status, "ดาวน์โหลดวุฒิบัตรไม่ได้", exc.message_th)
    from backend.certificates.pdf import render_certificate_pdf

    view = document.view
    pdf = render_certificate_pdf(view, signatory=document.signatory,
                                 verify_url=certificates.verify_url(settings.public_base_url, number, view.check_code))
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{number}.pdf"', "Cache-Control": "no-store"})


def _cert_out(cert: Certificate, settings: Settings) -> dict[str, Any]:
    return {"number": cert.number, "member_id": cert.member_id, "course_code": cert.course.code,
            "course_id": cert.course_id,
            "session_id": cert.session_id, "name": cert.name_on_certificate,
            "hours": float(cert.hours), "issued_at": cert.issued_at, "revoked_at": cert.revoked_at,
            "pushed_at": cert.pushed_at,
            "download_url": certificates.download_url(settings.public_base_url, settings.secret_key, cert.number),
            "verify_url": certificates.verify_url(settings.public_base_url, cert.number, cert.check_code)}


@router.get("/api/v1/sessions/{session_id}/certificates", summary="Certificates issued for a session")
async def session_certificates(session_id: IdPath, user: StaffDep, settings: SettingsDep) -> list[dict[str, Any]]:
    await session_for_staff(session_id, user)
    return [_cert_out(c, settings) for c in await certificate_records.certificates_of_session(session_id)]


@router.post("/api/v1/certificates/{number}/revoke", summary="Revoke a certificate (admins)")
async def revoke_certificate(number: str, body: CertificateRevoke, user: AdminDep, clock: ClockDep) -> dict[str, str]:
    await certificates.revoke(number, body.reason, now=clock.utcnow())
    return {"number": number, "status": "revoked"}


@router.get("/api/v1/courses/{course}/certificate-rule", response_model=CertificateRulePublic,
            summary="What a registration needs for a certificate")
async def get_rule(course: CourseRef, user: StaffDep) -> CertificateRulePublic:
    course_id = await catalogue.resolve_course_id(course)
    return CertificateRulePublic.model_validate(await certificates.rule_for_course(course_id))


@router.put("/api/v1/courses/{course}/certificate-rule", response_model=CertificateRulePublic,
            summary="Set the certificate rule of a course (admins), before or after its first certificate")
async def put_rule(course: CourseRef, body: CertificateRuleUpdate, user: AdminDep) -> CertificateRulePublic:
    course_id = await catalogue.resolve_course_id(course)
    rule = certificates.Rule(**body.model_dump())
    await certificates.set_rule(course_id, rule)
    return CertificateRulePublic.model_validate(rule)
