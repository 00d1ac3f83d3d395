"""Members (civil servants using the bot), their agencies, consent and personal data (PDPA).

Nothing personal is stored before consent: a Member row is created by record_consent(). Deleting a member's
data clears every personal field and unlinks the LINE account; registrations stay, anonymous, for statistics
(agency and target group are kept as categories).

The package's modules, by what they do:

- views: the plain data returned (MemberInfo, AgencyInfo, ...)
- member_records: reading members by id, LINE user id or a search term
- consent: the privacy notice accepted, following and unfollowing the account
- agencies: the agency list and matching what a member types to it
- profile: changing a member's profile
- naming: official names (คำนำหน้า + ชื่อ + นามสกุล) checked, written as documents write them, read from text
- official_name: storing and correcting a member's official name (audited; certificates follow it)
- personal_data: the PDPA copy of a member's data, and its erasure
"""

from __future__ import annotations

from backend.services.members.agencies import (
    AGENCY_MATCH_THRESHOLD,
    create_agency,
    find_agency_by_name,
    list_agencies,
    match_agencies,
)
from backend.services.members.consent import deactivate_member, reactivate_member, record_consent
from backend.services.members.member_records import (
    LINE_USER_ID_MAX,
    MAX_INT32,
    can_receive_pushes,
    display_names_by_line_id,
    get_member,
    get_member_by_line_id,
    get_members_by_line_ids,
    search_members,
)
from backend.services.members.naming import (
    COMMON_TITLES,
    FIELD_MESSAGES_TH,
    KNOWN_TITLES,
    OfficialName,
    clean_official_name,
    full_official_name,
    official_name_part_error,
    split_first_and_last,
    split_title,
)
from backend.services.members.official_name import (
    OfficialNameChange,
    mark_official_name_requested,
    set_official_name,
)
from backend.services.members.personal_data import (
    ERASED_NAME,
    PERSONAL_FIELDS,
    delete_member_data,
    export_member_data,
)
from backend.services.members.profile import update_profile
from backend.services.members.views import (
    AgencyInfo,
    AgencyMatch,
    DeletionReport,
    MemberInfo,
    MemberPage,
    ProfileUpdate,
)

__all__ = [
    "AGENCY_MATCH_THRESHOLD",
    "COMMON_TITLES",
    "ERASED_NAME",
    "FIELD_MESSAGES_TH",
    "KNOWN_TITLES",
    "LINE_USER_ID_MAX",
    "MAX_INT32",
    "PERSONAL_FIELDS",
    "AgencyInfo",
    "AgencyMatch",
    "DeletionReport",
    "MemberInfo",
    "MemberPage",
    "OfficialName",
    "OfficialNameChange",
    "ProfileUpdate",
    "can_receive_pushes",
    "clean_official_name",
    "create_agency",
    "deactivate_member",
    "delete_member_data",
    "display_names_by_line_id",
    "export_member_data",
    "full_official_name",
    "get_member",
    "get_member_by_line_id",
    "find_agency_by_name",
    "get_members_by_line_ids",
    "list_agencies",
    "mark_official_name_requested",
    "match_agencies",
    "official_name_part_error",
    "reactivate_member",
    "record_consent",
    "search_members",
    "set_official_name",
    "split_first_and_last",
    "split_title",
    "update_profile",
]
