"""Public verification needs the number and the check code printed beside it, and is rate-limited: numbers
that follow each other (ONDE-2569-000001, -000002 ...) give nobody's name away."""

from __future__ import annotations

import re

import httpx
import pytest

from backend.models import Certificate, RegistrationStatus
from backend.services import certificates
from tests.clock import CLOCK
from tests.evaluation.conftest import World

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture
async def issued(world: World) -> list[Certificate]:
    await certificates.set_rule(world.course.id, certificates.Rule(require_attendance=True, require_l1=False))
    for registration in world.registrations.values():
        registration.status = RegistrationStatus.attended
        await registration.save()
    made = await certificates.issue_for_session(world.session.id, now=CLOCK.utcnow())
    return sorted(made, key=lambda c: c.number)


async def test_numbers_alone_reveal_nothing(client: httpx.AsyncClient, issued: list[Certificate]) -> None:
    assert [c.number for c in issued] == [f"ONDE-2569-{n:06d}" for n in range(1, 5)]
    for cert in issued:
        answer = (await client.get(f"/api/v1/certificates/verify/{cert.number}")).json()
        assert answer == {"number": cert.number, "status": "unknown"}
        page = await client.get(f"/verify/{cert.number}")
        assert page.status_code == 200 and cert.name_on_certificate not in page.text
        assert "รหัสตรวจสอบ" in page.text  # asks for the code printed on the certificate


async def test_a_wrong_code_is_answered_as_an_unknown_number(client: httpx.AsyncClient,
                                                             issued: list[Certificate]) -> None:
    first, second = issued[0], issued[1]
    wrong = await client.get(f"/api/v1/certificates/verify/{first.number}", params={"code": second.check_code})
    missing = await client.get("/api/v1/certificates/verify/ONDE-2569-999999", params={"code": second.check_code})
    assert wrong.json()["status"] == missing.json()["status"] == "unknown"
    assert "name" not in wrong.json()
    page = await client.get(f"/verify/{first.number}", params={"c": second.check_code})
    assert page.status_code == 404 and first.name_on_certificate not in page.text


async def test_number_and_code_show_the_holder(client: httpx.AsyncClient, issued: list[Certificate]) -> None:
    cert = issued[0]
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{10}", cert.check_code)
    assert len({c.check_code for c in issued}) == len(issued)
    typed = f"{cert.check_code[:5].lower()}-{cert.check_code[5:]}"  # as a person types it from the paper
    answer = (await client.get(f"/api/v1/certificates/verify/{cert.number}", params={"code": typed})).json()
    assert answer["status"] == "valid" and answer["name"] == cert.name_on_certificate
    url = certificates.verify_url("http://testserver", cert.number, cert.check_code)
    page = await client.get(url.removeprefix("http://testserver"))
    assert page.status_code == 200 and cert.name_on_certificate in page.text


async def test_verification_is_rate_limited_per_address(client: httpx.AsyncClient,
                                                        issued: list[Certificate]) -> None:
    statuses = [(await client.get(f"/api/v1/certificates/verify/ONDE-2569-{n:06d}")).status_code
                for n in range(1, 31)]
    assert statuses[:20] == [200] * 20
    refused = await client.get("/api/v1/certificates/verify/ONDE-2569-000001")
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert refused.json()["code"] == "too_many_requests"
    page = await client.get("/verify/ONDE-2569-000001")
    assert page.status_code == 429 and "Retry-After" in page.headers
