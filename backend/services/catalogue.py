"""The certified-course catalogue: courses, their sessions (รุ่น), and course search.

Search is Thai-aware: the query is normalised and segmented (pythainlp newmm); words and phrases that
are framework keywords (เอไอ, ไซเบอร์, ผู้บริหาร ...) count as that topic or target group, so courses tagged
with it match and rank first; other words must appear in the course's segmented text. Results are
ranked: topic/target-group matches first, then the soonest upcoming session, then the course code.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError as PydanticValidationError
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.clock import Clock
from backend.models import (
    Course,
    CourseStatus,
    Modality,
    Provider,
    Registration,
    RegistrationStatus,
    Role,
    Session,
    SessionStatus,
    SkillArea,
    StaffUser,
    TargetGroup,
    Topic,
)
from backend.schemas.catalogue import (
    CourseCreate,
    CourseUpdate,
    SessionCreate,
    SessionUpdate,
    _check_session_dates,
)
from backend.services import audit, text
from backend.services.errors import (
    AlreadyExists,
    Conflict,
    CourseNotFound,
    SessionNotFound,
    ValidationFailed,
)
from backend.services.framework import Vocabulary, get_vocabulary
from backend.services.provinces import canonical_province, province_names
from backend.services.recent import RecentAnswers
from backend.services.search_index import CourseTextIndex, SessionFilter, get_index
from backend.services.search_index import invalidate as invalidate_search_index
from backend.services.sql import Params, connection

MAX_PAGE_SIZE = 50


# ---- plain data returned to callers ----------------------------------------------------------


@dataclass(frozen=True)
class Tag:
    code: str
    name_th: str


@dataclass
class SessionInfo:
    id: int
    course_code: str
    course_title_th: str
    no: int
    start_date: dt.date
    end_date: dt.date
    province: str | None
    online: bool
    venue: str
    capacity: int
    seats_taken: int
    waitlisted: int
    registration_opens: dt.date | None
    registration_closes: dt.date | None
    status: str
    trainer_id: int | None
    registration_state: str
    """open | not_open_yet | closed | past | cancelled | course_unavailable"""

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.seats_taken)

    @property
    def is_open_for_registration(self) -> bool:
        """Registration is accepted today (a full session still takes people onto its waitlist)."""
        return self.registration_state == "open"


@dataclass
class CourseSummary:
    code: str
    title_th: str
    title_en: str
    provider: str
    topics: list[Tag]
    skill_areas: list[Tag]
    target_groups: list[Tag]
    hours: float
    modality: str
    fee: float
    status: str
    next_session: SessionInfo | None
    """The soonest upcoming session matching the search filters, preferring one with seats left."""


@dataclass
class CourseDetail(CourseSummary):
    description: str = ""
    certification_no: str = ""
    certified_on: dt.date | None = None
    certification_expires: dt.date | None = None
    sessions: list[SessionInfo] = field(default_factory=list)


@dataclass
class CoursePage:
    items: list[CourseSummary]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return (self.total + self.page_size - 1) // self.page_size if self.total else 0


# ---- registration window ---------------------------------------------------------------------


def registration_state(
    *,
    status: str,
    start_date: dt.date,
    registration_opens: dt.date | None,
    registration_closes: dt.date | None,
    course_status: str,
    today: dt.date,
) -> str:
    """Whether a session takes registrations today, and if not, why.

    A session without an explicit closing date takes registrations up to and including its start date.
    """
    if status == SessionStatus.cancelled:
        return "cancelled"
    if course_status != CourseStatus.active:
        return "course_unavailable"
    if start_date < today:
        return "past"
    if registration_opens is not None and today < registration_opens:
        return "not_open_yet"
    if today > (registration_closes or start_date):
        return "closed"
    return "open"


# ---- reading ---------------------------------------------------------------------------------


def _tags(codes: Sequence[str], names: dict[str, Any]) -> list[Tag]:
    return [Tag(code=c, name_th=names[c].name_th if c in names else c) for c in codes]


def _session_info(
    row: dict[str, Any], *, course_code: str, course_title: str, course_status: str, today: dt.date,
    waitlisted: int = 0,
) -> SessionInfo:
    start = row["start_date"]
    opens = row["registration_opens"]
    closes = row["registration_closes"]
    assert start is not None
    return SessionInfo(
        id=row["id"], course_code=course_code, course_title_th=course_title, no=row["no"],
        start_date=start, end_date=row["end_date"] or start, province=row["province"],
        online=bool(row["online"]), venue=row["venue"] or "", capacity=row["capacity"],
        seats_taken=row["seats_taken"], waitlisted=waitlisted, registration_opens=opens,
        registration_closes=closes, status=str(row["status"]), trainer_id=row["trainer_id"],
        registration_state=registration_state(
            status=str(row["status"]), start_date=start, registration_opens=opens, registration_closes=closes,
            course_status=course_status, today=today,
        ),
    )


_SESSION_FIELDS = (
    "id", "course_id", "no", "start_date", "end_date", "province", "online", "venue", "capacity", "seats_taken",
    "registration_opens", "registration_closes", "status", "trainer_id",
)


async def _waitlist_counts(session_ids: Sequence[int]) -> dict[int, int]:
    if not session_ids:
        return {}
    conn = connection()
    p = Params()
    rows = await conn.execute_query_dict(
        f"SELECT session_id, COUNT(*) AS n FROM registration WHERE status = {p('waitlisted')} "
        f"AND {p.is_in('session_id', session_ids)} GROUP BY session_id",
        p.values,
    )
    return {r["session_id"]: int(r["n"]) for r in rows}


async def _course_tags(course_ids: Sequence[int]) -> dict[int, dict[str, list[str]]]:
    out: dict[int, dict[str, list[str]]] = {cid: {"topics": [], "skill_areas": [], "target_groups": []}
                                            for cid in course_ids}
    if not course_ids:
        return out
    conn = connection()
    p = Params()
    ids = list(course_ids)
    sql = (
        f"SELECT course_id, 'topics' AS kind, topic_id AS code FROM course_topic WHERE {p.is_in('course_id', ids)} "
        f"UNION ALL SELECT course_id, 'skill_areas', skillarea_id FROM course_skill_area "
        f"WHERE {p.is_in('course_id', ids)} "
        f"UNION ALL SELECT course_id, 'target_groups', targetgroup_id FROM course_target_group "
        f"WHERE {p.is_in('course_id', ids)}"
    )
    for row in await conn.execute_query_dict(sql, p.values):
        out[row["course_id"]][row["kind"]].append(row["code"])
    return out


def _ordered(codes: list[str], order: dict[str, Any]) -> list[str]:
    index = {code: i for i, code in enumerate(order)}
    return sorted(codes, key=lambda c: (index.get(c, len(index)), c))


async def _summaries(
    courses: Sequence[Course], vocab: Vocabulary
) -> dict[int, tuple[list[Tag], list[Tag], list[Tag]]]:
    tags = await _course_tags([c.id for c in courses])
    result = {}
    for course in courses:
        t = tags[course.id]
        result[course.id] = (
            _tags(_ordered(t["topics"], vocab.topics), vocab.topics),
            _tags(_ordered(t["skill_areas"], vocab.skill_areas), vocab.skill_areas),
            _tags(_ordered(t["target_groups"], vocab.target_groups), vocab.target_groups),
        )
    return result


def _summary(course: Course, tags: tuple[list[Tag], list[Tag], list[Tag]], next_session: SessionInfo | None
             ) -> CourseSummary:
    return CourseSummary(
        code=course.code, title_th=course.title_th, title_en=course.title_en, provider=course.provider.name,
        topics=tags[0], skill_areas=tags[1], target_groups=tags[2], hours=float(course.hours),
        modality=str(course.modality), fee=float(course.fee), status=str(course.status),
        next_session=next_session,
    )


_VALID_CODE = re.compile(r"^[A-Z0-9][A-Z0-9._\-/]{0,39}$")


async def _course_or_404(code: str) -> Course:
    if not _VALID_CODE.match(normalize_code(code)):  # no such code can exist: do not ask the database
        raise CourseNotFound(f"course {code!r} not found", code_value=code)
    course = await Course.get_or_none(code=normalize_code(code)).select_related("provider")
    if course is None:
        raise CourseNotFound(f"course {code!r} not found", code_value=code)
    return course


def normalize_code(code: str) -> str:
    return (code or "").strip().upper()


async def get_course(code: str, *, clock: Clock) -> CourseDetail:
    """A course with all its sessions (oldest first), seats left, waitlist sizes and registration state.

    Raises CourseNotFound.
    """
    today = clock.today()
    course = await _course_or_404(code)
    vocab = await get_vocabulary()
    tags = (await _summaries([course], vocab))[course.id]
    rows = await Session.filter(course_id=course.id).order_by("start_date", "no").values(*_SESSION_FIELDS)
    waits = await _waitlist_counts([r["id"] for r in rows])
    sessions = [
        _session_info(r, course_code=course.code, course_title=course.title_th, course_status=str(course.status),
                      today=today, waitlisted=waits.get(r["id"], 0))
        for r in rows
    ]
    upcoming = [s for s in sessions if s.start_date >= today and s.status == SessionStatus.open]
    base = _summary(course, tags, _pick_next(upcoming))
    return CourseDetail(
        **{f: getattr(base, f) for f in base.__dataclass_fields__},
        description=course.description, certification_no=course.certification_no,
        certified_on=course.certified_on, certification_expires=course.certification_expires, sessions=sessions,
    )


async def get_session(session_id: int, *, clock: Clock) -> SessionInfo:
    """One session with its course code and title, seats and registration state. Raises SessionNotFound."""
    today = clock.today()
    rows = await Session.filter(id=session_id).values(*_SESSION_FIELDS)
    if not rows:
        raise SessionNotFound(f"session {session_id} not found")
    course = await Course.get(id=rows[0]["course_id"])
    waits = await _waitlist_counts([session_id])
    return _session_info(rows[0], course_code=course.code, course_title=course.title_th,
                         course_status=str(course.status), today=today, waitlisted=waits.get(session_id, 0))


def _pick_next(sessions: Sequence[SessionInfo]) -> SessionInfo | None:
    """The soonest session open for registration with seats left, else the soonest open one, else the soonest."""
    for wanted in (lambda s: s.is_open_for_registration and s.seats_left > 0,
                   lambda s: s.is_open_for_registration,
                   lambda s: True):
        for s in sessions:
            if wanted(s):
                return s
    return None


# ---- search ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    kind: str  # "topic" | "target_group"
    code: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class ParsedQuery:
    phrases: tuple[_Phrase, ...]
    terms: tuple[str, ...]
    code: str | None
    province: str | None = None
    """A province named in the text ("คลาวด์ เชียงใหม่"): used as the province filter when none is given."""
    online: bool = False
    """The text asks for online sessions (ออนไลน์ / online)."""

    @property
    def empty(self) -> bool:
        return not self.phrases and not self.terms and not self.code


_CODE_LIKE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-/]*\d[A-Za-z0-9._\-/]*$")
_matchers: dict[int, list[tuple[str, re.Pattern[str] | None, str, str]]] = {}


def _keyword_matchers(vocab: Vocabulary) -> list[tuple[str, re.Pattern[str] | None, str, str]]:
    """(keyword, regex for Latin keywords, kind, code), longest keyword first; cached per vocabulary."""
    cached = _matchers.get(id(vocab))
    if cached is not None:
        return cached
    items: list[tuple[str, re.Pattern[str] | None, str, str]] = []
    seen: set[str] = set()
    for kind, table in (("topic", vocab.topics), ("target_group", vocab.target_groups)):
        for code, item in table.items():
            for kw in (*item.keywords, item.name_th.lower(), item.name_en.lower()):
                norm = text.normalize(kw)
                if len(norm) < 2 or norm in seen:
                    continue
                seen.add(norm)
                pattern = None
                if norm[0].isascii() or norm[-1].isascii():
                    pattern = re.compile(r"(?<![a-z0-9])" + re.escape(norm) + r"(?![a-z0-9])")
                items.append((norm, pattern, kind, code))
    items.sort(key=lambda i: -len(i[0]))
    _matchers.clear()
    _matchers[id(vocab)] = items
    return items


_ONLINE_WORDS = (" online ", "ออนไลน์")


def parse_query(q: str, vocab: Vocabulary) -> ParsedQuery:
    """Split a free-text query into framework phrases (topic/target group) and remaining words."""
    raw = (q or "").strip()
    code = raw.upper() if _CODE_LIKE.match(raw) else None
    norm = f" {text.normalize(raw)} "
    phrases: list[_Phrase] = []
    for keyword, pattern, kind, item_code in _keyword_matchers(vocab):
        if keyword not in norm:
            continue
        if pattern is not None:
            if not pattern.search(norm):
                continue
            norm = pattern.sub(" ", norm)
        else:
            norm = norm.replace(keyword, " ")
        if not any(p.kind == kind and p.code == item_code for p in phrases):
            phrases.append(_Phrase(kind=kind, code=item_code, words=tuple(keyword.split(" "))))
    province = None
    for name, official in province_names():
        if name in norm:
            province = official
            norm = norm.replace(name, " ")
            break
    online = False
    for word in _ONLINE_WORDS:
        if word in norm:
            online = True
            norm = norm.replace(word, " ")
    return ParsedQuery(phrases=tuple(phrases), terms=tuple(text.query_terms(norm)), code=code, province=province,
                       online=online)


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


# What this process answered a moment ago, for the chat bot (see backend.services.recent).
_recent_pages: RecentAnswers[CoursePage] = RecentAnswers()
_recent_courses: RecentAnswers[CourseDetail] = RecentAnswers()


async def search_courses_recent(*, max_age_seconds: float, clock: Clock, **criteria: Any) -> CoursePage:
    """search_courses, answered from this process's copy of the same search when it is at most
    max_age_seconds old: seat counts, and catalogue changes made by other processes, may be that old
    (changes through this process's catalogue service clear the copies; registering always checks the
    database). The page is shared: read it, do not change it."""
    key = (clock.today(), *sorted((name, tuple(v) if isinstance(v, list) else v) for name, v in criteria.items()))
    return await _recent_pages.get_or_compute(key, lambda: search_courses(clock=clock, **criteria),
                                              max_age_seconds=max_age_seconds)


async def get_course_recent(code: str, *, max_age_seconds: float, clock: Clock) -> CourseDetail:
    """get_course, answered from this process's copy when at most max_age_seconds old (as above)."""
    return await _recent_courses.get_or_compute((code, clock.today()), lambda: get_course(code, clock=clock),
                                                max_age_seconds=max_age_seconds)


