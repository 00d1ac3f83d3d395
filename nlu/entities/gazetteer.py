"""Dictionary matching of topics, target groups, modalities and provinces.

Terms and text are compared on their :func:`~nlu.entities.skeleton.skeleton`,
so spacing, tone marks and common misspellings do not matter. All terms are
compiled into one regular expression shaped like a trie, which finds the
leftmost-longest term in C. Latin terms must stand alone as words; *weak* terms
(everyday words such as ข้อมูล or เลย) count only after a cue word, and an entity
right after a negation (ไม่ใช่สายไอที, ไม่เอาออนไลน์) is dropped. A weak term joined to an entity
of its type by a conjunction counts too (AI และ data). *Phrases* are regular expressions for
entities named by a description (ไม่ค่อยเก่งคอมพิวเตอร์, แบบผสม ออนไลน์และในห้อง); being longer,
they win over the terms inside them. A term can be dropped by its context: ออนไลน์ in ซื้อของออนไลน์
is not how a course is taught.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
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


def spelling_variants(form: str, words: Collection[str] = ()) -> set[str]:
    """The form plus the variants users type: without dots, without a final silent letter.

    A variant without its silent letter that is itself a word of ``words`` is left out
    (คราวด์ -> คราว "a time", พร้อมท์ -> พร้อม "ready").
    """
    variants = {form}
    if "." in form:
        bare = form.replace(".", "")
        if len(bare) >= 3:
            variants.add(bare)
    for v in list(variants):
        m = _THAI_CONSONANT_KARAN.search(v)
        if m and len(v) - len(m.group(0)) >= 4 and v[: m.start()] not in words:
            variants.add(v[: m.start()])
    return variants


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _cue_alternation(words: Iterable[str]) -> str:
    """Like :func:`_alternation`, but a one-letter Thai cue (จ, จ.) must not end a word (ใจ, จาก)."""
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        bare = w.rstrip(".")
        prefix = "(?<![\u0e01-\u0e4e])" if len(bare) == 1 and not bare.isascii() else ""
        parts.append(prefix + re.escape(w))
    return "|".join(parts)


@dataclass(frozen=True, slots=True)
class Phrase:
    """An entity named by a description: a regular expression on the normalised text."""

    type: str
    value: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class ContextRule:
    """A term of ``type``/``value`` is not that entity when one of ``unless`` comes before it in the
    same clause (ซื้อของ ... ออนไลน์), except when one of ``keep`` does (เรียน ... ออนไลน์)."""

    type: str
    value: str
    unless: re.Pattern[str]
    keep: re.Pattern[str]


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
        negation_after: Sequence[str] = (),
        conjunctions: Sequence[str] = (),
        conjunction_fillers: Sequence[str] = (),
        phrases: Sequence[Phrase] = (),
        context_rules: Sequence[ContextRule] = (),
        words: Collection[str] = (),
    ) -> None:
        self._lookup: dict[str, tuple[str, str, bool]] = {}
        # short Thai keys must be spelled exactly: น่าน (a province) folds to นาน ("a long time")
        self._exact: dict[str, set[str]] = {}
        for term in terms:
            for variant in spelling_variants(term.form.lower(), words):
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
            etype: re.compile(f"(?:{_cue_alternation(c.lower() for c in cues)})\\s*$")
            for etype, cues in weak_cues.items()
        }
        # a weak term joined to an entity of its type: "AI และ data", "คลาวด์กับรุ่น data", "AI/ML"
        self._coordinated = (
            re.compile(
                f"^\\s*(?:{_alternation(conjunctions)})\\s*(?:(?:{_alternation(conjunction_fillers)})\\s*)?$"
                if conjunction_fillers
                else f"^\\s*(?:{_alternation(conjunctions)})\\s*$"
            )
            if conjunctions
            else None
        )
        self._phrases = list(phrases)
        self._context: dict[tuple[str, str], list[ContextRule]] = {}
        for rule in context_rules:
            self._context.setdefault((rule.type, rule.value), []).append(rule)
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
        """Entity candidates in ``text`` (normalised), with offsets into ``text``. Spans of type
        :data:`BLOCK` (a negated phrase) are not entities but win over what they cover."""
        key_text, index = skeleton_with_map(text)
        raw: list[tuple[int, int, str, str, bool]] = []
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
            raw.append((start, end, etype, value, weak))
        # Latin terms must stand alone, unless they run into another term (securityonline)
        starts = {r[0] for r in raw}
        ends = {r[1] for r in raw}
        spans: list[Span] = []
        last_end: dict[str, int] = {}
        for start, end, etype, value, weak in raw:
            if _is_latin(text[start]) and start > 0 and _is_latin(text[start - 1]) and start not in ends:
                continue
            if _is_latin(text[end - 1]) and end < len(text) and _is_latin(text[end]) and end not in starts:
                continue
            before = text[max(0, start - 40) : start]
            if weak and not self._cued(etype, before) and not self._joined(text, last_end.get(etype), start):
                continue
            if self._negated(text, start, end):
                continue
            if not self._context_allows(etype, value, text, start):
                continue
            spans.append(Span(start, end, etype, value))
            last_end[etype] = end
        for phrase in self._phrases:
            for m in phrase.pattern.finditer(text):
                if m.end() > m.start():
                    # a negated phrase still covers its words: nothing inside it is an entity
                    etype = BLOCK if self._negated(text, m.start(), m.end()) else phrase.type
                    spans.append(Span(m.start(), m.end(), etype, phrase.value))
        return spans

    def _cued(self, etype: str, before: str) -> bool:
        cue = self._cue_regex.get(etype)
        return cue is not None and cue.search(before) is not None

    def _joined(self, text: str, previous_end: int | None, start: int) -> bool:
        """Right after an entity of the same type and a conjunction (AI และ data)."""
        if previous_end is None or previous_end > start or self._coordinated is None:
            return False
        return self._coordinated.match(text[previous_end:start]) is not None

    def _negated(self, text: str, start: int, end: int) -> bool:
        if self._negated_before.search(text[max(0, start - 40) : start]):
            return True
        return self._negated_after is not None and self._negated_after.match(text, end) is not None

    def _context_allows(self, etype: str, value: str, text: str, start: int) -> bool:
        rules = self._context.get((etype, value))
        if not rules:
            return True
        window = _CLAUSE_BREAK.split(text[max(0, start - 40) : start])[-1]
        for rule in rules:
            last = max((m.end() for m in rule.unless.finditer(window)), default=None)
            if last is not None and rule.keep.search(window, last) is None:
                return False
        return True


def load_phrases(data: Mapping[str, Mapping[str, list[str]]], parts: Mapping[str, str]) -> list[Phrase]:
    """Phrases from ``{type: {value: [pattern, ...]}}``; ``<name>`` in a pattern stands for ``parts[name]``."""
    phrases: list[Phrase] = []
    for etype, values in data.items():
        for value, patterns in values.items():
            for pattern in patterns:
                for name, part in parts.items():
                    pattern = pattern.replace(f"<{name}>", f"(?:{part})")
                phrases.append(Phrase(etype, value, re.compile(pattern)))
    return phrases


def context_rule(etype: str, value: str, unless: Iterable[str], keep: Iterable[str]) -> ContextRule:
    return ContextRule(etype, value, re.compile(_alternation(unless)), re.compile(_alternation(keep)))


_CLAUSE_BREAK = re.compile(r"[,.!?;:\n]")
