"""A newcomer's first look: the app started as `make run` starts it (`python -m app serve --demo` on a fresh
database), ONDE's admin signs in with the printed demo login, and every chart of the dashboard, the follow-up
table and a course's follow-up page is drawn with data; the follow-up workbook opens with Buddhist-era dates;
the demo agency coordinator then finds their staff, completion, sessions to nominate to and the annual report;
the chat console has the rich menu."""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from openpyxl import load_workbook

from backend.settings import Settings
from tests.admin.test_admin_browser import CHROMIUM_ARGS, SCREENSHOT_DIR

pytestmark = pytest.mark.browser
CHECKOUT = Path(__file__).resolve().parents[2]
BUDDHIST_DATE = re.compile(r"^\d{1,2} (ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.) 25\d\d$")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def fresh_database(test_settings: Settings) -> AsyncIterator[str]:
    """An empty database of its own on the tests' PostgreSQL server (what a first `make run` finds)."""
    assert test_settings.database_url
    server, _, _ = test_settings.database_url.rpartition("/")
    name = f"demo_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(f"{server}/postgres".replace("postgres://", "postgresql://", 1))
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@contextlib.contextmanager
def make_run(database_url: str, redis_url: str, data_dir: Path) -> Iterator[tuple[str, list[str]]]:
    """`python -m app serve --demo` as `make run` runs it; yields its base URL and the lines it printed."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ENVIRONMENT", "DEMO", "PUBLIC_BASE_URL"))}
    env.update(DATABASE_URL=database_url, REDIS_URL=redis_url, DATA_DIR=str(data_dir), REDIS_PREFIX="demo-browser:",
               PYTHONPATH=str(CHECKOUT))
    log = data_dir / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "app", "serve", "--demo", "--port", str(port)],
                                   cwd=CHECKOUT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            time.sleep(0.5)
        else:
            pytest.fail(f"make run did not answer in 120 s:\n{log.read_text()}")
        yield base, log.read_text().splitlines()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


async def _charts_drawn(page: object, minimum: int) -> list[int]:
    """Wait for ECharts to draw every chart of the page; the number of data points of each."""
    await page.wait_for_function(  # type: ignore[attr-defined]
        f"document.querySelectorAll('.echart[data-rendered]').length >= {minimum}")
    charts = page.locator(".echart")  # type: ignore[attr-defined]
    points = []
    for i in range(await charts.count()):
        chart = charts.nth(i)
        assert await chart.locator("svg").count() == 1, await chart.get_attribute("id")
        points.append(int(await chart.get_attribute("data-rendered") or 0))
    return points


async def test_a_fresh_make_run_shows_the_monitoring_with_content(redis, test_settings, chromium, fresh_database,
                                                                 tmp_path):
    from playwright.async_api import async_playwright

    with make_run(fresh_database, test_settings.redis_url or "", tmp_path) as (base, banner):
        assert any("sign in as admin / onde-demo" in line for line in banner), banner
        assert any("sign in as trainer.demo / onde-demo" in line for line in banner), banner
        assert any("sign in as coordinator / onde-demo" in line for line in banner), banner
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = await browser.new_page(viewport={"width": 1366, "height": 900}, locale="th-TH",
                                          accept_downloads=True)
            errors: list[str] = []
            page.on("console", lambda m: errors.append(f"{m.text} {m.location.get('url')}")
                    if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico") else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)

            await page.goto(f"{base}/admin")
            await page.fill("#username", "admin")
            await page.fill("#password", "onde-demo")
            await page.click("button[type=submit]")
            await page.wait_for_url(f"{base}/admin")

            # The dashboard: figures and every chart drawn with data.
            kpis = [int((await k.inner_text()).replace(",", "")) for k in await page.locator(".kpi b").all()]
            assert all(v > 0 for v in kpis), kpis
            points = await _charts_drawn(page, 7)
            assert len(points) == 7 and all(p > 0 for p in points), points
            legend = await page.locator("#chart-registrations_over_time svg").text_content() or ""
            assert "ผ่านการอบรม" in legend and re.search(r"(ม\.ค\.|ธ\.ค\.|พ\.ย\.) 25\d\d", legend), legend
            os.makedirs(SCREENSHOT_DIR, exist_ok=True)
            await page.screenshot(path=str(SCREENSHOT_DIR / "demo-dashboard.png"), full_page=True)

            # The follow-up table: every certified course, flags, sortable and filterable.
            await page.click("header.top >> text=ติดตามผลการรับรอง")
            await page.wait_for_url(f"{base}/admin/follow-up")
            rows = page.locator("#scorecards tbody tr[data-code]")
            assert await rows.count() == 100
            assert await page.locator("#scorecards .flag").count() > 10
            assert all(p > 0 for p in await _charts_drawn(page, 2))
            await page.click("a.sort[data-sort=l1_mean]")
            await page.wait_for_url(re.compile(r"sort=l1_mean&desc=1"))
            first_l1 = float((await rows.first.locator("td").nth(6).inner_text()).split()[0])
            assert first_l1 >= 4.0
            await page.select_option("#flag", "certification_expiring")
            await page.click("form.filters button[type=submit]")
            await page.wait_for_url(re.compile(r"flag=certification_expiring"))
            expiring = await rows.count()
            assert 0 < expiring < 100
            assert await page.locator("#scorecards .flag[data-flag=certification_expiring]").count() == expiring
            await page.screenshot(path=str(SCREENSHOT_DIR / "demo-follow-up.png"), full_page=True)

            # The workbook of what the table shows.
            async with page.expect_download() as download_info:
                await page.click("#follow-up-export")
            download = await download_info.value
            saved = Path(await download.path())
            book = load_workbook(io.BytesIO(await asyncio.to_thread(saved.read_bytes)))
            assert book.sheetnames[:3] == ["สรุปรายหลักสูตร", "ผู้เข้าอบรมตามกลุ่มเป้าหมาย", "ผู้เข้าอบรมตามหน่วยงาน"]
            summary = list(book["สรุปรายหลักสูตร"].values)
            assert len(summary) == expiring + 1
            expires_at = summary[0].index("วันหมดอายุการรับรอง")
            assert all(BUDDHIST_DATE.match(str(row[expires_at])) for row in summary[1:]), summary[1]

            # A course's page: its facts and quarterly trends.
            await page.goto(f"{base}/admin/follow-up?sort=trainees&desc=1")
            await rows.first.locator("td a").click()
            await page.wait_for_url(re.compile(r"/admin/follow-up/DEMO-"))
            points = await _charts_drawn(page, 5)
            assert len(points) == 5 and all(p > 0 for p in points), points
            trend = await page.locator("#chart-people svg").text_content() or ""
            assert re.search(r"ไตรมาส \d/25\d\d", trend) and "ผู้เข้าอบรม (คน)" in trend, trend
            assert BUDDHIST_DATE.match((await page.locator("#expires").inner_text()).split(" (")[0])
            assert await page.locator("#quarters tbody tr").count() >= 4
            await page.screenshot(path=str(SCREENSHOT_DIR / "demo-course-follow-up.png"), full_page=True)

            # The agency coordinator of the demo: their own staff, completion per group, nominations, the report.
            await page.click("header .who button[type=submit]")
            await page.wait_for_url(re.compile(r"/admin/login"))
            await page.fill("#username", "coordinator")
            await page.fill("#password", "onde-demo")
            await page.click("button[type=submit]")
            await page.wait_for_url(f"{base}/admin/agency")
            assert "กรมการปกครอง" in await page.locator("main").inner_text()
            staff = page.locator("#agency-staff tbody tr")
            assert await staff.count() > 100
            completed = [int(c) for c in await page.locator("#agency-staff tbody tr td:nth-child(5)").all_inner_texts()
                         if c.isdigit()]
            assert sum(completed) > 0, completed
            await page.screenshot(path=str(SCREENSHOT_DIR / "demo-agency-staff.png"), full_page=True)
            await page.click("header nav >> text=ความครบถ้วนตามกรอบ")
            await page.wait_for_url(f"{base}/admin/agency/completion")
            assert await page.locator("#agency-completion tbody tr").count() >= 5  # the groups the agency has
            await page.click("header nav >> text=เสนอชื่อเข้าอบรม")
            await page.wait_for_url(f"{base}/admin/agency/nominations")
            assert await page.locator("#session_id option").count() > 1  # sessions open for nominations
            async with page.expect_download() as download_info:
                await page.click("#report-download")
            report = load_workbook(io.BytesIO(await asyncio.to_thread(Path(await (await download_info.value).path()
                                                                           ).read_bytes)))
            assert report.sheetnames == ["สรุป", "รายบุคคล", "ชั่วโมงตามด้านทักษะ"]
            people = list(report["รายบุคคล"].values)
            assert len(people) > 10
            dates = [v for row in people[1:] for v in row if isinstance(v, str) and BUDDHIST_DATE.match(v)]
            assert dates, people[1]
            await browser.close()
            assert not errors, errors

        # The chat console's emulator has the bot's rich menu as the default from the first start.
        menus: dict[str, object] = {}
        async with httpx.AsyncClient(base_url=base, timeout=5) as http:
            for _ in range(60):
                menus = (await http.get("/_line/_emulator/richmenus")).json()
                if menus.get("default"):
                    break
                await asyncio.sleep(0.5)
        assert menus.get("default"), menus
