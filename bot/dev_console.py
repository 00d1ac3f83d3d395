"""GET /dev/chat: the chat console (chat as a simulated LINE user through the emulator), development only:
the composition root includes this router only when it mounts the LINE emulator."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

router = APIRouter(include_in_schema=False)
CONSOLE_DIR = Path(__file__).resolve().parent / "console"
ASSETS = {"console.js": "text/javascript", "console.css": "text/css"}
FONTS = {"Sarabun-Regular.ttf", "Sarabun-Bold.ttf"}


@router.get("/dev/chat")
async def chat_console() -> FileResponse:
    return FileResponse(CONSOLE_DIR / "index.html", media_type="text/html; charset=utf-8")


@router.get("/dev/chat/{asset}")
async def chat_console_asset(asset: str) -> FileResponse:
    if asset in FONTS:  # Thai glyphs even on machines without a Thai system font
        from fontpkg_sarabun import ROOT

        return FileResponse(ROOT / "files" / asset, media_type="font/ttf")
    if asset not in ASSETS:
        raise HTTPException(status_code=404)
    return FileResponse(CONSOLE_DIR / asset, media_type=ASSETS[asset])
