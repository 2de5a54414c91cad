from django.urls import path

from warmnet.directory import views

app_name = "directory"
urlpatterns = [
    path("members/", views.member_list, name="member_list"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
]
