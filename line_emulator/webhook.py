"""Posting signed webhook bodies to the bot, the way the LINE platform does."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx

from line_emulator.events import sign

__all__ = ["WebhookAttempt", "WebhookSender"]

USER_AGENT = "LineBotWebhook/2.0"


@dataclass(slots=True)
class WebhookAttempt:
    """One POST to the webhook URL and what the bot answered."""

    webhook_event_ids: list[str]
    url: str | None
    attempt: int
    redelivery: bool
    status: int | None = None
    retry_after: str | None = None  # the answer's Retry-After header, if any
    error: str | None = None
    elapsed_ms: float | None = None
    time: float = field(default_factory=time.time)

    @property
    def acknowledged(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["acknowledged"] = self.acknowledged
        return data


class WebhookSender:
    """Owns one HTTP client; ``post`` never raises for network trouble, it reports it."""

    def __init__(self, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._client: httpx.AsyncClient | None = None
        self._transport = transport

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                headers={"User-Agent": USER_AGENT},
                limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
                transport=self._transport,
            )
        return self._client

    async def post(
        self,
        url: str | None,
        body: bytes,
        *,
        channel_secret: str,
        timeout_seconds: float,
        event_ids: list[str],
        attempt: int = 1,
        redelivery: bool = False,
        signature: str | None = None,
    ) -> WebhookAttempt:
        """POST ``body`` signed with ``channel_secret`` (or with the given ``signature``)."""
        result = WebhookAttempt(event_ids, url, attempt, redelivery)
        if not url:
            result.error = "no webhook URL configured"
            return result
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "X-Line-Signature": signature if signature is not None else sign(body, channel_secret),
        }
        started = time.perf_counter()
        try:
            response = await self._http().post(url, content=body, headers=headers, timeout=timeout_seconds)
        except httpx.TimeoutException:
            result.error = "timeout"
        except httpx.HTTPError as exc:
            result.error = f"{type(exc).__name__}: {exc}"
        else:
            result.status = response.status_code
            result.retry_after = response.headers.get("retry-after")
        result.elapsed_ms = round((time.perf_counter() - started) * 1000, 3)
        return result

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
