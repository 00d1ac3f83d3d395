"""Reading members: by id, by LINE user id (the bot, on every message), by a search term (admins)."""

from __future__ import annotations

from collections.abc import Sequence

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from backend.models import Member
from backend.services.errors import MemberNotFound
from backend.services.members.views import MemberInfo, MemberPage
from backend.services.sql import connection

MAX_INT32 = 2**31 - 1
LINE_USER_ID_MAX = 64


async def member_or_404(member_id: int) -> Member:
    """The member row by id (deleted members too). Raises MemberNotFound."""
    member = await Member.get_or_none(id=member_id)
    if member is None:
        raise MemberNotFound(f"member {member_id} not found")
    return member


# MemberInfo's fields that are member columns of the same name; target_group and agency_name are added.
_INFO_COLUMNS = ("id", "line_user_id", "display_name", "agency_id", "agency_text", "position", "province",
                 "consent_at", "consent_version", "active", "created_at", "deleted_at", "official_title",
                 "official_first_name", "official_last_name", "official_name_at")


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


_BY_LINE_IDS_SQL = (
    f"SELECT DISTINCT ON (m.line_user_id) {', '.join(f'm.{c}' for c in _INFO_COLUMNS)},"
    " m.target_group_id AS target_group, COALESCE(a.name, '') AS agency_name"
    " FROM member m LEFT JOIN agency a ON a.id = m.agency_id"
    " WHERE m.line_user_id = ANY($1::text[]) AND m.deleted_at IS NULL ORDER BY m.line_user_id, m.id"
)


async def get_members_by_line_ids(line_user_ids: Sequence[str]) -> dict[str, MemberInfo]:
    """The members behind several LINE user ids at once (one fixed statement): those found, by LINE user id."""
    wanted = list(dict.fromkeys(u for u in line_user_ids if u))
    if not wanted:
        return {}
    rows = await connection().execute_query_dict(_BY_LINE_IDS_SQL, [wanted])
    return {row["line_user_id"]: MemberInfo(**row) for row in rows}


async def can_receive_pushes(member_id: int) -> bool:
    """Pushes go only to members who still follow the bot and have not asked for deletion."""
    return await Member.filter(id=member_id, active=True, deleted_at=None).exclude(line_user_id=None).exists()


async def search_members(*, q: str | None = None, limit: int = 20, offset: int = 0) -> MemberPage:
    """Members by name (display or official), LINE user id, position or agency (for admins); newest first."""
    query = Member.filter(deleted_at__isnull=True)
    term = "".join(ch for ch in (q or "") if ch.isprintable()).strip()
    if term:
        cond = (Q(display_name__icontains=term) | Q(position__icontains=term)
                | Q(official_first_name__icontains=term) | Q(official_last_name__icontains=term)
                | Q(agency_text__icontains=term) | Q(agency__name__icontains=term))
        if len(term) <= LINE_USER_ID_MAX:
            cond |= Q(line_user_id=term)
        if term.isdigit() and int(term) <= MAX_INT32:
            cond |= Q(id=int(term))
        query = query.filter(cond)
    total = await query.count()
    page = query.order_by("-id").offset(max(0, offset)).limit(max(1, min(limit, 100)))
    return MemberPage(items=await _infos(page), total=total)


async def display_names_by_line_id(line_user_ids: list[str]) -> dict[str, str]:
    """LINE user id -> the member's display name, for the members among them."""
    rows = await Member.filter(line_user_id__in=line_user_ids).values("line_user_id", "display_name")
    return {r["line_user_id"]: r["display_name"] for r in rows}
