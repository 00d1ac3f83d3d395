"""The emulator ships LINE's OpenAPI document; it must be the same text as the project's reference copy."""

from pathlib import Path

import pytest

from line_emulator.config import DEFAULT_SPEC_PATH

CHECKOUT = Path(__file__).resolve().parents[2]
FIXTURES = CHECKOUT / "tests" / "fixtures" / "line"
# The reference copies live outside the repository, in a `shared/` folder beside the checkout (or beside one
# of its parent folders, for a checkout nested deeper).
REFERENCE_CANDIDATES = [parent / "shared" for parent in CHECKOUT.parents]


def _reference(relative: str) -> Path | None:
    return next((c / relative for c in REFERENCE_CANDIDATES if (c / relative).is_file()), None)


@pytest.mark.parametrize(
    ("shipped", "reference"),
    [
        (DEFAULT_SPEC_PATH.parent / "messaging-api.yml", "line-openapi/messaging-api.yml"),
        (DEFAULT_SPEC_PATH.parent / "webhook.yml", "line-openapi/webhook.yml"),
        (FIXTURES / "webhook.json", "line-fixtures/webhook.json"),
    ],
    ids=["messaging-api", "webhook-spec", "webhook-fixtures"],
)
def test_shipped_copy_matches_reference(shipped: Path, reference: str) -> None:
    found = _reference(reference)
    if found is None:
        pytest.skip(f"no reference copy shared/{reference} beside the checkout "
                    f"(looked in {', '.join(str(c) for c in REFERENCE_CANDIDATES)})")
    assert shipped.read_bytes() == found.read_bytes()
