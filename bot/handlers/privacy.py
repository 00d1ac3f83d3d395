"""delete_my_data: a copy of my data (a signed download link) or deletion (confirm, delete personal data,
keep anonymous statistics, say what was deleted)."""

from __future__ import annotations

from backend.services import members
from backend.services.data_export_links import export_url
from bot.context import Context
from bot.dispatcher import Router
from bot.handlers.common import menu_quick, say
from bot.phrases import asks_for_a_copy
from bot.render import privacy, texts

router = Router("privacy")
DELETE_STATE = "confirm_delete"


@router.intent("delete_my_data")
async def privacy_menu(ctx: Context) -> None:
    await ctx.send(privacy.privacy_menu(ctx.pb))


@router.phrase("export_my_data", asks_for_a_copy)
@router.postback("priv_copy")
async def send_copy_link(ctx: Context) -> None:
    member = await ctx.member()
    assert member is not None
    url = export_url(ctx.settings.public_base_url, ctx.settings.secret_key, member.id,
                     issued_at=ctx.clock.timestamp())
    await ctx.send(privacy.copy_link(url, quick=menu_quick(ctx)))


@router.postback("priv_no")
async def menu_cancelled(ctx: Context) -> None:
    await say(ctx, texts.PRIVACY_CANCELLED, quick=menu_quick(ctx))


@router.postback("priv_del")
async def ask_delete(ctx: Context) -> None:
    await ctx.state.set(ctx.user_id, DELETE_STATE, {"ok": 1}, ttl_seconds=600)
    await ctx.send(privacy.confirm_delete(ctx.pb))


@router.postback("del_ok")
async def delete(ctx: Context) -> None:
    if not await ctx.state.pop(ctx.user_id, DELETE_STATE):
        await say(ctx, texts.START_AGAIN, quick=menu_quick(ctx))
        return
    member = await ctx.member()
    assert member is not None
    report = await members.delete_member_data(member_id=member.id, actor=f"line:{member.id}", clock=ctx.clock,
                                              channel=ctx.runtime.channel_memory, announcer=ctx.runtime.announcer)
    await ctx.state.clear(ctx.user_id)
    await ctx.member(refresh=True)  # gone: nothing more is logged for this user
    await ctx.send(privacy.deletion_report(report, ctx.pb))


@router.postback("del_no")
async def keep(ctx: Context) -> None:
    await ctx.state.delete(ctx.user_id, DELETE_STATE)
    await say(ctx, texts.DELETE_KEPT, quick=menu_quick(ctx))
