"""/dev/chat is served only with the emulator mounted; the mounted emulator answers LINE API paths."""

from __future__ import annotations

from typing import Any

import httpx

from app.main import create_app


async def test_console_absent_without_the_emulator(client: httpx.AsyncClient) -> None:
    assert (await client.get("/dev/chat")).status_code == 404
    assert (await client.get("/dev/chat/console.js")).status_code == 404


async def test_console_and_mounted_emulator_in_development(db: None, redis: Any, test_settings: Any,
                                                           clock: Any) -> None:
    settings = test_settings.model_copy(update={"line_emulator": True})
    app = create_app(settings, init_database=False, run_worker=False, clock=clock)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as http:
            page = await http.get("/dev/chat")
            assert page.status_code == 200 and "console.js" in page.text
            assert (await http.get("/dev/chat/Sarabun-Regular.ttf")).status_code == 200
            assert (await http.get("/dev/chat/../../settings.py")).status_code == 404
            push = await http.post(
                "/_line/v2/bot/message/push",
                json={"to": "U" + "0" * 32, "messages": [{"type": "text", "text": "ทดสอบ"}]},
                headers={"Authorization": f"Bearer {settings.line_channel_access_token}"},
            )
            assert push.status_code == 200, push.text
