from django.urls import path

from . import donation_lookup, donation_views, views, visit_views

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
    path("donations/lookup/", donation_lookup.donation_lookup, name="donation_lookup"),
    path("donations/lookup/<signed:token>/", donation_lookup.donation_lookup_signed, name="donation_lookup_signed"),
    path("donations/lookup/<signed:token>/certificate.pdf", donation_lookup.donation_certificate,
         name="donation_certificate"),
    path("donations/", donation_views.donations, name="donations"),
    path("donations/<int:year>/<int:month>/", donation_views.donations_month, name="donations_month"),
    path("donations/<int:year>/<int:month>/excel/", donation_views.donations_month_excel,
         name="donations_month_excel"),
    path("donations/<int:year>/excel/", donation_views.donations_year_excel, name="donations_year_excel"),
    path("donations/projects/<id:pk>/", donation_views.project_donations, name="project_donations"),
]
