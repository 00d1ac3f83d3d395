"""An in-process index of the catalogue's text and tags, for course search.

Scanning every course's text with SQL LIKE costs tens of milliseconds at 10,000 courses, and a text index
in PostgreSQL would need an extension the embedded databases lack. The catalogue is small and changes
rarely, so each process keeps its words, Thai runs, titles and tags in memory: a word is looked up among
the distinct words (Latin: whole word or prefix; Thai: anywhere inside a word or run), and the matching
course ids go to SQL, which ranks them by their sessions.

It also caches, per day, each course's soonest upcoming session start (all, and open for registration
today), which ranks browsing without filters.

Before every search a primary-key lookup tells whether courses or sessions were added (or the tables
emptied and refilled); every FULL_CHECK_SECONDS the count and latest update of the courses tell whether
one was edited elsewhere. Writes through the catalogue service drop this process's index at once.
Courses are retired, never deleted; writing a session or a course's tags touches the course.
"""

from __future__ import annotations

import asyncio
import bisect
import datetime as dt
import time
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from backend.services import text
from backend.services.sql import Params, connection

# (course id, start, province, online, registration opens, registration closes)
SessionRow = tuple[int, dt.date, str | None, bool, dt.date | None, dt.date | None]


@dataclass(frozen=True)
class SessionFilter:
    province: str | None = None
    online: bool | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    open_only: bool = False

    def accepts(self, row: SessionRow, today: dt.date) -> bool:
        _, start, province, online, opens, closes = row
        if self.province is not None and province != self.province:
            return False
        if self.online is not None and online != self.online:
            return False
        if self.date_from is not None and start < self.date_from:
            return False
        if self.date_to is not None and start > self.date_to:
            return False
        if self.open_only and ((opens is not None and opens > today) or (closes or start) < today):
            return False
        return True


@dataclass
class UpcomingSessions:
    """One day's upcoming open sessions, by course, province, online and start date."""

    by_course: dict[int, list[SessionRow]]
    by_province: dict[str, list[SessionRow]]
    online: list[SessionRow]
    by_start: list[SessionRow]
    starts: list[dt.date]

    @classmethod
    def build(cls, rows: Iterable[SessionRow]) -> UpcomingSessions:
        ordered = sorted(rows, key=lambda r: r[1])
        by_course: dict[int, list[SessionRow]] = defaultdict(list)
        by_province: dict[str, list[SessionRow]] = defaultdict(list)
        online: list[SessionRow] = []
        for row in ordered:
            by_course[row[0]].append(row)
            if row[2]:
                by_province[row[2]].append(row)
            if row[3]:
                online.append(row)
        return cls(by_course=dict(by_course), by_province=dict(by_province), online=online, by_start=ordered,
                   starts=[r[1] for r in ordered])

    def first_starts(self, flt: SessionFilter, today: dt.date, courses: Collection[int] | None = None
                     ) -> dict[int, dt.date]:
        """Course id -> start of its soonest session that `flt` accepts (among `courses` if given), scanning
        the smallest list that can hold the answer (every list is in start order)."""
        lists: list[list[SessionRow]] = []
        if flt.province is not None:
            lists.append(self.by_province.get(flt.province, []))
        if flt.online:
            lists.append(self.online)
        if flt.date_from is not None or flt.date_to is not None:
            lo = bisect.bisect_left(self.starts, flt.date_from) if flt.date_from else 0
            hi = bisect.bisect_right(self.starts, flt.date_to) if flt.date_to else len(self.starts)
            lists.append(self.by_start[lo:hi])
        source = min(lists, key=len) if lists else self.by_start
        accepts = flt.accepts
        found: dict[int, dt.date] = {}
        if courses is not None and len(courses) * 3 < len(source):
            by_course = self.by_course
            for cid in courses:
                for row in by_course.get(cid, ()):
                    if accepts(row, today):
                        found[cid] = row[1]
                        break
            return found
        wanted = courses if courses is None or isinstance(courses, set | frozenset | dict) else set(courses)
        province, online, date_from, date_to, open_only = (flt.province, flt.online, flt.date_from, flt.date_to,
                                                           flt.open_only)
        for cid, start, row_province, row_online, opens, closes in source:
            if cid in found or (wanted is not None and cid not in wanted):
                continue
            if province is not None and row_province != province:
                continue
            if online is not None and row_online != online:
                continue
            if (date_from is not None and start < date_from) or (date_to is not None and start > date_to):
                continue
            if open_only and ((opens is not None and opens > today) or (closes or start) < today):
                continue
            found[cid] = start
        return found


