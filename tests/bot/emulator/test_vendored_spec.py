"""The emulator ships LINE's OpenAPI document; it must be the same text as the project's reference copy."""

from pathlib import Path

import pytest

from bot.emulator.config import DEFAULT_SPEC_PATH

REFERENCE = Path(__file__).resolve().parents[4] / "shared" / "line-openapi"


@pytest.mark.parametrize("name", ["messaging-api.yml", "webhook.yml"])
def test_shipped_spec_matches_reference(name: str) -> None:
    reference = REFERENCE / name
    if not reference.exists():
        pytest.skip("reference copy of LINE's OpenAPI documents not present beside the project")
    shipped = DEFAULT_SPEC_PATH.parent / name
    assert shipped.read_bytes() == reference.read_bytes()
