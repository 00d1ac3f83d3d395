"""Reading a free-text search: framework phrases, other words, a course code, a province, "online".

Words and phrases that are framework keywords (เอไอ, ไซเบอร์, ผู้บริหาร ...) count as that topic or target
group; the rest are segmented into words (pythainlp newmm) that must appear in the course.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backend.services import text
from backend.services.framework import Vocabulary
from backend.services.provinces import province_names


@dataclass(frozen=True)
class Phrase:
    kind: str  # "topic" | "target_group"
    code: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class ParsedQuery:
    phrases: tuple[Phrase, ...]
    terms: tuple[str, ...]
    code: str | None
    province: str | None = None
    """A province named in the text ("คลาวด์ เชียงใหม่"): used as the province filter when none is given."""
    online: bool = False
    """The text asks for online sessions (ออนไลน์ / online)."""

    @property
    def empty(self) -> bool:
        return not self.phrases and not self.terms and not self.code


_CODE_LIKE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-/]*\d[A-Za-z0-9._\-/]*$")
_matchers: dict[int, list[tuple[str, re.Pattern[str] | None, str, str]]] = {}


def _keyword_matchers(vocab: Vocabulary) -> list[tuple[str, re.Pattern[str] | None, str, str]]:
    """(keyword, regex for Latin keywords, kind, code), longest keyword first; cached per vocabulary."""
    cached = _matchers.get(id(vocab))
    if cached is not None:
        return cached
    items: list[tuple[str, re.Pattern[str] | None, str, str]] = []
    seen: set[str] = set()
    for kind, table in (("topic", vocab.topics), ("target_group", vocab.target_groups)):
        for code, item in table.items():
            for kw in (*item.keywords, item.name_th.lower(), item.name_en.lower()):
                norm = text.normalize(kw)
                if len(norm) < 2 or norm in seen:
                    continue
                seen.add(norm)
                pattern = None
                if norm[0].isascii() or norm[-1].isascii():
                    pattern = re.compile(r"(?<![a-z0-9])" + re.escape(norm) + r"(?![a-z0-9])")
                items.append((norm, pattern, kind, code))
    items.sort(key=lambda i: -len(i[0]))
    _matchers.clear()
    _matchers[id(vocab)] = items
    return items


_ONLINE_WORDS = (" online ", "ออนไลน์")


def parse_query(q: str, vocab: Vocabulary) -> ParsedQuery:
    """Split a free-text query into framework phrases (topic/target group) and remaining words."""
    raw = (q or "").strip()
    code = raw.upper() if _CODE_LIKE.match(raw) else None
    norm = f" {text.normalize(raw)} "
    phrases: list[Phrase] = []
    for keyword, pattern, kind, item_code in _keyword_matchers(vocab):
        if keyword not in norm:
            continue
        if pattern is not None:
            if not pattern.search(norm):
                continue
            norm = pattern.sub(" ", norm)
        else:
            norm = norm.replace(keyword, " ")
        if not any(p.kind == kind and p.code == item_code for p in phrases):
            phrases.append(Phrase(kind=kind, code=item_code, words=tuple(keyword.split(" "))))
    province = None
    for name, official in province_names():
        if name in norm:
            province = official
            norm = norm.replace(name, " ")
            break
    online = False
    for word in _ONLINE_WORDS:
        if word in norm:
            online = True
            norm = norm.replace(word, " ")
    return ParsedQuery(phrases=tuple(phrases), terms=tuple(text.query_terms(norm)), code=code, province=province,
                       online=online)

