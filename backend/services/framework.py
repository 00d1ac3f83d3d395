"""The digital-skills framework (target groups, skill areas, topics): loaded from a versioned data file,
seeded into the database idempotently, and read back as plain data for search and forms."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from backend.models import SkillArea, TargetGroup, Topic

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_FRAMEWORK_FILE = DATA_DIR / "framework-2024.yaml"
KEYWORD_SEPARATOR = "|"


@dataclass(frozen=True)
class FrameworkItem:
    code: str
    name_th: str
    name_en: str = ""
    keywords: tuple[str, ...] = ()
    core: bool = False
    # Target groups: (skill-area code, hours per fiscal year) the framework asks of the group.
    required_hours: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Framework:
    version: str
    target_groups: tuple[FrameworkItem, ...]
    skill_areas: tuple[FrameworkItem, ...]
    topics: tuple[FrameworkItem, ...]

    def codes(self, kind: str) -> set[str]:
        return {item.code for item in getattr(self, kind)}


@dataclass
class Vocabulary:
    """Topic and target-group names and keywords as the database has them (what search matches on)."""

    topics: dict[str, FrameworkItem] = field(default_factory=dict)
    target_groups: dict[str, FrameworkItem] = field(default_factory=dict)
    skill_areas: dict[str, FrameworkItem] = field(default_factory=dict)


def _item(raw: dict[str, Any]) -> FrameworkItem:
    keywords = tuple(dict.fromkeys(str(k).strip().lower() for k in raw.get("keywords", []) if str(k).strip()))
    return FrameworkItem(
        code=str(raw["code"]),
        name_th=str(raw["name_th"]),
        name_en=str(raw.get("name_en", "")),
        keywords=keywords,
        core=bool(raw.get("core", False)),
        required_hours=tuple((str(code), float(hours)) for code, hours in (raw.get("required_hours") or {}).items()),
    )


@lru_cache(maxsize=4)
def load_framework_file(path: Path = DEFAULT_FRAMEWORK_FILE) -> Framework:
    """Parse a framework data file (cached per path)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Framework(
        version=str(raw["version"]),
        target_groups=tuple(_item(r) for r in raw["target_groups"]),
        skill_areas=tuple(_item(r) for r in raw["skill_areas"]),
        topics=tuple(_item(r) for r in raw["topics"]),
    )


async def seed_framework(path: Path = DEFAULT_FRAMEWORK_FILE) -> Framework:
    """Insert or update every target group, skill area and topic of the file. Safe to run on every start.

    Target groups missing from the file are marked inactive (never deleted: members may point at them).
    """
    framework = load_framework_file(path)
    for order, item in enumerate(framework.target_groups):
        await TargetGroup.update_or_create(
            code=item.code,
            defaults={
                "name_th": item.name_th,
                "name_en": item.name_en,
                "sort_order": order,
                "framework_version": framework.version,
                "active": True,
                "keywords": KEYWORD_SEPARATOR.join(item.keywords),
            },
        )
    await TargetGroup.exclude(code__in=[i.code for i in framework.target_groups]).update(active=False)
    for order, item in enumerate(framework.skill_areas):
        await SkillArea.update_or_create(
            code=item.code,
            defaults={
                "name_th": item.name_th,
                "name_en": item.name_en,
                "core": item.core,
                "sort_order": order,
                "framework_version": framework.version,
            },
        )
    for order, item in enumerate(framework.topics):
        await Topic.update_or_create(
            code=item.code,
            defaults={
                "name_th": item.name_th,
                "name_en": item.name_en,
                "sort_order": order,
                "keywords": KEYWORD_SEPARATOR.join(item.keywords),
            },
        )
    invalidate_vocabulary()
    return framework


_VOCABULARY_TTL_SECONDS = 60.0
_vocabulary_cache: tuple[float, Vocabulary] | None = None


def invalidate_vocabulary() -> None:
    global _vocabulary_cache
    _vocabulary_cache = None


def _split_keywords(text: str) -> tuple[str, ...]:
    return tuple(k for k in (p.strip().lower() for p in text.split(KEYWORD_SEPARATOR)) if k)


async def get_vocabulary() -> Vocabulary:
    """Topics, target groups and skill areas from the database (cached for a minute per process)."""
    global _vocabulary_cache
    now = time.monotonic()
    if _vocabulary_cache is not None and now - _vocabulary_cache[0] < _VOCABULARY_TTL_SECONDS:
        return _vocabulary_cache[1]
    vocab = Vocabulary()
    for topic in await Topic.all():
        vocab.topics[topic.code] = FrameworkItem(
            code=topic.code, name_th=topic.name_th, name_en=topic.name_en, keywords=_split_keywords(topic.keywords)
        )
    for group in await TargetGroup.filter(active=True):
        vocab.target_groups[group.code] = FrameworkItem(
            code=group.code, name_th=group.name_th, name_en=group.name_en, keywords=_split_keywords(group.keywords)
        )
    for area in await SkillArea.all():
        vocab.skill_areas[area.code] = FrameworkItem(
            code=area.code, name_th=area.name_th, name_en=area.name_en, core=area.core
        )
    if vocab.topics:  # never cache an empty (not yet seeded) framework
        _vocabulary_cache = (now, vocab)
    return vocab


async def list_target_groups() -> list[TargetGroup]:
    """The target groups users can choose from, in the framework's order."""
    return await TargetGroup.filter(active=True).order_by("sort_order", "code")


def required_hours(target_group: str | None, path: Path = DEFAULT_FRAMEWORK_FILE) -> dict[str, float]:
    """Skill-area code -> hours per fiscal year the framework asks of a target group, in the framework's order
    of skill areas (empty for no group or an unknown one)."""
    framework = load_framework_file(path)
    order = {item.code: i for i, item in enumerate(framework.skill_areas)}
    for group in framework.target_groups:
        if group.code == target_group:
            return dict(sorted(group.required_hours, key=lambda pair: order.get(pair[0], len(order))))
    return {}
