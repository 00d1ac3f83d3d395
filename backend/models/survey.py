"""Evaluation surveys (Kirkpatrick levels 1-3): templates, dispatches to a session, invitations,
reminders and one response per member per dispatch."""

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.models.catalogue import Session
    from backend.models.member import Member
    from backend.models.registration import Registration
    from backend.models.staff import StaffUser


class QuestionType(StrEnum):
    scale5 = "scale5"
    single = "single"
    multi = "multi"
    number = "number"
    text = "text"


class SurveyPhase(StrEnum):
    none = ""
    pre = "pre"
    post = "post"


class SurveyTemplate(Model):
    """A questionnaire as data. `questions` is a list of
    {key, type, text, required, options: [{value, label}], min, max}."""

    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=60, unique=True)
    title_th = fields.CharField(max_length=300)
    level = fields.IntField()
    anonymous = fields.BooleanField(default=False)
    questions: fields.JSONField[list[dict[str, Any]]] = fields.JSONField(default=list)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "survey_template"


class SurveyDispatch(Model):
    """One survey sent to the attendees of one session."""

    id = fields.IntField(primary_key=True)
    session: fields.ForeignKeyRelation["Session"] = fields.ForeignKeyField(
        "models.Session", related_name="survey_dispatches", on_delete=fields.CASCADE
    )
    session_id: int
    template: fields.ForeignKeyRelation[SurveyTemplate] = fields.ForeignKeyField(
        "models.SurveyTemplate", related_name="dispatches", on_delete=fields.RESTRICT
    )
    template_id: int
    phase = fields.CharEnumField(SurveyPhase, max_length=5, default=SurveyPhase.none)
    anonymous = fields.BooleanField(default=False)
    deadline = fields.DatetimeField()
    # Days after dispatch on which non-respondents are reminded, e.g. [2, 5].
    reminder_days: fields.JSONField[list[int]] = fields.JSONField(default=list)
    created_by: fields.ForeignKeyNullableRelation["StaffUser"] = fields.ForeignKeyField(
        "models.StaffUser", related_name="survey_dispatches", null=True, on_delete=fields.SET_NULL
    )
    created_by_id: int | None
    # Automatic dispatches (the L3 follow-up) carry a key so they are created once.
    dedupe_key = fields.CharField(max_length=100, unique=True, null=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "survey_dispatch"
        indexes = (("session", "template"),)


class SurveyInvite(Model):
    """A member asked to answer a dispatch (and whether the LINE push went out)."""

    id = fields.IntField(primary_key=True)
    dispatch: fields.ForeignKeyRelation[SurveyDispatch] = fields.ForeignKeyField(
        "models.SurveyDispatch", related_name="invites", on_delete=fields.CASCADE
    )
    dispatch_id: int
    member: fields.ForeignKeyRelation["Member"] = fields.ForeignKeyField(
        "models.Member", related_name="survey_invites", on_delete=fields.CASCADE
    )
    member_id: int
    registration: fields.ForeignKeyNullableRelation["Registration"] = fields.ForeignKeyField(
        "models.Registration", related_name="survey_invites", null=True, on_delete=fields.SET_NULL
    )
    registration_id: int | None
    pushed_at = fields.DatetimeField(null=True)
    push_outcome = fields.CharField(max_length=20, default="")

    class Meta:
        table = "survey_invite"
        unique_together = (("dispatch", "member"),)


class SurveyReminder(Model):
    """A reminder, recorded (unique) before it is sent so it is never sent twice."""

    id = fields.IntField(primary_key=True)
    dispatch: fields.ForeignKeyRelation[SurveyDispatch] = fields.ForeignKeyField(
        "models.SurveyDispatch", related_name="reminders", on_delete=fields.CASCADE
    )
    dispatch_id: int
    member: fields.ForeignKeyRelation["Member"] = fields.ForeignKeyField(
        "models.Member", related_name="survey_reminders", on_delete=fields.CASCADE
    )
    member_id: int
    seq = fields.IntField()
    created_at = fields.DatetimeField()
    outcome = fields.CharField(max_length=20, default="")

    class Meta:
        table = "survey_reminder"
        unique_together = (("dispatch", "member", "seq"),)


class SurveyResponse(Model):
    """A member's answers to a dispatch; `completed_at` is NULL while a chat answer is in progress."""

    id = fields.IntField(primary_key=True)
    dispatch: fields.ForeignKeyRelation[SurveyDispatch] = fields.ForeignKeyField(
        "models.SurveyDispatch", related_name="responses", on_delete=fields.CASCADE
    )
    dispatch_id: int
    member: fields.ForeignKeyRelation["Member"] = fields.ForeignKeyField(
        "models.Member", related_name="survey_responses", on_delete=fields.CASCADE
    )
    member_id: int
    answers: fields.JSONField[dict[str, Any]] = fields.JSONField(default=dict)
    channel = fields.CharField(max_length=10, default="web")
    # Chat progress: index of the next question to ask.
    cursor = fields.IntField(default=0)
    completed_at = fields.DatetimeField(null=True)
    updated_at = fields.DatetimeField()

    class Meta:
        table = "survey_response"
        unique_together = (("dispatch", "member"),)
