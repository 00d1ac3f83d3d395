"""The operations that send messages (reply, push, multicast, broadcast, narrowcast), the
monthly quota and delivery counts, and the content of the media users sent."""

from __future__ import annotations

import re
from typing import Any

from line_emulator.limits import MAX_MULTICAST_RECIPIENTS
from line_emulator.line_api.context import ApiError, CallContext, handles, iso_timestamp
from line_emulator.state import ReplyTokenError


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
    accepted = iso_timestamp(ctx.emulator.now())
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
