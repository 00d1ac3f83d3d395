"""Broadcast pages: compose with a live audience count and a LINE-style preview, progress, cancel."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from backend.admin.dates import DateInputError, parse_datetime_input
from backend.admin.web import AdminRoute, AdminSessionDep, CheckedForm, form_list, render
from backend.api.params import IdPath
from backend.deps import ClockDep
from backend.schemas.broadcasts import AudienceFilter, BroadcastCreate
from backend.services import audit, catalogue, members
from backend.services.audience import audience_names, count_audience
from backend.services.broadcasts import (
    BroadcastConfig,
    BroadcastError,
    broadcast_progress,
    cancel_broadcast,
    create_broadcast,
    enqueue_broadcast,
    find_broadcast,
    image_link_message,
    recent_broadcasts,
    text_message,
)
from backend.services.framework import list_target_groups
from backend.services.provinces import official_provinces

if TYPE_CHECKING:
    from backend.models import Broadcast

router = APIRouter(prefix="/broadcasts", route_class=AdminRoute)

class FormProblem(ValueError):
    pass


def _int_or_none(value: Any) -> int | None:
    try:
        return int(str(value)) if value not in (None, "") else None
    except ValueError as exc:
        raise FormProblem("รหัสรุ่นหรือหลักสูตรต้องเป็นตัวเลข") from exc


def audience_from_form(form: dict[str, Any]) -> AudienceFilter:
    return AudienceFilter(
        target_groups=form_list(form, "target_groups"),
        agency_ids=[int(v) for v in form_list(form, "agency_ids") if v.isdigit()],
        provinces=form_list(form, "provinces"),
        course_id=_int_or_none(form.get("course_id")),
        session_id=_int_or_none(form.get("session_id")),
        # any other text than the three choices is refused by the model (a ValidationError, shown on the form)
        completion=str(form.get("completion") or "any"),  # type: ignore[arg-type]
        survey_not_answered=form.get("survey_not_answered") == "1",
    )


def messages_from_form(form: dict[str, Any]) -> list[dict[str, Any]]:
    kind = str(form.get("kind") or "text")
    if kind == "text":
        text = str(form.get("text") or "").strip()
        if not text:
            raise FormProblem("กรุณาพิมพ์ข้อความที่จะส่ง")
        return [text_message(text)]
    if kind == "image":
        image_url = str(form.get("image_url") or "").strip()
        link_url = str(form.get("link_url") or "").strip()
        if not image_url.startswith("https://") or (link_url and not link_url.startswith("https://")):
            raise FormProblem("ลิงก์รูปภาพและลิงก์ปลายทางต้องขึ้นต้นด้วย https://")
        alt = str(form.get("alt_text") or "").strip() or "ประกาศจาก สดช."
        return [image_link_message(image_url=image_url, link_url=link_url, alt_text=alt)]
    if kind == "flex":
        try:
            contents = json.loads(str(form.get("flex_json") or ""))
        except json.JSONDecodeError as exc:
            raise FormProblem("ข้อความแบบ Flex (JSON) ไม่ถูกต้อง") from exc
        if not isinstance(contents, dict) or contents.get("type") not in ("bubble", "carousel"):
            raise FormProblem("ข้อความแบบ Flex ต้องเป็น bubble หรือ carousel")
        alt = str(form.get("alt_text") or "").strip() or "ประกาศจาก สดช."
        return [{"type": "flex", "altText": alt[:400], "contents": contents}]
    raise FormProblem("รูปแบบข้อความไม่ถูกต้อง")


def _flex_texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [str(node["text"])] if node.get("type") == "text" and node.get("text") else []
        for value in node.values():
            found.extend(_flex_texts(value))
        return found
    if isinstance(node, list):
        return [t for item in node for t in _flex_texts(item)]
    return []


def preview_items(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the chat shows: text bubbles, images, Flex bubbles (hero image, texts, link)."""
    items = []
    for message in messages:
        if message["type"] == "text":
            items.append({"kind": "text", "text": message["text"]})
        elif message["type"] == "image":
            items.append({"kind": "image", "url": message["previewImageUrl"]})
        elif message["type"] == "flex":
            contents = message["contents"]
            bubbles = contents.get("contents", []) if contents.get("type") == "carousel" else [contents]
            for bubble in bubbles:
                hero = bubble.get("hero") or {}
                action = hero.get("action") or {}
                items.append({"kind": "flex", "image": hero.get("url"), "link": action.get("uri"),
                              "texts": _flex_texts(bubble.get("body") or {}), "alt": message.get("altText")})
    return items


async def _choices() -> dict[str, Any]:
    return {
        "groups": await list_target_groups(),
        "agencies": await members.list_agencies(limit=500),
        "courses": await catalogue.course_choices(limit=500),
        "provinces": official_provinces(),
    }


def _config(request: Request) -> BroadcastConfig:
    return BroadcastConfig.from_settings(request.app.state.settings)


@router.get("")
async def broadcasts_page(request: Request, session: AdminSessionDep) -> Response:
    rows = []
    for broadcast in await recent_broadcasts():
        rows.append(await broadcast_progress(broadcast, config=_config(request)))
    return render(request, "broadcasts.html", session=session, rows=rows, form={}, **await _choices())


