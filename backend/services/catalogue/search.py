"""Course search: filters checked, the query parsed, candidates ranked, one page of summaries read.

Search is Thai-aware: the query is normalised and segmented (pythainlp newmm); words and phrases that
are framework keywords (เอไอ, ไซเบอร์, ผู้บริหาร ...) count as that topic or target group, so courses tagged
with it match and rank first; other words must appear in the course's segmented text. Results are
ranked: topic/target-group matches first, then the soonest upcoming session, then the course code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from backend.clock import Clock
from backend.models import Modality
from backend.services.catalogue.course_details import (
    course_tag_codes,
    course_tags_from_codes,
    pick_next_session,
)
from backend.services.catalogue.query_parsing import ParsedQuery, parse_query
from backend.services.catalogue.ranking import ranked_candidates, top_ranked
from backend.services.catalogue.views import CoursePage, CourseSummary, SessionInfo
from backend.services.errors import ValidationFailed
from backend.services.framework import Vocabulary, get_vocabulary
from backend.services.provinces import canonical_province
from backend.services.search_index import SessionFilter, get_index
from backend.services.session_seats import SESSION_FIELDS, session_info
from backend.services.sql import Params, connection

MAX_PAGE_SIZE = 50


@dataclass
class _SessionFilters:
    province: str | None
    online: bool | None
    date_from: dt.date | None
    date_to: dt.date | None
    open_only: bool

    @property
    def any(self) -> bool:
        return bool(self.province or self.online is not None or self.date_from or self.date_to or self.open_only)

    @property
    def only_open_only(self) -> bool:
        """No province, online or date filter (open_only may be set)."""
        return not (self.province or self.online is not None or self.date_from or self.date_to)

    def sql(self, p: Params, today: dt.date) -> str:
        parts = [f"s.status = {p('open')}", f"s.start_date >= {p(today)}"]
        if self.province:
            parts.append(f"s.province = {p(self.province)}")
        if self.online is not None:
            parts.append(f"s.online = {p(self.online)}")
        if self.date_from:
            parts.append(f"s.start_date >= {p(self.date_from)}")
        if self.date_to:
            parts.append(f"s.start_date <= {p(self.date_to)}")
        if self.open_only:
            parts.append(f"(s.registration_opens IS NULL OR s.registration_opens <= {p(today)})")
            parts.append(f"COALESCE(s.registration_closes, s.start_date) >= {p(today)}")
        return " AND ".join(parts)

    def matches(self, s: SessionInfo) -> bool:
        if self.province and s.province != self.province:
            return False
        if self.online is not None and s.online != self.online:
            return False
        if self.date_from and s.start_date < self.date_from:
            return False
        if self.date_to and s.start_date > self.date_to:
            return False
        return not (self.open_only and not s.is_open_for_registration)


def _clean_codes(values: str | Sequence[str] | None, known: dict[str, Any], name: str) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [v for v in values.split(",")]
    codes = [v.strip() for v in values if v and v.strip()]
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValidationFailed(
            f"unknown {name}: {', '.join(unknown)}",
            errors=[{"field": name, "reason": f"unknown code {c!r}; one of {', '.join(known)}"} for c in unknown],
        )
    return list(dict.fromkeys(codes))


async def search_courses(
    *,
    q: str | None = None,
    topics: str | Sequence[str] | None = None,
    target_group: str | None = None,
    modality: str | None = None,
    province: str | None = None,
    online: bool | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    open_only: bool = False,
    prefer_target_group: str | None = None,
    page: int = 1,
    page_size: int = 10,
    clock: Clock,
) -> CoursePage:
    """Search active courses; one page of summaries plus the total count.

    - q: free text in Thai or English ("เอไอ", "วิเคราะห์ข้อมูล", "cyber"); framework keywords count as
      topics/target groups (tagged courses match and rank first), other words must appear in the course.
    - topics: topic codes (any of them); target_group: a target-group code; modality: online|onsite|hybrid.
    - province (any spelling canonical_province knows), online, date_from/date_to (session start dates),
      open_only (registration open today): a course qualifies through an upcoming session matching all.
    - prefer_target_group: ranks courses for this group first without filtering (e.g. the member's own).
    Ranked by topic/target match (then the words appearing in the title), then the soonest matching
    upcoming session, then code.
    Raises ValidationFailed for unknown codes or a province that is not one of the 77.
    """
    today = clock.today()
    page = max(1, int(page))
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    vocab = await get_vocabulary()
    topic_codes = _clean_codes(topics, vocab.topics, "topic")
    group_codes = _clean_codes(target_group, vocab.target_groups, "target_group")
    preferred = _clean_codes(prefer_target_group, vocab.target_groups, "prefer_target_group")
    if modality is not None and modality not in Modality.__members__:
        raise ValidationFailed.field("modality", "must be one of online, onsite, hybrid")
    province_name = None
    if province:
        province_name = canonical_province(province)
        if province_name is None:
            raise ValidationFailed.field("province", "unknown province")
    if date_from and date_to and date_to < date_from:
        raise ValidationFailed.field("date_to", "must not be before date_from")
    parsed = parse_query(q or "", vocab)
    if province_name is None and parsed.province:
        province_name = parsed.province
    if online is None and parsed.online:
        online = True
    filters = _SessionFilters(province_name, online, date_from, date_to, open_only)

    total, rows = await _search_ids(parsed, filters, topic_codes, group_codes, modality, preferred, page,
                                    page_size, today, any_word=False)
    if total == 0 and len(parsed.phrases) + len(parsed.terms) >= 2:
        # Nothing has every word: fall back to courses with any of them, most matches first.
        total, rows = await _search_ids(parsed, filters, topic_codes, group_codes, modality, preferred, page,
                                        page_size, today, any_word=True)
    items = await _hydrate(rows, filters, vocab, today)
    return CoursePage(items=items, total=total, page=page, page_size=page_size)


async def warm_up() -> None:
    """Load the framework vocabulary and build the search index (a moment with a large catalogue)."""
    await get_vocabulary()
    await get_index()


async def _search_ids(
    parsed: ParsedQuery,
    filters: _SessionFilters,
    topic_codes: list[str],
    group_codes: list[str],
    modality: str | None,
    preferred: list[str],
    page: int,
    page_size: int,
    today: dt.date,
    *,
    any_word: bool,
) -> tuple[int, list[int]]:
    """(total, course ids of the page) ranked by score, then soonest matching session, then code."""
    index = await get_index()
    restricted, scores = ranked_candidates(parsed, index, topic_codes, group_codes, modality, preferred,
                                            any_word=any_word)
    if restricted is not None and not restricted:
        return 0, []
    count = (page - 1) * page_size + page_size
    if filters.only_open_only:
        ranked_all, order = await index.browse_order(today, filters.open_only)
        open_starts = await index.next_starts(today, True) if filters.open_only else None
        if not scores and restricted is None:
            total = len(open_starts.keys() & index.active) if open_starts is not None else len(ranked_all)
            return total, ranked_all[count - page_size:min(count, total)]
        pool: Collection[int] = restricted if restricted is not None else index.active
        if open_starts is not None:
            pool = [cid for cid in pool if cid in open_starts]
        return len(pool), top_ranked(pool, scores, count, order.__getitem__)[count - page_size:]
    upcoming = await index.upcoming(today)
    flt = SessionFilter(province=filters.province, online=filters.online, date_from=filters.date_from,
                        date_to=filters.date_to, open_only=filters.open_only)
    starts = upcoming.first_starts(flt, today, restricted)
    code_of = index.code_of
    return len(starts), top_ranked(starts, scores, count, lambda cid: (starts[cid], code_of[cid]))[count - page_size:]


async def _hydrate(
    course_ids: list[int], filters: _SessionFilters, vocab: Vocabulary, today: dt.date
) -> list[CourseSummary]:
    """Summaries for a page of course ids (three queries: courses, tags, upcoming sessions)."""
    if not course_ids:
        return []
    conn = connection()
    p = Params()
    courses = {
        r["id"]: r for r in await conn.execute_query_dict(
            "SELECT c.id, c.code, c.title_th, c.title_en, c.hours, c.modality, c.fee, c.status, p.name AS provider "
            f"FROM course c JOIN provider p ON p.id = c.provider_id WHERE {p.is_in('c.id', course_ids)}", p.values)
    }
    tags = await course_tag_codes(course_ids)
    p = Params()
    session_rows = await conn.execute_query_dict(
        f"SELECT {', '.join('s.' + f for f in SESSION_FIELDS)}, (SELECT COUNT(*) FROM registration r "
        f"WHERE r.session_id = s.id AND r.status = {p('waitlisted')}) AS waitlisted FROM session s "
        f"WHERE {p.is_in('s.course_id', course_ids)} AND s.status = {p('open')} AND s.start_date >= {p(today)} "
        "ORDER BY s.start_date, s.no",
        p.values,
    )
    per_course: dict[int, list[SessionInfo]] = {cid: [] for cid in course_ids}
    for row in session_rows:
        course = courses[row["course_id"]]
        info = session_info(row, course_code=course["code"], course_title=course["title_th"],
                            course_status=str(course["status"]), today=today, waitlisted=int(row["waitlisted"]))
        if filters.matches(info):
            per_course[row["course_id"]].append(info)
    items = []
    for cid in course_ids:
        found = courses.get(cid)
        if found is None:
            continue
        topics, skill_areas, target_groups = course_tags_from_codes(tags[cid], vocab)
        items.append(CourseSummary(
            code=found["code"], title_th=found["title_th"], title_en=found["title_en"], provider=found["provider"],
            topics=topics, skill_areas=skill_areas, target_groups=target_groups,
            hours=float(found["hours"]), modality=str(found["modality"]), fee=float(found["fee"]),
            status=str(found["status"]), next_session=pick_next_session(per_course[cid]),
        ))
    return items

