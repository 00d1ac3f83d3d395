"""The range of every identifier and date the product accepts from outside: one place, used by the request
models (backend/schemas), the REST routes' path and query parameters (backend/api/params.py) and the admin
pages. A value outside it is a 422 or a 404, never a database overflow."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field

MAX_DB_ID = 2**31 - 1  # PostgreSQL integer primary keys
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)  # far beyond any session, and room for date arithmetic

DbId = Annotated[int, Field(ge=1, le=MAX_DB_ID)]
BoundedDate = Annotated[dt.date, Field(ge=MIN_DATE, le=MAX_DATE)]


def _moment_in_range(value: dt.datetime) -> dt.datetime:
    if not MIN_DATE.year <= value.year <= MAX_DATE.year:
        raise ValueError(f"must be between {MIN_DATE.year} and {MAX_DATE.year}")
    return value


BoundedDateTime = Annotated[dt.datetime, AfterValidator(_moment_in_range)]


def date_in_range(value: dt.date | None) -> dt.date | None:
    """A parsed date kept only when within the range (for forms parsed by hand); None otherwise."""
    return value if value is not None and MIN_DATE <= value <= MAX_DATE else None
