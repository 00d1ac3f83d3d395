"""Every kind of page and answer carries the security headers; production hides the API documentation."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from app.main import create_app
from backend.settings import Settings
from tests.production import production_settings

PAGES = {
    "survey form (a link that is not valid)": "/survey/1?t=forged",
    "certificate verification": "/verify/ONDE-2569-000001",
    "staff sign-in": "/admin/login",
    "API documentation": "/docs",
}
OTHER = {
    "API (JSON)": "/api/v1/courses",
    "health": "/healthz",
    "survey stylesheet": "/survey/assets/survey.css",
    "API description": "/openapi.json",
}


@pytest.fixture
async def served(app: object) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:  # type: ignore[arg-type]
        yield client


def _common(response: httpx.Response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("name", PAGES)
async def test_pages_allow_only_their_own_resources(served: httpx.AsyncClient, name: str) -> None:
    response = await served.get(PAGES[name])
    assert response.headers["content-type"].startswith("text/html"), name
    _common(response)
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    if name != "API documentation":
        assert "script-src 'self';" in policy and "unsafe-inline" not in policy


@pytest.mark.parametrize("name", OTHER)
async def test_json_and_files_load_nothing(served: httpx.AsyncClient, name: str) -> None:
    response = await served.get(OTHER[name])
    assert response.status_code == 200, name
    _common(response)
    assert response.headers["content-security-policy"].startswith("default-src 'none'")


async def test_no_hsts_over_plain_http(served: httpx.AsyncClient) -> None:
    assert "strict-transport-security" not in (await served.get("/healthz")).headers


async def test_https_deployments_send_hsts_on_every_answer(db: None, redis: object, test_settings: Settings) -> None:
    app = create_app(test_settings.model_copy(update={"public_base_url": "https://onde.example.go.th"}),
                     init_database=False, run_worker=False)
    async with (app.router.lifespan_context(app),
                httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://testserver") as client):
        for path in ("/verify/ONDE-2569-000001", "/admin/login", "/survey/assets/survey.css"):
            hsts = (await client.get(path)).headers.get("strict-transport-security", "")
            assert hsts.startswith("max-age=31536000"), path


async def test_production_serves_no_api_documentation() -> None:
    app = create_app(production_settings(), init_database=False, run_worker=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://testserver") as client:
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert (await client.get(path)).status_code == 404, path
    enabled = create_app(production_settings(api_docs=True), init_database=False, run_worker=False)
    assert enabled.docs_url == "/docs"  # an explicit API_DOCS=true still can