@dataclass
class CourseTextIndex:
    version: tuple[Any, ...] = ()
    checked_at: float = 0.0
    active: set[int] = field(default_factory=set)
    codes: dict[str, int] = field(default_factory=dict)
    code_of: dict[int, str] = field(default_factory=dict)
    titles: dict[int, str] = field(default_factory=dict)
    modality: dict[int, str] = field(default_factory=dict)
    topics: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    groups: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    latin: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    thai: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    _latin_sorted: list[str] = field(default_factory=list)
    _thai_keys: list[str] = field(default_factory=list)
    _thai_blob: str = ""
    _thai_offsets: list[int] = field(default_factory=list)
    _word_cache: dict[str, frozenset[int]] = field(default_factory=dict)
    _title_cache: dict[str, frozenset[int]] = field(default_factory=dict)
    _upcoming: dict[dt.date, UpcomingSessions] = field(default_factory=dict)
    _starts: dict[tuple[dt.date, bool], dict[int, dt.date]] = field(default_factory=dict)
    _orders: dict[tuple[dt.date, bool], tuple[list[int], dict[int, int]]] = field(default_factory=dict)

    def finish(self) -> None:
        self._latin_sorted = sorted(self.latin)
        self._thai_keys = list(self.thai)
        # All Thai words and runs in one string, so finding a word inside them is one C-speed scan.
        self._thai_blob = "\x00".join(self._thai_keys)
        offsets, at = [], 0
        for key in self._thai_keys:
            offsets.append(at)
            at += len(key) + 1
        self._thai_offsets = offsets

    def word(self, word: str) -> frozenset[int]:
        """Active courses whose text has `word`: Latin/digits as a whole word (up to 3 letters, digits) or a
        word prefix; Thai anywhere inside a word or a run of Thai text."""
        cached = self._word_cache.get(word)
        if cached is not None:
            return cached
        found: set[int] = set()
        if text.is_latin(word):
            if len(word) <= 3 or word.isdigit():
                found |= self.latin.get(word, set())
            else:
                i = bisect.bisect_left(self._latin_sorted, word)
                while i < len(self._latin_sorted) and self._latin_sorted[i].startswith(word):
                    found |= self.latin[self._latin_sorted[i]]
                    i += 1
        else:
            blob, offsets, keys = self._thai_blob, self._thai_offsets, self._thai_keys
            at = blob.find(word)
            while at >= 0:
                k = bisect.bisect_right(offsets, at) - 1
                found |= self.thai[keys[k]]
                at = blob.find(word, offsets[k + 1]) if k + 1 < len(offsets) else -1
        result = frozenset(found & self.active)
        if len(self._word_cache) > 5000:
            self._word_cache.clear()
        self._word_cache[word] = result
        return result

    async def upcoming(self, today: dt.date) -> UpcomingSessions:
        """Open sessions starting today or later, bucketed for filtering (loaded once per day)."""
        cached = self._upcoming.get(today)
        if cached is None:
            conn = connection()
            p = Params()
            rows = await conn.execute_query_dict(
                "SELECT course_id, start_date, province, online, registration_opens, registration_closes "
                f"FROM session WHERE status = {p('open')} AND start_date >= {p(today)}", p.values
            )
            cached = UpcomingSessions.build(
                (r["course_id"], r["start_date"], r["province"], bool(r["online"]),
                 r["registration_opens"], r["registration_closes"])
                for r in rows if r["course_id"] in self.active
            )
            self._upcoming.clear()
            self._starts.clear()
            self._orders.clear()
            self._upcoming[today] = cached
        return cached

    async def next_starts(self, today: dt.date, open_only: bool) -> dict[int, dt.date]:
        """Course id -> start of its soonest upcoming open session (open for registration today, with
        `open_only`); cached per day."""
        key = (today, open_only)
        cached = self._starts.get(key)
        if cached is None:
            upcoming = await self.upcoming(today)
            cached = upcoming.first_starts(SessionFilter(open_only=open_only), today)
            self._starts[key] = cached
        return cached

    async def browse_order(self, today: dt.date, open_only: bool) -> tuple[list[int], dict[int, int]]:
        """Active course ids ranked by soonest session (none last), then code; and each id's place."""
        key = (today, open_only)
        cached = self._orders.get(key)
        if cached is None:
            starts = await self.next_starts(today, open_only)
            far = dt.date.max
            ranked = sorted(self.active, key=lambda cid: (starts.get(cid, far), self.code_of[cid]))
            cached = (ranked, {cid: i for i, cid in enumerate(ranked)})
            self._orders[key] = cached
        return cached

    def in_title(self, word: str) -> frozenset[int]:
        cached = self._title_cache.get(word)
        if cached is None:
            cached = frozenset(cid for cid, title in self.titles.items() if word in title)
            if len(self._title_cache) > 5000:
                self._title_cache.clear()
            self._title_cache[word] = cached
        return cached


