from django.urls import path

from . import views

app_name = "publicity"

urlpatterns = [
    path("", views.article_list, name="index"),
    path("<int:pk>/", views.article_detail, name="article_detail"),
]
