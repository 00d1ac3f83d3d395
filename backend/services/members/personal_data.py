"""A member's personal data under the PDPA: a copy of everything stored (right of access) and erasure.

Erasure clears every personal field (names, agency, position, target group, province, consent) and unlinks the
LINE account; deletes the chat log and handovers; erases their free-text survey answers; removes their LINE id
from broadcast batches; and has the channel forget what it keeps about them (conversation state, queued events).
What stays is anonymous: registrations, survey scores and certificates belong to a member row that no longer
names anybody, so counts and scores remain for statistics, and certificates stay verifiable without the name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from backend.clock import Clock
from backend.models import (
    Certificate,
    Member,
    Nomination,
    Registration,
    RegistrationEvent,
    RegistrationStatus,
    SurveyResponse,
)
from backend.ports import ChannelMemory, WaitlistAnnouncer
from backend.services import audit, handover
from backend.services.errors import DomainError
from backend.services.members.member_records import get_member, member_or_404
from backend.services.members.views import DeletionReport
from backend.services.registration import Promotion, cancel_registration, list_member_registrations

ERASED_NAME = "(ลบข้อมูลส่วนบุคคลตามคำขอ)"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


async def export_member_data(member_id: int, *, clock: Clock) -> dict[str, Any]:
    """Everything stored about a member, as JSON-ready data (the PDPA right of access)."""
    member = await get_member(member_id)
    registrations = await list_member_registrations(member_id, include_cancelled=True, clock=clock)
    events = await RegistrationEvent.filter(registration__member_id=member_id).order_by("id").values(
        "registration_id", "kind", "at"
    )
    profile = asdict(member)
    data: dict[str, Any] = _jsonable({
        "exported_at": clock.utcnow(),
        "member": profile,
        "registrations": [asdict(r) for r in registrations],
        "registration_events": list(events),
        "nominations": await Nomination.filter(member_id=member_id).order_by("id").values(
            "session_id", "status", "outcome", "created_at", "answered_at"),
    })
    return data


PERSONAL_FIELDS = ("line_user_id", "display_name", "official_title", "official_first_name", "official_last_name",
                   "official_name_at", "agency_text", "agency", "position", "target_group", "province", "consent_at",
                   "consent_version")


async def _erase_free_text(member_id: int, conn: BaseDBAsyncClient) -> int:
    """Drop the member's answers to free-text questions (comments, examples, obstacles): they can name or
    describe the person. Scores and choices stay. Returns how many answers were erased."""
    erased = 0
    responses = await SurveyResponse.filter(member_id=member_id).using_db(conn).prefetch_related(
        "dispatch__template")
    for response in responses:
        text_keys = {q["key"] for q in response.dispatch.template.questions if q.get("type") == "text"}
        answers = dict(response.answers or {})
        gone = [key for key in text_keys if answers.get(key)]
        if gone:
            for key in gone:
                answers.pop(key)
            response.answers = answers
            await response.save(update_fields=["answers"], using_db=conn)
            erased += len(gone)
    return erased


async def _drop_from_broadcasts(line_user_id: str, conn: BaseDBAsyncClient) -> None:
    """Remove a LINE id from the recipient lists kept with broadcast batches (the counts stay)."""
    await conn.execute_query(
        "UPDATE broadcast_batch SET user_ids = user_ids - $1::text WHERE jsonb_exists(user_ids, $1::text)",
        [line_user_id])


async def delete_member_data(*, member_id: int, actor: str, clock: Clock, channel: ChannelMemory,
                             announcer: WaitlistAnnouncer) -> DeletionReport:
    """Erase a member's personal data (PDPA): personal fields cleared, LINE account unlinked, upcoming
    registrations cancelled (freed seats go to the waitlist: see `promoted`), past registrations kept
    without any personal link for statistics. Idempotent. Raises MemberNotFound.
    """
    member = await member_or_404(member_id)
    if member.deleted_at is not None:
        return DeletionReport(member_id=member_id, cleared_fields=[], registrations_kept_anonymous=await
                              Registration.filter(member_id=member_id).count(), registrations_cancelled=[],
                              promoted=[], deleted_at=member.deleted_at)
    cancelled: list[int] = []
    promoted: list[Promotion] = []
    for item in await list_member_registrations(member_id, clock=clock):
        if item.cancellable:
            try:
                result = await cancel_registration(registration_id=item.registration_id, actor=actor, clock=clock,
                                                   announcer=announcer)
            except DomainError:  # e.g. it started meanwhile: it stays as it is
                continue
            cancelled.append(item.registration_id)
            if result.promoted:
                promoted.append(result.promoted)
    now = clock.utcnow()
    messages_deleted = await handover.delete_conversation(line_user_id=member.line_user_id) \
        if member.line_user_id else 0
    async with in_transaction() as conn:
        await Member.filter(id=member_id).using_db(conn).update(
            line_user_id=None, display_name="", official_title="", official_first_name="", official_last_name="",
            official_name_at=None, official_name_requested_at=None, agency_text="", agency_id=None, position="",
            target_group_id=None, province=None, consent_at=None, consent_version="", active=False, deleted_at=now,
        )
        answers_erased = await _erase_free_text(member_id, conn)
        # Nominations by an agency coordinator say who was put forward for what: gone with the member.
        nominations_erased = await Nomination.filter(member_id=member_id).using_db(conn).delete()
        if member.line_user_id:
            await _drop_from_broadcasts(member.line_user_id, conn)
        # Certificates stay verifiable (the training happened) but no longer carry the name.
        anonymised = await Certificate.filter(member_id=member_id).using_db(conn).update(
            name_on_certificate=ERASED_NAME)
        await audit.record(actor=actor, action="member.delete_data", target_type="member", target_id=member_id,
                           details={"registrations_cancelled": len(cancelled), "answers_erased": answers_erased,
                                    "nominations_erased": int(nominations_erased or 0)},
                           using_db=conn)
    if member.line_user_id:
        await channel.forget(line_user_id=member.line_user_id)
    kept = await Registration.filter(member_id=member_id).exclude(status=RegistrationStatus.cancelled).count()
    return DeletionReport(member_id=member_id, cleared_fields=list(PERSONAL_FIELDS),
                          registrations_kept_anonymous=kept + len(cancelled), registrations_cancelled=cancelled,
                          promoted=promoted, deleted_at=now, conversation_messages_deleted=messages_deleted,
                          certificates_anonymised=int(anonymised or 0))
