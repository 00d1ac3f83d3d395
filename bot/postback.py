"""Postback data, at most 300 characters: signed for what changes something, plain for navigation.

Signed: ``<action>?<k=v&...>~<expiry base36>~<signature>``. The signature is an HMAC-SHA256 over the user ID,
the payload and the expiry, so data copied from another chat, edited or expired is refused.

Plain: ``<action>?<k=v&...>``, only for the actions in PLAIN_ACTIONS: a course's details, and the question
whether to register for a session. They change nothing and show everyone the same thing (the answer to the
question, ``reg_ok``, is signed and bound to the member and to a nonce kept in their conversation state), so
a course's bubble is the same for every member and is rendered once. Plain data of any other action is refused.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
from binascii import b2a_base64
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

MAX_POSTBACK_LENGTH = 300
_PLAIN = r"[A-Za-z0-9_.\-]"  # what urlencode leaves as it is (but ~, the separator here)
_PLAIN_QUERY = re.compile(rf"(?:{_PLAIN}+={_PLAIN}*(?:&{_PLAIN}+={_PLAIN}*)*)?")  # k=v&k=v, plain characters only
DEFAULT_TTL_SECONDS = 7 * 24 * 3600
_URLSAFE = bytes.maketrans(b"+/", b"-_")


PLAIN_ACTIONS = frozenset({"course", "reg"})


class PostbackTooLong(ValueError):
    pass


@dataclass(frozen=True)
class Postback:
    action: str
    params: dict[str, str] = field(default_factory=dict)
    expires_at: int = 0  # 0: plain data, which does not expire

    def int(self, name: str) -> int | None:
        value = self.params.get(name)
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None


@functools.lru_cache(maxsize=64)  # an expiry is the same for every button signed within a second
def _b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rem = divmod(number, 36)
        out = digits[rem] + out
        if number == 0:
            return out


@functools.lru_cache(maxsize=8)
def _keyed(secret: str) -> hmac.HMAC:
    """HMAC-SHA256 with the key already set up: each signature copies it (a search page signs 20 buttons)."""
    return hmac.new(secret.encode(), digestmod=hashlib.sha256)


def _for_user(secret: str, user_id: str) -> hmac.HMAC:
    """The HMAC with the key set up and the user fed: what every signature of this user starts from."""
    mac = _keyed(secret).copy()
    mac.update(f"{user_id}\n".encode())
    return mac


def _signature(for_user: hmac.HMAC, payload: str) -> str:
    mac = for_user.copy()
    mac.update(payload.encode())
    return b2a_base64(mac.digest()[:12], newline=False).translate(_URLSAFE).decode()  # 12 bytes: 16 characters


class PostbackSigner:
    """Signs postback data for one user at one moment (a reply signs a button per course, 20 on a search page):
    the key and the user are fed to the HMAC once, and each button copies that state."""

    __slots__ = ("_mac", "_now")

    def __init__(self, *, user_id: str, secret: str, now: float) -> None:
        self._mac, self._now = _for_user(secret, user_id), now

    def __call__(self, action: str, *, ttl_seconds: int = DEFAULT_TTL_SECONDS, **params: object) -> str:
        """Postback data for `action` with `params`, valid until now + ttl."""
        if "~" in action or "?" in action:
            raise ValueError("action may not contain ~ or ?")
        payload = f"{action}?{_query(params)}~{_b36(int(self._now + ttl_seconds))}"
        return _bounded(f"{payload}~{_signature(self._mac, payload)}")


def _query(params: dict[str, object]) -> str:
    pairs = [f"{k}={v}" for k, v in params.items() if v is not None]
    query = "&".join(pairs)
    # plain names and values (no & or = inside them) are what urlencode makes of them
    if _PLAIN_QUERY.fullmatch(query) and query.count("&") == max(0, len(pairs) - 1):
        return query
    return urlencode({k: str(v) for k, v in params.items() if v is not None})


def _bounded(data: str) -> str:
    if len(data) > MAX_POSTBACK_LENGTH:
        raise PostbackTooLong(f"postback data is {len(data)} characters")
    return data


def plain_postback(action: str, **params: object) -> str:
    """Unsigned data for one of PLAIN_ACTIONS (navigation that changes nothing)."""
    if action not in PLAIN_ACTIONS:
        raise ValueError(f"{action} changes something: sign its data")
    return _bounded(f"{action}?{_query(params)}".replace("~", "%7E"))  # a ~ would read as signed data


def encode_postback(
    action: str,
    *,
    user_id: str,
    secret: str,
    now: float,
    ttl_seconds: int = DEFAULT_TTL_SECONDS,
    **params: object,
) -> str:
    """Postback data for `action` with `params`, valid for `user_id` until now + ttl."""
    return PostbackSigner(user_id=user_id, secret=secret, now=now)(action, ttl_seconds=ttl_seconds, **params)


def decode_postback(data: str, user_id: str, *, secret: str, now: float) -> Postback | None:
    """The postback if it was signed for this user and has not expired, or is plain data of a PLAIN_ACTIONS
    action; None when forged or stale."""
    if "~" not in data:
        action, _, query = data.partition("?")
        if action not in PLAIN_ACTIONS:
            return None
        return Postback(action, dict(parse_qsl(query, keep_blank_values=True)))
    try:
        payload, signature = data.rsplit("~", 1)
        head, expiry = payload.rsplit("~", 1)
        action, _, query = head.partition("?")
        expires_at = int(expiry, 36)
    except ValueError:
        return None
    if not hmac.compare_digest(signature, _signature(_for_user(secret, user_id), payload)):
        return None
    if expires_at < now:
        return None
    return Postback(action, dict(parse_qsl(query, keep_blank_values=True)), expires_at)
