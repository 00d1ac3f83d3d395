"""The NLU contract of DOMAIN.md: types, JSON shape, offsets, command line."""

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import time_machine

import nlu

ROOT = Path(__file__).resolve().parents[2]


def test_domain_example(parse):
    text = "อยากหาคอร์สเอไอสำหรับผู้บริหารเดือนหน้า"
    result = parse(text)
    assert result.intent == "search_courses"
    assert {(e.type, str(e.value)) for e in result.entities} == {
        ("topic", "ai"),
        ("target_group", "executive"),
        ("date", str({"start": "2026-12-01", "end": "2026-12-31"})),
    }


def test_json_shape_is_exactly_the_contract(parse):
    payload = parse("สมัครคอร์ส AI รุ่นที่ 2 เดือนหน้าค่ะ").to_dict()
    assert set(payload) == {"intent", "confidence", "entities"}
    assert payload["intent"] in nlu.INTENTS
    assert 0.0 <= payload["confidence"] <= 1.0
    for entity in payload["entities"]:
        assert set(entity) == {"type", "value", "text", "start", "end"}
        assert entity["type"] in nlu.ENTITY_TYPES
    date = next(e for e in payload["entities"] if e["type"] == "date")
    assert date["value"] == {"start": "2026-12-01", "end": "2026-12-31"}
    session = next(e for e in payload["entities"] if e["type"] == "session_no")
    assert session["value"] == 2 and isinstance(session["value"], int)
    json.dumps(payload, ensure_ascii=False)


def test_results_are_frozen(parse):
    result = parse("สวัสดีค่ะ")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.intent = "thanks"  # type: ignore[misc]
    entity = parse("คอร์ส AI").entities[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entity.start = 0  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "อยากหาคอร์สเอไอสำหรับผู้บริหารเดือนหน้า",
        "สมัคร\u200bคอร์ส\u200b AI รุ่นที่ ๒ ที่ กทม. ครับบบบบ",
        "ค่าาาาา   หลักสุตร   ไซเบอ    ออนไลน์ 15 ธ.ค. 2569",
        "ＡＩ คอร์ส ใน เชียงใหม่ ม.ค. ๒๕๗๐",
        "เเละ ขอ ลงทะเบียน ONDE–AI–001 รุ่น ๓ ค่ะ",
        "😀😀 ผู้\u200dบริหาร 😀 สัปดาห์หน้า 🙏",
        "\tpython\r\nไพธอน\x00 data\x07 ดาต้า",
    ],
)
def test_offsets_point_into_the_original_text(parse, text):
    result = parse(text)
    assert result.entities, "expected entities"
    for e in result.entities:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text


def test_offsets_survive_normalisation(parse):
    text = "ครับบบบ สมัคร\u200bรุ่นที่ ๔ ค่ะ"
    session = parse(text).first("session_no")
    assert session is not None and session.value == 4
    assert session.text == "รุ่นที่ ๔"
    assert (session.start, session.end) == (text.index("รุ่น"), text.index("๔") + 1)


def test_ranking_and_candidates(parse):
    result = parse("อยากยกเลิกหรือเปลี่ยนรุ่นค่ะ")
    assert result.ranking[0] == (result.intent, pytest.approx(result.confidence))
    probabilities = [p for _, p in result.ranking]
    assert probabilities == sorted(probabilities, reverse=True)
    assert sum(probabilities) == pytest.approx(1.0)
    assert {intent for intent, _ in result.ranking} == set(nlu.INTENTS)
    top3 = nlu.intent_candidates("อยากยกเลิกหรือเปลี่ยนรุ่นค่ะ", k=3)
    assert len(top3) == 3 and {"cancel_registration", "register"} <= {i for i, _ in top3}


def test_helpers_on_parse(parse):
    result = parse("คอร์ส AI หรือ Power BI ที่เชียงใหม่")
    assert result.values("topic") == ["ai", "data"]
    assert result.first("province").value == "เชียงใหม่"
    assert result.first("course_code") is None


def test_today_defaults_to_bangkoks_date_not_the_machines():
    # 00:30 on 1 January 2570 in Bangkok is still 31 December in UTC, the machine's zone here.
    with time_machine.travel(dt.datetime(2026, 12, 31, 17, 30, tzinfo=dt.UTC), tick=False):
        result = nlu.parse("พรุ่งนี้มีอบรมไหม")
    assert result.first("date").value == {"start": "2027-01-02", "end": "2027-01-02"}


def test_rejects_non_text():
    with pytest.raises(TypeError):
        nlu.parse(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        nlu.parse(b"bytes")  # type: ignore[arg-type]


def test_parse_is_thread_safe(parse):
    texts = ["สมัครรุ่นที่ 2 ค่ะ", "ยกเลิกค่ะ", "ขอเกียรติบัตร", "ราคาทองวันนี้"] * 20
    expected = [parse(t).to_dict() for t in texts]
    results: list = [None] * len(texts)

    def work(offset: int) -> None:
        for i in range(offset, len(texts), 4):
            results[i] = parse(texts[i]).to_dict()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == expected


def _run(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHAINLP_")}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_import_is_light_and_sets_pythainlp_offline():
    out = _run(
        "import sys, os, nlu; "
        "print(os.environ['PYTHAINLP_OFFLINE'], os.environ['PYTHAINLP_READ_ONLY'], "
        "'pythainlp' in sys.modules, 'numpy' in sys.modules, 'sklearn' in sys.modules)"
    )
    assert out == "1 1 False False False"


def test_parsing_never_loads_the_training_libraries():
    out = _run(
        "import sys, nlu; nlu.parse('สวัสดีค่ะ'); print('sklearn' in sys.modules, 'scipy' in sys.modules)"
    )
    assert out == "False False"


def test_command_line_parse_prints_the_contract_json():
    text = "ลงทะเบียน ONDE-AI-001 รุ่นที่ ๒ เดือนหน้าค่ะ"
    out = subprocess.run(
        [sys.executable, "-m", "nlu", "parse", text, "--today", "2026-11-28"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    payload = json.loads(out.stdout)
    assert payload["intent"] == "register"
    got = {(e["type"], json.dumps(e["value"], sort_keys=True)) for e in payload["entities"]}
    assert got == {
        ("course_code", '"ONDE-AI-001"'),
        ("session_no", "2"),
        ("date", '{"end": "2026-12-31", "start": "2026-12-01"}'),
    }
    for e in payload["entities"]:
        assert text[e["start"] : e["end"]] == e["text"]


def test_repeated_messages_give_the_same_answer_and_callers_cannot_spoil_it():
    today = dt.date(2026, 11, 28)
    first = nlu.parse("หาหลักสูตร AI เดือนหน้า", today=today)
    first.entities.clear()
    first.ranking.clear()
    again = nlu.parse("หาหลักสูตร AI เดือนหน้า", today=today)
    assert again.intent == "search_courses" and again.ranking
    assert again == nlu.parse("หาหลักสูตร AI เดือนหน้า", today=today, cache=False)
    assert {e.type for e in again.entities} == {"topic", "date"}
    # The same words on another day mean other dates.
    later = nlu.parse("หาหลักสูตร AI เดือนหน้า", today=dt.date(2027, 1, 5))
    assert later.first("date").value == {"start": "2027-02-01", "end": "2027-02-28"}
