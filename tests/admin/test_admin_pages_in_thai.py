"""Every admin page, walked in headless Chromium as an admin reads it: no code where a Thai name belongs and no
Christian-era year anywhere a person reads (tables, headings, charts' labels, inputs' values)."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest

from backend.services.auth import create_staff_user
from line_emulator import EmulatorConfig, run_emulator, serve_app
from tests.admin.conftest import make_population
from tests.admin.test_admin_browser import CHROMIUM_ARGS
from tests.admin.test_admin_thai import CODES

pytestmark = pytest.mark.browser

CE_YEAR = re.compile(r"(?<![A-Za-z0-9\-/])(19[5-9]\d|20[0-9]\d)(?![A-Za-z0-9\-/])")  # a year 1950–2099 alone
CE_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/20\d\d\b|\b20\d\d-\d\d-\d\d\b")
NOT_PAGES = ("logout", "export", ".csv", ".xlsx", ".pdf", "/static/", "download", "signature-image")
MAX_PAGES = 120

READ_TEXT = """() => {
  const parts = [document.title, document.body.innerText];
  const typed = 'input[type=text], input[type=search], input:not([type]), input[type=number], textarea';
  for (const el of document.querySelectorAll(typed)) parts.push(el.value || '', el.placeholder || '');
  for (const el of document.querySelectorAll('[title], [aria-label]')) {
    parts.push(el.getAttribute('title') || '', el.getAttribute('aria-label') || '');
  }
  for (const el of document.querySelectorAll('svg text, svg title')) parts.push(el.textContent);
  return parts.join('\\n');
}"""


def _admin_page(href: str, base_url: str) -> str | None:
    url, _ = urldefrag(href)
    parts = urlsplit(url)
    if parts.netloc and f"{parts.scheme}://{parts.netloc}" != base_url:
        return None
    if not parts.path.startswith("/admin") or any(word in url for word in NOT_PAGES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


async def test_every_admin_page_reads_in_thai_with_buddhist_years(db, redis, test_settings, chromium, clock):
    from playwright.async_api import async_playwright

    from app.main import create_app

    await make_population()
    await create_staff_user(username="somsri", role="admin", password="correct horse battery",
                            display_name="สมศรี ผู้ดูแล")
    config = EmulatorConfig(channel_access_token=test_settings.line_channel_access_token)
    async with run_emulator(config) as (line_url, _):
        settings = test_settings.model_copy(update={"line_api_base_url": line_url})
        app = create_app(settings, init_database=False, run_worker=False, clock=clock)
        async with serve_app(app) as base_url, async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = await browser.new_page(locale="th-TH")
            await page.goto(f"{base_url}/admin/login")
            await page.fill("#username", "somsri")
            await page.fill("#password", "correct horse battery")
            await page.click("button[type=submit]")
            await page.wait_for_url(f"{base_url}/admin")

            seen: set[str] = set()
            queue: deque[str] = deque(["/admin"])
            problems: dict[str, list[str]] = {}
            while queue and len(seen) < MAX_PAGES:
                path = queue.popleft()
                if path in seen:
                    continue
                seen.add(path)
                response = await page.goto(base_url + path)
                assert response is not None and response.status == 200, (path, response and response.status)
                text = await page.evaluate(READ_TEXT)
                found = CODES.findall(text) + CE_YEAR.findall(text) + CE_DATE.findall(text)
                if found:
                    problems[path] = sorted(set(found))
                for href in await page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
                    if (target := _admin_page(href, base_url)) and target not in seen:
                        queue.append(target)
            await browser.close()

    assert problems == {}
    # The walk reached the pages the menu leads to, and the detail pages behind their tables.
    assert len(seen) >= 20
    assert {"/admin", "/admin/courses", "/admin/members", "/admin/broadcasts", "/admin/staff"} <= seen
    assert any(p.startswith("/admin/courses/") for p in seen) and any(p.startswith("/admin/members/") for p in seen)
    assert any(p.startswith("/admin/sessions/") for p in seen)
