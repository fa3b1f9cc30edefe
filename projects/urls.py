from django.urls import path

from . import views, visit_views

# "id" and "signed" are the URL shapes of redcross.validators, registered by redcross.apps.

app_name = "projects"

urlpatterns = [
    path("", views.site_list, name="index"),
    path("sites/<id:pk>/", views.site_detail, name="site_detail"),
    path("slots/<id:pk>/book/", visit_views.book_visit, name="book_visit"),
    path("visits/<signed:token>/", visit_views.booking_detail, name="booking_detail"),
    path("visits/<signed:token>/cancel/", visit_views.booking_cancel, name="booking_cancel"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/<id:pk>/", views.activity_detail, name="activity_detail"),
]
