"""The operations about users and the bot: profiles, followers, bot info, the loading
animation, read marks and the webhook endpoint."""

from __future__ import annotations

from typing import Any

from line_emulator.line_api.context import ApiError, CallContext, handles, iso_timestamp


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
    return {"success": attempt.acknowledged, "timestamp": iso_timestamp(ctx.emulator.now()),
            "statusCode": attempt.status or 0, "reason": "OK" if attempt.acknowledged else (attempt.error or "ERROR"),
            "detail": str(attempt.status or attempt.error)}
