"""The 77 provinces of Thailand (official Thai names, as pythainlp ships them) and common other spellings."""

from __future__ import annotations

from functools import lru_cache
from typing import cast

from backend.services.text import normalize

BANGKOK = "กรุงเทพมหานคร"
# Province names that are also common words or parts of words (เลย "at all", เผยแพร่ "publish" ...).
WEAK_NAMES = frozenset({"เลย", "แพร่", "ตาก", "น่าน", "ตรัง"})
_EXTRA_ALIASES = {
    BANGKOK: ("กทม", "กทม.", "กรุงเทพ", "กรุงเทพฯ", "bangkok", "bkk"),
    "พระนครศรีอยุธยา": ("อยุธยา", "ayutthaya"),
    "นครราชสีมา": ("โคราช", "korat"),
}


def _province_rows() -> list[dict[str, str]]:
    """pythainlp's provinces, one dict per province: name_th, abbr_th, name_en, abbr_en."""
    from pythainlp.corpus import provinces

    # details=True gives the rows; pythainlp annotates the function with both of its return shapes
    return cast("list[dict[str, str]]", provinces(details=True))


@lru_cache(maxsize=1)
def official_provinces() -> tuple[str, ...]:
    return tuple(sorted(p["name_th"] for p in _province_rows()))


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in _province_rows():
        for name in (row["name_th"], row["name_en"], row["abbr_en"]):
            table[normalize(name).replace(" ", "")] = row["name_th"]
        table["จังหวัด" + normalize(row["name_th"]).replace(" ", "")] = row["name_th"]
    for official, aliases in _EXTRA_ALIASES.items():
        for alias in aliases:
            table[normalize(alias).replace(" ", "")] = official
    return table


def canonical_province(text: str | None) -> str | None:
    """The official Thai name for `text` (Thai, English or a common short form), or None if unknown."""
    if not text:
        return None
    return _lookup().get(normalize(text).replace(" ", ""))


@lru_cache(maxsize=1)
def province_names() -> tuple[tuple[str, str], ...]:
    """(name as it appears in normalised text, official name), longest first: Thai official names, common
    short forms and English names padded with spaces (whole words only)."""
    pairs: dict[str, str] = {}
    for row in _province_rows():
        name = normalize(row["name_th"])
        if name in WEAK_NAMES:  # everyday words too: only after จังหวัด / จ.
            pairs[f"จังหวัด{name}"] = pairs[f"จังหวัด {name}"] = pairs[f"จ {name}"] = row["name_th"]
        else:
            pairs[name] = row["name_th"]
        pairs[f" {normalize(row['name_en'])} "] = row["name_th"]
    for official, aliases in _EXTRA_ALIASES.items():
        for alias in aliases:
            norm = normalize(alias)
            pairs[f" {norm} " if norm.isascii() else norm] = official
    return tuple(sorted(pairs.items(), key=lambda kv: -len(kv[0])))
