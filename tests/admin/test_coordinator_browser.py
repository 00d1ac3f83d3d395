"""An agency coordinator in headless Chromium: signs in, follows their staff, completion per target group,
nominates a member (who gets the LINE question), and downloads the annual report."""

from __future__ import annotations

import datetime as dt
import io
import os

import pytest
from openpyxl import load_workbook

from backend.services import members
from backend.services.auth import create_staff_user
from line_emulator import EmulatorConfig, make_user_id, run_emulator, serve_app
from tests.admin.test_admin_browser import CHROMIUM_ARGS, SCREENSHOT_DIR
from tests.backend.factories import make_course, make_member, make_session
from tests.clock import CLOCK, TODAY
from tests.coordination.helpers import FISCAL_YEAR_START, complete_course, make_agency

pytestmark = pytest.mark.browser


async def test_coordinator_pages_in_chromium(db, redis, test_settings, chromium, clock):
    from playwright.async_api import async_playwright

    from app.main import create_app

    agency = await make_agency("กรมการปกครองทดสอบ")
    other = await make_agency("กรมอื่นในเบราว์เซอร์")
    await create_staff_user(username="prasan", role="coordinator", password="coordinator horse 7",
                            display_name="ประสาน งานดี", agency_id=agency.id)
    line_id = make_user_id("nominee-browser")
    staff = await make_member(line_user_id=line_id, agency_id=agency.id, target_group="service",
                              position="เจ้าพนักงานปกครอง")
    await members.set_official_name(member_id=staff.id, title="นาย", first_name="ขยัน", last_name="เรียนรู้",
                                    actor="test", clock=CLOCK)
    await complete_course(staff.id, ended=FISCAL_YEAR_START + dt.timedelta(days=10),
                          skill_areas=["digital_literacy"], title_th="การรู้ดิจิทัลสำหรับงานบริการ")
    outsider = await make_member(agency_id=other.id, target_group="service")
    course = await make_course(title_th="การบริการดิจิทัลภาครัฐ", skill_areas=["digital_service"])
    await make_session(course.code, start_date=TODAY + dt.timedelta(days=20), end_date=TODAY + dt.timedelta(days=21))

    config = EmulatorConfig(channel_access_token=test_settings.line_channel_access_token)
    async with run_emulator(config) as (line_url, emulator):
        emulator.add_user(line_id, "ขยัน", following=True)
        settings = test_settings.model_copy(update={"line_api_base_url": line_url})
        app = create_app(settings, init_database=False, run_worker=True, clock=clock)
        async with serve_app(app) as base_url, async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = await browser.new_page(viewport={"width": 1400, "height": 900}, locale="th-TH",
                                          accept_downloads=True)

            # Sign in: a coordinator lands on their agency's staff.
            await page.goto(f"{base_url}/admin")
            await page.fill("#username", "prasan")
            await page.fill("#password", "coordinator horse 7")
            await page.click("button[type=submit]")
            await page.wait_for_url(f"{base_url}/admin/agency")
            assert await page.locator("text=ประสาน งานดี (ผู้ประสานงานหน่วยงาน)").count() == 1
            assert await page.locator("header nav a").all_inner_texts() == [
                "บุคลากร", "ความครบถ้วนตามกรอบ", "เสนอชื่อเข้าอบรม"]

            # Staff list: official name, position, group, hours against the framework, this fiscal year.
            assert "ปีงบประมาณ 2570" in await page.locator("main").inner_text()
            row = page.locator("#agency-staff tbody tr", has_text="นายขยัน เรียนรู้")
            assert await row.count() == 1
            cells = await row.locator("td").all_inner_texts()
            assert cells[1:5] == ["เจ้าพนักงานปกครอง", "ผู้ทำงานด้านบริการ", "1", "1"]
            assert "6/6" in cells and "0/12" in cells and "ยังไม่ครบ" in cells
            assert outsider.display_name not in await page.content()
            os.makedirs(SCREENSHOT_DIR, exist_ok=True)
            await page.screenshot(path=str(SCREENSHOT_DIR / "agency-staff.png"), full_page=True)

            # Completion per target group.
            await page.click("header nav >> text=ความครบถ้วนตามกรอบ")
            await page.wait_for_url(f"{base_url}/admin/agency/completion")
            group = await page.locator("#agency-completion tbody tr").first.locator("td").all_inner_texts()
            assert group[0] == "ผู้ทำงานด้านบริการ" and group[1] == "1" and group[3] == "0"
            assert "การบริการดิจิทัล (12 ชั่วโมง): 0" in group[2]

            # Nominate the member; the coordinator sees the nomination waiting for an answer.
            await page.click("header nav >> text=เสนอชื่อเข้าอบรม")
            await page.wait_for_url(f"{base_url}/admin/agency/nominations")
            await page.select_option("#member_id", str(staff.id))
            await page.select_option("#session_id", index=1)
            await page.click("#nominate button[type=submit]")
            await page.wait_for_url(f"{base_url}/admin/agency/nominations?msg=*")
            listed = await page.locator("#nominations tbody tr").first.locator("td").all_inner_texts()
            assert listed[0] == "นายขยัน เรียนรู้" and "การบริการดิจิทัลภาครัฐ" in listed[1]
            assert listed[4] == "รอคำตอบ"
            pushed = await emulator.wait_for_messages(line_id, wait_seconds=10)
            assert "การบริการดิจิทัลภาครัฐ" in pushed[-1]["message"]["text"]
            await page.screenshot(path=str(SCREENSHOT_DIR / "agency-nominations.png"), full_page=True)

            # The annual report: an XLSX with its three sheets and Buddhist-era dates.
            async with page.expect_download() as waiting:
                await page.click("#report-download")
            download = await waiting.value
            path = await download.path()
            assert path is not None
            book = load_workbook(io.BytesIO(path.read_bytes()))
            assert book.sheetnames == ["สรุป", "รายบุคคล", "ชั่วโมงตามด้านทักษะ"]
            person = list(book["รายบุคคล"].iter_rows(values_only=True))[1]
            assert person[1:4] == ("นาย", "ขยัน", "เรียนรู้") and person[11] == "11 ต.ค. 2569"

            # ONDE's own pages stay closed.
            refused = await page.goto(f"{base_url}/admin/members")
            assert refused is not None and refused.status == 403
            await browser.close()
