"""Entities users type: synonyms, misspellings, provinces, sessions, course codes, negation."""

import pytest

from nlu.entities.course_codes import is_course_code


def found(parse, text, entity_type):
    return [e.value for e in parse(text).entities if e.type == entity_type]


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("คอร์ส AI", "ai"),
        ("คอร์สเอไอ", "ai"),
        ("ปัญญาประดิษฐ์", "ai"),
        ("สอนใช้ ChatGPT", "ai"),
        ("generative ai", "ai"),
        ("วิเคราะห์ข้อมูล", "data"),
        ("big data", "data"),
        ("บิ๊กดาต้า", "data"),
        ("PowerBI", "data"),
        ("หลักสูตรข้อมูล", "data"),
        ("ไซเบอร์", "cybersecurity"),
        ("ไซเบอ", "cybersecurity"),
        ("cyber security", "cybersecurity"),
        ("Cyber-Security", "cybersecurity"),
        ("ความมั่นคงปลอดภัยไซเบอร์", "cybersecurity"),
        ("คลาวด์", "cloud"),
        ("คราวด์", "cloud"),
        ("excel", "digital_literacy"),
        ("เอ็กเซล", "digital_literacy"),
        ("พื้นฐานคอมพิวเตอร์", "digital_literacy"),
        ("PDPA", "law_governance"),
        ("พรบ.คุ้มครองข้อมูลส่วนบุคคล", "law_governance"),
        ("กฏหมายดิจิทัล", "law_governance"),
        ("ออกแบบบริการ", "service_design"),
        ("UX/UI", "service_design"),
        ("บริหารโครงการ", "project_management"),
        ("agile", "project_management"),
        ("ผู้นำดิจิทัล", "leadership"),
        ("digital transformation", "leadership"),
        ("การเปลี่ยนผ่านสู่ดิจิทัล", "leadership"),
        ("เขียนโปรแกรม", "programming"),
        ("ไพธอน", "programming"),
        ("Python", "programming"),
    ],
)
def test_topics(parse, text, topic):
    assert found(parse, text, "topic") == [topic]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("ผู้บริหาร", "executive"),
        ("ผู้บริหารระดับสูง", "executive"),
        ("สำหรับ CIO", "executive"),
        ("ผอ.กอง", "director"),
        ("ผู้อำนวยการกอง", "director"),
        ("ผู้บริหารระดับกลาง", "director"),
        ("นักวิชาการ", "policy_academic"),
        ("สายนโยบาย", "policy_academic"),
        ("สายบริการ", "service"),
        ("เจ้าหน้าที่หน้าเคาน์เตอร์", "service"),
        ("สายไอที", "technologist"),
        ("สาย IT", "technologist"),
        ("สายเทคโนโลยี", "technologist"),
        ("นักวิชาการคอมพิวเตอร์", "technologist"),
        ("พนักงานทั่วไป", "other"),
        ("ธุรการ", "other"),
    ],
)
def test_target_groups(parse, text, group):
    assert found(parse, text, "target_group") == [group]


@pytest.mark.parametrize(
    ("text", "province"),
    [
        ("อบรมที่กรุงเทพ", "กรุงเทพมหานคร"),
        ("ที่ กทม.", "กรุงเทพมหานคร"),
        ("in Bangkok", "กรุงเทพมหานคร"),
        ("BKK", "กรุงเทพมหานคร"),
        ("เชียงใหม่", "เชียงใหม่"),
        ("Chiang Mai", "เชียงใหม่"),
        ("โคราช", "นครราชสีมา"),
        ("อยุธยา", "พระนครศรีอยุธยา"),
        ("หาดใหญ่", "สงขลา"),
        ("จังหวัดเลย", "เลย"),
        ("จ.แพร่", "แพร่"),
        ("ศรีษะเกษ", "ศรีสะเกษ"),
    ],
)
def test_provinces(parse, text, province):
    assert found(parse, text, "province") == [province]


def test_all_77_provinces_by_official_name(parse):
    from nlu.entities.resources import official_provinces

    names = [p["name_th"] for p in official_provinces()]
    assert len(names) == 77
    for name in names:
        assert found(parse, f"อบรมที่จังหวัด{name}", "province") == [name], name


