"""What the domain needs from outside, as typed protocols (ports).

The backend never knows which channel serves it: jobs and services talk to a `MemberNotifier` (tell one member
something) and a `Multicaster` (one broadcast batch), both held by the `Runtime`. The LINE channel (`bot/`)
implements them; the composition root (`app/`) plugs its implementation into each runtime it opens. The time
comes through the clock port, `backend.clock.Clock`.

A delivery is described by `Delivery`: its outcome decides the bookkeeping (a push that is not final is tried
again by the next run, under the same retry key, so a member is never told twice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from backend.clock import Clock

__all__ = ["NOT_FINAL", "ChannelIdentity", "ChannelMemory", "IdentityUnavailable", "WaitlistAnnouncer", "ChannelNotConnected", "Clock", "Delivery", "DeliveryOutcome",
           "MemberNotifier", "Multicaster", "NoChannel"]

# ok: accepted; duplicate: accepted earlier under the same retry key; retryable: the channel failed (5xx,
# timeout), try again later; rate_limited: too many requests, try again later; rejected: refused for good.
DeliveryOutcome = Literal["ok", "duplicate", "retryable", "rate_limited", "rejected"]
NOT_FINAL: frozenset[str] = frozenset({"retryable", "rate_limited"})


@dataclass(frozen=True)
class Delivery:
    """What became of one message (or one batch) handed to the channel."""

    outcome: DeliveryOutcome
    status: int | None = None
    request_id: str | None = None
    error: str | None = None
    retry_after: float | None = None
    via: Literal["reply", "push", "multicast", "none"] = "none"
    attempts: int = 1

    @property
    def delivered(self) -> bool:
        """Accepted by the channel (a duplicate means an earlier attempt under the same key was accepted)."""
        return self.outcome in ("ok", "duplicate")

    @property
    def final(self) -> bool:
        """Settled either way; False when a later attempt (same retry key) should try again."""
        return self.outcome not in NOT_FINAL


class MemberNotifier(Protocol):
    """Tells one member something outside a conversation. `retry_key`: the same key for the same message, so
    that a job run twice (or resumed after a crash) never delivers it twice."""

    async def waitlist_promoted(self, *, member_id: int, line_user_id: str | None, course_title: str,
                                session_no: int, start_date: dt.date) -> bool:
        """A waitlisted member got a seat. True when they were told; members who no longer receive pushes
        (unfollowed, deleted) are not."""
        ...

    async def survey_invited(self, *, line_user_id: str, dispatch_id: int, title_th: str, course_title: str,
                             deadline: dt.datetime, form_url: str, retry_key: str) -> Delivery:
        """An evaluation survey waits for the member (answer on the web form or in the chat)."""
        ...

    async def survey_reminder(self, *, line_user_id: str, seq: int, dispatch_id: int, title_th: str,
                              course_title: str, deadline: dt.datetime, form_url: str,
                              retry_key: str) -> Delivery:
        """Reminder number `seq` of a survey the member has not answered yet."""
        ...

    async def certificate_ready(self, *, line_user_id: str, course_title: str, number: str, download_url: str,
                                verify_url: str, retry_key: str) -> Delivery:
        """The member earned a certificate."""
        ...

    async def official_name_needed(self, *, line_user_id: str, course_title: str, retry_key: str) -> Delivery:
        """The member passed a course, and its certificate waits for their official name (คำนำหน้า + ชื่อ +
        นามสกุล): ask for it."""
        ...

    async def nominated(self, *, line_user_id: str, nomination_id: int, agency_name: str, course_title: str,
                        session_no: int, start_date: dt.date, end_date: dt.date, place: str, full: bool,
                        retry_key: str) -> Delivery:
        """The member's agency coordinator nominated them for a session: ask them to accept (they are then
        registered, or waitlisted when it is `full`) or decline."""
        ...

    async def staff_reply(self, *, line_user_id: str, text: str) -> Delivery:
        """A staff member's answer in a handed-over conversation, as they wrote it."""
        ...

    async def handover_released(self, *, line_user_id: str) -> Delivery:
        """Staff gave the conversation back to the bot."""
        ...


class Multicaster(Protocol):
    """One attempt at sending the same messages to up to 500 members (a broadcast batch)."""

    async def multicast_once(self, *, user_ids: Sequence[str], messages: Sequence[dict[str, Any]],
                             retry_key: str) -> Delivery: ...


class WaitlistAnnouncer(Protocol):
    """Services that move members up from a waitlist announce it here, once their transaction is committed;
    the members are then told (outside the request, by the worker, through the MemberNotifier)."""

    async def waitlist_promoted(self, registration_ids: Sequence[int]) -> None: ...


class ChannelMemory(Protocol):
    """What a channel keeps about one of its users outside the database (conversation state, queued events,
    counters): erased with the member's personal data."""

    async def forget(self, *, line_user_id: str) -> int:
        """Erase everything kept about this user; returns how many stored items went."""
        ...


class ChannelIdentity(Protocol):
    """Who a sign-in token from the channel's in-app browser proves the user to be (LINE: the ID token a LIFF
    app gets from liff.getIDToken(), verified by LINE Login)."""

    async def user_of(self, id_token: str) -> str | None:
        """The channel's user id the token was issued to, or None when the token is forged, expired or meant
        for another app. Raises IdentityUnavailable when the channel cannot say right now."""
        ...


class IdentityUnavailable(RuntimeError):
    """The channel could not verify a sign-in token (network, 5xx): ask the user to try again."""


class ChannelNotConnected(RuntimeError):
    pass


class NoChannel:
    """The ports of a runtime no channel was plugged into: any use says so (a wiring error, not a delivery
    failure to retry)."""

    def _refuse(self) -> ChannelNotConnected:
        return ChannelNotConnected("no channel is connected to this runtime (the composition root plugs one in)")

    async def waitlist_promoted(self, *_: Any, **__: Any) -> Any:  # the notifier's and the announcer's
        raise self._refuse()

    async def user_of(self, id_token: str) -> str | None:
        raise self._refuse()

    async def survey_invited(self, **_: Any) -> Delivery:
        raise self._refuse()

    async def survey_reminder(self, **_: Any) -> Delivery:
        raise self._refuse()

    async def certificate_ready(self, **_: Any) -> Delivery:
        raise self._refuse()

    async def official_name_needed(self, **_: Any) -> Delivery:
        raise self._refuse()

    async def nominated(self, **_: Any) -> Delivery:
        raise self._refuse()

    async def staff_reply(self, **_: Any) -> Delivery:
        raise self._refuse()

    async def handover_released(self, **_: Any) -> Delivery:
        raise self._refuse()

    async def multicast_once(self, **_: Any) -> Delivery:
        raise self._refuse()

    async def forget(self, **_: Any) -> int:
        raise self._refuse()
