from django.urls import path

from . import views

# "id": a record's ID as redcross.validators.RecordIdConverter reads it, registered by redcross.apps.

app_name = "publicity"

urlpatterns = [
    path("", views.article_list, name="index"),
    path("<id:pk>/", views.article_detail, name="article_detail"),
]
