"""What an agency coordinator (ผู้ประสานงานหน่วยงาน) follows and does for their own agency: staff progress in the
fiscal year, completion per target group against the framework, nominations, the annual report."""

from backend.services.coordination.annual_report import (
    annual_report_xlsx,
    export_annual_report,
    report_filename,
)
from backend.services.coordination.fiscal import FiscalYear, fiscal_year_be, fiscal_year_of
from backend.services.coordination.nominations import (
    AlreadyNominated,
    NominationAnswer,
    NominationInfo,
    NominationNotFound,
    NominationPush,
    answer_nomination,
    erase_member_nominations,
    list_nominations,
    mark_nomination_pushed,
    nominate,
    nomination_to_push,
    unpushed_nominations,
)
from backend.services.coordination.scope import (
    OWN_AGENCY_ONLY_TH,
    NotYourAgency,
    agency_in_scope,
    member_in_scope,
)
from backend.services.coordination.sessions import NominationSession, sessions_open_for_nomination
from backend.services.coordination.skill_hours import gaps, hours_by_skill_area
from backend.services.coordination.staff import (
    AgencyRef,
    GroupCompletion,
    StaffProgress,
    completion_by_target_group,
    get_agency,
    member_in_agency,
    staff_progress,
)
from backend.services.coordination.units import agency_unit_refs, agency_units

__all__ = [
    "OWN_AGENCY_ONLY_TH", "AgencyRef", "AlreadyNominated", "FiscalYear", "GroupCompletion", "NominationAnswer",
    "NominationInfo", "NominationNotFound", "NominationPush", "NominationSession", "NotYourAgency", "StaffProgress",
    "agency_in_scope", "agency_unit_refs", "agency_units", "annual_report_xlsx", "answer_nomination", "completion_by_target_group",
    "erase_member_nominations", "export_annual_report", "member_in_scope", "report_filename", "fiscal_year_be", "fiscal_year_of", "gaps", "get_agency", "hours_by_skill_area",
    "list_nominations", "mark_nomination_pushed", "member_in_agency", "nominate", "nomination_to_push",
    "sessions_open_for_nomination", "staff_progress", "unpushed_nominations",
]
