from django.urls import path

from warmnet.programme.views import answer, calendar, plan

app_name = "programme"
urlpatterns = [
    path("activities/plan/", plan.plan, name="plan"),
    path("activities/<int:pk>/answer/", answer.answer, name="answer"),
    path("programme/dismiss/", plan.dismiss, name="dismiss"),
    path("programme/suggestions/<int:pk>/reopen/", plan.reopen, name="reopen"),
    path("programme/signals/acknowledge/", plan.acknowledge, name="acknowledge"),
    path("me/", calendar.me, name="me"),
    path("me/calendar/new-links/", calendar.revoke, name="revoke"),
]
