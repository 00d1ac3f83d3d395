"""Certificates earned by completing a session, their numbering and the rule per course."""

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.models.catalogue import Course, Session
    from backend.models.member import Member
    from backend.models.registration import Registration


class Certificate(Model):
    id = fields.IntField(primary_key=True)
    number = fields.CharField(max_length=40, unique=True)
    # Printed beside the number and carried in the QR link: verification needs both, so numbers that follow
    # each other give nothing away.
    check_code = fields.CharField(max_length=16, default="")
    registration: fields.OneToOneRelation["Registration"] = fields.OneToOneField(
        "models.Registration", related_name="certificate", on_delete=fields.CASCADE
    )
    registration_id: int
    member: fields.ForeignKeyRelation["Member"] = fields.ForeignKeyField(
        "models.Member", related_name="certificates", on_delete=fields.CASCADE
    )
    member_id: int
    course: fields.ForeignKeyRelation["Course"] = fields.ForeignKeyField(
        "models.Course", related_name="certificates", on_delete=fields.RESTRICT
    )
    course_id: int
    session: fields.ForeignKeyRelation["Session"] = fields.ForeignKeyField(
        "models.Session", related_name="certificates", on_delete=fields.RESTRICT
    )
    session_id: int
    name_on_certificate = fields.CharField(max_length=255)
    hours = fields.DecimalField(max_digits=6, decimal_places=1)
    issued_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)
    revoke_reason = fields.CharField(max_length=255, default="")
    pushed_at = fields.DatetimeField(null=True)

    class Meta:
        table = "certificate"


class CertificateSequence(Model):
    """Last number handed out per Buddhist-era year (ONDE-2569-000123)."""

    year_be = fields.IntField(primary_key=True)
    last_no = fields.IntField(default=0)

    class Meta:
        table = "certificate_sequence"


class CertificateRule(Model):
    """What a registration needs for a certificate; courses without a row use attended + L1 answered."""

    id = fields.IntField(primary_key=True)
    course: fields.OneToOneRelation["Course"] = fields.OneToOneField(
        "models.Course", related_name="certificate_rule", on_delete=fields.CASCADE
    )
    course_id: int
    require_attendance = fields.BooleanField(default=True)
    require_l1 = fields.BooleanField(default=True)
    require_l2_post = fields.BooleanField(default=False)

    class Meta:
        table = "certificate_rule"
