"""Text normalisation that remembers where every character came from.

Every step works on a :class:`MappedText`: the current text plus, for each of
its characters, the span of the original text it stands for. Entity offsets
found on the normalised text are mapped back with :meth:`MappedText.original_span`.

The Thai rules follow ``pythainlp.util.normalize`` (zero-width characters,
duplicate spaces, spaces before marks, vowel/tone reordering, repeated vowels
and tone marks, dangling marks) but are re-implemented here because that
function cannot report offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

_TONES = "\u0e48\u0e49\u0e4a\u0e4b"
_ABOVE = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47\u0e4d"
_BELOW = "\u0e38\u0e39\u0e3a"
_FOLLOW = "\u0e30\u0e32\u0e33\u0e45"
_LEAD = "\u0e40\u0e41\u0e42\u0e43\u0e44"
_SIGNS = "\u0e4c\u0e4d\u0e4e"
_DANGLING = _ABOVE + _BELOW + _TONES + "\u0e3a\u0e4c\u0e4d\u0e4e"
_NOREPEAT = _FOLLOW + _LEAD + _ABOVE + _BELOW + _SIGNS

#: characters that are deleted outright (zero-width and invisible formatting)
_DELETE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)


def _build_translate() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)):
        table[cp] = " "  # control characters (tabs and newlines too) become spaces
    for cp in (0x2028, 0x2029, 0x00A0, 0x3000, 0x202F, 0x2007):
        table[cp] = " "
    for cp in range(0x2000, 0x200B):
        table[cp] = " "
    for cp in range(0xD800, 0xE000):  # lone surrogates cannot be encoded
        table[cp] = " "
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[cp] = chr(cp - 0xFEE0)
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d":
        table[ord(ch)] = "-"
    for ch in "\u2018\u2019\u201a\u201b\u2032":
        table[ord(ch)] = "'"
    for ch in "\u201c\u201d\u201e\u201f\u2033":
        table[ord(ch)] = '"'
    for i, ch in enumerate("๐๑๒๓๔๕๖๗๘๙"):
        table[ord(ch)] = str(i)
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    return table


_TRANSLATE = _build_translate()
# After translation full-width capitals became ASCII capitals; lowercase them too.
_LOWER_ASCII = {cp: chr(cp + 32) for cp in range(ord("A"), ord("Z") + 1)}

_Repl = str | Callable[[re.Match[str]], str]

_RULES: list[tuple[re.Pattern[str], _Repl]] = [
    (re.compile(" {2,}"), " "),
    # pythainlp: remove a single space between a consonant and a following mark
    (
        re.compile(
            f"([\u0e01-\u0e2e])(?<![{_LEAD}{_FOLLOW}{_ABOVE}{_BELOW}][\u0e01-\u0e2e]) ([{_DANGLING}])"
        ),
        r"\1\2",
    ),
    (re.compile("\u0e40\u0e40"), "\u0e41"),
    (re.compile(f"([{_TONES}\u0e4c]+)([{_ABOVE}{_BELOW}]+)"), r"\2\1"),
    (re.compile(f"\u0e4d([{_TONES}]*)\u0e32"), "\\1\u0e33"),
    (re.compile(f"([{_FOLLOW}]+)([{_TONES}]+)"), r"\2\1"),
    (re.compile("([^\u0e24\u0e26])\u0e45"), "\\1\u0e32"),
    (re.compile(f"([{_NOREPEAT}])(?: *\\1)+"), r"\1"),
    (re.compile(f"[{_TONES}]{{2,}}"), lambda m: m.group(0)[-1]),
    (re.compile(f"^[{_DANGLING}]+"), ""),
    (re.compile(f" +[{_DANGLING}]+"), " "),
    # ครับบบบ / !!!!! -> one character; digits are kept (course codes, years). Three in a row
    # only at the end of a word, because หรือออนไลน์ has three อ of two words; งงงง stays งง.
    (re.compile("\u0e07{3,}"), "\u0e07\u0e07"),
    (re.compile(r"([^\d\s\u0e07])\1{3,}"), r"\1"),
    (re.compile(r"([^\d\s\u0e07])\1{2}(?=[\s.,!?~]|$)"), r"\1"),
    (re.compile(" {2,}"), " "),
]


@dataclass(frozen=True, slots=True)
class MappedText:
    """A string plus, per character, the ``[start, end)`` span of the original it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original: str

    @classmethod
    def of(cls, original: str) -> MappedText:
        n = len(original)
        return cls(original, tuple(range(n)), tuple(range(1, n + 1)), original)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` in this text to ``[start, end)`` in the original text."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def translate(self, table: Mapping[int, str | None]) -> MappedText:
        """Apply a character table (each character maps to one character or is deleted)."""
        out = self.text.translate(table)
        if out == self.text:
            return self
        if len(out) == len(self.text):
            return MappedText(out, self.starts, self.ends, self.original)
        keep = [i for i, ch in enumerate(self.text) if table.get(ord(ch), ch) is not None]
        return MappedText(
            out, tuple(self.starts[i] for i in keep), tuple(self.ends[i] for i in keep), self.original
        )

    def sub(self, pattern: re.Pattern[str], repl: _Repl) -> MappedText:
        """``pattern.sub(repl, text)`` keeping the character map."""
        first = pattern.search(self.text)
        if first is None:
            return self
        text, starts, ends = self.text, self.starts, self.ends
        out: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        pos = 0
        for m in pattern.finditer(text):
            a, b = m.span()
            if a > pos:
                out.append(text[pos:a])
                new_starts.extend(starts[pos:a])
                new_ends.extend(ends[pos:a])
            r = m.expand(repl) if isinstance(repl, str) else repl(m)
            if r:
                out.append(r)
                if len(r) == b - a:
                    new_starts.extend(starts[a:b])
                    new_ends.extend(ends[a:b])
                elif b > a:
                    new_starts.extend([starts[a]] * len(r))
                    new_ends.extend([ends[b - 1]] * len(r))
                else:  # pure insertion: borrow the neighbour's position
                    anchor = starts[a] if a < len(starts) else len(self.original)
                    new_starts.extend([anchor] * len(r))
                    new_ends.extend([anchor] * len(r))
            pos = b
        if pos < len(text):
            out.append(text[pos:])
            new_starts.extend(starts[pos:])
            new_ends.extend(ends[pos:])
        return MappedText("".join(out), tuple(new_starts), tuple(new_ends), self.original)

    def strip(self) -> MappedText:
        text = self.text
        a = len(text) - len(text.lstrip())
        b = len(text.rstrip())
        if a == 0 and b == len(text):
            return self
        return MappedText(text[a:b], self.starts[a:b], self.ends[a:b], self.original)


def _nfc(mt: MappedText) -> MappedText:
    """NFC per cluster (a starter and its combining marks), so offsets stay exact."""
    if unicodedata.is_normalized("NFC", mt.text):
        return mt
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    text = mt.text
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        chunk = unicodedata.normalize("NFC", text[i:j])
        out.append(chunk)
        if len(chunk) == j - i:
            starts.extend(mt.starts[i:j])
            ends.extend(mt.ends[i:j])
        else:
            starts.extend([mt.starts[i]] * len(chunk))
            ends.extend([mt.ends[j - 1]] * len(chunk))
        i = j
    return MappedText("".join(out), tuple(starts), tuple(ends), mt.original)


def normalize(text: str, *, max_chars: int | None = None) -> MappedText:
    """Normalise a chat message for matching: lower-case ASCII, Arabic digits, clean Thai.

    ``max_chars`` keeps only the beginning of very long messages (offsets stay
    relative to the full original text).
    """
    source = text if max_chars is None else text[:max_chars]
    mt = MappedText(source, tuple(range(len(source))), tuple(range(1, len(source) + 1)), text)
    mt = mt.translate(_DELETE)
    mt = _nfc(mt)
    mt = mt.translate(_TRANSLATE)
    mt = mt.translate(_LOWER_ASCII)
    for pattern, repl in _RULES:
        mt = mt.sub(pattern, repl)
    return mt.strip()