@pytest.mark.parametrize("text", ["ไปเลยค่ะ", "ดีเลย", "เผยแพร่ข้อมูล", "ตากแดด", "เลยครับ"])
def test_everyday_words_are_not_provinces(parse, text):
    assert found(parse, text, "province") == []


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("เรียนออนไลน์", "online"),
        ("แบบ online", "online"),
        ("เรียนผ่าน zoom", "online"),
        ("e-learning", "online"),
        ("ออนไซต์", "onsite"),
        ("on-site", "onsite"),
        ("ในห้องเรียน", "onsite"),
        ("ไฮบริด", "hybrid"),
        ("ทั้งออนไลน์และออนไซต์", "hybrid"),
    ],
)
def test_modality(parse, text, modality):
    assert found(parse, text, "modality") == [modality]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("รุ่นที่ 2", 2),
        ("รุ่นที่ ๒", 2),
        ("รุ่น๓", 3),
        ("รุ่น 12", 12),
        ("รุ่นสอง", 2),
        ("รุ่นแรก", 1),
        ("รอบที่ 4", 4),
        ("batch 5", 5),
        ("รุ่นที่ 2/2569", 2),
    ],
)
def test_session_numbers(parse, text, number):
    assert found(parse, text, "session_no") == [number]


@pytest.mark.parametrize("text", ["รุ่นพี่", "รุ่นใหม่", "รุ่น 2569", "มี 2 รุ่น"])
def test_not_session_numbers(parse, text):
    assert found(parse, text, "session_no") == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ONDE-AI-001", "ONDE-AI-001"),
        ("onde-ai-001", "ONDE-AI-001"),
        ("รหัสDG-2569-015ค่ะ", "DG-2569-015"),
        ("หลักสูตร CYB-2568-3 ครับ", "CYB-2568-3"),
        ("ONDE–AI–001", "ONDE-AI-001"),
    ],
)
def test_course_codes(parse, text, code):
    result = parse(text)
    codes = [e for e in result.entities if e.type == "course_code"]
    assert [e.value for e in codes] == [code]
    assert [e.type for e in result.entities] == ["course_code"]  # no topic "AI", no year 2569


@pytest.mark.parametrize(
    ("candidate", "ok"),
    [
        ("ONDE-AI-001", True),
        ("DG-2569-015", True),
        ("AB-12", True),
        ("e-learning", False),
        ("2026-12-15", False),
        ("COVID-19", False),
        ("ONDE", False),
        ("A-1", False),
    ],
)
def test_course_code_rule(candidate, ok):
    assert is_course_code(candidate) is ok


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("ไม่ใช่สายไอทีค่ะ", ("target_group", "technologist"), None),
        (
            "ไม่ใช่สายไอทีค่ะ อยากเรียนพื้นฐานคอมพิวเตอร์",
            ("target_group", "technologist"),
            ("topic", "digital_literacy"),
        ),
        ("ไม่ได้เป็นผู้บริหารค่ะ", ("target_group", "executive"), None),
        ("อยากเรียน AI ไม่เอาออนไลน์", ("modality", "online"), ("topic", "ai")),
        ("ออนไลน์ไม่สะดวกค่ะ", ("modality", "online"), None),
        ("ไม่สะดวกไปเชียงใหม่", ("province", "เชียงใหม่"), None),
        ("เรียนออนไซต์ ไม่ใช่ออนไลน์", ("modality", "online"), ("modality", "onsite")),
    ],
)
def test_negation(parse, text, absent, present):
    pairs = {(e.type, e.value) for e in parse(text).entities}
    assert absent not in pairs
    if present:
        assert present in pairs


@pytest.mark.parametrize(
    ("text", "entity_type"),
    [
        ("ลบข้อมูลของฉัน", "topic"),  # ข้อมูล alone is not the data topic
        ("เปลี่ยนอีเมลค่ะ", "topic"),  # อีเมล is a topic only as a course subject
        ("ขอเปลี่ยนหน่วยงานเป็นสำนักงานปลัดกระทรวง", "target_group"),  # an agency, not an executive
        ("ลิงก์ zoom เข้าไม่ได้", "modality"),
    ],
)
def test_everyday_words_are_not_entities(parse, text, entity_type):
    assert found(parse, text, entity_type) == []


