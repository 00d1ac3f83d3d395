"""Exception handlers: every failure the client can cause becomes a 4xx with a JSON reason."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from tortoise.exceptions import ValidationError as ModelValidationError

from backend.services.errors import DomainError, TooManyRequests

log = logging.getLogger(__name__)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        {"field": ".".join(str(p) for p in err.get("loc", ()) if p != "body"), "reason": err.get("msg", ""),
         "type": err.get("type", "")}
        for err in exc.errors()
    ]
    return JSONResponse(
        status_code=422,
        content=jsonable_encoder({"detail": "validation failed", "code": "validation_error", "errors": errors}),
    )


async def _domain_error(request: Request, exc: DomainError) -> JSONResponse:
    """A service refused (not found, conflict, wrong role ...): its status with code and reasons."""
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    if isinstance(exc, TooManyRequests):
        headers = {"Retry-After": str(exc.retry_after)}
    return JSONResponse(status_code=exc.status, content=jsonable_encoder(exc.to_dict()), headers=headers)


async def _model_validation_error(request: Request, exc: ModelValidationError) -> JSONResponse:
    """A value the database model refuses (e.g. longer than a column) is the caller's mistake: 422."""
    field, _, reason = str(exc).partition(": ")
    return JSONResponse(
        status_code=422,
        content={"detail": "validation failed", "code": "validation_error",
                 "errors": [{"field": field, "reason": reason or str(exc), "type": "model_validation"}]},
    )


def install_error_handlers(app: FastAPI) -> None:
    # Starlette annotates a handler as taking any Exception; each of these takes the one class it is installed for.
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(ModelValidationError, _model_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(DomainError, _domain_error)  # type: ignore[arg-type]