@router.post("/audience-count")
async def audience_count(request: Request, session: AdminSessionDep, form: CheckedForm) -> HTMLResponse:
    try:
        count = await count_audience(audience_from_form(form))
    except (FormProblem, ValidationError):
        return HTMLResponse('<span class="muted">ตัวกรองไม่ถูกต้อง</span>')
    return HTMLResponse(f'<span class="count-big" data-audience-count="{count}">{count:,}</span> คน')


@router.post("/preview")
async def preview(request: Request, session: AdminSessionDep, form: CheckedForm) -> Response:
    try:
        items = preview_items(messages_from_form(form))
    except FormProblem as exc:
        return HTMLResponse(f'<p class="muted">{_escape(str(exc))}</p>')
    return render(request, "_line_preview.html", session=session, items=items)


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


@router.post("")
async def create(request: Request, session: AdminSessionDep, form: CheckedForm, clock: ClockDep) -> Response:
    try:
        send_at = parse_datetime_input(form.get("send_at"), field_th="เวลาส่ง", tz=clock.tz)
        body = BroadcastCreate(
            title=str(form.get("title") or ""), audience=audience_from_form(form),
            messages=messages_from_form(form), send_at=send_at, urgent=form.get("urgent") == "1",
        )
    except (FormProblem, DateInputError, ValidationError) as exc:
        message = str(exc) if isinstance(exc, FormProblem | DateInputError) else "ข้อมูลประกาศไม่ครบหรือไม่ถูกต้อง"
        rows = [await broadcast_progress(b, config=_config(request)) for b in await recent_broadcasts()]
        return render(request, "broadcasts.html", status_code=422, session=session, rows=rows,
                      form=form, flash=message, flash_kind="error", **await _choices())
    broadcast = await create_broadcast(body, actor=session.actor, now=clock.utcnow())
    await audit.record(actor=session.actor, action="broadcast.create", target_type="broadcast",
                       target_id=broadcast.id, details={"urgent": body.urgent,
                                                        "audience": body.audience.model_dump()})
    await enqueue_broadcast(request.app.state.runtime.queue, broadcast, now=clock.utcnow())
    return RedirectResponse(f"/admin/broadcasts/{broadcast.id}", status_code=303)


async def _broadcast_or_404(broadcast_id: int) -> Broadcast:
    broadcast = await find_broadcast(broadcast_id)
    if broadcast is None:
        raise HTTPException(404, "ไม่พบประกาศนี้")
    return broadcast


@router.get("/{broadcast_id}")
async def detail(request: Request, broadcast_id: IdPath, session: AdminSessionDep) -> Response:
    broadcast = await _broadcast_or_404(broadcast_id)
    progress = await broadcast_progress(broadcast, config=_config(request))
    return render(request, "broadcast_detail.html", session=session, b=broadcast, p=progress,
                  items=preview_items(list(broadcast.messages)),
                  audience_lines=await describe_audience(AudienceFilter(**broadcast.audience)))


async def describe_audience(audience: AudienceFilter) -> list[str]:
    """The filter in Thai, one criterion per line."""
    if audience.is_everyone:
        return ["สมาชิกทุกคนที่ยังติดตามบัญชีอยู่"]
    lines = []
    names = await audience_names(audience)
    if audience.target_groups:
        lines.append("กลุ่มเป้าหมาย: " + ", ".join(names.target_groups))
    if audience.agency_ids:
        lines.append("หน่วยงาน: " + ", ".join(names.agencies))
    if audience.provinces:
        lines.append("จังหวัด: " + ", ".join(audience.provinces))
    if audience.names_a_course:
        lines.append(f"สมัครหลักสูตร {names.course_code or audience.course_code or audience.course_id}")
    if audience.session_id is not None:
        lines.append(f"สมัครรุ่นรหัส {audience.session_id}")
    if audience.completion != "any":
        lines.append("ผ่านการอบรมแล้ว" if audience.completion == "completed" else "ยังไม่ผ่านการอบรม")
    if audience.survey_not_answered:
        lines.append("ยังไม่ตอบแบบประเมิน")
    return lines


@router.get("/{broadcast_id}/progress")
async def progress_fragment(request: Request, broadcast_id: IdPath, session: AdminSessionDep) -> Response:
    broadcast = await _broadcast_or_404(broadcast_id)
    progress = await broadcast_progress(broadcast, config=_config(request))
    return render(request, "_broadcast_progress.html", session=session, p=progress)


@router.post("/{broadcast_id}/cancel")
async def cancel(request: Request, broadcast_id: IdPath, session: AdminSessionDep, form: CheckedForm,
                 clock: ClockDep) -> Response:
    await _broadcast_or_404(broadcast_id)
    try:
        await cancel_broadcast(broadcast_id, now=clock.utcnow())
    except BroadcastError:
        pass
    else:
        await audit.record(actor=session.actor, action="broadcast.cancel", target_type="broadcast",
                           target_id=broadcast_id)
    return RedirectResponse(f"/admin/broadcasts/{broadcast_id}", status_code=303)
