"""Routes reached with a signed link instead of a login (see ``warmnet.links``)."""

from django.urls import path

from warmnet.programme.views import answer, calendar, checkin

app_name = "links"
urlpatterns = [
    path("rsvp/<str:token>/", answer.rsvp, name="rsvp"),
    path("c/<str:token>/", checkin.self_checkin, name="checkin"),
    path("c/door/<str:token>/", checkin.door, name="checkin_door"),
    path("calendar/<str:token>/", calendar.feed, name="feed"),
    path("calendar/network/<str:token>/", calendar.network_feed, name="network_feed"),
]
