"""The Thai names of the codes people see: one vocabulary for the chat, the admin and exports.

Codes (`online`, `waitlisted`, `admin` ...) stay in the database, the API and machine CSV; people read these
names (THAI_STYLE.md, "Words"). Target groups, skill areas and topics are data: their names come with them
(`name_th`, backend.services.framework).
"""

from __future__ import annotations

from collections.abc import Mapping

MODALITY: Mapping[str, str] = {"online": "ออนไลน์", "onsite": "ในห้องเรียน (Onsite)", "hybrid": "ผสมผสาน (Hybrid)"}
REGISTRATION_STATUS: Mapping[str, str] = {
    "registered": "สมัครแล้ว",
    "waitlisted": "รายชื่อสำรอง",
    "cancelled": "ยกเลิกการสมัครแล้ว",
    "attended": "เข้าอบรมแล้ว",
    "completed": "ผ่านการอบรม",
}
NOMINATION_STATUS: Mapping[str, str] = {"pending": "รอคำตอบ", "accepted": "ตอบรับแล้ว", "declined": "ไม่สะดวกเข้าอบรม"}
COURSE_STATUS: Mapping[str, str] = {"active": "เปิดใช้", "draft": "ร่าง", "retired": "เลิกใช้"}
SESSION_STATUS: Mapping[str, str] = {"open": "เปิด", "cancelled": "ยกเลิกรุ่นแล้ว"}
BROADCAST_STATUS: Mapping[str, str] = {"scheduled": "รอส่ง", "sending": "กำลังส่ง", "completed": "ส่งครบแล้ว",
                                       "cancelled": "ยกเลิกแล้ว"}
ROLE: Mapping[str, str] = {"admin": "ผู้ดูแลระบบ", "trainer": "วิทยากร", "coordinator": "ผู้ประสานงานหน่วยงาน"}
SURVEY_PHASE: Mapping[str, str] = {"": "", "pre": "ก่อนการอบรม", "post": "หลังการอบรม"}
SURVEY_LEVEL: Mapping[int, str] = {1: "ระดับ 1 ความพึงพอใจ", 2: "ระดับ 2 การเรียนรู้", 3: "ระดับ 3 การนำไปใช้"}
HANDOVER_STATUS: Mapping[str, str] = {"open": "รอเจ้าหน้าที่", "released": "ส่งกลับให้ระบบอัตโนมัติแล้ว"}


def label(names: Mapping[str, str], code: object) -> str:
    """The Thai name of a code (an enum or its value); the code itself only when it has none yet."""
    value = str(getattr(code, "value", code) or "")
    return names.get(value, value) or "-"
