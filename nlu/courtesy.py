"""Thanks, greetings and acknowledgements around a request: ขอบคุณค่ะ แล้วขอยกเลิกรุ่นที่ 2 ด้วย.

A message that thanks (or greets) and then asks for something new means the request. The
classifier reads the whole message and, seeing ขอบคุณ, may answer ``thanks``; the pipeline then
reads the message again without its courtesy words and keeps the request when one is clear.
"""

from __future__ import annotations

import re

_COURTESY = (
    r"ขอบคุณ|ขอบคุน|ขอบคูณ|ขอบใจ|ขอบพระคุณ|แต๊งกิ้ว|แต้งกิ้ว|เทงกิ้ว|thank you|thanks|thank u|thx|tysm|ty"
    r"|สวัสดี|หวัดดี|สวัดดี|hello|hi|hey"
    r"|โอเค|โอเค้|ok|okay|ได้เลย|ได้ค่ะ|ได้ครับ|รับทราบ|เข้าใจแล้ว|ดีมาก|เยี่ยม|สุดยอด"
)
_TAIL = (
    r"มากๆ|มาก|นะ|ค่ะ|คะ|ค่า|ครับผม|ครับ|คับ|จ้า|จ้ะ|ฮะ|งับ|เลย|ด้วย|อีกครั้ง|อีกที|so much|very much|a lot"
    r"|สำหรับ\S*|ที่ช่วย\S*|ที่ตอบ\S*|ที่แนะนำ\S*"
)
_LINK = r"แล้วก็|แล้ว|ว่าแต่|อีกเรื่อง|อีกอย่าง|ขอถามอีกเรื่อง|ส่วน|แต่|งั้น|ถ้างั้น|เออ|อ้อ|อ๋อ|and|also|but"
_LEADING = re.compile(
    rf"^\s*(?:(?:{_COURTESY})(?![a-z])(?:\s*(?:{_TAIL}))*[\s,.!~🙏😊]*)+(?:(?:{_LINK})(?![a-z])\s*)?"
)
_TRAILING = re.compile(rf"[\s,.!~]*(?:(?<![a-z])(?:{_COURTESY})(?:\s*(?:{_TAIL}))*[\s,.!~🙏😊]*)+$")
_LETTERS = re.compile(r"[a-z\u0e01-\u0e2e]")
#: a remainder needs at least this many letters to be read as a request of its own
MIN_LETTERS = 4


def without_courtesy(text: str) -> str | None:
    """``text`` (normalised) without leading and trailing courtesy words, or ``None`` when nothing
    was removed or too little is left."""
    rest = _LEADING.sub("", text, count=1)
    rest = _TRAILING.sub("", rest, count=1)
    if rest == text or len(_LETTERS.findall(rest)) < MIN_LETTERS:
        return None
    return rest.strip()
