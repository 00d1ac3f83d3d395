"""Members (civil servants using the bot), their agencies, consent and personal data (PDPA).

Nothing personal is stored before consent: a Member row is created by record_consent(). Deleting a member's
data clears every personal field and unlinks the LINE account; registrations stay, anonymous, for statistics
(agency and target group are kept as categories).
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import asdict, dataclass, field
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from backend.clock import Clock
from backend.models import Agency, Member, Registration, RegistrationEvent, RegistrationStatus, TargetGroup
from backend.services import audit
from backend.services.errors import AlreadyExists, DomainError, MemberNotFound, ValidationFailed
from backend.services.registration import Promotion, cancel_registration, list_member_registrations
from backend.services.sql import connection
from backend.services.text import normalize

AGENCY_MATCH_THRESHOLD = 0.72
_UNSET: Any = object()


@dataclass(frozen=True)
class MemberInfo:
    id: int
    line_user_id: str | None
    display_name: str
    agency_id: int | None
    agency_name: str
    agency_text: str
    position: str
    target_group: str | None
    province: str | None
    consent_at: dt.datetime | None
    consent_version: str
    active: bool
    created_at: dt.datetime
    deleted_at: dt.datetime | None

    @property
    def has_consented(self) -> bool:
        return self.consent_at is not None and self.deleted_at is None

    @property
    def profile_complete(self) -> bool:
        return bool(self.target_group and (self.agency_id or self.agency_text))


@dataclass(frozen=True)
class AgencyInfo:
    id: int
    name: str
    short_name: str
    ministry: str
    aliases: list[str]


@dataclass(frozen=True)
class AgencyMatch:
    id: int
    name: str
    short_name: str
    score: float
    """0..1; 1 is an exact match of the name, short name or an alias."""


@dataclass(frozen=True)
class ProfileUpdate:
    member: MemberInfo
    agency_candidates: list[AgencyMatch] = field(default_factory=list)
    """When agency_text did not match one agency clearly: the likely ones, best first (ask the user)."""


@dataclass(frozen=True)
class DeletionReport:
    member_id: int
    cleared_fields: list[str]
    registrations_kept_anonymous: int
    registrations_cancelled: list[int]
    promoted: list[Promotion]
    deleted_at: dt.datetime
    conversation_messages_deleted: int = 0
    certificates_anonymised: int = 0


@dataclass(frozen=True)
class MemberPage:
    items: list[MemberInfo]
    total: int


async def _member_or_404(member_id: int) -> Member:
    member = await Member.get_or_none(id=member_id)
    if member is None:
        raise MemberNotFound(f"member {member_id} not found")
    return member


# MemberInfo's fields that are member columns of the same name; target_group and agency_name are added.
_INFO_COLUMNS = ("id", "line_user_id", "display_name", "agency_id", "agency_text", "position", "province",
                 "consent_at", "consent_version", "active", "created_at", "deleted_at")


async def _infos(query: QuerySet[Member]) -> list[MemberInfo]:
    """MemberInfo for each row of the query, read in one statement with the agency's name joined."""
    rows = await query.values(*_INFO_COLUMNS, target_group="target_group_id", agency_name="agency__name")
    return [MemberInfo(**{**row, "agency_name": row["agency_name"] or ""}) for row in rows]


async def get_member(member_id: int) -> MemberInfo:
    """A member by id (deleted members too, with empty personal fields). Raises MemberNotFound."""
    found = await _infos(Member.filter(id=member_id))
    if not found:
        raise MemberNotFound(f"member {member_id} not found")
    return found[0]


# The bot reads the member behind every message and tap: one fixed statement (prepared once per
# connection) instead of building the ORM query each time.
_BY_LINE_ID_SQL = (
    f"SELECT {', '.join(f'm.{c}' for c in _INFO_COLUMNS)}, m.target_group_id AS target_group,"
    " COALESCE(a.name, '') AS agency_name FROM member m LEFT JOIN agency a ON a.id = m.agency_id"
    " WHERE m.line_user_id = $1 AND m.deleted_at IS NULL LIMIT 1"
)


