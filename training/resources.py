"""Excel rosters: an outside session's roster imported into a session, and session rosters exported.

Column names stay Chinese whatever the language of the admin. ID and mobile numbers are shown masked in the
import preview; an export shows them whole only when the caller says the viewer may see them.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from import_export import widgets
from openpyxl import Workbook
from openpyxl.styles import Font

from redcross.cells import column
from redcross.importing import SpreadsheetResult, StrictResource
from redcross.masking import mask_phone, mask_resident_id
from redcross.spreadsheets import printable, xlsx_bytes
from redcross.validators import normalize_phone

from . import services
from .models import Registration, Session
from .services import SignUp


class MaskedWidget(widgets.CharWidget):
    """Reads the number whole from the file; shows it masked wherever the resource renders it."""

    def __init__(self, mask, **kwargs):
        self.mask = mask
        super().__init__(allow_blank=True, **kwargs)

    def render(self, value, obj=None, **kwargs):
        return self.mask(super().render(value, obj, **kwargs))


class RosterImportResult(SpreadsheetResult):
    """Rows refused by the preview are shown with their ID and mobile numbers masked, like every other row."""

    def append_invalid_row(self, number, row, validation_error):
        columns = RosterImportResource.fields
        masks = {columns["mobile"].column_name: mask_phone, columns["resident_id"].column_name: mask_resident_id}
        row = {column: masks[column](str(value or "")) if column in masks else value for column, value in row.items()}
        super().append_invalid_row(number, row, validation_error)


class RosterImportResource(StrictResource):
    """Rows of people (name, mobile, ID number, work unit) registered for one chosen session.

    Each new row goes through the same service as a walk-in added by staff (`registration_add_by_staff`): the
    same seat rule (confirmed while seats remain, then the waiting list) and the same person never twice, found
    by name and mobile number or by resident ID. A row already registered under that name and mobile is left
    as it is.
    """

    name = column("trainee__name", gettext_lazy("Full name"))
    mobile = column("trainee__mobile", gettext_lazy("Mobile number"), MaskedWidget(mask_phone))
    resident_id = column("trainee__resident_id", gettext_lazy("Resident ID number"), MaskedWidget(mask_resident_id))
    organisation = column("trainee__organisation", gettext_lazy("Work unit"))

    class Meta:
        model = Registration
        fields = ("name", "mobile", "resident_id", "organisation")
        import_id_fields = ("name", "mobile")
        use_transactions = True

    @classmethod
    def get_result_class(cls):
        return RosterImportResult

    def __init__(self, session: Session | None = None, by=None, **kwargs):
        super().__init__(**kwargs)
        self.session = session
        self.by = by

    def before_import(self, dataset, **kwargs):
        if self.session is None:
            raise ValueError(_("Choose the session the roster belongs to."))
        super().before_import(dataset, **kwargs)

    def person(self, row) -> SignUp:
        """The person of a row; a column the file leaves out (ID number, work unit) reads as empty."""
        return SignUp(**{
            name: (self.fields[name].clean(row) or "") if self.fields[name].column_name in row else ""
            for name in self._meta.fields
        })

    def get_instance(self, instance_loader, row):
        person = self.person(row)
        return (
            self.session.registrations.exclude(status=Registration.Status.CANCELLED)
            .filter(trainee__name=" ".join(person.name.split()), trainee__mobile=normalize_phone(person.mobile))
            .select_related("trainee").first()
        )

    def init_instance(self, row=None):
        return Registration(session=self.session)

    def import_instance(self, instance, row, **kwargs):
        instance.person = self.person(row)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return instance.pk is not None and not import_validation_errors

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # The service validates the person and the registration when the row is saved.
        if import_validation_errors:
            raise ValidationError(import_validation_errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        try:
            registration = services.registration_add_by_staff(
                session=self.session, person=instance.person, by=self.by
            )
        except ValidationError as error:
            raise ValidationError({
                self.fields[field].column_name if field in self.fields else NON_FIELD_ERRORS: messages
                for field, messages in error.update_error_dict({}).items()
            }) from error
        instance.pk, instance.trainee, instance.status = registration.pk, registration.trainee, registration.status


def roster_registrations(sessions: Iterable[Session]) -> list[Registration]:
    """Everyone signed up (confirmed, then waiting) for these sessions, session by session."""
    return list(
        Registration.objects.filter(session__in=list(sessions))
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("trainee", "session__course", "session__base")
        .order_by("session__starts_at", "session_id", "status", "created_at", "pk")
    )


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("Yes") if value else _("No")


def roster_workbook(registrations: list[Registration], *, whole: bool) -> bytes:
    """An .xlsx roster; ID and mobile numbers whole only when `whole` (the caller logs that they were seen).

    Names and work units are typed by the public: they are stored as text cells, never as formulas.
    """
    show_phone = (lambda value: value) if whole else mask_phone
    show_id = (lambda value: value) if whole else mask_resident_id
    workbook = Workbook()
    sheet = workbook.active
    with override(settings.LANGUAGE_CODE):
        sheet.title = _("Roster")
        sheet.append([
            _("Session"), _("Starts"), _("Place"), _("Full name"), _("Mobile number"), _("Resident ID number"),
            _("Work unit"), _("Status"), _("Attended"), _("Passed"), _("Confirmation code"),
        ])
        for registration in registrations:
            session, trainee = registration.session, registration.trainee
            sheet.append(printable([
                session.display_title, timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M"),
                session.place, trainee.name, show_phone(trainee.mobile), show_id(trainee.resident_id),
                trainee.organisation, str(registration.get_status_display()), yes_no(registration.attended),
                yes_no(registration.passed), registration.code,
            ]))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHIJK", (24, 17, 20, 10, 14, 21, 20, 12, 8, 8, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    return xlsx_bytes(workbook)
