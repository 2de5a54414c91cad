from django.contrib import admin
from django.urls import include, path

from warmnet.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("warmnet.accounts.urls")),
    path("n/<slug:network>/", include("warmnet.network.urls")),
    path("n/<slug:network>/", include("warmnet.activities.urls")),
    path("n/<slug:network>/", include("warmnet.dossiers.urls")),
    path("n/<slug:network>/", include("warmnet.dashboard.urls")),
    path("n/<slug:network>/map/", include("warmnet.maps.urls")),
    path("n/<slug:network>/transfer/", include("warmnet.transfer.urls")),
    path("", include("warmnet.api.urls")),
    path("api/v1/", api.urls),
]
