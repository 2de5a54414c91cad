from django.urls import path, re_path

from warmnet.transfer import views
from warmnet.transfer.calendar import views as calendar

app_name = "transfer"
urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("import/calendar/", calendar.calendar_import, name="calendar_import"),
    path("import/calendar/confirm/", calendar.calendar_confirm, name="calendar_confirm"),
    path("export/", views.export_page, name="export"),
    re_path(r"^export/(?P<fmt>csv|xlsx)/$", views.export_download, name="export_download"),
]
