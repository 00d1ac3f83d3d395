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
