"""greet, thanks, help, out_of_scope, and the clarifying question when the NLU is unsure."""

from __future__ import annotations

import dataclasses

import nlu
from bot.context import Context
from bot.dispatcher import Router, SkipHandler
from bot.filters import code
from bot.handlers.common import menu_quick, say
from bot.render import texts
from bot.render.menu import clarifying_pair, clarifying_question

router = Router("smalltalk")
CLARIFY_STATE = "clarify"


@router.intent("greet")
async def greet(ctx: Context) -> None:
    await say(ctx, texts.GREET, quick=menu_quick(ctx))


@router.intent("thanks")
async def thanks(ctx: Context) -> None:
    await say(ctx, texts.THANKS, quick=menu_quick(ctx))


@router.intent("help")
async def help_(ctx: Context) -> None:
    await say(ctx, texts.HELP, quick=menu_quick(ctx, intents=(*texts.MENU_INTENTS, "delete_my_data")))


@router.intent("out_of_scope")
async def out_of_scope(ctx: Context) -> None:
    await say(ctx, texts.OUT_OF_SCOPE, quick=menu_quick(ctx))


@router.on("clarify")
async def clarify(ctx: Context) -> None:
    """Never act on a guess: offer the likely intents; the pick re-runs the original message.

    When the NLU found two close intents (``Parse.clarify``), ask one short question with one chip each."""
    assert ctx.parse is not None
    likely = [intent for intent, _ in ctx.parse.ranking[:4] if intent in texts.INTENT_LABELS][:3]
    await ctx.state.set(ctx.user_id, CLARIFY_STATE, {"text": ctx.text[:500]}, ttl_seconds=600)
    pair = ctx.parse.clarify
    if pair is not None and all(i in texts.CLARIFY_CHOICES for i in pair):
        await ctx.send(clarifying_pair(pair, ctx.pb))
        return
    await ctx.send(clarifying_question(likely, ctx.pb))


@router.postback("intent", intent=code("i", default="help"))
async def chosen_intent(ctx: Context, intent: str) -> None:
    """The user picked an intent after a clarifying question: the original text goes on as that intent (as
    help when nothing takes it)."""
    saved = await ctx.state.pop(ctx.user_id, CLARIFY_STATE)
    original = (saved or {}).get("text", "")
    parse = nlu.parse(original, today=ctx.clock.today())
    ctx.parse = dataclasses.replace(parse, intent=intent, confidence=1.0)
    ctx.event = {**ctx.event, "message": {"type": "text", "text": original}}
    raise SkipHandler(("intent", intent), ("intent", "help"))
