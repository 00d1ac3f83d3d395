"""API tokens of staff users (admins only). A new token is shown once; only its hash is stored."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from backend.api.auth import AdminUser
from backend.api.params import IdPath
from backend.deps import ClockDep
from backend.schemas.tokens import TokenCreate, TokenCreated, TokenPublic
from backend.services import auth
from backend.services.audit import staff_actor
from backend.services.errors import ValidationFailed

router = APIRouter(prefix="/api/v1/tokens", tags=["tokens"])


@router.get("", response_model=list[TokenPublic], summary="API tokens (without their values)")
async def list_tokens(
    user: AdminUser,
    user_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    include_revoked: bool = False,
) -> list[TokenPublic]:
    tokens = await auth.list_tokens(user_id=user_id, include_revoked=include_revoked)
    return [TokenPublic.model_validate(t) for t in tokens]


@router.post("", response_model=TokenCreated, status_code=status.HTTP_201_CREATED,
             summary="Issue a token (creating the trainer/admin/coordinator account if username is new)")
async def create_token(body: TokenCreate, user: AdminUser) -> TokenCreated:
    actor = staff_actor(user)
    if body.user_id is not None:
        target = await auth.get_staff_user(body.user_id)
    elif body.username:
        found = await auth.find_staff_user(body.username)
        if found is None:
            if body.role is None:
                raise ValidationFailed.field("role", "required to create a new staff user")
            info = await auth.create_staff_user(username=body.username, role=body.role,
                                                display_name=body.display_name, actor=actor,
                                                agency_id=body.agency_id)
            found = await auth.get_staff_user(info.id)
        target = found
    else:
        raise ValidationFailed.field("user_id", "give user_id or username")
    created = await auth.create_token(user_id=target.id, name=body.name, actor=actor)
    return TokenCreated(**TokenPublic.model_validate(created.info).model_dump(), token=created.token,
                        role=str(target.role))


@router.delete("/{token_id}", response_model=TokenPublic, summary="Revoke a token")
async def revoke_token(token_id: IdPath, user: AdminUser,
                       clock: ClockDep) -> TokenPublic:
    return TokenPublic.model_validate(await auth.revoke_token(token_id=token_id, actor=staff_actor(user),
                                                              now=clock.utcnow()))
