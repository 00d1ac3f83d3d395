"""Signed, expiring links for a member's own copy of their data (PDPA right of access, from the chat).

LINE cannot send files, so the bot sends a link to /me/data?token=...; the token names one member
and is good for one hour.
"""

from __future__ import annotations

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

SALT = "member-data-export-v1"
LINK_TTL_SECONDS = 3600
PATH = "/me/data"


class ExportLinkInvalid(Exception):
    """The token was forged, altered or is not an export token."""


class ExportLinkExpired(ExportLinkInvalid):
    """The token was genuine but is older than LINK_TTL_SECONDS."""


def _serializer(secret: str, issued_at: float) -> URLSafeTimedSerializer:
    """itsdangerous stamps tokens with the machine's time: this one stamps them with the clock's."""
    stamp = int(issued_at)

    class _At(TimestampSigner):
        def get_timestamp(self) -> int:
            return stamp

    return URLSafeTimedSerializer(secret, salt=SALT, signer=_At)


def make_token(secret: str, member_id: int, *, issued_at: float) -> str:
    """A token for one member's export, issued at `issued_at` (seconds since the epoch, from the clock)."""
    return str(_serializer(secret, issued_at).dumps({"m": int(member_id)}))


def read_token(secret: str, token: str, *, now: float) -> int:
    """The member id a token was made for. Raises ExportLinkExpired or ExportLinkInvalid."""
    try:
        payload, signed_at = _serializer(secret, now).loads(token, max_age=None, return_timestamp=True)
    except SignatureExpired as exc:  # pragma: no cover - max_age is checked below
        raise ExportLinkExpired() from exc
    except (BadSignature, ValueError, TypeError) as exc:
        raise ExportLinkInvalid() from exc
    age = now - signed_at.timestamp()
    if age > LINK_TTL_SECONDS:
        raise ExportLinkExpired()
    if not isinstance(payload, dict) or not isinstance(payload.get("m"), int):
        raise ExportLinkInvalid()
    return int(payload["m"])


def export_url(base_url: str, secret: str, member_id: int, *, issued_at: float) -> str:
    return f"{base_url.rstrip('/')}{PATH}?token={make_token(secret, member_id, issued_at=issued_at)}"
