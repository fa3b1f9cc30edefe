"""Protections every request and response goes through that Django's own middleware leaves out."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _


class SecurityHeadersMiddleware:
    """Permissions-Policy and Cross-Origin-Resource-Policy on every response, static files included.

    SecurityMiddleware sets HSTS, Referrer-Policy, Cross-Origin-Opener-Policy and nosniff; these two it does not.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in settings.PERMISSIONS_POLICY.items())
        response.headers.setdefault("Permissions-Policy", policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        return response


class RequestBodyLimitMiddleware:
    """Refuses a request body larger than PUBLIC_REQUEST_MAX_BYTES from its Content-Length, before it is read.

    Public forms are a few fields of text; Django caps form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams any
    file part of a multipart body to disk whatever its size. Only staff in the admin, who upload photos and
    attachments, may send more (up to the proxy's client_max_body_size). A body sent without Content-Length is
    not read by Django at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.PUBLIC_REQUEST_MAX_BYTES and not self.staff_in_admin(request):
            return HttpResponse(
                _("What you sent is larger than this page accepts. Please shorten it and try again."),
                status=413, content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    @staticmethod
    def staff_in_admin(request) -> bool:
        return request.path.startswith(reverse("admin:index")) and request.user.is_staff
