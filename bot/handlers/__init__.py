"""The bot's middlewares and routers, in the order they run and are tried (first match wins). The one place
that order is set."""

from __future__ import annotations

from bot.dispatcher import Dispatcher


def build_dispatcher() -> Dispatcher:
    from bot import middlewares
    from bot.handlers import (
        certificate,
        fallback,
        follow,
        handover,
        media,
        my_registrations,
        nominations,
        official_name,
        privacy,
        profile,
        recommend,
        register,
        search,
        smalltalk,
        survey,
    )

    return Dispatcher(
        routers=[
            follow.router,  # follow/unfollow, consent, onboarding steps
            privacy.router,  # delete_my_data
            handover.router,  # contact_staff
            register.router,
            my_registrations.router,
            nominations.router,  # a coordinator's nomination: accept or decline
            recommend.router,  # skill-gap recommendations (before search: "ควรเรียนอะไรดี")
            search.router,
            survey.router,
            certificate.router,
            official_name.router,  # the official name certificates carry: asked, confirmed, corrected
            profile.router,
            smalltalk.router,  # greet, thanks, help, clarify, out_of_scope
            media.router,  # stickers, images, locations, files
            fallback.router,  # forged/stale postbacks (or ones whose parameters do not parse), anything else
        ],
        middlewares=[
            middlewares.standby,  # another channel answers: record only
            middlewares.rate_limit,  # over the per-user limit: one polite slow-down
            middlewares.chat_log,  # the conversation staff read
            middlewares.handover_pause,  # a person answers: the bot stays quiet
            middlewares.consent_gate,  # nothing but the consent flow before consent
        ],
    )
