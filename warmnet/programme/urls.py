from django.urls import path

from warmnet.programme.views import answer, calendar, checkin, plan, series

app_name = "programme"
urlpatterns = [
    path("activities/plan/", plan.plan, name="plan"),
    path("activities/<int:pk>/answer/", answer.answer, name="answer"),
    path("programme/dismiss/", plan.dismiss, name="dismiss"),
    path("programme/suggestions/<int:pk>/reopen/", plan.reopen, name="reopen"),
    path("programme/signals/acknowledge/", plan.acknowledge, name="acknowledge"),
    path("activities/<int:pk>/checkin/", checkin.checkin, name="checkin"),
    path("activities/<int:pk>/checkin/mark/", checkin.mark, name="checkin_mark"),
    path("activities/<int:pk>/checkin/search/", checkin.search, name="checkin_search"),
    path("activities/<int:pk>/checkin/walk-in/", checkin.walk_in, name="checkin_walk_in"),
    path("programme/series/", series.series_list, name="series_list"),
    path("programme/series/new/", series.series_new, name="series_new"),
    path("programme/series/<int:pk>/", series.series_detail, name="series_detail"),
    path("programme/series/<int:pk>/change/", series.series_change, name="series_change"),
    path("programme/series/<int:pk>/state/", series.series_state, name="series_state"),
    path("me/", calendar.me, name="me"),
    path("me/calendar/new-links/", calendar.revoke, name="revoke"),
]
