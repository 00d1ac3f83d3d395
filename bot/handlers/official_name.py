"""The official name certificates carry (คำนำหน้า + ชื่อ + นามสกุล), asked for in chat: before the first
certificate (a certificate would be issued or is asked for), from the pushed request, or on the standing command
"แก้ไขชื่อ-นามสกุล". Title (quick replies or typed) → first and last name → confirm → saved; certificates
waiting for the name are issued and shown, corrected ones are printed with the new name at the next download.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from backend.services import audit, certificates, members
from backend.services.errors import DomainError, ValidationFailed
from bot.context import Context
from bot.dispatcher import STEP_KEY, Router, SkipHandler
from bot.handlers.common import menu_quick, say
from bot.phrases import asks_to_fix_official_name, asks_to_pause
from bot.render import certificates as rc
from bot.render.messages import Message, text

router = Router("official_name")
STEP_NAME = "official_name"
STEP_SECONDS = 3600
# A member giving their name leaves the conversation only for a request the NLU is very sure of (a name
# such as บุญมี สมัครใจ can read a little like one); names themselves are out of scope.
STAYING_INTENTS = frozenset({"out_of_scope"})
LEAVING_CONFIDENCE = 0.9


def certificate_cards(ctx: Context, held: Sequence[certificates.MemberCertificate]) -> list[rc.CertificateCard]:
    s = ctx.settings
    return [rc.CertificateCard(
        number=c.number, course_title=c.course_title, hours=_hours(c.hours), issued_on=c.issued_on,
        revoked=c.status == "revoked",
        download_url=certificates.download_url(s.public_base_url, s.secret_key, c.number),
        verify_url=certificates.verify_url(s.public_base_url, c.number, c.check_code)) for c in held]


def _hours(value: object) -> str:
    text = f"{value}"
    return text[:-2] if text.endswith(".0") else text


async def ask_for_official_name(ctx: Context, *, passed: bool = False) -> None:
    """Start (or start again): say what the name is for and ask for the title."""
    member = await ctx.member()
    if member is None:
        return
    await ctx.state.set(ctx.user_id, STEP_KEY, {"name": STEP_NAME, "stage": "title"}, ttl_seconds=STEP_SECONDS)
    if passed and not member.official_name:
        await members.mark_official_name_requested(member.id, now=ctx.clock.utcnow())
    await ctx.send(rc.ask_for_official_name(members.COMMON_TITLES, current=member.official_name, passed=passed))


@router.phrase("fix_official_name", asks_to_fix_official_name)
@router.postback(rc.PB_NAME_START, rc.PB_NAME_REDO)
async def start(ctx: Context) -> None:
    await ask_for_official_name(ctx)


def _asks_something_else(ctx: Context) -> bool:
    parse = ctx.parse
    return (parse is not None and parse.intent not in STAYING_INTENTS
            and parse.confidence >= LEAVING_CONFIDENCE and parse.clarify is None)


async def _leave(ctx: Context) -> None:
    """The member asked something else: drop the question and let that be answered."""
    await ctx.state.delete(ctx.user_id, STEP_KEY)
    raise SkipHandler


async def _cancel(ctx: Context) -> None:
    await ctx.state.delete(ctx.user_id, STEP_KEY)
    await say(ctx, rc.NAME_CANCELLED, quick=menu_quick(ctx))


@router.step(STEP_NAME)
async def typed(ctx: Context) -> None:
    state = await ctx.state.get(ctx.user_id, STEP_KEY) or {}
    words = ctx.text.strip()
    if asks_to_pause(words) or words == rc.LABEL_CANCEL:
        await _cancel(ctx)
        return
    if asks_to_fix_official_name(words):
        await ask_for_official_name(ctx)
        return
    stage = state.get("stage")
    if stage == "confirm":
        if words.lower() in rc.CONFIRM_WORDS:
            await ctx.state.delete(ctx.user_id, STEP_KEY)
            await _save(ctx, state)
            return
        if _asks_something_else(ctx):
            await _leave(ctx)
        await ctx.send(_confirmation(ctx, state))
    elif stage == "name":
        await _typed_name(ctx, state, words)
    else:
        await _typed_title(ctx, words)


async def _typed_title(ctx: Context, words: str) -> None:
    title, rest = members.split_title(words)
    if title and rest:  # the whole name at once: นางสาวน้ำผึ้ง ใจดี
        first, last = members.split_first_and_last(rest)
        if first and last and not _part_errors(first, last):
            await _confirm(ctx, title, first, last)
            return
    if words not in members.KNOWN_TITLES and _asks_something_else(ctx):
        await _leave(ctx)
    error = members.official_name_part_error("official_title", words)
    if error:
        await ctx.send(rc.ask_title_again(error, members.COMMON_TITLES))
        return
    tidy = " ".join(words.split())
    await ctx.state.set(ctx.user_id, STEP_KEY, {"name": STEP_NAME, "stage": "name", "title": tidy},
                        ttl_seconds=STEP_SECONDS)
    await ctx.send(rc.ask_name())


def _part_errors(first: str, last: str) -> str | None:
    return (members.official_name_part_error("official_first_name", first)
            or members.official_name_part_error("official_last_name", last))


async def _typed_name(ctx: Context, state: dict[str, Any], words: str) -> None:
    first, last = members.split_first_and_last(words)
    if not last:
        if _asks_something_else(ctx):
            await _leave(ctx)
        await ctx.send(rc.name_incomplete())
        return
    error = _part_errors(first, last)
    if error:
        if _asks_something_else(ctx):
            await _leave(ctx)
        await ctx.send(rc.name_refused(error))
        return
    if _asks_something_else(ctx):
        await _leave(ctx)
    await _confirm(ctx, str(state.get("title") or ""), first, last)


async def _confirm(ctx: Context, title: str, first: str, last: str) -> None:
    state = {"name": STEP_NAME, "stage": "confirm", "title": title, "first": first, "last": last}
    await ctx.state.set(ctx.user_id, STEP_KEY, state, ttl_seconds=STEP_SECONDS)
    await ctx.send(_confirmation(ctx, state))


def _confirmation(ctx: Context, state: dict[str, Any]) -> Message:
    full = members.full_official_name(state.get("title", ""), state.get("first", ""), state.get("last", ""))
    return rc.confirm_official_name(full, ctx.pb)


@router.postback(rc.PB_NAME_OK)
async def confirmed(ctx: Context) -> None:
    state = await ctx.state.get(ctx.user_id, STEP_KEY)
    if not state or state.get("name") != STEP_NAME or state.get("stage") != "confirm":
        await say(ctx, rc.NAME_FLOW_EXPIRED, quick=menu_quick(ctx))
        return
    await ctx.state.delete(ctx.user_id, STEP_KEY)
    await _save(ctx, state)


@router.postback(rc.PB_NAME_CANCEL)
async def cancelled(ctx: Context) -> None:
    await _cancel(ctx)


async def _save(ctx: Context, state: dict[str, Any]) -> None:
    member = await ctx.member()
    if member is None:
        return
    try:
        saved = await certificates.save_official_name(
            member_id=member.id, title=state.get("title"), first_name=state.get("first"),
            last_name=state.get("last"), actor=audit.member_actor(member.id), clock=ctx.clock)
    except ValidationFailed as exc:
        await ctx.send(rc.name_refused(exc.message_th))
        return
    except DomainError as exc:
        await say(ctx, exc.message_th, quick=menu_quick(ctx))
        return
    held = await certificates.certificates_of_member(member.id)
    full = saved.change.name.full
    if not saved.change.changed_fields:
        answer = rc.official_name_unchanged(full)
    else:
        answer = rc.official_name_saved(full, corrected=not saved.change.first_time, has_certificates=bool(held))
    if not held:
        await say(ctx, answer, quick=menu_quick(ctx))
        return
    await ctx.send(text(answer), rc.certificates_message(certificate_cards(ctx, held)))
    await certificates.mark_announced(saved.issued, now=ctx.clock.utcnow())