def test_weak_words_count_after_a_cue(parse):
    assert found(parse, "คอร์สอีเมลสำหรับมือใหม่", "topic") == ["digital_literacy"]
    assert found(parse, "เป็นไอทีค่ะ", "target_group") == ["technologist"]


def test_spacing_and_tone_marks_do_not_matter(parse):
    assert found(parse, "ผู้ บริหาร", "target_group") == ["executive"]
    assert found(parse, "หลักสุตร ไซเบอร", "topic") == ["cybersecurity"]
    assert found(parse, "ไซ เบอร์", "topic") == ["cybersecurity"]


def test_latin_terms_must_be_whole_words(parse):
    assert found(parse, "thailand", "topic") == []
    assert found(parse, "said hello", "topic") == []
    assert found(parse, "AI-based tools", "topic") == ["ai"]


def test_several_entities_in_text_order(parse):
    text = "สมัครคอร์สAIรุ่นที่๒เดือนหน้าที่เชียงใหม่ค่ะ"
    result = parse(text)
    assert [e.type for e in result.entities] == ["topic", "session_no", "date", "province"]
    assert [e.text for e in result.entities] == ["AI", "รุ่นที่๒", "เดือนหน้า", "เชียงใหม่"]


def test_gazetteer_has_no_ambiguous_spellings():
    from nlu.entities import EntityExtractor

    EntityExtractor()  # raises AmbiguousTermError if two entities share a spelling key


def pairs(parse, text):
    return [(e.type, e.value) for e in parse(text).entities]


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("หลักสูตร AI และ data สำหรับผู้บริหาร", ["ai", "data"]),
        ("อยากเรียนคลาวด์กับ data ค่ะ", ["cloud", "data"]),
        ("ขอยกเลิกรุ่นคลาวด์กับรุ่น data", ["cloud", "data"]),
        ("คอร์ส AI/ML", ["ai", "ai"]),
        ("ไซเบอร์ คลาวด์ และข้อมูล", ["cybersecurity", "cloud", "data"]),
        ("เรียนเขียนโปรแกรม หรือเว็บก็ได้", ["programming", "programming"]),
    ],
)
def test_coordinated_topics_are_all_kept(parse, text, topics):
    """A weak term (data, ข้อมูล, ML) joined to a topic by a conjunction is a topic too."""
    assert found(parse, text, "topic") == topics


def test_a_conjunction_alone_does_not_make_a_topic(parse):
    assert found(parse, "ลบข้อมูลของฉันและข้อมูลลูกด้วย", "topic") == []
    assert found(parse, "คอร์ส AI ดีมาก และข้อมูลครบ", "topic") == ["ai"]  # not right after the topic


@pytest.mark.parametrize(
    ("text", "topic", "span"),
    [
        ("ไม่ค่อยเก่งคอมพิวเตอร์ครับ มีหลักสูตรไหม", "digital_literacy", "ไม่ค่อยเก่งคอมพิวเตอร์"),
        ("ใช้ excel ไม่เป็นเลย", "digital_literacy", "ใช้ excel ไม่เป็น"),
        ("ผมใช้คอมไม่คล่องครับ", "digital_literacy", "ใช้คอมไม่คล่อง"),
        ("อยากเรียนวิธีป้องกันระบบไม่ให้โดนแฮก", "cybersecurity", "ป้องกันระบบไม่ให้โดนแฮก"),
        ("มีคอร์สรู้ทันมิจฉาชีพออนไลน์ไหม", "cybersecurity", "รู้ทันมิจฉาชีพออนไลน์"),
        ("แก๊งคอลเซ็นเตอร์ระบาดหนัก มีอบรมไหม", "cybersecurity", "แก๊งคอลเซ็นเตอร์"),
        ("ความปลอดภัยของระบบสารสนเทศ", "cybersecurity", "ความปลอดภัยของระบบสารสนเทศ"),
    ],
)
def test_topics_named_by_a_description(parse, text, topic, span):
    result = parse(text)
    topics = [e for e in result.entities if e.type == "topic"]
    assert [(e.value, e.text) for e in topics] == [(topic, span)]
    assert result.first("modality") is None  # ออนไลน์ inside a fraud phrase is not how to learn


