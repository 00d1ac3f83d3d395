"""The only module that talks to LINE: reply or push, retry keys, backoff, 429 handling.

Built on line-bot-sdk v3 (AsyncApiClient / AsyncMessagingApi / AsyncMessagingApiBlob) pointed at
`settings.effective_line_api_base_url` (LINE itself, or the emulator in development and tests).
Messages are plain dicts in LINE's JSON shape (see bot.render); they are converted to SDK models here.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import random
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiohttp
import orjson
from linebot.v3.messaging import (
    AsyncApiClient,
    AsyncMessagingApi,
    AsyncMessagingApiBlob,
    Configuration,
    RichMenuRequest,
)
from linebot.v3.messaging.async_rest import RESTResponse
from linebot.v3.messaging.exceptions import ApiException

from backend.clock import Clock
from backend.ports import Delivery
from backend.settings import Settings

log = logging.getLogger(__name__)

REPLY_TOKEN_MAX_AGE_SECONDS = 50.0
MAX_MESSAGES_PER_REQUEST = 5
MULTICAST_MAX_RECIPIENTS = 500
# What a send came to: the backend's delivery record (backend.ports.Delivery), so jobs keep their bookkeeping.
SendResult = Delivery


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if not headers:
        return None
    try:
        return headers.get(name)
    except AttributeError:  # pragma: no cover - plain dict-like
        return dict(headers).get(name)


def classify_exception(exc: BaseException) -> SendResult:
    """Map an SDK/network failure to a SendResult outcome."""
    if isinstance(exc, ApiException):
        status = int(exc.status or 0)
        request_id = _header(exc.headers, "x-line-request-id")
        body = exc.body.decode("utf-8", "replace") if isinstance(exc.body, bytes) else str(exc.body or "")
        if status == 409:
            return SendResult("duplicate", status, _header(exc.headers, "x-line-accepted-request-id") or request_id)
        if status == 429:
            retry_after = _header(exc.headers, "retry-after")
            try:
                seconds = float(retry_after) if retry_after else None
            except ValueError:
                seconds = None
            return SendResult("rate_limited", status, request_id, body[:500], retry_after=seconds)
        if status >= 500:
            return SendResult("retryable", status, request_id, body[:500])
        return SendResult("rejected", status, request_id, body[:500])
    if isinstance(exc, asyncio.TimeoutError | aiohttp.ClientError | OSError):
        return SendResult("retryable", None, None, type(exc).__name__)
    raise exc


def _as_epoch(received_at: datetime | float | None) -> float | None:
    if received_at is None:
        return None
    if isinstance(received_at, datetime):
        return received_at.timestamp()
    return float(received_at)


def data_api_base_url(base_url: str) -> str:
    """api.line.me -> api-data.line.me; any other base (the emulator) serves both."""
    return base_url.rstrip("/").replace("://api.line.me", "://api-data.line.me")


@dataclass
class RetryPolicy:
    max_attempts: int = 4
    base_delay: float = 0.25
    max_delay: float = 8.0
    request_timeout: float = 10.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_delay * 4)
        backoff: float = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        return backoff * (0.5 + random.random() / 2)


MAX_CONNECTIONS = 100


class LineJson(bytes):
    """A request body already encoded as LINE's JSON (compact UTF-8, as orjson writes it)."""

    @classmethod
    def of(cls, body: dict[str, Any]) -> LineJson:
        return cls(orjson.dumps(body))


class _ApiClient(AsyncApiClient):
    """The SDK's API client, with a post of a body already encoded as LINE's JSON on its own session.

    For a model body the SDK walks it to turn models into dicts and then encodes it with the standard json
    module (\\u-escaping every Thai letter); a Flex carousel has hundreds of nodes, and both steps cost more
    CPU than the rest of an answer. Our builders already produce LINE's JSON (checked against the schema in
    tests), so it is encoded once, by orjson, and posted on the SDK's session (same connector, same headers).
    """

    async def _post_encoded(self, url: str, headers: dict[str, str], body: LineJson,
                            seconds: float) -> RESTResponse:
        rest = self.rest_client
        session: aiohttp.ClientSession = rest.pool_manager
        proxy = {"proxy": rest.proxy, "proxy_headers": rest.proxy_headers} if rest.proxy else {}
        async with session.post(url, data=bytes(body), headers=headers,
                                timeout=aiohttp.ClientTimeout(total=seconds), **proxy) as response:
            result = RESTResponse(response, await response.read())
        if not 200 <= result.status <= 299:
            raise ApiException(http_resp=result)
        return result


