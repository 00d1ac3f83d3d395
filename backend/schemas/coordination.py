"""Agency coordination as the API shows it: the agency's staff and their fiscal-year progress, completion per
target group, nominations; a member's skill gaps and recommended courses. Dates are ISO."""

from __future__ import annotations

from pydantic import Field

from backend.schemas.base import InputModel, PublicModel, public_model
from backend.schemas.bounds import MAX_DB_ID
from backend.schemas.catalogue import CourseSummaryPublic, SessionPublic
from backend.services.catalogue.views import CourseSummary
from backend.services.coordination import (
    AgencyRef,
    FiscalYear,
    GroupCompletion,
    NominationInfo,
    StaffProgress,
)
from backend.services.coordination.sessions import NominationSession
from backend.services.recommendations import Recommendation, SkillGap, SkillGapReport
from backend.services.session_seats import SessionInfo

__all__ = ["AgencyCompletionPublic", "AgencyRefPublic", "AgencyStaffPublic", "FiscalYearPublic",
           "GroupCompletionPublic", "NominationCreate", "NominationPublic", "NominationSessionPublic",
           "RecommendationPublic", "SkillGapPublic", "SkillGapReportPublic", "StaffProgressPublic"]


@public_model(AgencyRef)
class AgencyRefPublic(PublicModel):
    pass


@public_model(FiscalYear, properties={"year_be": None, "label_th": None})
class FiscalYearPublic(PublicModel):
    """October to September; year_be: the Buddhist-era year it is named by (ปีงบประมาณ 2570)."""


@public_model(StaffProgress, properties={"total_hours": None, "meets_framework": None})
class StaffProgressPublic(PublicModel):
    pass


class AgencyStaffPublic(PublicModel):
    agency: AgencyRefPublic
    fiscal_year: FiscalYearPublic
    staff: list[StaffProgressPublic]


@public_model(GroupCompletion, properties={"met_all_pct": None})
class GroupCompletionPublic(PublicModel):
    pass


class AgencyCompletionPublic(PublicModel):
    agency: AgencyRefPublic
    fiscal_year: FiscalYearPublic
    target_groups: list[GroupCompletionPublic]


@public_model(NominationInfo)
class NominationPublic(PublicModel):
    pass


@public_model(NominationSession, nested={SessionInfo: SessionPublic})
class NominationSessionPublic(PublicModel):
    pass


class NominationCreate(InputModel):
    member_id: int = Field(ge=1, le=MAX_DB_ID)
    session_id: int = Field(ge=1, le=MAX_DB_ID)


@public_model(SkillGap, properties={"missing_hours": None})
class SkillGapPublic(PublicModel):
    pass


@public_model(Recommendation, nested={CourseSummary: CourseSummaryPublic})
class RecommendationPublic(PublicModel):
    pass


@public_model(SkillGapReport, nested={FiscalYear: FiscalYearPublic, SkillGap: SkillGapPublic,
                                      Recommendation: RecommendationPublic})
class SkillGapReportPublic(PublicModel):
    pass
