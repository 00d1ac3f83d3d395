"""Evaluation surveys: templates as data, dispatch to a session's attendees, signed form links,
answers (web or chat, one response per member per dispatch), reminders and the L3 follow-up.

The package's modules, by what they do:

- errors: what can go wrong, in Thai for members and trainers
- templates: the shipped YAML templates and those admins save
- dispatch: a survey sent to a session's attendees, its invites and pushes, how far it got
- form_links: signed links to the web form
- answers: checking answers, saving a member's response
- chat_answering: answering in the chat, one question at a time
- reminders: reminders to members who have not answered
- followups: the automatic L3 follow-up 90 days after a session

Which sessions a staff member may send surveys for is backend.services.staff_access (session_for_staff
and NotYourSession are re-exported here).

Every function that depends on time takes `now` (aware; from the one clock, see backend.clock).
"""

from __future__ import annotations

from backend.services.staff_access import NotYourSession, session_for_staff
from backend.services.surveys.answers import (
    SCALE_LABELS,
    TEXT_MAX,
    SubmitResult,
    get_response_answers,
    has_completed_response,
    submit_response,
    validate_answer,
    validate_answers,
)
from backend.services.surveys.chat_answering import ChatStep, chat_answer, chat_start, open_surveys_for
from backend.services.surveys.dispatch import (
    ATTENDED,
    DEFAULT_REMINDER_DAYS,
    MAX_REMINDERS,
    DispatchStatus,
    DispatchSummary,
    PendingPush,
    dispatch_survey,
    get_dispatch_status,
    invites_to_push,
    mark_invite_pushed,
    session_dispatch_statuses,
    sessions_to_evaluate,
)
from backend.services.surveys.errors import (
    FormLinkInvalid,
    NotInvited,
    SurveyAlreadyOpen,
    SurveyClosed,
    SurveyNotFound,
    TemplateNotFound,
)
from backend.services.surveys.followups import (
    FOLLOWUP_ANSWER_DAYS,
    FOLLOWUP_DAYS,
    FOLLOWUP_SEND_AT,
    FOLLOWUP_TEMPLATE,
    create_due_followups,
    followup_moment,
)
from backend.services.surveys.form_links import form_url, make_form_token, open_form_token
from backend.services.surveys.reminders import (
    DueReminder,
    claim_due_reminders,
    mark_reminder_sent,
    release_reminder,
    reminder_due_at,
)
from backend.services.surveys.templates import (
    QUESTION_TYPES,
    TEMPLATES_DIR,
    asked_questions,
    ensure_shipped_templates,
    get_template,
    list_templates,
    previous_versions,
    save_template,
    shipped_templates,
    validate_template,
)

__all__ = [
    "ATTENDED",
    "DEFAULT_REMINDER_DAYS",
    "FOLLOWUP_ANSWER_DAYS",
    "FOLLOWUP_DAYS",
    "FOLLOWUP_SEND_AT",
    "FOLLOWUP_TEMPLATE",
    "MAX_REMINDERS",
    "QUESTION_TYPES",
    "SCALE_LABELS",
    "TEMPLATES_DIR",
    "TEXT_MAX",
    "ChatStep",
    "DispatchStatus",
    "DispatchSummary",
    "DueReminder",
    "FormLinkInvalid",
    "NotInvited",
    "NotYourSession",
    "PendingPush",
    "SubmitResult",
    "SurveyAlreadyOpen",
    "SurveyClosed",
    "SurveyNotFound",
    "TemplateNotFound",
    "asked_questions",
    "chat_answer",
    "chat_start",
    "claim_due_reminders",
    "create_due_followups",
    "dispatch_survey",
    "ensure_shipped_templates",
    "followup_moment",
    "form_url",
    "get_dispatch_status",
    "get_response_answers",
    "get_template",
    "has_completed_response",
    "invites_to_push",
    "list_templates",
    "make_form_token",
    "mark_invite_pushed",
    "mark_reminder_sent",
    "open_form_token",
    "open_surveys_for",
    "previous_versions",
    "release_reminder",
    "reminder_due_at",
    "save_template",
    "session_dispatch_statuses",
    "session_for_staff",
    "sessions_to_evaluate",
    "shipped_templates",
    "submit_response",
    "validate_answer",
    "validate_answers",
    "validate_template",
]
