"""The rich menu operations: menus and their images, the default menu, per-user links and aliases.

A menu's image must be a PNG or JPEG of the menu's declared size, at most 1 MB, uploaded once;
a menu without an image cannot be made the default, linked or aliased.
"""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from line_emulator.line_api.context import ApiError, CallContext, handles
from line_emulator.state import RichMenu


def _rich_menu(ctx: CallContext, rich_menu_id: str) -> RichMenu:
    menu = ctx.emulator.rich_menus.get(rich_menu_id)
    if menu is None:
        raise ApiError(404, "Not found")
    return menu


@handles("createRichMenu")
async def _create_rich_menu(ctx: CallContext) -> Any:
    rich_menu_id = "richmenu-" + ctx.emulator.new_request_id().replace("-", "")
    ctx.emulator.rich_menus[rich_menu_id] = RichMenu(rich_menu_id, ctx.body)
    return {"richMenuId": rich_menu_id}


@handles("getRichMenu")
async def _get_rich_menu(ctx: CallContext) -> Any:
    menu = _rich_menu(ctx, ctx.params["richMenuId"])
    return {"richMenuId": menu.rich_menu_id, **menu.body}


@handles("getRichMenuList")
async def _list_rich_menus(ctx: CallContext) -> Any:
    return {"richmenus": [{"richMenuId": m.rich_menu_id, **m.body} for m in ctx.emulator.rich_menus.values()]}


@handles("deleteRichMenu")
async def _delete_rich_menu(ctx: CallContext) -> Any:
    menu = _rich_menu(ctx, ctx.params["richMenuId"])
    emulator = ctx.emulator
    del emulator.rich_menus[menu.rich_menu_id]
    if emulator.default_rich_menu_id == menu.rich_menu_id:
        emulator.default_rich_menu_id = None
    for user_id in [u for u, m in emulator.user_rich_menus.items() if m == menu.rich_menu_id]:
        del emulator.user_rich_menus[user_id]
    return {}


@handles("setRichMenuImage")
async def _set_rich_menu_image(ctx: CallContext) -> Any:
    menu = _rich_menu(ctx, ctx.params["richMenuId"])
    media_type = ctx.content_type.split(";")[0].strip().lower()
    if media_type not in ("image/png", "image/jpeg"):
        raise ApiError(415, "Unsupported Media Type")
    if len(ctx.raw) > 1024 * 1024:
        raise ApiError(413, "Request Entity Too Large")
    if menu.image is not None:
        raise ApiError(400, "An image has already been uploaded to the richmenu")
    size = _image_size(ctx.raw)
    if size is None:
        raise ApiError(400, "The image is not a valid PNG or JPEG file")
    expected = menu.body.get("size") or {}
    if size != (expected.get("width"), expected.get("height")):
        raise ApiError(400, f"The image size {size[0]}x{size[1]} does not match the rich menu size "
                            f"{expected.get('width')}x{expected.get('height')}")
    menu.image, menu.image_type = ctx.raw, media_type
    return {}


@handles("getRichMenuImage")
async def _get_rich_menu_image(ctx: CallContext) -> Any:
    menu = _rich_menu(ctx, ctx.params["richMenuId"])
    if menu.image is None:
        raise ApiError(404, "Not found")
    ctx.headers["content-type"] = menu.image_type or "image/png"
    return menu.image


def _menu_with_image(ctx: CallContext, rich_menu_id: str) -> RichMenu:
    menu = _rich_menu(ctx, rich_menu_id)
    if menu.image is None:
        raise ApiError(400, "must upload richmenu image before applying it to user")
    return menu


@handles("setDefaultRichMenu")
async def _set_default(ctx: CallContext) -> Any:
    ctx.emulator.default_rich_menu_id = _menu_with_image(ctx, ctx.params["richMenuId"]).rich_menu_id
    return {}


@handles("getDefaultRichMenuId")
async def _get_default(ctx: CallContext) -> Any:
    if ctx.emulator.default_rich_menu_id is None:
        raise ApiError(404, "no default richmenu")
    return {"richMenuId": ctx.emulator.default_rich_menu_id}


@handles("cancelDefaultRichMenu")
async def _cancel_default(ctx: CallContext) -> Any:
    ctx.emulator.default_rich_menu_id = None
    return {}


@handles("linkRichMenuIdToUser")
async def _link(ctx: CallContext) -> Any:
    menu = _menu_with_image(ctx, ctx.params["richMenuId"])
    ctx.emulator.user_rich_menus[ctx.params["userId"]] = menu.rich_menu_id
    return {}


@handles("unlinkRichMenuIdFromUser")
async def _unlink(ctx: CallContext) -> Any:
    ctx.emulator.user_rich_menus.pop(ctx.params["userId"], None)
    return {}


@handles("getRichMenuIdOfUser")
async def _user_menu(ctx: CallContext) -> Any:
    rich_menu_id = ctx.emulator.user_rich_menus.get(ctx.params["userId"])
    if rich_menu_id is None:
        raise ApiError(404, "the user has no richmenu")
    return {"richMenuId": rich_menu_id}


@handles("linkRichMenuIdToUsers")
async def _bulk_link(ctx: CallContext) -> Any:
    menu = _menu_with_image(ctx, ctx.body["richMenuId"])
    for user_id in ctx.body["userIds"]:
        ctx.emulator.user_rich_menus[user_id] = menu.rich_menu_id
    return {}


@handles("unlinkRichMenuIdFromUsers")
async def _bulk_unlink(ctx: CallContext) -> Any:
    for user_id in ctx.body["userIds"]:
        ctx.emulator.user_rich_menus.pop(user_id, None)
    return {}


@handles("createRichMenuAlias")
async def _create_alias(ctx: CallContext) -> Any:
    alias, rich_menu_id = ctx.body["richMenuAliasId"], ctx.body["richMenuId"]
    if alias in ctx.emulator.rich_menu_aliases:
        raise ApiError(400, "conflict richmenu alias id")
    ctx.emulator.rich_menu_aliases[alias] = _menu_with_image(ctx, rich_menu_id).rich_menu_id
    return {}


@handles("updateRichMenuAlias")
async def _update_alias(ctx: CallContext) -> Any:
    alias = ctx.params["richMenuAliasId"]
    if alias not in ctx.emulator.rich_menu_aliases:
        raise ApiError(404, "Not found")
    ctx.emulator.rich_menu_aliases[alias] = _menu_with_image(ctx, ctx.body["richMenuId"]).rich_menu_id
    return {}


@handles("getRichMenuAlias")
async def _get_alias(ctx: CallContext) -> Any:
    alias = ctx.params["richMenuAliasId"]
    if alias not in ctx.emulator.rich_menu_aliases:
        raise ApiError(404, "Not found")
    return {"richMenuAliasId": alias, "richMenuId": ctx.emulator.rich_menu_aliases[alias]}


@handles("deleteRichMenuAlias")
async def _delete_alias(ctx: CallContext) -> Any:
    if ctx.emulator.rich_menu_aliases.pop(ctx.params["richMenuAliasId"], None) is None:
        raise ApiError(404, "Not found")
    return {}


@handles("getRichMenuAliasList")
async def _list_aliases(ctx: CallContext) -> Any:
    return {"aliases": [{"richMenuAliasId": a, "richMenuId": m} for a, m in ctx.emulator.rich_menu_aliases.items()]}


def _image_size(data: bytes) -> tuple[int, int] | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG"):
                return None
            return image.size
    except Exception:  # any decoding problem means "not a valid image"
        return None
