from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import service_states


@require_GET
def home(request):
    return render(request, "home.html")


@never_cache
@require_GET
def healthz(request):
    states = service_states()
    healthy = "error" not in states.values()
    return JsonResponse({"status": "ok" if healthy else "error", **states}, status=200 if healthy else 503)
