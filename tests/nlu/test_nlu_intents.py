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


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ขอบคุณค่ะ แล้วขอยกเลิกรุ่นที่ 2 ด้วยนะคะ", "cancel_registration"),
        ("ขอบคุณครับ ว่าแต่วุฒิบัตรคอร์สคลาวด์ได้ตอนไหน", "certificate"),
        ("สวัสดีค่ะ อยากหาคอร์ส python สำหรับมือใหม่", "search_courses"),
        ("thank you ค่ะ ขอสมัครรุ่นหน้าด้วย", "register"),
        ("ขอบคุณมากๆ เลยค่ะ", "thanks"),
        ("ขอบคุณที่ช่วยนะคะ", "thanks"),
    ],
)
def test_thanks_followed_by_a_request_is_the_request(parse, text, intent):
    assert parse(text).intent == intent


def test_the_courtesy_rule_reads_the_rest_of_the_message():
    from nlu.courtesy import without_courtesy

    assert without_courtesy("ขอบคุณค่ะ แล้วขอยกเลิกรุ่นที่ 2 ด้วย") == "ขอยกเลิกรุ่นที่ 2 ด้วย"
    assert without_courtesy("ขอบคุณค่ะแล้ววุฒิบัตรล่ะ") == "วุฒิบัตรล่ะ"
    assert without_courtesy("สมัครรุ่น 2 ค่ะ ขอบคุณค่ะ") == "สมัครรุ่น 2 ค่ะ"
    assert without_courtesy("ขอบคุณมากค่ะ") is None  # nothing left
    assert without_courtesy("hire me") is None  # "hi" must be a whole word
    assert without_courtesy("ขอสมัครค่ะ") is None  # nothing removed


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("ยกเลิกบัตรเครดิตค่ะ", "scancel+other"),
        ("ยกเลิกรุ่นที่ 2 ค่ะ", "scancel+ours"),
        ("ขอยกเลิกค่ะ", "scancel+bare"),
        ("สมัครคอร์ส AI", "sregister+ours"),
        ("สมัครบัตรกดเงินสดค่ะ", "sregister+other"),
        ("ลบรูปในมือถือ", "sdelete+other"),
        ("ลบข้อมูลของฉัน", "sdelete+ours"),
        ("คลาสของผมเริ่มกี่โมงครับ", "sown_schedule"),
        ("เดือนหน้ามีรุ่นไหนว่างบ้าง", "sopen"),
    ],
)
def test_request_shape_features(text, feature):
    from nlu.entities.resources import domain_words
    from nlu.normalize import normalize
    from nlu.requests import request_cues
    from nlu.tokenize import Tokenizer

    normalised = normalize(text).text
    tokens = Tokenizer(domain_words()).tokenize(normalised)
    assert feature in request_cues().features(normalised, tokens)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("-vg:viN9sojvp8jt", "ขอเซอร์ตหน่อยค่ะ"),  # N is ์ and only with Shift
        ("vpkdsk8viNlg-upoFxicdi,8jt", "อยากหาคอร์สเขียนโปรแกรมค่ะ"),  # F is โ
        ("s;yffu8jt", "หวัดดีค่ะ"),
    ],
)
def test_wrong_keyboard_layout_keeps_shifted_keys(typed, meant):
    import datetime as dt

    from nlu import _get_pipeline

    mapped, _, _ = _get_pipeline().analyse(typed, dt.date(2026, 11, 28))
    assert mapped.text == meant


def test_close_intents_are_offered_as_a_pair():
    from nlu.intent import close_pair

    assert close_pair([("register", 0.46), ("search_courses", 0.41), ("help", 0.1)], 0.1) == (
        "register",
        "search_courses",
    )
    assert close_pair([("register", 0.7), ("search_courses", 0.2)], 0.1) is None  # not close
    assert close_pair([("thanks", 0.45), ("register", 0.44)], 0.1) is None  # thanks is not a choice to offer
    assert close_pair([("out_of_scope", 0.45), ("register", 0.44)], 0.1) is None


def test_parse_carries_the_close_pair_and_keeps_the_contract():
    import dataclasses
    import datetime as dt

    from nlu.pipeline import Pipeline

    pipeline = Pipeline()
    always = dataclasses.replace(pipeline.model, meta={**pipeline.model.meta, "clarify_margin": 1.0})
    pipeline.model = always
    result = pipeline.parse_fresh("อยากได้คอร์สคลาวด์ค่ะ", dt.date(2026, 11, 28))
    assert result.clarify == (result.ranking[0][0], result.ranking[1][0])
    assert result.intent == result.ranking[0][0]
    assert set(result.to_dict()) == {"intent", "confidence", "entities"}
    assert nlu.parse("สวัสดีค่ะ").clarify is None  # the shipped margin is small
