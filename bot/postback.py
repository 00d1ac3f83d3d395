"""Signed postback data: bound to one user, with an expiry, at most 300 characters.

Format: ``<action>?<k=v&...>~<expiry base36>~<signature>``. The signature is an HMAC-SHA256 over the
user ID, the payload and the expiry, so data copied from another chat, edited or expired is refused.
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
_PLAIN = re.compile(r"[A-Za-z0-9_.\-=&]*")  # what urlencode leaves as it is, and its separators
DEFAULT_TTL_SECONDS = 7 * 24 * 3600
_URLSAFE = bytes.maketrans(b"+/", b"-_")


class PostbackTooLong(ValueError):
    pass


@dataclass(frozen=True)
class Postback:
    action: str
    params: dict[str, str] = field(default_factory=dict)
    expires_at: int = 0

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


def _signature(secret: str, user_id: str, payload: str) -> str:
    mac = _keyed(secret).copy()
    mac.update(f"{user_id}\n{payload}".encode())
    return b2a_base64(mac.digest()[:12], newline=False).translate(_URLSAFE).decode()  # 12 bytes: 16 characters


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
    if "~" in action or "?" in action:
        raise ValueError("action may not contain ~ or ?")
    expires = int(now + ttl_seconds)
    pairs = [f"{k}={v}" for k, v in params.items() if v is not None]
    query = "&".join(pairs)
    # Names and values of plain characters only (no = or & inside them) are what urlencode makes of them.
    if not (_PLAIN.fullmatch(query) and query.count("=") == len(pairs) and query.count("&") == max(0, len(pairs) - 1)):
        query = urlencode({k: str(v) for k, v in params.items() if v is not None})
    payload = f"{action}?{query}~{_b36(expires)}"
    data = f"{payload}~{_signature(secret, user_id, payload)}"
    if len(data) > MAX_POSTBACK_LENGTH:
        raise PostbackTooLong(f"postback data is {len(data)} characters")
    return data


def decode_postback(data: str, user_id: str, *, secret: str, now: float) -> Postback | None:
    """The postback if it was signed for this user and has not expired; None when forged or stale."""
    try:
        payload, signature = data.rsplit("~", 1)
        head, expiry = payload.rsplit("~", 1)
        action, _, query = head.partition("?")
        expires_at = int(expiry, 36)
    except ValueError:
        return None
    if not hmac.compare_digest(signature, _signature(secret, user_id, payload)):
        return None
    if expires_at < now:
        return None
    return Postback(action, dict(parse_qsl(query, keep_blank_values=True)), expires_at)
