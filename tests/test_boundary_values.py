"""Identifiers and dates at and beyond the edges: every operation of the REST API and every admin page with
an id answers 4xx, never 500. (With the bounds in the OpenAPI document, the schemathesis run in
tests/test_api_fuzz.py also generates values just outside them.)"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from backend.services.auth import create_staff_user, create_token
from tests.admin.test_admin_web import login

HUGE = ["99999999999999999999999", str(2**31), str(2**63), "0", "-1"]
EDGE_DATES = ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01"]
ADMIN_PAGES = ["/admin/members/{id}", "/admin/members/{id}/export.json", "/admin/members/{id}/delete",
               "/admin/sessions/{id}", "/admin/sessions/{id}/export.csv", "/admin/handover/{id}",
               "/admin/broadcasts/{id}"]


def _operations(app: FastAPI) -> list[tuple[str, str, dict[str, Any]]]:
    out = []
    for path, item in app.openapi()["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                out.append((method.upper(), path, operation))
    return out


@pytest.fixture
async def admin_token(db: None) -> str:
    user = await create_staff_user(username="edges", role="admin", password="edge values 2569")
    return (await create_token(user_id=user.id, name="edges")).token


async def test_huge_and_negative_ids_in_paths_are_4xx(app: FastAPI, client: httpx.AsyncClient,
                                                      admin_token: str) -> None:
    wrong: list[str] = []
    tried = 0
    for method, path, operation in _operations(app):
        ints = [p["name"] for p in operation.get("parameters", [])
                if p["in"] == "path" and p.get("schema", {}).get("type") == "integer"]
        if not ints:
            continue
        for value in HUGE:
            url = re.sub(r"\{(\w+)\}", lambda m, v=value, i=ints: v if m.group(1) in i else "x", path)
            kwargs: dict[str, Any] = {"headers": {"Authorization": f"Bearer {admin_token}"}}
            if method in ("POST", "PUT", "PATCH"):
                kwargs["json"] = {}
            status = (await client.request(method, url, **kwargs)).status_code
            tried += 1
            if not 400 <= status < 500:
                wrong.append(f"{method} {url}: {status}")
    assert tried >= 60 and not wrong, "\n".join(wrong)


async def test_ids_in_queries_and_dates_at_the_calendar_edges_are_4xx(app: FastAPI, client: httpx.AsyncClient,
                                                                      admin_token: str) -> None:
    wrong: list[str] = []
    headers = {"Authorization": f"Bearer {admin_token}"}
    for method, path, operation in _operations(app):
        if method != "GET" or "{" in path:
            continue
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query":
                continue
            schema = parameter.get("schema", {})
            kinds = {s.get("type") for s in [schema, *schema.get("anyOf", [])]}
            formats = {s.get("format") for s in [schema, *schema.get("anyOf", [])]}
            values = HUGE if "integer" in kinds else EDGE_DATES if "date" in formats else []
            for value in values:
                status = (await client.get(path, params={parameter["name"]: value}, headers=headers)).status_code
                if status >= 500:
                    wrong.append(f"GET {path}?{parameter['name']}={value}: {status}")
    assert not wrong, "\n".join(wrong)


async def test_admin_pages_with_ids_and_dashboard_dates(client: httpx.AsyncClient, db: None) -> None:
    await create_staff_user(username="edgeadmin", role="admin", password="edge admin 2569")
    assert (await login(client, "edgeadmin", "edge admin 2569")).status_code == 303
    wrong = []
    for page in ADMIN_PAGES:
        for value in HUGE:
            status = (await client.get(page.replace("{id}", value))).status_code
            if not 400 <= status < 500:
                wrong.append(f"{page} {value}: {status}")
    for value in EDGE_DATES:
        for name in ("date_from", "date_to"):
            status = (await client.get("/admin", params={name: value})).status_code
            if status != 200:
                wrong.append(f"/admin?{name}={value}: {status}")
    status = (await client.get("/admin", params={"agency_id": "99999999999999999999"})).status_code
    if status != 200:
        wrong.append(f"/admin?agency_id=huge: {status}")
    assert not wrong, "\n".join(wrong)
