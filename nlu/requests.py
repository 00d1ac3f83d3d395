"""Features about the shape of a request (``nlu/data/request_cues.yaml``).

Character n-grams and word pairs only know the objects seen in training. These features say
what a request verb acts on in general: a training thing (สมัครคอร์ส), nothing (ยกเลิกค่ะ) or
something else (ยกเลิกบัตรเครดิต, ลบรูปในไลน์), and whether the speaker asks about their own
booked class (คลาสของผมกี่โมง) or about what is open (เดือนหน้ามีรุ่นไหนว่าง).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from nlu.entities.resources import text_item

CUES_PATH = Path(__file__).resolve().parent / "data" / "request_cues.yaml"


def _words(data: dict, key: str) -> frozenset[str]:
    return frozenset(text_item(w, CUES_PATH.name).lower() for w in data.get(key, []) or [])


class RequestCues:
    def __init__(self, path: Path = CUES_PATH, extra_objects: Iterable[str] = ()) -> None:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=loader)
        self._verbs: dict[str, str] = {}
        for kind, verbs in data["verbs"].items():
            for verb in verbs:
                self._verbs.setdefault(text_item(verb, path.name).lower(), kind)
        # the segmenter keeps some verb + object pairs as one word (ลบข้อมูล, สมัครสมาชิก)
        self._verb_prefixes = tuple(sorted(self._verbs, key=len, reverse=True))
        self._objects = _words(data, "objects") | frozenset(w.lower() for w in extra_objects)
        # a token may carry more than the word (รุ่นที่, หลักสูตรนี้): longer object words count as prefixes
        self._object_prefixes = tuple(sorted(w for w in self._objects if len(w) >= 4))
        self._skip = _words(data, "skip")
        self._particles = _words(data, "particles")
        self._first_person = _words(data, "first_person")
        self._booked = tuple(_words(data, "booked"))
        self._class_words = tuple(_words(data, "class_words"))
        self._when_where = tuple(_words(data, "when_where"))
        self._open = tuple(_words(data, "open_words"))

    def _word_kind(self, word: str) -> str:
        if word in self._particles:
            return "bare"
        if word in self._objects or word.startswith(self._object_prefixes) or word[:1].isdigit():
            return "ours"
        if word in self._verbs:
            return "ours"
        return "other"

    def _object(self, tokens: list[str], i: int) -> tuple[str, int]:
        """What the verb at ``i`` acts on, and the index of that word."""
        j = i + 1
        while j < len(tokens) and tokens[j] in self._skip:
            j += 1
        return ("bare" if j >= len(tokens) else self._word_kind(tokens[j])), j

    def _split_verb(self, token: str) -> tuple[str, str] | None:
        """``(kind, rest)`` when ``token`` is a verb glued to its object (ลบข้อมูล)."""
        if not token.startswith(self._verb_prefixes):
            return None
        for verb in self._verb_prefixes:
            if token.startswith(verb) and len(token) - len(verb) >= 2:
                return self._verbs[verb], token[len(verb) :]
        return None

    def features(self, text: str, tokens: list[str]) -> dict[str, int]:
        """``{"s<cue>": 1}`` for normalised ``text`` and its tokens."""
        found: dict[str, int] = {}
        object_at = -1
        for i, token in enumerate(tokens):
            if i == object_at:
                continue  # ยกเลิกการสมัคร: สมัคร is what is cancelled, not a second request
            kind = self._verbs.get(token)
            if kind is not None:
                what, object_at = self._object(tokens, i)
                found[f"s{kind}+{what}"] = 1
                continue
            glued = self._split_verb(token)
            if glued is not None:
                found[f"s{glued[0]}+{self._word_kind(glued[1])}"] = 1
        words = set(tokens)
        first_person = not words.isdisjoint(self._first_person)
        booked = any(b in text for b in self._booked)
        about_class = any(c in text for c in self._class_words)
        asks_when_where = any(w in text for w in self._when_where)
        if (first_person or booked) and about_class and asks_when_where:
            found["sown_schedule"] = 1
        if booked:
            found["sbooked"] = 1
        if any(w in text for w in self._open) and not first_person and not booked:
            found["sopen"] = 1
        return found


def request_cues() -> RequestCues:
    """The request-shape features, with every topic and modality term as a training thing."""
    from nlu.entities.resources import modality_terms, topic_terms

    return RequestCues(extra_objects=[t.form.lower() for t in topic_terms() + modality_terms()])
