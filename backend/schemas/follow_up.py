"""ONDE's follow-up of certified courses: scorecards, a course's quarterly trend and the flag thresholds
(Public: the fields of the follow-up service's dataclasses; dates ISO 8601)."""

from __future__ import annotations

from pydantic import Field

from backend.schemas.base import InputModel, PublicModel, public_model
from backend.services.follow_up import (
    CourseFollowUp,
    Figures,
    GroupCount,
    LevelRate,
    QuarterFigures,
    Scorecard,
    Thresholds,
)

__all__ = ["CourseFollowUpPublic", "ScorecardPublic", "ThresholdsPublic", "ThresholdsUpdate"]


@public_model(LevelRate)
class LevelRatePublic(PublicModel):
    pass


@public_model(GroupCount)
class GroupCountPublic(PublicModel):
    pass


@public_model(Figures, nested={LevelRate: LevelRatePublic})
class FiguresPublic(PublicModel):
    pass


@public_model(Scorecard, nested={Figures: FiguresPublic, GroupCount: GroupCountPublic})
class ScorecardPublic(PublicModel):
    pass


@public_model(QuarterFigures, nested={Figures: FiguresPublic})
class QuarterFiguresPublic(PublicModel):
    pass


@public_model(Thresholds)
class ThresholdsPublic(PublicModel):
    pass


@public_model(CourseFollowUp, nested={Scorecard: ScorecardPublic, QuarterFigures: QuarterFiguresPublic,
                                      Thresholds: ThresholdsPublic})
class CourseFollowUpPublic(PublicModel):
    pass


class ThresholdsUpdate(InputModel):
    """What raises a course's flags."""

    l1_mean_below: float = Field(ge=1, le=5, description="flag a course whose L1 mean is below this")
    response_rate_below: float = Field(ge=0, le=100, description="per cent; flag any level answered less")
    idle_months: int = Field(ge=1, le=60, description="flag a course with no session within this many months")
    expiry_within_days: int = Field(ge=0, le=730, description="flag a certification expiring within this")
