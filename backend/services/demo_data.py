"""Seeding the demo catalogue of a fresh installation from backend/data/demo/: about 100 clearly fictional
certified courses over every topic and target group, sessions over the next six months in several provinces
and online, ~30 government agencies and a demo trainer.

The data files hold the courses and names; this module draws sessions, fees and certification dates from a
seeded random generator relative to `today`, so a given day and seed always give the same catalogue. Only
an empty catalogue is seeded.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from backend.models import Agency, Course, Provider, Role, StaffUser
from backend.schemas.catalogue import CourseCreate, SessionCreate
from backend.services import auth, catalogue

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
DEMO_ACTOR = "system:demo-data"
DEMO_TRAINER_USERNAME = "trainer.demo"


@dataclass(frozen=True)
class DemoSeedReport:
    courses: int
    sessions: int
    agencies: int
    trainer_username: str


@cache
def load_demo_file(name: str) -> Any:
    """One of the demo data files (catalogue.yaml, agencies.yaml), read once."""
    return yaml.safe_load((DEMO_DIR / name).read_text(encoding="utf-8"))


async def seed_agencies() -> int:
    """Insert the demo agency list into an empty agency table. Returns how many were added."""
    if await Agency.exists():
        return 0
    agencies = load_demo_file("agencies.yaml")
    await Agency.bulk_create([
        Agency(name=a["name"], short_name=a["short_name"], ministry=a["ministry"], aliases="|".join(a["aliases"]))
        for a in agencies
    ])
    return len(agencies)


async def _demo_trainer(data: dict[str, Any]) -> StaffUser:
    user = await StaffUser.get_or_none(username=DEMO_TRAINER_USERNAME)
    if user is None:
        provider = await Provider.get_or_none(name=data["providers"][0])
        if provider is None:
            provider = await Provider.create(name=data["providers"][0])
        info = await auth.create_staff_user(
            username=DEMO_TRAINER_USERNAME, role=Role.trainer, display_name=data["trainer_display_name"],
            provider_id=provider.id,
        )
        user = await StaffUser.get(id=info.id)
    return user


def demo_courses(data: dict[str, Any], *, today: dt.date, seed: int, trainer_id: int
                 ) -> list[tuple[CourseCreate, list[SessionCreate]]]:
    """The demo courses with their sessions, as drawn for `today` and `seed`."""
    rng = random.Random(seed)
    providers, provinces, venues = data["providers"], data["provinces"], data["venues"]
    skills_by_topic = {t["topic"]: t["skill_areas"] for t in data["topics"]}
    batch: list[tuple[CourseCreate, list[SessionCreate]]] = []
    for topic_index, entry in enumerate(data["topics"]):
        topic = entry["topic"]
        for idea_index, idea in enumerate(entry["courses"]):
            hours, modality, extra = idea["hours"], idea["modality"], idea["extra_topics"]
            number = topic_index * 10 + idea_index + 1
            provider = providers[(topic_index * 3 + idea_index) % len(providers)]
            certified = today - dt.timedelta(days=rng.randint(30, 400))
            fee = Decimal(0) if rng.random() < 0.7 else Decimal(rng.choice([900, 1500, 2500, 3900, 4500]))
            skills = list(dict.fromkeys(skills_by_topic[topic] + [s for t in extra for s in skills_by_topic[t]]))
            course = CourseCreate(
                code=f"DEMO-{entry['code_prefix']}-{idea_index + 1:02d}", title_th=idea["title_th"],
                title_en=idea["title_en"], provider=provider, description=f"{idea['description']} {data['note']}",
                topics=[topic, *extra], skill_areas=skills[:7], target_groups=idea["target_groups"],
                hours=Decimal(hours), modality=modality, fee=fee,
                certification_no=f"สดช.ตัวอย่าง {number:03d}/{certified.year + 543}",
                certified_on=certified, certification_expires=certified + dt.timedelta(days=730),
            )
            sessions = []
            for no in range(1, rng.choice([1, 2, 2, 3, 3, 4]) + 1):
                start = today + dt.timedelta(days=rng.randint(7, 180))
                days = max(1, min(5, hours // 6))
                online = modality == "online" or (modality == "hybrid" and rng.random() < 0.5)
                closes = start - dt.timedelta(days=rng.randint(1, 5))
                if rng.random() < 0.85:
                    opens = today - dt.timedelta(days=rng.randint(0, 20))
                else:  # a few open for registration later
                    opens = max(today + dt.timedelta(days=1), start - dt.timedelta(days=rng.randint(10, 30)))
                opens = min(opens, closes)
                sessions.append(SessionCreate(
                    no=no, start_date=start, end_date=start + dt.timedelta(days=days - 1),
                    province=None if online else rng.choice(provinces), online=online,
                    venue=data["online_venue"] if online else rng.choice(venues),
                    capacity=rng.choice([20, 25, 30, 40, 50, 60, 100 if online else 35]),
                    registration_opens=opens, registration_closes=closes,
                    trainer_id=trainer_id if number % 4 == 1 else None,
                ))
            batch.append((course, sessions))
    return batch


async def seed_demo_data(*, today: dt.date, seed: int = 2569) -> DemoSeedReport | None:
    """Fill an empty catalogue with the demo courses, sessions, agencies and the demo trainer.

    Does nothing (returns None) when any course exists, so it is safe on every start.
    """
    if await Course.exists():
        return None
    data = load_demo_file("catalogue.yaml")
    agencies = await seed_agencies()
    trainer = await _demo_trainer(data)
    batch = demo_courses(data, today=today, seed=seed, trainer_id=trainer.id)
    course_count, session_count = await catalogue.insert_new_courses(batch, actor=DEMO_ACTOR)
    return DemoSeedReport(courses=course_count, sessions=session_count, agencies=agencies,
                          trainer_username=DEMO_TRAINER_USERNAME)
