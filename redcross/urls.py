from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from . import private, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("private/<path:name>", private.private_file, name="private_file"),
]
# set_language sits inside the language prefix so that it resolves the page it was posted from.
urlpatterns += i18n_patterns(
    path("i18n/", include("django.conf.urls.i18n")),
    path("", views.home, name="home"),
    path("projects/", include("projects.urls")),
    path("training/", include("training.urls")),
    path("news/", include("publicity.urls")),
    path("reports/", include("redcross.reports.urls")),
    prefix_default_language=False,
)
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