FULL_CHECK_SECONDS = 5.0
_index: CourseTextIndex | None = None
_locks: dict[int, asyncio.Lock] = {}


def invalidate() -> None:
    """The catalogue changed in this process: rebuild before the next search (writes through the
    catalogue service call this; the version check catches every other writer too)."""
    global _index
    _index = None


async def _fast_version() -> tuple[Any, ...]:
    """Changes when a course or session is added (or the tables were emptied and refilled): the newest
    rows' ids and row versions. Primary-key lookups only, one round trip."""
    conn = connection()
    sql = ("SELECT (SELECT id::text || ':' || xmin::text FROM course ORDER BY id DESC LIMIT 1) AS c, "
           "(SELECT id::text || ':' || xmin::text FROM session ORDER BY id DESC LIMIT 1) AS s")
    row = (await conn.execute_query_dict(sql))[0]
    return (row["c"], row["s"])


async def _full_version() -> tuple[Any, ...]:
    """Also changes when a course is edited (editing a session or tags touches its course)."""
    conn = connection()
    row = (await conn.execute_query_dict("SELECT COUNT(*) AS n, MAX(updated_at) AS at FROM course"))[0]
    return (int(row["n"]), str(row["at"]))


async def _build(version: tuple[Any, ...]) -> CourseTextIndex:
    conn = connection()
    p = Params()
    index = CourseTextIndex(version=version)
    rows = await conn.execute_query_dict(
        "SELECT id, code, status, modality, title_th, title_en, search_text FROM course", p.values
    )
    for row in rows:
        cid = row["id"]
        index.codes[row["code"]] = cid
        index.code_of[cid] = row["code"]
        if row["status"] != "active":
            continue
        index.active.add(cid)
        index.modality[cid] = str(row["modality"])
        index.titles[cid] = f"{row['title_th']} {row['title_en']}".lower()
        for word in set((row["search_text"] or "").split()):
            (index.latin if word.isascii() else index.thai)[word].add(cid)
    for row in await conn.execute_query_dict("SELECT course_id, topic_id FROM course_topic"):
        index.topics[row["topic_id"]].add(row["course_id"])
    for row in await conn.execute_query_dict("SELECT course_id, targetgroup_id FROM course_target_group"):
        index.groups[row["targetgroup_id"]].add(row["course_id"])
    index.finish()
    return index


async def get_index() -> CourseTextIndex:
    """The current index, rebuilt first if the catalogue changed.

    Additions are noticed at once (cheap check before every search); edits made by other processes within
    FULL_CHECK_SECONDS (edits through the catalogue service in this process at once).
    """
    global _index
    fast = await _fast_version()
    index = _index
    now = time.monotonic()
    if index is not None and index.version[0] == fast and now - index.checked_at < FULL_CHECK_SECONDS:
        return index
    full = await _full_version()
    if index is not None and index.version == (fast, full):
        index.checked_at = now
        return index
    lock = _locks.setdefault(id(asyncio.get_running_loop()), asyncio.Lock())
    async with lock:
        if _index is None or _index.version != (fast, full):
            _index = await _build((fast, full))
            _index.checked_at = time.monotonic()
        return _index
