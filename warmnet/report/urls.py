from django.urls import path

from warmnet.report import views

app_name = "report"
urlpatterns = [
    path("report/", views.page, name="page"),
    path("report/pdf/", views.pdf, name="pdf"),
    path("report/prepare/", views.prepare, name="prepare"),
    path("report/schedule/", views.schedule, name="schedule"),
    path("report/send/", views.send, name="send"),
]
