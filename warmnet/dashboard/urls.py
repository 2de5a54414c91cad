from django.urls import path

from warmnet.dashboard import member, views

app_name = "dashboard"
urlpatterns = [
    path("insights/period/", views.period_detail, name="period"),
    path("insights/cold-members/", views.cold_members, name="cold_members"),
]

#: The network's landing page and a member's page: analysis pages, living here, yet
#: named in the ``network`` namespace (``network:overview``, ``network:member_detail``)
#: at the same addresses as ever; warmnet/urls.py joins them to the network's own.
network_pages = [
    path("", views.overview, name="overview"),
    path("members/<int:pk>/", member.member_detail, name="member_detail"),
]
