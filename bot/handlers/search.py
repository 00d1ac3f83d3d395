"""search_courses: NLU filters -> catalogue search -> carousel with paging; course detail."""

from __future__ import annotations

import secrets
from typing import Any

from backend.services import catalogue
from backend.services.errors import DomainError
from bot.context import Context
from bot.dispatcher import Router
from bot.filters import code, integer
from bot.handlers.common import error_text, menu_quick, say
from bot.render import courses, texts
from bot.render.limits import CAROUSEL_MAX_BUBBLES
from bot.render.messages import message_action, text

router = Router("search")
PAGE_SIZE = CAROUSEL_MAX_BUBBLES - 1  # the last bubble is "ดูเพิ่มเติม"
SEARCH_STATE = "search"
# The same search or course card within this many seconds is answered from the worker's copy (seat
# counts that old; registering always checks the database).
SEARCH_MAX_AGE_SECONDS = 3.0


def filters_from_parse(parse: Any, text: str) -> dict[str, Any]:
    """Search arguments from NLU entities (JSON-safe, kept in state for paging)."""
    filters: dict[str, Any] = {}
    if parse is None:
        return filters
    topics = parse.values("topic")
    if topics:
        filters["topics"] = list(dict.fromkeys(topics))
    group = parse.first("target_group")
    if group:
        filters["target_group"] = group.value
    modality = parse.first("modality")
    if modality:
        if modality.value == "online":
            filters["online"] = True
        else:
            filters["modality"] = modality.value
    province = parse.first("province")
    if province:
        filters["province"] = province.value
    date = parse.first("date")
    if date:
        filters["date_from"] = date.value["start"]
        filters["date_to"] = date.value["end"]
    code = parse.first("course_code")
    if code:
        filters["q"] = code.value
    return filters


async def run_search(ctx: Context, filters: dict[str, Any], page: int, search_id: str) -> None:
    import datetime as dt

    member = await ctx.member()
    prefer = None
    if "target_group" not in filters and member is not None and member.target_group:
        prefer = member.target_group
    args = dict(filters)
    for key in ("date_from", "date_to"):
        if key in args:
            args[key] = dt.date.fromisoformat(args[key])
    try:
        result = await catalogue.search_courses_recent(
            **args, prefer_target_group=prefer, page=page, page_size=PAGE_SIZE, open_only=False, clock=ctx.clock,
            max_age_seconds=SEARCH_MAX_AGE_SECONDS,
        )
    except DomainError as exc:
        await say(ctx, error_text(exc))
        return
    if result.total == 0:
        await say(ctx, texts.SEARCH_NONE, quick=[message_action(s) for s in texts.SEARCH_SUGGESTIONS])
        return
    if not result.items:
        await say(ctx, texts.SEARCH_END, quick=menu_quick(ctx))
        return
    shown_before = (page - 1) * PAGE_SIZE
    more = None
    if shown_before + len(result.items) < result.total:
        more = ctx.pb("more", k=search_id, p=page + 1)
    carousel = courses.search_results(result.items, total=result.total, shown_before=shown_before,
                                      more_data=more)
    head = texts.SEARCH_HEAD.format(count=result.total) if page == 1 else texts.SEARCH_PAGE.format(page=page)
    await ctx.send(text(head), carousel)


@router.intent("search_courses")
async def search(ctx: Context) -> None:
    filters = filters_from_parse(ctx.parse, ctx.text)
    search_id = secrets.token_hex(4)
    await ctx.state.set(ctx.user_id, SEARCH_STATE, {"id": search_id, "filters": filters}, ttl_seconds=3600)
    await run_search(ctx, filters, 1, search_id)


@router.postback("more", search_id=code("k", default=None), page=integer("p", default=1))
async def more(ctx: Context, search_id: str | None, page: int) -> None:
    saved = await ctx.state.get(ctx.user_id, SEARCH_STATE)
    if not saved or saved.get("id") != search_id:
        await say(ctx, texts.START_AGAIN, quick=menu_quick(ctx))
        return
    await run_search(ctx, saved["filters"], max(1, page), saved["id"])


@router.postback("course", course_code=code("c"))
async def course_detail(ctx: Context, course_code: str) -> None:
    try:
        course = await catalogue.get_course_recent(course_code, clock=ctx.clock,
                                                   max_age_seconds=SEARCH_MAX_AGE_SECONDS)
    except DomainError as exc:
        await say(ctx, error_text(exc))
        return
    await ctx.state.set(ctx.user_id, "last_course", {"c": course.code}, ttl_seconds=1800)
    await ctx.send(courses.course_detail(course))
