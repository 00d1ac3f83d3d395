"""A scorecard per certified course (ติดตามผลการรับรองหลักสูตร): the sessions of the last 12 months, who came
and completed, L1/L2/L3 results, response rates and the certification, with flags where a figure crosses an
admin's threshold; and the same figures per fiscal quarter for a course's trend."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from backend.services.dashboard import verbal_band
from backend.services.follow_up.figures import CourseRow, SessionFigures, certified_courses, session_figures
from backend.services.follow_up.thresholds import Thresholds
from backend.services.framework import list_target_groups

WINDOW_MONTHS = 12
LEVELS = (1, 2, 3)
FLAGS = ("l1_low", "response_low", "no_recent_session", "certification_expiring")
SORT_KEYS = ("code", "title_th", "provider", "sessions_held", "trainees", "completion_rate", "l1_mean", "l2_gain",
             "l3_applied_rate", "response_rate", "certification_expires", "flags")


@dataclass(frozen=True)
class GroupCount:
    key: str  # a target-group code or an agency name ("" when the member gave none)
    label: str
    trainees: int


@dataclass(frozen=True)
class LevelRate:
    level: int
    invited: int
    answered: int
    rate: float | None  # per cent; None when nobody was invited


@dataclass(frozen=True)
class Figures:
    """What a set of sessions achieved (a course's 12 months, or one quarter of them)."""

    sessions_held: int
    registrations: int
    completed: int
    completion_rate: float | None  # per cent of seats taken
    trainees: int
    l1_mean: float | None
    l1_band: str
    l1_answers: int
    l2_pre_mean: float | None
    l2_post_mean: float | None
    l2_gain: float | None  # mean over members who answered both of (post - pre)
    l2_pairs: int
    l3_applied_rate: float | None  # per cent of L3 answers "used at work"
    l3_answers: int
    response_rates: list[LevelRate]
    response_rate: float | None  # the lowest level's rate (what the flag looks at)


@dataclass(frozen=True)
class Scorecard:
    course_id: int
    code: str
    title_th: str
    provider: str
    status: str
    certification_no: str
    certified_on: dt.date | None
    certification_expires: dt.date | None
    days_to_expiry: int | None
    last_session_on: dt.date | None
    period_start: dt.date
    period_end: dt.date
    figures: Figures
    trainees_by_target_group: list[GroupCount]
    trainees_by_agency: list[GroupCount]
    flags: list[str]


@dataclass(frozen=True)
class QuarterFigures:
    fiscal_year_be: int
    quarter: int
    label: str  # ไตรมาส 1/2570 (fiscal year, Buddhist era)
    start: dt.date
    end: dt.date
    figures: Figures


@dataclass(frozen=True)
class CourseFollowUp:
    scorecard: Scorecard
    quarters: list[QuarterFigures]
    thresholds: Thresholds


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The 12 months up to today: the day after the same day a year ago, through today."""
    return months_before(today, WINDOW_MONTHS) + dt.timedelta(days=1), today


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return round(sum(values) / len(values), 2) if values else None


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def add_up(sessions: Iterable[SessionFigures]) -> Figures:
    sessions = list(sessions)
    counted = sum(s.counted for s in sessions)
    completed = sum(s.completed for s in sessions)
    l1 = [v for s in sessions for v in s.l1_values]
    pairs = [(s.l2_pre[m], s.l2_post[m]) for s in sessions for m in s.l2_pre.keys() & s.l2_post.keys()]
    l3_answers = sum(s.l3_answers for s in sessions)
    rates = []
    for level in LEVELS:
        invited = sum(s.invited.get(level, 0) for s in sessions)
        answered = sum(s.answered.get(level, 0) for s in sessions)
        rates.append(LevelRate(level, invited, answered, _rate(answered, invited)))
    known = [r.rate for r in rates if r.rate is not None]
    l1_mean = _mean(l1)
    pre, post = _mean(p for p, _ in pairs), _mean(q for _, q in pairs)
    return Figures(
        sessions_held=len(sessions), registrations=counted, completed=completed,
        completion_rate=_rate(completed, counted),
        trainees=len({m for s in sessions for m in s.trainees}),
        l1_mean=l1_mean, l1_band=verbal_band(l1_mean), l1_answers=sum(s.answered.get(1, 0) for s in sessions),
        l2_pre_mean=pre, l2_post_mean=post, l2_gain=_mean(q - p for p, q in pairs), l2_pairs=len(pairs),
        l3_applied_rate=_rate(sum(s.l3_applied for s in sessions), l3_answers), l3_answers=l3_answers,
        response_rates=rates, response_rate=min(known) if known else None,
    )


def flags_for(course: CourseRow, figures: Figures, *, today: dt.date, thresholds: Thresholds) -> list[str]:
    flags = []
    if figures.l1_mean is not None and figures.l1_mean < thresholds.l1_mean_below:
        flags.append("l1_low")
    if any(r.rate is not None and r.rate < thresholds.response_rate_below for r in figures.response_rates):
        flags.append("response_low")
    idle_since = months_before(today, thresholds.idle_months)
    if course.last_session_on is None or course.last_session_on <= idle_since:
        flags.append("no_recent_session")
    expires = course.certification_expires
    if expires is not None and (expires - today).days <= thresholds.expiry_within_days:
        flags.append("certification_expiring")
    return flags


def _counts(keys: Counter[str], names: dict[str, str], unnamed: str) -> list[GroupCount]:
    return [GroupCount(key, names.get(key, key) if key else unnamed, n)
            for key, n in sorted(keys.items(), key=lambda kv: (-kv[1], kv[0]))]


async def _scorecards(*, today: dt.date, thresholds: Thresholds, course_id: int | None = None
                      ) -> tuple[list[Scorecard], dict[int, list[SessionFigures]]]:
    start, end = window(today)
    courses = await certified_courses(today=today, course_id=course_id)
    by_course: dict[int, list[SessionFigures]] = {c.id: [] for c in courses}
    for held in (await session_figures(start=start, end=end, course_id=course_id)).values():
        by_course.setdefault(held.course_id, []).append(held)
    groups = {g.code: g.name_th for g in await list_target_groups()}
    cards = []
    for course in courses:
        sessions = by_course[course.id]
        figures = add_up(sessions)
        trainees = {m: who for s in sessions for m, who in s.trainees.items()}
        cards.append(Scorecard(
            course_id=course.id, code=course.code, title_th=course.title_th, provider=course.provider,
            status=course.status, certification_no=course.certification_no, certified_on=course.certified_on,
            certification_expires=course.certification_expires,
            days_to_expiry=(course.certification_expires - today).days if course.certification_expires else None,
            last_session_on=course.last_session_on, period_start=start, period_end=end, figures=figures,
            trainees_by_target_group=_counts(Counter(g or "" for g, _ in trainees.values()), groups, "ไม่ระบุ"),
            trainees_by_agency=_counts(Counter(a or "" for _, a in trainees.values()), {}, "ไม่ระบุหน่วยงาน"),
            flags=flags_for(course, figures, today=today, thresholds=thresholds),
        ))
    return cards, by_course


def _sort_value(card: Scorecard, key: str) -> tuple[bool, object]:
    """Missing values sort last whichever the direction; the bool puts them there."""
    if key in ("code", "title_th", "provider"):
        value: object = getattr(card, key)
    elif key == "certification_expires":
        value = card.certification_expires
    elif key == "flags":
        value = len(card.flags)
    else:
        value = getattr(card.figures, key)
    return value is None, value if value is not None else 0


async def list_scorecards(*, today: dt.date, thresholds: Thresholds, q: str | None = None,
                          flag: str | None = None, provider: str | None = None, sort: str = "code",
                          descending: bool = False) -> list[Scorecard]:
    """Every certified course's scorecard; `q` matches code, title or provider; `flag` one flag or "any"."""
    cards, _ = await _scorecards(today=today, thresholds=thresholds)
    if q:
        needle = q.strip().casefold()
        cards = [c for c in cards if needle in f"{c.code} {c.title_th} {c.provider}".casefold()]
    if provider:
        cards = [c for c in cards if c.provider == provider]
    if flag == "any":
        cards = [c for c in cards if c.flags]
    elif flag:
        cards = [c for c in cards if flag in c.flags]
    key = sort if sort in SORT_KEYS else "code"
    present = [c for c in cards if not _sort_value(c, key)[0]]
    missing = [c for c in cards if _sort_value(c, key)[0]]
    present.sort(key=lambda c: (_sort_value(c, key)[1], c.code), reverse=descending)
    return present + missing


def fiscal_quarter(day: dt.date) -> tuple[int, int]:
    """(fiscal year in the Buddhist era, quarter 1-4): the Thai fiscal year runs October to September."""
    fiscal_year = day.year + 1 if day.month >= 10 else day.year
    return fiscal_year + 543, (day.month - 10) % 12 // 3 + 1


def quarter_bounds(fiscal_year_be: int, quarter: int) -> tuple[dt.date, dt.date]:
    year = fiscal_year_be - 543 - 1
    first_month = 10 + (quarter - 1) * 3
    year, month = (year + 1, first_month - 12) if first_month > 12 else (year, first_month)
    start = dt.date(year, month, 1)
    next_start = dt.date(year + (month + 3 > 12), (month + 2) % 12 + 1, 1)
    return start, next_start - dt.timedelta(days=1)


def quarters_between(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    day = start
    while day <= end:
        fq = fiscal_quarter(day)
        if fq not in found:
            found.append(fq)
        day = quarter_bounds(*fq)[1] + dt.timedelta(days=1)
    return found


async def course_follow_up(course_id: int, *, today: dt.date, thresholds: Thresholds) -> CourseFollowUp | None:
    """One course's scorecard and its figures per fiscal quarter of the 12 months (None: not certified)."""
    cards, by_course = await _scorecards(today=today, thresholds=thresholds, course_id=course_id)
    if not cards:
        return None
    card = cards[0]
    quarters = []
    for fiscal_year_be, quarter in quarters_between(card.period_start, card.period_end):
        start, end = quarter_bounds(fiscal_year_be, quarter)
        sessions = [s for s in by_course[course_id] if start <= s.start_date <= end]
        quarters.append(QuarterFigures(fiscal_year_be, quarter, f"ไตรมาส {quarter}/{fiscal_year_be}", start, end,
                                       add_up(sessions)))
    return CourseFollowUp(card, quarters, thresholds)
