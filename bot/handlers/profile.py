"""update_profile: change target group or agency (or leave them: "ไม่เปลี่ยน")."""

from __future__ import annotations

from backend.services import members
from bot.context import Context
from bot.dispatcher import STEP_KEY, Router
from bot.filters import code
from bot.handlers.common import menu_quick, say
from bot.handlers.follow import PROFILE_STEP_SECONDS, ask_target_group
from bot.render import profile, texts

router = Router("profile")


@router.intent("update_profile")
async def profile_menu(ctx: Context) -> None:
    member = await ctx.member()
    assert member is not None
    group = ctx.parse.first("target_group") if ctx.parse is not None else None
    if group is not None and isinstance(group.value, str):  # a target group's value is its code
        await members.update_profile(member_id=member.id, target_group=group.value)
        await say(ctx, texts.PROFILE_UPDATED, quick=menu_quick(ctx))
        return
    await ctx.send(profile.profile_menu(target_group=member.target_group,
                                        agency=member.agency_name or member.agency_text, pb=ctx.pb))


@router.postback("pf", field=code("f", default="group"))
async def pick_field(ctx: Context, field: str) -> None:
    if field == "agency":
        await ctx.state.set(ctx.user_id, STEP_KEY, {"name": "agency"}, ttl_seconds=PROFILE_STEP_SECONDS)
        await ctx.send(profile.ask_agency(ctx.pb, onboarding=False))
        return
    await ctx.send(await ask_target_group(ctx, onboarding=False))


@router.postback("pf_keep")
async def keep(ctx: Context) -> None:
    """"ไม่เปลี่ยน": nothing changes; a pending agency question is dropped."""
    step = await ctx.state.get(ctx.user_id, STEP_KEY)
    if step and step.get("name") == "agency":
        await ctx.state.delete(ctx.user_id, STEP_KEY)
    await say(ctx, texts.PROFILE_KEPT, quick=menu_quick(ctx))
