"""Last resort: forged or stale postbacks, unknown postback actions, unknown event types."""

from __future__ import annotations

import logging

from bot.context import Context
from bot.dispatcher import Router
from bot.handlers.common import menu_quick, say
from bot.render import texts

log = logging.getLogger(__name__)
router = Router("fallback")


@router.on("invalid_postback")
async def invalid_postback(ctx: Context) -> None:
    await say(ctx, texts.START_AGAIN, quick=menu_quick(ctx))


@router.on("any")
async def anything_else(ctx: Context) -> None:
    kind = ctx.event.get("type")
    if kind in ("message", "postback"):
        await say(ctx, texts.START_AGAIN if kind == "postback" else texts.OUT_OF_SCOPE, quick=menu_quick(ctx))
        return
    log.info("LINE event %s acknowledged without an answer", kind)