@dataclass(frozen=True, slots=True)
class _Posted:
    """What a post answered: the status and the headers (x-line-request-id)."""

    status_code: int
    headers: Mapping[str, str]


_PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NETRC")


def _stop_environment_lookups(client: AsyncApiClient) -> None:
    """The SDK's aiohttp session trusts the environment: each request reads the proxy variables and parses
    ~/.netrc in a thread. With no proxy configured there is nothing to find, so the session stops looking
    (same connector, same TLS settings); with a proxy set it is left as the SDK made it."""
    if any(os.environ.get(name) for name in _PROXY_VARIABLES):
        return
    rest = client.rest_client
    session = rest.pool_manager
    connector = session.connector
    session.detach()
    rest.pool_manager = aiohttp.ClientSession(connector=connector, trust_env=False)


class LineClient:
    """Messaging API calls with LINE's delivery rules. Create inside an event loop; `await close()`."""

    def __init__(
        self,
        *,
        base_url: str,
        access_token: str,
        clock: Clock,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        config = Configuration(host=base_url.rstrip("/"), access_token=access_token)
        # The SDK allows 5 connections per CPU; each reply waits a round trip to LINE (tens of ms from
        # Thailand), so a worker answering hundreds of chats at once needs more.
        config.connection_pool_maxsize = max_connections
        self._api_client = _ApiClient(config)
        _stop_environment_lookups(self._api_client)
        self._api_base = config.host
        self._post_headers = {**self._api_client.default_headers, "Accept": "application/json",
                              "Content-Type": "application/json"}
        self.api = AsyncMessagingApi(self._api_client)
        # LINE serves uploads (rich menu images) from its data-API host; the emulator serves both.
        data_config = Configuration(host=data_api_base_url(base_url), access_token=access_token)
        self._data_client = AsyncApiClient(data_config)
        self.blob = AsyncMessagingApiBlob(self._data_client)
        self.policy = policy or RetryPolicy()
        self.clock = clock
        self._sleep = sleep

    async def close(self) -> None:
        await self._api_client.close()
        await self._data_client.close()

    # -- sending ---------------------------------------------------------------------------
    async def _post_json(self, path: str, body: dict[str, Any], *, retry_key: str | None = None) -> _Posted:
        """POST a body that is already in LINE's JSON shape on the SDK's own session.

        The SDK's typed request models (pydantic v1) cost tens of milliseconds of CPU for a flex carousel, and
        its request machinery (parameter sanitising, header and auth assembly, response wrapping) costs more
        than the post itself; our builders already produce LINE's JSON, checked against the schema in tests.
        The SDK's headers (Authorization, User-Agent) and its ApiException on a non-2xx answer are kept.
        """
        headers = self._post_headers
        if retry_key:
            headers = {**headers, "X-Line-Retry-Key": retry_key}
        response = await self._api_client._post_encoded(self._api_base + path, headers, LineJson.of(body),
                                                         self.policy.request_timeout)
        return _Posted(response.status, response.getheaders())

    async def reply_or_push(
        self,
        *,
        user_id: str,
        reply_token: str | None,
        messages: Sequence[dict[str, Any]],
        received_at: datetime | float | None,
        retry_key: str | None = None,
    ) -> SendResult:
        """Reply while the token is fresh (< 50 s and unused); otherwise, or if LINE refuses it, push."""
        messages = list(messages)[:MAX_MESSAGES_PER_REQUEST]
        if not messages:
            return SendResult("ok", via="none")
        received = _as_epoch(received_at)
        fresh = (reply_token and received is not None
                 and self.clock.timestamp() - received < REPLY_TOKEN_MAX_AGE_SECONDS)
        if fresh:
            try:
                response = await self._post_json(
                    "/v2/bot/message/reply", {"replyToken": reply_token, "messages": messages}
                )
                return SendResult("ok", response.status_code, _header(response.headers, "x-line-request-id"),
                                  via="reply")
            except (TimeoutError, ApiException, aiohttp.ClientError) as exc:
                result = classify_exception(exc)
                if result.outcome == "rejected" and result.status != 400:
                    log.warning("reply rejected (%s); not pushing", result.status)
                    return result
                log.info("reply failed (%s); falling back to push", result.status or result.error)
        return await self.push(user_id=user_id, messages=messages, retry_key=retry_key)

    async def _with_retries(
        self, call: Callable[[str], Awaitable[SendResult]], retry_key: str | None, max_attempts: int
    ) -> SendResult:
        key = retry_key or str(uuid.uuid4())
        result = SendResult("retryable", error="not attempted")
        for attempt in range(1, max_attempts + 1):
            result = await call(key)
            result = dataclasses.replace(result, attempts=attempt)
            if result.outcome in ("ok", "duplicate", "rejected"):
                return result
            if attempt < max_attempts:
                await self._sleep(self.policy.delay(attempt, result.retry_after))
        log.warning("giving up after %d attempts: %s %s", max_attempts, result.outcome, result.status)
        return result

    async def push_once(self, *, user_id: str, messages: Sequence[dict[str, Any]], retry_key: str) -> SendResult:
        try:
            response = await self._post_json(
                "/v2/bot/message/push", {"to": user_id, "messages": list(messages)}, retry_key=retry_key
            )
            return SendResult("ok", response.status_code, _header(response.headers, "x-line-request-id"), via="push")
        except (TimeoutError, ApiException, aiohttp.ClientError) as exc:
            return classify_exception(exc)

    async def push(
        self,
        *,
        user_id: str,
        messages: Sequence[dict[str, Any]],
        retry_key: str | None = None,
        max_attempts: int = 4,
    ) -> SendResult:
        """Push with an X-Line-Retry-Key; 5xx/timeouts retried with the same key, 429 backs off."""
        messages = list(messages)[:MAX_MESSAGES_PER_REQUEST]

        async def call(key: str) -> SendResult:
            return await self.push_once(user_id=user_id, messages=messages, retry_key=key)

        return await self._with_retries(call, retry_key, max_attempts)

    async def multicast_once(
        self, *, user_ids: Sequence[str], messages: Sequence[dict[str, Any]], retry_key: str
    ) -> SendResult:
        """ONE multicast attempt (at most 500 recipients), classified."""
        if len(user_ids) > MULTICAST_MAX_RECIPIENTS:
            raise ValueError("multicast takes at most 500 recipients")
        try:
            response = await self._post_json(
                "/v2/bot/message/multicast", {"to": list(user_ids), "messages": list(messages)}, retry_key=retry_key
            )
            return SendResult("ok", response.status_code, _header(response.headers, "x-line-request-id"),
                              via="multicast")
        except (TimeoutError, ApiException, aiohttp.ClientError) as exc:
            return classify_exception(exc)

    async def multicast(
        self,
        *,
        user_ids: Sequence[str],
        messages: Sequence[dict[str, Any]],
        retry_key: str | None = None,
        max_attempts: int = 4,
    ) -> SendResult:
        async def call(key: str) -> SendResult:
            return await self.multicast_once(user_ids=user_ids, messages=messages, retry_key=key)

        return await self._with_retries(call, retry_key, max_attempts)

    async def show_loading(self, user_id: str, seconds: int = 5) -> None:
        """The typing indicator for answers that take a moment (5..60 s, multiples of 5)."""
        seconds = max(5, min(60, int(seconds) // 5 * 5))
        try:
            await self._post_json("/v2/bot/chat/loading/start", {"chatId": user_id, "loadingSeconds": seconds})
        except (TimeoutError, ApiException, aiohttp.ClientError) as exc:
            log.info("loading animation not shown: %s", getattr(exc, "status", type(exc).__name__))

    async def get_display_name(self, user_id: str) -> str | None:
        try:
            profile = await self.api.get_profile(user_id, _request_timeout=self.policy.request_timeout)
            return profile.display_name
        except (TimeoutError, ApiException, aiohttp.ClientError):
            return None

    # -- rich menu ---------------------------------------------------------------------------
    async def create_rich_menu(self, rich_menu: dict[str, Any]) -> str:
        response = await self.api.create_rich_menu(RichMenuRequest.from_dict(rich_menu))
        return response.rich_menu_id

    async def upload_rich_menu_image(self, rich_menu_id: str, png: bytes) -> None:
        await self.blob.set_rich_menu_image(
            rich_menu_id, body=png, _headers={"Content-Type": "image/png"}
        )

    async def set_default_rich_menu(self, rich_menu_id: str) -> None:
        await self.api.set_default_rich_menu(rich_menu_id)


def build_line_client(settings: Settings, *, clock: Clock, policy: RetryPolicy | None = None) -> LineClient:
    return LineClient(
        base_url=settings.effective_line_api_base_url,
        access_token=settings.line_channel_access_token,
        clock=clock,
        policy=policy,
    )
