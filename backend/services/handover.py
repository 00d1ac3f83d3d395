"""Handing a LINE conversation over to staff: open, reply, release; the chat log staff read.

While a handover is open the bot records what the user writes and does not answer it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from backend.models.conversation import ConversationMessage, Handover, HandoverStatus
from backend.ports import MemberNotifier
from backend.services.errors import Conflict, NotFound
from backend.services.recent import RecentAnswers
from backend.services.sql import connection

Direction = Literal["in", "out", "staff"]
MAX_LOGGED_TEXT = 2000


class HandoverNotFound(NotFound):
    code = "handover_not_found"
    default_detail = "handover not found"
    default_message_th = "ไม่พบการส่งต่อเจ้าหน้าที่รายการนี้"


class HandoverClosed(Conflict):
    code = "handover_closed"
    default_detail = "handover already released"
    default_message_th = "การสนทนานี้ส่งกลับให้ระบบอัตโนมัติแล้ว"


@dataclass(frozen=True)
class HandoverView:
    id: int
    line_user_id: str
    reason: str
    status: str
    opened_at: dt.datetime
    released_at: dt.datetime | None


@dataclass(frozen=True)
class MessageView:
    id: int
    direction: str
    text: str
    at: dt.datetime


def _view(h: Handover) -> HandoverView:
    return HandoverView(h.id, h.line_user_id, h.reason, str(h.status), h.opened_at, h.released_at)


async def open_handover(*, line_user_id: str, reason: str) -> HandoverView:
    """Flag the conversation for a person (idempotent: an already open handover is returned)."""
    existing = await Handover.filter(line_user_id=line_user_id, status=HandoverStatus.open).first()
    if existing is not None:
        return _view(existing)
    handover = await Handover.create(line_user_id=line_user_id, reason=reason[:500])
    forget_open_handovers()
    return _view(handover)


# Open handovers are few (a person answers each), and every bot event asks about one: this process keeps
# the set of handed-over users for OPEN_SNAPSHOT_SECONDS instead of asking the database each time, and the
# events handled at the moment it is out of date wait for one query together.
# Opening or releasing one here refreshes it at once; another process's change shows within that time.
OPEN_SNAPSHOT_SECONDS = 1.0
_open_handovers: RecentAnswers[frozenset[str]] = RecentAnswers(max_entries=1)


def forget_open_handovers() -> None:
    _open_handovers.clear()


async def _handed_over_users() -> frozenset[str]:
    users = await Handover.filter(status=HandoverStatus.open).values_list("line_user_id", flat=True)
    return frozenset(str(u) for u in users)


async def is_handed_over(line_user_id: str) -> bool:
    users = await _open_handovers.get_or_compute("open", _handed_over_users, max_age_seconds=OPEN_SNAPSHOT_SECONDS)
    return line_user_id in users


async def list_open_handovers() -> list[HandoverView]:
    return [_view(h) for h in await Handover.filter(status=HandoverStatus.open).order_by("opened_at")]


async def get_handover(handover_id: int) -> HandoverView:
    handover = await Handover.get_or_none(id=handover_id)
    if handover is None:
        raise HandoverNotFound(handover_id=handover_id)
    return _view(handover)


async def record_message(
    *, line_user_id: str, direction: Direction, text: str, at: dt.datetime, staff_user_id: int | None = None
) -> None:
    await ConversationMessage.create(
        line_user_id=line_user_id, direction=direction, text=text[:MAX_LOGGED_TEXT], staff_user_id=staff_user_id,
        at=at,
    )


async def record_messages(*, line_user_id: str, messages: Sequence[tuple[Direction, str]], at: dt.datetime) -> None:
    """Several lines of one conversation, in order, in one statement."""
    await record_conversation_lines([(line_user_id, direction, text, at) for direction, text in messages])


ConversationLine = tuple[str, Direction, str, dt.datetime]  # LINE user id, direction, text, when


async def record_conversation_lines(lines: Sequence[ConversationLine]) -> None:
    """Lines of any number of conversations, in the given order, in one statement (the chat log of a batch
    of events)."""
    if not lines:
        return
    # One round trip (the ORM's bulk insert opens a transaction around an executemany: three or four), and one
    # statement text whatever the number of lines (one prepared plan); ids follow the given order.
    await connection().execute_query(_INSERT_LINES, [
        [line[0] for line in lines], [line[1] for line in lines], [line[2][:MAX_LOGGED_TEXT] for line in lines],
        [line[3] for line in lines]])


_INSERT_LINES = (
    "INSERT INTO conversation_message (line_user_id, direction, text, at)"
    " SELECT u, d, t, a FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) WITH ORDINALITY"
    " AS line(u, d, t, a, n) ORDER BY n"
)


async def recent_messages(*, line_user_id: str, limit: int = 50) -> list[MessageView]:
    rows = await ConversationMessage.filter(line_user_id=line_user_id).order_by("-at", "-id").limit(limit)
    return [MessageView(r.id, r.direction, r.text, r.at) for r in reversed(rows)]


async def staff_reply(
    *, handover_id: int, staff_user_id: int | None, text: str, notifier: MemberNotifier, at: dt.datetime
) -> bool:
    """Push a staff member's text to the user; True when the channel accepted it."""
    handover = await Handover.get_or_none(id=handover_id)
    if handover is None:
        raise HandoverNotFound(handover_id=handover_id)
    if handover.status != HandoverStatus.open:
        raise HandoverClosed(handover_id=handover_id)
    await record_message(line_user_id=handover.line_user_id, direction="staff", text=text, staff_user_id=staff_user_id,
                         at=at)
    result = await notifier.staff_reply(line_user_id=handover.line_user_id, text=text[:5000])
    return result.delivered


async def release_handover(
    *, handover_id: int, staff_user_id: int | None, now: dt.datetime, notifier: MemberNotifier | None = None
) -> HandoverView:
    """Give the conversation back to the bot (optionally telling the user so)."""
    handover = await Handover.get_or_none(id=handover_id)
    if handover is None:
        raise HandoverNotFound(handover_id=handover_id)
    if handover.status == HandoverStatus.open:
        handover.status = HandoverStatus.released
        handover.released_at = now
        handover.released_by_id = staff_user_id
        await handover.save(update_fields=["status", "released_at", "released_by_id"])
        forget_open_handovers()
        if notifier is not None:
            await notifier.handover_released(line_user_id=handover.line_user_id)
    return _view(handover)


async def delete_conversation(*, line_user_id: str) -> int:
    """Personal data deletion: drop the chat log and handovers of this user; returns messages deleted."""
    deleted = await ConversationMessage.filter(line_user_id=line_user_id).delete()
    await Handover.filter(line_user_id=line_user_id).delete()
    forget_open_handovers()
    return int(deleted or 0)
