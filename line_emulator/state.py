"""The emulator's memory: users, chats, reply tokens, retry keys, rich menus, recorded calls."""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import random
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx
import orjson

from line_emulator.config import EmulatorConfig, TestUser
from line_emulator.events import (
    build_event,
    build_webhook_body,
    new_message_id,
    new_reply_token,
)
from line_emulator.ratelimit import RateLimiter
from line_emulator.webhook import WebhookAttempt, WebhookSender

__all__ = [
    "Delivery",
    "Emulator",
    "Fault",
    "RecordedCall",
    "ReplyTokenError",
    "RichMenu",
    "SentEvent",
]

Sender = Literal["bot", "user"]


class ReplyTokenError(Exception):
    """The reply token is unknown, already used or expired (LINE: 400 "Invalid reply token")."""


@dataclass(slots=True)
class ReplyToken:
    user_id: str
    issued_at: float
    webhook_event_id: str | None = None
    used_at: float | None = None


@dataclass(slots=True)
class Delivery:
    """Messages that reached one or more chats in one go (a reply, a push, a multicast …).

    Per-user chat logs hold references to shared deliveries, so a multicast to 500 users
    costs 500 list slots, not 500 copies.  Message ``i`` has chat id ``first_id + i``.
    The messages are kept as JSON bytes: millions of parsed objects kept alive would make
    the garbage collector pause the emulator during large broadcasts.
    """

    first_id: int
    sender: Sender
    via: str
    messages_json: bytes
    message_ids: list[str]
    request_id: str | None
    time: float

    @property
    def last_id(self) -> int:
        return self.first_id + len(self.message_ids) - 1

    @property
    def messages(self) -> list[dict[str, Any]]:
        return orjson.loads(self.messages_json)

    def entries(self, user_id: str, after: int = 0) -> list[dict[str, Any]]:
        return [
            {
                "id": self.first_id + i,
                "userId": user_id,
                "from": self.sender,
                "via": self.via,
                "message": message,
                "messageId": self.message_ids[i],
                "requestId": self.request_id,
                "time": self.time,
            }
            for i, message in enumerate(self.messages)
            if self.first_id + i > after
        ]


@dataclass(slots=True)
class RecordedCall:
    """One call to the LINE API as the emulator saw it (the body is kept as received)."""

    seq: int
    request_id: str
    method: str
    path: str
    operation: str
    status: int
    headers: dict[str, str]
    raw_body: bytes | None
    binary: bool
    response: Any
    time: float

    @property
    def accepted(self) -> bool:
        return 200 <= self.status < 300

    @property
    def body(self) -> Any:
        if self.raw_body is None:
            return None
        if self.binary:
            return {"bytes": len(self.raw_body)}
        try:
            return orjson.loads(self.raw_body)
        except orjson.JSONDecodeError:
            return self.raw_body.decode("utf-8", "replace")

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "requestId": self.request_id,
            "method": self.method,
            "path": self.path,
            "operation": self.operation,
            "status": self.status,
            "accepted": self.accepted,
            "headers": self.headers,
            "body": self.body,
            "response": self.response,
            "time": self.time,
        }


@dataclass(slots=True)
class AcceptedRetry:
    request_id: str
    accepted_at: float
    response: Any


@dataclass(slots=True)
class RichMenu:
    rich_menu_id: str
    body: dict[str, Any]
    image: bytes | None = None
    image_type: str | None = None


@dataclass(slots=True)
class Fault:
    delay: float = 0.0
    kind: Literal["error", "timeout"] | None = None


@dataclass(slots=True)
class SentEvent:
    """What happened when the emulator played a user action to the bot."""

    event: dict[str, Any]
    attempts: list[WebhookAttempt] = field(default_factory=list)

    @property
    def webhook_event_id(self) -> str:
        return self.event["webhookEventId"]

    @property
    def reply_token(self) -> str | None:
        return self.event.get("replyToken")

    @property
    def status(self) -> int | None:
        return self.attempts[-1].status if self.attempts else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "webhookEventId": self.webhook_event_id,
            "replyToken": self.reply_token,
            "event": self.event,
            "status": self.status,
            "attempts": [attempt.as_dict() for attempt in self.attempts],
        }


_CHAT_KINDS = frozenset({"text", "sticker", "image", "location", "file", "video", "audio"})


