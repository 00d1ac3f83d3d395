"""Reading issued certificates: one by its exact number (PDF downloads), those of a session (staff API).

Issuing, revoking, verifying and the download links are in backend.services.certificates.
"""

from __future__ import annotations

from backend.models import Certificate


async def find_certificate(number: str) -> Certificate | None:
    """The certificate with exactly this number, or None."""
    return await Certificate.get_or_none(number=number)


async def certificates_of_session(session_id: int) -> list[Certificate]:
    """The certificates issued for a session, in the order they were issued."""
    return await Certificate.filter(session_id=session_id).order_by("id").select_related("course")