@pytest.mark.parametrize("text", ["ไม่เป็นไรค่ะ", "ใช้ได้แล้วค่ะ", "พร้อมแล้วค่ะ", "ไม่ทันแล้วค่ะ"])
def test_everyday_phrases_are_not_topics(parse, text):
    assert found(parse, text, "topic") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ไม่เอาออนไลน์ อยากได้แบบเรียนในห้องค่ะ", ["onsite"]),
        ("ไม่อยากไปเรียนในห้องครับ ขอเรียนผ่าน zoom", ["online"]),
        ("ไม่ถนัดออนไลน์ค่ะ", []),
        ("ขอแบบไฮบริดค่ะ ไม่เอาออนไลน์ล้วน", ["hybrid"]),
        ("ไม่เอาแบบผสม ออนไลน์และในห้อง", []),
    ],
)
def test_negated_modality_is_not_extracted(parse, text, expected):
    assert found(parse, text, "modality") == expected


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("ขอสมัครรุ่นแบบผสม ออนไลน์และในห้องค่ะ", "แบบผสม ออนไลน์และในห้อง"),
        ("มีคอร์สที่เรียนทั้งออนไลน์และในห้องเรียนไหม", "เรียนทั้งออนไลน์และในห้องเรียน"),
        ("อยากได้แบบผสม ออนไลน์กับในห้อง", "แบบผสม ออนไลน์กับในห้อง"),
        ("อบรมทั้งออนไซต์และออนไลน์", "อบรมทั้งออนไซต์และออนไลน์"),
        ("ออนไลน์ผสมในห้องเรียน", "ออนไลน์ผสมในห้องเรียน"),
    ],
)
def test_a_mix_of_online_and_classroom_is_hybrid_alone(parse, text, span):
    modalities = [e for e in parse(text).entities if e.type == "modality"]
    assert [(e.value, e.text) for e in modalities] == [("hybrid", span)]


def test_online_or_classroom_as_a_question_is_not_hybrid(parse):
    assert found(parse, "รุ่นนี้เรียนออนไลน์หรือในห้องเรียนคะ", "modality") == ["online", "onsite"]


@pytest.mark.parametrize(
    "text",
    [
        "ซื้อของออนไลน์ที่ไหนดีคะ",
        "จ่ายบิลค่าไฟออนไลน์ยังไง",
        "ยื่นภาษีออนไลน์ได้ถึงวันไหน",
        "เล่นเกมออนไลน์อะไรดี",
        "โดนมิจฉาชีพออนไลน์หลอกโอนเงิน",
        "ระวังแก๊งหลอกลวงออนไลน์นะคะ",
    ],
)
def test_online_in_fraud_and_everyday_transactions_is_not_a_modality(parse, text):
    assert found(parse, text, "modality") == []


def test_online_course_bought_online_is_still_online(parse):
    assert found(parse, "ซื้อคอร์สเรียนออนไลน์ได้ไหม", "modality") == ["online"]


@pytest.mark.parametrize(
    "text",
    [
        "ผมเป็นลูกจ้างประจำครับ",
        "ลูกจ้างชั่วคราวสมัครได้ไหมคะ",
        "เป็นพนักงานราชการค่ะ",
        "ข้าราชการบำนาญเรียนได้ไหม",
        "พนักงานจ้างเหมาบริการค่ะ",
        "เป็นอาสาสมัครค่ะ",
        "ขอติดต่อฝ่ายไอทีของโครงการ",
        "ขออีเมลผู้ดูแลระบบค่ะ",
    ],
)
def test_job_types_and_other_units_are_not_target_groups(parse, text):
    assert pairs(parse, text) == []  # no target group, and no คลาวด์ read in ลูกจ้างชั่วคราว


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("ข้าราชการสายไอทีค่ะ", "technologist"),
        ("ผมอยู่ฝ่ายไอทีครับ", "technologist"),
        ("เป็นผู้ดูแลระบบของกรมค่ะ", "technologist"),
        ("เป็นพนักงานราชการ ตำแหน่งผู้อำนวยการกอง", "director"),
    ],
)
def test_target_group_next_to_a_job_type(parse, text, group):
    assert found(parse, text, "target_group") == [group]


@pytest.mark.parametrize("text", ["ขอบคุณจากใจเลยครับ", "ใจเย็นๆ เลยค่ะ"])
def test_a_one_letter_cue_must_stand_alone(parse, text):
    assert found(parse, text, "province") == []  # จ in ใจ is not จ. (จังหวัด) before เลย
