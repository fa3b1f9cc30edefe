from django.urls import path

from . import views

app_name = "projects"

urlpatterns = [
    path("", views.site_list, name="index"),
    path("sites/<int:pk>/", views.site_detail, name="site_detail"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
]
