"""What ONDE's follow-up of certified courses flags: the thresholds an admin sets (one row)."""

from tortoise import fields
from tortoise.models import Model


class FollowUpThresholds(Model):
    """The one row (id 1) of thresholds; without it the defaults of backend.services.follow_up apply."""

    id = fields.IntField(primary_key=True)
    l1_mean_below = fields.DecimalField(max_digits=3, decimal_places=2)
    response_rate_below = fields.DecimalField(max_digits=5, decimal_places=1)  # per cent
    idle_months = fields.IntField()  # no session held within this many months
    expiry_within_days = fields.IntField()
    updated_at = fields.DatetimeField()
    updated_by = fields.CharField(max_length=100, default="")

    class Meta:
        table = "follow_up_thresholds"
