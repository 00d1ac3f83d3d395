"""The backend's ChannelIdentity port over LINE Login: who a LIFF app's ID token was issued to.

The survey form, opened as a LIFF app, sends the token from liff.getIDToken() with the answers. LINE's own
endpoint checks it (POST /oauth2/v2.1/verify with the LINE Login channel id as client_id): signature, expiry
and audience. We never trust a user id the browser sends, only the `sub` LINE vouches for.
"""

from __future__ import annotations

import logging

import httpx

from backend.ports import IdentityUnavailable
from backend.settings import Settings

log = logging.getLogger(__name__)

VERIFY_PATH = "/oauth2/v2.1/verify"
TIMEOUT_SECONDS = 5.0
MAX_TOKEN_LENGTH = 4096  # LINE's ID tokens are around 1 KB; anything far longer is not one


class LineLoginIdentity:
    def __init__(self, *, api_base_url: str, channel_id: str, transport: httpx.AsyncBaseTransport | None = None
                 ) -> None:
        self.channel_id = channel_id
        self._client = httpx.AsyncClient(base_url=api_base_url.rstrip("/"), timeout=TIMEOUT_SECONDS,
                                         transport=transport, trust_env=False)

    async def user_of(self, id_token: str) -> str | None:
        if not id_token or len(id_token) > MAX_TOKEN_LENGTH:
            return None
        try:
            response = await self._client.post(VERIFY_PATH, data={"id_token": id_token,
                                                                  "client_id": self.channel_id})
        except httpx.HTTPError as exc:
            log.warning("LINE Login verification failed: %s", type(exc).__name__)
            raise IdentityUnavailable("LINE Login could not be reached") from exc
        if response.status_code == 400:  # LINE's answer for a forged, expired or foreign token
            return None
        if response.status_code != 200:
            log.warning("LINE Login verification answered %s", response.status_code)
            raise IdentityUnavailable(f"LINE Login answered {response.status_code}")
        payload = response.json()
        if payload.get("aud") != self.channel_id or not isinstance(payload.get("sub"), str):
            return None
        return str(payload["sub"])

    async def close(self) -> None:
        await self._client.aclose()


def open_line_login(settings: Settings) -> LineLoginIdentity | None:
    """The verifier for the configured LINE Login channel; None when there is none (no LIFF binding)."""
    if not settings.line_login_channel_id:
        return None
    return LineLoginIdentity(api_base_url=settings.effective_line_api_base_url,
                             channel_id=settings.line_login_channel_id)
