"""certificate: certificates of completed training (placeholder until the evaluation flow is built)."""

from __future__ import annotations

from bot.context import Context
from bot.dispatcher import Router
from bot.handlers.common import menu_quick, say
from bot.render import texts

router = Router("certificate")


@router.intent("certificate")
async def certificate(ctx: Context) -> None:
    await say(ctx, texts.COMING_SOON_CERTIFICATE, quick=menu_quick(ctx))
