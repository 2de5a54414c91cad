"""Routes reached with a signed link instead of a login (see ``warmnet.links``)."""

from django.urls import path

from warmnet.programme.views import answer, calendar

app_name = "links"
urlpatterns = [
    path("rsvp/<str:token>/", answer.rsvp, name="rsvp"),
    path("calendar/<str:token>/", calendar.feed, name="feed"),
    path("calendar/network/<str:token>/", calendar.network_feed, name="network_feed"),
]
