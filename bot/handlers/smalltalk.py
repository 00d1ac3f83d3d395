"""greet, thanks, help, out_of_scope, and the clarifying question when the NLU is unsure."""

from __future__ import annotations

from bot.context import Context
from bot.dispatcher import Router
from bot.handlers.common import menu_quick, say
from bot.render import texts
from bot.render.messages import postback_action

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
    likely = [intent for intent, _ in ctx.parse.ranking[:4] if intent in texts.INTENT_LABELS][:3]
    await ctx.state.set(ctx.user_id, CLARIFY_STATE, {"text": ctx.text[:500]}, ttl_seconds=600)
    pair = ctx.parse.clarify
    if pair is not None and all(i in texts.CLARIFY_CHOICES for i in pair):
        labels = [texts.CLARIFY_CHOICES[i] for i in pair]
        await say(ctx, texts.CLARIFY_PAIR.format(first=labels[0], second=labels[1]),
                  quick=[postback_action(label, ctx.pb("intent", i=i), display_text=label)
                         for i, label in zip(pair, labels, strict=True)])
        return
    quick = [postback_action(texts.INTENT_LABELS[i], ctx.pb("intent", i=i), display_text=texts.INTENT_LABELS[i])
             for i in likely]
    quick.append(postback_action(texts.INTENT_LABELS["help"], ctx.pb("intent", i="help"),
                                 display_text=texts.INTENT_LABELS["help"]))
    await say(ctx, texts.CLARIFY, quick=quick)


@router.postback("intent")
async def chosen_intent(ctx: Context) -> None:
    """The user picked an intent after a clarifying question: route the original text with it."""
    import dataclasses

    import nlu

    assert ctx.postback is not None
    intent = ctx.postback.params.get("i", "help")
    saved = await ctx.state.pop(ctx.user_id, CLARIFY_STATE)
    original = (saved or {}).get("text", "")
    parse = nlu.parse(original, today=ctx.clock.today())
    ctx.parse = dataclasses.replace(parse, intent=intent, confidence=1.0)
    ctx.event = {**ctx.event, "message": {"type": "text", "text": original}}
    handler = ctx.runtime.extras["bot"].dispatcher.handler_for([("intent", intent)])
    if handler is None or handler is chosen_intent:
        await say(ctx, texts.HELP, quick=menu_quick(ctx))
        return
    await handler(ctx)
