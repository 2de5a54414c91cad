from django.urls import path

from warmnet.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("insights/period/", views.period_detail, name="period"),
    path("insights/cold-members/", views.cold_members, name="cold_members"),
]
