"""The thresholds that raise a course's flags: stored (one row), changed by an admin, audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal

from tortoise.transactions import in_transaction

from backend.models import FollowUpThresholds
from backend.services import audit

DEFAULT_L1_MEAN_BELOW = 3.51  # below the band มาก (3.51-4.50)
DEFAULT_RESPONSE_RATE_BELOW = 50.0  # per cent, any evaluation level
DEFAULT_IDLE_MONTHS = 12
DEFAULT_EXPIRY_WITHIN_DAYS = 90


@dataclass(frozen=True)
class Thresholds:
    l1_mean_below: float = DEFAULT_L1_MEAN_BELOW
    response_rate_below: float = DEFAULT_RESPONSE_RATE_BELOW
    idle_months: int = DEFAULT_IDLE_MONTHS
    expiry_within_days: int = DEFAULT_EXPIRY_WITHIN_DAYS
    updated_at: dt.datetime | None = None
    updated_by: str = ""


async def current_thresholds() -> Thresholds:
    row = await FollowUpThresholds.get_or_none(id=1)
    if row is None:
        return Thresholds()
    return Thresholds(l1_mean_below=float(row.l1_mean_below), response_rate_below=float(row.response_rate_below),
                      idle_months=row.idle_months, expiry_within_days=row.expiry_within_days,
                      updated_at=row.updated_at, updated_by=row.updated_by)


async def set_thresholds(*, l1_mean_below: float, response_rate_below: float, idle_months: int,
                         expiry_within_days: int, actor: str, now: dt.datetime) -> Thresholds:
    """Store the thresholds (bounds are the caller's schema's) and audit the change with before and after."""
    before = await current_thresholds()
    l1, rate = Decimal(str(round(l1_mean_below, 2))), Decimal(str(round(response_rate_below, 1)))
    values = {"l1_mean_below": l1, "response_rate_below": rate, "idle_months": idle_months,
              "expiry_within_days": expiry_within_days, "updated_at": now, "updated_by": actor[:100]}
    async with in_transaction() as conn:
        await FollowUpThresholds.update_or_create(id=1, defaults=values, using_db=conn)
        after = Thresholds(l1_mean_below=float(l1), response_rate_below=float(rate),
                           idle_months=idle_months, expiry_within_days=expiry_within_days, updated_at=now,
                           updated_by=actor[:100])
        changed = {k: [v, getattr(after, k)] for k, v in asdict(before).items()
                   if k not in ("updated_at", "updated_by") and v != getattr(after, k)}
        await audit.record(actor=actor, action="follow_up.thresholds", target_type="follow_up_thresholds",
                           target_id=1, details={"changed": changed}, using_db=conn)
    return after
