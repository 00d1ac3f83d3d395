"""ONDE's follow-up of certified courses (ติดตามผลการรับรองหลักสูตร): the scorecard table (sortable, filterable,
exported as XLSX), one course's page with its quarterly trend, and the thresholds that raise the flags."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from backend.admin.charts import Chart, bar_chart, period_chart
from backend.admin.web import AdminRoute, AdminSessionDep, CheckedForm, render
from backend.deps import ClockDep
from backend.schemas.follow_up import ThresholdsUpdate
from backend.services import catalogue, follow_up
from backend.services.errors import CourseNotFound
from backend.services.exports import XLSX_MEDIA_TYPE

router = APIRouter(route_class=AdminRoute)
COLUMNS = (  # (sort key, heading, numeric)
    ("code", "รหัส", False), ("title_th", "หลักสูตร", False), ("provider", "ผู้จัดอบรม", False),
    ("sessions_held", "รุ่นที่จัด", True), ("trainees", "ผู้เข้าอบรม (คน)", True),
    ("completion_rate", "ผ่านการอบรม (%)", True), ("l1_mean", "ความพึงพอใจ (เต็ม 5)", True),
    ("l2_gain", "คะแนนประเมินตนเองเพิ่มขึ้น", True), ("l3_applied_rate", "นำไปใช้ในงาน (%)", True),
    ("response_rate", "อัตราการตอบต่ำสุด (%)", True), ("certification_expires", "หมดอายุการรับรอง", False),
    ("flags", "ประเด็นที่ต้องติดตาม", False),
)
THRESHOLD_FIELDS = (
    ("l1_mean_below", "ความพึงพอใจเฉลี่ยต่ำกว่า (เต็ม 5)", "0.01"),
    ("response_rate_below", "อัตราการตอบแบบประเมินต่ำกว่า (ร้อยละ)", "0.1"),
    ("idle_months", "ไม่มีการจัดอบรมภายใน (เดือน)", "1"),
    ("expiry_within_days", "การรับรองจะหมดอายุภายใน (วัน)", "1"),
)


def _criteria(request: Request) -> dict[str, Any]:
    q = request.query_params
    flag = q.get("flag") or None
    sort = q.get("sort") or "code"
    return {"q": (q.get("q") or "").strip()[:200] or None,
            "flag": flag if flag in (*follow_up.FLAGS, "any") else None,
            "sort": sort if sort in follow_up.SORT_KEYS else "code",
            "descending": q.get("desc") == "1"}


def _query(criteria: dict[str, Any], **changes: Any) -> str:
    merged = {**criteria, **changes}
    pairs = {"q": merged["q"], "flag": merged["flag"], "sort": merged["sort"],
             "desc": "1" if merged["descending"] else None}
    return urlencode({k: v for k, v in pairs.items() if v})


def _flag_chart(cards: list[follow_up.Scorecard]) -> Chart:
    counts = [(follow_up.FLAG_LABELS[flag], sum(flag in c.flags for c in cards)) for flag in follow_up.FLAGS]
    return bar_chart("chart-flags", counts, title="จำนวนหลักสูตรตามประเด็นที่ต้องติดตาม",
                     series_name="หลักสูตร")


def _l1_chart(cards: list[follow_up.Scorecard]) -> Chart:
    bands = ("มากที่สุด", "มาก", "ปานกลาง", "น้อย", "น้อยที่สุด")
    counts = [(band, sum(c.figures.l1_band == band for c in cards)) for band in bands]
    counts.append(("ยังไม่มีผู้ตอบ", sum(not c.figures.l1_band for c in cards)))
    return bar_chart("chart-l1-bands", counts, title="จำนวนหลักสูตรตามระดับความพึงพอใจ", series_name="หลักสูตร")


@router.get("/follow-up")
async def scorecard_table(request: Request, session: AdminSessionDep, clock: ClockDep) -> Response:
    criteria = _criteria(request)
    thresholds = await follow_up.current_thresholds()
    cards = await follow_up.list_scorecards(today=clock.today(), thresholds=thresholds, **criteria)
    everything = cards if not (criteria["q"] or criteria["flag"]) else await follow_up.list_scorecards(
        today=clock.today(), thresholds=thresholds)
    saved = request.query_params.get("saved") == "1"
    return render(request, "follow_up.html", session=session, cards=cards, criteria=criteria, columns=COLUMNS,
                  query=_query(criteria), sort_query=lambda key: _query(
                      criteria, sort=key, descending=not criteria["descending"] if criteria["sort"] == key
                      else key not in ("code", "title_th", "provider", "certification_expires")),
                  flags=follow_up.FLAG_LABELS, thresholds=thresholds, threshold_fields=THRESHOLD_FIELDS,
                  charts=[_flag_chart(everything), _l1_chart(everything)], total=len(everything),
                  flash="บันทึกเกณฑ์การแจ้งเตือนแล้ว" if saved else None)


@router.get("/follow-up/export.xlsx")
async def scorecard_export(request: Request, session: AdminSessionDep, clock: ClockDep) -> Response:
    thresholds = await follow_up.current_thresholds()
    cards = await follow_up.list_scorecards(today=clock.today(), thresholds=thresholds, **_criteria(request))
    body = follow_up.follow_up_workbook(cards, thresholds, today=clock.today())
    name = f"follow-up-{clock.today().isoformat()}.xlsx"
    return Response(body, media_type=XLSX_MEDIA_TYPE, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.post("/follow-up/thresholds")
async def save_thresholds(request: Request, session: AdminSessionDep, form: CheckedForm,
                          clock: ClockDep) -> Response:
    try:
        body = ThresholdsUpdate.model_validate({key: str(form.get(key) or "").strip() or None
                                                for key, _, _ in THRESHOLD_FIELDS})
    except ValidationError:
        thresholds = await follow_up.current_thresholds()
        cards = await follow_up.list_scorecards(today=clock.today(), thresholds=thresholds)
        criteria = _criteria(request)
        return render(request, "follow_up.html", status_code=422, session=session, cards=cards, criteria=criteria,
                      columns=COLUMNS, query="", sort_query=lambda key: _query(criteria, sort=key),
                      flags=follow_up.FLAG_LABELS, thresholds=thresholds, threshold_fields=THRESHOLD_FIELDS,
                      charts=[_flag_chart(cards), _l1_chart(cards)], total=len(cards), flash_kind="error",
                      flash="เกณฑ์ไม่ถูกต้อง: ความพึงพอใจ 1-5, ร้อยละ 0-100, เดือน 1-60 และวัน 0-730")
    await follow_up.set_thresholds(**body.model_dump(), actor=session.actor, now=clock.utcnow())
    return RedirectResponse("/admin/follow-up?saved=1", status_code=303)


def course_charts(found: follow_up.CourseFollowUp) -> list[Chart]:
    quarters = found.quarters
    labels = [q.label for q in quarters]
    axis = "ไตรมาส/ปีงบประมาณ (พ.ศ.)"

    def series(name: str, get: Any) -> tuple[str, list[Any]]:
        return name, [get(q.figures) for q in quarters]

    def rate(level: int) -> Any:
        return lambda f: next((r.rate for r in f.response_rates if r.level == level), None)

    card = found.scorecard
    return [
        period_chart("chart-people", labels, [series("รุ่นที่จัด", lambda f: f.sessions_held),
                                              series("ผู้เข้าอบรม (คน)", lambda f: f.trainees),
                                              series("ผ่านการอบรม (คน)", lambda f: f.completed)],
                     title="รุ่นที่จัดและผู้เข้าอบรมรายไตรมาส", axis_name=axis, value_name="จำนวน", kind="bar"),
        period_chart("chart-scores", labels, [series("ความพึงพอใจ (ระดับ 1)", lambda f: f.l1_mean),
                                              series("ประเมินตนเองก่อนอบรม", lambda f: f.l2_pre_mean),
                                              series("ประเมินตนเองหลังอบรม", lambda f: f.l2_post_mean)],
                     title="คะแนนเฉลี่ยรายไตรมาส (เต็ม 5)", axis_name=axis, value_name="คะแนน", max_value=5,
                     min_value=1),
        period_chart("chart-rates", labels, [series("ผ่านการอบรม", lambda f: f.completion_rate),
                                             series("นำไปใช้ในงาน (ระดับ 3)", lambda f: f.l3_applied_rate),
                                             series("ตอบระดับ 1", rate(1)), series("ตอบระดับ 2", rate(2)),
                                             series("ตอบระดับ 3", rate(3))],
                     title="ร้อยละรายไตรมาส", axis_name=axis, value_name="ร้อยละ", max_value=100, min_value=0),
        bar_chart("chart-groups", [(g.label, g.trainees) for g in card.trainees_by_target_group],
                  title="ผู้เข้าอบรมตามกลุ่มเป้าหมาย", series_name="ผู้เข้าอบรม (คน)"),
        bar_chart("chart-agencies", [(a.label, a.trainees) for a in card.trainees_by_agency[:10]],
                  title="ผู้เข้าอบรมตามหน่วยงาน (10 อันดับแรก)", series_name="ผู้เข้าอบรม (คน)"),
    ]


@router.get("/follow-up/{code}")
async def course_page(request: Request, code: str, session: AdminSessionDep, clock: ClockDep) -> Response:
    try:
        course_id = await catalogue.resolve_course_id(code)
    except CourseNotFound:
        raise HTTPException(404, "ไม่พบหลักสูตรนี้") from None
    found = await follow_up.course_follow_up(course_id, today=clock.today(),
                                             thresholds=await follow_up.current_thresholds())
    if found is None:
        raise HTTPException(404, "หลักสูตรนี้ยังไม่มีเลขที่การรับรอง")
    return render(request, "follow_up_course.html", session=session, found=found, card=found.scorecard,
                  charts=course_charts(found), flags=follow_up.FLAG_LABELS, level_label=follow_up.level_label)
