"""update_profile: change target group or agency."""

from __future__ import annotations

from backend.services import members
from bot.context import Context
from bot.dispatcher import STEP_KEY, Router
from bot.handlers.common import menu_quick, say
from bot.handlers.follow import SHORT_GROUP_LABELS, group_quick
from bot.render import texts
from bot.render.messages import postback_action, text

router = Router("profile")


@router.intent("update_profile")
async def profile_menu(ctx: Context) -> None:
    member = await ctx.member()
    parse = ctx.parse
    group = parse.first("target_group") if parse is not None else None
    if group is not None:
        await members.update_profile(member_id=member.id, target_group=group.value)
        await say(ctx, texts.PROFILE_UPDATED, quick=menu_quick(ctx))
        return
    body = texts.PROFILE_MENU.format(
        group=SHORT_GROUP_LABELS.get(member.target_group or "", member.target_group or "-"),
        agency=member.agency_name or member.agency_text or "-",
    )
    await ctx.send(text(body, quick=[
        postback_action(texts.PROFILE_GROUP, ctx.pb("pf", f="group"), display_text=texts.PROFILE_GROUP),
        postback_action(texts.PROFILE_AGENCY, ctx.pb("pf", f="agency"), display_text=texts.PROFILE_AGENCY),
    ]))


@router.postback("pf")
async def pick_field(ctx: Context) -> None:
    assert ctx.postback is not None
    if ctx.postback.params.get("f") == "agency":
        await ctx.state.set(ctx.user_id, STEP_KEY, {"name": "agency"}, ttl_seconds=3600)
        await say(ctx, texts.ASK_AGENCY)
        return
    await ctx.send(text(texts.ASK_TARGET_GROUP.replace("ขอบคุณค่ะ 🙏 ", ""), quick=await group_quick(ctx, onboarding=False)))
