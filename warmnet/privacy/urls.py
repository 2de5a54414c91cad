from django.urls import path

from warmnet.privacy import views

app_name = "privacy"
urlpatterns = [
    path("members/<int:pk>/personal-data/", views.person_export, name="person_export"),
    path("members/<int:pk>/erase/", views.person_erase, name="person_erase"),
]
