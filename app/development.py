"""Development only: the LINE platform emulator mounted next to the app (LINE_EMULATOR, on by default in
development), so the bot works without a LINE account."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from fastapi import FastAPI

from backend.settings import Settings
from bot.webhook import WEBHOOK_PATH

if TYPE_CHECKING:
    from bot.line_client import LineClient

EMULATOR_PREFIX = "/_line"
log = logging.getLogger(__name__)


def mount_line_emulator(app: FastAPI, settings: Settings) -> None:
    """The emulator at /_line: a development tool, installed by `make venv`, not by the production package."""
    try:
        from line_emulator import EmulatorConfig, create_emulator_app
    except ModuleNotFoundError as exc:
        if exc.name != "line_emulator":
            raise
        raise RuntimeError(
            "the LINE emulator is on (LINE_EMULATOR, or development without LINE_CHANNEL_SECRET) but the "
            "line_emulator package is not installed: run `make venv` or `pip install -e ./line_emulator`, "
            "or set LINE_EMULATOR=false and configure the LINE channel"
        ) from None
    config = EmulatorConfig(
        channel_access_token=settings.line_channel_access_token,
        channel_secret=settings.line_channel_secret,
        webhook_url=f"{settings.public_base_url}{WEBHOOK_PATH}",
    )
    app.mount(EMULATOR_PREFIX, create_emulator_app(config))


async def install_console_rich_menu(line: LineClient, *, attempts: int = 60, pause: float = 0.5) -> str | None:
    """Development: the bot's rich menu, drawn and installed as the default in the mounted emulator once the
    server answers (the emulator lives in this app, so it is reachable only after start-up). Returns its ID,
    or None if the emulator never answered."""
    from bot.richmenu import draw_rich_menu_image, rich_menu_definition

    image = await asyncio.to_thread(draw_rich_menu_image)  # Pillow: about a second of CPU, off the event loop
    for _ in range(attempts):
        try:
            rich_menu_id = await line.create_rich_menu(rich_menu_definition())
            await line.upload_rich_menu_image(rich_menu_id, image)
            await line.set_default_rich_menu(rich_menu_id)
        except Exception as exc:  # not serving yet, or the emulator refused: try again shortly
            log.debug("rich menu not installed yet: %s", exc)
            await asyncio.sleep(pause)
            continue
        log.info("rich menu %s installed in the LINE emulator", rich_menu_id)
        return str(rich_menu_id)
    log.warning("the LINE emulator did not answer; run `python -m bot richmenu` to install the rich menu")
    return None
