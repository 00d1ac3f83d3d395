"""Example files: one message per line, entities marked as ``[text](type:value)``.

Dates are written ``[เดือนหน้า](date:2026-12-01..2026-12-31)`` (or one ISO day),
relative to the reference day 2026-11-28; session numbers are integers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from nlu.types import INTENTS, Entity, EntityValue

REFERENCE_DAY = "2026-11-28"
_MARK = re.compile(r"\[(?P<text>[^\[\]]+)\]\((?P<type>[a-z_]+):(?P<value>[^()]*)\)")


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    entities: tuple[Entity, ...]
    source: str


def _value(entity_type: str, raw: str) -> EntityValue:
    raw = raw.strip()
    if entity_type == "session_no":
        return int(raw)
    if entity_type == "date":
        start, _, end = raw.partition("..")
        return {"start": start, "end": end or start}
    return raw


def parse_line(line: str, intent: str, source: str = "") -> Example:
    """One example line: the plain text and its marked entities (offsets into the plain text)."""
    out: list[str] = []
    entities: list[Entity] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(line):
        out.append(line[pos : m.start()])
        length += m.start() - pos
        text = m.group("text")
        entities.append(
            Entity(
                m.group("type"), _value(m.group("type"), m.group("value")), text, length, length + len(text)
            )
        )
        out.append(text)
        length += len(text)
        pos = m.end()
    out.append(line[pos:])
    return Example("".join(out), intent, tuple(entities), source)


def load_examples(directory: Path) -> list[Example]:
    """All examples in ``directory/*.yaml`` (each file: ``intent:`` and an ``examples: |`` block)."""
    examples: list[Example] = []
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted(directory.glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            doc = yaml.load(fh, Loader=loader)
        intent = doc["intent"]
        if intent not in INTENTS:
            raise ValueError(f"{path.name}: unknown intent {intent!r}")
        for n, line in enumerate(str(doc["examples"]).splitlines(), start=1):
            line = line.rstrip()
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            examples.append(parse_line(line.strip(), intent, f"{path.name}:{n}"))
    return examples
