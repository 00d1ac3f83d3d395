"""Official names: written the way Thai documents write them, checked, stored with an audit entry that holds no
name, followed by the member's certificates (same number and check code), erased with the rest."""

from __future__ import annotations

import pytest

from backend.models import AuditLog, Certificate, Course, Member, Registration, RegistrationStatus
from backend.services import certificates, members, registration
from backend.services.errors import MemberNotFound, ValidationFailed
from tests.backend.factories import make_course, make_member, make_session
from tests.clock import CLOCK
from tests.doubles import RecordedAnnouncements, RememberedForgets


@pytest.mark.parametrize(("title", "first", "last", "expected"), [
    ("นาย", "สมชาย", "ใจดี", "นายสมชาย ใจดี"),
    ("นางสาว", "น้ำผึ้ง", "ใจดีที่สุด", "นางสาวน้ำผึ้ง ใจดีที่สุด"),
    ("ดร.", "สมชาย", "ใจดี", "ดร.สมชาย ใจดี"),
    ("พ.ต.อ.", "สมชาย", "ใจดี", "พ.ต.อ.สมชาย ใจดี"),
    ("ว่าที่ร้อยตรี", "สมชาย", "ทองดี ณ อยุธยา", "ว่าที่ร้อยตรี สมชาย ทองดี ณ อยุธยา"),
    ("นาย", "", "ใจดี", ""),
])
def test_full_name_as_documents_write_it(title: str, first: str, last: str, expected: str) -> None:
    assert members.full_official_name(title, first, last) == expected


def test_reading_a_typed_name() -> None:
    assert members.split_title("นางสาวน้ำผึ้ง ใจดี") == ("นางสาว", "น้ำผึ้ง ใจดี")  # not นาง + สาวน้ำผึ้ง
    assert members.split_title("ว่าที่ร้อยตรี สมชาย ใจดี") == ("ว่าที่ร้อยตรี", "สมชาย ใจดี")
    assert members.split_title("สมชาย ใจดี") == ("", "สมชาย ใจดี")
    assert members.split_first_and_last("  สมชาย   ทองดี ณ อยุธยา ") == ("สมชาย", "ทองดี ณ อยุธยา")
    assert members.split_first_and_last("สมชาย") == ("สมชาย", "")


def test_names_are_letters() -> None:
    assert members.clean_official_name(" นาง ", "อนงค์", "ใจ  ดี").last_name == "ใจ ดี"
    assert members.clean_official_name("Mr.", "John", "O'Neil-Smith").full == "Mr.John O'Neil-Smith"
    with pytest.raises(ValidationFailed) as refused:
        members.clean_official_name("นาย", "สมชาย2", "")
    assert [e["field"] for e in refused.value.errors] == ["official_first_name", "official_last_name"]
    assert "ไม่มีตัวเลข" in refused.value.message_th
    with pytest.raises(ValidationFailed):
        members.clean_official_name("x" * 61, "สมชาย", "ใจดี")
    with pytest.raises(ValidationFailed):
        members.clean_official_name("นาย", "<script>", "ใจดี")


async def _completed_registration(db: None) -> tuple[members.MemberInfo, int]:
    course = await make_course()
    session = await make_session(course.code)
    member = await make_member()
    placed = await registration.register_member_for_session(member_id=member.id, session_id=session.id,
                                                             actor="test", clock=CLOCK)
    await Registration.filter(id=placed.registration_id).update(status=RegistrationStatus.attended)
    course_id = (await Course.get(code=course.code)).id
    await certificates.set_rule(course_id, certificates.Rule(require_l1=False))
    return member, placed.registration_id


async def test_the_certificate_waits_for_the_name_then_follows_it(db: None) -> None:
    member, registration_id = await _completed_registration(db)
    assert await certificates.issue_if_eligible(registration_id, now=CLOCK.utcnow()) is None  # no name yet
    assert (await Registration.get(id=registration_id)).status == RegistrationStatus.completed
    assert await certificates.waiting_for_official_name(member.id)
    [request] = await certificates.official_names_to_request()
    assert request.member_id == member.id

    saved = await certificates.save_official_name(member_id=member.id, title="นาง", first_name="อนงค์",
                                                  last_name="ใจงาม", actor="staff:somsri", clock=CLOCK)
    assert saved.change.first_time and len(saved.issued) == 1
    cert = await Certificate.get(number=saved.issued[0])
    assert cert.name_on_certificate == "นางอนงค์ ใจงาม"
    assert not await certificates.waiting_for_official_name(member.id)

    corrected = await certificates.save_official_name(member_id=member.id, title="นางสาว", first_name="อนงค์",
                                                      last_name="ใจงาม", actor="staff:somsri", clock=CLOCK)
    assert corrected.change.changed_fields == ["official_title"] and corrected.issued == []
    again = await Certificate.get(id=cert.id)
    assert (again.number, again.check_code, again.name_on_certificate) == (
        cert.number, cert.check_code, "นางสาวอนงค์ ใจงาม")
    unchanged = await certificates.save_official_name(member_id=member.id, title="นางสาว", first_name="อนงค์",
                                                      last_name="ใจงาม", actor="staff:somsri", clock=CLOCK)
    assert unchanged.change.changed_fields == []

    rows = await AuditLog.filter(action="member.official_name", target_id=str(member.id)).order_by("id")
    assert [r.details["fields"] for r in rows] == [
        ["official_title", "official_first_name", "official_last_name"], ["official_title"]]
    assert all("อนงค์" not in str(r.details) for r in rows)  # the audit log holds no name
    info = await members.get_member(member.id)
    assert info.official_name == "นางสาวอนงค์ ใจงาม" and info.official_name_at is not None
    found = await members.search_members(q="ใจงาม")
    assert [m.id for m in found.items] == [member.id]


async def test_erasure_clears_the_official_name(db: None) -> None:
    member, registration_id = await _completed_registration(db)
    await certificates.save_official_name(member_id=member.id, title="นาย", first_name="สมชาย",
                                          last_name="ใจดี", actor="test", clock=CLOCK)
    exported = await members.export_member_data(member.id, clock=CLOCK)
    assert exported["member"]["official_first_name"] == "สมชาย"
    report = await members.delete_member_data(member_id=member.id, actor="test", clock=CLOCK, announcer=RecordedAnnouncements(), channel=RememberedForgets())
    assert {"official_title", "official_first_name", "official_last_name"} <= set(report.cleared_fields)
    row = await Member.get(id=member.id)
    assert (row.official_title, row.official_first_name, row.official_last_name, row.official_name_at) == (
        "", "", "", None)
    cert = await Certificate.get(registration_id=registration_id)
    assert cert.name_on_certificate == members.ERASED_NAME
    with pytest.raises(certificates.HolderDataErased):
        await certificates.certificate_document(cert.number)
    with pytest.raises(MemberNotFound):
        await members.set_official_name(member_id=member.id, title="นาย", first_name="สมชาย", last_name="ใจดี",
                                        actor="test", clock=CLOCK)
