"""certificate: "ขอวุฒิบัตร" lists the member's certificates with download and verification buttons; before the
first one, the member is asked for their official name (bot/handlers/official_name.py)."""

from __future__ import annotations

from backend.services import certificates
from bot.context import Context
from bot.dispatcher import Router
from bot.handlers.common import menu_quick, say
from bot.handlers.official_name import ask_for_official_name, certificate_cards
from bot.render import certificates as rc
from bot.render import survey_texts as st

router = Router("certificate")


@router.intent("certificate")
@router.postback(rc.PB_CERTS)
async def certificate(ctx: Context) -> None:
    member = await ctx.member()
    if member is None:
        await say(ctx, st.NOT_A_MEMBER)
        return
    held = await certificates.certificates_of_member(member.id)
    if not member.official_name and (held or await certificates.waiting_for_official_name(member.id)):
        await ask_for_official_name(ctx, passed=True)
        return
    if not held:
        await say(ctx, rc.NO_CERTIFICATES, quick=menu_quick(ctx))
        return
    await ctx.send(rc.certificates_message(certificate_cards(ctx, held)))
