from django.urls import path

from warmnet.network.views import members, organisations, overview

# The overview and a member's page join this namespace in warmnet/urls.py: they are
# analysis pages (warmnet.dashboard), and the ground floor imports nothing above it.
app_name = "network"
urlpatterns = [
    path("audit/", overview.audit_log, name="audit_log"),
    path("organisations/new/", organisations.organisation_edit, name="organisation_new"),
    path("organisations/<int:pk>/edit/", organisations.organisation_edit, name="organisation_edit"),
    path(
        "organisations/<int:pk>/delete/",
        organisations.organisation_delete,
        name="organisation_delete",
    ),
    path("members/new/", members.member_edit, name="member_new"),
    path("members/<int:pk>/edit/", members.member_edit, name="member_edit"),
    path("members/<int:pk>/delete/", members.member_delete, name="member_delete"),
]
