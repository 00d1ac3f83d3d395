"""The demo's past: sessions (รุ่น) held over the last year for most certified courses (a few ran only
before that, a few never), and who registered, cancelled, did not come, attended and completed."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from backend.clock import BANGKOK
from backend.services.demo_history.people import DemoMember

SESSION_COLUMNS = ("id", "no", "start_date", "end_date", "province", "online", "venue", "capacity", "seats_taken",
                   "registration_opens", "registration_closes", "status", "created_at", "course_id", "trainer_id")
REGISTRATION_COLUMNS = ("id", "status", "active_key", "registered_at", "waitlisted_at", "promoted_at",
                        "cancelled_at", "attended_at", "completed_at", "created_at", "updated_at", "member_id",
                        "session_id")


@dataclass
class DemoCourse:
    id: int
    code: str
    hours: Any
    modality: str
    groups: list[str]
    certified_on: dt.date | None
    # What this course is like, drawn once: satisfaction, how many answer, learning gain, use at work.
    quality: float = 4.0
    response: float = 0.8
    gain: float = 0.9
    applied: float = 0.7


@dataclass
class DemoRegistration:
    id: int
    member: DemoMember
    status: str
    registered_at: dt.datetime
    done_at: dt.datetime | None  # completed (answered L1 after attending)


@dataclass
class DemoSession:
    id: int
    course: DemoCourse
    start: dt.date
    end: dt.date
    trainer_id: int | None
    registrations: list[DemoRegistration] = field(default_factory=list)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BANGKOK)


def draw_character(rng: random.Random, course: DemoCourse) -> None:
    """Most courses please and are answered; a few are weak or little answered (what the follow-up flags)."""
    course.quality = min(4.85, max(2.9, rng.gauss(4.15, 0.3))) if rng.random() > 0.08 else rng.uniform(2.9, 3.45)
    course.response = rng.uniform(0.62, 0.95) if rng.random() > 0.1 else rng.uniform(0.3, 0.48)
    course.gain = max(0.2, rng.gauss(0.95, 0.35))
    course.applied = rng.uniform(0.45, 0.92)


def session_dates(rng: random.Random, course: DemoCourse, today: dt.date) -> list[dt.date]:
    """Start dates of a course's past sessions, oldest first."""
    kind = rng.random()
    if kind < 0.05:
        return []
    if kind < 0.12:  # ran only before the last twelve months
        return sorted(today - dt.timedelta(days=rng.randint(380, 640)) for _ in range(rng.randint(1, 2)))
    return sorted(today - dt.timedelta(days=rng.randint(12, 355)) for _ in range(rng.choice([1, 2, 2, 3, 3, 4, 5])))


def draw_sessions(rng: random.Random, courses: list[DemoCourse], *, today: dt.date, first_id: int,
                  trainer_id: int, provinces: list[str], venues: list[str], online_venue: str
                  ) -> tuple[list[DemoSession], list[list[Any]], dict[int, int]]:
    """Past sessions with their rows, and how many each course had (its later sessions are numbered after)."""
    sessions: list[DemoSession] = []
    rows: list[list[Any]] = []
    per_course: dict[int, int] = {}
    for course in courses:
        starts = session_dates(rng, course, today)
        per_course[course.id] = len(starts)
        days = max(1, min(5, int(course.hours) // 6))
        for no, start in enumerate(starts, start=1):
            end = start + dt.timedelta(days=days - 1)
            online = course.modality == "online" or (course.modality == "hybrid" and rng.random() < 0.5)
            capacity = rng.choice([20, 25, 30, 30, 40, 50, 60 if online else 35])
            opens, closes = start - dt.timedelta(days=45), start - dt.timedelta(days=3)
            session = DemoSession(first_id + len(sessions), course, start, end,
                                  trainer_id if (course.id + no) % 4 == 1 else None)
            sessions.append(session)
            rows.append([session.id, no, start, end, None if online else rng.choice(provinces), online,
                         online_venue if online else rng.choice(venues), capacity, 0, opens, closes, "open",
                         at(opens, 9), course.id, session.trainer_id])
    return sessions, rows, per_course


def draw_registrations(rng: random.Random, sessions: list[DemoSession], rows: list[Any], members: list[DemoMember],
                       *, first_id: int) -> list[tuple[Any, ...]]:
    """Registrations of every past session: mostly people of the course's target groups; seats taken filled in."""
    by_group: dict[str, list[DemoMember]] = {}
    for member in members:
        by_group.setdefault(member.group, []).append(member)
    out: list[tuple[Any, ...]] = []
    for session, session_row in zip(sessions, rows, strict=True):
        capacity = session_row[7]
        wanted = round(capacity * rng.uniform(0.55, 1.0))
        pool = [m for g in session.course.groups for m in by_group.get(g, [])] or members
        chosen: dict[int, DemoMember] = {}
        while len(chosen) < wanted:
            member = rng.choice(pool) if rng.random() < 0.78 else rng.choice(members)
            chosen.setdefault(member.id, member)
        opens, closes = session_row[9], session_row[10]
        for member in chosen.values():
            registered = at(opens + dt.timedelta(days=rng.randint(0, (closes - opens).days)), rng.randint(7, 21),
                            rng.randint(0, 59))
            member.joined = min(member.joined, registered - dt.timedelta(hours=rng.randint(1, 400)))
            roll = rng.random()
            status = "cancelled" if roll < 0.06 else "registered" if roll < 0.13 else "attended"
            done = None
            if status == "attended" and rng.random() < min(0.97, session.course.response + 0.08):
                status = "completed"
                done = at(session.end, 16) + dt.timedelta(minutes=rng.randint(10, 3 * 24 * 60))
            cancelled = registered + dt.timedelta(days=rng.randint(1, 20)) if status == "cancelled" else None
            if cancelled is not None:
                cancelled = min(cancelled, at(session.start, 7))
            attended = at(session.end, 16) if status in ("attended", "completed") else None
            registration = DemoRegistration(first_id + len(out), member, status, registered, done)
            session.registrations.append(registration)
            updated = done or attended or cancelled or registered
            out.append((registration.id, status, None if status == "cancelled" else f"{member.id}:{session.id}",
                        registered, None, None, cancelled, attended, done, registered, updated, member.id,
                        session.id))
        session_row[8] = sum(r.status != "cancelled" for r in session.registrations)
    return out
