"""Benchmark data at national scale, generated inside PostgreSQL (INSERT ... SELECT generate_series).

    .venv/bin/python bench/scale_data.py [--database onde_scale] [--members 1000000] [--courses 10000]
                                         [--sessions 50000] [--registrations 2000000] [--agencies 400]

Creates a fresh database (migrated and seeded with the framework and demo catalogue by the product's own
commands), then grows it: agencies, members spread over agencies, target groups and provinces; courses
cloned from the seeded catalogue (their word-segmented search_text, topics, target groups and skill areas
kept, so searches hit realistic rows); sessions over the past and coming six months in the 77 provinces or
online; registrations (two per member by default; registered, completed, waitlisted, cancelled) with
unique active keys and seats_taken kept consistent. Prints the time each step took.

`build_scale_database(...)` is the same from Python (bench/search_at_scale.py).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import asyncpg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres"


def _pg(url: str) -> str:
    return url.split("?", 1)[0].replace("postgres://", "postgresql://", 1)


async def fresh_database(server_url: str, name: str) -> str:
    admin = await asyncpg.connect(_pg(server_url))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    return f"{server_url.split('?', 1)[0].rsplit('/', 1)[0]}/{name}"


def migrate_and_seed(database_url: str, redis_url: str) -> None:
    env = dict(os.environ, DATABASE_URL=database_url, REDIS_URL=redis_url, ENVIRONMENT="development",
               DEMO="true", PYTHONPATH=str(ROOT))
    for command in ("migrate", "seed"):
        subprocess.run([sys.executable, "-m", "backend", command], cwd=ROOT, env=env, check=True,
                       capture_output=True)


def _provinces() -> list[str]:
    from backend.services.provinces import official_provinces

    return list(official_provinces())


STEPS: list[tuple[str, str]] = [
    ("agencies", """
        INSERT INTO agency (name, short_name, ministry, aliases)
        SELECT 'หน่วยงานทดสอบ ' || g, 'ทดสอบ' || g, 'กระทรวงทดสอบ ' || (g % 20), ''
        FROM generate_series(1, $1::int) g"""),
    ("members", """
        WITH a AS (SELECT array_agg(id ORDER BY id) ids FROM agency),
             t AS (SELECT array_agg(code ORDER BY code) codes FROM target_group),
             p AS (SELECT $2::text[] names)
        INSERT INTO member (line_user_id, display_name, agency_text, position, province, consent_at,
                            consent_version, active, created_at, updated_at, agency_id, target_group_id)
        SELECT 'U' || lpad(to_hex(g), 32, '0'), 'สมาชิก ' || g, '', 'นักวิชาการคอมพิวเตอร์',
               p.names[1 + g % array_length(p.names, 1)],
               now() - (g % 700) * interval '1 day', '2026-11', g % 50 <> 0,
               now() - (g % 700) * interval '1 day', now(),
               a.ids[1 + (g * 7) % array_length(a.ids, 1)], t.codes[1 + g % array_length(t.codes, 1)]
        FROM generate_series(1, $1::int) g, a, t, p"""),
    ("courses", """
        WITH o AS (SELECT row_number() OVER (ORDER BY id) - 1 AS k, * FROM course),
             n AS (SELECT count(*) total FROM course)
        INSERT INTO course (code, title_th, title_en, description, hours, modality, fee, certification_no,
                            certified_on, certification_expires, status, search_text, created_at, updated_at,
                            provider_id)
        SELECT left(o.code, 24) || '~x' || g, o.title_th || ' รุ่นขยาย ' || g, o.title_en, o.description,
               o.hours, o.modality, o.fee, o.certification_no, o.certified_on, o.certification_expires,
               CASE WHEN g % 25 = 0 THEN 'retired' ELSE o.status END, o.search_text, now(), now(), o.provider_id
        FROM generate_series(0, $1::int - 1) g, o, n
        WHERE o.k = g % n.total"""),
    ("course links", """
        WITH m AS (SELECT n.id new_id, o.id old_id FROM course n
                   JOIN course o ON n.code LIKE replace(left(o.code, 24), '_', '\\_') || '~x%'
                   WHERE o.code NOT LIKE '%~x%')
        INSERT INTO course_topic (course_id, topic_id)
        SELECT m.new_id, ct.topic_id FROM m JOIN course_topic ct ON ct.course_id = m.old_id"""),
    ("course groups", """
        INSERT INTO course_target_group (course_id, targetgroup_id)
        SELECT n.id, ctg.targetgroup_id FROM course n
        JOIN course o ON n.code LIKE replace(left(o.code, 24), '_', '\\_') || '~x%' AND o.code NOT LIKE '%~x%'
        JOIN course_target_group ctg ON ctg.course_id = o.id"""),
    ("course skills", """
        INSERT INTO course_skill_area (course_id, skillarea_id)
        SELECT n.id, csa.skillarea_id FROM course n
        JOIN course o ON n.code LIKE replace(left(o.code, 24), '_', '\\_') || '~x%' AND o.code NOT LIKE '%~x%'
        JOIN course_skill_area csa ON csa.course_id = o.id"""),
    ("sessions", """
        WITH c AS (SELECT array_agg(id ORDER BY id) ids FROM course WHERE code LIKE '%~x%'),
             p AS (SELECT $2::text[] names)
        INSERT INTO session (no, start_date, end_date, province, online, venue, capacity, seats_taken,
                             registration_opens, registration_closes, status, created_at, course_id)
        SELECT 1000 + g, current_date + ((g * 37) % 360 - 180), current_date + ((g * 37) % 360 - 180) + 2,
               CASE WHEN g % 4 = 0 THEN NULL ELSE p.names[1 + g % array_length(p.names, 1)] END,
               g % 4 = 0, 'ห้องประชุม ' || g % 50, 30 + (g % 4) * 10, 0, NULL, NULL,
               CASE WHEN g % 40 = 0 THEN 'cancelled' ELSE 'open' END, now(),
               c.ids[1 + g % array_length(c.ids, 1)]
        FROM generate_series(1, $1::int) g, c, p"""),
    ("registrations", """
        WITH s AS (SELECT array_agg(id ORDER BY id) ids FROM session WHERE no >= 1000),
             m AS (SELECT min(id) lo, max(id) hi FROM member WHERE line_user_id LIKE 'U000%'),
             r AS (SELECT g, m.lo + (g / 2) % (m.hi - m.lo + 1) AS member_id,
                          s.ids[1 + ((g / 2) * 7919 + (g % 2) * 104729) % array_length(s.ids, 1)] AS session_id,
                          CASE WHEN g % 20 < 9 THEN 'registered' WHEN g % 20 < 17 THEN 'completed'
                               WHEN g % 20 < 18 THEN 'waitlisted' ELSE 'cancelled' END AS status
                   FROM generate_series(0::bigint, $1::bigint - 1) g, s, m)
        INSERT INTO registration (status, active_key, registered_at, waitlisted_at, cancelled_at, completed_at,
                                  created_at, updated_at, member_id, session_id)
        SELECT status, CASE WHEN status = 'cancelled' THEN NULL ELSE member_id || ':' || session_id END,
               CASE WHEN status IN ('registered', 'completed', 'cancelled') THEN now() END,
               CASE WHEN status = 'waitlisted' THEN now() END,
               CASE WHEN status = 'cancelled' THEN now() END,
               CASE WHEN status = 'completed' THEN now() END,
               now(), now(), member_id, session_id
        FROM r ON CONFLICT DO NOTHING"""),
    ("seats taken", """
        UPDATE session s SET seats_taken = least(s.capacity, x.n)
        FROM (SELECT session_id, count(*) n FROM registration
              WHERE status IN ('registered', 'attended', 'completed') GROUP BY session_id) x
        WHERE x.session_id = s.id AND s.no >= 1000"""),
]


async def build_scale_database(
    database_url: str, *, members: int = 1_000_000, courses: int = 10_000, sessions: int = 50_000,
    registrations: int = 2_000_000, agencies: int = 400, quiet: bool = False,
) -> dict[str, int]:
    """Grow a migrated, seeded database to the given sizes (new rows only; the seed stays)."""
    conn = await asyncpg.connect(_pg(database_url))
    provinces = _provinces()
    try:
        existing_courses = int(await conn.fetchval("SELECT count(*) FROM course"))
        args = {"agencies": (agencies,), "members": (members, provinces),
                "courses": (max(0, courses - existing_courses),), "sessions": (sessions, provinces),
                "registrations": (registrations,)}
        for name, sql in STEPS:
            t = time.monotonic()
            status = await conn.execute(sql, *args.get(name, ()), timeout=1800)
            if not quiet:
                print(f"  {name:<14} {status:<22} {time.monotonic() - t:6.1f} s", flush=True)
        t = time.monotonic()
        await conn.execute("ANALYZE")
        if not quiet:
            print(f"  {'analyze':<14} {'':<22} {time.monotonic() - t:6.1f} s", flush=True)
        counts = {}
        for table in ("member", "agency", "course", "session", "registration"):
            counts[table] = int(await conn.fetchval(f"SELECT count(*) FROM {table}"))
        return counts
    finally:
        await conn.close()


async def _main(args: argparse.Namespace) -> None:
    started = time.monotonic()
    server = os.environ.get("DATABASE_URL", DEFAULT_PG)
    url = await fresh_database(server, args.database)
    migrate_and_seed(url, os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    print(f"database {args.database}: migrated and seeded in {time.monotonic() - started:.0f} s")
    counts = await build_scale_database(url, members=args.members, courses=args.courses, sessions=args.sessions,
                                        registrations=args.registrations, agencies=args.agencies)
    print(f"  rows: {counts}; total {time.monotonic() - started:.0f} s")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="onde_scale")
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--courses", type=int, default=10_000)
    parser.add_argument("--sessions", type=int, default=50_000)
    parser.add_argument("--registrations", type=int, default=2_000_000)
    parser.add_argument("--agencies", type=int, default=400)
    asyncio.run(_main(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
