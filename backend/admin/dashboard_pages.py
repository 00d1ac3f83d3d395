"""The monitoring dashboard: charts and tables with filters, and a CSV export of every table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from backend.admin.charts import Chart, bar_chart, period_chart
from backend.admin.dates import DateInputError, parse_date_input
from backend.admin.web import AdminRoute, AdminSessionDep, StaffSession, render
from backend.deps import ClockDep
from backend.schemas.bounds import MAX_DB_ID
from backend.services import members
from backend.services.dashboard import DashboardFilter, Table, all_tables, headline
from backend.services.framework import list_target_groups
from backend.thai_dates import thai_month

router = APIRouter(route_class=AdminRoute)


def _date(value: str | None, field_th: str, problems: list[str]) -> dt.date | None:
    """A period bound typed as วว/ดด/ปปปป (พ.ศ.; ISO 8601 in links); one that cannot be read is left out and
    said why."""
    try:
        return parse_date_input(value, field_th=field_th)
    except DateInputError as exc:
        problems.append(str(exc))
        return None


def _filter(request: Request, problems: list[str] | None = None) -> DashboardFilter:
    q = request.query_params
    agency = q.get("agency_id") or ""
    problems = [] if problems is None else problems
    return DashboardFilter(
        date_from=_date(q.get("date_from"), "ตั้งแต่วันที่", problems),
        date_to=_date(q.get("date_to"), "ถึงวันที่", problems),
        agency_id=int(agency) if agency.isdigit() and 0 < int(agency) <= MAX_DB_ID else None, target_group=q.get("target_group") or None,
    )


def dashboard_charts(tables: dict[str, Table]) -> dict[str, Chart]:
    """The dashboard's charts, drawn from its tables (months in the Buddhist era)."""
    def bars(key: str, label: int, value: int, name: str, **kw: Any) -> Chart:
        table = tables[key]
        return bar_chart(f"chart-{key}", [(str(r[label]), r[value]) for r in table.rows], title=table.title,
                         series_name=name, **kw)

    over_time = tables["registrations_over_time"]
    return {
        "trained_by_target_group": bars("trained_by_target_group", 0, 1, "ผู้ผ่านการอบรม (คน)"),
        "trained_by_agency": bars("trained_by_agency", 0, 1, "ผู้ผ่านการอบรม (คน)"),
        "trained_by_skill_area": bars("trained_by_skill_area", 0, 1, "ผู้ผ่านการอบรม (คน)"),
        "registrations_over_time": period_chart(
            "chart-registrations_over_time", [thai_month(r[0]) for r in over_time.rows],
            [("สมัคร", [r[1] for r in over_time.rows]), ("ผ่านการอบรม", [r[2] for r in over_time.rows])],
            title=over_time.title, axis_name="เดือน (พ.ศ.)", value_name="จำนวน"),
        "satisfaction_by_course": bar_chart(
            "chart-satisfaction_by_course", [(f"{r[0]} {r[1]}", r[3]) for r in
                                             tables["satisfaction_by_course"].rows[:15]],
            title=tables["satisfaction_by_course"].title + " (15 อันดับแรก)", series_name="ค่าเฉลี่ย (เต็ม 5)",
            max_value=5),
        "satisfaction_by_provider": bars("satisfaction_by_provider", 0, 2, "ค่าเฉลี่ย (เต็ม 5)", max_value=5),
        "survey_response_rates": bars("survey_response_rates", 0, 4, "ร้อยละที่ตอบ", max_value=100),
    }


@router.get("")
async def dashboard(request: Request, session: StaffSession, clock: ClockDep) -> Response:
    if session.is_coordinator:  # a coordinator's home is their agency's staff
        return RedirectResponse("/admin/agency", status_code=303)
    if not session.is_admin:  # trainers work on their own sessions; cross-provider figures are for admins
        return RedirectResponse("/admin/courses", status_code=303)
    problems: list[str] = []
    f = _filter(request, problems)
    tables = await all_tables(f, today=clock.today())
    charts = dashboard_charts(tables)
    return render(
        request, "dashboard.html", session=session, f=f, tables=tables, charts=charts,
        kpi=await headline(f), query=f.query_string(),
        agencies=await members.list_agencies(limit=500),
        groups=await list_target_groups(),
        flash=" ".join(problems) or None, flash_kind="error" if problems else None,
    )


@router.get("/dashboard/export/{key}.csv")
async def export_table(request: Request, key: str, session: AdminSessionDep, clock: ClockDep) -> Response:
    tables = await all_tables(_filter(request), today=clock.today())
    table = tables.get(key)
    if table is None:
        raise HTTPException(404, "ไม่พบตารางนี้")
    return Response(table.to_csv(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{key}.csv"'})
