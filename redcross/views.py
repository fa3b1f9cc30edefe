from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .health import service_states


@require_safe
def home(request):
    return render(request, "home.html")


@never_cache
@require_safe
def healthz(request):
    states = service_states()
    healthy = "error" not in states.values()
    return JsonResponse({"status": "ok" if healthy else "error", **states}, status=200 if healthy else 503)


def too_many(request, *, back: str, back_label: str):
    """A public form asked too often from one network: the visitor waits, with the way back to `back` (a URL name)."""
    return render(request, "too_many.html", {"back": reverse(back), "back_label": back_label}, status=429)
