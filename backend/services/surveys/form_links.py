"""Signed links to the web form: bound to one dispatch and one member, valid until the deadline."""

from __future__ import annotations

import datetime as dt

from itsdangerous import BadSignature, URLSafeSerializer

from backend.models import Member, SurveyDispatch, SurveyInvite
from backend.services.surveys.errors import FormLinkInvalid


def _serializer(secret_key: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt="survey-form-v1")


def make_form_token(secret_key: str, *, dispatch_id: int, member_id: int, expires: dt.datetime) -> str:
    return _serializer(secret_key).dumps([dispatch_id, member_id, int(expires.timestamp())])


def form_url(public_base_url: str, secret_key: str, *, dispatch_id: int, member_id: int,
             expires: dt.datetime) -> str:
    token = make_form_token(secret_key, dispatch_id=dispatch_id, member_id=member_id, expires=expires)
    return f"{public_base_url.rstrip('/')}/survey/{dispatch_id}?t={token}"


async def open_form_token(secret_key: str, token: str, *, dispatch_id: int,
                          now: dt.datetime) -> tuple[SurveyDispatch, Member]:
    """The dispatch and member a form link is for; FormLinkInvalid(forged|expired|not_yours) otherwise."""
    try:
        d_id, m_id, exp = _serializer(secret_key).loads(token)
        d_id, m_id, exp = int(d_id), int(m_id), int(exp)
    except (BadSignature, ValueError, TypeError):
        raise FormLinkInvalid("forged") from None
    if d_id != dispatch_id:
        raise FormLinkInvalid("not_yours")
    dispatch = await SurveyDispatch.get_or_none(id=d_id).select_related("template", "session__course")
    if dispatch is None:
        raise FormLinkInvalid("not_yours")
    invite = await SurveyInvite.get_or_none(dispatch_id=d_id, member_id=m_id).select_related("member")
    if invite is None or invite.member.deleted_at is not None:
        raise FormLinkInvalid("not_yours")
    moment = now
    if moment.timestamp() >= exp or moment >= dispatch.deadline:
        raise FormLinkInvalid("expired")
    return dispatch, invite.member

