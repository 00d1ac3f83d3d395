"""Thai typed with the English keyboard layout (l;ylfu -> สวัสดี), fixed when it clearly is that.

A message is converted only if it has no Thai at all, is not made of known
Latin words, and the converted text is mostly dictionary words. The mapping
is one key to one character, so offsets do not move. Shifted keys matter
(``N`` is ์, ``F`` is โ), so the conversion reads the letters as typed, before
normalisation lower-cased them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from nlu import _env  # noqa: F401
from nlu.normalize import MappedText

_THAI = re.compile("[\u0e00-\u0e7f]")
_LATIN_WORD = re.compile(r"[a-z]+")
_MIN_LETTERS = 4
_MIN_COVERAGE = 0.8

#: everyday Latin words in Thai chat that must never be converted
COMMON_LATIN = frozenset(
    """a an the i you we me my is are am to of in on at for and or not no yes ok okay hi hello hey
    thanks thank thx ty pls please help menu course courses register cancel status cert certificate
    admin bot test good morning night bye see login line app web online onsite hybrid zoom data ai
    cloud cyber security python excel word email what how when where why who can do does have has
    lol haha wow omg sorry wait stop start next back home link error code""".split()
)


class LayoutFixer:
    def __init__(
        self,
        tokenize: Callable[[str], list[str]],
        thai_words: Collection[str],
        latin_words: Collection[str] = (),
    ) -> None:
        from pythainlp.util import eng_to_thai

        self._convert = eng_to_thai
        self._tokenize = tokenize
        self._thai_words = thai_words
        self._latin = COMMON_LATIN | {w.lower() for w in latin_words}

    def looks_mistyped(self, text: str, typed: str | None = None) -> str | None:
        """The Thai text meant, if ``text`` (normalised, lower case) was typed on the wrong layout.

        ``typed`` is ``text`` with the letters' case as typed (see :func:`typed_case`).
        """
        if _THAI.search(text) or not text.isascii():
            return None
        words = _LATIN_WORD.findall(text)
        if sum(map(len, words)) < _MIN_LETTERS:
            return None
        if words and sum(w in self._latin for w in words) / len(words) >= 0.5:
            return None
        converted = self._convert(typed if typed is not None and len(typed) == len(text) else text)
        thai_chars = len(_THAI.findall(converted))
        if thai_chars < 3:
            return None
        covered = sum(len(t) for t in self._tokenize(converted) if len(t) >= 2 and t in self._thai_words)
        if covered / thai_chars < _MIN_COVERAGE:
            return None
        return converted


def typed_case(mapped: MappedText) -> str:
    """The normalised text with each Latin letter back in the case it was typed in."""
    out = []
    original = mapped.original
    for ch, a, b in zip(mapped.text, mapped.starts, mapped.ends, strict=True):
        typed = original[a] if b - a == 1 else ch
        out.append(typed if typed.lower() == ch else ch)
    return "".join(out)
