from django.urls import path

from . import views

# "id": a record's ID as redcross.validators.RecordIdConverter reads it, registered by redcross.apps.

app_name = "projects"

urlpatterns = [
    path("", views.site_list, name="index"),
    path("sites/<id:pk>/", views.site_detail, name="site_detail"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/<id:pk>/", views.activity_detail, name="activity_detail"),
]
