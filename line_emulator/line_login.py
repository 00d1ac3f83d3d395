"""LINE Login as the emulator plays it: the ID tokens a LIFF app gets (liff.getIDToken()) and LINE's
verification endpoint, ``POST /oauth2/v2.1/verify``, with LINE's answers:

- 200 and the token's claims (iss, sub, aud, exp, iat, name, picture) for a valid token;
- 400 ``{"error": "invalid_request", "error_description": ...}`` for a forged or expired token, or one issued to
  another channel (``client_id``).

Tests and the chat console get a token for a user with ``POST /_emulator/users/{user_id}/id-token``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Body, Form, HTTPException
from fastapi.responses import JSONResponse

from line_emulator.state import Emulator

__all__ = ["build_line_login_router"]

ISSUER = "https://access.line.me"
ID_TOKEN_TTL_SECONDS = 3600.0  # LINE's ID tokens live an hour


@dataclass(frozen=True, slots=True)
class IssuedIdToken:
    user_id: str
    channel_id: str
    issued_at: float
    expires_at: float


def _invalid(description: str) -> JSONResponse:
    return JSONResponse({"error": "invalid_request", "error_description": description}, status_code=400)


def build_line_login_router(emulator: Emulator) -> APIRouter:
    router = APIRouter(tags=["LINE Login"])
    issued: dict[str, IssuedIdToken] = {}

    @router.post("/_emulator/users/{user_id}/id-token")
    async def issue_id_token(user_id: str, channel_id: Annotated[str, Body(embed=True, alias="channelId")]
                             ) -> dict[str, Any]:
        """The ID token LINE hands this user's LIFF app of the LINE Login channel ``channelId``."""
        if user_id not in emulator.users:
            raise HTTPException(404, "no such user")
        token = "eyJ" + secrets.token_urlsafe(96)  # opaque here; a JWT on the real platform
        now = emulator.now()
        issued[token] = IssuedIdToken(user_id, channel_id, now, now + ID_TOKEN_TTL_SECONDS)
        return {"idToken": token, "expiresAt": now + ID_TOKEN_TTL_SECONDS}

    @router.post("/oauth2/v2.1/verify")
    async def verify_id_token(id_token: Annotated[str, Form()], client_id: Annotated[str, Form()]
                              ) -> JSONResponse:
        found = issued.get(id_token)
        if found is None:
            return _invalid("Invalid IdToken.")
        if found.channel_id != client_id:
            return _invalid("Invalid IdToken Audience.")
        if emulator.now() >= found.expires_at:
            return _invalid("IdToken expired.")
        user = emulator.users.get(found.user_id)
        claims: dict[str, Any] = {"iss": ISSUER, "sub": found.user_id, "aud": client_id,
                                  "exp": int(found.expires_at), "iat": int(found.issued_at), "amr": ["linesso"]}
        if user is not None:
            claims["name"] = user.display_name
        return JSONResponse(claims)

    return router
