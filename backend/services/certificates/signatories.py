"""Who signs the certificates (ผู้ลงนาม): per provider, with ONDE's own signatory for providers that have
none. Name, position and an optional signature image, edited by admins (audited).

The image is checked with Pillow (PNG or JPEG, at most 300 kB and 2000 px a side, decodes completely) and
stored re-encoded, without its metadata, in the database (see the CertificateSignatory model for why).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError
from tortoise.transactions import in_transaction

from backend.models import CertificateSignatory, Provider
from backend.services import audit
from backend.services.errors import NotFound, ValidationFailed

ONDE_KEY = "onde"
ONDE_NAME = "สำนักงานคณะกรรมการดิจิทัลเพื่อเศรษฐกิจและสังคมแห่งชาติ (สดช.)"
DEFAULT_POSITION = "เลขาธิการคณะกรรมการดิจิทัลเพื่อเศรษฐกิจและสังคมแห่งชาติ"
MAX_IMAGE_BYTES = 300 * 1024
MAX_IMAGE_SIDE = 2000
NAME_MAX = 255
POSITION_MAX = 500
IMAGE_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}


class ProviderNotFound(NotFound):
    code = "provider_not_found"
    default_detail = "provider not found"
    default_message_th = "ไม่พบผู้จัดอบรมนี้"


@dataclass(frozen=True)
class Signatory:
    """The signature block printed on a certificate."""

    name: str
    position: str
    image: bytes | None = None


DEFAULT_SIGNATORY = Signatory(name="", position=DEFAULT_POSITION)


@dataclass(frozen=True)
class SignatorySetting:
    """One line of the admin's list: ONDE's signatory (provider_id None) or a provider's."""

    provider_id: int | None
    organisation: str
    name: str
    position: str
    has_image: bool
    own: bool
    """False: this provider has no signatory of its own and its certificates carry ONDE's."""
    updated_at: dt.datetime | None = None


def _key(provider_id: int | None) -> str:
    return ONDE_KEY if provider_id is None else f"provider:{provider_id}"


def _no_image() -> tuple[str, ...]:
    """The columns to read when the image itself is not needed."""
    return ("id", "key", "provider_id", "name", "position", "image_type", "updated_at")


async def signatory_for_provider(provider_id: int | None) -> Signatory:
    """The signature block for a provider's certificates: its own, else ONDE's, else ONDE's position alone."""
    rows = {r.key: r for r in await CertificateSignatory.filter(key__in=[_key(provider_id), ONDE_KEY])}
    row = rows.get(_key(provider_id)) or rows.get(ONDE_KEY)
    if row is None:
        return DEFAULT_SIGNATORY
    return Signatory(name=row.name, position=row.position, image=bytes(row.image) if row.image else None)


async def list_signatory_settings() -> list[SignatorySetting]:
    """ONDE's signatory first, then every provider by name."""
    rows = {r["key"]: r for r in await CertificateSignatory.all().values(*_no_image())}
    onde = rows.get(ONDE_KEY)
    found = [_setting(None, ONDE_NAME, onde, onde)]
    for provider in await Provider.all().order_by("name").values("id", "name"):
        found.append(_setting(provider["id"], provider["name"], rows.get(_key(provider["id"])), onde))
    return found


def _setting(provider_id: int | None, organisation: str, row: dict[str, Any] | None,
             onde: dict[str, Any] | None) -> SignatorySetting:
    shown = row or onde
    return SignatorySetting(
        provider_id=provider_id, organisation=organisation, name=shown["name"] if shown else "",
        position=shown["position"] if shown else DEFAULT_POSITION, has_image=bool(shown and shown["image_type"]),
        own=row is not None or provider_id is None, updated_at=row["updated_at"] if row else None)


async def signatory_setting(provider_id: int | None) -> SignatorySetting:
    """ONDE's signatory (None) or a provider's as the edit page shows it. Raises ProviderNotFound."""
    organisation = ONDE_NAME
    if provider_id is not None:
        provider = await Provider.get_or_none(id=provider_id)
        if provider is None:
            raise ProviderNotFound(provider_id=provider_id)
        organisation = provider.name
    rows = {r["key"]: r for r in await CertificateSignatory.filter(
        key__in=[_key(provider_id), ONDE_KEY]).values(*_no_image())}
    return _setting(provider_id, organisation, rows.get(_key(provider_id)), rows.get(ONDE_KEY))


