"""The project's URLs plus transfer's, until the project urlconf includes them."""

from django.urls import include, path

from warmnet.urls import urlpatterns as project

urlpatterns = [
    *project,
    path("n/<slug:network>/transfer/", include("warmnet.transfer.urls")),
]
