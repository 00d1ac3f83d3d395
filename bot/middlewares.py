"""The chain every event passes through before routing, in the order bot/handlers/__init__.py sets.

Each middleware is `async def mw(handler, ctx)`: it calls `await handler(ctx)` to let the event on (to the
next middleware, and at the end to routing), or answers or drops it itself.
"""

from __future__ import annotations

from backend.services import handover
from bot.context import Context
from bot.dispatcher import Next
from bot.render import texts
from bot.render.messages import text
from bot.render.profile import consent_request

# Postback actions allowed before consent (the consent and profile flow itself).
PRE_CONSENT_ACTIONS = frozenset({"consent", "consent_no", "start"})
SLOW_DOWN_SECONDS = 60


async def standby(handler: Next, ctx: Context) -> None:
    """Another channel answers this chat (LINE's standby mode): only what the user writes is recorded."""
    if ctx.event.get("mode") != "standby":
        await handler(ctx)
        return
    if ctx.message_type == "text" and await ctx.consented():
        await handover.record_message(line_user_id=ctx.user_id, direction="in", text=ctx.text,
                                      at=ctx.clock.utcnow())


async def rate_limit(handler: Next, ctx: Context) -> None:
    """Over the inbox's per-user rate limit (counted when the webhook queued the event, bot/inbox/): the event
    is dropped, with one polite request to slow down per minute."""
    if not ctx.over_limit:
        await handler(ctx)
        return
    key = f"{ctx.settings.redis_prefix}line:slowdown:{ctx.user_id}"
    if await ctx.runtime.redis.set(key, b"1", nx=True, ex=SLOW_DOWN_SECONDS):
        await ctx.send(text(texts.SLOW_DOWN))


async def chat_log(handler: Next, ctx: Context) -> None:
    """The conversation is kept for staff (consented members only): the user's text now, the answers as they
    are sent, all written in one insert with the answer or at the end."""
    if ctx.kind in ("message", "postback"):
        member = await ctx.member()
        if ctx.message_type == "text" and member is not None and member.consent_at:
            ctx.log_in(ctx.text)
    try:
        await handler(ctx)
    finally:
        await ctx.flush_log()


async def handover_pause(handler: Next, ctx: Context) -> None:
    """A person is answering this chat (an open handover): the bot stays quiet."""
    if ctx.kind in ("message", "postback") and await handover.is_handed_over(ctx.user_id):
        return
    await handler(ctx)


async def consent_gate(handler: Next, ctx: Context) -> None:
    """Nothing but the consent flow before the member consents (PDPA): text and postbacks are answered with the
    consent request. Other messages (stickers, images) get their usual answer; a forged or stale postback goes
    on to be answered as such."""
    kind = ctx.kind
    if kind == "postback":
        postback = ctx.postback
        if postback is None or postback.action in PRE_CONSENT_ACTIONS:
            await handler(ctx)
            return
    elif kind != "message" or ctx.message_type != "text":
        await handler(ctx)
        return
    if await ctx.consented():
        await handler(ctx)
        return
    await ctx.send(consent_request(ctx.pb, remind=kind == "message"))
