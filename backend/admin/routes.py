"""The admin web's router (registered in backend.web.ROUTERS): every page module under /admin."""

from __future__ import annotations

from fastapi import APIRouter

from backend.admin import (
    agency_pages,
    auth_pages,
    broadcast_pages,
    catalogue_pages,
    dashboard_pages,
    follow_up_pages,
    handover_pages,
    member_pages,
    registration_pages,
    signatory_pages,
    staff_pages,
)
from backend.admin.web import AdminRoute

router = APIRouter(route_class=AdminRoute, include_in_schema=False)
for pages in (auth_pages, dashboard_pages, follow_up_pages, catalogue_pages, registration_pages, broadcast_pages,
              handover_pages, member_pages, signatory_pages, staff_pages, agency_pages):
    router.include_router(pages.router, prefix="/admin", include_in_schema=False)
