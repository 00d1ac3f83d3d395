"""Certified courses, their providers and sessions (รุ่น)."""

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.models.framework import SkillArea, TargetGroup, Topic
    from backend.models.staff import StaffUser


class Modality(StrEnum):
    online = "online"
    onsite = "onsite"
    hybrid = "hybrid"


class CourseStatus(StrEnum):
    active = "active"
    draft = "draft"
    retired = "retired"


class SessionStatus(StrEnum):
    open = "open"
    cancelled = "cancelled"


class Provider(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=255, unique=True)
    name_en = fields.CharField(max_length=255, default="")
    contact_email = fields.CharField(max_length=255, default="")
    contact_phone = fields.CharField(max_length=50, default="")

    class Meta:
        table = "provider"


class Course(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=40, unique=True)
    title_th = fields.CharField(max_length=500)
    title_en = fields.CharField(max_length=500, default="")
    description = fields.TextField(default="")
    provider: fields.ForeignKeyRelation[Provider] = fields.ForeignKeyField(
        "models.Provider", related_name="courses", on_delete=fields.RESTRICT
    )
    provider_id: int
    topics: fields.ManyToManyRelation["Topic"] = fields.ManyToManyField(
        "models.Topic", related_name="courses", through="course_topic"
    )
    skill_areas: fields.ManyToManyRelation["SkillArea"] = fields.ManyToManyField(
        "models.SkillArea", related_name="courses", through="course_skill_area"
    )
    target_groups: fields.ManyToManyRelation["TargetGroup"] = fields.ManyToManyField(
        "models.TargetGroup", related_name="courses", through="course_target_group"
    )
    hours = fields.DecimalField(max_digits=6, decimal_places=1)
    modality = fields.CharEnumField(Modality, max_length=10)
    fee = fields.DecimalField(max_digits=10, decimal_places=2, default=0)
    certification_no = fields.CharField(max_length=100, default="")
    certified_on = fields.DateField(null=True)
    certification_expires = fields.DateField(null=True)
    status = fields.CharEnumField(CourseStatus, max_length=10, default=CourseStatus.active, db_index=True)
    # Word-segmented, lower-cased text of title, description, provider and tags: " w1 w2 ... ".
    search_text = fields.TextField(default="")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "course"


class Session(Model):
    """One run (รุ่น) of a course."""

    id = fields.IntField(primary_key=True)
    course: fields.ForeignKeyRelation[Course] = fields.ForeignKeyField(
        "models.Course", related_name="sessions", on_delete=fields.CASCADE
    )
    course_id: int
    no = fields.IntField()
    start_date = fields.DateField(db_index=True)
    end_date = fields.DateField()
    province = fields.CharField(max_length=100, null=True, db_index=True)
    online = fields.BooleanField(default=False)
    venue = fields.CharField(max_length=500, default="")
    capacity = fields.IntField()
    seats_taken = fields.IntField(default=0)
    registration_opens = fields.DateField(null=True)
    registration_closes = fields.DateField(null=True)
    trainer: fields.ForeignKeyNullableRelation["StaffUser"] = fields.ForeignKeyField(
        "models.StaffUser", related_name="sessions", null=True, on_delete=fields.SET_NULL
    )
    trainer_id: int | None
    status = fields.CharEnumField(SessionStatus, max_length=10, default=SessionStatus.open)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "session"
        unique_together = (("course", "no"),)
        indexes = (("course", "start_date"),)
