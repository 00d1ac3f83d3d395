"""REST API roles: 401 without or with a wrong token, 403 for the wrong role, trainers see own sessions only,
tokens are stored hashed and can be revoked, admin writes are audited."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from backend.models import ApiToken, AuditLog
from backend.services import auth
from tests.backend.factories import make_course, make_member, make_session, make_staff
from tests.clock import CLOCK, TODAY

pytestmark = pytest.mark.usefixtures("db")

NEW_COURSE = {"code": "R-1", "title_th": "หลักสูตรทดสอบสิทธิ์", "provider": "สถาบันทดสอบ", "topics": ["cloud"],
              "target_groups": ["technologist"], "hours": "3", "modality": "online"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_missing_and_wrong_tokens_are_401(client: httpx.AsyncClient) -> None:
    no_token = await client.post("/api/v1/courses", json=NEW_COURSE)
    assert no_token.status_code == 401
    assert no_token.json()["code"] == "unauthorized"
    assert no_token.headers["www-authenticate"] == "Bearer"
    wrong = await client.post("/api/v1/courses", json=NEW_COURSE, headers=bearer("onde_not-a-real-token"))
    assert wrong.status_code == 401
    assert wrong.json()["detail"] == "invalid or revoked token"
    basic = await client.get("/api/v1/tokens", headers={"Authorization": "Basic YWRtaW46YWRtaW4="})
    assert basic.status_code == 401
    assert await AuditLog.all().count() == 0


async def test_trainer_is_forbidden_admin_endpoints(client: httpx.AsyncClient) -> None:
    _, token = await make_staff("trainer")
    for method, url, body in (
        ("POST", "/api/v1/courses", NEW_COURSE),
        ("GET", "/api/v1/members", None),
        ("GET", "/api/v1/tokens", None),
        ("POST", "/api/v1/agencies", {"name": "กรมทดสอบ"}),
    ):
        r = await client.request(method, url, json=body, headers=bearer(token))
        assert r.status_code == 403, (method, url, r.text)
        assert r.json()["code"] == "not_allowed"
        assert r.json()["detail"] == "admin role required"
    assert (await client.get("/api/v1/agencies", headers=bearer(token))).status_code == 200


async def test_trainer_sees_registrations_of_own_sessions_only(client: httpx.AsyncClient) -> None:
    trainer, token = await make_staff("trainer")
    other, other_token = await make_staff("trainer")
    await make_course(code="TR-1")
    start = TODAY + dt.timedelta(days=10)
    own = await make_session("TR-1", trainer_id=trainer.id, start_date=start, end_date=start)
    theirs = await make_session("TR-1", trainer_id=other.id, start_date=start, end_date=start)
    nobody = await make_session("TR-1", start_date=start, end_date=start)
    member = await make_member()
    from backend.services import registration

    await registration.register_member_for_session(member_id=member.id, session_id=own.id, actor="t", clock=CLOCK)

    mine = await client.get(f"/api/v1/sessions/{own.id}/registrations", headers=bearer(token))
    assert mine.status_code == 200
    assert [r["member_id"] for r in mine.json()] == [member.id]
    assert mine.json()[0]["display_name"] == member.display_name
    for session in (theirs, nobody):
        r = await client.get(f"/api/v1/sessions/{session.id}/registrations", headers=bearer(token))
        assert r.status_code == 403
    _, admin_token = await make_staff("admin")
    assert (await client.get(f"/api/v1/sessions/{theirs.id}/registrations",
                             headers=bearer(admin_token))).status_code == 200
    assert (await client.get("/api/v1/sessions/424242/registrations", headers=bearer(admin_token))).status_code == 404


async def test_tokens_lifecycle_hashed_and_audited(client: httpx.AsyncClient) -> None:
    admin, admin_token = await make_staff("admin", username="onde.admin")
    created = await client.post("/api/v1/tokens", headers=bearer(admin_token),
                                json={"username": "trainer.somchai", "role": "trainer", "name": "laptop"})
    assert created.status_code == 201, created.text
    body = created.json()
    plain = body["token"]
    assert body["role"] == "trainer" and body["username"] == "trainer.somchai"
    stored = await ApiToken.get(id=body["id"])
    assert stored.token_hash == auth.hash_token(plain) and plain not in stored.token_hash

    # The new trainer's token works, and is listed without its value.
    assert (await client.get("/api/v1/agencies", headers=bearer(plain))).status_code == 200
    listed = await client.get("/api/v1/tokens", headers=bearer(admin_token))
    assert body["id"] in [t["id"] for t in listed.json()]
    assert all("token" not in t for t in listed.json())

    revoked = await client.delete(f"/api/v1/tokens/{body['id']}", headers=bearer(admin_token))
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert (await client.get("/api/v1/agencies", headers=bearer(plain))).status_code == 401
    assert (await client.delete("/api/v1/tokens/999999", headers=bearer(admin_token))).status_code == 404
    needs_role = await client.post("/api/v1/tokens", headers=bearer(admin_token), json={"username": "new.person"})
    assert needs_role.status_code == 422

    audit_rows = await AuditLog.all().order_by("id").values("actor", "action")
    assert audit_rows == [
        {"actor": "staff:onde.admin", "action": "staff.create"},
        {"actor": "staff:onde.admin", "action": "token.create"},
        {"actor": "staff:onde.admin", "action": "token.revoke"},
    ]
    assert plain not in str(await AuditLog.all().values_list("details", flat=True))


async def test_bootstrap_admin_token(client: httpx.AsyncClient) -> None:
    await auth.ensure_bootstrap_admin("bootstrap-secret-for-tests")
    await auth.ensure_bootstrap_admin("bootstrap-secret-for-tests")  # idempotent
    ok = await client.post("/api/v1/courses", json=NEW_COURSE, headers=bearer("bootstrap-secret-for-tests"))
    assert ok.status_code == 201
    assert await AuditLog.filter(actor="staff:admin", action="course.create").count() == 1
    assert await ApiToken.filter(user__username="admin").count() == 1


async def test_members_lookup_export_and_erasure(client: httpx.AsyncClient) -> None:
    _, token = await make_staff("admin", username="pdpa.admin")
    member = await make_member(position="นักวิเคราะห์นโยบายและแผน")
    found = await client.get("/api/v1/members", params={"q": "นักวิเคราะห์"}, headers=bearer(token))
    assert found.status_code == 200 and found.json()["total"] == 1
    detail = await client.get(f"/api/v1/members/{member.id}", headers=bearer(token))
    assert detail.json()["line_user_id"] == member.line_user_id and detail.json()["registrations"] == []
    export = await client.get(f"/api/v1/members/{member.id}/export", headers=bearer(token))
    assert export.json()["member"]["position"] == "นักวิเคราะห์นโยบายและแผน"

    erased = await client.delete(f"/api/v1/members/{member.id}/personal-data", headers=bearer(token))
    assert erased.status_code == 200 and "display_name" in erased.json()["cleared_fields"]
    after = await client.get(f"/api/v1/members/{member.id}", headers=bearer(token))
    assert after.json()["line_user_id"] is None and after.json()["display_name"] == ""
    assert after.json()["position"] == ""
    assert (await client.get("/api/v1/members/777777", headers=bearer(token))).status_code == 404
    actions = await AuditLog.filter(actor="staff:pdpa.admin").order_by("id").values_list("action", flat=True)
    assert actions == ["member.export", "member.delete_data"]
