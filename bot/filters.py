"""Filters: what a route asks of an event beyond its signal, and the typed arguments its handler gets.

A filter is `(ctx) -> dict | None`: None means "not this route" (the dispatcher tries the next one), a dict is
passed to the handler as keyword arguments. `PostbackParams` reads a postback's parameters:

    @router.postback("cancel", registration_id=integer("r"))
    async def ask_cancel(ctx: Context, registration_id: int) -> None: ...

A postback whose parameters do not parse matches no route, and is answered like a stale one (the fallback
router's "please start again"). Postback data is signed (bot/postback.py), so that only happens when a button
was built wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.context import Context

Filter = Callable[["Context"], Mapping[str, Any] | None]
MAX_CODE_LENGTH = 64


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()


@dataclass(frozen=True, slots=True)
class Param:
    """One postback parameter: its key in the data, how to parse it (ValueError when invalid), and the value
    when it is absent (or empty, unless `keep_blank`); without a default it is required."""

    key: str
    parse: Callable[[str], Any]
    default: Any = REQUIRED
    keep_blank: bool = False


def _code(raw: str) -> str:
    if len(raw) > MAX_CODE_LENGTH or not raw.isprintable():
        raise ValueError(raw)
    return raw


def integer(key: str, *, default: Any = REQUIRED) -> Param:
    """A whole number (database ids, page numbers, question indexes)."""
    return Param(key, int, default)


def code(key: str, *, default: Any = REQUIRED) -> Param:
    """A short identifier: a course or template code, an intent, a nonce (printable, at most 64 characters)."""
    return Param(key, _code, default)


def text(key: str, *, default: Any = REQUIRED) -> Param:
    """Any value as it was put in the data, an empty one included."""
    return Param(key, str, default, keep_blank=True)


def flag(key: str) -> Param:
    """True when the parameter is "1"."""
    return Param(key, lambda raw: raw == "1", False)


class PostbackParams:
    """Filter: the postback's parameters, parsed, as the handler's keyword arguments (see module doc)."""

    __slots__ = ("params",)

    def __init__(self, params: Mapping[str, Param]) -> None:
        self.params = tuple(params.items())

    def __call__(self, ctx: Context) -> dict[str, Any] | None:
        postback = ctx.postback
        if postback is None:
            return None
        given = postback.params
        found: dict[str, Any] = {}
        for name, param in self.params:
            raw = given.get(param.key)
            if raw is None or (raw == "" and not param.keep_blank):
                if param.default is REQUIRED:
                    return None
                found[name] = param.default
                continue
            try:
                found[name] = param.parse(raw)
            except ValueError:
                return None
        return found
