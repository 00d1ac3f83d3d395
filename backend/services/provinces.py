"""The 77 provinces of Thailand (official Thai names, as pythainlp ships them) and common other spellings."""

from __future__ import annotations

from functools import lru_cache

from backend.services.text import normalize

BANGKOK = "กรุงเทพมหานคร"
# Province names that are also common words or parts of words (เลย "at all", เผยแพร่ "publish" ...).
WEAK_NAMES = frozenset({"เลย", "แพร่", "ตาก", "น่าน", "ตรัง"})
_EXTRA_ALIASES = {
    BANGKOK: ("กทม", "กทม.", "กรุงเทพ", "กรุงเทพฯ", "bangkok", "bkk"),
    "พระนครศรีอยุธยา": ("อยุธยา", "ayutthaya"),
    "นครราชสีมา": ("โคราช", "korat"),
}


@lru_cache(maxsize=1)
def official_provinces() -> tuple[str, ...]:
    from pythainlp.corpus import provinces

    return tuple(sorted(p["name_th"] for p in provinces(details=True)))


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    from pythainlp.corpus import provinces

    table: dict[str, str] = {}
    for row in provinces(details=True):
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
    from pythainlp.corpus import provinces

    pairs: dict[str, str] = {}
    for row in provinces(details=True):
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