async def signature_image(provider_id: int | None) -> tuple[bytes, str] | None:
    """The stored signature image of ONDE (None) or a provider, and its media type."""
    row = await CertificateSignatory.get_or_none(key=_key(provider_id))
    if row is None or not row.image:
        return None
    return bytes(row.image), row.image_type


def _image_error(reason: str, message_th: str) -> ValidationFailed:
    return ValidationFailed(f"image: {reason}", errors=[{"field": "image", "reason": reason}], message_th=message_th)


def check_signature_image(data: bytes) -> tuple[bytes, str]:
    """The image re-encoded (metadata dropped) and its media type. Raises ValidationFailed (field image)
    unless it is a PNG or JPEG of at most 300 kB and 2000 px a side that decodes completely."""
    if len(data) > MAX_IMAGE_BYTES:
        raise _image_error("larger than 300 kB", "ไฟล์ลายมือชื่อต้องมีขนาดไม่เกิน 300 กิโลไบต์")
    try:
        with Image.open(io.BytesIO(data), formats=list(IMAGE_TYPES)) as image:
            kind = str(image.format)
            if max(image.size) > MAX_IMAGE_SIDE:
                raise _image_error("larger than 2000 px", "ภาพลายมือชื่อต้องกว้างและสูงไม่เกิน 2,000 พิกเซล")
            image.load()
            return _reencoded(image, kind), IMAGE_TYPES[kind]
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise _image_error("not a PNG or JPEG image", "ไฟล์ลายมือชื่อต้องเป็นภาพ PNG หรือ JPEG") from exc


def _reencoded(image: Image.Image, kind: str) -> bytes:
    out = io.BytesIO()
    if kind == "PNG":
        converted = image if image.mode in ("RGB", "RGBA", "L", "LA") else image.convert("RGBA")
        converted.save(out, format="PNG", optimize=True)
    else:
        converted = image if image.mode in ("RGB", "L") else image.convert("RGB")
        converted.save(out, format="JPEG", quality=92)
    return out.getvalue()


def _text(value: str | None, field: str, limit: int, *, required: bool) -> str:
    cleaned = " ".join((value or "").split())
    if required and not cleaned:
        raise ValidationFailed(f"{field}: required", errors=[{"field": field, "reason": "required"}],
                               message_th="กรุณาระบุตำแหน่งของผู้ลงนาม")
    if len(cleaned) > limit:
        raise ValidationFailed(f"{field}: too long", errors=[{"field": field, "reason": f"at most {limit}"}],
                               message_th=f"ข้อความยาวเกิน {limit} ตัวอักษร")
    return cleaned


async def save_signatory(*, provider_id: int | None, name: str | None, position: str | None,
                         image: bytes | None = None, remove_image: bool = False, actor: str) -> SignatorySetting:
    """Set the signatory of ONDE (None) or of a provider (audited). `image`: new signature image bytes, checked
    (see check_signature_image); `remove_image`: drop the stored one. Raises ProviderNotFound, ValidationFailed."""
    await signatory_setting(provider_id)  # the provider exists
    clean_name = _text(name, "name", NAME_MAX, required=False)
    clean_position = _text(position, "position", POSITION_MAX, required=True)
    checked = check_signature_image(image) if image else None
    values: dict[str, object] = {"name": clean_name, "position": clean_position, "provider_id": provider_id}
    if checked is not None:
        values["image"], values["image_type"] = checked
    elif remove_image:
        values["image"], values["image_type"] = None, ""
    async with in_transaction() as conn:
        row = await CertificateSignatory.filter(key=_key(provider_id)).using_db(conn).select_for_update().first()
        if row is None:
            await CertificateSignatory.create(key=_key(provider_id), using_db=conn, **values)
        else:
            row.update_from_dict(values)
            await row.save(using_db=conn)
        await audit.record(actor=actor, action="certificate.signatory", target_type="provider",
                           target_id=provider_id or ONDE_KEY,
                           details={"image": "new" if checked else ("removed" if remove_image else "kept")},
                           using_db=conn)
    return await signatory_setting(provider_id)


async def reset_signatory(*, provider_id: int, actor: str) -> None:
    """The provider's certificates carry ONDE's signatory again (audited). Raises ProviderNotFound."""
    await signatory_setting(provider_id)
    async with in_transaction() as conn:
        deleted = await CertificateSignatory.filter(key=_key(provider_id)).using_db(conn).delete()
        if deleted:
            await audit.record(actor=actor, action="certificate.signatory_reset", target_type="provider",
                               target_id=provider_id, using_db=conn)
