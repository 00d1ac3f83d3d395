"""What an operation's handler gets (:class:`CallContext`) and may raise (:class:`ApiError`),
and the table of handlers by LINE's ``operationId`` that :func:`handles` fills."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from line_emulator.spec import LineApiSpec, Operation
from line_emulator.state import Emulator


class ApiError(Exception):
    """Answer with LINE's error shape."""

    def __init__(self, status: int, message: str, details: list[dict[str, str]] | None = None,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {"message": message}
        if details:
            self.body["details"] = details
        self.body.update(extra)
        self.headers = headers or {}


@dataclass(slots=True)
class CallContext:
    """One call as its handler sees it; the handler may set the answer's ``status`` and ``headers``."""

    emulator: Emulator
    spec: LineApiSpec
    operation: Operation
    request_id: str
    params: dict[str, str]
    query: dict[str, str]
    body: Any
    raw: bytes
    content_type: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[CallContext], Awaitable[Any]]
HANDLERS: dict[str, Handler] = {}


def handles(*operation_ids: str) -> Callable[[Handler], Handler]:
    """Register the decorated coroutine as the handler of these operations."""

    def register(func: Handler) -> Handler:
        for operation_id in operation_ids:
            HANDLERS[operation_id] = func
        return func

    return register


def iso_timestamp(epoch: float) -> str:
    """Epoch seconds as LINE writes times in bodies (``2026-01-02T03:04:05.678Z``)."""
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