async def get_member_by_line_id(line_user_id: str) -> MemberInfo | None:
    """The member behind a LINE user id, or None if they never consented (or deleted their data)."""
    if not line_user_id:
        return None
    rows = await connection().execute_query_dict(_BY_LINE_ID_SQL, [line_user_id])
    return MemberInfo(**rows[0]) if rows else None


async def can_receive_pushes(member_id: int) -> bool:
    """Pushes go only to members who still follow the bot and have not asked for deletion."""
    return await Member.filter(id=member_id, active=True, deleted_at=None).exclude(line_user_id=None).exists()


async def record_consent(*, line_user_id: str, version: str, clock: Clock, display_name: str = "") -> MemberInfo:
    """The user accepted the privacy notice: create (or re-activate) their member record."""
    if not line_user_id or len(line_user_id) > 64:
        raise ValidationFailed.field("line_user_id", "must be 1-64 characters")
    now = clock.utcnow()
    member = await Member.get_or_none(line_user_id=line_user_id)
    if member is None:
        try:
            member = await Member.create(
                line_user_id=line_user_id, display_name=display_name[:255], consent_at=now,
                consent_version=version[:20], active=True,
            )
            return await get_member(member.id)
        except IntegrityError:  # the same user's other event got there first
            member = await Member.get(line_user_id=line_user_id)
    member.consent_at = now
    member.consent_version = version[:20]
    member.active = True
    if display_name and not member.display_name:
        member.display_name = display_name[:255]
    await member.save(update_fields=["consent_at", "consent_version", "active", "display_name", "updated_at"])
    return await get_member(member.id)


async def deactivate_member(line_user_id: str) -> bool:
    """The user blocked or unfollowed the account: no more pushes. True if a member was found."""
    return bool(await Member.filter(line_user_id=line_user_id, deleted_at__isnull=True).update(active=False))


async def reactivate_member(line_user_id: str) -> MemberInfo | None:
    """The user followed the account again; returns the member if they had consented before."""
    member = await Member.get_or_none(line_user_id=line_user_id, deleted_at__isnull=True)
    if member is None:
        return None
    if not member.active:
        member.active = True
        await member.save(update_fields=["active", "updated_at"])
    return await get_member(member.id)


# ---- agencies --------------------------------------------------------------------------------


def _agency_info(agency: Agency) -> AgencyInfo:
    return AgencyInfo(id=agency.id, name=agency.name, short_name=agency.short_name, ministry=agency.ministry,
                      aliases=[a for a in agency.aliases.split("|") if a])


def _key(value: str) -> str:
    return normalize(value).replace(" ", "")


def _score(query: str, agency: Agency) -> float:
    names = [agency.name, agency.short_name, *agency.aliases.split("|")]
    keys = [k for k in (_key(n) for n in names) if k]
    best = 0.0
    for key in keys:
        if query == key:
            return 1.0
        ratio = difflib.SequenceMatcher(None, query, key).ratio()
        if len(query) >= 3 and (query in key or key in query):
            shorter, longer = sorted((len(query), len(key)))
            ratio = max(ratio, 0.75 + 0.2 * shorter / longer)
        best = max(best, ratio)
    return best


async def match_agencies(text: str, *, limit: int = 5) -> list[AgencyMatch]:
    """Agencies whose name, short name (ปค.) or alias looks like `text`, best first (fuzzy)."""
    query = _key(text or "")
    if not query:
        return []
    scored = [(round(_score(query, a), 3), a) for a in await Agency.all()]
    scored = [(s, a) for s, a in scored if s >= 0.5]
    scored.sort(key=lambda sa: (-sa[0], sa[1].name))
    return [AgencyMatch(id=a.id, name=a.name, short_name=a.short_name, score=s) for s, a in scored[:limit]]


async def list_agencies(*, q: str | None = None, limit: int = 100) -> list[AgencyInfo]:
    if q:
        ids = [m.id for m in await match_agencies(q, limit=limit)]
        agencies = {a.id: a for a in await Agency.filter(id__in=ids)}
        return [_agency_info(agencies[i]) for i in ids if i in agencies]
    return [_agency_info(a) for a in await Agency.all().order_by("name").limit(max(1, min(limit, 1000)))]


