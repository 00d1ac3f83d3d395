"""Shared pieces of the cluster benchmarks: members in bulk, reply tokens, signed bodies, reply matching."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import asyncpg

from line_emulator import build_event, build_webhook_body, sign

CONSENT_VERSION = "2026-11"
DESTINATION = "Ubench0000000000000000000000000000"


def pg_url(url: str) -> str:
    url = url.split("?", 1)[0]
    return url.replace("postgres://", "postgresql://", 1)


async def _filler_columns(conn: asyncpg.Connection, table: str, given: Sequence[str]) -> list[tuple[str, str]]:
    """NOT NULL columns without a database default that the caller does not set (Tortoise keeps defaults in
    Python): filled with '', false, 0 or now()."""
    rows = await conn.fetch(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name=$1 AND is_nullable='NO' "
        "AND column_default IS NULL", table)
    return [(r["column_name"], r["data_type"]) for r in rows if r["column_name"] not in given]


def _fill(data_type: str) -> Any:
    if "timestamp" in data_type:
        return dt.datetime.now(dt.UTC)
    if data_type == "date":
        return dt.date.today()
    if data_type == "boolean":
        return False
    if data_type in ("integer", "bigint", "smallint", "numeric", "double precision", "real"):
        return 0
    if data_type in ("json", "jsonb"):
        return "{}"
    return ""


async def copy_rows(conn: asyncpg.Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """COPY rows into table, filling the NOT NULL columns the caller left out."""
    extra = await _filler_columns(conn, table, columns)
    extra_values = tuple(_fill(t) for _, t in extra)
    records = [tuple(r) + extra_values for r in rows]
    await conn.copy_records_to_table(table, records=records, columns=[*columns, *(c for c, _ in extra)])
    return len(records)


async def add_consented_members(database_url: str, user_ids: Sequence[str]) -> None:
    conn = await asyncpg.connect(pg_url(database_url))
    try:
        now = dt.datetime.now(dt.UTC)
        await copy_rows(conn, "member",
                        ["line_user_id", "display_name", "consent_at", "consent_version", "active", "created_at",
                         "updated_at"],
                        ((uid, f"ผู้ทดสอบ {i}", now, CONSENT_VERSION, True, now, now) for i, uid in enumerate(user_ids)))
    finally:
        await conn.close()


async def course_codes(database_url: str, limit: int = 50) -> list[str]:
    conn = await asyncpg.connect(pg_url(database_url))
    try:
        rows = await conn.fetch("SELECT code FROM course WHERE status='active' ORDER BY id LIMIT $1", limit)
        return [r["code"] for r in rows]
    finally:
        await conn.close()


async def gather_bounded(coros: Iterable[Any], limit: int) -> list[Any]:
    gate = asyncio.Semaphore(limit)

    async def one(coro: Any) -> Any:
        async with gate:
            return await coro

    return await asyncio.gather(*(one(c) for c in coros))


async def emulator_users(http: aiohttp.ClientSession, emulator_url: str, user_ids: Sequence[str]) -> None:
    async def add(uid: str) -> None:
        async with http.post(f"{emulator_url}/_emulator/users",
                             json={"userId": uid, "displayName": "ผู้ทดสอบ", "following": True}) as r:
            r.raise_for_status()

    await gather_bounded((add(u) for u in user_ids), 32)


async def reply_tokens(http: aiohttp.ClientSession, emulator_url: str, user_ids: Sequence[str]) -> list[str]:
    """One token the emulator will accept per entry of user_ids (issued by its control API)."""
    async def issue(uid: str) -> str:
        async with http.post(f"{emulator_url}/_emulator/users/{uid}/reply-token") as r:
            r.raise_for_status()
            return str((await r.json())["replyToken"])

    return await gather_bounded((issue(u) for u in user_ids), 32)


@dataclass(slots=True)
class Planned:
    event: dict[str, Any]
    body: bytes
    signature: str
    kind: str
    redelivery: bool = False

    @property
    def event_id(self) -> str:
        return str(self.event["webhookEventId"])

    @property
    def token(self) -> str | None:
        return self.event.get("replyToken")


def signed(event: dict[str, Any], secret: str, kind: str, *, redelivery: bool = False) -> Planned:
    if redelivery:
        event = {**event, "deliveryContext": {"isRedelivery": True}}
    body = build_webhook_body([event], DESTINATION)
    return Planned(event, body, sign(body, secret), kind, redelivery)


def plain_event(user_id: str, action: dict[str, Any], token: str | None = None,
                timestamp_ms: int | None = None) -> dict[str, Any]:
    return build_event(user_id, action, reply_token=token, timestamp_ms=timestamp_ms)


@dataclass
class Sent:
    planned: Planned
    sent_at: float  # wall clock
    ack_ms: float | None = None
    status: int | None = None
    error: str | None = None


async def post(http: aiohttp.ClientSession, url: str, planned: Planned, *, timeout: float = 10.0) -> Sent:
    record = Sent(planned, time.time())
    started = time.perf_counter()
    try:
        async with http.post(url, data=planned.body, headers={
            "Content-Type": "application/json; charset=utf-8", "X-Line-Signature": planned.signature,
        }, timeout=aiohttp.ClientTimeout(total=timeout)) as response:
            await response.read()
            record.status = response.status
    except (aiohttp.ClientError, TimeoutError, OSError) as exc:
        record.error = type(exc).__name__
    record.ack_ms = (time.perf_counter() - started) * 1000
    return record


@dataclass
class ReplyLedger:
    """LINE API calls recorded by the emulator, by reply token and by user."""

    accepted: dict[str, list[float]] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)
    pushes: dict[str, list[float]] = field(default_factory=dict)
    after: int = 0

    async def refresh(self, http: aiohttp.ClientSession, emulator_url: str) -> None:
        while True:
            async with http.get(f"{emulator_url}/_emulator/requests",
                                params={"after": str(self.after), "limit": "2000", "brief": "true"}) as r:
                calls = (await r.json())["requests"]
            if not calls:
                return
            for call in calls:
                self.after = max(self.after, int(call["seq"]))
                body = call.get("body") or {}
                if call["operation"] == "replyMessage" and isinstance(body, dict):
                    token = str(body.get("replyToken"))
                    if call["accepted"]:
                        self.accepted.setdefault(token, []).append(float(call["time"]))
                    else:
                        self.rejected[token] = self.rejected.get(token, 0) + 1
                elif call["operation"] == "pushMessage" and call["accepted"] and isinstance(body, dict):
                    self.pushes.setdefault(str(body.get("to")), []).append(float(call["time"]))


def pct(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]
