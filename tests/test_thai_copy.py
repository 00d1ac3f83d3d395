"""Every piece of Thai the service writes follows THAI_STYLE.md (tests/thai_copy.py walks the sources)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.thai_copy import all_messages, all_problems, problems_in, python_messages, template_messages


def test_every_message_follows_the_style_guide() -> None:
    problems = all_problems()
    assert not problems, "\n".join(str(p) for p in problems)


def test_the_walk_reaches_every_kind_of_source() -> None:
    places = {m.where.split(":")[0] for m in all_messages()}
    for expected in ("bot/render/texts.py", "bot/render/survey_texts.py", "bot/render/courses.py", "bot/richmenu.py",
                     "backend/labels.py", "backend/services/errors.py", "backend/services/surveys/errors.py",
                     "backend/services/importer/row_parsing.py", "backend/api/routes/survey_form.py",
                     "backend/admin/catalogue_pages.py", "backend/admin/templates/course_edit.html",
                     "backend/admin/templates/base.html", "backend/web/survey/form.html",
                     "backend/web/survey/verify.html", "backend/data/survey_templates/l1_satisfaction.yaml",
                     "backend/data/framework-2024.yaml"):
        assert expected in places, expected
    assert not any("/previous/" in p or p.startswith(("nlu/", "backend/certificates/")) for p in places)
    texts = {m.text for m in all_messages()}
    assert "เนื้อหาหลักสูตรตรงกับความต้องการ" in texts  # a survey item
    assert "เข้าสู่ระบบสำหรับเจ้าหน้าที่และวิทยากร" in texts  # a template heading


@pytest.mark.parametrize(("text", "back_office", "reason"), [
    ("ขออภัยค่ะ ไม่พบหลักสูตรนี้ค่ะ", False, "2 ค่ะ/คะ"),
    ("ฉันช่วยคุณได้ดังนี้ค่ะ", False, "ฉัน"),
    ("ฉันช่วยคุณได้ดังนี้ค่ะ", False, "not คุณ"),
    ("รับทราบค่ะ เราจะไม่เก็บข้อมูลส่วนบุคคล", False, "เรา"),
    ("สวัสดีค่ะ คุณสมชาย", False, "not คุณ"),
    ("รับใบประกาศ", False, "วุฒิบัตร"),
    ("🎓 ใบประกาศนียบัตร", False, "วุฒิบัตร"),
    ("ลงทะเบียนแล้ว", False, "สมัคร"),
    ("เต็ม (สำรอง 2 คน)", False, "รายชื่อสำรอง"),
    ("รอคิว", True, "รายชื่อสำรอง"),
    ("อบรมจบแล้ว", False, "ผ่านการอบรม"),
    ("อบรมครบ", True, "ผ่านการอบรม"),
    ("กำลังจะมาถึง", False, "รออบรม"),
    ("ตอบในแชท", False, "แชต"),
    ("ค้นหาคอร์ส", False, "หลักสูตร"),
    ("ความปลอดภัยไซเบอร์", False, "ความมั่นคงปลอดภัยไซเบอร์"),
    ("ในสถานที่", True, "ในห้องเรียน"),
    ("รับลิงก์ดาวน์โหลด (ไฟล์ JSON)", False, "ไฟล์ข้อมูล (JSON)"),
    ("ข้อความเข้ามาเร็วมากเลยค่ะ 😅 ขอเวลาสักครู่นะคะ", False, "no emoji"),
    ("ยังไม่มีข้อมูลค่ะ", True, "no ค่ะ/คะ"),
    ("ยืนยันเลิกใช้หลักสูตรนี้? ผู้ใช้จะค้นหาไม่ได้อีก", True, "หรือไม่"),
])
def test_the_checks_catch_what_a_review_finds(text: str, back_office: bool, reason: str) -> None:
    found = problems_in(text, back_office=back_office)
    assert any(reason in problem for problem in found), found


@pytest.mark.parametrize("text", [
    "ขออภัยค่ะ ไม่พบหลักสูตรนี้", "บริการนี้ช่วยท่านได้ดังนี้ค่ะ", "ขอบคุณค่ะ", "กรุณาเลือกคะแนน 1 ถึง 5 ค่ะ",
    "ผ่านการอบรม", "ประวัติการอบรม", "สแกนรหัส QR บนวุฒิบัตร", "กรุณารอสักครู่แล้วลองใหม่ค่ะ", "หลักสูตรของฉัน",
    "ความมั่นคงปลอดภัยไซเบอร์", "ความครอบคลุมด้านทักษะ", "กรอบทักษะดิจิทัล", "คุณภาพการอบรม", "อยู่ในรายชื่อสำรอง",
    "ได้เลื่อนจากรายชื่อสำรองเป็นผู้เข้าอบรม", "กลุ่มเป้าหมาย", "ไพเราะ",
])
def test_the_checks_leave_good_thai_alone(text: str) -> None:
    assert problems_in(text) == []


def test_the_walk_finds_problems_in_source_form(tmp_path: Path) -> None:
    """As the copy read before this style guide was applied: constants, f-strings, dicts, templates."""
    module = tmp_path / "texts.py"
    module.write_text('''"""ข้อความ (a docstring is not copy): ใบประกาศ"""
GREETING = "สวัสดีค่ะ{name} ยินดีต้อนรับค่ะ"
STATUS = {"waitlisted": "สำรอง", "completed": "อบรมจบแล้ว"}
EXPORT_WORDS = ("ดาวน์โหลด", "ใบประกาศ")


def sent(n: int) -> str:
    return f"ส่งแบบประเมินถึงผู้เข้าอบรม {n} คนแล้วค่ะ ปิดรับคำตอบ {n} ค่ะ"
''', encoding="utf-8")
    found = {m.text: problems_in(m.text) for m in python_messages(module, "bot/phrases.py")}
    assert set(found) == {"สวัสดีค่ะ{name} ยินดีต้อนรับค่ะ", "สำรอง", "อบรมจบแล้ว",
                          "ส่งแบบประเมินถึงผู้เข้าอบรม {…} คนแล้วค่ะ ปิดรับคำตอบ {…} ค่ะ"}  # EXPORT_WORDS: read
    assert all(found.values())

    template = tmp_path / "page.html"
    template.write_text('''{% block content %}
<p>ไม่พบหลักสูตร<b>ค่ะ</b> ลองอีกครั้ง<br>นะคะ</p>
<form data-confirm="ยืนยันยกเลิกประกาศนี้?"><button>{{ 'ลบ' if x else 'ยกเลิก' }}</button></form>
{% endblock %}''', encoding="utf-8")
    messages = list(template_messages(template, "backend/admin/templates/page.html"))
    texts = [m.text for m in messages]
    assert "ไม่พบหลักสูตรค่ะ ลองอีกครั้งนะคะ" in texts and "ยืนยันยกเลิกประกาศนี้?" in texts and "ลบ" in texts
    assert all(m.back_office for m in messages)
    assert "2 ค่ะ/คะ in one message" in " ".join(problems_in("ไม่พบหลักสูตรค่ะ ลองอีกครั้งนะคะ"))
