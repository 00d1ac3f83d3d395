"""The ways on from any answer: the clarifying question when the NLU is unsure."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.render import texts
from bot.render.messages import Message, postback_action, text


def clarifying_pair(pair: Sequence[str], pb: Callable[..., str]) -> Message:
    """One short question between two close intents, one chip each (the tapped one runs the message)."""
    labels = [texts.CLARIFY_CHOICES[i] for i in pair]
    quick = [postback_action(label, pb("intent", i=i), display_text=label) for i, label in zip(pair, labels, strict=True)]
    return text(texts.CLARIFY_PAIR.format(first=labels[0], second=labels[1]), quick=quick)


def clarifying_question(likely_intents: Sequence[str], pb: Callable[..., str]) -> Message:
    """Which of these did you mean (and help)? Each button's postback names its intent."""
    quick = [postback_action(texts.INTENT_LABELS[i], pb("intent", i=i), display_text=texts.INTENT_LABELS[i])
             for i in (*likely_intents, "help")]
    return text(texts.CLARIFY, quick=quick)
