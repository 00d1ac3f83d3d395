"""The emulator: a channel's state plus its users' side, actions played to the bot's webhook.

An action (a message, a postback, a follow …) becomes a webhook event with a fresh reply token,
shows in the user's chat, and is signed and POSTed to the bot; a bot that does not answer 2xx
gets the event again as a redelivery when the configuration asks for it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from line_emulator.events import build_event, build_webhook_body, new_reply_token
from line_emulator.state.channel_state import ChannelState
from line_emulator.state.records import ReplyToken, SentEvent
from line_emulator.webhook import WebhookAttempt

_CHAT_KINDS = frozenset({"text", "sticker", "image", "location", "file", "video", "audio"})


class Emulator(ChannelState):
    """One emulated LINE channel: its state (:class:`ChannelState`) and its users playing actions."""

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


# 1x1 transparent PNG served as the content of media the emulated users send.
_TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)
