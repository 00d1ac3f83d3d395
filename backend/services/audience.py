"""Who a broadcast reaches: a filter over members, counted live and streamed in id order.

Only members who can receive LINE messages are ever selected: active (still following), not deleted,
with a LINE user id.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Literal, cast

from pydantic import BaseModel, Field, field_validator
from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from backend.models import Agency, Course, Member, Registration, RegistrationStatus, TargetGroup
from backend.schemas.bounds import DbId
from backend.services.sql import connection

Completion = Literal["any", "completed", "not_completed"]


class AudienceFilter(BaseModel):
    """Everyone when empty; otherwise every given criterion must hold (lists mean any of)."""

    target_groups: list[Annotated[str, Field(max_length=40)]] = Field(default_factory=list, max_length=50)
    agency_ids: list[DbId] = Field(default_factory=list, max_length=500)
    provinces: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list, max_length=77)
    # A course by its code (the public identifier); course_id is the same filter by the older integer id.
    course_code: Annotated[str, Field(min_length=1, max_length=40)] | None = None
    course_id: DbId | None = None
    session_id: DbId | None = None
    completion: Completion = "any"
    survey_not_answered: bool = False

    @field_validator("target_groups", "provinces", mode="before")
    @classmethod
    def _drop_blanks(cls, value: object) -> object:
        if isinstance(value, list):
            return [v.strip() for v in value if isinstance(v, str) and v.strip()]
        return value

    @field_validator("course_code", mode="before")
    @classmethod
    def _course_code(cls, value: object) -> object:
        if isinstance(value, str):
            return value.strip().upper() or None
        return value

    @property
    def names_a_course(self) -> bool:
        return self.course_id is not None or self.course_code is not None

    @property
    def is_everyone(self) -> bool:
        return self == AudienceFilter()


_REGISTERED = (
    RegistrationStatus.registered,
    RegistrationStatus.waitlisted,
    RegistrationStatus.attended,
    RegistrationStatus.completed,
)


def _registrations(audience: AudienceFilter) -> QuerySet[Registration]:
    regs = Registration.all()
    if audience.session_id is not None:
        regs = regs.filter(session_id=audience.session_id)
    if audience.course_id is not None:
        regs = regs.filter(session__course_id=audience.course_id)
    if audience.course_code is not None:
        regs = regs.filter(session__course__code=audience.course_code)
    return regs


def members_query(audience: AudienceFilter) -> QuerySet[Member]:
    """Members matching the filter who can receive a message."""
    query = Member.filter(active=True, deleted_at__isnull=True, line_user_id__isnull=False)
    if audience.target_groups:
        query = query.filter(target_group_id__in=audience.target_groups)
    if audience.agency_ids:
        query = query.filter(agency_id__in=audience.agency_ids)
    if audience.provinces:
        query = query.filter(province__in=audience.provinces)
    scoped = audience.names_a_course or audience.session_id is not None
    if scoped or audience.completion != "any":
        regs = _registrations(audience)
        if scoped:
            query = query.filter(id__in=Subquery(regs.filter(status__in=_REGISTERED).values("member_id")))
        completed = Subquery(regs.filter(status=RegistrationStatus.completed).values("member_id"))
        if audience.completion == "completed":
            query = query.filter(id__in=completed)
        elif audience.completion == "not_completed":
            query = query.exclude(id__in=completed)
    if audience.survey_not_answered:
        query = _without_survey_answer(query, audience)
    return query


def _without_survey_answer(query: QuerySet[Member], audience: AudienceFilter) -> QuerySet[Member]:
    """Members invited to a survey (for the course/session when given) who have not completed it."""
    from backend.models.survey import SurveyInvite, SurveyResponse

    invites = SurveyInvite.all()
    answered = SurveyResponse.filter(completed_at__isnull=False)
    if audience.session_id is not None:
        invites = invites.filter(dispatch__session_id=audience.session_id)
        answered = answered.filter(dispatch__session_id=audience.session_id)
    if audience.course_id is not None:
        invites = invites.filter(dispatch__session__course_id=audience.course_id)
        answered = answered.filter(dispatch__session__course_id=audience.course_id)
    if audience.course_code is not None:
        invites = invites.filter(dispatch__session__course__code=audience.course_code)
        answered = answered.filter(dispatch__session__course__code=audience.course_code)
    return query.filter(id__in=Subquery(invites.values("member_id"))).exclude(
        id__in=Subquery(answered.values("member_id"))
    )


async def count_audience(audience: AudienceFilter) -> int:
    return await members_query(audience).count()


async def stream_recipients(
    audience: AudienceFilter, *, after_member_id: int = 0, page_size: int = 5000
) -> AsyncIterator[list[tuple[int, str]]]:
    """Pages of (member id, LINE user id) in id order, keyset-paginated: memory stays flat."""
    base = members_query(audience)
    cursor = after_member_id
    while True:
        rows = await _page(base, cursor, page_size)
        if not rows:
            return
        yield rows
        if len(rows) < page_size:
            return
        cursor = rows[-1][0]


async def _page(base: QuerySet[Member], cursor: int, page_size: int) -> list[tuple[int, str]]:
    """One keyset page. The ORM builds the SQL; the rows are read raw (converting a million rows field
    by field through the ORM costs more CPU than the rest of a broadcast)."""
    query = base.filter(id__gt=cursor).order_by("id").limit(page_size).values_list("id", "line_user_id")
    query.sql()  # builds query.query
    sql, params = query.query.get_parameterized_sql()
    _, rows = await connection().execute_query(sql, params)
    return [(row[0], row[1]) for row in rows]


@dataclass(frozen=True)
class AudienceNames:
    """The names behind a filter's codes and ids, to describe it to a person."""

    target_groups: list[str]
    agencies: list[str]
    course_code: str | None
    """None when the filter names no course, or a course that no longer exists."""


async def audience_names(audience: AudienceFilter) -> AudienceNames:
    """Target-group names, agency names and the course code the filter refers to (only those it sets)."""
    groups: list[str] = []
    agencies: list[str] = []
    course_code = None
    if audience.target_groups:
        # values_list(flat=True) gives the values themselves (Tortoise annotates every values_list as tuples)
        groups = cast(list[str], await TargetGroup.filter(code__in=audience.target_groups)
                      .values_list("name_th", flat=True))
    if audience.agency_ids:
        agencies = cast(list[str], await Agency.filter(id__in=audience.agency_ids).values_list("name", flat=True))
    if audience.course_id is not None:
        course = await Course.get_or_none(id=audience.course_id)
        course_code = course.code if course else None
    if audience.course_code is not None:
        course_code = audience.course_code if await Course.exists(code=audience.course_code) else None
    return AudienceNames(target_groups=groups, agencies=agencies, course_code=course_code)
