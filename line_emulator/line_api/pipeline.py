"""One pipeline for every call, in LINE's order: route -> auth (401) -> rate limit (429)
-> injected faults (delay / 500 / hang) -> body parsing -> retry key (409) -> schema and limit
validation (400) -> the operation's handler -> recorded.  Operations without a handler of
their own answer a minimal schema-valid response, so every SDK call gets through.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

import orjson
from fastapi import APIRouter, Request, Response

from line_emulator.line_api.context import HANDLERS, ApiError, CallContext
from line_emulator.spec import LineApiSpec, Operation
from line_emulator.state import Emulator

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_RECORDED_HEADERS = ("x-line-retry-key", "content-type", "user-agent")
RATE_LIMITED = "The API rate limit has been exceeded. Try again later."
NO_AUTH_HEADER = "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'"
BAD_TOKEN = "Authentication failed. Confirm that the access token in the authorization header is valid."


def _json(status: int, body: Any, headers: dict[str, str]) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json", headers=headers)


def build_line_router(emulator: Emulator, spec: LineApiSpec) -> APIRouter:
    """A router answering every path of the Messaging API (``/v2/bot/...``, ``/bot/...``)."""
    router = APIRouter()

    async def line_api(request: Request) -> Response:
        return await _handle(emulator, spec, request)

    # Plain routes: the handler reads the request itself, so FastAPI's parameter solving is not needed
    # (it cost about a fifth of the emulator's CPU per call under load).
    methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
    router.add_route("/v2/{rest:path}", line_api, methods=methods, include_in_schema=False)
    router.add_route("/bot/{rest:path}", line_api, methods=methods, include_in_schema=False)
    return router


async def _handle(emulator: Emulator, spec: LineApiSpec, request: Request) -> Response:
    request_id = emulator.new_request_id()
    headers = {"x-line-request-id": request_id}
    path = request.url.path
    root_path = request.scope.get("root_path", "")
    if root_path and path.startswith(root_path):
        path = path[len(root_path):]  # mounted under a prefix (e.g. /_line in development)
    op, params, path_exists = spec.match(request.method, path)
    if op is None:
        status = 405 if path_exists else 404
        return _json(status, {"message": "Method not allowed" if path_exists else "Not found"}, headers)

    config = emulator.config
    recorded_headers = {k: request.headers[k] for k in _RECORDED_HEADERS if k in request.headers}
    raw = b""
    try:
        auth = request.headers.get("authorization")
        if not auth:
            raise ApiError(401, NO_AUTH_HEADER)
        if auth != f"Bearer {config.channel_access_token}":
            raise ApiError(401, BAD_TOKEN)
        if not emulator.rate_limiter.allow(op.operation_id):
            raise ApiError(429, RATE_LIMITED)
        fault = emulator.draw_fault(op.operation_id)
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.kind == "error":
            raise ApiError(500, "Internal server error")
        if fault.kind == "timeout" and not config.faults.timeout_after_accept:
            await emulator.hang(config.faults.timeout_seconds)
            raise ApiError(500, "Internal server error")

        raw = await request.body()
        content_type = request.headers.get("content-type", "")
        body = _parse_body(op, raw, content_type)

        retry_key = request.headers.get("x-line-retry-key") if op.retry_key else None
        if retry_key is not None:
            if not _UUID.match(retry_key):
                raise ApiError(400, "The retry key must be a UUID in hexadecimal format",
                               [{"message": "must be a UUID", "property": "X-Line-Retry-Key"}])
            accepted = emulator.accepted_retry(retry_key)
            if accepted is not None:
                extra = {}
                if isinstance(accepted.response, dict) and "sentMessages" in accepted.response:
                    extra["sentMessages"] = accepted.response["sentMessages"]
                raise ApiError(409, "The retry key is already accepted",
                               headers={"x-line-accepted-request-id": accepted.request_id}, **extra)

        if op.request_schema and config.validate_bodies:
            violations = spec.schemas.validate(op.request_schema, body)
            if violations:
                raise ApiError(400, f"The request body has {len(violations)} error(s)",
                               [v.as_detail() for v in violations])

        ctx = CallContext(emulator, spec, op, request_id, params, dict(request.query_params), body, raw,
                          content_type, status=op.success_status)
        handler = HANDLERS.get(op.operation_id)
        result = await handler(ctx) if handler else spec.default_response(op)
        headers.update(ctx.headers)
        if retry_key is not None:
            emulator.accept_retry_key(retry_key, request_id, result)
        emulator.record_call(request_id=request_id, method=op.method, path=request.url.path,
                             operation=op.operation_id, status=ctx.status, headers=recorded_headers,
                             raw_body=raw, binary=op.binary_body, parsed_body=body,
                             response=result if not isinstance(result, bytes) else None)
        if fault.kind == "timeout":
            await emulator.hang(config.faults.timeout_seconds)
        if isinstance(result, bytes):
            return Response(result, status_code=ctx.status, media_type=ctx.headers.get("content-type"),
                            headers=headers)
        return _json(ctx.status, result, headers)
    except ApiError as error:
        headers.update(error.headers)
        emulator.record_call(request_id=request_id, method=op.method, path=request.url.path,
                             operation=op.operation_id, status=error.status, headers=recorded_headers,
                             raw_body=raw, binary=op.binary_body, response=error.body)
        return _json(error.status, error.body, headers)


def _parse_body(op: Operation, raw: bytes, content_type: str) -> Any:
    if op.binary_body:
        return raw
    if op.request_schema is None:
        return None
    if not raw:
        raise ApiError(400, "The request body has 1 error(s)", [{"message": "must be specified", "property": ""}])
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ApiError(400, "The request body is not valid JSON") from None
