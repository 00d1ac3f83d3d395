"""Follow -> greeting + PDPA consent -> target group -> agency; unfollow -> inactive, no more pushes."""

from __future__ import annotations

from backend.services import framework, members
from bot.context import Context
from bot.dispatcher import STEP_KEY, Router
from bot.filters import code, flag, integer
from bot.handlers.common import menu_quick, say
from bot.render import profile, texts
from bot.render.messages import Message, text

router = Router("follow")
CONSENT_VERSION = "2026-11"
PROFILE_STEP_SECONDS = 3600


async def ask_target_group(ctx: Context, *, onboarding: bool) -> Message:
    return profile.ask_target_group(await framework.list_target_groups(), ctx.pb, onboarding=onboarding)


@router.event("follow")
async def follow(ctx: Context) -> None:
    member = await ctx.member()  # looked up with the other events handled at this moment
    if member is not None and not member.active:
        member = await members.reactivate_member(ctx.user_id)
    greeting = profile.greeting()
    if member is not None and member.consent_at is not None:
        await ctx.send(greeting, text(texts.HELP, quick=menu_quick(ctx)))
        return
    await ctx.send(greeting, profile.consent_request(ctx.pb))


@router.event("unfollow")
async def unfollow(ctx: Context) -> None:
    await members.deactivate_member(ctx.user_id)
    await ctx.state.clear(ctx.user_id)


@router.postback("start")
async def ask_consent(ctx: Context) -> None:
    await ctx.send(profile.consent_request(ctx.pb))


@router.postback("consent")
async def consent(ctx: Context) -> None:
    existing = await ctx.member()
    name = await ctx.line.get_display_name(ctx.user_id) or ""
    await members.record_consent(line_user_id=ctx.user_id, version=CONSENT_VERSION, display_name=name, clock=ctx.clock)
    await ctx.member(refresh=True)
    if existing is not None and existing.consent_at is not None:
        await say(ctx, texts.PROFILE_DONE, quick=menu_quick(ctx))
        return
    await ctx.state.set(ctx.user_id, STEP_KEY, {"name": "onboarding"}, ttl_seconds=PROFILE_STEP_SECONDS)
    await ctx.send(await ask_target_group(ctx, onboarding=True))


@router.postback("consent_no")
async def decline(ctx: Context) -> None:
    await ctx.state.clear(ctx.user_id)
    await ctx.send(profile.consent_declined(ctx.pb))


@router.postback("tg", group=code("g", default=None), onboarding=flag("o"))
async def set_group(ctx: Context, group: str | None, onboarding: bool) -> None:
    member = await ctx.member()
    assert member is not None
    if group:
        await members.update_profile(member_id=member.id, target_group=group)
    if onboarding:
        await ctx.state.set(ctx.user_id, STEP_KEY, {"name": "agency"}, ttl_seconds=PROFILE_STEP_SECONDS)
        await ctx.send(profile.ask_agency(ctx.pb))
        return
    await say(ctx, texts.PROFILE_UPDATED, quick=menu_quick(ctx))


@router.step("agency")
async def agency_text(ctx: Context) -> None:
    member = await ctx.member()
    assert member is not None
    update = await members.update_profile(member_id=member.id, agency_text=ctx.text)
    if update.agency_candidates:
        await ctx.send(profile.pick_agency(update.agency_candidates, ctx.pb))
        return
    await ctx.state.delete(ctx.user_id, STEP_KEY)
    if update.member.agency_id is None:
        await say(ctx, profile.agency_not_found(ctx.text), quick=menu_quick(ctx))
        return
    await say(ctx, profile.agency_saved(update.member.agency_name), quick=menu_quick(ctx))


@router.postback("ag", agency_id=integer("a", default=None))
async def pick_agency(ctx: Context, agency_id: int | None) -> None:
    member = await ctx.member()
    assert member is not None
    await ctx.state.delete(ctx.user_id, STEP_KEY)
    if agency_id:
        update = await members.update_profile(member_id=member.id, agency_id=agency_id)
        await say(ctx, profile.agency_saved(update.member.agency_name), quick=menu_quick(ctx))
        return
    await say(ctx, texts.PROFILE_DONE, quick=menu_quick(ctx))
