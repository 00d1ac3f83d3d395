"""Admin web sign-in: password check with lockout, sessions in Redis, CSRF tokens.

A session is a random id in an HttpOnly cookie; Redis holds who it belongs to and its CSRF token.
Five wrong passwords in a row lock the account for 15 minutes (counted on the staff row, so every
web process agrees).
"""

from __future__ import annotations

import datetime as dt
import functools
import hmac
import json
import secrets
from dataclasses import dataclass

from redis.asyncio import Redis

from backend.models import StaffUser
from backend.services import audit
from backend.services.auth import hash_password, verify_password

SESSION_TTL_SECONDS = 8 * 3600
MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so both cases take as long."""
    return hash_password("not-a-real-password")


@dataclass(frozen=True)
class AdminSession:
    sid: str
    staff_id: int
    username: str
    display_name: str
    role: str
    csrf: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def actor(self) -> str:
        return f"staff:{self.username}"


class LoginFailed(Exception):
    """Wrong username or password, or locked (message_th says which, without telling which part was wrong)."""

    def __init__(self, message_th: str, *, locked: bool = False) -> None:
        super().__init__(message_th)
        self.message_th = message_th
        self.locked = locked


def _key(prefix: str, sid: str) -> str:
    return f"{prefix}admin:session:{sid}"


async def authenticate(username: str, password: str, *, now: dt.datetime) -> StaffUser:
    """The staff user, or LoginFailed. Counts failures and locks the account after five."""
    user = await StaffUser.get_or_none(username=username.strip())
    if user is None or not user.active:
        verify_password(_dummy_hash(), password)
        raise LoginFailed("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้องค่ะ")
    if user.locked_until is not None and user.locked_until > now:
        raise LoginFailed("บัญชีนี้ถูกล็อกชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง กรุณาลองใหม่ภายหลังค่ะ", locked=True)
    if not verify_password(user.password_hash, password):
        failures = user.failed_logins + 1
        locked_until = now + LOCKOUT if failures >= MAX_FAILED_LOGINS else None
        await StaffUser.filter(id=user.id).update(
            failed_logins=0 if locked_until else failures, locked_until=locked_until
        )
        if locked_until:
            await audit.record(actor=f"staff:{user.username}", action="staff.locked", target_type="staff_user",
                               target_id=user.id, details={"failures": failures})
            raise LoginFailed("บัญชีนี้ถูกล็อกชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง กรุณาลองใหม่ภายหลังค่ะ",
                              locked=True)
        raise LoginFailed("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้องค่ะ")
    if user.failed_logins or user.locked_until:
        await StaffUser.filter(id=user.id).update(failed_logins=0, locked_until=None)
    return user


async def start_session(redis: Redis, prefix: str, user: StaffUser) -> AdminSession:
    session = AdminSession(
        sid=secrets.token_urlsafe(32), staff_id=user.id, username=user.username,
        display_name=user.display_name or user.username, role=str(user.role), csrf=secrets.token_urlsafe(32),
    )
    payload = {k: getattr(session, k) for k in ("staff_id", "username", "display_name", "role", "csrf")}
    await redis.set(_key(prefix, session.sid), json.dumps(payload), ex=SESSION_TTL_SECONDS)
    return session


async def load_session(redis: Redis, prefix: str, sid: str | None) -> AdminSession | None:
    if not sid or len(sid) > 100:
        return None
    raw = await redis.get(_key(prefix, sid))
    if raw is None:
        return None
    data = json.loads(raw)
    await redis.expire(_key(prefix, sid), SESSION_TTL_SECONDS)
    return AdminSession(sid=sid, **data)


async def end_session(redis: Redis, prefix: str, sid: str) -> None:
    await redis.delete(_key(prefix, sid))


def csrf_matches(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())
