"""Sub-applications mounted next to the API (the LINE emulator in development)."""

from __future__ import annotations

from fastapi import FastAPI

from backend.settings import Settings

EMULATOR_PREFIX = "/_line"


def install_mounts(app: FastAPI, settings: Settings) -> None:
    if settings.use_line_emulator:
        app.mount(EMULATOR_PREFIX, _line_emulator_app(settings))


def _line_emulator_app(settings: Settings) -> FastAPI:
    """The LINE platform emulator: a development tool, installed by `make venv`, not by the production package."""
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
        webhook_url=f"{settings.public_base_url}/line/webhook",
    )
    return create_emulator_app(config)
