"""Intents for messages as users type them, and messages that must not break anything."""

import pytest

import nlu


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("สวัสดีค่ะ", "greet"),
        ("หวัดดีจ้า", "greet"),
        ("ขอบคุณมากค่ะ", "thanks"),
        ("thx ครับ", "thanks"),
        ("เมนู", "help"),
        ("ทำอะไรได้บ้างคะ", "help"),
        ("มีคอร์ส AI สำหรับผู้บริหารไหมคะ", "search_courses"),
        ("หลักสุตรไซเบอมีไหม", "search_courses"),
        ("ขอสมัครรุ่นที่ 2 ค่ะ", "register"),
        ("ขอลงชื่อสำรองไว้ก่อนค่ะ", "register"),
        ("ขอย้ายไปรุ่น 3 ได้ไหมคะ", "register"),
        ("ขอยกเลิกการลงทะเบียนค่ะ", "cancel_registration"),
        ("ติดธุระค่ะ ไปไม่ได้แล้ว", "cancel_registration"),
        ("ฉันสมัครอะไรไว้บ้าง", "my_registrations"),
        ("เช็คสถานะการสมัครค่ะ", "my_registrations"),
        ("ขอทำแบบประเมินค่ะ", "evaluate"),
        ("ทำ pre-test ที่ไหน", "evaluate"),
        ("ขอเกียรติบัตรค่ะ", "certificate"),
        ("ใบเซอร์ได้เมื่อไหร่", "certificate"),
        ("ย้ายสังกัดแล้วค่ะ ขอแก้ข้อมูล", "update_profile"),
        ("ขอลบข้อมูลส่วนตัวตาม PDPA ค่ะ", "delete_my_data"),
        ("ถอนความยินยอมค่ะ", "delete_my_data"),
        ("ขอคุยกับเจ้าหน้าที่ค่ะ", "contact_staff"),
        ("ระบบเข้าไม่ได้ค่ะ", "contact_staff"),
        ("ราคาทองวันนี้", "out_of_scope"),
        ("หวยออกอะไร", "out_of_scope"),
        ("พรุ่งนี้ฝนตกไหม", "out_of_scope"),
        ("l;ylfu", "greet"),  # สวัสดี typed with the English keyboard layout
    ],
)
def test_intent(parse, text, intent):
    assert parse(text).intent == intent


def test_gold_price_is_not_a_course_search(parse):
    result = parse("ราคาทองวันนี้")
    assert result.intent == "out_of_scope"
    assert result.confidence > 0.5


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\t",
        "😀",
        "😀🙏❤️👍",
        "[สติกเกอร์]",
        "\x00\x01\x02\x1b[31m",
        "\u200b\u200c\u200d",
        "่้๊๋",
        "ก" * 5000,
        "สมัครคอร์ส AI " * 400,
        "AI 人工智能 الذكاء الاصطناعي Искусственный интеллект คอร์ส",
        "\ud83d",  # a lone surrogate
        "🏳️‍🌈" * 1000,
        "12345678901234567890" * 250,
        "ONDE-" * 1000,
        "รุ่นที่" * 700,
        "ม.ค." * 1200,
    ],
)
def test_bad_input_never_raises(parse, text):
    result = parse(text)
    assert result.intent in nlu.INTENTS
    assert 0.0 <= result.confidence <= 1.0
    for e in result.entities:
        assert text[e.start : e.end] == e.text
    result.to_dict()


@pytest.mark.parametrize("text", ["", "   ", "😀😀", "\x00\x07", "🙏🙏🙏", "...", "!!!"])
def test_nothing_to_read_is_out_of_scope(parse, text):
    result = parse(text)
    assert result.intent == "out_of_scope"
    assert result.entities == []


def test_long_message_uses_its_beginning(parse):
    text = "ขอยกเลิกการลงทะเบียนรุ่นที่ 2 ค่ะ " + "เนื่องจากติดภารกิจด่วนที่ต่างจังหวัด " * 200
    result = parse(text)
    assert result.intent == "cancel_registration"
    assert result.first("session_no").value == 2


def test_low_confidence_keeps_a_ranking_to_ask_back(parse):
    result = parse("รุ่น 2")
    assert len(result.ranking) == len(nlu.INTENTS)
    assert result.ranking[0][1] >= result.ranking[1][1]


def test_english_keyboard_layout_is_not_applied_to_english(parse):
    assert parse("hello").intent == "greet"
    assert parse("thank you").intent == "thanks"
