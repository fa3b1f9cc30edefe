"""Sessions with their registrations: steps of the session's life, certificates, rosters as PDF and Excel."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from redcross.admin_support import PDF_TYPE, XLSX_TYPE, LifeCycleHistoryAdmin, apply_each, attachment, report_refusal

from .. import services
from ..documents import certificates_pdf, rosters_pdf
from ..forms import IssueDateForm, SessionActionForm
from ..models import Certificate, Registration, Session
from ..resources import roster_registrations, roster_workbook
from .common import masked_mobile_of, sees_personal_data, verify_url_for
from .messages import messages_table, resend_view


class RegistrationInlineForm(forms.ModelForm):
    """A new row names a trainee; a row on record is read only (its steps are actions on the registrations)."""

    class Meta:
        model = Registration
        fields = ["trainee"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["trainee"].disabled = True


class RegistrationFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.extra_forms:
            trainee = getattr(form, "cleaned_data", {}).get("trainee") if form.has_changed() else None
            if trainee is None or not self.instance.pk:
                continue
            try:
                services.registration_add_check(session=self.instance, trainee=trainee)
            except ValidationError as error:
                form.add_error("trainee", error)


class RegistrationInline(admin.TabularInline):
    model = Registration
    form = RegistrationInlineForm
    formset = RegistrationFormSet
    fields = ("trainee", "mobile_shown", "status", "attended", "passed", "code", "beyond_seats_reason")
    readonly_fields = ("mobile_shown", "status", "attended", "passed", "code", "beyond_seats_reason")
    autocomplete_fields = ("trainee",)
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("trainee")

    @admin.display(description=_("mobile number"))
    def mobile_shown(self, registration):
        return masked_mobile_of(registration)


@admin.register(Session)
class SessionAdmin(LifeCycleHistoryAdmin):
    list_display = ("title_shown", "starts_at", "place_shown", "audience", "status", "seats", "confirmed",
                    "attended")
    list_filter = ("course", "base", "status", "audience")
    list_select_related = ("course", "base")
    search_fields = ("title", "course__name", "base__name", "venue", "organiser")
    date_hierarchy = "starts_at"
    autocomplete_fields = ("course", "base")
    filter_horizontal = ("instructors",)
    inlines = [RegistrationInline]
    readonly_fields = ("status", "roster_import_link", "beyond_seats_shown", "messages_shown")
    # Enter in a field saves: the first button of the form, before the messages' resend buttons.
    save_on_top = True
    action_form = SessionActionForm
    actions = ["open_for_signup", "mark_held", "cancel_sessions", "issue_certificates", "download_roster_pdf",
               "download_certificates_pdf", "export_roster"]

    def get_fieldsets(self, request, obj=None):
        trainees = ("headcount", "roster_import_link") if obj and self.may_import_rosters(request) else (
            "headcount",)
        sign_up = ("seats", "public_signup", "signup_deadline", "status")
        if obj is not None:
            sign_up += ("beyond_seats_shown",)
        fieldsets = (
            (None, {"fields": ("course", "title", ("starts_at", "ends_at"), ("base", "venue"), "audience",
                               "organiser", "instructors", "what_to_bring")}),
            (_("Sign-up"), {"fields": sign_up}),
            (_("Trainees"), {"fields": trainees}),
        )
        if obj is not None:
            fieldsets += ((_("Text messages to citizens"), {"fields": ("messages_shown",)}),)
        return fieldsets

    def get_object(self, request, object_id, from_field=None):
        session = super().get_object(request, object_id, from_field)
        if session is not None:  # for messages_shown, which is given the session only
            session.messages_resendable = self.has_change_permission(request, session)
        return session

    def get_urls(self):
        resend = self.admin_site.admin_view(lambda request, object_id, message_id: resend_view(
            self, request, object_id, message_id))
        return [path("<path:object_id>/messages/<int:message_id>/resend/", resend,
                     name="training_session_resend_message"), *super().get_urls()]

    def may_import_rosters(self, request) -> bool:
        return request.user.has_perm("training.add_registration")

    def has_issue_permission(self, request):
        return request.user.has_perm("training.add_certificate")

    def get_queryset(self, request):
        confirmed = Q(registrations__status=Registration.Status.CONFIRMED)
        return super().get_queryset(request).annotate(
            confirmed=Count("registrations", filter=confirmed),
            attended=Count("registrations", filter=confirmed & Q(registrations__attended=True)),
        )

    def delete_model(self, request, obj):
        services.session_delete(session=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for session in queryset:
            services.session_delete(session=session, by=request.user)

    def save_model(self, request, obj, form, change):
        services.session_save(session=obj, by=request.user)
        if not change:
            self.message_user(request, _(
                "The session is planned. When it is ready to be announced, choose “Open for sign-up” in the list."
            ), messages.INFO)

    def save_formset(self, request, form, formset, change):
        """The page's one inline: each new row registers its trainee through the service."""
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.extra_forms:
            trainee = row.cleaned_data.get("trainee") if row.has_changed() else None
            if trainee is None:
                continue
            try:
                registration = services.registration_add_by_staff(session=form.instance, trainee=trainee,
                                                                  by=request.user)
            except ValidationError as error:  # taken by someone else between the check and the save
                report_refusal(self, request, trainee, error)
                continue
            formset.new_objects.append(registration)
            if registration.status == Registration.Status.WAITING:
                self.message_user(request, _(
                    "Every seat is taken: %(name)s is on the waiting list. Confirm beyond the seats from the "
                    "registrations, with a reason, if needed."
                ) % {"name": trainee.name}, messages.WARNING)
        return None

    @admin.display(description=_("title"), ordering="title")
    def title_shown(self, session):
        return session.display_title

    @admin.display(description=_("Place"))
    def place_shown(self, session):
        return session.place

    @admin.display(description=pgettext_lazy("number of people", "confirmed"), ordering="confirmed")
    def confirmed(self, session):
        return session.confirmed

    @admin.display(description=pgettext_lazy("number of people", "attended"), ordering="attended")
    def attended(self, session):
        return session.attended

    @admin.display(description=_("Roster from Excel"))
    def roster_import_link(self, session):
        url = reverse("admin:training_registration_import") + f"?session={session.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Import an outside roster into this session"))

    @admin.display(description=_("who was told what, and when"))
    def messages_shown(self, session):
        return messages_table(session, resendable=getattr(session, "messages_resendable", False))

    @admin.display(description=_("confirmed beyond the seats"))
    def beyond_seats_shown(self, session):
        beyond = session.registrations.exclude(beyond_seats_reason="").exclude(
            status=Registration.Status.CANCELLED).select_related("trainee", "beyond_seats_by")
        if not beyond:
            return "—"
        return format_html_join("", "<div>{} · {} · {}</div>", (
            (registration.trainee.name, registration.beyond_seats_reason, registration.beyond_seats_by or "—")
            for registration in beyond
        ))

    def _step(self, request, queryset, step, done_message) -> None:
        done = apply_each(self, request, queryset, lambda session: step(session=session, by=request.user))
        if done:
            self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)

    @admin.action(description=_("Open for sign-up"), permissions=["change"])
    def open_for_signup(self, request, queryset):
        self._step(request, queryset, services.session_open, lambda count: ngettext(
            "%(count)d session opened for sign-up.", "%(count)d sessions opened for sign-up.", count))

    @admin.action(description=_("Mark as held"), permissions=["change"])
    def mark_held(self, request, queryset):
        self._step(request, queryset, services.session_hold, lambda count: ngettext(
            "%(count)d session marked as held.", "%(count)d sessions marked as held.", count))

    @admin.action(description=_("Cancel the session"), permissions=["change"])
    def cancel_sessions(self, request, queryset):
        self._step(request, queryset, services.session_cancel, lambda count: ngettext(
            "%(count)d session cancelled.", "%(count)d sessions cancelled.", count))

    @admin.action(description=_("Issue certificates to everyone who passed"), permissions=["issue"])
    def issue_certificates(self, request, queryset):
        form = IssueDateForm(request.POST)
        if not form.is_valid():
            self.message_user(request, " ".join(form.errors.get("issued_on", [])), messages.ERROR)
            return
        for session in queryset.select_related("course"):
            try:
                issued = services.certificates_issue(session=session, by=request.user,
                                                     issued_on=form.cleaned_data["issued_on"])
            except ValidationError as error:
                report_refusal(self, request, session, error)
                continue
            if issued:
                self.message_user(request, ngettext(
                    "%(session)s: %(count)d certificate issued, numbers %(first)s to %(last)s.",
                    "%(session)s: %(count)d certificates issued, numbers %(first)s to %(last)s.", len(issued),
                ) % {"session": session, "count": len(issued), "first": issued[0].number,
                     "last": issued[-1].number}, messages.SUCCESS)
            else:
                self.message_user(request, _(
                    "%(session)s: no certificate issued; everyone who attended and passed already has one."
                ) % {"session": session}, messages.WARNING)

    @admin.action(description=_("Download the roster (PDF)"), permissions=["view"])
    def download_roster_pdf(self, request, queryset):
        return attachment(rosters_pdf(queryset), PDF_TYPE, f"roster-{timezone.localdate()}.pdf")

    @admin.action(description=_("Download the certificates (PDF)"), permissions=["view"])
    def download_certificates_pdf(self, request, queryset):
        certificates = (
            Certificate.objects.filter(session__in=list(queryset.values_list("pk", flat=True)), revoked=False)
            .select_related("trainee", "course").order_by("number")
        )
        if not certificates:
            self.message_user(request, _("The chosen sessions have no certificates."), messages.WARNING)
            return None
        return attachment(certificates_pdf(certificates, verify_url_for(request)), PDF_TYPE,
                          f"certificates-{timezone.localdate()}.pdf")

    @admin.action(description=_("Export the roster to Excel"), permissions=["view"])
    def export_roster(self, request, queryset):
        registrations = roster_registrations(queryset)
        whole = sees_personal_data(request.user)
        content = roster_workbook(registrations, whole=whole)
        if whole:
            services.personal_data_seen(user=request.user, seen=[
                (registration.trainee, _("ID and mobile numbers in the Excel roster of %(session)s")
                 % {"session": registration.session})
                for registration in registrations
            ])
        return attachment(content, XLSX_TYPE, f"roster-{timezone.localdate()}.xlsx")
