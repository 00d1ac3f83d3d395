"""Staff accounts, API tokens and passwords.

API tokens are random strings shown once at creation; only their SHA-256 is stored. The ADMIN_TOKEN
setting bootstraps an admin account whose token is that value. Passwords (for the admin web pages)
are hashed with argon2id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from tortoise.exceptions import IntegrityError

from backend.models import Agency, ApiToken, Role, StaffUser
from backend.services import audit
from backend.services.errors import AlreadyExists, NotFound, ValidationFailed

TOKEN_PREFIX = "onde_"
BOOTSTRAP_ADMIN_USERNAME = "admin"
MIN_PASSWORD_LENGTH = 8  # a staff password set by an admin or on the command line
_LAST_USED_RESOLUTION = dt.timedelta(minutes=1)
_hasher = PasswordHasher()


@dataclass(frozen=True)
class StaffInfo:
    id: int
    username: str
    display_name: str
    role: str
    provider_id: int | None
    active: bool
    agency_id: int | None = None


@dataclass(frozen=True)
class TokenInfo:
    id: int
    user_id: int
    username: str
    name: str
    prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


@dataclass(frozen=True)
class CreatedToken:
    """A new token: `token` is the only time the plain value exists anywhere."""

    info: TokenInfo
    token: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def staff_info(user: StaffUser) -> StaffInfo:
    return StaffInfo(
        id=user.id, username=user.username, display_name=user.display_name, role=str(user.role),
        provider_id=user.provider_id, active=user.active, agency_id=user.agency_id,
    )


def _token_info(token: ApiToken, username: str) -> TokenInfo:
    return TokenInfo(
        id=token.id, user_id=token.user_id, username=username, name=token.name,
        prefix=token.prefix, created_at=token.created_at, last_used_at=token.last_used_at,
        revoked_at=token.revoked_at,
    )


async def create_staff_user(
    *,
    username: str,
    role: Role | str,
    display_name: str = "",
    provider_id: int | None = None,
    password: str | None = None,
    actor: str | None = None,
    agency_id: int | None = None,
) -> StaffInfo:
    """Create an admin, trainer or agency-coordinator account (a coordinator needs `agency_id`, the agency they
    follow). Raises AlreadyExists for a taken username, ValidationFailed for a coordinator without an agency."""
    username = username.strip()
    if not username:
        raise ValidationFailed.field("username", "must not be empty")
    try:
        role = Role(role)
    except ValueError as exc:
        raise ValidationFailed.field("role", f"must be one of {', '.join(r.value for r in Role)}") from exc
    if role == Role.coordinator:
        if agency_id is None or not await Agency.filter(id=agency_id).exists():
            raise ValidationFailed.field("agency_id", "a coordinator needs the id of an existing agency")
    else:
        agency_id = None
    taken = AlreadyExists(f"username {username!r} is taken", message_th="ชื่อผู้ใช้นี้มีอยู่แล้ว")
    if await StaffUser.filter(username=username).exists():
        raise taken
    try:
        user = await StaffUser.create(
            username=username, role=role, display_name=display_name or username, provider_id=provider_id,
            password_hash=hash_password(password) if password else None, agency_id=agency_id,
        )
    except IntegrityError as exc:  # created by another request or process since the check above
        raise taken from exc
    if actor:
        await audit.record(actor=actor, action="staff.create", target_type="staff_user", target_id=user.id,
                           details={"username": username, "role": role.value, "agency_id": agency_id})
    return staff_info(user)


async def list_staff() -> list[StaffInfo]:
    """Every staff account, admins first, then by username."""
    users = await StaffUser.all().order_by("role", "username")
    return [staff_info(u) for u in users]


async def get_staff_user(user_id: int) -> StaffUser:
    user = await StaffUser.get_or_none(id=user_id)
    if user is None:
        raise NotFound("staff user not found", message_th="ไม่พบบัญชีเจ้าหน้าที่")
    return user


async def find_staff_user(username: str) -> StaffUser | None:
    """The staff account with this username, or None."""
    return await StaffUser.get_or_none(username=username)


def is_admin(user: StaffUser) -> bool:
    return user.role == Role.admin


async def ensure_staff_account(*, username: str, role: Role | str, display_name: str, password: str,
                               agency_id: int | None = None) -> None:
    """Make sure an account with this username exists and can sign in: created with `password` when missing,
    given it when it has no password (an existing password is kept)."""
    user = await find_staff_user(username)
    if user is None:
        try:
            await create_staff_user(username=username, role=role, display_name=display_name, password=password,
                                    agency_id=agency_id)
            return
        except AlreadyExists:  # processes starting side by side: another one created it just now
            user = await find_staff_user(username)
    if user is not None and not user.password_hash:
        await StaffUser.filter(id=user.id).update(password_hash=hash_password(password))


async def get_linked_trainer(line_user_id: str) -> StaffUser | None:
    """The active staff account a LINE user linked to (trainers push surveys from chat)."""
    return await StaffUser.get_or_none(line_user_id=line_user_id, active=True)


async def create_token(*, user_id: int, name: str = "", actor: str | None = None) -> CreatedToken:
    """Issue a new API token for a staff user; the plain token is returned once."""
    user = await get_staff_user(user_id)
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = await ApiToken.create(user=user, name=name[:100], token_hash=hash_token(plain), prefix=plain[:12])
    if actor:
        await audit.record(actor=actor, action="token.create", target_type="api_token", target_id=token.id,
                           details={"user": user.username, "name": token.name, "prefix": token.prefix})
    return CreatedToken(info=_token_info(token, user.username), token=plain)


async def list_tokens(*, user_id: int | None = None, include_revoked: bool = False) -> list[TokenInfo]:
    query = ApiToken.all().prefetch_related("user").order_by("id")
    if user_id is not None:
        query = query.filter(user_id=user_id)
    if not include_revoked:
        query = query.filter(revoked_at__isnull=True)
    return [_token_info(t, t.user.username) for t in await query]


async def revoke_token(*, token_id: int, actor: str, now: dt.datetime, user_id: int | None = None) -> TokenInfo:
    """Revoke a token (idempotent). With `user_id`, the token must belong to that user."""
    query = ApiToken.filter(id=token_id)
    if user_id is not None:
        query = query.filter(user_id=user_id)
    token = await query.prefetch_related("user").first()
    if token is None:
        raise NotFound("token not found", message_th="ไม่พบโทเค็นนี้")
    if token.revoked_at is None:
        token.revoked_at = now
        await token.save(update_fields=["revoked_at"])
        await audit.record(actor=actor, action="token.revoke", target_type="api_token", target_id=token.id,
                           details={"user": token.user.username, "prefix": token.prefix})
    return _token_info(token, token.user.username)


async def verify_token(token: str, *, now: dt.datetime) -> StaffUser | None:
    """The active staff user a valid, unrevoked token belongs to, or None."""
    if not token or len(token) > 200:
        return None
    row = await ApiToken.filter(token_hash=hash_token(token), revoked_at__isnull=True).prefetch_related("user").first()
    if row is None or not row.user.active:
        return None
    if row.last_used_at is None or now - row.last_used_at > _LAST_USED_RESOLUTION:
        await ApiToken.filter(id=row.id).update(last_used_at=now)
    return row.user


async def ensure_bootstrap_admin(admin_token: str) -> StaffUser | None:
    """Make sure an admin account exists whose API token is `admin_token` (idempotent).

    An empty value does nothing. A changed value adds a token for the new value; old values keep working
    until revoked.
    """
    if not admin_token:
        return None
    digest = hash_token(admin_token)
    existing = await ApiToken.filter(token_hash=digest).prefetch_related("user").first()
    if existing is not None:
        return existing.user
    user = await StaffUser.get_or_none(username=BOOTSTRAP_ADMIN_USERNAME)
    if user is None:
        try:
            user = await StaffUser.create(
                username=BOOTSTRAP_ADMIN_USERNAME, display_name="ผู้ดูแลระบบ", role=Role.admin
            )
        except IntegrityError:  # another process created it first
            user = await StaffUser.get(username=BOOTSTRAP_ADMIN_USERNAME)
    try:
        await ApiToken.create(user=user, name="bootstrap (ADMIN_TOKEN)", token_hash=digest, prefix="")
    except IntegrityError:
        pass
    return user
