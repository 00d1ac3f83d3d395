"""Small helpers shared by handlers: the main menu quick replies, domain errors in Thai."""

from __future__ import annotations

from bot.context import Context
from bot.render import texts
from bot.render.messages import Action, message_action, text


def menu_quick(ctx: Context, *, intents: tuple[str, ...] = texts.MENU_INTENTS) -> list[Action]:
    return [message_action(texts.INTENT_LABELS[i]) for i in intents]


async def say(ctx: Context, body: str, *, quick: list[Action] | None = None) -> None:
    await ctx.send(text(body, quick=quick))


ERROR_TEXTS = {
    "already_registered": texts.ALREADY_REGISTERED,
    "session_full": texts.SESSION_FULL,
    "registration_closed": texts.REGISTRATION_CLOSED,
    "registration_not_open_yet": texts.REGISTRATION_NOT_OPEN,
    "session_past": texts.SESSION_PAST,
    "session_cancelled": texts.SESSION_CANCELLED,
}


def error_text(exc: Exception) -> str:
    code = getattr(exc, "code", "")
    return ERROR_TEXTS.get(code) or getattr(exc, "message_th", None) or texts.ERROR
