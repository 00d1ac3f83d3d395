"""Broadcasts: create (now, scheduled, after quiet hours unless urgent), cancel, progress.

The sending itself is done by the worker (backend.jobs.broadcasts), which plans the audience into
batches of up to 500 with fixed retry keys and sends them at the shared multicast rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from arq.connections import ArqRedis
from tortoise.functions import Count, Sum

from backend.clock import BANGKOK
from backend.models import BatchStatus, Broadcast, BroadcastBatch, BroadcastStatus
from backend.schemas.broadcasts import BroadcastCreate
from backend.services.errors import ValidationFailed
from backend.services.quiet_hours import after_quiet_hours
from backend.settings import Settings

MULTICAST_MAX_RECIPIENTS = 500
DEFAULT_MULTICAST_RATE = 200.0


class BroadcastError(ValueError):
    """A broadcast request that cannot be carried out (shown to the admin as is, in Thai)."""


@dataclass(frozen=True)
class BroadcastConfig:
    """How the worker sends: the multicast rate shared by all processes and its concurrency."""

    rate_per_second: float = DEFAULT_MULTICAST_RATE
    batch_size: int = MULTICAST_MAX_RECIPIENTS
    senders: int = 16
    lease_seconds: float = 15.0
    max_run_seconds: float = 240.0
    plan_page_size: int = 5000
    max_attempts: int = 12
    retry_base_seconds: float = 0.2

    @classmethod
    def from_settings(cls, settings: Settings) -> BroadcastConfig:
        rate = settings.line_multicast_rate or DEFAULT_MULTICAST_RATE
        return cls(rate_per_second=float(rate))


@dataclass(frozen=True)
class BroadcastProgress:
    id: int
    title: str
    status: str
    urgent: bool
    send_after: datetime
    total: int
    sent: int
    failed: int
    remaining: int
    batches_total: int
    batches_done: int
    eta_seconds: int | None
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def percent(self) -> int:
        if self.total <= 0:
            return 100 if self.status == BroadcastStatus.completed else 0
        return min(100, round(100 * (self.sent + self.failed) / self.total))

    def as_api(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "urgent": self.urgent,
            "send_after": self.send_after.isoformat(),
            "total": self.total,
            "sent": self.sent,
            "failed": self.failed,
            "remaining": self.remaining,
            "batches_total": self.batches_total,
            "batches_done": self.batches_done,
            "percent": self.percent,
            "eta_seconds": self.eta_seconds,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
        }


def allowed_send_time(moment: datetime, *, urgent: bool) -> datetime:
    """`moment`, or the end of the quiet hours it falls in (08:00 Bangkok) unless urgent."""
    return moment if urgent else after_quiet_hours(moment)


async def create_broadcast(request: BroadcastCreate, *, actor: str, now: datetime) -> Broadcast:
    """Schedule a broadcast (a `send_at` without a time zone is Bangkok time). Raises ValidationFailed when
    `send_at` is more than a year ahead."""
    wanted = request.send_at or now
    if wanted.tzinfo is None:
        wanted = wanted.replace(tzinfo=BANGKOK)
    if wanted > now + timedelta(days=366):
        raise ValidationFailed.field("send_at", "must be within a year from now")
    if wanted < now:
        wanted = now
    return await Broadcast.create(
        title=request.title.strip() or _title_from(request.messages),
        audience=request.audience.model_dump(),
        messages=request.messages,
        urgent=request.urgent,
        status=BroadcastStatus.scheduled,
        requested_at=wanted,
        send_after=allowed_send_time(wanted, urgent=request.urgent),
        created_by=actor,
    )


def _title_from(messages: list[dict[str, Any]]) -> str:
    first = messages[0]
    text = first.get("text") or first.get("altText") or "ประกาศ"
    return str(text).strip().splitlines()[0][:80]


async def cancel_broadcast(broadcast_id: int, *, now: datetime) -> Broadcast:
    broadcast = await Broadcast.get_or_none(id=broadcast_id)
    if broadcast is None:
        raise LookupError(broadcast_id)
    if broadcast.status in (BroadcastStatus.completed, BroadcastStatus.cancelled):
        raise BroadcastError("ประกาศนี้ส่งเสร็จหรือถูกยกเลิกไปแล้ว")
    updated = await Broadcast.filter(
        id=broadcast_id, status__in=[BroadcastStatus.scheduled, BroadcastStatus.sending]
    ).update(status=BroadcastStatus.cancelled, cancelled_at=now)
    if not updated:
        raise BroadcastError("ประกาศนี้ส่งเสร็จหรือถูกยกเลิกไปแล้ว")
    await broadcast.refresh_from_db()
    return broadcast


async def broadcast_progress(broadcast: Broadcast, *, config: BroadcastConfig | None = None) -> BroadcastProgress:
    config = config or BroadcastConfig()
    rows = (
        await BroadcastBatch.filter(broadcast_id=broadcast.id)
        .annotate(n=Count("id"), people=Sum("recipients"))
        .group_by("status")
        .values("status", "n", "people")
    )
    by_status = {str(r["status"]): (int(r["n"] or 0), int(r["people"] or 0)) for r in rows}
    sent = by_status.get(BatchStatus.sent, (0, 0))[1]
    failed = by_status.get(BatchStatus.failed, (0, 0))[1]
    planned_people = sum(people for _, people in by_status.values())
    batches_planned = sum(n for n, _ in by_status.values())
    total = planned_people if broadcast.planning_done else max(broadcast.total_recipients, planned_people)
    batches_done = by_status.get(BatchStatus.sent, (0, 0))[0] + by_status.get(BatchStatus.failed, (0, 0))[0]
    batches_total = (
        batches_planned if broadcast.planning_done else max(batches_planned, math.ceil(total / config.batch_size))
    )
    remaining = max(0, total - sent - failed)
    if broadcast.status in (BroadcastStatus.cancelled, BroadcastStatus.completed):
        remaining = 0 if broadcast.status == BroadcastStatus.completed else remaining
        eta = None
    else:
        eta = math.ceil((batches_total - batches_done) / config.rate_per_second)
    return BroadcastProgress(
        id=broadcast.id,
        title=broadcast.title,
        status=str(broadcast.status),
        urgent=broadcast.urgent,
        send_after=broadcast.send_after,
        total=total,
        sent=sent,
        failed=failed,
        remaining=remaining,
        batches_total=batches_total,
        batches_done=batches_done,
        eta_seconds=eta,
        started_at=broadcast.started_at,
        finished_at=broadcast.finished_at,
    )


async def enqueue_broadcast(queue: ArqRedis, broadcast: Broadcast, *, now: datetime) -> None:
    """Ask the worker to send it at its time (the worker's periodic sweep is the safety net). The job queue
    counts on the machine's clock, so it is given a delay from `now` rather than a moment."""
    import uuid

    await queue.enqueue_job(
        "run_broadcast", broadcast.id, _job_id=f"broadcast:{broadcast.id}:{uuid.uuid4().hex[:8]}",
        _defer_by=max(timedelta(0), broadcast.send_after - now),
    )


async def recent_broadcasts(limit: int = 30) -> list[Broadcast]:
    return await Broadcast.all().order_by("-id").limit(limit)


async def find_broadcast(broadcast_id: int) -> Broadcast | None:
    """A broadcast by id, or None."""
    return await Broadcast.get_or_none(id=broadcast_id)


def text_message(text: str) -> dict[str, Any]:
    return {"type": "text", "text": text}


def image_link_message(*, image_url: str, link_url: str, alt_text: str) -> dict[str, Any]:
    """An image people can tap to open a link (a Flex bubble whose hero image carries the link)."""
    hero: dict[str, Any] = {"type": "image", "url": image_url, "size": "full", "aspectRatio": "20:13",
                            "aspectMode": "cover"}
    if link_url:
        hero["action"] = {"type": "uri", "label": "เปิดลิงก์", "uri": link_url}
    return {"type": "flex", "altText": alt_text[:400] or "ประกาศ",
            "contents": {"type": "bubble", "hero": hero}}
