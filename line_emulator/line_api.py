"""The LINE Messaging API as the emulator answers it.

Every call goes through one pipeline, in LINE's order: route -> auth (401) -> rate limit (429)
-> injected faults (delay / 500 / hang) -> body parsing -> retry key (409) -> schema and limit
validation (400) -> the operation's handler -> recorded.  Operations without a handler of
their own answer a minimal schema-valid response, so every SDK call gets through.
"""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson
from fastapi import APIRouter, Request, Response
from PIL import Image

from line_emulator.limits import MAX_MULTICAST_RECIPIENTS
from line_emulator.spec import LineApiSpec, Operation
from line_emulator.state import Emulator, ReplyTokenError, RichMenu

__all__ = ["ApiError", "CallContext", "build_line_router"]

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_RECORDED_HEADERS = ("x-line-retry-key", "content-type", "user-agent")
RATE_LIMITED = "The API rate limit has been exceeded. Try again later."
NO_AUTH_HEADER = "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'"
BAD_TOKEN = "Authentication failed. Confirm that the access token in the authorization header is valid."


class ApiError(Exception):
    """Answer with LINE's error shape."""

    def __init__(self, status: int, message: str, details: list[dict[str, str]] | None = None,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {"message": message}
        if details:
            self.body["details"] = details
        self.body.update(extra)
        self.headers = headers or {}


@dataclass(slots=True)
class CallContext:
    emulator: Emulator
    spec: LineApiSpec
    operation: Operation
    request_id: str
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    raw: bytes
    content_type: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[CallContext], Awaitable[Any]]
HANDLERS: dict[str, Handler] = {}