async def create_agency(
    *, name: str, short_name: str = "", ministry: str = "", aliases: list[str] | None = None, actor: str
) -> AgencyInfo:
    """Add an agency. Raises AlreadyExists for a duplicate name, ValidationFailed for an empty one."""
    name = name.strip()
    if not name:
        raise ValidationFailed.field("name", "must not be empty")
    clean_aliases = [a.strip().replace("|", " ") for a in aliases or [] if a.strip()]
    try:
        agency = await Agency.create(name=name[:255], short_name=short_name.strip()[:100],
                                     ministry=ministry.strip()[:255], aliases="|".join(clean_aliases))
    except IntegrityError as exc:
        raise AlreadyExists(f"agency {name!r} already exists", message_th="มีหน่วยงานนี้อยู่แล้วค่ะ") from exc
    await audit.record(actor=actor, action="agency.create", target_type="agency", target_id=agency.id,
                       details={"name": name})
    return _agency_info(agency)


# ---- profile ---------------------------------------------------------------------------------


async def update_profile(
    *,
    member_id: int,
    target_group: str | None = _UNSET,
    agency_text: str | None = _UNSET,
    agency_id: int | None = _UNSET,
    position: str | None = _UNSET,
    display_name: str | None = _UNSET,
    province: str | None = _UNSET,
) -> ProfileUpdate:
    """Change the given profile fields (omitted ones stay).

    agency_text is kept as typed and matched to the agency list: one clear match sets the agency, otherwise
    the agency is left unset and `agency_candidates` lists the likely ones (pass the chosen agency_id next).
    Raises MemberNotFound, ValidationFailed (unknown target group, agency id or province).
    """
    from backend.services.provinces import canonical_province

    member = await _member_or_404(member_id)
    if member.deleted_at is not None:
        raise MemberNotFound(f"member {member_id} not found")
    fields: list[str] = []
    candidates: list[AgencyMatch] = []
    if target_group is not _UNSET:
        if target_group is not None and not await TargetGroup.filter(code=target_group, active=True).exists():
            raise ValidationFailed.field("target_group", f"unknown target group {target_group!r}")
        member.target_group_id = target_group  # type: ignore[attr-defined]
        fields.append("target_group_id")
    if agency_id is not _UNSET:
        if agency_id is not None and not await Agency.filter(id=agency_id).exists():
            raise ValidationFailed.field("agency_id", "unknown agency")
        member.agency_id = agency_id  # type: ignore[attr-defined]
        fields.append("agency_id")
    if agency_text is not _UNSET:
        member.agency_text = (agency_text or "").strip()[:255]
        fields.append("agency_text")
        if agency_id is _UNSET:
            matches = await match_agencies(member.agency_text, limit=5)
            clear = matches and matches[0].score >= AGENCY_MATCH_THRESHOLD and (
                len(matches) == 1 or matches[0].score - matches[1].score >= 0.1 or matches[0].score == 1.0
            )
            member.agency_id = matches[0].id if clear else None  # type: ignore[attr-defined]
            fields.append("agency_id")
            if not clear:
                candidates = matches
    if position is not _UNSET:
        member.position = (position or "").strip()[:255]
        fields.append("position")
    if display_name is not _UNSET:
        member.display_name = (display_name or "").strip()[:255]
        fields.append("display_name")
    if province is not _UNSET:
        name = canonical_province(province) if province else None
        if province and name is None:
            raise ValidationFailed.field("province", "unknown province")
        member.province = name
        fields.append("province")
    if fields:
        await member.save(update_fields=[*dict.fromkeys(fields), "updated_at"])
    return ProfileUpdate(member=await get_member(member.id), agency_candidates=candidates)


# ---- admin lookup ----------------------------------------------------------------------------


MAX_INT32 = 2**31 - 1
ERASED_NAME = "(ลบข้อมูลส่วนบุคคลตามคำขอ)"
LINE_USER_ID_MAX = 64


