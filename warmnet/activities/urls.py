from django.urls import path

from warmnet.activities.views import activities, attendance, calendar, contacts

app_name = "activities"
urlpatterns = [
    path("activities/", activities.activity_list, name="activity_list"),
    path("activities/new/", activities.activity_edit, name="activity_new"),
    path("activities/calendar/", calendar.activity_calendar, name="calendar"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", activities.activity_delete, name="activity_delete"),
    path("activities/<int:pk>/invite/", activities.activity_invite, name="activity_invite"),
    path(
        "activities/<int:pk>/attendance/",
        activities.activity_attendance,
        name="activity_attendance",
    ),
    path("attendance/", attendance.attendance_grid, name="attendance_grid"),
    path("attendance/cell/", attendance.attendance_cell, name="attendance_cell"),
    path("contacts/", contacts.contact_list, name="contact_list"),
    path("contacts/new/", contacts.contact_edit, name="contact_new"),
    path("contacts/<int:pk>/edit/", contacts.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", contacts.contact_delete, name="contact_delete"),
]
