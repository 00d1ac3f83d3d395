"""Thai-aware text handling for course search.

Courses store a word-segmented, normalised copy of their text (`Course.search_text`, " w1 w2 ... ");
queries go through the same normalisation and segmentation, so "ข้อมูล" in a query finds
"ข้อมูลขนาดใหญ่" in a title, and "ai" does not find "email". Segmentation is pythainlp's newmm with
its dictionary plus the framework keywords, loaded lazily once per process.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_LATIN = re.compile(r"[a-z0-9]")
_SPACES = re.compile(r"\s+")

# Words that carry no meaning in a course search ("อยากเรียนหลักสูตร ... หน่อยค่ะ").
QUERY_STOPWORDS = frozenset(
    """
    หลักสูตร คอร์ส คอส อบรม การอบรม ฝึกอบรม เรียน อยาก อยากได้ ต้องการ หา ค้นหา ขอ ดู มี ไหม มั้ย บ้าง
    เกี่ยวกับ เรื่อง ด้าน สำหรับ ของ ที่ ใน และ หรือ กับ การ ความ ให้ ได้ เป็น จะ ช่วย หน่อย ด้วย
    ครับ ค่ะ คะ ค่า นะ จ้า จ้ะ ครับผม เลย แบบ อะไร ไหน ยังไง อย่างไร ทุก
    the a an of and or for in on to with course courses training
    """.split()
)


def normalize(text: str) -> str:
    """Lower-case, NFC, Arabic digits, punctuation to spaces, single spaces."""
    text = unicodedata.normalize("NFC", text or "").lower().translate(_THAI_DIGITS)
    kept = [ch if (ch.isalnum() or unicodedata.category(ch).startswith("M")) else " " for ch in text]
    return _SPACES.sub(" ", "".join(kept)).strip()


class _Segmenter:
    """newmm with pythainlp's words plus our domain words; built on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._segment: Callable[[str], list[str]] | None = None

    def _build(self) -> Callable[[str], list[str]]:
        os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
        if "PYTHAINLP_READ_MODE" not in os.environ:
            os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
        from pythainlp.corpus import thai_words
        from pythainlp.tokenize.newmm import segment
        from pythainlp.util import dict_trie

        words = set(thai_words()) | set(domain_words())
        trie = dict_trie(words)

        def run(text: str) -> list[str]:
            return segment(text, trie, safe_mode=True)

        return run

    def __call__(self, text: str) -> list[str]:
        if self._segment is None:
            with self._lock:
                if self._segment is None:
                    self._segment = self._build()
        return self._segment(text)


def domain_words() -> list[str]:
    """Single-word keywords of the framework file (kept whole by the segmenter)."""
    from backend.services.framework import load_framework_file

    framework = load_framework_file()
    words: set[str] = set()
    for item in (*framework.topics, *framework.target_groups, *framework.skill_areas):
        for phrase in (*item.keywords, item.name_th.lower()):
            for word in normalize(phrase).split():
                if len(word) > 1 and not _LATIN.search(word):
                    words.add(word)
    return sorted(words)


_segmenter = _Segmenter()


def warm_up() -> None:
    """Load the dictionary now (about half a second) instead of on the first search."""
    _segmenter("ทดสอบ")


def tokenize(text: str) -> list[str]:
    """Normalised words of `text`, Thai segmented, spaces dropped."""
    norm = normalize(text)
    if not norm:
        return []
    tokens: list[str] = []
    for chunk in norm.split(" "):
        if chunk.isascii():
            tokens.append(chunk)
        else:
            tokens.extend(t for t in (w.strip() for w in _segmenter(chunk)) if t)
    return tokens


def segment(text: str) -> str:
    """`text` as its words joined by single spaces (the form stored in and matched against search_text)."""
    return " ".join(tokenize(text))


def search_document(parts: Iterable[str]) -> str:
    """The Course.search_text value for these texts: " w1 w2 ... " (leading and trailing space).

    Thai runs that the segmenter split are also kept whole after the words, so a query word matches
    whatever the segmentation in context was ("ข้อมูลขนาดใหญ่" inside "การวิเคราะห์ข้อมูลขนาดใหญ่").
    """
    words: list[str] = []
    runs: list[str] = []
    for part in parts:
        norm = normalize(part or "")
        if not norm:
            continue
        for chunk in norm.split(" "):
            if chunk.isascii():
                words.append(chunk)
                continue
            pieces = [t for t in (w.strip() for w in _segmenter(chunk)) if t]
            words.extend(pieces)
            if len(pieces) > 1:
                runs.append(chunk)
    all_words = words + list(dict.fromkeys(runs))
    return f" {' '.join(all_words)} " if all_words else ""


def is_latin(word: str) -> bool:
    return bool(_LATIN.search(word)) and word.isascii()


def query_terms(text: str) -> list[str]:
    """Meaningful words of a query, in order, without duplicates or filler words."""
    seen: dict[str, None] = {}
    for token in tokenize(text):
        if token in QUERY_STOPWORDS:
            continue
        if len(token) < 2 and not token.isdigit():
            continue
        seen.setdefault(token, None)
    return list(seen)
