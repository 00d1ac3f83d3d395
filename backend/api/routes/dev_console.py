"""GET /dev/chat: the chat console (chat as a simulated LINE user through the emulator), development only."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse

router = APIRouter(include_in_schema=False)
CONSOLE_DIR = Path(__file__).resolve().parents[3] / "bot" / "console"
ASSETS = {"console.js": "text/javascript", "console.css": "text/css"}
FONTS = {"Sarabun-Regular.ttf", "Sarabun-Bold.ttf"}


def _enabled(request: Request) -> None:
    if not request.app.state.settings.use_line_emulator:
        raise HTTPException(status_code=404)


@router.get("/dev/chat")
async def chat_console(request: Request) -> FileResponse:
    _enabled(request)
    return FileResponse(CONSOLE_DIR / "index.html", media_type="text/html; charset=utf-8")


@router.get("/dev/chat/{asset}")
async def chat_console_asset(asset: str, request: Request) -> FileResponse:
    _enabled(request)
    if asset in FONTS:  # Thai glyphs even on machines without a Thai system font
        from fontpkg_sarabun import ROOT

        return FileResponse(ROOT / "files" / asset, media_type="font/ttf")
    if asset not in ASSETS:
        raise HTTPException(status_code=404)
    return FileResponse(CONSOLE_DIR / asset, media_type=ASSETS[asset])
