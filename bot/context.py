"""What a handler gets: the event, the member, state, NLU result, and ways to answer."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from backend.clock import Clock
from bot.line_client import LineClient, SendResult
from bot.postback import Postback, encode_postback
from bot.state import StateStore

log = logging.getLogger(__name__)


@dataclass
class Context:
    runtime: Any
    line: LineClient
    state: StateStore
    event: dict[str, Any]
    user_id: str
    received_at: float
    parse: Any = None
    postback: Postback | None = None
    step: str | None = None
    _reply_token: str | None = None
    _member: Any = None
    _member_loaded: bool = False
    sent: list[dict[str, Any]] = field(default_factory=list)
    _unlogged: list[tuple[Any, str]] = field(default_factory=list)
    answered: bool = False

    @property
    def settings(self) -> Any:
        return self.runtime.settings

    @property
    def clock(self) -> Clock:
        return self.runtime.clock

    @property
    def text(self) -> str:
        message = self.event.get("message") or {}
        return str(message.get("text") or "")

    def pb(self, action: str, **params: object) -> str:
        """Signed postback data for this user."""
        return encode_postback(action, user_id=self.user_id, secret=self.settings.secret_key,
                               now=self.clock.timestamp(), **params)

    async def member(self, *, refresh: bool = False) -> Any:
        """The Member linked to this LINE user (None before consent or after deletion)."""
        if refresh or not self._member_loaded:
            from backend.services.members import get_member_by_line_id

            self._member = await get_member_by_line_id(self.user_id)
            self._member_loaded = True
        return self._member

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
        member = await self.member()
        if member is None or member.consent_at is None:
            return
        from backend.services.handover import record_messages

        await record_messages(line_user_id=self.user_id, messages=entries, at=self.clock.utcnow())