class Emulator:
    """State of one emulated LINE channel; everything is inspectable for assertions."""

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
    ) -> RecordedCall:
        self._seq += 1
        call = RecordedCall(self._seq, request_id, method, path, operation, status, headers, raw_body or None,
                            binary, response, self.now())
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

    # -- webhooks -------------------------------------------------------------------------
    def _spawn(self, coro: Any) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return task

    def _prepare(self, user_id: str, action: Mapping[str, Any], mode: str) -> SentEvent:
        """Build the event for a user action, register its reply token, update the user and chat."""
        user = self.ensure_user(user_id)
        kind = action.get("type")
        reply_token = None if kind == "unfollow" or mode == "standby" else new_reply_token(self.id_rng)
        event = build_event(
            user_id,
            action,
            reply_token=reply_token,
            timestamp_ms=int(self.now() * 1000),
            mode=mode,
            rng=self.id_rng,
        )
        if reply_token is not None:
            self.reply_tokens[reply_token] = ReplyToken(user_id, self.now(), event["webhookEventId"])
        if kind == "follow":
            user.following = True
        elif kind == "unfollow":
            user.following = False
        self._record_user_side(user_id, action, event)
        sent = SentEvent(event)
        self.sent_events[sent.webhook_event_id] = sent
        return sent

    async def send(
        self,
        user_id: str,
        action: Mapping[str, Any],
        *,
        mode: str = "active",
        wait_for_redelivery: bool = False,
    ) -> SentEvent:
        """Play a user action: build the event, record it in the chat, sign and POST it.

        The first POST is awaited; when the bot does not answer 2xx and redelivery is on,
        further attempts (``isRedelivery: true``) run in the background – or are awaited
        too with ``wait_for_redelivery``.
        """
        sent = self._prepare(user_id, action, mode)
        await self._post_events([sent], redelivery=False)
        if not sent.attempts[-1].acknowledged and self.config.webhook_redelivery:
            retry = self._redeliver_until_acknowledged([sent])
            if wait_for_redelivery:
                await retry
            else:
                self._spawn(retry)
        return sent

    async def send_batch(
        self, actions: list[tuple[str, Mapping[str, Any]]], *, mode: str = "active"
    ) -> list[SentEvent]:
        """Several users' actions in one webhook body, as LINE bundles events under load."""
        batch = [self._prepare(user_id, action, mode) for user_id, action in actions]
        await self._post_events(batch, redelivery=False)
        if not batch[0].attempts[-1].acknowledged and self.config.webhook_redelivery:
            self._spawn(self._redeliver_until_acknowledged(batch))
        return batch

    def _record_user_side(self, user_id: str, action: Mapping[str, Any], event: dict[str, Any]) -> None:
        kind = action.get("type")
        message: dict[str, Any] | None = None
        if kind in _CHAT_KINDS:
            message = {k: v for k, v in event["message"].items() if k not in ("quoteToken", "markAsReadToken")}
            if kind in ("image", "video", "audio", "file"):
                self.message_content[message["id"]] = _TINY_PNG
        elif kind == "postback" and action.get("displayText"):
            message = {"type": "text", "text": str(action["displayText"])}
        if message is not None:
            self.deliver([user_id], [message], via="webhook", request_id=None, sender="user")

    async def redeliver(self, webhook_event_id: str) -> SentEvent:
        """Send an event again with ``deliveryContext.isRedelivery: true`` (same webhookEventId)."""
        sent = self.sent_events[webhook_event_id]
        await self._post_events([sent], redelivery=True)
        return sent

    async def _redeliver_until_acknowledged(self, batch: list[SentEvent]) -> None:
        for delay in self.config.webhook_retry_delays_seconds:
            await asyncio.sleep(delay)
            attempt = await self._post_events(batch, redelivery=True)
            if attempt.acknowledged:
                return

    async def _post_events(self, batch: list[SentEvent], *, redelivery: bool) -> WebhookAttempt:
        events = []
        for sent in batch:
            event = dict(sent.event)
            event["deliveryContext"] = {"isRedelivery": redelivery}
            events.append(event)
        body = build_webhook_body(events, self.config.bot_user_id)
        attempt = await self.webhook.post(
            self.config.webhook_url,
            body,
            channel_secret=self.config.channel_secret,
            timeout_seconds=self.config.webhook_timeout_seconds,
            event_ids=[sent.webhook_event_id for sent in batch],
            attempt=len(batch[0].attempts) + 1,
            redelivery=redelivery,
        )
        for sent in batch:
            sent.attempts.append(attempt)
        self.webhook_attempts.append(attempt)
        return attempt

    async def post_raw_events(
        self, events: list[dict[str, Any]], *, signature: str | None = None, url: str | None = None
    ) -> WebhookAttempt:
        """POST arbitrary events (e.g. LINE's verify call with no events, or a forged signature)."""
        body = build_webhook_body(events, self.config.bot_user_id)
        attempt = await self.webhook.post(
            url or self.config.webhook_url,
            body,
            channel_secret=self.config.channel_secret,
            timeout_seconds=self.config.webhook_timeout_seconds,
            event_ids=[e.get("webhookEventId", "") for e in events],
            signature=signature,
        )
        self.webhook_attempts.append(attempt)
        return attempt


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


# 1x1 transparent PNG served as the content of media the emulated users send.
_TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
