"""Message builders stay inside LINE's limits: checked with the emulator's OpenAPI schema validator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from backend.thai_dates import thai_date, thai_date_range
from bot.postback import encode_postback
from bot.render import courses, registrations
from bot.render.limits import clip_label, clip_utf16, utf16_len
from bot.render.messages import message_action, postback_action, text
from line_emulator import load_spec
from line_emulator.config import DEFAULT_SPEC_PATH
from tests.clock import CLOCK

USER = "U" + "a" * 32


@pytest.fixture(scope="module")
def spec() -> Any:
    return load_spec(DEFAULT_SPEC_PATH)


def push_violations(spec: Any, *messages: dict[str, Any]) -> list[Any]:
    return spec.schemas.validate("PushMessageRequest", {"to": USER, "messages": list(messages)})


def pb(action: str, **params: object) -> str:
    return encode_postback(action, user_id=USER, secret="s", now=CLOCK.timestamp(), **params)


@dataclass
class Tag:
    code: str
    name_th: str


@dataclass
class FakeSession:
    id: int = 7
    no: int = 1
    start_date: dt.date = dt.date(2026, 12, 1)
    end_date: dt.date = dt.date(2026, 12, 2)
    province: str | None = "กรุงเทพมหานคร"
    online: bool = False
    venue: str = "ห้องประชุม " * 30
    seats_left: int = 0
    waitlisted: int = 3
    registration_state: str = "open"

    @property
    def is_open_for_registration(self) -> bool:
        return self.registration_state == "open"


@dataclass
class FakeCourse:
    code: str = "ONDE-AI-001"
    title_th: str = "หลักสูตรปัญญาประดิษฐ์ " * 40
    provider: str = "สถาบันทดสอบ " * 20
    topics: list[Tag] = field(default_factory=lambda: [Tag("ai", "ปัญญาประดิษฐ์")] * 5)
    target_groups: list[Tag] = field(default_factory=lambda: [Tag("other", "ผู้ปฏิบัติงานอื่น ๆ")])
    hours: float = 12.5
    modality: str = "hybrid"
    fee: float = 0
    description: str = "รายละเอียด " * 300
    next_session: Any = field(default_factory=FakeSession)
    sessions: list[Any] = field(default_factory=lambda: [FakeSession(id=i, no=i) for i in range(1, 20)])


def test_thai_dates_use_buddhist_era() -> None:
    assert thai_date(dt.date(2026, 12, 1)) == "1 ธ.ค. 2569"
    assert thai_date_range(dt.date(2026, 12, 1), dt.date(2026, 12, 3)) == "1–3 ธ.ค. 2569"
    assert thai_date_range(dt.date(2026, 12, 30), dt.date(2027, 1, 2)) == "30 ธ.ค. 2569 – 2 ม.ค. 2570"


def test_text_is_clipped_to_5000_utf16_units(spec: Any) -> None:
    message = text("😀" * 4000)
    assert utf16_len(message["text"]) <= 5000
    assert push_violations(spec, message) == []
    assert clip_utf16("abc", 5) == "abc"


def test_quick_replies_capped_at_13_with_short_labels(spec: Any) -> None:
    actions = [message_action(f"ตัวเลือกที่ยาวมากเกินกว่ายี่สิบตัวอักษร {i}") for i in range(20)]
    message = text("เลือกค่ะ", quick=actions)
    assert len(message["quickReply"]["items"]) == 13
    assert push_violations(spec, message) == []
    assert len(clip_label("ผู้อำนวยการกอง (ผู้บริหารระดับกลาง)")) <= 20 * 3


def test_search_carousel_is_valid_and_at_most_12_bubbles(spec: Any) -> None:
    items = [FakeCourse(code=f"C{i}") for i in range(15)]
    message = courses.search_results(items, total=40, shown_before=0, more_data=pb("more", k="abc", p=2))
    bubbles = message["contents"]["contents"]
    assert len(bubbles) == 12
    assert "ดูเพิ่มเติม" in str(bubbles[-1])
    assert "1 ธ.ค. 2569" in str(bubbles[0])
    assert push_violations(spec, message) == []


def test_course_detail_is_valid(spec: Any) -> None:
    message = courses.course_detail(FakeCourse())
    assert push_violations(spec, message) == []


def test_registrations_carousel_is_valid(spec: Any) -> None:
    @dataclass
    class Reg:
        registration_id: int
        status: str
        session_no: int = 2
        course_title_th: str = "หลักสูตร " * 50
        start_date: dt.date = dt.date(2027, 1, 5)
        end_date: dt.date = dt.date(2027, 1, 6)
        province: str | None = None
        online: bool = True
        venue: str = ""
        waitlist_position: int | None = 2
        upcoming: bool = True
        cancellable: bool = True

    regs = [Reg(i, s) for i, s in enumerate(["registered", "waitlisted", "completed"] * 6)]
    message = registrations.my_registrations(regs, pb)
    assert len(message["contents"]["contents"]) == 12
    assert "สำรอง ลำดับที่ 2" in str(message)
    assert push_violations(spec, message) == []


def test_postback_action_refuses_data_over_300() -> None:
    with pytest.raises(ValueError):
        postback_action("x", "a" * 301)


def test_five_messages_per_request_limit_is_enforced_by_the_schema(spec: Any) -> None:
    assert push_violations(spec, *[text("a")] * 6) != []
