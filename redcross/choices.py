"""Choices shared by more than one app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingSource(models.TextChoices):
    SELF_RAISED = "self_raised", _("self-raised")
    PROVINCIAL = "provincial", _("provincial Red Cross subsidy")
    HEADQUARTERS = "headquarters", _("Red Cross Society of China")
    GOVERNMENT = "government", _("government")
    DONATION = "donation", _("public donations")
    OTHER = "other", _("other")
