"""The admin web in headless Chromium: sign in, import a file, read the dashboard, send a broadcast."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from backend.services.auth import create_staff_user
from line_emulator import EmulatorConfig, run_emulator, serve_app
from tests.admin.conftest import make_population

CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SCREENSHOT_DIR = Path(os.environ.get("ADMIN_SCREENSHOT_DIR", "/tmp/onde-admin-screenshots"))

pytestmark = pytest.mark.browser

COURSES_CSV = (
    "code,title_th,provider,topics,target_groups,skill_areas,hours,modality,fee,certification_no,"
    "certification_expires\n"
    "ONDE-BR-001,การวิเคราะห์ข้อมูลสำหรับผู้บริหาร,สถาบันทดสอบดิจิทัล,data,executive,data_utilization,12,online,0,"
    "สดช. 1/2569,2027-01-15\n"
    "ONDE-BR-002,,สถาบันทดสอบดิจิทัล,data,executive,,6,online,0,,\n"
)


async def test_admin_end_to_end_in_chromium(db, redis, test_settings, tmp_path, chromium, clock):
    from playwright.async_api import async_playwright

    from app.main import create_app

    population = await make_population()
    await create_staff_user(username="somsri", role="admin", password="correct horse battery",
                            display_name="สมศรี ผู้ดูแล")
    config = EmulatorConfig(channel_access_token=test_settings.line_channel_access_token)
    async with run_emulator(config) as (line_url, emulator):
        settings = test_settings.model_copy(update={"line_api_base_url": line_url})
        app = create_app(settings, init_database=False, run_worker=True, clock=clock)
        async with serve_app(app) as base_url, async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = await browser.new_page(viewport={"width": 1280, "height": 900}, locale="th-TH")
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

            # Sign in (the dashboard asks for it first).
            await page.goto(f"{base_url}/admin")
            assert "/admin/login" in page.url
            await page.fill("#username", "somsri")
            await page.fill("#password", "correct horse battery")
            await page.click("button[type=submit]")
            await page.wait_for_url(f"{base_url}/admin")
            assert await page.locator("text=สมศรี ผู้ดูแล").count() == 1

            # Import a file with one good and one bad row.
            csv_path = tmp_path / "courses.csv"
            csv_path.write_text(COURSES_CSV, encoding="utf-8")
            await page.goto(f"{base_url}/admin/courses/import")
            await page.set_input_files("#file", str(csv_path))
            await page.click("#import-submit")
            report = page.locator("#import-report")
            await report.wait_for()
            assert await report.locator("[data-imported]").get_attribute("data-imported") == "1"
            assert await report.locator("[data-errors]").get_attribute("data-errors") == "1"
            assert await report.locator("tbody tr td").first.inner_text() == "3"  # the bad row, as a sheet counts

            # The dashboard draws its charts (ECharts, as SVG).
            await page.goto(f"{base_url}/admin")
            await page.wait_for_function("document.querySelectorAll('.echart[data-rendered]').length >= 7")
            assert await page.locator(".chart .echart svg").count() >= 7
            assert await page.locator("#chart-trained_by_target_group svg path").count() >= 1
            os.makedirs(SCREENSHOT_DIR, exist_ok=True)
            await page.screenshot(path=str(SCREENSHOT_DIR / "dashboard.png"), full_page=True)

            # Compose a broadcast to executives, see the live count and the preview, send it.
            await page.goto(f"{base_url}/admin/broadcasts")
            await page.check("input[name=target_groups][value=executive]")
            await page.fill("#text", "เปิดรับสมัครหลักสูตรใหม่แล้วค่ะ")
            await page.locator('#audience-count [data-audience-count="3"]').wait_for()  # a, b, d
            await page.locator("#preview .bubble", has_text="เปิดรับสมัครหลักสูตรใหม่แล้วค่ะ").wait_for()
            await page.screenshot(path=str(SCREENSHOT_DIR / "broadcast-compose.png"), full_page=True)
            await page.check("input[name=urgent]")  # whatever the time of day of the test run
            await page.click("#send-broadcast")
            await page.wait_for_url(f"{base_url}/admin/broadcasts/*")
            await page.wait_for_selector("#broadcast-progress[data-status=completed]", timeout=20_000)
            await page.screenshot(path=str(SCREENSHOT_DIR / "broadcast-done.png"), full_page=True)
            await browser.close()
            assert not [e for e in errors if "Content Security Policy" in e]

    reached = {n for n, m in population.members.items()
               if any(d.via == "multicast" for d in emulator.chats.get(str(m.line_user_id), []))}
    assert reached == {"a", "b", "d"}
    await asyncio.sleep(0)
