"""Survey results rolled up per session, course, provider, agency, target group or skill area.

Thai government reports give per item the count, %, mean, standard deviation (sample, n-1) and a verbal
band (4.51-5.00 มากที่สุด … 1.00-1.50 น้อยที่สุด) of the mean rounded to two decimals. Anonymous surveys
never show a group with fewer than 5 responses, and comments never carry names.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tortoise.queryset import QuerySet

from backend import labels
from backend.models import SurveyDispatch, SurveyInvite, SurveyResponse
from backend.services.errors import ValidationFailed
from backend.services.exports import Sheet, csv_bytes, xlsx_bytes

ANONYMOUS_MIN_GROUP = 5
BANDS = ((Decimal("4.51"), "มากที่สุด"), (Decimal("3.51"), "มาก"), (Decimal("2.51"), "ปานกลาง"),
         (Decimal("1.51"), "น้อย"), (Decimal("1.00"), "น้อยที่สุด"))
SCALE_LABELS = {5: "มากที่สุด", 4: "มาก", 3: "ปานกลาง", 2: "น้อย", 1: "น้อยที่สุด"}
PHASE_TH = labels.SURVEY_PHASE


def round2(value: float) -> float:
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def verbal_band(mean: float | None) -> str:
    if mean is None:
        return ""
    rounded = Decimal(str(round2(mean)))
    for floor, label in BANDS:
        if rounded >= floor:
            return label
    return BANDS[-1][1]


def pct(part: int, whole: int) -> float:
    return round2(part * 100 / whole) if whole else 0.0


def _mean_sd(values: list[float]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return round2(mean), round2(sd)


@dataclass
class Scope:
    session_id: int | None = None
    course_id: int | None = None
    provider_id: int | None = None
    agency_id: int | None = None
    target_group: str | None = None
    skill_area: str | None = None
    template: str | None = None
    trainer_id: int | None = None  # restrict to one trainer's sessions

    def describe(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None and k != "trainer_id"}


def _dispatch_query(scope: Scope) -> QuerySet[SurveyDispatch]:
    q = SurveyDispatch.all()
    if scope.session_id is not None:
        q = q.filter(session_id=scope.session_id)
    if scope.course_id is not None:
        q = q.filter(session__course_id=scope.course_id)
    if scope.provider_id is not None:
        q = q.filter(session__course__provider_id=scope.provider_id)
    if scope.skill_area is not None:
        q = q.filter(session__course__skill_areas__code=scope.skill_area)
    if scope.template is not None:
        q = q.filter(template__code=scope.template)
    if scope.trainer_id is not None:
        q = q.filter(session__trainer_id=scope.trainer_id)
    return q.distinct()


def _member_filters(scope: Scope) -> dict[str, Any]:
    filters: dict[str, Any] = {}
    if scope.agency_id is not None:
        filters["member__agency_id"] = scope.agency_id
    if scope.target_group is not None:
        filters["member__target_group_id"] = scope.target_group
    return filters


def _item_stats(question: dict[str, Any], answers: list[dict[str, Any]]) -> dict[str, Any]:
    key, qtype = question["key"], question["type"]
    values = [a[key] for a in answers if a.get(key) not in (None, "", [])]
    item: dict[str, Any] = {"key": key, "text": question["text"], "type": qtype, "n": len(values)}
    if qtype == "scale5":
        ints = [int(v) for v in values]
        item["distribution"] = [{"value": s, "label": SCALE_LABELS[s], "count": ints.count(s),
                                 "percent": pct(ints.count(s), len(ints))} for s in (5, 4, 3, 2, 1)]
        item["mean"], item["sd"] = _mean_sd([float(v) for v in ints])
        item["band"] = verbal_band(item["mean"])
    elif qtype in ("single", "multi"):
        flat = [v for value in values for v in (value if isinstance(value, list) else [value])]
        item["distribution"] = [{"value": o["value"], "label": o["label"], "count": flat.count(o["value"]),
                                 "percent": pct(flat.count(o["value"]), len(values))}
                                for o in question["options"]]
    elif qtype == "number":
        nums = [float(v) for v in values]
        item["mean"], item["sd"] = _mean_sd(nums)
        item["min"] = min(nums) if nums else None
        item["max"] = max(nums) if nums else None
    else:
        item["answers"] = [str(v) for v in values]
    return item


async def survey_report(scope: Scope) -> dict[str, Any]:
    """Response rates and per item statistics for every (template, phase) in the scope."""
    dispatches = await _dispatch_query(scope).select_related("template")
    member_filters = _member_filters(scope)
    groups: dict[tuple[str, str], list[SurveyDispatch]] = {}
    for d in dispatches:
        groups.setdefault((d.template.code, str(d.phase.value if hasattr(d.phase, "value") else d.phase)),
                          []).append(d)
    results: list[dict[str, Any]] = []
    for (code, phase), ds in sorted(groups.items(), key=lambda kv: (kv[1][0].template.level, kv[0])):
        template = ds[0].template
        ids = [d.id for d in ds]
        invited = await SurveyInvite.filter(dispatch_id__in=ids, **member_filters).count()
        if member_filters and not invited:
            continue  # nobody of this agency / target group was asked
        answers = [r.answers for r in await SurveyResponse.filter(
            dispatch_id__in=ids, completed_at__isnull=False, **member_filters).order_by("id")]
        anonymous = any(d.anonymous for d in ds)
        group: dict[str, Any] = {
            "template": code, "title": template.title_th, "level": template.level, "phase": phase,
            "phase_th": PHASE_TH.get(phase, phase), "dispatches": len(ds), "anonymous": anonymous,
            "invited": invited, "responded": len(answers), "response_rate": pct(len(answers), invited),
        }
        if anonymous and len(answers) < ANONYMOUS_MIN_GROUP:
            group.update(suppressed=True, items=[], comments=[],
                         note_th=f"มีผู้ตอบน้อยกว่า {ANONYMOUS_MIN_GROUP} คน จึงไม่แสดงผลเพื่อปกป้องผู้ตอบ")
            results.append(group)
            continue
        # A retired question (no longer asked) is reported when some of these answers have it.
        items = [item for q in template.questions
                 if not ((item := _item_stats(q, answers))["n"] == 0 and q.get("retired"))]
        group["suppressed"] = False
        group["items"] = items
        group["comments"] = [{"question": it["key"], "text": text} for it in items
                             if it["type"] == "text" for text in it["answers"]]
        if template.level == 3:
            used = next((it for it in items if it["type"] == "single"
                         and any(o["value"] == "yes" for o in it["distribution"])), None)
            if used is not None:
                yes = next(o for o in used["distribution"] if o["value"] == "yes")
                group["usage_rate"] = yes["percent"]
                group["usage_count"] = yes["count"]
        results.append(group)
    return {"scope": scope.describe(), "groups": results, "prepost": _prepost(results)}


def _prepost(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """L2: per scale item, mean before and after and the change."""
    out = []
    by_key = {(g["template"], g["phase"]): g for g in groups if g["level"] == 2 and not g.get("suppressed")}
    for (code, phase), pre in by_key.items():
        post = by_key.get((code, "post"))
        if phase != "pre" or post is None:
            continue
        post_items = {it["key"]: it for it in post["items"]}
        rows = []
        for it in pre["items"]:
            other = post_items.get(it["key"])
            if other is None or it.get("mean") is None or other.get("mean") is None:
                continue
            rows.append({"key": it["key"], "text": it["text"], "n_pre": it["n"], "n_post": other["n"],
                         "mean_pre": it["mean"], "mean_post": other["mean"],
                         "change": round2(other["mean"] - it["mean"])})
        out.append({"template": code, "items": rows})
    return out


# ---------------------------------------------------------------- export

HEADERS_TH = ["แบบประเมิน", "ช่วงการประเมิน", "ผู้ได้รับแบบประเมิน", "ผู้ตอบ", "อัตราการตอบกลับ (%)", "รหัสข้อ",
              "ข้อคำถาม", "ตัวเลือก", "จำนวน", "ร้อยละ", "ค่าเฉลี่ย", "ส่วนเบี่ยงเบนมาตรฐาน", "ระดับความพึงพอใจ"]


def report_rows(report: dict[str, Any]) -> list[list[Any]]:
    rows: list[list[Any]] = [HEADERS_TH]
    for g in report["groups"]:
        head = [g["title"], g["phase_th"], g["invited"], g["responded"], g["response_rate"]]
        if g.get("suppressed"):
            rows.append(head + ["", g["note_th"], "", "", "", "", "", ""])
            continue
        for it in g["items"]:
            if it["type"] == "text":
                continue
            rows.append(head + [it["key"], it["text"], "รวม", it["n"], "", it.get("mean", ""), it.get("sd", ""),
                                it.get("band", "")])
            for o in it.get("distribution", []):
                rows.append(head + [it["key"], it["text"], o["label"], o["count"], o["percent"], "", "", ""])
        for c in g["comments"]:
            rows.append(head + [c["question"], "ข้อเสนอแนะ", c["text"], "", "", "", "", ""])
    return rows


def to_csv(report: dict[str, Any]) -> bytes:
    header, *rows = report_rows(report)
    return csv_bytes(header, rows)


def to_xlsx(report: dict[str, Any]) -> bytes:
    header, *rows = report_rows(report)
    return xlsx_bytes([Sheet("ผลการประเมิน", header, rows)])


def parse_format(value: str) -> str:
    if value not in ("json", "csv", "xlsx"):
        raise ValidationFailed.field("format", "json, csv or xlsx")
    return value
