"""contact_staff: hand the conversation to a person; the bot stays quiet until staff release it."""

from __future__ import annotations

from backend.services import handover
from bot.context import Context
from bot.dispatcher import Router
from bot.handlers.common import say
from bot.render import texts

router = Router("handover")


@router.intent("contact_staff")
async def contact_staff(ctx: Context) -> None:
    await say(ctx, texts.HANDOVER_OPENED)
    await handover.open_handover(line_user_id=ctx.user_id, reason=ctx.text[:500])
