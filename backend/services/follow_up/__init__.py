"""ONDE's follow-up of certified courses (ติดตามผลการรับรองหลักสูตร): scorecards, flags and their thresholds,
quarterly trends and the workbook ONDE files before a course is certified again."""

from backend.services.follow_up.export import follow_up_workbook
from backend.services.follow_up.labels import FLAG_LABELS, level_label
from backend.services.follow_up.scorecards import (
    FLAGS,
    SORT_KEYS,
    CourseFollowUp,
    Figures,
    GroupCount,
    LevelRate,
    QuarterFigures,
    Scorecard,
    course_follow_up,
    fiscal_quarter,
    list_scorecards,
)
from backend.services.follow_up.thresholds import Thresholds, current_thresholds, set_thresholds

__all__ = [
    "FLAGS",
    "FLAG_LABELS",
    "SORT_KEYS",
    "CourseFollowUp",
    "Figures",
    "GroupCount",
    "LevelRate",
    "QuarterFigures",
    "Scorecard",
    "Thresholds",
    "course_follow_up",
    "current_thresholds",
    "fiscal_quarter",
    "follow_up_workbook",
    "level_label",
    "list_scorecards",
    "set_thresholds",
]