async def search_members(*, q: str | None = None, limit: int = 20, offset: int = 0) -> MemberPage:
    """Members by name, LINE user id, position or agency (for admins); newest first."""
    query = Member.filter(deleted_at__isnull=True)
    term = "".join(ch for ch in (q or "") if ch.isprintable()).strip()
    if term:
        cond = (Q(display_name__icontains=term) | Q(position__icontains=term)
                | Q(agency_text__icontains=term) | Q(agency__name__icontains=term))
        if len(term) <= LINE_USER_ID_MAX:
            cond |= Q(line_user_id=term)
        if term.isdigit() and int(term) <= MAX_INT32:
            cond |= Q(id=int(term))
        query = query.filter(cond)
    total = await query.count()
    page = query.order_by("-id").offset(max(0, offset)).limit(max(1, min(limit, 100)))
    return MemberPage(items=await _infos(page), total=total)


# ---- PDPA ------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


async def export_member_data(member_id: int, *, clock: Clock) -> dict[str, Any]:
    """Everything stored about a member, as JSON-ready data (the PDPA right of access)."""
    member = await get_member(member_id)
    registrations = await list_member_registrations(member_id, include_cancelled=True, clock=clock)
    events = await RegistrationEvent.filter(registration__member_id=member_id).order_by("id").values(
        "registration_id", "kind", "at"
    )
    profile = asdict(member)
    return _jsonable({
        "exported_at": clock.utcnow(),
        "member": profile,
        "registrations": [asdict(r) for r in registrations],
        "registration_events": list(events),
    })


PERSONAL_FIELDS = ("line_user_id", "display_name", "agency_text", "position", "province", "consent_at",
                   "consent_version")


async def delete_member_data(*, member_id: int, actor: str, clock: Clock) -> DeletionReport:
    """Erase a member's personal data (PDPA): personal fields cleared, LINE account unlinked, upcoming
    registrations cancelled (freed seats go to the waitlist: see `promoted`), past registrations kept
    without any personal link for statistics. Idempotent. Raises MemberNotFound.
    """
    member = await _member_or_404(member_id)
    if member.deleted_at is not None:
        return DeletionReport(member_id=member_id, cleared_fields=[], registrations_kept_anonymous=await
                              Registration.filter(member_id=member_id).count(), registrations_cancelled=[],
                              promoted=[], deleted_at=member.deleted_at)
    cancelled: list[int] = []
    promoted: list[Promotion] = []
    for item in await list_member_registrations(member_id, clock=clock):
        if item.cancellable:
            try:
                result = await cancel_registration(registration_id=item.registration_id, actor=actor, clock=clock)
            except DomainError:  # e.g. it started meanwhile: it stays as it is
                continue
            cancelled.append(item.registration_id)
            if result.promoted:
                promoted.append(result.promoted)
    now = clock.utcnow()
    from backend.models.certificate import Certificate
    from backend.services import handover

    messages_deleted = await handover.delete_conversation(line_user_id=member.line_user_id) \
        if member.line_user_id else 0
    async with in_transaction() as conn:
        await Member.filter(id=member_id).using_db(conn).update(
            line_user_id=None, display_name="", agency_text="", position="", province=None, consent_at=None,
            consent_version="", active=False, deleted_at=now,
        )
        # Certificates stay verifiable (the training happened) but no longer carry the name.
        anonymised = await Certificate.filter(member_id=member_id).using_db(conn).update(
            name_on_certificate=ERASED_NAME)
        await audit.record(actor=actor, action="member.delete_data", target_type="member", target_id=member_id,
                           details={"registrations_cancelled": len(cancelled)}, using_db=conn)
    kept = await Registration.filter(member_id=member_id).exclude(status=RegistrationStatus.cancelled).count()
    return DeletionReport(member_id=member_id, cleared_fields=list(PERSONAL_FIELDS),
                          registrations_kept_anonymous=kept + len(cancelled), registrations_cancelled=cancelled,
                          promoted=promoted, deleted_at=now, conversation_messages_deleted=messages_deleted,
                          certificates_anonymised=int(anonymised or 0))
