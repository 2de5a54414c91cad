from django.urls import path

from warmnet.maps import views

app_name = "maps"
urlpatterns = [
    path("", views.network_map, name="network_map"),
    path("data/", views.network_map_data, name="network_map_data"),
    path("organisations/", views.organisation_map_view, name="organisation_map"),
    path("points/<int:pk>/", views.faultline, name="faultline"),
]
