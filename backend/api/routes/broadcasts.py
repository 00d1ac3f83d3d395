"""REST API for broadcasts: create (now or scheduled), progress, cancel. Admin API tokens only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, HTTPException, status

from backend.api.auth import AdminUser
from backend.api.params import IdPath
from backend.deps import ClockDep, QueueDep, SettingsDep
from backend.schemas.broadcasts import AudienceFilter, BroadcastCreate
from backend.services import audit
from backend.services.audience import count_audience
from backend.services.broadcasts import (
    BroadcastConfig,
    BroadcastError,
    broadcast_progress,
    cancel_broadcast,
    create_broadcast,
    enqueue_broadcast,
    find_broadcast,
)

if TYPE_CHECKING:
    from backend.settings import Settings

router = APIRouter(prefix="/api/v1/broadcasts", tags=["broadcasts"])




async def _progress(broadcast_id: int, settings: Settings) -> dict[str, Any]:
    broadcast = await find_broadcast(broadcast_id)
    if broadcast is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "broadcast not found")
    progress = await broadcast_progress(broadcast, config=BroadcastConfig.from_settings(settings))
    return progress.as_api()


@router.post("", status_code=status.HTTP_201_CREATED, summary="Create a broadcast (send now or at send_at)")
async def post_broadcast(body: BroadcastCreate, user: AdminUser, settings: SettingsDep,
                         queue: QueueDep, clock: ClockDep) -> dict[str, Any]:
    broadcast = await create_broadcast(body, actor=f"staff:{user.username}", now=clock.utcnow())
    await audit.record(actor=f"staff:{user.username}", action="broadcast.create", target_type="broadcast",
                       target_id=broadcast.id, details={"urgent": body.urgent, "audience": body.audience.model_dump()})
    await enqueue_broadcast(queue, broadcast, now=clock.utcnow())
    return await _progress(broadcast.id, settings)


@router.post("/audience/count", summary="How many members a filter reaches now")
async def post_audience_count(body: AudienceFilter, user: AdminUser) -> dict[str, int]:
    return {"count": await count_audience(body)}


@router.get("/{broadcast_id}", summary="Status and progress: sent / failed / remaining, ETA")
async def get_broadcast(broadcast_id: IdPath, user: AdminUser, settings: SettingsDep) -> dict[str, Any]:
    return await _progress(broadcast_id, settings)


@router.post("/{broadcast_id}/cancel", summary="Cancel a scheduled or running broadcast")
async def post_cancel(broadcast_id: IdPath, user: AdminUser, settings: SettingsDep,
                      clock: ClockDep) -> dict[str, Any]:
    try:
        await cancel_broadcast(broadcast_id, now=clock.utcnow())
    except LookupError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "broadcast not found") from exc
    except BroadcastError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    await audit.record(actor=f"staff:{user.username}", action="broadcast.cancel", target_type="broadcast",
                       target_id=broadcast_id)
    return await _progress(broadcast_id, settings)
