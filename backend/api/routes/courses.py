"""Courses: public search and detail; admins create, change and retire courses and add sessions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from backend.api.auth import AdminUser
from backend.api.params import DateQuery
from backend.deps import ClockDep
from backend.schemas.catalogue import (
    CourseCreate,
    CoursePagePublic,
    CoursePublic,
    CourseUpdate,
    Modality,
    SessionCreate,
    SessionPublic,
)
from backend.services import catalogue
from backend.services.audit import staff_actor

router = APIRouter(prefix="/api/v1/courses", tags=["courses"])

CodePath = Annotated[str, Path(min_length=1, max_length=40, description="Course code")]


@router.get("", response_model=CoursePagePublic, summary="Search certified courses")
async def search_courses(
    q: Annotated[str | None, Query(max_length=200, description="Free text, Thai or English")] = None,
    topic: Annotated[list[str] | None, Query(max_length=10, description="Topic code(s); repeat or comma-separate")
                     ] = None,
    target_group: Annotated[str | None, Query(max_length=40)] = None,
    modality: Modality | None = None,
    province: Annotated[str | None, Query(max_length=100, description="Province (Thai official name)")] = None,
    online: bool | None = None,
    date_from: DateQuery = None,
    date_to: DateQuery = None,
    open_only: bool = False,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=catalogue.MAX_PAGE_SIZE)] = 10,
    *,
    clock: ClockDep,
) -> CoursePagePublic:
    topics = [code for value in topic or [] for code in value.split(",") if code.strip()]
    page_data = await catalogue.search_courses(
        q=q, topics=topics or None, target_group=target_group, modality=modality.value if modality else None,
        province=province, online=online, date_from=date_from, date_to=date_to, open_only=open_only, page=page,
        page_size=page_size, clock=clock,
    )
    return CoursePagePublic.model_validate(page_data)


@router.get("/{code}", response_model=CoursePublic, summary="A course with its sessions and seats left")
async def get_course(code: CodePath, clock: ClockDep) -> CoursePublic:
    return CoursePublic.model_validate(await catalogue.get_course(code, clock=clock))


@router.post("", response_model=CoursePublic, status_code=status.HTTP_201_CREATED, summary="Add a course")
async def create_course(body: CourseCreate, user: AdminUser, clock: ClockDep) -> CoursePublic:
    return CoursePublic.model_validate(await catalogue.create_course(body, actor=staff_actor(user), clock=clock))


@router.patch("/{code}", response_model=CoursePublic, summary="Change a course")
async def update_course(code: CodePath, body: CourseUpdate, user: AdminUser, clock: ClockDep) -> CoursePublic:
    return CoursePublic.model_validate(await catalogue.update_course(code, body, actor=staff_actor(user),
                                                                     clock=clock))


@router.post("/{code}/retire", response_model=CoursePublic, summary="Retire a course (kept for history)")
async def retire_course(code: CodePath, user: AdminUser, clock: ClockDep) -> CoursePublic:
    return CoursePublic.model_validate(await catalogue.retire_course(code, actor=staff_actor(user), clock=clock))


@router.delete("/{code}", response_model=CoursePublic, summary="Retire a course (same as POST .../retire)")
async def delete_course(code: CodePath, user: AdminUser, clock: ClockDep) -> CoursePublic:
    return CoursePublic.model_validate(await catalogue.retire_course(code, actor=staff_actor(user), clock=clock))


@router.post("/{code}/sessions", response_model=SessionPublic, status_code=status.HTTP_201_CREATED,
             summary="Add a session (รุ่น)")
async def add_session(code: CodePath, body: SessionCreate, user: AdminUser, clock: ClockDep) -> SessionPublic:
    return SessionPublic.model_validate(await catalogue.add_session(code, body, actor=staff_actor(user),
                                                                   clock=clock))