async def warm_up() -> None:
    """Load the framework vocabulary and build the search index (a moment with a large catalogue)."""
    await get_vocabulary()
    await get_index()


def forget_recent_searches() -> None:
    _recent_pages.clear()
    _recent_courses.clear()


def _catalogue_changed() -> None:
    invalidate_search_index()
    forget_recent_searches()


def _ranked_candidates(
    parsed: ParsedQuery,
    index: CourseTextIndex,
    topic_codes: list[str],
    group_codes: list[str],
    modality: str | None,
    preferred: list[str],
    *,
    any_word: bool,
) -> tuple[set[int] | None, dict[int, int]]:
    """(the active courses that qualify, or None when every active course does; course id -> score, for
    ranking: tagged with a topic/target group named in the query, words in the title, preferred group)."""
    restrict: set[int] | None = None
    scores: dict[int, int] = defaultdict(int)

    def narrow(ids: Iterable[int]) -> None:
        nonlocal restrict
        restrict = set(ids) if restrict is None else restrict & set(ids)

    if topic_codes:
        narrow(set().union(*(index.topics.get(c, set()) for c in topic_codes)))
    if group_codes:
        narrow(set().union(*(index.groups.get(c, set()) for c in group_codes)))
    if modality:
        narrow(cid for cid, m in index.modality.items() if m == modality)

    matches: list[frozenset[int] | set[int]] = []
    for phrase in parsed.phrases:
        tagged = (index.topics if phrase.kind == "topic" else index.groups).get(phrase.code, set())
        mentioned = frozenset.intersection(*(index.word(w) for w in phrase.words))
        matches.append((tagged & index.active) | mentioned)
        for cid in tagged:
            scores[cid] += 100
        for cid in frozenset.intersection(*(index.in_title(w) for w in phrase.words)):
            scores[cid] += 10
    for term in parsed.terms:
        matches.append(index.word(term))
        for cid in index.in_title(term):
            scores[cid] += 10
    text_ids: set[int] | None = None
    if matches:
        if any_word:
            text_ids = set().union(*matches)
            for found in matches:
                for cid in found:
                    scores[cid] += 1
        else:
            text_ids = set(frozenset.intersection(*map(frozenset, matches)))
    if parsed.code:
        code_id = index.codes.get(parsed.code)
        if code_id is not None and code_id in index.active:
            text_ids = (text_ids or set()) | {code_id}
            scores[code_id] += 1000
        elif text_ids is None:
            text_ids = set()
    if text_ids is not None:
        narrow(text_ids)
    for code in preferred:
        for cid in index.groups.get(code, set()):
            scores[cid] += 50
    if restrict is not None:
        restrict &= index.active
    return restrict, scores