def handles(*operation_ids: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        for operation_id in operation_ids:
            HANDLERS[operation_id] = func
        return func

    return register


def _json(status: int, body: Any, headers: dict[str, str]) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json", headers=headers)


def build_line_router(emulator: Emulator, spec: LineApiSpec) -> APIRouter:
    """A router answering every path of the Messaging API (``/v2/bot/...``, ``/bot/...``)."""
    router = APIRouter()

    async def line_api(request: Request) -> Response:
        return await _handle(emulator, spec, request)

    # Plain routes: the handler reads the request itself, so FastAPI's parameter solving is not needed
    # (it cost about a fifth of the emulator's CPU per call under load).
    methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
    router.add_route("/v2/{rest:path}", line_api, methods=methods, include_in_schema=False)
    router.add_route("/bot/{rest:path}", line_api, methods=methods, include_in_schema=False)
    return router


async def _handle(emulator: Emulator, spec: LineApiSpec, request: Request) -> Response:
    request_id = emulator.new_request_id()
    headers = {"x-line-request-id": request_id}
    path = request.url.path
    root_path = request.scope.get("root_path", "")
    if root_path and path.startswith(root_path):
        path = path[len(root_path):]  # mounted under a prefix (e.g. /_line in development)
    op, params, path_exists = spec.match(request.method, path)
    if op is None:
        status = 405 if path_exists else 404
        return _json(status, {"message": "Method not allowed" if path_exists else "Not found"}, headers)

    config = emulator.config
    recorded_headers = {k: request.headers[k] for k in _RECORDED_HEADERS if k in request.headers}
    raw = b""
    try:
        auth = request.headers.get("authorization")
        if not auth:
            raise ApiError(401, NO_AUTH_HEADER)
        if auth != f"Bearer {config.channel_access_token}":
            raise ApiError(401, BAD_TOKEN)
        if not emulator.rate_limiter.allow(op.operation_id):
            raise ApiError(429, RATE_LIMITED)
        fault = emulator.draw_fault(op.operation_id)
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.kind == "error":
            raise ApiError(500, "Internal server error")
        if fault.kind == "timeout" and not config.faults.timeout_after_accept:
            await emulator.hang(config.faults.timeout_seconds)
            raise ApiError(500, "Internal server error")

        raw = await request.body()
        content_type = request.headers.get("content-type", "")
        body = _parse_body(op, raw, content_type)

        retry_key = request.headers.get("x-line-retry-key") if op.retry_key else None
        if retry_key is not None:
            if not _UUID.match(retry_key):
                raise ApiError(400, "The retry key must be a UUID in hexadecimal format",
                               [{"message": "must be a UUID", "property": "X-Line-Retry-Key"}])
            accepted = emulator.accepted_retry(retry_key)
            if accepted is not None:
                extra = {}
                if isinstance(accepted.response, dict) and "sentMessages" in accepted.response:
                    extra["sentMessages"] = accepted.response["sentMessages"]
                raise ApiError(409, "The retry key is already accepted",
                               headers={"x-line-accepted-request-id": accepted.request_id}, **extra)

        if op.request_schema and config.validate_bodies:
            violations = spec.schemas.validate(op.request_schema, body)
            if violations:
                raise ApiError(400, f"The request body has {len(violations)} error(s)",
                               [v.as_detail() for v in violations])

        ctx = CallContext(emulator, spec, op, request_id, params, dict(request.query_params), body, raw,
                          content_type, status=op.success_status)
        handler = HANDLERS.get(op.operation_id)
        result = await handler(ctx) if handler else spec.default_response(op)
        headers.update(ctx.headers)
        if retry_key is not None:
            emulator.accept_retry_key(retry_key, request_id, result)
        emulator.record_call(request_id=request_id, method=op.method, path=request.url.path,
                             operation=op.operation_id, status=ctx.status, headers=recorded_headers,
                             raw_body=raw, binary=op.binary_body,
                             response=result if not isinstance(result, bytes) else None)
        if fault.kind == "timeout":
            await emulator.hang(config.faults.timeout_seconds)
        if isinstance(result, bytes):
            return Response(result, status_code=ctx.status, media_type=ctx.headers.get("content-type"),
                            headers=headers)
        return _json(ctx.status, result, headers)
    except ApiError as error:
        headers.update(error.headers)
        emulator.record_call(request_id=request_id, method=op.method, path=request.url.path,
                             operation=op.operation_id, status=error.status, headers=recorded_headers,
                             raw_body=raw, binary=op.binary_body, response=error.body)
        return _json(error.status, error.body, headers)


def _parse_body(op: Operation, raw: bytes, content_type: str) -> Any:
    if op.binary_body:
        return raw
    if op.request_schema is None:
        return None
    if not raw:
        raise ApiError(400, "The request body has 1 error(s)", [{"message": "must be specified", "property": ""}])
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ApiError(400, "The request body is not valid JSON") from None


# -- messages ----------------------------------------------------------------------------------

def _charge_quota(ctx: CallContext, recipients: int, messages: int) -> None:
    quota = ctx.emulator.config.monthly_quota
    total = recipients * messages
    if quota is not None and ctx.emulator.messages_sent_this_month + total > quota:
        raise ApiError(429, "You have reached your monthly limit.")
    ctx.emulator.messages_sent_this_month += total


@handles("replyMessage")
async def _reply(ctx: CallContext) -> Any:
    try:
        user_id = ctx.emulator.use_reply_token(ctx.body["replyToken"])
    except ReplyTokenError:
        raise ApiError(400, "Invalid reply token") from None
    sent = ctx.emulator.deliver([user_id], ctx.body["messages"], via="reply", request_id=ctx.request_id)
    return {"sentMessages": sent}


@handles("pushMessage")
async def _push(ctx: CallContext) -> Any:
    messages = ctx.body["messages"]
    _charge_quota(ctx, 1, len(messages))
    sent = ctx.emulator.deliver([ctx.body["to"]], messages, via="push", request_id=ctx.request_id)
    return {"sentMessages": sent}


@handles("multicast")
async def _multicast(ctx: CallContext) -> Any:
    recipients = ctx.body["to"]
    if len(recipients) > MAX_MULTICAST_RECIPIENTS:  # also in the schema; kept for validate_bodies=False
        raise ApiError(400, "The request body has 1 error(s)",
                       [{"message": f"Size must be between 1 and {MAX_MULTICAST_RECIPIENTS}", "property": "to"}])
    messages = ctx.body["messages"]
    _charge_quota(ctx, len(recipients), len(messages))
    ctx.emulator.deliver(recipients, messages, via="multicast", request_id=ctx.request_id)
    return {}


@handles("broadcast")
async def _broadcast(ctx: CallContext) -> Any:
    followers = ctx.emulator.followers()
    messages = ctx.body["messages"]
    _charge_quota(ctx, len(followers), len(messages))
    ctx.emulator.deliver(followers, messages, via="broadcast", request_id=ctx.request_id)
    return {}


@handles("narrowcast")
async def _narrowcast(ctx: CallContext) -> Any:
    # Audiences and demographic filters are not modelled: every follower is a target.
    followers = ctx.emulator.followers()
    limit = (ctx.body.get("limit") or {}).get("max")
    if isinstance(limit, int):
        followers = followers[:limit]
    messages = ctx.body["messages"]
    _charge_quota(ctx, len(followers), len(messages))
    ctx.emulator.deliver(followers, messages, via="narrowcast", request_id=ctx.request_id)
    accepted = _iso(ctx.emulator.now())
    ctx.emulator.narrowcasts[ctx.request_id] = {
        "phase": "succeeded", "successCount": len(followers), "failureCount": 0,
        "targetCount": len(followers), "acceptedTime": accepted, "completedTime": accepted,
    }
    return {}


@handles("getNarrowcastProgress")
async def _narrowcast_progress(ctx: CallContext) -> Any:
    progress = ctx.emulator.narrowcasts.get(ctx.query.get("requestId", ""))
    if progress is None:
        raise ApiError(404, "Not found")
    return progress


@handles("getMessageQuota")
async def _quota(ctx: CallContext) -> Any:
    quota = ctx.emulator.config.monthly_quota
    return {"type": "none"} if quota is None else {"type": "limited", "value": quota}


@handles("getMessageQuotaConsumption")
async def _consumption(ctx: CallContext) -> Any:
    return {"totalUsage": ctx.emulator.messages_sent_this_month}


@handles("validateReply", "validatePush", "validateMulticast", "validateNarrowcast", "validateBroadcast",
         "validateRichMenuObject")
async def _validate_only(ctx: CallContext) -> Any:
    return {}


_DELIVERY_VIA = {
    "getNumberOfSentReplyMessages": "reply",
    "getNumberOfSentPushMessages": "push",
    "getNumberOfSentMulticastMessages": "multicast",
    "getNumberOfSentBroadcastMessages": "broadcast",
}


@handles(*_DELIVERY_VIA)
async def _delivery_count(ctx: CallContext) -> Any:
    via = _DELIVERY_VIA[ctx.operation.operation_id]
    day = ctx.query.get("date", "")
    if not re.fullmatch(r"\d{8}", day):
        raise ApiError(400, "The request has 1 error(s)", [{"message": "must be yyyyMMdd", "property": "date"}])
    return {"status": "ready", "success": ctx.emulator.sent_counts.get((via, day), 0)}


@handles("issueLinkToken")
async def _link_token(ctx: CallContext) -> Any:
    return {"linkToken": ctx.emulator.new_request_id().replace("-", "")}


@handles("getMessageContent", "getMessageContentPreview")
async def _content(ctx: CallContext) -> Any:
    content = ctx.emulator.message_content.get(ctx.params["messageId"])
    if content is None:
        raise ApiError(404, "Not found")
    ctx.headers["content-type"] = "image/png"
    return content


@handles("getMessageContentTranscodingByMessageId")
async def _transcoding(ctx: CallContext) -> Any:
    if ctx.params["messageId"] not in ctx.emulator.message_content:
        raise ApiError(404, "Not found")
    return {"status": "succeeded"}


# -- users and the bot ---------------------------------------------------------------------------

@handles("getProfile")
async def _profile(ctx: CallContext) -> Any:
    user = ctx.emulator.users.get(ctx.params["userId"])
    if user is None:
        raise ApiError(404, "Not found")
    return user.profile()


@handles("getFollowers")
async def _followers(ctx: CallContext) -> Any:
    followers = ctx.emulator.followers()
    limit = min(int(ctx.query.get("limit", 300)), 1000)
    start = int(ctx.query.get("start", 0) or 0)
    page = followers[start:start + limit]
    body: dict[str, Any] = {"userIds": page}
    if start + limit < len(followers):
        body["next"] = str(start + limit)
    return body


@handles("getBotInfo")
async def _bot_info(ctx: CallContext) -> Any:
    config = ctx.emulator.config
    return {"userId": config.bot_user_id, "basicId": "@000emul", "displayName": config.bot_display_name,
            "chatMode": "bot", "markAsReadMode": "manual"}


@handles("showLoadingAnimation")
async def _loading(ctx: CallContext) -> Any:
    seconds = ctx.body.get("loadingSeconds") or 20
    ctx.emulator.loading[ctx.body["chatId"]] = ctx.emulator.now() + seconds
    return {}


@handles("markMessagesAsRead")
async def _mark_read(ctx: CallContext) -> Any:
    ctx.emulator.read_marks.append({"userId": ctx.body["chat"]["userId"], "time": ctx.emulator.now()})
    return {}


@handles("markMessagesAsReadByToken")
async def _mark_read_token(ctx: CallContext) -> Any:
    ctx.emulator.read_marks.append({"markAsReadToken": ctx.body["markAsReadToken"], "time": ctx.emulator.now()})
    return {}


@handles("getWebhookEndpoint")
async def _get_webhook(ctx: CallContext) -> Any:
    url = ctx.emulator.config.webhook_url
    return {"endpoint": url or "", "active": bool(url)}


@handles("setWebhookEndpoint")
async def _set_webhook(ctx: CallContext) -> Any:
    ctx.emulator.update_config({"webhook_url": ctx.body["endpoint"]})
    return {}


@handles("testWebhookEndpoint")
async def _test_webhook(ctx: CallContext) -> Any:
    url = (ctx.body or {}).get("endpoint") or ctx.emulator.config.webhook_url
    attempt = await ctx.emulator.post_raw_events([], url=url)
    return {"success": attempt.acknowledged, "timestamp": _iso(ctx.emulator.now()),
            "statusCode": attempt.status or 0, "reason": "OK" if attempt.acknowledged else (attempt.error or "ERROR"),
            "detail": str(attempt.status or attempt.error)}


# -- rich menus ---------------------------------------------------------------------------------

def _rich_menu(ctx: CallContext, rich_menu_id: str) -> RichMenu:
    menu = ctx.emulator.rich_menus.get(rich_menu_id)
    if menu is None:
        raise ApiError(404, "Not found")
    return menu


@handles("createRichMenu")
async def _create_rich_menu(ctx: CallContext) -> Any:
    rich_menu_id = "richmenu-" + ctx.emulator.new_request_id().replace("-", "")
    ctx.emulator.rich_menus[rich_menu_id] = RichMenu(rich_menu_id, ctx.body)
    return {"richMenuId": rich_menu_id}


@handles("getRichMenu")
async def _get_rich_menu(ctx: CallContext) -> Any:
    menu = _rich_menu(ctx, ctx.params["richMenuId"])
    return {"richMenuId": menu.rich_menu_id, **menu.body}


@handles("getRichMenuList")
async def _list_rich_menus(ctx: CallContext) -> Any:
    return {"richmenus": [{"richMenuId": m.rich_menu_id, **m.body} for m in ctx.emulator.rich_menus.values()]}


@handles("deleteRichMenu")
async def _delete_rich_menu(ctx: CallContext) -> Any:
    menu = _rich_menu(ctx, ctx.params["richMenuId"])
    emulator = ctx.emulator
    del emulator.rich_menus[menu.rich_menu_id]
    if emulator.default_rich_menu_id == menu.rich_menu_id:
        emulator.default_rich_menu_id = None
    for user_id in [u for u, m in emulator.user_rich_menus.items() if m == menu.rich_menu_id]:
        del emulator.user_rich_menus[user_id]
    return {}


@handles("setRichMenuImage")
async def _set_rich_menu_image(ctx: CallContext) -> Any:
    menu = _rich_menu(ctx, ctx.params["richMenuId"])
    media_type = ctx.content_type.split(";")[0].strip().lower()
    if media_type not in ("image/png", "image/jpeg"):
        raise ApiError(415, "Unsupported Media Type")
    if len(ctx.raw) > 1024 * 1024:
        raise ApiError(413, "Request Entity Too Large")
    if menu.image is not None:
        raise ApiError(400, "An image has already been uploaded to the richmenu")
    size = _image_size(ctx.raw)
    if size is None:
        raise ApiError(400, "The image is not a valid PNG or JPEG file")
    expected = menu.body.get("size") or {}
    if size != (expected.get("width"), expected.get("height")):
        raise ApiError(400, f"The image size {size[0]}x{size[1]} does not match the rich menu size "
                            f"{expected.get('width')}x{expected.get('height')}")
    menu.image, menu.image_type = ctx.raw, media_type
    return {}


@handles("getRichMenuImage")
async def _get_rich_menu_image(ctx: CallContext) -> Any:
    menu = _rich_menu(ctx, ctx.params["richMenuId"])
    if menu.image is None:
        raise ApiError(404, "Not found")
    ctx.headers["content-type"] = menu.image_type or "image/png"
    return menu.image


def _menu_with_image(ctx: CallContext, rich_menu_id: str) -> RichMenu:
    menu = _rich_menu(ctx, rich_menu_id)
    if menu.image is None:
        raise ApiError(400, "must upload richmenu image before applying it to user")
    return menu


@handles("setDefaultRichMenu")
async def _set_default(ctx: CallContext) -> Any:
    ctx.emulator.default_rich_menu_id = _menu_with_image(ctx, ctx.params["richMenuId"]).rich_menu_id
    return {}


@handles("getDefaultRichMenuId")
async def _get_default(ctx: CallContext) -> Any:
    if ctx.emulator.default_rich_menu_id is None:
        raise ApiError(404, "no default richmenu")
    return {"richMenuId": ctx.emulator.default_rich_menu_id}


@handles("cancelDefaultRichMenu")
async def _cancel_default(ctx: CallContext) -> Any:
    ctx.emulator.default_rich_menu_id = None
    return {}


@handles("linkRichMenuIdToUser")
async def _link(ctx: CallContext) -> Any:
    menu = _menu_with_image(ctx, ctx.params["richMenuId"])
    ctx.emulator.user_rich_menus[ctx.params["userId"]] = menu.rich_menu_id
    return {}


@handles("unlinkRichMenuIdFromUser")
async def _unlink(ctx: CallContext) -> Any:
    ctx.emulator.user_rich_menus.pop(ctx.params["userId"], None)
    return {}


@handles("getRichMenuIdOfUser")
async def _user_menu(ctx: CallContext) -> Any:
    rich_menu_id = ctx.emulator.user_rich_menus.get(ctx.params["userId"])
    if rich_menu_id is None:
        raise ApiError(404, "the user has no richmenu")
    return {"richMenuId": rich_menu_id}


@handles("linkRichMenuIdToUsers")
async def _bulk_link(ctx: CallContext) -> Any:
    menu = _menu_with_image(ctx, ctx.body["richMenuId"])
    for user_id in ctx.body["userIds"]:
        ctx.emulator.user_rich_menus[user_id] = menu.rich_menu_id
    return {}


@handles("unlinkRichMenuIdFromUsers")
async def _bulk_unlink(ctx: CallContext) -> Any:
    for user_id in ctx.body["userIds"]:
        ctx.emulator.user_rich_menus.pop(user_id, None)
    return {}


@handles("createRichMenuAlias")
async def _create_alias(ctx: CallContext) -> Any:
    alias, rich_menu_id = ctx.body["richMenuAliasId"], ctx.body["richMenuId"]
    if alias in ctx.emulator.rich_menu_aliases:
        raise ApiError(400, "conflict richmenu alias id")
    ctx.emulator.rich_menu_aliases[alias] = _menu_with_image(ctx, rich_menu_id).rich_menu_id
    return {}


@handles("updateRichMenuAlias")
async def _update_alias(ctx: CallContext) -> Any:
    alias = ctx.params["richMenuAliasId"]
    if alias not in ctx.emulator.rich_menu_aliases:
        raise ApiError(404, "Not found")
    ctx.emulator.rich_menu_aliases[alias] = _menu_with_image(ctx, ctx.body["richMenuId"]).rich_menu_id
    return {}


@handles("getRichMenuAlias")
async def _get_alias(ctx: CallContext) -> Any:
    alias = ctx.params["richMenuAliasId"]
    if alias not in ctx.emulator.rich_menu_aliases:
        raise ApiError(404, "Not found")
    return {"richMenuAliasId": alias, "richMenuId": ctx.emulator.rich_menu_aliases[alias]}


@handles("deleteRichMenuAlias")
async def _delete_alias(ctx: CallContext) -> Any:
    if ctx.emulator.rich_menu_aliases.pop(ctx.params["richMenuAliasId"], None) is None:
        raise ApiError(404, "Not found")
    return {}


@handles("getRichMenuAliasList")
async def _list_aliases(ctx: CallContext) -> Any:
    return {"aliases": [{"richMenuAliasId": a, "richMenuId": m} for a, m in ctx.emulator.rich_menu_aliases.items()]}


# -- helpers --------------------------------------------------------------------------------------

def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _image_size(data: bytes) -> tuple[int, int] | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG"):
                return None
            return image.size
    except Exception:  # any decoding problem means "not a valid image"
        return None
