"""The demo's members: civil servants of the demo agencies in every target group, with official names,
positions and provinces, drawn from backend/data/demo/people.yaml."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from backend.clock import BANGKOK
from backend.services.members.naming import full_official_name

MEMBER_COLUMNS = ("id", "line_user_id", "display_name", "agency_text", "position", "province", "consent_at",
                  "consent_version", "active", "created_at", "updated_at", "agency_id", "target_group_id",
                  "official_title", "official_first_name", "official_last_name", "official_name_at")
CONSENT_VERSION = "2026-11"


@dataclass
class DemoMember:
    id: int
    group: str
    agency_id: int
    official_name: str
    joined: dt.datetime
    row: list[Any]


def draw_members(rng: random.Random, people: dict[str, Any], *, count: int, first_id: int, agency_ids: list[int],
                 provinces: list[str], today: dt.date) -> list[DemoMember]:
    """`count` members; the agencies listed first send the most people (a long-tailed share per agency: the first
    of backend/data/demo/agencies.yaml, กรมการปกครอง, has about a tenth of them)."""
    groups = list(people["group_shares"])
    shares = [people["group_shares"][g] for g in groups]
    agency_weights = [1 / (rank + 1) ** 0.7 for rank in range(len(agency_ids))]
    agencies = agency_ids[:]
    members = []
    for i in range(count):
        group = rng.choices(groups, shares)[0]
        sex = "male" if rng.random() < 0.45 else "female"
        title = rng.choice(people["titles"][sex])
        first, last = rng.choice(people["first_names"][sex]), rng.choice(people["last_names"])
        joined = dt.datetime.combine(today - dt.timedelta(days=rng.randint(20, 420)),
                                     dt.time(rng.randint(7, 21), rng.randint(0, 59)), tzinfo=BANGKOK)
        agency_id = rng.choices(agencies, agency_weights)[0]
        row = [first_id + i, f"U{rng.getrandbits(128):032x}", first, "", rng.choice(people["positions"][group]),
               rng.choice(provinces), joined, CONSENT_VERSION, True, joined, joined, agency_id, group, title, first,
               last, joined]
        members.append(DemoMember(first_id + i, group, agency_id, full_official_name(title, first, last), joined,
                                  row))
    return members
