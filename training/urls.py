from django.urls import path

from . import mine_views, views

# "id", "signed" and "token" are the URL shapes of redcross.validators, registered by redcross.apps.

app_name = "training"

urlpatterns = [
    path("", views.base_list, name="index"),
    path("bases/<id:pk>/", views.base_detail, name="base_detail"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/<id:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<id:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("sessions/<id:pk>/calendar.ics", views.session_calendar, name="session_calendar"),
    path("registrations/<signed:token>/", views.registration_detail, name="registration_detail"),
    path("registrations/<signed:token>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("certificates/", views.certificate_check, name="certificate_check"),
    path("certificates/v/<token:token>/", views.certificate_verify, name="certificate_verify"),
    path("privacy/", views.privacy, name="privacy"),
    path("mine/", mine_views.my_sign_ups, name="mine"),
    path("mine/code/", mine_views.code_request, name="mine_code"),
    path("mine/check/", mine_views.code_check, name="mine_check"),
    path("mine/sign-out/", mine_views.sign_out, name="mine_sign_out"),
]
