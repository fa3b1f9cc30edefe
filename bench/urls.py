"""The portal's URLs plus one view that does no work, for comparing pages with the framework's own cost.

The bare view lives here only: it must never be reachable in the portal itself.
"""

from django.http import HttpResponse
from django.urls import path

from redcross.urls import urlpatterns as portal


def bare(request):
    return HttpResponse("bare", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *portal]
