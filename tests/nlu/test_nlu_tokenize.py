"""Segmentation with the domain dictionary, with and without a writable cache."""

from pathlib import Path

import pytest

from nlu import tokenize as tokenize_module
from nlu.entities.resources import domain_words
from nlu.tokenize import Tokenizer


@pytest.fixture(scope="module")
def engines():
    return Tokenizer(domain_words()), Tokenizer(domain_words(), engine="newmm")


def test_domain_words_stay_whole(engines):
    fast, _ = engines
    tokens = fast.tokenize("อยากลงทะเบียนหลักสูตรเอไอสำหรับผอ.กองค่ะ")
    assert "ลงทะเบียน" in tokens and "หลักสูตร" in tokens and "เอไอ" in tokens


@pytest.mark.parametrize(
    "text",
    ["สมัครคอร์สไซเบอร์ซีเคียวริตี้รุ่นที่2ค่ะ", "ขอเกียรติบัตรหลักสูตรปัญญาประดิษฐ์", "ยกเลิกการลงทะเบียนครับ"],
)
def test_nlpo3_and_newmm_agree_on_thai(engines, text):
    fast, slow = engines
    assert fast.engine == "nlpo3"
    assert fast.tokenize(text) == slow.tokenize(text)


def test_falls_back_to_newmm_without_a_writable_cache(monkeypatch, tmp_path: Path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setattr(tokenize_module, "_cache_dirs", lambda: [blocked / "cache"])
    tokenizer = Tokenizer(domain_words())
    assert tokenizer.engine == "newmm"
    assert tokenizer.tokenize("สวัสดีค่ะ") == ["สวัสดี", "ค่ะ"]
