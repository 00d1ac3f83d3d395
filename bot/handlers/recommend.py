"""Skill-gap recommendations: "แนะนำหลักสูตรสำหรับท่าน" (rich menu), "ควรเรียนอะไรดี", "มีอะไรแนะนำ" ...
The NLU files these under search_courses; the bot recognises the asking-for-advice phrasings itself. A request
that names a topic, a place or a date is a search after all and goes on to it."""

from __future__ import annotations

from backend.services import recommendations
from backend.services.errors import DomainError
from bot.context import Context
from bot.dispatcher import Router, SkipHandler
from bot.handlers.common import error_text, menu_quick, say
from bot.phrases import asks_for_recommendations
from bot.render import texts
from bot.render.messages import message_action, text
from bot.render.recommendations import recommendations_carousel

router = Router("recommend")
SEARCH_ENTITIES = ("topic", "province", "date", "course_code", "modality", "target_group")


@router.phrase("recommend_courses", asks_for_recommendations)
async def recommend(ctx: Context) -> None:
    parse = ctx.parse
    if parse is not None and any(parse.first(kind) for kind in SEARCH_ENTITIES):
        raise SkipHandler(("intent", "search_courses"))
    member = await ctx.member()
    if member is None:
        return
    if not member.target_group:
        await say(ctx, texts.RECOMMEND_NO_GROUP, quick=[message_action(texts.INTENT_LABELS["update_profile"])])
        return
    try:
        report = await recommendations.skill_gaps_for_member(member.id, clock=ctx.clock)
    except DomainError as exc:
        await say(ctx, error_text(exc), quick=menu_quick(ctx))
        return
    year = report.fiscal_year.label_th
    search = [message_action(texts.INTENT_LABELS["search_courses"])]
    if not report.gaps:
        await say(ctx, texts.RECOMMEND_ALL_MET.format(year=year), quick=search)
        return
    if not report.recommendations:
        await say(ctx, texts.RECOMMEND_NONE_OPEN.format(area=report.gaps[0].name_th), quick=search)
        return
    await ctx.send(text(texts.RECOMMEND_HEAD.format(year=year)),
                   recommendations_carousel(report.recommendations, year_label=year))
