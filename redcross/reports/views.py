from django.contrib import messages
from django.contrib.auth.decorators import user_passes_test
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from . import labels
from .forms import ReportRequestForm
from .models import Report
from .selectors import reports_listed, versions_of
from .services import report_request


def staff_member(user) -> bool:
    return user.is_active and (user.is_staff or user.has_perm("reports.download_report"))


staff_only = user_passes_test(staff_member, login_url="admin:login")


@never_cache
@staff_only
@require_http_methods(["GET", "HEAD", "POST"])
def report_list(request):
    form = ReportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        report, created = report_request(period=form.cleaned_data["period"], by=request.user)
        if created:
            messages.success(request, _("The report is being produced; this page shows its progress."))
        else:
            messages.info(request, _("This report is already being produced."))
        return redirect(report)
    reports = reports_listed()[:100]
    return render(request, "reports/report_list.html", {"form": form, "reports": reports})


@never_cache
@staff_only
@require_safe
def report_detail(request, pk: int):
    report = get_object_or_404(reports_listed(), pk=pk)
    return render(request, "reports/report_detail.html", {"report": report, "versions": versions_of(report)})


@never_cache
@staff_only
@require_POST
def report_renew(request, pk: int):
    """One click on an out-of-date report: a new version of its period, the earlier ones kept."""
    report = get_object_or_404(Report, pk=pk)
    new, created = report_request(period=report.period, by=request.user)
    if created:
        messages.success(request, _("A new version is being produced; the earlier one stays available."))
    else:
        messages.info(request, _("This report is already being produced."))
    return redirect(new)


@staff_only
@require_safe
def report_download(request, pk: int, kind: str):
    report = get_object_or_404(Report, pk=pk, status=Report.Status.READY)
    if kind not in labels.FILES or not getattr(report, kind):
        raise Http404
    _label, content_type = labels.FILES[kind]
    return FileResponse(getattr(report, kind).open("rb"), as_attachment=True,
                        filename=labels.download_name(report, kind), content_type=content_type)
