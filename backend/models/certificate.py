"""Certificates earned by completing a session, their numbering and the rule per course."""

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

if TYPE_CHECKING:
    from backend.models.catalogue import Course, Provider, Session
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


class CertificateSignatory(Model):
    """Who signs the certificates of a provider's courses (ผู้ลงนาม): name, position, an optional signature
    image. The row with key "onde" is ONDE's own, used for providers that have none.

    The image (PNG or JPEG, at most 300 kB and 2000 px a side) is kept in the database rather than under
    DATA_DIR: web processes are stateless and may run on several machines, the image is small, it is backed
    up with everything else and written in the same transaction as its audit entry.
    """

    id = fields.IntField(primary_key=True)
    key = fields.CharField(max_length=40, unique=True)  # "onde" or "provider:<id>"
    provider: fields.OneToOneNullableRelation["Provider"] = fields.OneToOneField(
        "models.Provider", related_name="certificate_signatory", null=True, on_delete=fields.CASCADE)
    provider_id: int | None
    name = fields.CharField(max_length=255, default="")
    position = fields.CharField(max_length=500)
    image = fields.BinaryField(null=True)
    image_type = fields.CharField(max_length=20, default="")  # image/png or image/jpeg
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "certificate_signatory"
