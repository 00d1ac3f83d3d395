"""The backend's ports over LINE: `LineNotifier` tells one member something outside a conversation.

The backend hands plain data (a dispatch, a deadline, a form URL, a retry key); the messages are built here by
the render layer, postbacks are signed for the recipient here, and `LineClient` pushes them. The delivery comes
back as it is, so the jobs keep their bookkeeping (pushed_at, outcome, retry on a non-final outcome).
Broadcast batches (the `Multicaster` port) go straight through `LineClient.multicast_once`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from backend.clock import Clock
from backend.ports import Delivery
from backend.services import members
from backend.settings import Settings
from bot.line_client import LineClient
from bot.postback import DEFAULT_TTL_SECONDS, encode_postback
from bot.render import certificates, messages, nominations, survey_texts
from bot.render.registrations import promoted_message
from bot.render.texts import HANDOVER_RELEASED

log = logging.getLogger(__name__)


class LineNotifier:
    """MemberNotifier (backend.ports) for members reached through the LINE Official Account."""

    def __init__(self, line: LineClient, *, settings: Settings, clock: Clock) -> None:
        self.line = line
        self.settings = settings
        self.clock = clock

    def signer(self, line_user_id: str) -> Callable[..., str]:
        """Postback data signed for this member (see bot.postback)."""

        def pb(action: str, *, ttl_seconds: int = DEFAULT_TTL_SECONDS, **params: object) -> str:
            return encode_postback(action, user_id=line_user_id, secret=self.settings.secret_key,
                                   now=self.clock.timestamp(), ttl_seconds=ttl_seconds, **params)

        return pb

    async def waitlist_promoted(self, *, member_id: int, line_user_id: str | None, course_title: str,
                                session_no: int, start_date: dt.date) -> bool:
        if not line_user_id or not await members.can_receive_pushes(member_id):
            return False
        result = await self.line.push(
            user_id=line_user_id, messages=[promoted_message(course_title, session_no, start_date)], retry_key=None)
        if not result.delivered:
            log.warning("promotion push not delivered: %s", result.outcome)
        return result.delivered

    async def survey_invited(self, *, line_user_id: str, dispatch_id: int, title_th: str, course_title: str,
                             deadline: dt.datetime, form_url: str, retry_key: str) -> Delivery:
        message = survey_texts.invite_message(
            title_th=title_th, course_title=course_title, deadline=deadline, form_url=form_url,
            chat_data=self.signer(line_user_id)(survey_texts.PB_START, d=dispatch_id))
        return await self.line.push(user_id=line_user_id, messages=[message], retry_key=retry_key)

    async def survey_reminder(self, *, line_user_id: str, seq: int, dispatch_id: int, title_th: str,
                              course_title: str, deadline: dt.datetime, form_url: str,
                              retry_key: str) -> Delivery:
        message = survey_texts.reminder_message(
            seq=seq, title_th=title_th, course_title=course_title, deadline=deadline, form_url=form_url,
            chat_data=self.signer(line_user_id)(survey_texts.PB_START, d=dispatch_id))
        return await self.line.push(user_id=line_user_id, messages=[message], retry_key=retry_key)

    async def certificate_ready(self, *, line_user_id: str, course_title: str, number: str, download_url: str,
                                verify_url: str, retry_key: str) -> Delivery:
        message = certificates.certificate_earned_message(
            course_title=course_title, number=number, download_url=download_url, verify_url=verify_url)
        return await self.line.push(user_id=line_user_id, messages=[message], retry_key=retry_key)

    async def official_name_needed(self, *, line_user_id: str, course_title: str, retry_key: str) -> Delivery:
        message = certificates.official_name_needed_message(course_title, self.signer(line_user_id))
        return await self.line.push(user_id=line_user_id, messages=[message], retry_key=retry_key)

    async def nominated(self, *, line_user_id: str, nomination_id: int, agency_name: str, course_title: str,
                        session_no: int, start_date: dt.date, end_date: dt.date, place: str, full: bool,
                        retry_key: str) -> Delivery:
        message = nominations.nomination_message(
            nomination_id=nomination_id, agency_name=agency_name, course_title=course_title, session_no=session_no,
            start_date=start_date, end_date=end_date, place=place, full=full, pb=self.signer(line_user_id))
        return await self.line.push(user_id=line_user_id, messages=[message], retry_key=retry_key)

    async def staff_reply(self, *, line_user_id: str, text: str) -> Delivery:
        return await self.line.push(user_id=line_user_id, messages=[messages.text(text)])

    async def handover_released(self, *, line_user_id: str) -> Delivery:
        return await self.line.push(user_id=line_user_id, messages=[messages.text(HANDOVER_RELEASED)])

