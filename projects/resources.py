"""Excel import and export of sites, facilities and activities, with the column names staff see in the admin."""

from django.utils.translation import gettext_lazy as _
from import_export import widgets

from redcross.importing import ChoiceLabelWidget, StrictResource, column

from .models import Activity, Facility, FacilityKind, Site


class SiteResource(StrictResource):
    name = column("name", _("name"))
    kind = column("kind", _("kind"), ChoiceLabelWidget(Site.Kind))
    community = column("community", _("community"))
    town = column("town", _("street or town"))
    address = column("address", _("address"))
    latitude = column("latitude", _("latitude"), widgets.DecimalWidget())
    longitude = column("longitude", _("longitude"), widgets.DecimalWidget())
    status = column("status", _("status"), ChoiceLabelWidget(Site.Status))
    partners = column("partners", _("partner organisations"))
    description = column("description", _("description"))
    published = column("published", _("published"), widgets.BooleanWidget())

    class Meta:
        model = Site
        import_id_fields = ("name",)
        fields = ("name", "kind", "community", "town", "address", "latitude", "longitude", "status", "partners",
                  "description", "published")
        clean_model_instances = True
        skip_unchanged = True


class FacilityResource(StrictResource):
    site = column("site", _("site"), widgets.ForeignKeyWidget(Site, "name"))
    kind = column("kind", _("kind"), widgets.ForeignKeyWidget(FacilityKind, "name"))
    name = column("name", _("name"))
    opened_on = column("opened_on", _("opened on"), widgets.DateWidget())
    area = column("area", _("area (m²)"), widgets.DecimalWidget())
    opening_hours = column("opening_hours", _("opening hours"))
    in_service = column("in_service", _("in service"), widgets.BooleanWidget())

    class Meta:
        model = Facility
        import_id_fields = ("site", "name")
        fields = ("site", "kind", "name", "opened_on", "area", "opening_hours", "in_service")
        clean_model_instances = True
        skip_unchanged = True


class ActivityResource(StrictResource):
    date = column("date", _("date"), widgets.DateWidget())
    title = column("title", _("title"))
    kind = column("kind", _("kind"), ChoiceLabelWidget(Activity.Kind))
    site = column("site", _("site"), widgets.ForeignKeyWidget(Site, "name"))
    participants = column("participants", _("participants"), widgets.IntegerWidget())
    volunteers = column("volunteers", _("volunteers"), widgets.IntegerWidget())
    volunteer_hours = column("volunteer_hours", _("volunteer hours"), widgets.DecimalWidget())
    beneficiaries = column("beneficiaries", _("beneficiaries"), widgets.IntegerWidget())
    books = column("books", _("books collected"), widgets.IntegerWidget())
    description = column("description", _("description"))
    published = column("published", _("published"), widgets.BooleanWidget())

    class Meta:
        model = Activity
        import_id_fields = ("date", "title")
        fields = ("date", "title", "kind", "site", "participants", "volunteers", "volunteer_hours", "beneficiaries",
                  "books", "description", "published")
        clean_model_instances = True
        skip_unchanged = True
