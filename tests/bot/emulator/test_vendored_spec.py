"""The emulator ships LINE's OpenAPI document; it must be the same text as the project's reference copy."""

from pathlib import Path

import pytest

from bot.emulator.config import DEFAULT_SPEC_PATH

REFERENCE = Path(__file__).resolve().parents[4] / "shared"


FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "line"


@pytest.mark.parametrize(
    ("shipped", "reference"),
    [
        (DEFAULT_SPEC_PATH.parent / "messaging-api.yml", REFERENCE / "line-openapi" / "messaging-api.yml"),
        (DEFAULT_SPEC_PATH.parent / "webhook.yml", REFERENCE / "line-openapi" / "webhook.yml"),
        (FIXTURES / "webhook.json", REFERENCE / "line-fixtures" / "webhook.json"),
    ],
    ids=["messaging-api", "webhook-spec", "webhook-fixtures"],
)
def test_shipped_copy_matches_reference(shipped: Path, reference: Path) -> None:
    if not reference.exists():
        pytest.skip("reference copy of LINE's documents not present beside the project")
    assert shipped.read_bytes() == reference.read_bytes()
