"""The ways on from any answer: the clarifying question when the NLU is unsure."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.render import texts
from bot.render.messages import Message, postback_action, text


def clarifying_question(likely_intents: Sequence[str], pb: Callable[..., str]) -> Message:
    """Which of these did you mean (and help)? Each button's postback names its intent."""
    quick = [postback_action(texts.INTENT_LABELS[i], pb("intent", i=i), display_text=texts.INTENT_LABELS[i])
             for i in (*likely_intents, "help")]
    return text(texts.CLARIFY, quick=quick)
