"""What members type that the NLU has no intent for, recognised by the bot from the words themselves."""

from __future__ import annotations

import nlu

EXPORT_WORDS = ("สำเนา", "ส่งออก", "ดาวน์โหลด", "export")
PERSONAL_WORDS = ("ส่วนตัว", "ส่วนบุคคล", "ที่เก็บ")
PAUSE_WORDS = frozenset({"พัก", "พักไว้ก่อน", "หยุด", "ยกเลิก", "ไว้ทีหลัง", "ออก"})
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
FIX_NAME_WORDS = ("แก้ไขชื่อ", "แก้ชื่อ", "เปลี่ยนชื่อ", "แจ้งชื่อ", "ชื่อนามสกุล")
NAME_ON_WORDS = ("ชื่อบน", "ชื่อใน")  # ... followed by a word for the certificate (the NLU knows its spellings)
OTHER_PROFILE_WORDS = ("หน่วยงาน", "กลุ่มเป้าหมาย", "ตำแหน่ง", "จังหวัด", "หลักสูตร")


def asks_for_a_copy(message: str) -> bool:
    """"ขอสำเนาข้อมูลของฉัน", "ขอดูข้อมูลส่วนตัวที่เก็บไว้": a copy of one's data."""
    words = message.replace(" ", "").lower()
    if "ข้อมูล" not in words and "data" not in words:
        return False
    return any(w in words for w in EXPORT_WORDS) or ("ดู" in words and any(w in words for w in PERSONAL_WORDS))


def asks_to_pause(message: str) -> bool:
    """"พักไว้ก่อน", "หยุด": stop answering a survey for now (the answers so far are kept)."""
    return message.strip() in PAUSE_WORDS


def western_digits(message: str) -> str:
    """Thai digits (๑๒๓) as 0-9."""
    return message.translate(THAI_DIGITS)


def asks_to_fix_official_name(message: str) -> bool:
    """"แก้ไขชื่อ-นามสกุล", "แก้ชื่อบนวุฒิบัตร", "แจ้งชื่อ": give or correct the name certificates carry (not
    "เปลี่ยนชื่อหน่วยงาน", another part of the profile)."""
    words = message.replace(" ", "").replace("-", "").replace("–", "")
    if len(words) > 40 or any(other in words for other in OTHER_PROFILE_WORDS):
        return False
    return any(w in words for w in FIX_NAME_WORDS) or (
        any(w in words for w in NAME_ON_WORDS) and nlu.mentions(words, "certificate"))


RECOMMEND_PHRASES = ("แนะนำหลักสูตรสำหรับท่าน", "แนะนำหลักสูตรสำหรับฉัน", "แนะนำหลักสูตรให้", "ควรเรียนอะไร",
                     "ควรอบรมอะไร", "ควรเรียนหลักสูตรอะไร", "ควรลงเรียนอะไร", "เรียนอะไรดี", "อบรมอะไรดี",
                     "มีอะไรแนะนำ", "มีหลักสูตรแนะนำ", "มีหลักสูตรไหนแนะนำ", "หลักสูตรแนะนำ", "แนะนำหลักสูตรหน่อย",
                     "แนะนำหน่อย", "แนะนำคอร์ส", "คอร์สแนะนำ", "ช่วยแนะนำ", "ขอคำแนะนำ", "แนะนำหลักสูตร")
RECOMMEND_EXACT = frozenset({"แนะนำ", "แนะนำหลักสูตร"})


def asks_for_recommendations(message: str) -> bool:
    """"ควรเรียนอะไรดี", "มีอะไรแนะนำไหม", "แนะนำหลักสูตรสำหรับท่าน": which course to take next (the bot answers
    from the member's skill gaps; a request that names a topic or a date is a search, decided by the handler)."""
    words = message.replace(" ", "").lower()
    if len(words) > 60:
        return False
    return words in RECOMMEND_EXACT or any(p in words for p in RECOMMEND_PHRASES)
