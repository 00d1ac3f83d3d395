"""All Tortoise models of the product (Tortoise discovers them from this module)."""

from backend.models.audit import AuditLog
from backend.models.broadcast import BatchStatus, Broadcast, BroadcastBatch, BroadcastStatus
from backend.models.catalogue import Course, CourseStatus, Modality, Provider, Session, SessionStatus
from backend.models.certificate import Certificate, CertificateRule, CertificateSequence, CertificateSignatory
from backend.models.conversation import ConversationMessage, Handover, HandoverStatus
from backend.models.follow_up import FollowUpThresholds
from backend.models.framework import SkillArea, TargetGroup, Topic
from backend.models.member import Agency, Member
from backend.models.nomination import Nomination, NominationStatus
from backend.models.registration import (
    ACTIVE_STATUSES,
    SEAT_HOLDING_STATUSES,
    Registration,
    RegistrationEvent,
    RegistrationStatus,
)
from backend.models.staff import ApiToken, Role, StaffUser
from backend.models.survey import (
    QuestionType,
    SurveyDispatch,
    SurveyInvite,
    SurveyPhase,
    SurveyReminder,
    SurveyResponse,
    SurveyTemplate,
)

__all__ = [
    "ACTIVE_STATUSES",
    "SEAT_HOLDING_STATUSES",
    "Agency",
    "ApiToken",
    "AuditLog",
    "BatchStatus",
    "Broadcast",
    "BroadcastBatch",
    "BroadcastStatus",
    "Certificate",
    "CertificateRule",
    "CertificateSequence",
    "CertificateSignatory",
    "ConversationMessage",
    "Course",
    "FollowUpThresholds",
    "CourseStatus",
    "Handover",
    "HandoverStatus",
    "Member",
    "Modality",
    "Nomination",
    "NominationStatus",
    "Provider",
    "QuestionType",
    "Registration",
    "RegistrationEvent",
    "RegistrationStatus",
    "Role",
    "Session",
    "SessionStatus",
    "SkillArea",
    "StaffUser",
    "SurveyDispatch",
    "SurveyInvite",
    "SurveyPhase",
    "SurveyReminder",
    "SurveyResponse",
    "SurveyTemplate",
    "TargetGroup",
    "Topic",
]
