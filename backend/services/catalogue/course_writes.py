"""Changing the catalogue's courses: add, change, retire, and insert many at once (seeding).

Every change is audited and clears the search answers this process keeps (recent_answers).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.fields import ManyToManyRelation
from tortoise.transactions import in_transaction

from backend.clock import Clock
from backend.models import Course, CourseStatus, Modality, Provider, Session, SkillArea, TargetGroup, Topic
from backend.services import audit, text
from backend.services.catalogue.course_details import course_or_404, get_course, normalize_code
from backend.services.catalogue.recent_answers import catalogue_changed
from backend.services.catalogue.session_writes import official_province
from backend.services.catalogue.views import CourseDetail
from backend.services.errors import AlreadyExists, ValidationFailed
from backend.services.framework import Vocabulary, get_vocabulary
from backend.services.sql import Params

if TYPE_CHECKING:
    from backend.schemas.catalogue import CourseCreate, CourseUpdate, SessionCreate


async def _check_codes(model: type[Topic | SkillArea | TargetGroup], codes: Sequence[str], name: str) -> list[str]:
    codes = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    # values_list(flat=True) gives the values themselves (Tortoise annotates every values_list as tuples)
    found = set(cast(list[str], await model.filter(code__in=codes).values_list("code", flat=True))) if codes else set()
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationFailed(
            f"unknown {name}: {', '.join(missing)}",
            errors=[{"field": name, "reason": f"unknown code {c!r}"} for c in missing],
        )
    return codes


async def _provider(name: str, using_db: BaseDBAsyncClient) -> Provider:
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
                    groups: list[str] | None, using_db: BaseDBAsyncClient) -> None:
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
                raise AlreadyExists(f"course {code} already exists", message_th="มีรหัสหลักสูตรนี้อยู่แล้ว")
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
        catalogue_changed()
    except IntegrityError as exc:
        raise AlreadyExists(f"course {code} already exists", message_th="มีรหัสหลักสูตรนี้อยู่แล้ว") from exc
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
            official_province(session.province, session.online)
    async with in_transaction() as conn:
        names = list(dict.fromkeys(data.provider.strip() for data, _ in items))
        # values_list(flat=True) gives the values themselves (Tortoise annotates every values_list as tuples)
        existing = set(cast(list[str], await Provider.filter(name__in=names).using_db(conn)
                            .values_list("name", flat=True)))
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
                    end_date=s.end_date, province=official_province(s.province, s.online), online=s.online,
                    venue=s.venue, capacity=s.capacity, registration_opens=s.registration_opens,
                    registration_closes=s.registration_closes, trainer_id=s.trainer_id,
                ))
        await Session.bulk_create(new_sessions, batch_size=500, using_db=conn)
        await audit.record(actor=actor, action="course.bulk_insert", target_type="course",
                           details={"courses": len(courses), "sessions": len(new_sessions)}, using_db=conn)
    catalogue_changed()
    return len(courses), len(new_sessions)


async def update_course(code: str, data: CourseUpdate, *, actor: str, clock: Clock) -> CourseDetail:
    """Change the given fields of a course. Raises CourseNotFound, ValidationFailed."""
    changes = data.model_dump(exclude_unset=True)
    course = await course_or_404(code)
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
    catalogue_changed()
    return await get_course(course.code, clock=clock)


def _default_for(name: str) -> Any:
    return None if name in ("certified_on", "certification_expires") else ""


async def _codes_of(relation: ManyToManyRelation[Topic] | ManyToManyRelation[TargetGroup],
                    conn: BaseDBAsyncClient) -> list[str]:
    return [item.code for item in await relation.all().using_db(conn)]


async def retire_course(code: str, *, actor: str, clock: Clock) -> CourseDetail:
    """Take a course out of search and registration (kept for history). Idempotent."""
    course = await course_or_404(code)
    if course.status != CourseStatus.retired:
        course.status = CourseStatus.retired
        await course.save(update_fields=["status", "updated_at"])
        await audit.record(actor=actor, action="course.retire", target_type="course", target_id=course.code)
        catalogue_changed()
    return await get_course(course.code, clock=clock)

