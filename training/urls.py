from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.base_list, name="index"),
    path("bases/<int:pk>/", views.base_detail, name="base_detail"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/sign-up/", views.sign_up, name="sign_up"),
    path("registrations/<str:token>/", views.registration_detail, name="registration_detail"),
    path("registrations/<str:token>/cancel/", views.registration_cancel, name="registration_cancel"),
    path("certificates/", views.certificate_check, name="certificate_check"),
    path("certificates/v/<str:token>/", views.certificate_verify, name="certificate_verify"),
    path("privacy/", views.privacy, name="privacy"),
]
