"""Government agencies members work for: listed, added, and matched from what a member types (fuzzy, on
the name, the short name such as ปค., or an alias)."""

from __future__ import annotations

import difflib

from tortoise.exceptions import IntegrityError

from backend.models import Agency
from backend.services import audit
from backend.services.errors import AlreadyExists, ValidationFailed
from backend.services.members.views import AgencyInfo, AgencyMatch
from backend.services.text import normalize

AGENCY_MATCH_THRESHOLD = 0.72
"""The score above which one agency matches what a member typed clearly enough to be set without asking."""


def _agency_info(agency: Agency) -> AgencyInfo:
    return AgencyInfo(id=agency.id, name=agency.name, short_name=agency.short_name, ministry=agency.ministry,
                      aliases=[a for a in agency.aliases.split("|") if a], parent_id=agency.parent_id)


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
    *, name: str, short_name: str = "", ministry: str = "", aliases: list[str] | None = None, actor: str,
    parent_id: int | None = None,
) -> AgencyInfo:
    """Add an agency (a sub-unit of `parent_id` when given). Raises AlreadyExists for a duplicate name,
    ValidationFailed for an empty one or an unknown parent."""
    name = name.strip()
    if not name:
        raise ValidationFailed.field("name", "must not be empty")
    clean_aliases = [a.strip().replace("|", " ") for a in aliases or [] if a.strip()]
    if parent_id is not None and not await Agency.filter(id=parent_id).exists():
        raise ValidationFailed.field("parent_id", "no agency has this id")
    try:
        agency = await Agency.create(name=name[:255], short_name=short_name.strip()[:100],
                                     ministry=ministry.strip()[:255], aliases="|".join(clean_aliases),
                                     parent_id=parent_id)
    except IntegrityError as exc:
        raise AlreadyExists(f"agency {name!r} already exists", message_th="มีหน่วยงานนี้อยู่แล้ว") from exc
    await audit.record(actor=actor, action="agency.create", target_type="agency", target_id=agency.id,
                       details={"name": name})
    return _agency_info(agency)



async def find_agency_by_name(name: str) -> AgencyInfo | None:
    """The agency with exactly this name, or None."""
    agency = await Agency.get_or_none(name=name)
    return _agency_info(agency) if agency else None
