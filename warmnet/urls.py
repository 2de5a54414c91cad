from django.contrib import admin
from django.urls import include, path

from warmnet.api.api import api
from warmnet.dashboard.urls import network_pages
from warmnet.network import urls as network_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("warmnet.accounts.urls")),
    # the network's own pages, with its landing page and members' pages from the dashboard
    path(
        "n/<slug:network>/",
        include((network_urls.urlpatterns + network_pages, network_urls.app_name)),
    ),
    path("n/<slug:network>/", include("warmnet.directory.urls")),
    path("n/<slug:network>/", include("warmnet.activities.urls")),
    path("n/<slug:network>/", include("warmnet.dossiers.urls")),
    path("n/<slug:network>/", include("warmnet.dashboard.urls")),
    path("n/<slug:network>/map/", include("warmnet.maps.urls")),
    path("n/<slug:network>/transfer/", include("warmnet.transfer.urls")),
    path("n/<slug:network>/surveys/", include("warmnet.surveys.urls")),
    path("", include("warmnet.surveys.public_urls")),
    path("n/<slug:network>/", include("warmnet.programme.urls")),
    path("n/<slug:network>/", include("warmnet.mail.urls")),
    path("", include("warmnet.programme.link_urls")),
    path("n/<slug:network>/", include("warmnet.accounts.network_urls")),
    path("n/<slug:network>/", include("warmnet.privacy.urls")),
    path("n/<slug:network>/", include("warmnet.security.urls")),
    path("account/", include("warmnet.security.account_urls")),
    path("", include("warmnet.api.urls")),
    path("api/v1/", api.urls),
    path("n/<slug:network>/", include("warmnet.report.urls")),
]

handler400 = "warmnet.security.errors.bad_request"
