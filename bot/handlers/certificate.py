"""certificate: "ขอใบประกาศ" lists the member's certificates with download and verification buttons."""

from __future__ import annotations

from bot.context import Context
from bot.dispatcher import Router
from bot.handlers.common import menu_quick, say
from bot.render import survey_texts as st

router = Router("certificate")


@router.intent("certificate")
@router.postback(st.PB_CERTS)
async def certificate(ctx: Context) -> None:
    from backend.services import certificates

    member = await ctx.member()
    if member is None:
        await say(ctx, st.NOT_A_MEMBER)
        return
    certs = await certificates.certificates_of_member(member.id)
    if not certs:
        await say(ctx, st.NO_CERTIFICATES, quick=menu_quick(ctx))
        return
    s = ctx.settings
    await ctx.send(st.certificates_message([
        {"number": c.number, "course_title": c.course.title_th, "hours": _hours(c.hours),
         "issued_on": c.issued_at.astimezone(ctx.clock.tz).date(), "status": "revoked" if c.revoked_at else "valid",
         "download_url": certificates.download_url(s.public_base_url, s.secret_key, c.number),
         "verify_url": certificates.verify_url(s.public_base_url, c.number, c.check_code)}
        for c in certs
    ]))


def _hours(value: object) -> str:
    text = f"{value}"
    return text[:-2] if text.endswith(".0") else text
