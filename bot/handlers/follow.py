"""Follow -> greeting + PDPA consent -> target group -> agency; unfollow -> inactive, no more pushes."""

from __future__ import annotations

from backend.services import framework, members
from bot.context import Context
from bot.dispatcher import STEP_KEY, Router
from bot.handlers.common import menu_quick, say
from bot.render import texts
from bot.render.messages import Action, postback_action, text

router = Router("follow")
CONSENT_VERSION = "2026-11"
SHORT_GROUP_LABELS = {
    "executive": "ผู้บริหารระดับสูง",
    "director": "ผู้อำนวยการกอง",
    "policy_academic": "นโยบาย/วิชาการ",
    "service": "งานบริการ",
    "technologist": "สายเทคโนโลยี",
    "other": "อื่น ๆ",
}


def consent_quick(ctx: Context) -> list[Action]:
    return [
        postback_action(texts.CONSENT_ACCEPT, ctx.pb("consent"), display_text=texts.CONSENT_ACCEPT),
        postback_action(texts.CONSENT_DECLINE, ctx.pb("consent_no"), display_text=texts.CONSENT_DECLINE),
    ]


async def group_quick(ctx: Context, *, onboarding: bool) -> list[Action]:
    groups = await framework.list_target_groups()
    actions = [
        postback_action(SHORT_GROUP_LABELS.get(g.code, g.name_th), ctx.pb("tg", g=g.code, o=int(onboarding)),
                        display_text=g.name_th)
        for g in groups
    ][:12]
    if onboarding:
        actions.append(postback_action(texts.PROFILE_SKIP, ctx.pb("tg", g="", o=1), display_text=texts.PROFILE_SKIP))
    return actions


@router.event("follow")
async def follow(ctx: Context) -> None:
    member = await members.reactivate_member(ctx.user_id)
    name = await ctx.line.get_display_name(ctx.user_id) or ""
    greeting = text(texts.GREETING.format(name=f" คุณ{name}" if name else ""))
    if member is not None and member.consent_at is not None:
        await ctx.send(greeting, text(texts.HELP, quick=menu_quick(ctx)))
        return
    await ctx.send(greeting, text(texts.CONSENT, quick=consent_quick(ctx)))


@router.event("unfollow")
async def unfollow(ctx: Context) -> None:
    await members.deactivate_member(ctx.user_id)
    await ctx.state.clear(ctx.user_id)


@router.postback("start")
@router.on("consent_required")
async def ask_consent(ctx: Context) -> None:
    body = texts.CONSENT if ctx.postback is not None else f"{texts.CONSENT_REQUIRED}\n\n{texts.CONSENT}"
    await ctx.send(text(body, quick=consent_quick(ctx)))


@router.postback("consent")
async def consent(ctx: Context) -> None:
    existing = await ctx.member()
    name = await ctx.line.get_display_name(ctx.user_id) or ""
    await members.record_consent(line_user_id=ctx.user_id, version=CONSENT_VERSION, display_name=name, clock=ctx.clock)
    await ctx.member(refresh=True)
    if existing is not None and existing.consent_at is not None:
        await say(ctx, texts.PROFILE_DONE, quick=menu_quick(ctx))
        return
    await ctx.state.set(ctx.user_id, STEP_KEY, {"name": "onboarding"}, ttl_seconds=3600)
    await ctx.send(text(texts.ASK_TARGET_GROUP, quick=await group_quick(ctx, onboarding=True)))


@router.postback("consent_no")
async def decline(ctx: Context) -> None:
    await ctx.state.clear(ctx.user_id)
    await say(ctx, texts.CONSENT_DECLINED,
              quick=[postback_action(texts.START_AGAIN_LABEL, ctx.pb("start"), display_text=texts.START_AGAIN_LABEL)])


@router.postback("tg")
async def set_group(ctx: Context) -> None:
    assert ctx.postback is not None
    member = await ctx.member()
    code = ctx.postback.params.get("g") or None
    if code:
        await members.update_profile(member_id=member.id, target_group=code)
    if ctx.postback.params.get("o") == "1":
        await ctx.state.set(ctx.user_id, STEP_KEY, {"name": "agency"}, ttl_seconds=3600)
        await ctx.send(text(texts.ASK_AGENCY, quick=[
            postback_action(texts.PROFILE_SKIP, ctx.pb("ag", a=""), display_text=texts.PROFILE_SKIP)]))
        return
    await say(ctx, texts.PROFILE_UPDATED, quick=menu_quick(ctx))


@router.step("agency")
async def agency_text(ctx: Context) -> None:
    member = await ctx.member()
    update = await members.update_profile(member_id=member.id, agency_text=ctx.text)
    if update.agency_candidates:
        quick = [postback_action(c.short_name or c.name, ctx.pb("ag", a=c.id), display_text=c.name)
                 for c in update.agency_candidates[:5]]
        quick.append(postback_action("ไม่มีในรายการ", ctx.pb("ag", a=""), display_text="ไม่มีในรายการ"))
        await ctx.send(text(texts.AGENCY_PICK, quick=quick))
        return
    await ctx.state.delete(ctx.user_id, STEP_KEY)
    if update.member.agency_id is None:
        await say(ctx, texts.AGENCY_NOT_FOUND.format(text=ctx.text[:100]) + "\n" + texts.PROFILE_DONE,
                  quick=menu_quick(ctx))
        return
    await say(ctx, f"หน่วยงาน: {update.member.agency_name}\n{texts.PROFILE_DONE}", quick=menu_quick(ctx))


@router.postback("ag")
async def pick_agency(ctx: Context) -> None:
    assert ctx.postback is not None
    member = await ctx.member()
    agency_id = ctx.postback.int("a")
    await ctx.state.delete(ctx.user_id, STEP_KEY)
    if agency_id:
        update = await members.update_profile(member_id=member.id, agency_id=agency_id)
        await say(ctx, f"หน่วยงาน: {update.member.agency_name}\n{texts.PROFILE_DONE}", quick=menu_quick(ctx))
        return
    await say(ctx, texts.PROFILE_DONE, quick=menu_quick(ctx))
