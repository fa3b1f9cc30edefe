from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/renew/", views.report_renew, name="renew"),
    path("<int:pk>/<str:kind>/", views.report_download, name="download"),
]
