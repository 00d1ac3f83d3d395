"""The state of one emulated LINE channel: time, users, reply tokens, chats, recorded calls,
retry keys and faults, with its lifecycle (reset, configuration changes, held responses, shutdown)."""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import random
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

import httpx
import orjson

from line_emulator.config import EmulatorConfig, TestUser
from line_emulator.events import new_message_id, new_reply_token
from line_emulator.ratelimit import RateLimiter
from line_emulator.state.records import (
    BRIEF_FIELDS,
    AcceptedRetry,
    Delivery,
    Fault,
    RecordedCall,
    ReplyToken,
    ReplyTokenError,
    RichMenu,
    Sender,
    SentEvent,
)
from line_emulator.webhook import WebhookAttempt, WebhookSender


class ChannelState:
    """State of one emulated LINE channel; everything is inspectable for assertions.

    :class:`line_emulator.state.emulator.Emulator` adds the users' side: actions played to the bot's webhook.
    """

    def __init__(
        self,
        config: EmulatorConfig,
        *,
        clock: Callable[[], float] = time.time,
        webhook_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """``webhook_transport`` (e.g. ``httpx.ASGITransport(bot_app)``) delivers webhooks
        without a network server for the bot."""
        self.config = config
        self._clock = clock
        self.time_offset = 0.0
        self.webhook = WebhookSender(webhook_transport)
        self.rate_limiter = RateLimiter(lambda op: self.config.rate_limit_for(op), time.monotonic)
        self._background: set[asyncio.Task[Any]] = set()
        self.reset()

    # -- time ---------------------------------------------------------------------------
    def now(self) -> float:
        """Epoch seconds as the platform sees them (real time plus :meth:`advance_time`)."""
        return self._clock() + self.time_offset

    def advance_time(self, seconds: float) -> None:
        """Jump the platform clock forward, e.g. to expire reply tokens without waiting."""
        self.time_offset += seconds

    # -- lifecycle ----------------------------------------------------------------------
    def reset(self, config: EmulatorConfig | None = None) -> None:
        """Forget everything that happened; keep the configuration (or switch to ``config``)."""
        if config is not None:
            self.config = config
        self.time_offset = 0.0
        for task in list(getattr(self, "_background", ())):
            task.cancel()
        release = getattr(self, "_release_hangs", None)
        if release is not None:
            release.set()
        self._release_hangs = asyncio.Event()
        self.fault_rng = random.Random(self.config.faults.seed)
        self.id_rng = random.Random()  # ids differ between runs (bots dedupe on them); faults are seeded
        self.users: dict[str, TestUser] = {u.user_id: u.model_copy() for u in self.config.users}
        self.calls: deque[RecordedCall] = deque(maxlen=self.config.max_recorded_requests)
        self.chats: dict[str, list[Delivery]] = {}
        self.reply_tokens: dict[str, ReplyToken] = {}
        self.retry_keys: dict[str, AcceptedRetry] = {}
        self.rich_menus: dict[str, RichMenu] = {}
        self.rich_menu_aliases: dict[str, str] = {}
        self.default_rich_menu_id: str | None = None
        self.user_rich_menus: dict[str, str] = {}
        self.loading: dict[str, float] = {}
        self.read_marks: list[dict[str, Any]] = []
        self.sent_events: dict[str, SentEvent] = {}
        self.webhook_attempts: list[WebhookAttempt] = []
        self.narrowcasts: dict[str, dict[str, Any]] = {}
        self.message_content: dict[str, bytes] = {}
        self.messages_sent_this_month = 0
        self.sent_counts: dict[tuple[str, str], int] = {}
        """(via, yyyyMMdd in Japan time, as LINE reports) -> messages delivered."""
        self._next_chat_id = 1
        self._seq = 0
        self._waiters: dict[str, list[asyncio.Future[None]]] = {}
        self.rate_limiter.reset()

    def update_config(self, changes: Mapping[str, Any]) -> EmulatorConfig:
        """Merge ``changes`` (nested dicts allowed) into the configuration and validate it."""
        merged = _deep_merge(self.config.model_dump(), changes)
        new = EmulatorConfig.model_validate(merged)
        if new.faults.seed != self.config.faults.seed:
            self.fault_rng = random.Random(new.faults.seed)
        for user in new.users:
            self.users.setdefault(user.user_id, user.model_copy())
        self.config = new
        return new

    async def hang(self, seconds: float) -> None:
        """Hold a response like a stuck server; :meth:`reset` and shutdown let it go early."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._release_hangs.wait(), seconds)

    async def aclose(self) -> None:
        self._release_hangs.set()
        for task in list(self._background):
            task.cancel()
        for task in list(self._background):
            with contextlib.suppress(BaseException):
                await task
        await self.webhook.aclose()

    # -- ids ------------------------------------------------------------------------------
    def new_request_id(self) -> str:
        return str(uuid.UUID(int=self.id_rng.getrandbits(128), version=4))

    def new_message_id(self) -> str:
        return new_message_id(self.id_rng)

    # -- users ----------------------------------------------------------------------------
    def add_user(
        self,
        user_id: str,
        display_name: str,
        *,
        picture_url: str | None = None,
        status_message: str | None = None,
        language: str = "th",
        following: bool = True,
    ) -> TestUser:
        user = TestUser(
            user_id=user_id,
            display_name=display_name,
            picture_url=picture_url,
            status_message=status_message,
            language=language,
            following=following,
        )
        self.users[user_id] = user
        return user

    def ensure_user(self, user_id: str) -> TestUser:
        user = self.users.get(user_id)
        if user is None:
            user = self.add_user(user_id, f"ผู้ใช้ทดสอบ {len(self.users) + 1}", following=False)
        return user

    def followers(self) -> list[str]:
        return [uid for uid, user in self.users.items() if user.following]

    # -- reply tokens ---------------------------------------------------------------------
    def issue_reply_token(self, user_id: str, *, webhook_event_id: str | None = None) -> str:
        token = new_reply_token(self.id_rng)
        self.reply_tokens[token] = ReplyToken(user_id, self.now(), webhook_event_id)
        return token

    def use_reply_token(self, token: str) -> str:
        """Spend a reply token; returns the user it belongs to."""
        entry = self.reply_tokens.get(token)
        now = self.now()
        if entry is None or entry.used_at is not None:
            raise ReplyTokenError(token)
        if now - entry.issued_at > self.config.reply_token_ttl_seconds:
            raise ReplyTokenError(token)
        entry.used_at = now
        return entry.user_id

    # -- chats ----------------------------------------------------------------------------
    def deliver(
        self,
        recipients: Iterable[str],
        messages: list[dict[str, Any]],
        *,
        via: str,
        request_id: str | None,
        sender: Sender = "bot",
    ) -> list[dict[str, str]]:
        """Append ``messages`` to each recipient's chat; returns LINE's ``sentMessages``."""
        message_ids = [self.new_message_id() for _ in messages]
        delivery = Delivery(self._next_chat_id, sender, via, orjson.dumps(messages), message_ids, request_id,
                            self.now())
        self._next_chat_id += len(messages)
        chats = self.chats
        waiters = self._waiters
        reached = 0
        for user_id in recipients:
            reached += 1
            log = chats.get(user_id)
            if log is None:
                chats[user_id] = [delivery]
            else:
                log.append(delivery)
            if user_id in waiters:
                for future in waiters.pop(user_id):
                    if not future.done():
                        future.set_result(None)
        if sender == "bot":
            day = time.strftime("%Y%m%d", time.gmtime(self.now() + 9 * 3600))
            self.sent_counts[(via, day)] = self.sent_counts.get((via, day), 0) + reached * len(messages)
        return [{"id": mid, "quoteToken": mid} for mid in message_ids]

    def messages_for(self, user_id: str, after: int = 0, sender: Sender | None = None) -> list[dict[str, Any]]:
        """Chat entries for ``user_id`` with id greater than ``after``, oldest first."""
        log = self.chats.get(user_id, [])
        start = bisect.bisect_right(log, after, key=lambda d: d.last_id)
        entries: list[dict[str, Any]] = []
        for delivery in log[start:]:
            if sender is None or delivery.sender == sender:
                entries.extend(delivery.entries(user_id, after))
        return entries

    def bot_messages(self, user_id: str, after: int = 0) -> list[dict[str, Any]]:
        """Just the message objects the bot sent to ``user_id`` (handy in assertions)."""
        return [entry["message"] for entry in self.messages_for(user_id, after, sender="bot")]

    def last_chat_id(self, user_id: str) -> int:
        log = self.chats.get(user_id)
        return log[-1].last_id if log else 0

    async def wait_for_messages(
        self, user_id: str, after: int = 0, wait_seconds: float = 5.0, sender: Sender | None = "bot"
    ) -> list[dict[str, Any]]:
        """Entries after ``after``; waits up to ``wait_seconds`` for the first one."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait_seconds
        while True:
            entries = self.messages_for(user_id, after, sender)
            remaining = deadline - loop.time()
            if entries or remaining <= 0:
                return entries
            future: asyncio.Future[None] = loop.create_future()
            self._waiters.setdefault(user_id, []).append(future)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(future, remaining)

    # -- calls ----------------------------------------------------------------------------
    def record_call(
        self,
        *,
        request_id: str,
        method: str,
        path: str,
        operation: str,
        status: int,
        headers: dict[str, str],
        raw_body: bytes | None,
        binary: bool = False,
        response: Any = None,
        parsed_body: Any = None,
    ) -> RecordedCall:
        self._seq += 1
        head = ({k: parsed_body[k] for k in BRIEF_FIELDS if k in parsed_body} if isinstance(parsed_body, dict)
                else None)
        call = RecordedCall(self._seq, request_id, method, path, operation, status, headers, raw_body or None,
                            binary, response, self.now(), head)
        self.calls.append(call)
        return call

    def calls_to(self, operation: str, *, accepted_only: bool = True) -> list[RecordedCall]:
        return [c for c in self.calls if c.operation == operation and (c.accepted or not accepted_only)]

    # -- retry keys -----------------------------------------------------------------------
    def accepted_retry(self, key: str) -> AcceptedRetry | None:
        entry = self.retry_keys.get(key)
        if entry is not None and self.now() - entry.accepted_at > self.config.retry_key_ttl_seconds:
            del self.retry_keys[key]
            return None
        return entry

    def accept_retry_key(self, key: str, request_id: str, response: Any) -> None:
        self.retry_keys[key] = AcceptedRetry(request_id, self.now(), response)

    # -- faults ---------------------------------------------------------------------------
    def draw_fault(self, operation: str) -> Fault:
        faults = self.config.faults
        if faults.operations is not None and operation not in faults.operations:
            return Fault()
        rng = self.fault_rng
        delay = faults.delay_seconds
        if faults.delay_jitter_seconds:
            delay += rng.uniform(0, faults.delay_jitter_seconds)
        kind: Literal["error", "timeout"] | None = None
        if faults.error_rate and rng.random() < faults.error_rate:
            kind = "error"
        elif faults.timeout_rate and rng.random() < faults.timeout_rate:
            kind = "timeout"
        return Fault(delay, kind)

    # -- background tasks (cancelled by reset and shutdown) ---------------------------------
    def _spawn(self, coro: Any) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task


def _deep_merge(base: dict[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict) and key != "rate_limits":
            out[key] = _deep_merge(out[key], value)
        elif key == "rate_limits" and isinstance(value, Mapping):
            limits = dict(out.get(key) or {})
            limits.update(value)
            out[key] = limits
        else:
            out[key] = value
    return out
