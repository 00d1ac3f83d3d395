"""What a handler gets: the event, the member, state, NLU result, and ways to answer."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from backend.clock import Clock
from backend.ports import MemberNotifier
from backend.runtime import Runtime
from backend.services import handover, members
from backend.settings import Settings
from bot.batching import BatchedLookup
from bot.chat_log import ChatLogWriter
from bot.line_client import LineClient, SendResult
from bot.postback import DEFAULT_TTL_SECONDS, Postback, PostbackSigner, decode_postback
from bot.state import StateStore
from nlu import Parse

log = logging.getLogger(__name__)


class _Unread:
    """The postback of an event not looked at yet (decoded once, on first use)."""


UNREAD = _Unread()


@dataclass
class Context:
    runtime: Runtime
    line: LineClient
    state: StateStore
    event: dict[str, Any]
    user_id: str
    received_at: float
    over_limit: bool = False  # the user's events came faster than the inbox's rate limit (bot/inbox/)
    parse: Parse | None = None
    step: str | None = None
    _reply_token: str | None = None
    _postback: Postback | None | _Unread = UNREAD
    _signer: PostbackSigner | None = None  # signs this event's buttons (made on first use)
    _member: members.MemberInfo | None = None
    _member_loaded: bool = False
    sent: list[dict[str, Any]] = field(default_factory=list)
    _unlogged: list[tuple[handover.Direction, str]] = field(default_factory=list)
    answered: bool = False
    chat_log: ChatLogWriter | None = None  # the worker's batched chat log; None: one insert per flush
    member_lookup: BatchedLookup[str, members.MemberInfo] | None = None  # None: one query per lookup

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    @property
    def clock(self) -> Clock:
        return self.runtime.clock

    @property
    def notifier(self) -> MemberNotifier:
        """Messages to members outside this conversation (e.g. the next in line got a seat)."""
        return self.runtime.notifier

    @property
    def kind(self) -> str:
        """The event's type: message, postback, follow, unfollow, ..."""
        return str(self.event.get("type"))

    @property
    def message_type(self) -> str | None:
        """text, sticker, image ... for a message event; None otherwise."""
        if self.event.get("type") != "message":
            return None
        return str((self.event.get("message") or {}).get("type"))

    @property
    def text(self) -> str:
        message = self.event.get("message") or {}
        return str(message.get("text") or "")

    @property
    def postback(self) -> Postback | None:
        """The postback data if it was signed for this user and has not expired; None when forged, stale or
        not a postback event."""
        found = self._postback
        if isinstance(found, _Unread):
            found = None
            if self.event.get("type") == "postback":
                data = str((self.event.get("postback") or {}).get("data") or "")
                found = decode_postback(data, self.user_id, secret=self.settings.secret_key,
                                        now=self.clock.timestamp())
            self._postback = found
        return found

    def pb(self, action: str, *, ttl_seconds: int = DEFAULT_TTL_SECONDS, **params: object) -> str:
        """Signed postback data for this user."""
        signer = self._signer
        if signer is None:
            signer = self._signer = PostbackSigner(user_id=self.user_id, secret=self.settings.secret_key,
                                                   now=self.clock.timestamp())
        return signer(action, ttl_seconds=ttl_seconds, **params)

    async def member(self, *, refresh: bool = False) -> members.MemberInfo | None:
        """The Member linked to this LINE user (None before consent or after deletion)."""
        if refresh or not self._member_loaded:
            if self.member_lookup is None:
                self._member = await members.get_member_by_line_id(self.user_id)
            else:
                self._member = await self.member_lookup.get(self.user_id)
            self._member_loaded = True
        return self._member

    async def consented(self) -> bool:
        member = await self.member()
        return member is not None and member.consent_at is not None

    async def send(self, *messages: dict[str, Any] | None) -> SendResult:
        """Reply with the event's token the first time (push once it is used or stale)."""
        batch = [m for m in messages if m]
        token, self._reply_token = self._reply_token, None
        self.answered = True
        self.sent.extend(batch)
        result = await self.line.reply_or_push(
            user_id=self.user_id, reply_token=token, messages=batch, received_at=self.received_at
        )
        if not result.delivered:
            log.warning("answer not delivered: %s %s", result.outcome, result.status)
        await self._log_out(batch)
        return result

    def log_in(self, text: str) -> None:
        """Keep the user's message for the chat log; written with the answer (one insert) or at the end."""
        self._unlogged.append(("in", text))

    async def _log_out(self, batch: list[dict[str, Any]]) -> None:
        for message in batch:
            text = message.get("text") or message.get("altText")
            if text:
                self._unlogged.append(("out", str(text)))
        await self.flush_log()

    async def flush_log(self) -> None:
        """Write what is waiting for the chat log (nothing once the member is gone or withdrew consent)."""
        if not self._unlogged:
            return
        entries, self._unlogged = self._unlogged, []
        if not await self.consented():
            return
        if self.chat_log is None:
            await handover.record_messages(line_user_id=self.user_id, messages=entries, at=self.clock.utcnow())
            return
        at = self.clock.utcnow()
        await self.chat_log.write([(self.user_id, direction, text, at) for direction, text in entries])
