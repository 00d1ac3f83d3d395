"""Admins correct a member's official name (audited, the certificate keeps its number) and set who signs each
provider's certificates, with ONDE's signatory as the default and a checked signature image."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from PIL import Image

from backend.models import AuditLog, Certificate, Course, Member, Provider, Registration, RegistrationStatus
from backend.services import certificates, registration
from backend.services.auth import create_staff_user
from tests.admin.test_admin_web import ADMIN_PASSWORD, TRAINER_PASSWORD, csrf_of, login
from tests.backend.factories import make_course, make_member, make_session
from tests.clock import CLOCK


@pytest.fixture
async def staff(db: None) -> None:
    await create_staff_user(username="somsri", role="admin", password=ADMIN_PASSWORD, display_name="สมศรี ผู้ดูแล")
    await create_staff_user(username="wichai", role="trainer", password=TRAINER_PASSWORD)


@pytest.fixture
async def admin_client(client: httpx.AsyncClient, staff: None) -> httpx.AsyncClient:
    assert (await login(client, "somsri", ADMIN_PASSWORD)).status_code == 303
    return client


async def _certificate() -> tuple[int, Certificate]:
    """A member with an official name and the certificate of a course they completed."""
    course = await make_course()
    session = await make_session(course.code)
    member = await make_member()
    placed = await registration.register_member_for_session(member_id=member.id, session_id=session.id,
                                                             actor="test", clock=CLOCK)
    await Registration.filter(id=placed.registration_id).update(status=RegistrationStatus.attended)
    await certificates.set_rule((await Course.get(code=course.code)).id, certificates.Rule(require_l1=False))
    saved = await certificates.save_official_name(member_id=member.id, title="นาย", first_name="สมชาย",
                                                  last_name="ใจดี", actor=f"member:{member.id}", clock=CLOCK)
    return member.id, await Certificate.get(number=saved.issued[0])


def _png(width: int, height: int, *, noise: bool = False) -> bytes:
    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)) if noise else Image.new(
        "RGBA", (width, height), (20, 40, 110, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


async def _pdf_text(client: httpx.AsyncClient, app_settings: object, number: str, folder: Path) -> str:
    url = certificates.download_url("http://testserver", app_settings.secret_key, number)  # type: ignore[attr-defined]
    parts = urlsplit(url)
    response = await client.get(f"{parts.path}?{parts.query}")
    assert response.status_code == 200, response.text
    pdf = folder / "cert.pdf"
    pdf.write_bytes(response.content)
    return "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())


async def test_admin_corrects_the_official_name_with_an_audit_entry(admin_client: httpx.AsyncClient,
                                                                   client: httpx.AsyncClient) -> None:
    member_id, cert = await _certificate()
    page = await admin_client.get(f"/admin/members/{member_id}")
    assert page.status_code == 200 and "นายสมชาย ใจดี" in page.text and 'name="official_first_name"' in page.text
    token = csrf_of(page.text)
    url = f"/admin/members/{member_id}/official-name"
    fields = {"official_title": "ว่าที่ร้อยตรี", "official_first_name": "สมชาย", "official_last_name": "ใจดีมาก"}

    assert (await admin_client.post(url, data=fields)).status_code == 403  # no CSRF token
    wrong = await admin_client.post(url, data={**fields, "official_last_name": "ใจดี2", "csrf_token": token})
    assert wrong.status_code == 422 and "กรุณาระบุนามสกุล" in wrong.text
    assert (await Member.get(id=member_id)).official_last_name == "ใจดี"

    done = await admin_client.post(url, data={**fields, "csrf_token": token})
    assert done.status_code == 303
    shown = await admin_client.get(done.headers["location"])
    assert "ว่าที่ร้อยตรี สมชาย ใจดีมาก" in shown.text and "บันทึกชื่อ-นามสกุลแล้ว" in shown.text
    renamed = await Certificate.get(id=cert.id)
    assert (renamed.number, renamed.check_code, renamed.name_on_certificate) == (
        cert.number, cert.check_code, "ว่าที่ร้อยตรี สมชาย ใจดีมาก")
    entry = await AuditLog.get(action="member.official_name", actor="staff:somsri")
    assert entry.target_id == str(member_id) and entry.details["fields"] == ["official_title", "official_last_name"]


async def test_trainers_cannot_correct_names_or_signatories(client: httpx.AsyncClient, staff: None) -> None:
    member_id, _ = await _certificate()
    assert (await login(client, "wichai", TRAINER_PASSWORD)).status_code == 303
    page = await client.get("/admin/courses")
    token = csrf_of(page.text)
    refused = await client.post(f"/admin/members/{member_id}/official-name",
                                data={"official_title": "นาย", "official_first_name": "ก", "official_last_name": "ข",
                                      "csrf_token": token})
    assert refused.status_code == 403
    assert (await client.get("/admin/signatories")).status_code == 403
    assert (await client.post("/admin/signatories/onde", data={"position": "x", "csrf_token": token})).status_code == 403
    assert not await AuditLog.filter(action__startswith="certificate.signatory").exists()


@pytest.mark.pdf
async def test_signatory_per_provider_with_onde_as_the_default(admin_client: httpx.AsyncClient, app: object,
                                                               tmp_path: Path) -> None:
    _, cert = await _certificate()
    settings = app.state.settings  # type: ignore[attr-defined]
    provider = await Provider.get(name="สถาบันทดสอบดิจิทัล")
    text = await _pdf_text(admin_client, settings, cert.number, tmp_path)
    assert certificates.DEFAULT_POSITION in text  # nobody configured: ONDE's position

    listing = await admin_client.get("/admin/signatories")
    assert listing.status_code == 200 and "สถาบันทดสอบดิจิทัล" in listing.text and "ใช้ของ สดช." in listing.text
    page = await admin_client.get(f"/admin/signatories/{provider.id}")
    token = csrf_of(page.text)
    url = f"/admin/signatories/{provider.id}"
    form = {"name": "นางสาวผู้อำนวยการ ทดสอบ", "position": "ผู้อำนวยการสถาบันทดสอบดิจิทัล", "csrf_token": token}

    assert (await admin_client.post(url, data={k: v for k, v in form.items() if k != "csrf_token"})).status_code == 403
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    for upload, message in ((gif.getvalue(), "PNG หรือ JPEG"), (_png(2100, 20), "2,000 พิกเซล"),
                            (_png(340, 340, noise=True), "300 กิโลไบต์"), (b"not an image", "PNG หรือ JPEG")):
        refused = await admin_client.post(url, data=form, files={"image": ("sign.png", upload, "image/png")})
        assert refused.status_code == 422 and message in refused.text, message
    assert not await AuditLog.filter(action="certificate.signatory").exists()

    saved = await admin_client.post(url, data=form, files={"image": ("sign.png", _png(600, 180), "image/png")})
    assert saved.status_code == 303
    entry = await AuditLog.get(action="certificate.signatory", actor="staff:somsri")
    assert entry.target_id == str(provider.id) and entry.details == {"image": "new"}
    image = await admin_client.get(f"/admin/signatories/{provider.id}/image")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(image.content)).size == (600, 180)
    text = await _pdf_text(admin_client, settings, cert.number, tmp_path)
    assert "(นางสาวผู้อำนวยการทดสอบ)" in text and "ผู้อำนวยการสถาบันทดสอบดิจิทัล" in text

    # ONDE's own signatory; the provider goes back to it.
    onde = await admin_client.post("/admin/signatories/onde", data={
        "name": "นายเลขาธิการ ตัวอย่าง", "position": certificates.DEFAULT_POSITION, "csrf_token": token})
    assert onde.status_code == 303
    reset = await admin_client.post(f"/admin/signatories/{provider.id}/reset", data={"csrf_token": token})
    assert reset.status_code == 303
    text = await _pdf_text(admin_client, settings, cert.number, tmp_path)
    assert "(นายเลขาธิการตัวอย่าง)" in text and "ผู้อำนวยการสถาบันทดสอบดิจิทัล" not in text
    assert await AuditLog.filter(action="certificate.signatory_reset", target_id=str(provider.id)).exists()
    assert (await admin_client.get("/admin/signatories/999999")).status_code == 404
    assert (await admin_client.get("/admin/signatories/abc")).status_code == 404
