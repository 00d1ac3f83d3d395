"""The bot's routers, in the order they are tried (first match wins). The one place that order is set."""

from __future__ import annotations

from bot.dispatcher import Dispatcher


def build_dispatcher() -> Dispatcher:
    from bot.handlers import (
        certificate,
        fallback,
        follow,
        handover,
        media,
        my_registrations,
        privacy,
        profile,
        register,
        search,
        smalltalk,
        survey,
    )

    return Dispatcher([
        follow.router,  # follow/unfollow, consent, onboarding steps
        privacy.router,  # delete_my_data
        handover.router,  # contact_staff
        register.router,
        my_registrations.router,
        search.router,
        survey.router,
        certificate.router,
        profile.router,
        smalltalk.router,  # greet, thanks, help, clarify, out_of_scope
        media.router,  # stickers, images, locations, files
        fallback.router,  # forged/stale postbacks, anything else
    ])
