"""Skill-gap recommendations: a carousel of course bubbles, each headed by the one-line reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.render import texts
from bot.render.courses import course_bubble
from bot.render.limits import CAROUSEL_MAX_BUBBLES
from bot.render.messages import GREEN, Message, box, carousel, flex, t

if TYPE_CHECKING:
    from backend.services.recommendations import Recommendation


def recommendations_carousel(items: list[Recommendation], *, year_label: str) -> Message:
    bubbles = []
    for item in items[:CAROUSEL_MAX_BUBBLES]:
        header = box([t(item.reason_th, size="sm", weight="bold", color=GREEN, max_lines=2)])
        bubbles.append({**course_bubble(item.course), "header": header})  # the course's bubble is shared
    alt = texts.RECOMMEND_HEAD.format(year=year_label) + ": " + ", ".join(
        i.course.title_th for i in items[:5])
    return flex(alt[:400], carousel(bubbles))
