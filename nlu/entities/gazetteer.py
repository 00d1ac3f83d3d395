"""Dictionary matching of topics, target groups, modalities and provinces.

Terms and text are compared on their :func:`~nlu.entities.skeleton.skeleton`,
so spacing, tone marks and common misspellings do not matter. All terms are
compiled into one regular expression shaped like a trie, which finds the
leftmost-longest term in C. Latin terms must stand alone as words; *weak* terms
(everyday words such as ข้อมูล or เลย) count only after a cue word, and an entity
right after a negation (ไม่ใช่สายไอที, ไม่เอาออนไลน์) is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from nlu.entities.skeleton import skeleton, skeleton_with_map
from nlu.entities.spans import Span
from nlu.entities.trie import trie_regex

#: the type of phrases that are matched only to be dropped
BLOCK = "block"
_THAI_CONSONANT_KARAN = re.compile("[\u0e01-\u0e2e][\u0e34\u0e38]?\u0e4c$")


@dataclass(frozen=True, slots=True)
class Term:
    form: str
    type: str
    value: str
    weak: bool = False


class AmbiguousTermError(ValueError):
    """Two different entities share one spelling key."""


def spelling_variants(form: str) -> set[str]:
    """The form plus the variants users type: without dots, without a final silent letter."""
    variants = {form}
    if "." in form:
        bare = form.replace(".", "")
        if len(bare) >= 3:
            variants.add(bare)
    for v in list(variants):
        m = _THAI_CONSONANT_KARAN.search(v)
        if m and len(v) - len(m.group(0)) >= 4:
            variants.add(v[: m.start()])
    return variants


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_PARTICLES = ["นะ", "ค่ะ", "คะ", "ครับ", "คับ", "จ้า", "จ้ะ", "ค่า", "เลย", "ละ", "แล้ว", "ครับผม", "ด้วย", "จ้ะ"]


#: keys this short (in characters) match only the exact spelling
_SHORT_KEY = 4


def _compact(text: str) -> str:
    return "".join(ch for ch in text if ch not in " -_")


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class Gazetteer:
    """Finds gazetteer terms in normalised text."""

    def __init__(
        self,
        terms: Iterable[Term],
        *,
        weak_cues: dict[str, list[str]],
        negation_cues: list[str],
        negation_links: list[str],
        negation_after: list[str] = (),
    ) -> None:
        self._lookup: dict[str, tuple[str, str, bool]] = {}
        # short Thai keys must be spelled exactly: น่าน (a province) folds to นาน ("a long time")
        self._exact: dict[str, set[str]] = {}
        for term in terms:
            for variant in spelling_variants(term.form.lower()):
                key = skeleton(variant)
                if not key:
                    continue
                if len(key) <= _SHORT_KEY and not key.isascii():
                    self._exact.setdefault(key, set()).add(_compact(variant))
                known = self._lookup.get(key)
                entry = (term.type, term.value, term.weak)
                if known and known[:2] != entry[:2]:
                    raise AmbiguousTermError(f"{variant!r}: {known[:2]} vs {entry[:2]}")
                if known is None or (known[2] and not term.weak):
                    self._lookup[key] = entry
        self._regex = re.compile(trie_regex(self._lookup))
        self._cue_regex = {
            etype: re.compile(f"(?:{_alternation(c.lower() for c in cues)})\\s*$")
            for etype, cues in weak_cues.items()
        }
        cue = _alternation(c.lower() for c in negation_cues)
        link = _alternation(w.lower() for w in negation_links)
        self._negated_before = re.compile(f"(?:^|(?<=[^a-z]))(?:{cue})[\\s\\-]*(?:(?:{link})\\s*)*$")
        # a negation after the entity counts only when it ends the clause (ออนไลน์ไม่เอาค่ะ)
        self._negated_after = (
            re.compile(
                f"\\s*(?:{_alternation(negation_after)})\\s*(?:{_alternation(_PARTICLES)})*\\s*(?:$|[,.!?/])"
            )
            if negation_after
            else None
        )

    @property
    def size(self) -> int:
        return len(self._lookup)

    def keys(self) -> list[str]:
        return list(self._lookup)

    def find(self, text: str) -> list[Span]:
        """Entity candidates in ``text`` (normalised), with offsets into ``text``."""
        key_text, index = skeleton_with_map(text)
        spans: list[Span] = []
        for m in self._regex.finditer(key_text):
            if m.end() == m.start():
                continue
            etype, value, weak = self._lookup[m.group(0)]
            if etype == BLOCK:
                continue
            start = index[m.start()]
            end = index[m.end() - 1] + 1
            # include trailing marks dropped from the key (tone marks, thanthakhat)
            while end < len(text) and text[end] in "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e47\u0e4d\u0e3a":
                end += 1
            exact = self._exact.get(m.group(0))
            if exact is not None and _compact(text[start:end]) not in exact:
                continue
            if _is_latin(text[start]) and start > 0 and _is_latin(text[start - 1]):
                continue
            if _is_latin(text[end - 1]) and end < len(text) and _is_latin(text[end]):
                continue
            before = text[max(0, start - 40) : start]
            if weak:
                cue = self._cue_regex.get(etype)
                if cue is None or not cue.search(before):
                    continue
            if self._negated_before.search(before):
                continue
            if self._negated_after is not None and self._negated_after.match(text, end):
                continue
            spans.append(Span(start, end, etype, value))
        return spans
