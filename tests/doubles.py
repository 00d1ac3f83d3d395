"""Stand-ins for the ports, for tests that call services directly (the real ones are tested end to end)."""

from __future__ import annotations

from collections.abc import Sequence


class RecordedAnnouncements:
    """A WaitlistAnnouncer that keeps the promoted registrations it was given."""

    def __init__(self) -> None:
        self.registration_ids: list[int] = []

    async def waitlist_promoted(self, registration_ids: Sequence[int]) -> None:
        self.registration_ids.extend(registration_ids)


class RememberedForgets:
    """A ChannelMemory that notes whom it was asked to forget (the LINE channel's is tested end to end in
    tests/bot/test_erasure_everywhere.py)."""

    def __init__(self) -> None:
        self.users: list[str] = []

    async def forget(self, *, line_user_id: str) -> int:
        self.users.append(line_user_id)
        return 0
