"""What this process answered a moment ago, for the chat bot (see backend.services.recent), and forgetting
it, with the search index, whenever the catalogue changes through this process."""

from __future__ import annotations

from backend.services.catalogue.views import CourseDetail, CoursePage
from backend.services.recent import RecentAnswers
from backend.services.search_index import invalidate as invalidate_search_index

recent_pages: RecentAnswers[CoursePage] = RecentAnswers()
recent_courses: RecentAnswers[CourseDetail] = RecentAnswers()


def forget_recent_searches() -> None:
    recent_pages.clear()
    recent_courses.clear()


def catalogue_changed() -> None:
    """A course or session changed: every search answer kept in this process is out of date."""
    invalidate_search_index()
    forget_recent_searches()