def _top(pool: Iterable[int], scores: dict[int, int], count: int, key: Callable[[int], Any]) -> list[int]:
    """The first `count` of `pool` by score (highest first), then `key`: sorts only the buckets it needs."""
    if not scores:
        return heapq.nsmallest(count, pool, key=key)
    buckets: dict[int, list[int]] = defaultdict(list)
    get = scores.get
    for cid in pool:
        buckets[get(cid, 0)].append(cid)
    result: list[int] = []
    for score in sorted(buckets, reverse=True):
        bucket = buckets[score]
        if len(result) + len(bucket) <= count:
            result.extend(sorted(bucket, key=key))
        else:
            result.extend(heapq.nsmallest(count - len(result), bucket, key=key))
        if len(result) >= count:
            break
    return result


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
    restricted, scores = _ranked_candidates(parsed, index, topic_codes, group_codes, modality, preferred,
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
        return len(pool), _top(pool, scores, count, order.__getitem__)[count - page_size:]
    upcoming = await index.upcoming(today)
    flt = SessionFilter(province=filters.province, online=filters.online, date_from=filters.date_from,
                        date_to=filters.date_to, open_only=filters.open_only)
    starts = upcoming.first_starts(flt, today, restricted)
    code_of = index.code_of
    return len(starts), _top(starts, scores, count, lambda cid: (starts[cid], code_of[cid]))[count - page_size:]


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
    tags = await _course_tags(course_ids)
    p = Params()
    session_rows = await conn.execute_query_dict(
        f"SELECT {', '.join('s.' + f for f in _SESSION_FIELDS)}, (SELECT COUNT(*) FROM registration r "
        f"WHERE r.session_id = s.id AND r.status = {p('waitlisted')}) AS waitlisted FROM session s "
        f"WHERE {p.is_in('s.course_id', course_ids)} AND s.status = {p('open')} AND s.start_date >= {p(today)} "
        "ORDER BY s.start_date, s.no",
        p.values,
    )
    per_course: dict[int, list[SessionInfo]] = {cid: [] for cid in course_ids}
    for row in session_rows:
        course = courses[row["course_id"]]
        info = _session_info(row, course_code=course["code"], course_title=course["title_th"],
                             course_status=str(course["status"]), today=today, waitlisted=int(row["waitlisted"]))
        if filters.matches(info):
            per_course[row["course_id"]].append(info)
    items = []
    for cid in course_ids:
        row = courses.get(cid)
        if row is None:
            continue
        t = tags[cid]
        items.append(CourseSummary(
            code=row["code"], title_th=row["title_th"], title_en=row["title_en"], provider=row["provider"],
            topics=_tags(_ordered(t["topics"], vocab.topics), vocab.topics),
            skill_areas=_tags(_ordered(t["skill_areas"], vocab.skill_areas), vocab.skill_areas),
            target_groups=_tags(_ordered(t["target_groups"], vocab.target_groups), vocab.target_groups),
            hours=float(row["hours"]), modality=str(row["modality"]), fee=float(row["fee"]),
            status=str(row["status"]), next_session=_pick_next(per_course[cid]),
        ))
    return items


# ---- writing ---------------------------------------------------------------------------------


async def _check_codes(model: Any, codes: Sequence[str], name: str) -> list[str]:
    codes = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    found = set(await model.filter(code__in=codes).values_list("code", flat=True)) if codes else set()
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationFailed(
            f"unknown {name}: {', '.join(missing)}",
            errors=[{"field": name, "reason": f"unknown code {c!r}"} for c in missing],
        )
    return codes


async def _provider(name: str, using_db: Any) -> Provider:
    provider = await Provider.get_or_none(name=name.strip(), using_db=using_db)
    if provider is None:
        provider = await Provider.create(name=name.strip(), using_db=using_db)
    return provider


def _document(course: Course, provider_name: str, topic_codes: Sequence[str], group_codes: Sequence[str],
              vocab: Vocabulary) -> str:
    names = [vocab.topics[c].name_th for c in topic_codes if c in vocab.topics]
    names += [vocab.target_groups[c].name_th for c in group_codes if c in vocab.target_groups]
    return text.search_document([course.code, course.title_th, course.title_en, provider_name, *names,
                                 course.description])


async def _set_tags(course: Course, topics: list[str] | None, areas: list[str] | None,
                    groups: list[str] | None, using_db: Any) -> None:
    for relation, model, codes in ((course.topics, Topic, topics), (course.skill_areas, SkillArea, areas),
                                   (course.target_groups, TargetGroup, groups)):
        if codes is None:
            continue
        await relation.clear(using_db=using_db)
        if codes:
            await relation.add(*await model.filter(code__in=codes).using_db(using_db), using_db=using_db)


async def create_course(data: CourseCreate, *, actor: str, clock: Clock) -> CourseDetail:
    """Add a course to the catalogue. Raises AlreadyExists (duplicate code) or ValidationFailed (codes)."""
    code = normalize_code(data.code)
    topics = await _check_codes(Topic, data.topics, "topics")
    areas = await _check_codes(SkillArea, data.skill_areas, "skill_areas")
    groups = await _check_codes(TargetGroup, data.target_groups, "target_groups")
    vocab = await get_vocabulary()
    try:
        async with in_transaction() as conn:
            if await Course.filter(code=code).using_db(conn).exists():
                raise AlreadyExists(f"course {code} already exists", message_th="มีรหัสหลักสูตรนี้อยู่แล้วค่ะ")
            provider = await _provider(data.provider, conn)
            course = Course(
                code=code, title_th=data.title_th, title_en=data.title_en, description=data.description,
                provider=provider, hours=data.hours, modality=data.modality, fee=data.fee,
                certification_no=data.certification_no, certified_on=data.certified_on,
                certification_expires=data.certification_expires, status=CourseStatus(data.status),
            )
            course.search_text = _document(course, provider.name, topics, groups, vocab)
            await course.save(using_db=conn)
            await _set_tags(course, topics, areas, groups, conn)
            await audit.record(actor=actor, action="course.create", target_type="course", target_id=code,
                               using_db=conn)
        _catalogue_changed()
    except IntegrityError as exc:
        raise AlreadyExists(f"course {code} already exists", message_th="มีรหัสหลักสูตรนี้อยู่แล้วค่ะ") from exc
    return await get_course(code, clock=clock)


async def insert_new_courses(
    items: Sequence[tuple[CourseCreate, Sequence[SessionCreate]]], *, actor: str
) -> tuple[int, int]:
    """Insert many new courses with their sessions in one transaction and a few statements (seeding).

    The codes must be new; tags must be known codes; session provinces official names. Returns
    (courses, sessions) inserted. One audit row records the whole batch.
    """
    vocab = await get_vocabulary()
    for data, sessions in items:
        for name, codes, known in (("topics", data.topics, vocab.topics),
                                   ("target_groups", data.target_groups, vocab.target_groups),
                                   ("skill_areas", data.skill_areas, vocab.skill_areas)):
            unknown = [c for c in codes if c not in known]
            if unknown:
                raise ValidationFailed.field(name, f"unknown codes {unknown} in {data.code}")
        for session in sessions:
            _province_or_error(session.province, session.online)
    async with in_transaction() as conn:
        names = list(dict.fromkeys(data.provider.strip() for data, _ in items))
        existing = set(await Provider.filter(name__in=names).using_db(conn).values_list("name", flat=True))
        await Provider.bulk_create([Provider(name=n) for n in names if n not in existing], using_db=conn)
        providers = dict(await Provider.filter(name__in=names).using_db(conn).values_list("name", "id"))
        courses = []
        for data, _ in items:
            course = Course(
                code=normalize_code(data.code), title_th=data.title_th, title_en=data.title_en,
                description=data.description, provider_id=providers[data.provider.strip()], hours=data.hours,
                modality=data.modality, fee=data.fee, certification_no=data.certification_no,
                certified_on=data.certified_on, certification_expires=data.certification_expires,
                status=CourseStatus(data.status),
            )
            course.search_text = _document(course, data.provider.strip(), data.topics, data.target_groups, vocab)
            courses.append(course)
        await Course.bulk_create(courses, batch_size=500, using_db=conn)
        ids = dict(await Course.filter(code__in=[c.code for c in courses]).using_db(conn).values_list("code", "id"))
        for table, column, attr in (("course_topic", "topic_id", "topics"),
                                    ("course_skill_area", "skillarea_id", "skill_areas"),
                                    ("course_target_group", "targetgroup_id", "target_groups")):
            pairs = [(ids[normalize_code(d.code)], code) for d, _ in items for code in dict.fromkeys(getattr(d, attr))]
            for start in range(0, len(pairs), 500):
                p = Params()
                values = ", ".join(f"({p(cid)}, {p(code)})" for cid, code in pairs[start:start + 500])
                await conn.execute_query(f"INSERT INTO {table} (course_id, {column}) VALUES {values}", p.values)
        new_sessions = []
        for data, sessions in items:
            for index, s in enumerate(sessions, start=1):
                new_sessions.append(Session(
                    course_id=ids[normalize_code(data.code)], no=s.no or index, start_date=s.start_date,
                    end_date=s.end_date, province=_province_or_error(s.province, s.online), online=s.online,
                    venue=s.venue, capacity=s.capacity, registration_opens=s.registration_opens,
                    registration_closes=s.registration_closes, trainer_id=s.trainer_id,
                ))
        await Session.bulk_create(new_sessions, batch_size=500, using_db=conn)
        await audit.record(actor=actor, action="course.bulk_insert", target_type="course",
                           details={"courses": len(courses), "sessions": len(new_sessions)}, using_db=conn)
    _catalogue_changed()
    return len(courses), len(new_sessions)


async def update_course(code: str, data: CourseUpdate, *, actor: str, clock: Clock) -> CourseDetail:
    """Change the given fields of a course. Raises CourseNotFound, ValidationFailed."""
    changes = data.model_dump(exclude_unset=True)
    course = await _course_or_404(code)
    topics = await _check_codes(Topic, changes["topics"], "topics") if "topics" in changes else None
    areas = await _check_codes(SkillArea, changes["skill_areas"], "skill_areas") if "skill_areas" in changes else None
    groups = (await _check_codes(TargetGroup, changes["target_groups"], "target_groups")
              if "target_groups" in changes else None)
    for name in ("title_th", "hours", "modality", "fee", "status", "provider", "topics", "target_groups"):
        if name in changes and changes[name] is None:
            raise ValidationFailed.field(name, "must not be null")
    certified_on = changes.get("certified_on", course.certified_on)
    expires = changes.get("certification_expires", course.certification_expires)
    if certified_on and expires and expires < certified_on:
        raise ValidationFailed.field("certification_expires", "must not be before certified_on")
    vocab = await get_vocabulary()
    async with in_transaction() as conn:
        provider = course.provider
        if "provider" in changes:
            provider = await _provider(changes["provider"], conn)
            course.provider = provider
        for name in ("title_th", "title_en", "description", "hours", "fee", "certification_no",
                     "certified_on", "certification_expires"):
            if name in changes:
                setattr(course, name, changes[name] if changes[name] is not None else _default_for(name))
        if "modality" in changes:
            course.modality = Modality(changes["modality"])
        if "status" in changes:
            course.status = CourseStatus(changes["status"])
        await _set_tags(course, topics, areas, groups, conn)
        topic_codes = topics if topics is not None else await _codes_of(course.topics, conn)
        group_codes = groups if groups is not None else await _codes_of(course.target_groups, conn)
        course.search_text = _document(course, provider.name, topic_codes, group_codes, vocab)
        await course.save(using_db=conn)
        await audit.record(actor=actor, action="course.update", target_type="course", target_id=course.code,
                           details={"fields": sorted(changes)}, using_db=conn)
    _catalogue_changed()
    return await get_course(course.code, clock=clock)


def _default_for(name: str) -> Any:
    return None if name in ("certified_on", "certification_expires") else ""


async def _codes_of(relation: Any, conn: Any) -> list[str]:
    return [item.code for item in await relation.all().using_db(conn)]


async def retire_course(code: str, *, actor: str, clock: Clock) -> CourseDetail:
    """Take a course out of search and registration (kept for history). Idempotent."""
    course = await _course_or_404(code)
    if course.status != CourseStatus.retired:
        course.status = CourseStatus.retired
        await course.save(update_fields=["status", "updated_at"])
        await audit.record(actor=actor, action="course.retire", target_type="course", target_id=course.code)
        _catalogue_changed()
    return await get_course(course.code, clock=clock)


async def _check_trainer(trainer_id: int | None) -> None:
    if trainer_id is None:
        return
    trainer = await StaffUser.get_or_none(id=trainer_id)
    if trainer is None or trainer.role not in (Role.trainer, Role.admin):
        raise ValidationFailed.field("trainer_id", "no such trainer")


def _province_or_error(province: str | None, online: bool) -> str | None:
    if not province:
        if not online:
            raise ValidationFailed.field("province", "required for a session that is not online")
        return None
    name = canonical_province(province)
    if name is None:
        raise ValidationFailed.field("province", "unknown province (use the official Thai name)")
    return name


async def add_session(code: str, data: SessionCreate, *, actor: str, clock: Clock) -> SessionInfo:
    """Add a session (รุ่น) to a course. Raises CourseNotFound, ValidationFailed, AlreadyExists (number)."""
    course = await _course_or_404(code)
    province = _province_or_error(data.province, data.online)
    await _check_trainer(data.trainer_id)
    try:
        async with in_transaction() as conn:
            no = data.no
            if no is None:
                last = await Session.filter(course_id=course.id).using_db(conn).order_by("-no").first()
                no = (last.no + 1) if last else 1
            elif await Session.filter(course_id=course.id, no=no).using_db(conn).exists():
                raise AlreadyExists(f"session {no} of {course.code} already exists",
                                    message_th="มีรุ่นนี้อยู่แล้วค่ะ")
            session = await Session.create(
                course=course, no=no, start_date=data.start_date, end_date=data.end_date, province=province,
                online=data.online, venue=data.venue, capacity=data.capacity,
                registration_opens=data.registration_opens, registration_closes=data.registration_closes,
                trainer_id=data.trainer_id, using_db=conn,
            )
            await audit.record(actor=actor, action="session.create", target_type="session", target_id=session.id,
                               details={"course": course.code, "no": no}, using_db=conn)
            await _touch_course(course.id, conn, clock)
    except IntegrityError as exc:
        raise AlreadyExists(f"session number taken for {course.code}", message_th="มีรุ่นนี้อยู่แล้วค่ะ") from exc
    return await get_session(session.id, clock=clock)


async def update_session(
    session_id: int, data: SessionUpdate, *, actor: str, clock: Clock
) -> tuple[SessionInfo, list[Any]]:
    """Change a session. Raising the capacity moves waitlisted members up (returned as promotions so the
    caller can notify them). Raises SessionNotFound, ValidationFailed, Conflict (capacity below seats taken).
    """
    from backend.services.registration import fill_free_seats

    changes = data.model_dump(exclude_unset=True)
    for name in ("start_date", "end_date", "capacity", "online", "status"):
        if name in changes and changes[name] is None:
            raise ValidationFailed.field(name, "must not be null")
    if "trainer_id" in changes:
        await _check_trainer(changes["trainer_id"])
    promotions: list[Any] = []
    async with in_transaction() as conn:
        session = await Session.filter(id=session_id).using_db(conn).select_for_update().first()
        if session is None:
            raise SessionNotFound(f"session {session_id} not found")
        for name in ("start_date", "end_date", "venue", "capacity", "registration_opens", "registration_closes",
                     "trainer_id", "online"):
            if name in changes:
                setattr(session, name, changes[name] if changes[name] is not None or name != "venue" else "")
        if "province" in changes or "online" in changes:
            session.province = _province_or_error(changes.get("province", session.province), session.online)
        if "status" in changes:
            session.status = SessionStatus(changes["status"])
        try:
            _check_session_dates(session.start_date, session.end_date, session.registration_opens,
                                 session.registration_closes)
        except ValueError as exc:
            raise ValidationFailed(str(exc), errors=[{"field": "dates", "reason": str(exc)}]) from exc
        if session.capacity < session.seats_taken:
            raise Conflict(
                f"capacity {session.capacity} is below the {session.seats_taken} seats already taken",
                message_th="ไม่สามารถลดจำนวนที่นั่งให้น้อยกว่าผู้ลงทะเบียนแล้วได้ค่ะ",
            )
        await session.save(using_db=conn)
        await audit.record(actor=actor, action="session.update", target_type="session", target_id=session.id,
                           details={"fields": sorted(changes)}, using_db=conn)
        await _touch_course(session.course_id, conn, clock)  # type: ignore[attr-defined]
        if session.status == SessionStatus.open:
            promotions = await fill_free_seats(session, actor=actor, conn=conn, clock=clock)
    return await get_session(session_id, clock=clock), promotions


async def _touch_course(course_id: int, conn: Any, clock: Clock) -> None:
    """A session changed: mark its course updated, so every process's search index notices."""
    await Course.filter(id=course_id).using_db(conn).update(updated_at=clock.utcnow())
    _catalogue_changed()


async def session_trainer_id(session_id: int) -> int | None:
    """The trainer of a session (for permission checks). Raises SessionNotFound."""
    rows = await Session.filter(id=session_id).values("trainer_id")
    if not rows:
        raise SessionNotFound(f"session {session_id} not found")
    return rows[0]["trainer_id"]


def validation_errors(exc: PydanticValidationError) -> list[dict[str, str]]:
    """Field-level reasons of a pydantic error (for importers and other non-HTTP callers)."""
    return [
        {"field": ".".join(str(x) for x in err.get("loc", ())) or "row", "reason": err.get("msg", "")}
        for err in exc.errors()
    ]


async def waitlisted_count(session_id: int) -> int:
    return await Registration.filter(session_id=session_id, status=RegistrationStatus.waitlisted).count()


__all__ = [
    "CourseDetail",
    "CoursePage",
    "CourseSummary",
    "SessionInfo",
    "Tag",
    "add_session",
    "create_course",
    "get_course",
    "get_session",
    "registration_state",
    "retire_course",
    "search_courses",
    "update_course",
    "update_session",
]
