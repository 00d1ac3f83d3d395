"""Certificate numbers (ONDE-2569-000123, one sequence per Buddhist-era year) and check codes."""

from __future__ import annotations

import datetime as dt
import secrets

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.models import CertificateSequence

NUMBER_PREFIX = "ONDE"
# Check codes: 10 characters of Crockford's base32 (no I, L, O or U to misread), 50 random bits.
CHECK_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECK_LENGTH = 10


def new_check_code() -> str:
    return "".join(secrets.choice(CHECK_ALPHABET) for _ in range(CHECK_LENGTH))


def normalize_check_code(code: str) -> str:
    """What a person types or a QR link carries: case, spaces and hyphens do not matter; O/I/L read as 0/1/1."""
    cleaned = "".join(code.split()).replace("-", "").upper()
    return cleaned.translate(str.maketrans("OIL", "011"))[:32]


def formatted_check_code(code: str) -> str:
    """The check code as printed: two groups of five (7K3Q9-XHM2P)."""
    return f"{code[:5]}-{code[5:]}" if len(code) == CHECK_LENGTH else code


async def next_number(issued_on: dt.date) -> str:
    year_be = issued_on.year + 543
    async with in_transaction():
        try:
            await CertificateSequence.get_or_create(year_be=year_be, defaults={"last_no": 0})
        except IntegrityError:
            pass
        row = await CertificateSequence.filter(year_be=year_be).select_for_update().get()
        row.last_no += 1
        await row.save(update_fields=["last_no"])
        return f"{NUMBER_PREFIX}-{year_be}-{row.last_no:06d}"
