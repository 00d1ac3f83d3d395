"""evaluate: post-training evaluation surveys (placeholder until the evaluation flow is built)."""

from __future__ import annotations

from bot.context import Context
from bot.dispatcher import Router
from bot.handlers.common import menu_quick, say
from bot.render import texts

router = Router("survey")


@router.intent("evaluate")
async def evaluate(ctx: Context) -> None:
    await say(ctx, texts.COMING_SOON_EVALUATE, quick=menu_quick(ctx))
