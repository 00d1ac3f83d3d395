"""Normalisation keeps a map back to the original characters."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.util import normalize as pythainlp_normalize

from nlu.normalize import normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ครับบบบ", "ครับ"),
        ("ค่าาาา", "ค่า"),
        ("นะคะะะ", "นะคะ"),
        ("หรือออนไลน์", "หรือออนไลน์"),  # three อ across two words stay
        ("งงงงงง", "งง"),
        ("รุ่นที่ ๒", "รุ่นที่ 2"),
        ("ONDE–AI–001", "onde-ai-001"),
        ("ＡＩ", "ai"),
        ("เเปลก", "แปลก"),
        ("กํา", "กำ"),
        ("ขอบ\u200bคุณ", "ขอบคุณ"),
        ("a\tb\r\nc\x00d", "a b c d"),
        ("  หลาย    ช่องว่าง  ", "หลาย ช่องว่าง"),
        ("55555", "55555"),
        ("ONDE-AI-0001", "onde-ai-0001"),
    ],
)
def test_normalised_text(text, expected):
    assert normalize(text).text == expected


@pytest.mark.parametrize("text", ["นานาาา", "ดีีีี", "เเปลก", "ก้ำ", "สวัสดีีี ค่ะะะ", "กํา", "ก่่่า", "ไม่่"])
def test_same_thai_rules_as_pythainlp(text):
    assert normalize(text).text == pythainlp_normalize(text)


def test_long_messages_are_cut_but_offsets_stay_absolute():
    text = "ก" * 10 + " AI " + "ข" * 5000
    mapped = normalize(text, max_chars=100)
    assert len(mapped.text) <= 100
    i = mapped.text.index("ai")
    assert mapped.original_span(i, i + 2) == (11, 13)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("กขคงจ่้ิีุูเแะาำ์ํ ๒๕ABCabc-–\u200b\x00\t😀ๆ.")), max_size=40))
def test_every_normalised_character_maps_to_the_original(text):
    mapped = normalize(text)
    assert len(mapped.starts) == len(mapped.ends) == len(mapped.text)
    for i in range(len(mapped.text)):
        start, end = mapped.original_span(i, i + 1)
        assert 0 <= start < end <= len(text)
    for i in range(1, len(mapped.text)):
        assert mapped.starts[i] >= mapped.starts[i - 1]
