"""The OCSC digital-skills framework as data: target groups, skill areas, topics (seeded from a versioned file)."""

from tortoise import fields
from tortoise.models import Model


class TargetGroup(Model):
    code = fields.CharField(max_length=40, primary_key=True)
    name_th = fields.CharField(max_length=200)
    name_en = fields.CharField(max_length=200, default="")
    sort_order = fields.IntField(default=0)
    framework_version = fields.CharField(max_length=20, default="")
    active = fields.BooleanField(default=True)
    # Lower-case words and phrases users type for this group, separated by "|" (used by course search).
    keywords = fields.TextField(default="")

    class Meta:
        table = "target_group"
        ordering = ["sort_order", "code"]


class SkillArea(Model):
    code = fields.CharField(max_length=40, primary_key=True)
    name_th = fields.CharField(max_length=200)
    name_en = fields.CharField(max_length=200, default="")
    core = fields.BooleanField(default=False)
    sort_order = fields.IntField(default=0)
    framework_version = fields.CharField(max_length=20, default="")

    class Meta:
        table = "skill_area"
        ordering = ["sort_order", "code"]


class Topic(Model):
    code = fields.CharField(max_length=40, primary_key=True)
    name_th = fields.CharField(max_length=200)
    name_en = fields.CharField(max_length=200, default="")
    # Lower-case words and phrases users type for this topic, separated by "|" (used by course search).
    keywords = fields.TextField(default="")
    sort_order = fields.IntField(default=0)

    class Meta:
        table = "topic"
        ordering = ["sort_order", "code"]
