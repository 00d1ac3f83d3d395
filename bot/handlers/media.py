"""Stickers, images, locations and other message types get a short helpful answer."""

from __future__ import annotations

from bot.context import Context
from bot.dispatcher import Router
from bot.handlers.common import menu_quick, say
from bot.render import texts

router = Router("media")


@router.message("sticker")
async def sticker(ctx: Context) -> None:
    await say(ctx, texts.STICKER, quick=menu_quick(ctx))


@router.message("image")
async def image(ctx: Context) -> None:
    await say(ctx, texts.IMAGE, quick=menu_quick(ctx))


@router.message("location")
async def location(ctx: Context) -> None:
    await say(ctx, texts.LOCATION, quick=menu_quick(ctx))


@router.message("video", "audio", "file")
async def other_media(ctx: Context) -> None:
    await say(ctx, texts.OTHER_MEDIA, quick=menu_quick(ctx))
