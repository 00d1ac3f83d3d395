"""The chat console in headless Chromium: search, open a course, register, see it in my registrations."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path
from typing import Any

import pytest

from tests.backend.factories import make_course, make_session

pytestmark = pytest.mark.browser
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_console_search_register_and_my_registrations(
    db: None, redis: Any, test_settings: Any, tmp_path: Path, chromium: str, clock: Any
) -> None:
    from playwright.async_api import async_playwright

    from app.main import create_app
    from bot.richmenu import install_rich_menu
    from line_emulator import serve_app

    course = await make_course(title_th="ปัญญาประดิษฐ์เพื่อการบริการประชาชน", topics=["ai"],
                               target_groups=["technologist"])
    await make_session(course.code, start_date=dt.date(2026, 12, 8), end_date=dt.date(2026, 12, 9), capacity=25)

    port = _free_port()
    settings = test_settings.model_copy(update={"line_emulator": True, "public_base_url": f"http://127.0.0.1:{port}"})
    app = create_app(settings, init_database=False, run_worker=True, clock=clock)
    async with serve_app(app, port=port) as base_url:
        await install_rich_menu(app.state.channel.line)
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = await browser.new_page(viewport={"width": 480, "height": 1000})
            try:
                await page.goto(f"{base_url}/dev/chat")
                chat = page.locator("#chat")

                async def say(text: str) -> None:
                    await page.fill("#text", text)
                    await page.click("#send")

                async def chip(label: str) -> None:
                    await page.locator(".chip", has_text=label).first.click()

                await say("สวัสดีค่ะ")
                await chip("ยินยอม")
                await chip("สายเทคโนโลยี")
                await page.locator(".msg-text", has_text="สังกัดหน่วยงานใด").wait_for()
                await say("กรมการปกครอง")
                await page.locator(".msg-text", has_text="บันทึก").last.wait_for()
                await say("หาหลักสูตร AI")
                await chat.locator(".flex-bubble", has_text="ปัญญาประดิษฐ์เพื่อการบริการประชาชน").first.wait_for()
                await page.click("#rm-toggle")  # fold the rich menu away, as LINE lets users do
                await page.screenshot(path=str(tmp_path / "chat-search.png"))
                await page.click("#rm-toggle")
                await chat.locator(".fbutton", has_text="ดูรายละเอียด").first.click()
                await chat.locator(".fbutton", has_text="สมัครรุ่นที่ 1").first.click()
                await chip("ยืนยัน")
                await page.locator(".msg-text", has_text="สมัครเรียบร้อยแล้ว").wait_for()
                await say("หลักสูตรของฉัน")
                await chat.locator(".flex-bubble", has_text="สมัครแล้ว").wait_for()
                await page.locator("#richmenu").wait_for()
                shot = tmp_path / "chat-console.png"
                await page.screenshot(path=str(shot), full_page=True)
                print(f"console screenshot: {shot}")
                assert shot.stat().st_size > 10_000
            finally:
                await page.goto("about:blank")  # end the console's long poll before the server stops
                await browser.close()
