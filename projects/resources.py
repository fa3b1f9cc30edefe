"""Excel import and export of sites, facilities and activities, with the column names staff see in the admin.

Each imported record is stored by the same service as the admin's form; a refused row names its Excel row, its
column and what is wrong (see redcross.importing).
"""

from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from redcross.cells import (
    CellError,
    ChoiceLabelWidget,
    CountWidget,
    DayWidget,
    NamedWidget,
    NumberWidget,
    YesNoWidget,
    cell_text,
    column,
)
from redcross.importing import StrictResource

from . import services
from .models import Activity, Facility, FacilityKind, PositionKind, Site


class PositionKindWidget(NamedWidget):
    """A kind of position written by its name (红十字模范学校). An empty cell leaves the kind as it is: a new site is a
    博爱家园, the default."""

    def __init__(self, **kwargs):
        super().__init__(PositionKind, **kwargs)

    def clean(self, value, row=None, **kwargs):
        name = cell_text(value)
        kind = PositionKind.objects.filter(name=name).first() if name else None
        if name and kind is None:
            names = "、".join(PositionKind.objects.values_list("name", flat=True))
            raise CellError(gettext_now("“%(value)s” is not one of: %(options)s.") % {"value": name, "options": names})
        return kind


def position_kind_column():
    kind = column("position_kind", _("kind of position"), PositionKindWidget())
    kind.saves_null_values = False  # an empty cell keeps the kind: the default for a new site
    return kind


class SiteResource(StrictResource):
    name = column("name", _("name"))
    kind = column("kind", _("kind"), ChoiceLabelWidget(Site.Kind))
    community = column("community", _("community"))
    town = column("town", _("street or town"))
    address = column("address", _("address"))
    latitude = column("latitude", _("latitude"), NumberWidget())
    longitude = column("longitude", _("longitude"), NumberWidget())
    status = column("status", _("status"), ChoiceLabelWidget(Site.Status))
    started_on = column("started_on", _("on the books since"), DayWidget())
    built_on = column("built_on", _("built on"), DayWidget())
    closed_on = column("closed_on", pgettext_lazy("site", "closed on"), DayWidget())
    partners = column("partners", _("partner organisations"))
    description = column("description", _("description"))
    published = column("published", _("published"), YesNoWidget())
    position_kind = position_kind_column()

    class Meta:
        model = Site
        import_id_fields = ("name",)
        fields = ("name", "kind", "community", "town", "address", "latitude", "longitude", "status", "started_on",
                  "built_on", "closed_on", "partners", "description", "published", "position_kind")
        clean_model_instances = True
        skip_unchanged = True

    def save_record(self, instance):
        services.site_save(site=instance)


class FacilityResource(StrictResource):
    site = column("site", _("site"), NamedWidget(Site))
    kind = column("kind", _("kind"), NamedWidget(FacilityKind))
    name = column("name", _("name"))
    opened_on = column("opened_on", _("opened on"), DayWidget())
    area = column("area", _("area (m²)"), NumberWidget())
    opening_hours = column("opening_hours", _("opening hours"))
    retired_on = column("retired_on", _("out of service since"), DayWidget())

    class Meta:
        model = Facility
        import_id_fields = ("site", "name")
        fields = ("site", "kind", "name", "opened_on", "area", "opening_hours", "retired_on")
        clean_model_instances = True
        skip_unchanged = True

    def save_record(self, instance):
        services.facility_save(facility=instance)


class ActivityResource(StrictResource):
    date = column("date", _("date"), DayWidget())
    title = column("title", _("title"))
    kind = column("kind", _("kind"), ChoiceLabelWidget(Activity.Kind))
    site = column("site", _("site"), NamedWidget(Site))
    participants = column("participants", _("participants"), CountWidget(empty=0))
    volunteers = column("volunteers", pgettext_lazy("number of people", "volunteers"), CountWidget(empty=0))
    volunteer_hours = column("volunteer_hours", _("volunteer hours"), NumberWidget())
    beneficiaries = column("beneficiaries", _("beneficiaries"), CountWidget(empty=0))
    books = column("books", _("books collected"), CountWidget())
    description = column("description", _("description"))
    published = column("published", _("published"), YesNoWidget())

    class Meta:
        model = Activity
        import_id_fields = ("date", "title")
        fields = ("date", "title", "kind", "site", "participants", "volunteers", "volunteer_hours", "beneficiaries",
                  "books", "description", "published")
        clean_model_instances = True
        skip_unchanged = True

    def save_record(self, instance):
        services.activity_save(activity=instance)
