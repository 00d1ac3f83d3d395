"""Admin web sign-in: password check behind the sign-in throttle, sessions in Redis, CSRF tokens.

A session is a random id in an HttpOnly cookie; Redis holds who it belongs to, its CSRF token and when it
began. It ends after SESSION_TTL_SECONDS without use, and in any case SESSION_MAX_SECONDS after sign-in.
Wrong passwords are counted by backend.services.login_throttle.
"""

from __future__ import annotations

import functools
import hmac
import json
import math
import secrets
from dataclasses import dataclass

from redis.asyncio import Redis

from backend.models import StaffUser
from backend.services import audit
from backend.services.auth import hash_password, verify_password
from backend.services.login_throttle import LoginThrottle

SESSION_TTL_SECONDS = 8 * 3600  # idle
SESSION_MAX_SECONDS = 12 * 3600  # absolute, however busy the session is
WRONG_CREDENTIALS_TH = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"


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
    agency_id: int | None = None
    """A coordinator's agency."""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_coordinator(self) -> bool:
        return self.role == "coordinator"

    @property
    def actor(self) -> str:
        return f"staff:{self.username}"


class LoginFailed(Exception):
    """Wrong username or password, or too many of them (`retry_after` seconds to wait). The answer is the same
    whether the username exists or not."""

    def __init__(self, message_th: str, *, retry_after: int = 0) -> None:
        super().__init__(message_th)
        self.message_th = message_th
        self.retry_after = retry_after


def _wait_message(seconds: int) -> str:
    return f"เข้าสู่ระบบไม่สำเร็จหลายครั้ง กรุณารอประมาณ {max(1, math.ceil(seconds / 60))} นาทีแล้วลองใหม่"


def _key(prefix: str, sid: str) -> str:
    return f"{prefix}admin:session:{sid}"


async def authenticate(username: str, password: str, *, address: str, throttle: LoginThrottle) -> StaffUser:
    """The staff user, or LoginFailed. Checks the throttle first, counts a wrong password against the
    username as typed and the caller's address, and clears that count on success."""
    if wait := await throttle.wait_seconds(username, address):
        raise LoginFailed(_wait_message(wait), retry_after=wait)
    user = await StaffUser.get_or_none(username=username.strip())
    if user is None or not user.active or not user.password_hash:
        verify_password(_dummy_hash(), password)  # as long as a real check takes
        right = False
    else:
        right = verify_password(user.password_hash, password)
    if not right:
        wait = await throttle.record_failure(username, address)
        if wait and user is not None:
            await audit.record(actor=f"address:{address}", action="staff.login_throttled",
                               target_type="staff_user", target_id=user.id, details={"wait_seconds": wait})
        raise LoginFailed(WRONG_CREDENTIALS_TH)  # a wait it started applies from the next attempt
    assert user is not None
    await throttle.record_success(username, address)
    return user


async def unlock_account(*, username: str, throttle: LoginThrottle, actor: str) -> int:
    """An admin lets an account sign in again at once (every address); audited."""
    cleared = await throttle.unlock(username)
    await audit.record(actor=actor, action="staff.unlock", target_type="staff_user", target_id=username[:100],
                       details={"cleared": cleared})
    return cleared


async def start_session(redis: Redis, prefix: str, user: StaffUser, *, now: float) -> AdminSession:
    session = AdminSession(
        sid=secrets.token_urlsafe(32), staff_id=user.id, username=user.username,
        display_name=user.display_name or user.username, role=str(user.role), csrf=secrets.token_urlsafe(32),
        agency_id=user.agency_id,
    )
    payload: dict[str, object] = {k: getattr(session, k)
                                  for k in ("staff_id", "username", "display_name", "role", "csrf",
                                                         "agency_id")}
    payload["started"] = now
    await redis.set(_key(prefix, session.sid), json.dumps(payload), ex=SESSION_TTL_SECONDS)
    return session


async def load_session(redis: Redis, prefix: str, sid: str | None, *, now: float) -> AdminSession | None:
    """The session behind a cookie, extending its idle time; None when unknown, idle too long or older than
    SESSION_MAX_SECONDS (then it is ended)."""
    if not sid or len(sid) > 100:
        return None
    raw = await redis.get(_key(prefix, sid))
    if raw is None:
        return None
    data = json.loads(raw)
    started = float(data.pop("started", 0))
    if now - started > SESSION_MAX_SECONDS:
        await redis.delete(_key(prefix, sid))
        return None
    await redis.expire(_key(prefix, sid), SESSION_TTL_SECONDS)
    return AdminSession(sid=sid, **data)


async def end_session(redis: Redis, prefix: str, sid: str) -> None:
    await redis.delete(_key(prefix, sid))


def csrf_matches(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())
