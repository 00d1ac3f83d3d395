"""Path and query parameter types shared by the REST routes and the admin pages, bounded as
backend/schemas/bounds.py says."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Path, Query

from backend.schemas.bounds import MAX_DATE, MAX_DB_ID, MIN_DATE

IdPath = Annotated[int, Path(ge=1, le=MAX_DB_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_DB_ID)]
DateQuery = Annotated[dt.date | None, Query(ge=MIN_DATE, le=MAX_DATE, description="ISO date")]
# A course in a path or a filter: its code (the public identifier, as GET /api/v1/courses/{code} gives it);
# the integer id older clients send is still understood (backend.services.catalogue.resolve_course_id).
CourseRef = Annotated[str, Path(min_length=1, max_length=40, description="Course code (or its older integer id)")]
CourseQuery = Annotated[str | None, Query(min_length=1, max_length=40, description="Course code")]
